"""Conditions written as TOML tables, compiled once into plain Python predicates.

A condition is a table such as ``{ date_from = "1962-10-22", rung_min = 4,
flags = ["speech_made"] }``; every key must hold. Each key comes from a fixed
vocabulary: flag sets (``FLAG_KEYS``), bounds on a fact (``BOUNDS``) and other
tests (``PREDICATES``); nothing read from a file is ever evaluated as code. A
table compiles to one function (flags, then bounds, then the rest), called as
``cond(obj, side)`` where ``obj`` is a ``GameState`` (events, incidents:
``side`` is None and everything is seen) or a ``PlayerView`` (orders, doctrines:
what that side knows, estimates included).
Both offer the same fact names (``rung``, ``date``, ``flagset(side)``, …).

>>> from types import SimpleNamespace
>>> errors = []
>>> cond = compile_condition({"rung_min": 4, "rung_max": 6}, "rule", errors)
>>> cond(SimpleNamespace(rung=5), None), cond(SimpleNamespace(rung=7), None), errors
(True, False, [])
>>> _ = compile_condition({"rung_mni": 4}, "rule", errors); errors
["rule.rung_mni: unknown condition 'rung_mni'"]
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import attrgetter
from typing import Any

from game.engine.limits import subs_near_line

Pred = Callable[[Any, Any], bool]

QUARANTINE_STATES = ("none", "proclaimed", "in_force", "lifted")
PARTS = ("day", "am", "pm", "week")


def _num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _strs(value: Any) -> bool:
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


def _offer_open(table: dict[str, Any]) -> Pred:
    """There is an open offer from the other side matching the table (see ``match_offer``)."""
    return lambda o, s: match_offer(o, s, table) is not None


def _no_offer_open(table: dict[str, Any]) -> Pred:
    return lambda o, s: match_offer(o, s, table) is None


def _offer_sent(table: dict[str, Any]) -> Pred:
    return lambda o, s: match_offer(o, s, table, sent=True) is not None


def _not_offer_sent(table: dict[str, Any]) -> Pred:
    return lambda o, s: match_offer(o, s, table, sent=True) is None


def match_offer(obj: Any, side: Any, table: dict[str, Any], sent: bool = False) -> Any:
    """The newest open offer to ``side`` whose channel and terms fit ``table``, or None.

    Keys: ``channel`` (list), ``includes`` and ``excludes`` (term kinds),
    ``secret`` (whether some term is secret). With ``sent``, the newest offer
    ``side`` itself sent, whatever became of it.
    """
    return next(offers_matching(obj, side, table, sent), None)


def offers_matching(obj: Any, side: Any, table: dict[str, Any], sent: bool = False) -> Any:
    """Every offer ``match_offer`` would consider, newest first."""
    channels = table.get("channel")
    statuses = table.get("status")
    age_min = table.get("age_min")
    includes = table.get("includes", ())
    excludes = table.get("excludes", ())
    secret = table.get("secret")
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


def _validate_offer_table(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a table with channel, includes, excludes or secret"
    for key, v in value.items():
        if key in ("channel", "includes", "excludes", "status"):
            if not _strs(v):
                return f"{key} must be a list of strings"
        elif key == "age_min":
            if not _num(v):
                return "age_min must be a number of turns"
        elif key == "secret":
            if not isinstance(v, bool):
                return "secret must be true or false"
        else:
            return f"unknown key '{key}' (expected channel, includes, excludes, status, age_min, secret)"
    return None


# How costly each kind of test is, so that a condition tries the cheap ones first.
_KEY_COST = {
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
_COST: dict[Pred, int] = {}

# name -> (check of the value returning an error or None, builder of the predicate)
PREDICATES: dict[str, tuple[Callable[[Any], str | None], Callable[[Any], Pred]]] = {}


def _register(name: str, check: Callable[[Any], str | None], build: Callable[[Any], Pred]) -> None:
    PREDICATES[name] = (check, build)


def _want_num(v: Any) -> str | None:
    return None if _num(v) else "must be a number"


def _want_bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else "must be true or false"


def _want_strs(v: Any) -> str | None:
    return None if _strs(v) else "must be a list of strings"


def _want_date(v: Any) -> str | None:
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


def _want_dates(v: Any) -> str | None:
    if isinstance(v, str):
        return _want_date(v)
    if isinstance(v, list) and v and all(isinstance(d, str) for d in v):
        return next((p for p in map(_want_date, v) if p), None)
    return "must be a date YYYY-MM-DD or a list of them"


def _want_meters(v: Any) -> str | None:
    if isinstance(v, dict) and all(isinstance(k, str) and _num(x) for k, x in v.items()):
        return None
    return "must be a table of meter names and numbers"


def _want_one_of(options: tuple[str, ...]) -> Callable[[Any], str | None]:
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


_register("date", _want_dates, _date_in)
_register("part", _want_one_of(PARTS), _part_in)
_register("quarantine", _want_one_of(QUARANTINE_STATES), _quarantine_in)
_register("meter_min", _want_meters, _meter_min)
_register("meter_max", _want_meters, _meter_max)
_register("agreement", _want_bool, _agreement)
_register("invaded", _want_bool, lambda flag: lambda o, s: o.invaded == flag)


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


_register("duty_due", _want_strs, _duty_due)
_register("ships_sailing_min", _want_num, _ships_sailing_min)
_register("ships_held_min", _want_num, _ships_held_min)
_register("sub_near_line", _want_bool, _sub_near_line)
_register("offer_open", _validate_offer_table, _offer_open)
_register("no_offer_open", _validate_offer_table, _no_offer_open)
_register("offer_sent", _validate_offer_table, _offer_sent)
_register("not_offer_sent", _validate_offer_table, _not_offer_sent)


# Keys compared as bounds: (attribute, True for a lower bound). Checked inside the one function a
# condition compiles to, without a call of their own.
BOUNDS: dict[str, tuple[str, bool]] = {"date_from": ("date", True), "date_to": ("date", False)}
for _attr in ("rung", "defcon", "alert", "castro_alarm", "invasion_prep", "launchers", "sams", "line_nm", "tactical"):
    BOUNDS[f"{_attr}_min"] = (_attr, True)
    BOUNDS[f"{_attr}_max"] = (_attr, False)
FLAG_KEYS = ("flags", "not_flags", "any_flags")


def _always(o: Any, s: Any) -> bool:
    return True


NO_FLAGS: frozenset[str] = frozenset()
Parts = tuple[frozenset[str], frozenset[str], Pred | None]


def parts(pred: Pred) -> Parts:
    """A condition as (flags all required, flags all forbidden, the rest of it or None).

    The hot loops (available orders, doctrine rules) test the two flag sets inline
    and call the rest only when they pass: most conditions fail on their flags.
    """
    return getattr(pred, "parts", (NO_FLAGS, NO_FLAGS, pred))


_always.parts = (NO_FLAGS, NO_FLAGS, None)  # type: ignore[attr-defined]


_COMPILED: dict[str, Pred] = {}


def compile_condition(table: Any, path: str, errors: list[str]) -> Pred:
    """Compile a condition table; problems are appended to ``errors`` as ``path.key: message``.

    Equal tables give the very same predicate, so that a caller can evaluate each distinct
    condition once (many orders share ``{ not_flags = ["crisis_over"] }``).
    """
    if table is None:
        table = {}
    key = repr(sorted(table.items())) if isinstance(table, dict) else ""
    before = len(errors)
    pred = _compile(table, path, errors)
    if not isinstance(table, dict) or len(errors) > before:
        return pred
    return _COMPILED.setdefault(key, pred)


def _check(key: str, value: Any) -> str | None:
    if key in BOUNDS:
        return _want_date(value) if key.startswith("date_") else _want_num(value)
    if key in FLAG_KEYS:
        return _want_strs(value)
    return PREDICATES[key][0](value)


def _compile(table: Any, path: str, errors: list[str]) -> Pred:
    if not isinstance(table, dict):
        errors.append(f"{path}: must be a table of conditions")
        return lambda o, s: False
    tests: list[Pred] = []
    flags: dict[str, frozenset[str]] = {}
    bounds: dict[str, list[Any]] = {}  # attribute -> [lowest, highest]
    for key, value in table.items():
        if key not in BOUNDS and key not in FLAG_KEYS and key not in PREDICATES:
            errors.append(f"{path}.{key}: unknown condition '{key}'")
            continue
        problem = _check(key, value)
        if problem:
            errors.append(f"{path}.{key}: {problem}")
        elif key in FLAG_KEYS:
            flags[key] = frozenset(value)
        elif key in BOUNDS:
            attr, lower = BOUNDS[key]
            limits = bounds.setdefault(attr, [None, None])
            limits[0 if lower else 1] = value
        else:
            tests.append(PREDICATES[key][1](value))
            _COST[tests[-1]] = _KEY_COST.get(key, 1)
    tests.sort(key=lambda p: _COST.get(p, 1))  # cheap tests first, offer searches last
    return _condition(flags, bounds, tuple(tests))


def _condition(flags: dict[str, frozenset[str]], bounds: dict[str, list[Any]], tests: tuple[Pred, ...]) -> Pred:
    """One function for the whole condition: the flags on one look, then the bounds, then the other tests.

    Conditions are the engine's most frequent call (orders, doctrine rules, events), so each is one call.
    """
    if not flags and not bounds and len(tests) <= 1:
        return tests[0] if tests else _always
    all_of = flags.get("flags", NO_FLAGS)
    none_of = flags.get("not_flags", NO_FLAGS)
    any_of = flags.get("any_flags")
    flagged = bool(flags)
    limits = tuple((attrgetter(attr), lo, hi) for attr, (lo, hi) in bounds.items())

    def pred(o: Any, s: Any) -> bool:
        if flagged:
            fs = o.flagset(s)
            if not all_of <= fs or not none_of.isdisjoint(fs) or (any_of is not None and any_of.isdisjoint(fs)):
                return False
        for get, lo, hi in limits:
            value = get(o)
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                return False
        for test in tests:  # noqa: SIM110 - all() would cost a generator on the engine's hottest path
            if not test(o, s):
                return False
        return True

    if any_of is None and flagged:
        rest = _condition({}, bounds, tests) if bounds or tests else None
        pred.parts = (all_of, none_of, rest)  # type: ignore[attr-defined]
    return pred


DATE_KEYS = ("date", "part", "date_from", "date_to")


def undated(table: Any) -> Any:
    """The table without its date keys: for a rule, order or event whose turns are already filtered by them."""
    if not isinstance(table, dict):
        return table
    return {k: v for k, v in table.items() if k not in DATE_KEYS}


def turns_allowed(table: Any, turns: Any) -> frozenset[int] | None:
    """The indices of the turns whose date and part satisfy the table's date keys; None if it has none.

    Dates are fixed by the calendar, so a doctrine can skip a rule on every
    other turn without evaluating it.
    """
    if not isinstance(table, dict) or not any(k in table for k in DATE_KEYS):
        return None
    dated = {k: table[k] for k in DATE_KEYS if k in table}
    pred = compile_condition(dated, "", [])
    return frozenset(i for i, t in enumerate(turns) if pred(t, None))


def referenced_flags(table: Any) -> list[str]:
    """Every flag name a condition table mentions (for cross-checks by the validator)."""
    if not isinstance(table, dict):
        return []
    names: list[str] = []
    for key in ("flags", "not_flags", "any_flags"):
        if _strs(table.get(key)):
            names.extend(table[key])
    return names
