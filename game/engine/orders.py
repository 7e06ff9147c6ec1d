"""Which orders a side may give: a query on its view, separate from applying them.

``legal_orders(view)`` lists every order that is legal on its own (one per
target; offer orders as templates without terms). ``check_orders(view,
orders)`` tells what is wrong with a whole turn's orders: unknown or
unavailable orders, bad targets, an offer's terms, the action-point budget,
two orders of one group (say, raising and lowering DEFCON), the same thing
ordered twice.
"""

from __future__ import annotations

from typing import Literal

from game.engine.handlers import HANDLERS, NO_TARGET
from game.engine.model import Order, Side, other
from game.engine.scenario_types import OrderDef
from game.engine.settlement import forbidden, term_forbidding
from game.engine.view import PlayerView

MAX_DEADLINE = 4


class IllegalOrders(ValueError):
    """Raised by ``apply`` when a side's orders break the rules; ``problems`` says how."""

    def __init__(self, side: Side | Literal["both"], problems: list[str]) -> None:
        super().__init__(f"{side}: " + "; ".join(problems))
        self.side = side
        self.problems = problems


def available(view: PlayerView) -> list[OrderDef]:
    """The order definitions of the view's side whose conditions hold now."""
    if view.over:
        return []
    cached = view._available
    if cached is None:
        side = view.side
        ok = view._ok
        flags = view.flags
        cached = []
        # Orders sharing a condition test it once; its flags are tested here, the rest only if they pass.
        for all_of, none_of, rest, when, orders in view.scenario.order_groups[side][view.turn]:
            if not all_of <= flags or not none_of.isdisjoint(flags):
                continue
            if rest is not None:
                holds = ok.get(when)
                if holds is None:
                    holds = ok[when] = rest(view, side)
                if not holds:
                    continue
            cached.extend(orders)
        if view.agreement:
            ruled_out = forbidden(view.scenario, view.agreement)
            cached = [odef for odef in cached if odef.id not in ruled_out]
        view._available = cached
    return list(cached)


def is_available(view: PlayerView, odef: OrderDef) -> bool:
    """Whether one order of the view's side is available now: only its own condition is tested (and kept)."""
    if view.over or not odef.allowed_on(view.turn):
        return False
    if view.agreement and odef.id in forbidden(view.scenario, view.agreement):
        return False
    ok = view._ok
    holds = ok.get(odef.when)
    if holds is None:
        holds = ok[odef.when] = bool(odef.when(view, view.side))
    return bool(holds)


def targets_of(view: PlayerView, odef: OrderDef) -> tuple[str, ...]:
    """The legal targets of an order now: ships, submarines or offers, or ``("",)`` for an order that takes none
    (most of them, known without asking the handler)."""
    return HANDLERS[odef.handler][0](view, odef) if odef.target else NO_TARGET


def legal_orders(view: PlayerView) -> list[Order]:
    """Every single order legal now, with its target filled in where it needs one."""
    out: list[Order] = []
    for odef in available(view):
        targets = targets_of(view, odef)
        out.extend(Order(odef.id, target=t) for t in targets)
    return out


def check_offer(view: PlayerView, order: Order, odef: OrderDef) -> list[str]:
    """Problems with the terms, deadline and reply of an offer order."""
    problems = []
    channel = odef.params.channel
    defs = view.scenario.terms
    seen = set()
    for term in order.terms:
        tdef = defs.get(term.kind)
        if tdef is None:
            problems.append(f"{order.kind}: unknown term '{term.kind}'")
            continue
        if term.kind in seen:
            problems.append(f"{order.kind}: term '{term.kind}' given twice")
        seen.add(term.kind)
        if term.secret and channel == "public":
            problems.append(f"{order.kind}: a term sent in public cannot be secret ('{term.kind}')")
        elif term.secret and not tdef.may_be_secret:
            problems.append(f"{order.kind}: term '{term.kind}' cannot be kept secret")
    if not 0 <= order.deadline <= MAX_DEADLINE:
        problems.append(f"{order.kind}: deadline must be 0 to {MAX_DEADLINE} turns")
    if order.deadline and not order.terms:
        problems.append(f"{order.kind}: a letter without terms cannot carry a deadline")
    if order.reply_to:
        rival = other(view.side)
        if not any(o.id == order.reply_to and o.sender == rival for o in view.offers):
            problems.append(f"{order.kind}: there is no message {order.reply_to} from the other side to answer")
    return problems


def check_orders(view: PlayerView, orders: tuple[Order, ...] | list[Order]) -> list[str]:
    """Everything wrong with a turn's orders for ``view.side`` (empty when they are legal)."""
    if not orders:
        return []
    if view.over:
        return ["the game is over"]
    problems: list[str] = []
    defs = view.scenario.orders
    cost = 0
    groups: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    answered: set[str] = set()
    for order in orders:
        odef = defs.get(order.kind)
        if odef is None or odef.side != view.side:
            problems.append(f"unknown order '{order.kind}'")
            continue
        if not is_available(view, odef):
            why = term_forbidding(view.scenario, view.agreement, order.kind) if view.agreement else ""
            problems.append(f"{odef.label}: " + (f"the agreement says {why}" if why else "not available now"))
            continue
        cost += odef.cost
        key = (order.kind, order.target)
        if key in seen:
            problems.append(f"{order.kind}: given twice")
        seen.add(key)
        if odef.group:
            if odef.group in groups and groups[odef.group] != order.kind:
                problems.append(f"{order.kind}: cannot be given with {groups[odef.group]}")
            groups.setdefault(odef.group, order.kind)
        targets = targets_of(view, odef)
        if order.target not in targets:
            problems.append(f"{order.kind}: '{order.target}' is not a valid target now")
        if odef.target == "offer":
            if order.target in answered:
                problems.append(f"{order.kind}: offer {order.target} is answered twice")
            answered.add(order.target)
        if odef.handler == "offer":
            problems.extend(check_offer(view, order, odef))
        elif order.terms or order.deadline or order.reply_to:
            problems.append(f"{order.kind}: only an offer carries terms, a deadline or a reply")
    budget = view.action_points()
    if cost > budget:
        problems.append(f"the orders cost {cost} action points; {budget} are available")
    return problems
