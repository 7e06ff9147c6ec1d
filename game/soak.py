"""``python -m game soak``: random legal play with every invariant checked after every step, then random
input over every screen of the window (``game.ui.fuzz.soak_window``). It prints its figures; any broken
invariant or error makes it fail."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from game.ai.random_policy import RandomPolicy
from game.engine.invariants import broken_invariants
from game.engine.model import SIDES
from game.engine.resolve import apply
from game.engine.scenario_types import Scenario
from game.engine.view import player_view
from game.prelude import new_game


class SoakFailure(AssertionError):
    """An invariant broke: the message names the game, the turn and the invariant."""


def soak_engine(scenario: Scenario, games: int, seconds: float, seed: int = 0) -> dict[str, Any]:
    """Up to ``games`` random games (or ``seconds``), both frictions, invariants after every turn."""
    policy = RandomPolicy()
    start = time.perf_counter()
    played = steps = actions = 0
    for i in range(games):
        if time.perf_counter() - start > seconds:
            break
        game_seed = seed + i
        friction = ("plausible", "historical")[i % 2]
        dice = {side: np.random.default_rng([game_seed, k]) for k, side in enumerate(SIDES)}
        state = new_game(scenario, game_seed, friction)
        while not state.over:
            orders = {side: policy.choose(player_view(state, side), dice[side]) for side in SIDES}
            after = apply(state, orders)
            problems = broken_invariants(after, state)
            if problems:
                raise SoakFailure(f"game seed {game_seed} ({friction}), turn {state.turn + 1}: {'; '.join(problems)}")
            steps += 1
            actions += len(orders["us"]) + len(orders["ussr"]) + len(after.draws)
            state = after
        played += 1
    elapsed = time.perf_counter() - start
    return {
        "games": played,
        "turns": steps,
        "actions": actions,
        "broken_invariants": 0,
        "seconds": round(elapsed, 1),
        "games_per_second": round(played / elapsed, 1) if elapsed else None,
    }
