"""The tests a condition table may name besides flags and bounds, each with the check of its value.

``PREDICATES`` maps a key (``quarantine``, ``meter_min``, ``offer_open``, …) to the function that checks the
value read from the file (an error message or None) and the function that builds the test from it. The
compiler (``engine.conditions``) calls them; the offer matchers are also used by the doctrines' interpreter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, get_args

from game.engine.limits import subs_near_line
from game.engine.model import QUARANTINE_STATUSES, Part

Pred = Callable[[Any, Any], bool]
Check = Callable[[Any], str | None]


def num(value: Any) -> bool:
    """A number, and not a boolean (TOML's true is not 1)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def strs(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _meter_min(table: dict[str, Any]) -> Pred:
    items = tuple(table.items())
    return lambda o, s: all(o.meter(s, k) >= v for k, v in items)


def _meter_max(table: dict[str, Any]) -> Pred:
    items = tuple(table.items())
    return lambda o, s: all(o.meter(s, k) <= v for k, v in items)


def _agreement(flag: bool) -> Pred:
    return lambda o, s: (o.agreement is not None) == flag


def _ships_sailing_min(n: int) -> Pred:
    def pred(o: Any, s: Any) -> bool:
        return sum(1 for sh in o.ships if sh.status in ("sailing", "held")) >= n

    return pred


def _ships_held_min(n: int) -> Pred:
    return lambda o, s: sum(1 for sh in o.ships if sh.status == "held") >= n


def _sub_near_line(flag: bool) -> Pred:
    def pred(o: Any, s: Any) -> bool:
        return bool(subs_near_line(o)) == flag

    return pred


@dataclass(frozen=True, slots=True)
class OfferMatch:
    """An offer matcher compiled from its table (``{ channel = [...], includes = [...] }``); empty: any."""

    channel: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    age_min: float | None = None  # turns since it was sent
    includes: tuple[str, ...] = ()  # term kinds it must hold
    excludes: tuple[str, ...] = ()  # term kinds it must not hold
    secret: bool | None = None  # whether some term is secret


def offer_match(table: Mapping[str, Any]) -> OfferMatch:
    """A matcher table that ``validate_offer_table`` accepted, as its record."""
    return OfferMatch(
        tuple(table.get("channel", ())),
        tuple(table.get("status", ())),
        table.get("age_min"),
        tuple(table.get("includes", ())),
        tuple(table.get("excludes", ())),
        table.get("secret"),
    )


def _offer_open(table: dict[str, Any]) -> Pred:
    """There is an open offer from the other side matching the table (see ``match_offer``)."""
    match = offer_match(table)
    return lambda o, s: match_offer(o, s, match) is not None


def _no_offer_open(table: dict[str, Any]) -> Pred:
    match = offer_match(table)
    return lambda o, s: match_offer(o, s, match) is None


def _offer_sent(table: dict[str, Any]) -> Pred:
    match = offer_match(table)
    return lambda o, s: match_offer(o, s, match, sent=True) is not None


def _not_offer_sent(table: dict[str, Any]) -> Pred:
    match = offer_match(table)
    return lambda o, s: match_offer(o, s, match, sent=True) is None


def match_offer(obj: Any, side: Any, match: OfferMatch, sent: bool = False) -> Any:
    """The newest open offer to ``side`` whose channel and terms fit ``match``, or None.

    With ``sent``, the newest offer ``side`` itself sent, whatever became of it.
    """
    return next(offers_matching(obj, side, match, sent), None)


def offers_matching(obj: Any, side: Any, match: OfferMatch, sent: bool = False) -> Iterator[Any]:
    """Every offer ``match_offer`` would consider, newest first."""
    channels, statuses, age_min = match.channel, match.status, match.age_min
    includes, excludes, secret = match.includes, match.excludes, match.secret
    for offer in reversed(obj.offers):
        if sent:
            if offer.sender != side:
                continue
        elif offer.status != "open" or offer.sender == side or not offer.terms:
            continue
        kinds = {t.kind for t in offer.terms}
        if statuses and offer.status not in statuses:
            continue
        if age_min is not None and obj.turn - offer.turn < age_min:
            continue
        if channels and offer.channel not in channels:
            continue
        if any(k not in kinds for k in includes) or any(k in kinds for k in excludes):
            continue
        if secret is not None and any(t.secret for t in offer.terms) != secret:
            continue
        yield offer


def validate_offer_table(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a table with channel, includes, excludes or secret"
    for key, v in value.items():
        if key in ("channel", "includes", "excludes", "status"):
            if not strs(v):
                return f"{key} must be a list of strings"
        elif key == "age_min":
            if not num(v):
                return "age_min must be a number of turns"
        elif key == "secret":
            if not isinstance(v, bool):
                return "secret must be true or false"
        else:
            return f"unknown key '{key}' (expected channel, includes, excludes, status, age_min, secret)"
    return None


def want_num(v: Any) -> str | None:
    return None if num(v) else "must be a number"


def want_bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else "must be true or false"


def want_strs(v: Any) -> str | None:
    return None if strs(v) else "must be a list of strings"


def want_date(v: Any) -> str | None:
    if not (
        isinstance(v, str)
        and len(v) == 10
        and v[4] == "-"
        and v[7] == "-"
        and all("0" <= c <= "9" for c in v.replace("-", ""))
    ):
        return "must be a date written YYYY-MM-DD"
    try:
        date.fromisoformat(v)
    except ValueError:
        return f"'{v}' is not a real date"
    return None


def want_dates(v: Any) -> str | None:
    if isinstance(v, str):
        return want_date(v)
    if isinstance(v, list) and v and all(isinstance(d, str) for d in v):
        return next((p for p in map(want_date, v) if p), None)
    return "must be a date YYYY-MM-DD or a list of them"


def want_meters(v: Any) -> str | None:
    if isinstance(v, dict) and all(isinstance(k, str) and num(x) for k, x in v.items()):
        return None
    return "must be a table of meter names and numbers"


def want_one_of(options: tuple[str, ...]) -> Check:
    def check(v: Any) -> str | None:
        values = v if isinstance(v, list) else [v]
        if values and all(isinstance(x, str) and x in options for x in values):
            return None
        return "must be one of " + ", ".join(options) + " (or a list of them)"

    return check


def _as_tuple(v: Any) -> tuple[Any, ...]:
    return tuple(v) if isinstance(v, list) else (v,)


def _date_in(v: Any) -> Pred:
    dates = _as_tuple(v)
    return lambda o, s: o.date in dates


def _part_in(v: Any) -> Pred:
    parts = _as_tuple(v)
    return lambda o, s: o.part in parts


def _quarantine_in(v: Any) -> Pred:
    states = _as_tuple(v)
    return lambda o, s: o.quarantine in states


def _duty_due(kinds: Any) -> Pred:
    """An agreed term among ``kinds`` not yet carried out, whose last turn to be carried out is this one."""
    wanted = _as_tuple(kinds)

    def pred(o: Any, s: Any) -> bool:
        if not o.agreement:
            return False
        terms = o.scenario.terms
        for term in o.agreement:
            tdef = terms[term.kind]
            if (
                term.kind in wanted
                and tdef.done is not None
                and o.turn >= o.agreement_turn + tdef.due
                and not tdef.done(o, None)
            ):
                return True
        return False

    return pred


# key -> (check of the value, returning an error or None; builder of the test)
PREDICATES: Mapping[str, tuple[Check, Callable[[Any], Pred]]] = MappingProxyType(
    {
        "date": (want_dates, _date_in),
        "part": (want_one_of(get_args(Part)), _part_in),
        "quarantine": (want_one_of(QUARANTINE_STATUSES), _quarantine_in),
        "meter_min": (want_meters, _meter_min),
        "meter_max": (want_meters, _meter_max),
        "agreement": (want_bool, _agreement),
        "invaded": (want_bool, lambda flag: lambda o, s: o.invaded == flag),
        "duty_due": (want_strs, _duty_due),
        "ships_sailing_min": (want_num, _ships_sailing_min),
        "ships_held_min": (want_num, _ships_held_min),
        "sub_near_line": (want_bool, _sub_near_line),
        "offer_open": (validate_offer_table, _offer_open),
        "no_offer_open": (validate_offer_table, _no_offer_open),
        "offer_sent": (validate_offer_table, _offer_sent),
        "not_offer_sent": (validate_offer_table, _not_offer_sent),
    }
)

# How costly each kind of test is (1 if not listed), so that a condition tries the cheap ones first.
KEY_COST: Mapping[str, int] = MappingProxyType(
    {
        "date": 0,
        "part": 0,
        "duty_due": 2,
        "offer_open": 3,
        "no_offer_open": 3,
        "offer_sent": 3,
        "not_offer_sent": 3,
        "ships_sailing_min": 2,
        "ships_held_min": 2,
        "sub_near_line": 2,
    }
)
