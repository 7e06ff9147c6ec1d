"""The days before a variant begins, played as they happened: the historical doctrines give their orders.

The kernel plays a prelude with whatever orders it is handed and the loader only counts its turns; the
doctrines that choose those orders belong to the AI, so this layer above both joins them.
"""

from __future__ import annotations

from game.ai.doctrine import doctrine_policy
from game.engine import record, setup
from game.engine.model import SIDES, Order, Side
from game.engine.scenario_types import Scenario
from game.engine.state import GameState
from game.engine.view import player_view


def historical_orders(scenario: Scenario) -> setup.PreludeOrders:
    """Each prelude turn's orders, as the historical leaders' doctrines choose them."""
    policies = {side: doctrine_policy(scenario, side) for side in SIDES}

    def orders(state: GameState) -> dict[Side, tuple[Order, ...]]:
        return {side: policies[side].choose(player_view(state, side)) for side in SIDES}

    return orders


def new_game(scenario: Scenario, seed: int = 1962, friction: str = "plausible") -> GameState:
    """``engine.setup.new_game`` with the prelude played by the historical doctrines."""
    return setup.new_game(scenario, seed, friction, historical_orders(scenario))


def replay(game: record.GameRecord, scenario: Scenario, upto: int | None = None) -> GameState:
    """``engine.record.replay`` with the prelude played by the historical doctrines."""
    return record.replay(game, scenario, upto, historical_orders(scenario))
