"""Small value types shared by the engine, the AI and the front ends.

They are immutable — frozen dataclasses, or named tuples for the pieces made or
changed many times a turn (orders, ships, sites, offers), which are the cheapest
to build and to copy with a change (``replace``, ``put``) — so an old state and
a new one can share them (see ``state.GameState.copy``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, TypeVar, get_args

# The engine's closed vocabularies, each declared once: the checker holds the code to them, the scenario
# loader holds the files to them, and a tuple of the values (``get_args``) serves where code needs the set.
Side = Literal["us", "ussr"]
SIDES: tuple[Side, Side] = ("us", "ussr")
Visibility = Literal["public", "us", "ussr"]
VISIBILITIES: tuple[Visibility, ...] = get_args(Visibility)
Audience = Literal[Visibility, "both"]  # whom a log line is for: "both" files one line for each leader
Channel = Literal["public", "private", "back"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)
ShipStatus = Literal["sailing", "held", "halted", "returning", "arrived", "diverted", "disabled"]
SHIP_STATUSES: tuple[ShipStatus, ...] = get_args(ShipStatus)
SubStatus = Literal["patrol", "escorting", "surfaced", "withdrawn"]
SUB_STATUSES: tuple[SubStatus, ...] = get_args(SubStatus)
SiteStatus = Literal["building", "halted", "struck", "dismantled"]
SITE_STATUSES: tuple[SiteStatus, ...] = get_args(SiteStatus)
OfferStatus = Literal["open", "accepted", "rejected", "expired", "closed"]
OFFER_STATUSES: tuple[OfferStatus, ...] = get_args(OfferStatus)
QuarantineStatus = Literal["none", "proclaimed", "in_force", "lifted"]
QUARANTINE_STATUSES: tuple[QuarantineStatus, ...] = get_args(QuarantineStatus)
DeclaredCargo = Literal["missiles", "warheads", "military", "oil", "general"]  # what a scenario's ship carries
Cargo = Literal[DeclaredCargo, "unknown"]  # "unknown": a cargo the US has not seen
SiteKind = Literal["mrbm", "irbm"]
Friction = Literal["historical", "plausible"]  # the record's own accidents, or what could have happened
Part = Literal["day", "am", "pm", "week"]  # a turn's part of its day ("week": a turn of several days)
Phase = Literal["diplomacy", "movement", "force"]  # the orders of a turn resolve phase by phase, in this order
PHASES: tuple[Phase, ...] = get_args(Phase)
ShipOrder = Literal["turn_back", "halt", "run", "go"]  # what Moscow may radio its ships
LineNm = Literal[500, 800]  # where the quarantine line may be drawn, in nautical miles
LINE_NMS: tuple[LineNm, ...] = get_args(LineNm)
OutcomeKind = Literal["settlement", "nuclear_war", "capitulation_us", "capitulation_ussr", "time_out"]
Winner = Literal["us", "ussr", "none", "war"]  # "none": a compromise

LEADER = {"us": "Kennedy", "ussr": "Khrushchev"}
ROLE = {"us": "President of the United States", "ussr": "First Secretary of the Communist Party of the Soviet Union"}


def long_date(iso: str, year: bool = True) -> str:
    """'1962-10-28' as 'Sunday 28 October 1962' (or without the year)."""
    day = date.fromisoformat(iso)
    return f"{day:%A} {day.day} {day:%B}" + (f" {day.year}" if year else "")


CARGO_WORDS = {
    "missiles": "missiles",
    "warheads": "nuclear warheads",
    "military": "military equipment",
    "oil": "oil",
    "general": "general cargo",
    "unknown": "an undeclared cargo",
}
COUNTRY = {"us": "the United States", "ussr": "the Soviet Union"}


def other(side: Side) -> Side:
    """The opposing side."""
    return "ussr" if side == "us" else "us"


@dataclass(frozen=True, slots=True)
class Term:
    """One term of an offer: what is promised, and whether it is kept from the public."""

    kind: str
    secret: bool = False


class Order(NamedTuple):
    """One order of one side for one turn.

    ``kind`` names an order of the scenario's catalogue; ``target`` a ship or an
    offer id where the order needs one; ``terms``, ``deadline`` (a number of
    turns, 0 for none) and ``reply_to`` (an offer id, 0 for none) only for
    orders that send an offer. A named tuple: the AI makes thousands a second.
    """

    kind: str
    target: str = ""
    terms: tuple[Term, ...] = ()
    deadline: int = 0
    reply_to: int = 0


class Ship(NamedTuple):
    """A ship bound for Cuba. ``cargo`` is the truth; the US sees it only once revealed."""

    id: str
    name: str
    cargo: Cargo
    distance: float
    speed: float
    status: ShipStatus = "sailing"
    pending: Literal[ShipOrder, ""] = ""  # an order radioed from Moscow, carried out at the next turn's movement
    ordered: int = -1  # the turn it was radioed
    revealed: bool = False
    cleared: bool = False  # hailed and let through the line
    escort: str = ""  # the submarine sent to shadow it, if any


UNDER_WAY: tuple[ShipStatus, ...] = ("sailing", "held", "halted")  # still at sea, and Moscow's orders reach it
VOYAGE_OVER: tuple[ShipStatus, ...] = ("arrived", "diverted", "disabled")  # nothing more will happen to it


class Submarine(NamedTuple):
    """A Soviet submarine. Whether it carries a nuclear torpedo is a Soviet secret."""

    id: str
    name: str
    distance: float
    nuclear_torpedo: bool
    status: SubStatus = "patrol"


ON_STATION: tuple[SubStatus, ...] = ("patrol", "escorting")  # a submarine at sea, not surfaced nor gone home
OPERATING: tuple[SiteStatus, ...] = ("building", "halted")  # a site in either state fires once it is ready


class Site(NamedTuple):
    """A missile site on Cuba. Readiness 0–100; a site is operational at 100."""

    id: str
    name: str
    kind: SiteKind
    launchers: int
    readiness: float
    status: SiteStatus = "building"

    @property
    def operational(self) -> bool:
        return self.readiness >= 100.0 and self.status in OPERATING


class Offer(NamedTuple):
    """An offer (or a plain letter when it has no terms) between the two leaders."""

    id: int
    sender: Side
    channel: Channel
    terms: tuple[Term, ...]
    turn: int
    deadline_turn: int = -1
    reply_to: int = 0
    status: OfferStatus = "open"
    knowers: int = 0


class LogEntry(NamedTuple):
    """One line of the game's log. ``visibility`` says who may read it."""

    seq: int
    turn: int
    date: str
    key: str
    text: str
    visibility: Visibility

    def to_json(self) -> dict[str, Any]:
        return self._asdict()


