"""A plan played as a policy: it sees only its own side's PlayerView, like every other opponent.

Each turn it gives, in this order: the accept order for the first open offer
the plan's accept rule takes; the turn's own orders; then ``every_turn`` (or
``after_agreement`` once terms are agreed). An order the engine's own checks
refuse on that view is skipped and counted, never raised: a plan written for
one course of events meets many others.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from game.engine.model import Offer, Order, Side, Term, other
from game.engine.orders import check_orders, is_available, targets_of
from game.engine.scenario_types import Scenario
from game.engine.view import PlayerView
from game.probe.plan import AcceptRule, Plan, PlanOrder, turn_index, turn_label


def accept_order_id(scenario: Scenario, side: Side, wanted: str = "") -> str:
    """The side's accept order: the plan's choice, or the first accept order of the side's catalogue."""
    return wanted or next(o.id for o in scenario.orders.values() if o.side == side and o.handler == "accept")


class PlanPolicy:
    """Plays a fixed plan; ``skipped`` counts the orders it could not give, by ``"where:order"``
    (where: the turn's date, ``accept``, ``every_turn`` or ``after_agreement``)."""

    uses_dice = False

    def __init__(self, plan: Plan, scenario: Scenario) -> None:
        self.plan = plan
        self.orders = scenario.orders
        self.by_turn: dict[int, tuple[str, tuple[PlanOrder, ...]]] = {}
        for t in plan.turns:
            index = turn_index(scenario, t.date, t.part)
            if index is not None:
                self.by_turn[index] = (turn_label(t), t.orders)
        self.accept_id = accept_order_id(scenario, plan.side, plan.accept.order) if plan.accept else ""
        self.skipped: Counter[str] = Counter()

    def choose(self, view: PlayerView, rng: Any = None) -> tuple[Order, ...]:
        if view.over:
            return ()
        chosen: list[Order] = []
        agreed = view.agreement is not None
        rule = self.plan.accept
        if rule is not None and not agreed:
            offer = self._acceptable(view, rule)
            if offer is not None:
                self._give(view, chosen, PlanOrder(self.accept_id, str(offer.id)), "accept")
        label, dated = self.by_turn.get(view.turn, ("", ()))
        for spec in dated:
            self._give(view, chosen, spec, label)
        after = self.plan.after_agreement
        if agreed and after is not None:
            later, name = after, "after_agreement"
        else:
            later, name = self.plan.every_turn, "every_turn"
        for spec in later:
            self._give(view, chosen, spec, name)
        return tuple(chosen)

    def _acceptable(self, view: PlayerView, rule: AcceptRule) -> Offer | None:
        rival = other(view.side)
        for offer in view.offers:
            kinds = {t.kind for t in offer.terms}
            if (
                offer.status == "open"
                and offer.sender == rival
                and offer.terms
                and kinds.issuperset(rule.includes)
                and kinds.isdisjoint(rule.excludes)
            ):
                return offer
        return None

    def _give(self, view: PlayerView, chosen: list[Order], spec: PlanOrder, source: str) -> None:
        """Add the order if the engine allows it with those already chosen; else count it as skipped."""
        order = self._resolve(view, chosen, spec)
        if order is None or check_orders(view, [*chosen, order]):
            self.skipped[f"{source}:{spec.order}"] += 1
        else:
            chosen.append(order)

    def _resolve(self, view: PlayerView, chosen: list[Order], spec: PlanOrder) -> Order | None:
        odef = self.orders[spec.order]
        if view.agreement is not None and odef.handler in ("offer", "accept"):
            return None  # terms already agreed
        target = spec.target
        if target == "any":
            if not is_available(view, odef):
                return None
            used = {o.target for o in chosen}
            free = next((t for t in targets_of(view, odef) if t not in used), None)
            if free is None:
                return None
            target = free
        terms = tuple(Term(k) for k in spec.terms) + tuple(Term(k, True) for k in spec.secret)
        return Order(spec.order, target, terms, spec.deadline)
