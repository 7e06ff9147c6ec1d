"""Plans written as TOML, by hand: the form is small and fixed, and no writer library is needed for it.

``loads_plan(dumps_plan(plan))`` gives the same plan back (a test holds it).
"""

from __future__ import annotations

import json

from game.probe.plan import Plan, PlanOrder


def _q(text: str) -> str:
    return json.dumps(text)  # ids and dates are plain ASCII, for which JSON and TOML strings agree


def _order_toml(o: PlanOrder) -> str:
    if not (o.terms or o.secret or o.deadline or o.target not in ("", "any")):
        return _q(o.order)
    fields = [f"order = {_q(o.order)}"]
    if o.target not in ("", "any"):
        fields.append(f"target = {_q(o.target)}")
    if o.terms:
        fields.append(f"terms = [{', '.join(map(_q, o.terms))}]")
    if o.secret:
        fields.append(f"secret = [{', '.join(map(_q, o.secret))}]")
    if o.deadline:
        fields.append(f"deadline = {o.deadline}")
    return "{ " + ", ".join(fields) + " }"


def _orders_toml(orders: tuple[PlanOrder, ...]) -> str:
    return "[" + ", ".join(_order_toml(o) for o in orders) + "]"


def dumps_plan(plan: Plan, header: str = "") -> str:
    """The plan as TOML, in the form ``loads_plan`` reads back to the same plan. ``header`` becomes comments."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines.append(f"side = {_q(plan.side)}")
    lines.append(f"every_turn = {_orders_toml(plan.every_turn)}")
    if plan.after_agreement is not None:
        lines.append(f"after_agreement = {_orders_toml(plan.after_agreement)}")
    if plan.accept is not None:
        a = plan.accept
        fields = [f"includes = [{', '.join(map(_q, a.includes))}]"]
        if a.excludes:
            fields.append(f"excludes = [{', '.join(map(_q, a.excludes))}]")
        if a.order:
            fields.append(f"order = {_q(a.order)}")
        lines.append("accept = { " + ", ".join(fields) + " }")
    for t in plan.turns:
        lines += ["", "[[turn]]", f"date = {_q(t.date)}"]
        if t.part:
            lines.append(f"part = {_q(t.part)}")
        lines.append(f"orders = {_orders_toml(t.orders)}")
    return "\n".join(lines) + "\n"
