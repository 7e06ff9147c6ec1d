"""Conditions written as TOML tables, compiled once into plain Python predicates.

A condition is a table such as ``{ date_from = "1962-10-22", rung_min = 4,
flags = ["speech_made"] }``; every key must hold. Each key comes from a fixed
vocabulary: flag sets (``FLAG_KEYS``), bounds on a fact (``BOUNDS``) and other
tests (``predicates.PREDICATES``); nothing read from a file is ever evaluated as code. A
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

from operator import attrgetter
from types import MappingProxyType
from typing import Any

from game.engine.predicates import KEY_COST, PREDICATES, Pred, strs, want_date, want_num, want_strs

# Keys compared as bounds: (attribute, True for a lower bound). Checked inside the one function a
# condition compiles to, without a call of their own.
BOUNDED = ("rung", "defcon", "alert", "castro_alarm", "invasion_prep", "launchers", "sams", "line_nm", "tactical")
BOUNDS: MappingProxyType[str, tuple[str, bool]] = MappingProxyType(
    {
        "date_from": ("date", True),
        "date_to": ("date", False),
        **{f"{attr}_{end}": (attr, end == "min") for attr in BOUNDED for end in ("min", "max")},
    }
)
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


def compile_condition(table: Any, path: str, errors: list[str]) -> Pred:
    """Compile a condition table; problems are appended to ``errors`` as ``path.key: message``."""
    if table is None:
        table = {}
    if not isinstance(table, dict):
        errors.append(f"{path}: must be a table of conditions")
        return lambda o, s: False
    tests: list[tuple[int, Pred]] = []  # (cost, test)
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
            tests.append((KEY_COST.get(key, 1), PREDICATES[key][1](value)))
    tests.sort(key=lambda t: t[0])  # cheap tests first, offer searches last (a stable sort: ties keep their order)
    return _condition(flags, bounds, tuple(test for _, test in tests))


class ConditionCompiler:
    """Compiles one file's conditions so that equal tables give the very same predicate: the scenario can then
    gather orders by condition and test each distinct one once (many share ``{ not_flags = ["crisis_over"] }``).

    One per load: its table of predicates lives and dies with the load, and is never shared between files.
    """

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[str, Pred] = {}

    def compile(self, table: Any, path: str, errors: list[str]) -> Pred:
        """``compile_condition``, the same predicate again for a table equal to one compiled before."""
        if table is None:
            table = {}
        before = len(errors)
        pred = compile_condition(table, path, errors)
        if not isinstance(table, dict) or len(errors) > before:
            return pred
        return self._seen.setdefault(repr(sorted(table.items())), pred)


def _check(key: str, value: Any) -> str | None:
    if key in BOUNDS:
        return want_date(value) if key.startswith("date_") else want_num(value)
    if key in FLAG_KEYS:
        return want_strs(value)
    return PREDICATES[key][0](value)


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
        if strs(table.get(key)):
            names.extend(table[key])
    return names
