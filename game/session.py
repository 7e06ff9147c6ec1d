"""A game being played by people: who is at the keyboard, whose orders are in, the AI for the rest.

Both front ends (the terminal and the window) drive a ``Session``: each human
side commits its orders in turn; when the last one has, the AI sides choose
from their own views and the turn is resolved and written to the record.
Nothing here knows how it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.ai.doctrine import doctrine_policy
from game.engine.model import SIDES, LogEntry, Order, Side, long_date
from game.engine.orders import IllegalOrders, check_orders
from game.engine.record import GameRecord, play_turn
from game.engine.scenario_types import Scenario
from game.engine.state import GameState
from game.engine.view import PlayerView, player_view
from game.prelude import new_game, replay


@dataclass(frozen=True)
class TurnResult:
    """One resolved turn: the state before and after it."""

    before: GameState
    after: GameState

    def news(self, side: Side | None) -> list[LogEntry]:
        """What the turn brought, as ``side`` may read it (None: the public news, for players watching together)."""
        seen_by: Side = side or "us"
        old = player_view(self.before, seen_by).log
        new = player_view(self.after, seen_by).log[len(old) :]
        return [e for e in new if side is not None or e.visibility == "public"]

    def line(self, entry: LogEntry) -> str:
        """An entry in words. News of the next dawn (a photograph developed overnight, a letter that arrives)
        says its date, so it is not taken for the day just played."""
        if entry.date == self.before.date or "/" in entry.date:  # a day of its own, or the turn's whole span
            return entry.text
        return f"{long_date(entry.date, year=False)}: {entry.text}"


class Session:
    """One game: the state, its record, the human sides and the AI opponents."""

    def __init__(
        self, scenario: Scenario, record: GameRecord, state: GameState, humans: tuple[Side, ...], opponent: str
    ) -> None:
        self.scenario = scenario
        self.record = record
        self.state = state
        self.humans = humans
        self.opponent = opponent
        self.ai = {side: doctrine_policy(scenario, side, opponent) for side in SIDES if side not in humans}
        self.committed: dict[Side, tuple[Order, ...]] = {}

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int,
        friction: str,
        humans: tuple[Side, ...],
        opponent: str = "historical",
        **meta: Any,
    ) -> Session:
        record = GameRecord.start(scenario, seed, friction, humans=list(humans), opponent=opponent, **meta)
        return cls(scenario, record, new_game(scenario, seed, friction), humans, opponent)

    @classmethod
    def resume(cls, scenario: Scenario, record: GameRecord, state: GameState | None = None) -> Session:
        """The game a record describes, at the start of its next turn: ``state`` if the record was replayed
        already, else replayed now (raises ``ReplayError``)."""
        named = record.meta.get("humans", ["us"])
        humans: tuple[Side, ...] = tuple(side for s in named for side in SIDES if side == s) or ("us",)
        opponent = str(record.meta.get("opponent", "historical"))
        return cls(scenario, record, state if state is not None else replay(record, scenario), humans, opponent)

    @property
    def hotseat(self) -> bool:
        return len(self.humans) == 2

    @property
    def over(self) -> bool:
        return self.state.over

    def view(self, side: Side) -> PlayerView:
        return player_view(self.state, side)

    def to_play(self) -> Side | None:
        """The human side whose orders are awaited now, or None when the game is over."""
        if self.state.over:
            return None
        return next((side for side in self.humans if side not in self.committed), None)

    def commit(self, side: Side, orders: tuple[Order, ...]) -> TurnResult | None:
        """Take a side's orders; once every human has committed, resolve the turn and return it."""
        if side != self.to_play():
            raise IllegalOrders(side, [f"it is not {side}'s turn to give orders"])
        problems = check_orders(self.view(side), orders)
        if problems:
            raise IllegalOrders(side, problems)
        self.committed[side] = tuple(orders)
        if self.to_play() is not None:
            return None
        all_orders = dict(self.committed)
        for ai_side, policy in self.ai.items():
            all_orders[ai_side] = policy.choose(self.view(ai_side))
        before = self.state
        self.state = play_turn(before, all_orders, self.record)
        self.committed = {}
        return TurnResult(before, self.state)

    @property
    def in_aftermath(self) -> bool:
        """Terms are agreed and the game goes on only to see them carried out."""
        return not self.state.over and self.state.agreement is not None and not self.committed

    def run_aftermath(self) -> TurnResult:
        """Let the aftermath run to its end in one step: every side keeps its promises as the historical leaders
        did (the AI sides play on as before). Stops early, with the crisis open again, if the agreement breaks."""
        if not self.in_aftermath:
            raise IllegalOrders("both", ["there is no agreement whose aftermath could run by itself"])
        keepers = {side: self.ai.get(side) or doctrine_policy(self.scenario, side, "historical") for side in SIDES}
        start = self.state
        while not self.state.over and self.state.agreement is not None:
            orders: dict[Side, tuple[Order, ...]] = {side: keepers[side].choose(self.view(side)) for side in SIDES}
            self.state = play_turn(self.state, orders, self.record)
        return TurnResult(start, self.state)  # all its news at once, each line dated
