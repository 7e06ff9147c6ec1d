"""The game record: scenario id and content hash, seed, friction, every turn's orders and chance draws.

It is the save file and the replay (the OpenSpiel habit: chance is a player,
and the history alone determines the game). ``replay(record, scenario)``
applies the orders again from the seed and checks that every draw comes out as
recorded, so a record replays to the identical state or says why it cannot.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.model import SIDES, Order, Side
from game.engine.orders import IllegalOrders
from game.engine.resolve import apply
from game.engine.scenario_types import Scenario
from game.engine.serialize import order_from_json, order_to_json
from game.engine.setup import PreludeOrders, new_game
from game.engine.state import GameState

RECORD_VERSION = 1


class ReplayError(ValueError):
    """A record that does not replay on this scenario and engine."""


@dataclass
class GameRecord:
    scenario_id: str
    scenario_hash: str
    seed: int
    friction: str
    turns: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def start(cls, scenario: Scenario, seed: int, friction: str, **meta: Any) -> GameRecord:
        return cls(scenario.id, scenario.content_hash, int(seed), friction, [], dict(meta))

    def add(self, orders: Mapping[Side, tuple[Order, ...]], after: GameState) -> None:
        """Append one turn: the orders given and the draws their resolution made."""
        self.turns.append(
            {
                "orders": {side: [order_to_json(o) for o in orders.get(side, ())] for side in SIDES},
                "draws": list(after.draws),
            }
        )

    def orders_of(self, index: int) -> dict[Side, tuple[Order, ...]]:
        raw = self.turns[index]["orders"]
        return {side: tuple(order_from_json(o) for o in raw.get(side, ())) for side in SIDES}

    def to_json(self) -> dict[str, Any]:
        return {
            "version": RECORD_VERSION,
            "scenario": {"id": self.scenario_id, "hash": self.scenario_hash},
            "seed": self.seed,
            "friction": self.friction,
            "meta": self.meta,
            "turns": self.turns,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GameRecord:
        return cls(
            scenario_id=data["scenario"]["id"],
            scenario_hash=data["scenario"]["hash"],
            seed=int(data["seed"]),
            friction=str(data["friction"]),
            turns=list(data["turns"]),
            meta=dict(data.get("meta", {})),
        )


def play_turn(state: GameState, orders: Mapping[Side, tuple[Order, ...]], record: GameRecord | None) -> GameState:
    """Apply a turn and, if a record is kept, write it down."""
    new = apply(state, orders)
    if record is not None:
        record.add(orders, new)
    return new


def replay(
    record: GameRecord, scenario: Scenario, upto: int | None = None, prelude: PreludeOrders | None = None
) -> GameState:
    """The state the record leads to (after ``upto`` turns, or all of them); ``prelude`` as for ``new_game``."""
    if record.scenario_id != scenario.id:
        raise ReplayError(f"the record is of scenario '{record.scenario_id}', not '{scenario.id}'")
    if record.scenario_hash != scenario.content_hash:
        raise ReplayError(f"scenario '{scenario.id}' has changed since this game was recorded")
    state = new_game(scenario, record.seed, record.friction, prelude)
    count = len(record.turns) if upto is None else upto
    for i in range(count):
        try:
            state = apply(state, record.orders_of(i))
        except IllegalOrders as exc:
            raise ReplayError(f"turn {i + 1}: the recorded orders are not legal ({exc})") from exc
        expected = record.turns[i].get("draws")
        if expected is not None and list(state.draws) != list(expected):
            raise ReplayError(f"turn {i + 1}: the chance draws differ from the record")
    return state
