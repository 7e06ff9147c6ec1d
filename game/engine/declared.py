"""What the state's declarations say, read once: the record types its fields hold and whether a value fits.

``GameState``'s annotations are the one declaration of its fields; the serializer writes and reads by them
and the invariants check every state against them (statuses included: a status is a ``Literal``), so a field
added there is written, read and checked without another line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from types import MappingProxyType, UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from game.engine.state import STATE_TYPES


def _declared_fields(kind: type) -> dict[str, Any] | None:
    """The declared fields of a named tuple or a dataclass (None for any other type)."""
    if issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return get_type_hints(kind)
    if dataclasses.is_dataclass(kind):
        hints = get_type_hints(kind)
        return {f.name: hints[f.name] for f in dataclasses.fields(kind)}
    return None


def records_in(hints: Iterable[Any], found: dict[type, Mapping[str, Any]]) -> dict[type, Mapping[str, Any]]:
    """Every record type (named tuple, dataclass) reachable from ``hints``, with its declared fields."""
    for hint in hints:
        records_in(get_args(hint), found)
        fields = _declared_fields(hint) if isinstance(hint, type) and hint not in found else None
        if fields is not None:
            found[hint] = MappingProxyType(fields)
            records_in(fields.values(), found)
    return found


# Each record type the state's fields hold (ships, sites, offers, terms, log entries…) with its fields.
RECORDS: Mapping[type, Mapping[str, Any]] = MappingProxyType(records_in(STATE_TYPES.values(), {}))


def optional(hint: Any) -> Any:
    """``X`` of ``X | None``; other types as they are (the declarations hold no other union)."""
    if get_origin(hint) in (Union, UnionType):
        kinds = [a for a in get_args(hint) if a is not type(None)]
        if len(kinds) != 1:
            raise TypeError(f"only X | None is understood, not {hint}")
        return kinds[0]
    return hint


def each(hint: Any, count: int) -> tuple[Any, ...]:
    """The declared type of each item of a tuple of ``count`` items: ``tuple[X, ...]`` or ``tuple[X, Y]``."""
    args = get_args(hint)
    return (args[0],) * count if len(args) == 2 and args[1] is Ellipsis else args


def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of the declared type ``hint``, all the way down (an int passes for a float)."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        return True
    if origin is Literal:
        return value in args
    if origin in (Union, UnionType):
        return value is None or conforms(value, optional(hint))
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        kinds = each(hint, len(value))
        return len(kinds) == len(value) and all(map(conforms, value, kinds))
    if origin is frozenset:
        return isinstance(value, frozenset) and all(conforms(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items())
    fields = RECORDS.get(hint)
    if fields is not None:
        return type(value) is hint and all(conforms(getattr(value, name), kind) for name, kind in fields.items())
    if hint in (int, float):
        return isinstance(value, int | float) and not isinstance(value, bool) and (hint is float or type(value) is int)
    return isinstance(value, hint)
