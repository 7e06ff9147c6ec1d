"""The compiled scenario, the kernel's own values: plain frozen dataclasses that game.scenario builds from TOML.

Conditions arrive here already compiled (see ``game.engine.conditions``), so the
engine never parses text while it plays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from game.engine.conditions import parts
from game.engine.model import Audience, Phase, Side, Term
from game.engine.parameters import OrderParams, Rules, ShipDef, SiteDef, StartState, SubDef
from game.engine.predicates import OfferMatch

Condition = Callable[[Any, Any], bool]


@dataclass(frozen=True, slots=True)
class TurnDef:
    date: str
    part: str  # day | am | pm | week
    label: str
    days: float
    span: str  # the dates the turn covers as its log lines carry them (see ``turn.turn_span``)


@dataclass(frozen=True, slots=True)
class RungDef:
    level: int
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Effects:
    """What an order, event or incident does besides its engine handler."""

    rung: int = 0  # change of the rung
    rung_min: int = 0  # the rung is raised to at least this
    meters: Mapping[str, float] = field(default_factory=dict)  # "us.hawks" -> change
    flags: tuple[str, ...] = ()  # public flags set
    us_flags: tuple[str, ...] = ()
    ussr_flags: tuple[str, ...] = ()
    clear_flags: tuple[str, ...] = ()
    castro_alarm: float = 0.0
    invasion_prep: float = 0.0


NO_EFFECTS = Effects()


@dataclass(frozen=True, slots=True)
class OrderDef:
    id: str
    side: Side
    label: str
    help: str
    cost: int
    phase: Phase
    group: str
    handler: str
    params: OrderParams
    when: Condition
    effects: Effects
    risk: float  # added to this turn's incident probability
    visibility: Literal["public", "own", "both"]  # who learns of the order when it resolves
    log: str  # the log line, leaders' names already filled in
    target: str  # "" | ship | offer | sub
    source: str
    log_key: str = ""
    turns: frozenset[int] | None = None  # the turns the dates in its condition allow (None: any)
    diminishing: bool = False  # each repetition moves the meters half as much as the one before

    def allowed_on(self, turn: int) -> bool:
        return self.turns is None or turn in self.turns


@dataclass(frozen=True, slots=True)
class EventDef:
    id: str
    at: str  # dawn (before orders) or dusk (after the turn's resolution)
    force: tuple[str, ...]  # orders carried out by the event
    date: str  # earliest date on which it may fire
    part: str  # "" or am/pm
    when: Condition
    visibility: Audience
    text: str
    effects: Effects
    source: str
    turns: frozenset[int] | None = None  # the turns the dates in its condition allow (None: any)
    on: str = ""  # the day it happened, inside a turn of several days ("" : the turn's own date or span)


@dataclass(frozen=True, slots=True)
class IncidentDef:
    id: str
    weight: float
    when: Condition
    visibility: Audience
    text: str
    effects: Effects
    historical: tuple[tuple[str, str], ...]  # (date, part) on which it happens in historical friction
    source: str
    responder: str  # side that may answer it ("" if none)
    secret_text: str  # a second entry that only ``secret_to`` reads ("" if none)
    secret_to: Literal["", Side]  # "" when there is no secret text


@dataclass(frozen=True, slots=True)
class TermDef:
    id: str
    label: str
    by: Side  # the side that concedes it
    value: float  # how much it is worth to the side that receives it
    may_be_secret: bool
    public_meters: Mapping[str, float]  # the political cost when agreed in public
    leak_meters: Mapping[str, float]  # the cost when a secret agreement of it leaks
    forbids: frozenset[str] = frozenset()  # orders that would break it once agreed
    done: Condition | None = None  # condition (state, None) -> bool: carried out; None when there is nothing to do
    due: int = 0  # turns after the agreement by which ``done`` must hold


@dataclass(frozen=True, slots=True)
class FrictionDef:
    """Coefficients of the incident-probability formula (see ``engine.friction``)."""

    base: float
    per_rung: float
    per_defcon: float
    per_alert: float
    castro: float
    local_authority: float
    held_ship: float
    sub_near_line: float
    escorted_ship: float
    cap: float
    settled: float
    spiral_from: int
    max_incidents: int
    leak_per_knower: float
    knowers: Mapping[str, int]
    knowers_growth: int


@dataclass(frozen=True, slots=True)
class Briefing:
    """The card a leader reads before the first orders."""

    advisers: str
    knows: str
    wants: str
    fears: str

    def sections(self) -> tuple[tuple[str, str], ...]:
        """The card's headings and their text, in reading order (the same in both front ends)."""
        return (
            ("Who advises you", self.advisers),
            ("What you know", self.knows),
            ("What you want", self.wants),
            ("What you fear", self.fears),
        )


@dataclass(frozen=True, slots=True)
class Day:
    """The tutorial's page for one turn: what happened, and what each leader knew and weighed."""

    title: str
    text: str
    us: str
    ussr: str
    sources: tuple[str, ...]


