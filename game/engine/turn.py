"""The work area of one turn's resolution: the new state being built, the dice, and helpers.

Every change a handler makes goes through these helpers, so bounds (rungs 0–10,
meters 0–100) and the log are kept in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as _date
from datetime import timedelta

from game.engine.dice import Dice
from game.engine.limits import clamp
from game.engine.model import Audience, LogEntry, Order, Side, Term, Visibility
from game.engine.scenario_types import Effects, OrderDef, Scenario
from game.engine.state import GameState

MAX_RUNG = 10


def turn_span(first: str, days: float) -> str:
    """The dates a turn covers, as a log line carries them: the day itself for a day or a half-day, and an ISO
    interval ("1962-10-29/1962-11-04") for a turn of several days, whose events are not all on its first day."""
    if days <= 1:
        return first
    last = _date.fromisoformat(first) + timedelta(days=int(round(days)) - 1)
    return f"{first}/{last.isoformat()}"


def in_span(day: str, span: str) -> bool:
    """Whether the date ``day`` falls inside a turn's span (as ``turn_span`` writes it)."""
    first, _, last = span.partition("/")
    return first <= day <= (last or first)


def describe_terms(scenario: Scenario, terms: tuple[Term, ...], public_only: bool = False) -> str:
    """The terms in words, each marked secret where it is."""
    defs = scenario.terms
    parts = []
    for term in terms:
        if public_only and term.secret:
            continue
        label = defs[term.kind].label if term.kind in defs else term.kind
        parts.append(label + (" (secret)" if term.secret and not public_only else ""))
    return "; ".join(parts) if parts else "no terms"


class Turn:
    """One turn being resolved. ``s`` is the new state, a private copy that may be changed."""

    # risk: added by handlers this turn; entries: the log lines written this turn, filed by ``finish``
    __slots__ = ("s", "dice", "risk", "escalated", "orders", "incidents", "entries")

    def __init__(self, state: GameState, orders: dict[Side, tuple[Order, ...]]) -> None:
        self.s = state.copy()
        self.dice = Dice(state.rng)
        self.risk = 0.0
        self.escalated = False
        self.orders = orders
        self.incidents: list[str] = []
        self.entries: dict[Visibility, list[LogEntry]] = {"public": [], "us": [], "ussr": []}

    # -- the log --

    def log(self, key: str, text: str, visibility: Audience, on: str = "") -> None:
        """Add an entry. ``visibility`` is public, us, ussr, or both (one entry for each leader). The entry carries
        the date its event happened: ``on`` when given and inside the turn, else the turn's day or span."""
        s = self.s
        td = s.scenario.turns[s.turn]
        date = td.span
        if on and in_span(on, date):
            date = on
        for vis in ("us", "ussr") if visibility == "both" else (visibility,):
            s.seq += 1
            self.entries[vis].append(tuple.__new__(LogEntry, (s.seq, s.turn, date, key, text, vis)))

    def finish(self) -> GameState:
        """File the turn's log lines (one tuple concatenation per log, not one per line) and store the dice."""
        s = self.s
        logs = s.logs
        for vis, lines in self.entries.items():
            if lines:
                logs[vis] = logs[vis] + tuple(lines)
        s.rng = self.dice.state()
        return s

    # -- tracks --

    def raise_rung(self, at_least: int = 0, delta: int = 0) -> None:
        s = self.s
        new = max(s.rung + delta, at_least)
        new = min(MAX_RUNG, max(0, new))
        if new > s.rung:
            self.escalated = True
        s.rung = new
        if new > s.max_rung:
            s.max_rung = new

    def meter(self, key: str, delta: float) -> None:
        meters = self.s.meters
        meters[key] = clamp(meters[key] + delta)

    def set_flag(self, name: str, visibility: Visibility = "public") -> None:
        flags = self.s.flags
        flags[visibility] = flags[visibility] | {name}

    def clear_flag(self, name: str) -> None:
        self.clear_flags((name,))

    def clear_flags(self, names: tuple[str, ...] | list[str]) -> None:
        flags = self.s.flags
        for vis in ("public", "us", "ussr"):
            if not flags[vis].isdisjoint(names):
                flags[vis] = flags[vis].difference(names)

    def castro(self, delta: float) -> None:
        s = self.s
        s.castro_alarm = clamp(s.castro_alarm + delta)

    def apply_effects(self, eff: Effects, scale: float = 1.0) -> None:
        """The effects of an order, event or incident; ``scale`` shrinks a repeated order's meters and Castro."""
        if eff.rung or eff.rung_min:
            self.raise_rung(eff.rung_min, eff.rung) if eff.rung >= 0 else self.lower_rung(-eff.rung)
        for key, delta in eff.meters.items():
            self.meter(key, delta * scale)
        for name in eff.flags:
            self.set_flag(name, "public")
        for name in eff.us_flags:
            self.set_flag(name, "us")
        for name in eff.ussr_flags:
            self.set_flag(name, "ussr")
        for name in eff.clear_flags:
            self.clear_flag(name)
        if eff.castro_alarm:
            self.castro(eff.castro_alarm * scale)
        if eff.invasion_prep:
            s = self.s
            s.invasion_prep = clamp(s.invasion_prep + eff.invasion_prep)

    def lower_rung(self, steps: int) -> None:
        s = self.s
        s.rung = max(0, s.rung - steps)


def repeat_scale(odef: OrderDef, seen: Iterable[LogEntry]) -> float:
    """What is left of a diminishing order's meters and Castro effect: half for each time it was given before,
    counted from the log line it writes each time among the entries its side can read (``seen``). The turn
    and the risk forecast count the same entries, so the preview shrinks as the order does."""
    if not odef.diminishing:
        return 1.0
    key = odef.log_key
    return float(0.5 ** sum(1 for entry in seen if entry.key == key))
