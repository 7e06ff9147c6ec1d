"""Game states and orders as plain JSON data, and back, losslessly.

Used by the property tests (round trips), the debug dump of the command line and
the game record. Nothing read is executed: every value is rebuilt field by field
into the engine's own types. The state is written by the types its fields are
declared with (``GameState``'s annotations), so a new field needs no case here.
"""

from __future__ import annotations

from typing import Any, get_args, get_origin

from game.engine.declared import RECORDS, each, optional
from game.engine.model import Order, Term
from game.engine.scenario_types import Scenario
from game.engine.state import STATE_TYPES, GameState, blank_state


def order_to_json(order: Order) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": order.kind}
    if order.target:
        data["target"] = order.target
    if order.terms:
        data["terms"] = [{"kind": t.kind, "secret": t.secret} for t in order.terms]
    if order.deadline:
        data["deadline"] = order.deadline
    if order.reply_to:
        data["reply_to"] = order.reply_to
    return data


def order_from_json(data: dict[str, Any]) -> Order:
    terms = tuple(Term(str(t["kind"]), bool(t.get("secret", False))) for t in data.get("terms", ()))
    return Order(
        str(data["kind"]),
        str(data.get("target", "")),
        terms,
        int(data.get("deadline", 0)),
        int(data.get("reply_to", 0)),
    )


def to_json(value: Any, hint: Any) -> Any:
    """``value``, declared as ``hint``, as JSON data: tuples as lists, frozensets sorted, records as tables."""
    if value is None:
        return None
    hint = optional(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        return [to_json(v, k) for v, k in zip(value, each(hint, len(value)), strict=True)]
    if origin is frozenset:
        return sorted(to_json(v, args[0]) for v in value)
    if origin is dict:
        return {k: to_json(v, args[1]) for k, v in value.items()}
    fields = RECORDS.get(hint)
    if fields is not None:
        return {name: to_json(getattr(value, name), kind) for name, kind in fields.items()}
    return value


def from_json(data: Any, hint: Any) -> Any:
    """The value ``to_json`` wrote for the declared type ``hint``."""
    if data is None:
        return None
    hint = optional(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        return tuple(from_json(v, k) for v, k in zip(data, each(hint, len(data)), strict=True))
    if origin is frozenset:
        return frozenset(from_json(v, args[0]) for v in data)
    if origin is dict:
        return {k: from_json(v, args[1]) for k, v in data.items()}
    fields = RECORDS.get(hint)
    if fields is not None:
        return hint(**{name: from_json(data[name], kind) for name, kind in fields.items() if name in data})
    return data


def state_to_json(state: GameState) -> dict[str, Any]:
    """Every field of the state as JSON data (the scenario by its id)."""
    data: dict[str, Any] = {"scenario": state.scenario.id}
    for name, hint in STATE_TYPES.items():
        data[name] = to_json(getattr(state, name), hint)
    return data


def state_from_json(data: dict[str, Any], scenario: Scenario) -> GameState:
    """The state that ``state_to_json`` wrote, for the given scenario (keys the state does not declare are
    passed over, and a field the data lacks takes its declared starting value: older saves load)."""
    fields = {name: from_json(data[name], hint) for name, hint in STATE_TYPES.items() if name in data}
    return blank_state(scenario, **fields)
