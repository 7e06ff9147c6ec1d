"""Replay history as a tutorial: the record day by day, explained, with the chance to step off it.

Both front ends use this: ``HistoricalPath`` holds the crisis as it happened
(historical doctrines, historical friction); ``Guide`` tells a player, each
turn, what the record's leader did and why, and how far the game has moved
from history. The words come from the scenario's narration and the doctrines'
*why*s; nothing here is shown that the player's side could not know, except
the record itself, which is the point of the lesson.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from game.ai.doctrine import Choice, doctrine_policy
from game.engine.model import LEADER, SIDES
from game.engine.record import play_turn
from game.engine.setup import new_game
from game.engine.state import GameState
from game.engine.view import player_view
from game.history import HISTORY_SEED
from game.scenario.model import Day, Scenario

TUTORIAL_FRICTION = "historical"


class HistoricalPath:
    """Every dawn of the crisis as it happened, and the orders given on each day."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        policies = {side: doctrine_policy(scenario, side) for side in SIDES}
        state = new_game(scenario, HISTORY_SEED, TUTORIAL_FRICTION)
        self.states: list[GameState] = [state]
        self.choices: dict[int, dict[str, list[Choice]]] = {}
        while not state.over:
            choices = {side: policies[side].explain(player_view(state, side)) for side in SIDES}
            self.choices[state.turn] = choices
            state = play_turn(state, {side: tuple(c.order for c in cs) for side, cs in choices.items()}, None)
            self.states.append(state)
        self.dawns = {s.turn: s for s in reversed(self.states)}  # the first state of each turn wins

    def at(self, turn: int) -> GameState:
        """The historical state at the dawn of ``turn`` (the last one if the path ended sooner)."""
        return self.dawns.get(turn, self.states[-1])

    def orders_on(self, turn: int, side: str) -> list[Choice]:
        return self.choices.get(turn, {}).get(side, [])


def day(scenario: Scenario, state: Any) -> Day | None:
    """The narration of the turn ``state`` stands at (a state or a view)."""
    return scenario.days.get((state.date, state.part))


SEED_FILE = re.compile(r"\b(\d{3})_[0-9a-f]{16}\.txt\b")


def cite(sources: str) -> str:
    """Sources as the chronology names them: its ids (S18…) and "seed 003" for a commissioning document's file."""
    return SEED_FILE.sub(r"seed \1", sources)


def day_text(scenario: Scenario, state: Any) -> list[str]:
    """The day's narration as lines of text, the same in the terminal and in the window."""
    page = day(scenario, state)
    if page is None:
        return []
    return [page.title.upper(), f"Sources: {cite(', '.join(page.sources))}", page.text]


@dataclass(frozen=True)
class Divergence:
    """How far a game has moved from the record."""

    on_path: bool
    turns_off: int  # turns on which the player's orders were not the record's
    rung: int
    rung_then: int
    notes: tuple[str, ...]

    EXPLAINED = ("How far apart: 0% is the record's own path. Each day whose orders differed from the record's "
                 "adds 8 points, each rung between the ladder now and the ladder then adds 12, and each other "
                 "difference (a settlement, the quarantine, the ending) adds 15; 100% means nothing is left in common.")

    @property
    def score(self) -> int:
        """0 on the record's path; 100 for a crisis that has nothing left in common with it (see ``EXPLAINED``)."""
        if self.on_path:
            return 0
        return min(100, 8 * self.turns_off + 12 * abs(self.rung - self.rung_then) + 15 * len(self.notes))

    def describe(self) -> str:
        if self.on_path:
            return "On the historical path."
        parts = [f"Off the historical path ({self.score}% apart)"]
        if self.rung != self.rung_then:
            parts.append(f"the ladder stands at {self.rung}, where it stood at {self.rung_then}")
        parts.extend(self.notes)
        return "; ".join(parts) + "."


class Guide:
    """The tutorial's voice for one side: the record's orders for today and their reasons."""

    def __init__(self, scenario: Scenario, side: str, path: HistoricalPath | None = None) -> None:
        self.scenario = scenario
        self.side = side
        self.path = path or HistoricalPath(scenario)
        self.policy = doctrine_policy(scenario, side)
        self.turns_off = 0

    @classmethod
    def resume(cls, scenario: Scenario, record: Any) -> Guide:
        """The guide of a tutorial game continued from its save: the turns already played are weighed again."""
        side = next((s for s in record.meta.get("humans", []) if s in SIDES), "us")
        guide = cls(scenario, side)
        state = new_game(scenario, record.seed, record.friction)
        for index in range(len(record.turns)):
            orders = record.orders_of(index)
            guide.note_orders(player_view(state, side), orders[side])
            state = play_turn(state, orders, None)
        return guide

    def advice(self, view: Any) -> list[Choice]:
        """What the record's leader did this day — or, off the path, what his doctrine says he would do."""
        return self.policy.explain(view)

    def advice_text(self, view: Any) -> list[str]:
        lines = []
        for choice in self.advice(view):
            label = self.scenario.orders[choice.order.kind].label
            lines.append(f"{label}: {choice.rule.why} (Sources: {cite(choice.rule.source)})")
        if not lines:
            lines.append(f"{LEADER[self.side]} gave no orders this day.")
        return lines

    def note_orders(self, view: Any, orders: tuple[Any, ...]) -> None:
        """Count a turn on which the player did not follow the record."""
        if tuple(orders) != tuple(c.order for c in self.advice(view)):
            self.turns_off += 1

    def divergence(self, state: Any) -> Divergence:
        """How far a state (or a view: only public facts are compared) is from the record on its day."""
        then = self.path.states[-1] if state.over else self.path.at(state.turn)
        notes = []
        if (state.agreement is None) != (then.agreement is None):
            notes.append("a settlement has been made that history had not" if state.agreement is not None
                         else "no settlement where history had one")
        if state.quarantine != then.quarantine:
            notes.append(f"the quarantine is {state.quarantine.replace('_', ' ')}, not "
                         f"{then.quarantine.replace('_', ' ')}")
        if state.outcome is not None and then.outcome is not None and state.outcome.kind != then.outcome.kind:
            notes.append(f"the crisis ended in {state.outcome.kind.replace('_', ' ')}")
        on_path = self.turns_off == 0 and not notes and state.rung == then.rung
        return Divergence(on_path, self.turns_off, state.rung, then.rung, tuple(notes))