Item = TypeVar("Item", bound=tuple[Any, ...])


def put(item: Item, index: int, value: object) -> Item:
    """``item`` with the field at ``index`` changed: ``_replace`` without its keyword handling, for the loops
    that touch every ship or site every turn (three times faster)."""
    fields = list(item)
    fields[index] = value
    return tuple.__new__(type(item), fields)


def _positions(names: tuple[str, ...]) -> Mapping[str, int]:
    return MappingProxyType({name: i for i, name in enumerate(names)})


# Where each field of the engine's most replaced named tuples sits: a constant, read-only.
_FIELD_INDEX: Mapping[type, Mapping[str, int]] = MappingProxyType(
    {kind: _positions(kind._fields) for kind in (Ship, Submarine, Site, Offer)}
)


def replace(item: Item, **changes: object) -> Item:
    """A ship, submarine, site or offer with some fields changed: ``_replace``, twice as fast, for the
    engine's loops that replace many of them a turn."""
    fields = list(item)
    index = _FIELD_INDEX[type(item)]
    for name, value in changes.items():
        fields[index[name]] = value
    return tuple.__new__(type(item), fields)


SHIP_DISTANCE = Ship._fields.index("distance")
SUB_TORPEDO = Submarine._fields.index("nuclear_torpedo")
SITE_READINESS = Site._fields.index("readiness")
OFFER_KNOWERS = Offer._fields.index("knowers")


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the crisis ended. ``winner`` is a side, ``"none"`` (compromise) or ``"war"``."""

    kind: OutcomeKind
    turn: int
    date: str
    winner: Winner
    terms: tuple[Term, ...] = ()