# An event that may fire on a turn: (event, flags its condition requires, flags it forbids, the rest or None).
EventSlot = tuple[EventDef, frozenset[str], frozenset[str], Condition | None]
# Orders sharing a condition: (flags required, flags forbidden, the rest or None, the condition, the orders).
OrderGroup = tuple[frozenset[str], frozenset[str], Condition | None, Condition, tuple[OrderDef, ...]]


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    title: str
    description: str
    path: str
    content_hash: str
    action_points: Mapping[str, int]
    turns: tuple[TurnDef, ...]
    rungs: tuple[RungDef, ...]
    start: StartState
    meters: Mapping[str, Mapping[str, float]]
    meter_labels: Mapping[str, str]
    ships: tuple[ShipDef, ...]
    subs: tuple[SubDef, ...]
    sites: tuple[SiteDef, ...]
    orders: Mapping[str, OrderDef]
    events: tuple[EventDef, ...]
    incidents: tuple[IncidentDef, ...]
    terms: Mapping[str, TermDef]
    friction: FrictionDef
    rules: Rules
    briefings: Mapping[str, Briefing] = field(default_factory=dict)
    doctrines: Mapping[str, DoctrineDef] = field(default_factory=dict)
    prelude_turns: int = 0  # the turns played as history before the players take over
    days: Mapping[tuple[str, str], Day] = field(default_factory=dict)  # the tutorial's pages, by (date, part)
    questions: tuple[str, ...] = ()  # for the debrief

    by_side: Mapping[str, tuple[OrderDef, ...]] = field(default_factory=dict, compare=False, repr=False)

    # (turn, dawn or dusk) -> the events that may fire then, each as (event, flags its condition requires,
    # flags it forbids, the rest of its condition or None)
    events_by_turn: Mapping[tuple[int, str], tuple[EventSlot, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    # side -> turn -> the orders whose dates allow that turn, gathered by their (shared) undated condition,
    # each group as (flags required, flags forbidden, rest of the condition or None, condition, orders)
    order_groups: Mapping[str, tuple[tuple[OrderGroup, ...], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    visible_meters: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_side = {s: tuple(o for o in self.orders.values() if o.side == s) for s in ("us", "ussr")}
        object.__setattr__(self, "by_side", by_side)
        # Each side's orders of each turn gathered by their (shared, compiled) condition, then tested once.
        groups: dict[str, list[tuple[OrderGroup, ...]]] = {side: [] for side in by_side}
        for side, orders in by_side.items():
            for turn in range(len(self.turns)):
                by_pred: dict[Condition, list[OrderDef]] = {}
                for o in orders:
                    if o.allowed_on(turn):
                        by_pred.setdefault(o.when, []).append(o)
                groups[side].append(tuple((*parts(pred), pred, tuple(os)) for pred, os in by_pred.items()))
        object.__setattr__(self, "order_groups", {side: tuple(g) for side, g in groups.items()})
        # What each side may read of the meters: its own, and the other side's standing in world opinion.
        keys = [f"{s}.{name}" for s, table in self.meters.items() for name in table]
        object.__setattr__(
            self,
            "visible_meters",
            {
                side: tuple(k for k in keys if k.startswith(side + ".") or k == f"{rival}.world")
                for side, rival in (("us", "ussr"), ("ussr", "us"))
            },
        )
        # The events that may fire on each turn, at dawn or at dusk: their date has come and the part fits.
        events = {
            (i, at): tuple(
                (e, *parts(e.when))
                for e in self.events
                if e.at == at
                and e.date <= t.date
                and (not e.part or e.part == t.part)
                and (e.turns is None or i in e.turns)
            )
            for i, t in enumerate(self.turns)
            for at in ("dawn", "dusk")
        }
        object.__setattr__(self, "events_by_turn", events)

    def orders_of(self, side: str) -> tuple[OrderDef, ...]:
        """The orders of one side, in the scenario's order."""
        return self.by_side[side]

    def turn_label(self, turn: int) -> str:
        """A turn's date in words; a deadline past the last turn falls on the last turn."""
        return self.turns[min(turn, len(self.turns) - 1)].label

    def turn_count(self, turn: int) -> str:
        """'turn 3 of 10', counted from the first turn the players play: a prelude is history, not play."""
        first = self.prelude_turns
        return f"turn {turn - first + 1} of {len(self.turns) - first}"


@dataclass(frozen=True, slots=True)
class RuleDef:
    """One doctrine rule: when its condition holds, the order it names is wanted."""

    id: str
    when: Condition
    order: str
    target: str  # "", a literal id, or "$offer" / "$ship" / "$sub"
    offer: OfferMatch | None  # matcher that binds "$offer"
    terms: tuple[Term, ...]
    deadline: int
    reply: bool  # the offer answers the matched offer
    why: str
    source: str
    turns: frozenset[int] | None = None  # the turns its dates allow (None: any)
    pressure_min: float | None = None
    pressure_max: float | None = None
    reserve: float | None = None
    chance: float | None = None
    after: str = ""  # the rule that must have chosen its order this turn


@dataclass(frozen=True, slots=True)
class DoctrineDef:
    side: str
    personality: str
    name: str
    summary: str
    rules: tuple[RuleDef, ...]
