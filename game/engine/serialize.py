"""Game states and orders as plain JSON data, and back, losslessly.

Used by the property tests (round trips), the debug dump of the command line and
the game record. Nothing read is executed: every value is rebuilt field by field
into the engine's own types.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from game.engine.model import LogEntry, Offer, Order, Outcome, Ship, Site, Submarine, Term
from game.engine.scenario_types import Scenario
from game.engine.state import STATE_FIELDS, GameState, blank_state


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


def _terms(items: Any) -> tuple[Term, ...]:
    return tuple(Term(t["kind"], t["secret"]) for t in items)


def state_to_json(state: GameState) -> dict[str, Any]:
    """Every field of the state as JSON data (the scenario by its id)."""
    data: dict[str, Any] = {"scenario": state.scenario.id}
    for name in STATE_FIELDS:
        value = getattr(state, name)
        if name in ("ships", "subs", "sites", "site_intel"):
            value = [x._asdict() for x in value]
        elif name == "offers":
            value = [{**x._asdict(), "terms": [asdict(t) for t in x.terms]} for x in value]
        elif name == "logs":
            value = {k: [e.to_json() for e in v] for k, v in value.items()}
        elif name == "flags":
            value = {k: sorted(v) for k, v in value.items()}
        elif name == "fired":
            value = sorted(value)
        elif name == "outcome":
            value = asdict(value) if value is not None else None
        elif name == "agreement":
            value = [asdict(t) for t in value] if value is not None else None
        elif name in ("rng", "draws", "history", "leaked"):
            value = [list(x) if isinstance(x, tuple) else x for x in value]
        data[name] = value
    return data


def state_from_json(data: dict[str, Any], scenario: Scenario) -> GameState:
    """The state that ``state_to_json`` wrote, for the given scenario."""
    fields = {name: data[name] for name in STATE_FIELDS}
    fields["ships"] = tuple(Ship(**x) for x in data["ships"])
    fields["subs"] = tuple(Submarine(**x) for x in data["subs"])
    fields["sites"] = tuple(Site(**x) for x in data["sites"])
    fields["site_intel"] = tuple(Site(**x) for x in data["site_intel"])
    fields["offers"] = tuple(Offer(**{**x, "terms": _terms(x["terms"])}) for x in data["offers"])
    fields["logs"] = {k: tuple(LogEntry(**e) for e in v) for k, v in data["logs"].items()}
    fields["flags"] = {k: frozenset(v) for k, v in data["flags"].items()}
    fields["fired"] = frozenset(data["fired"])
    out = data["outcome"]
    fields["outcome"] = Outcome(**{**out, "terms": _terms(out["terms"])}) if out is not None else None
    fields["agreement"] = _terms(data["agreement"]) if data["agreement"] is not None else None
    fields["rng"] = tuple(data["rng"])
    fields["draws"] = tuple(data["draws"])
    fields["history"] = tuple(tuple(h) for h in data["history"])
    fields["leaked"] = tuple(tuple(x) for x in data["leaked"])
    fields["meters"] = dict(data["meters"])
    return blank_state(scenario, **fields)
