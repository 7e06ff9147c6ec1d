"""The doctrine interpreter: plays a leader by the rules kept as data in ``scenarios/doctrines``.

Rules are read from the top. A rule whose condition holds on the side's view
adds its order if the order is available now, its target can be bound, it does
not clash with an order already chosen (group, same target) and the action
points last. Targets: ``$offer`` binds to the newest open offer the rule's
``offer`` matcher accepts; ``$ship`` and ``$sub`` to the first legal target not
yet used this turn. A doctrine is deterministic: the same view always gives the
same orders (its few weighed choices roll dice keyed by the game's seed,
see ``appraisal.roll``), and the record keeps them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple, get_args

from game.ai.appraisal import pressure, roll, worth
from game.engine.conditions import parts
from game.engine.model import Offer, Order, Side
from game.engine.orders import is_available, targets_of
from game.engine.predicates import OfferMatch, match_offer, offers_matching
from game.engine.scenario_types import Condition, DoctrineDef, OrderDef, RuleDef, Scenario
from game.engine.view import PlayerView

Personality = Literal["historical", "hawk", "dove"]  # the doctrines every side has
PERSONALITIES: tuple[Personality, ...] = get_args(Personality)
SPREAD = 0.6  # how far from his reserve a leader is still in two minds (see ``_weigh``)


# A rule that may fire on a turn: (rule, its order, flags required, flags forbidden, the rest of its condition).
RuleSlot = tuple[RuleDef, OrderDef, frozenset[str], frozenset[str], Condition | None]


class Choice(NamedTuple):
    """An order and the rule that chose it (its why and source explain the choice)."""

    order: Order
    rule: RuleDef


class DoctrinePolicy:
    """A leader played by a doctrine."""

    uses_dice = False  # the same view always gives the same orders

    def __init__(self, doctrine: DoctrineDef, orders: Mapping[str, OrderDef]) -> None:
        self.doctrine = doctrine
        self.orders = orders
        self._by_turn: dict[int, tuple[RuleSlot, ...]] = {}

    def rules_for(self, turn: int) -> tuple[RuleSlot, ...]:
        """The rules whose dates, and whose orders' dates, allow this turn, in order.

        Each as (rule, its order, flags its condition requires, flags it forbids, the rest of it or None).
        """
        rules = self._by_turn.get(turn)
        if rules is None:
            rules = tuple(
                (r, self.orders[r.order], *parts(r.when))
                for r in self.doctrine.rules
                if (r.turns is None or turn in r.turns) and self.orders[r.order].allowed_on(turn)
            )
            self._by_turn[turn] = rules
        return rules

    @property
    def name(self) -> str:
        return self.doctrine.name

    def choose(self, view: PlayerView, rng: Any = None) -> tuple[Order, ...]:
        return tuple(c.order for c in self.explain(view))

    def explain(self, view: PlayerView) -> list[Choice]:
        """The orders chosen for this view, each with its rule."""
        if view.over:
            return []
        side = view.side
        budget = view.action_points()
        spent = 0
        groups: set[str] = set()
        used: set[tuple[str, str]] = set()
        targeted: set[str] = set()
        out: list[Choice] = []
        flags = view.flags
        felt: float | None = None  # the pressure, worked out once if a rule asks for it
        historical = view.friction == "historical"
        for rule, odef, all_of, none_of, rest in self.rules_for(view.turn):
            if spent + odef.cost > budget or (odef.group and odef.group in groups):
                continue
            if rule.after and not any(c.rule.id == rule.after for c in out):
                continue
            if not all_of <= flags or not none_of.isdisjoint(flags) or (rest is not None and not rest(view, side)):
                continue
            if not is_available(view, odef):
                continue
            if rule.pressure_min is not None or rule.pressure_max is not None or rule.reserve is not None:
                if felt is None:
                    felt = pressure(view)
                if (rule.pressure_min is not None and felt < rule.pressure_min) or (
                    rule.pressure_max is not None and felt > rule.pressure_max
                ):
                    continue
            if rule.chance is not None and not historical and roll(view, rule.id) >= rule.chance:
                continue
            offer = None
            if rule.reserve is not None:
                offer = self._weigh(view, rule, felt or 0.0, historical)
                if offer is None:
                    continue
            elif rule.offer is not None:
                offer = match_offer(view, side, rule.offer)
                if offer is None:
                    continue
            target = self._target(view, rule, odef, offer, targeted)
            if target is None or (rule.order, target) in used:
                continue
            order = Order(rule.order, target, rule.terms, rule.deadline, offer.id if rule.reply and offer else 0)
            out.append(Choice(order, rule))
            spent += odef.cost
            if odef.group:
                groups.add(odef.group)
            used.add((rule.order, target))
            if target:
                targeted.add(target)
        return out

    @staticmethod
    def _weigh(view: PlayerView, rule: RuleDef, felt: float, historical: bool) -> Offer | None:
        """The offer worth most to him among those the rule's matcher accepts, if he takes it.

        He takes it when its worth plus the pressure he is under reaches the rule's reserve. With
        historical friction that is a threshold; otherwise the margin sets the odds, so that near
        the threshold a leader may go either way and a fixed plan cannot count on one reply.
        """
        offers = list(offers_matching(view, view.side, rule.offer or OfferMatch()))
        if not offers:
            return None
        best = max(offers, key=lambda o: (worth(view, o), o.id))
        margin = worth(view, best) + felt - (rule.reserve or 0.0)
        if historical:
            return best if margin >= 0 else None
        odds = 1.0 / (1.0 + math.exp(-margin / SPREAD))
        return best if roll(view, f"weigh/{best.id}") < odds else None  # one die per offer: its rules agree

    @staticmethod
    def _target(view: PlayerView, rule: RuleDef, odef: OrderDef, offer: Offer | None, targeted: set[str]) -> str | None:
        legal = targets_of(view, odef)
        if rule.target == "$offer":
            if offer is None:  # the loader gives every such rule a matcher, and a rule without its offer stops
                return None
            wanted = str(offer.id)
            return wanted if wanted in legal and wanted not in targeted else None
        if rule.target in ("$ship", "$sub"):
            return next((t for t in legal if t not in targeted), None)
        if rule.target:
            return rule.target if rule.target in legal else None
        return "" if "" in legal else None


def doctrine_policy(scenario: Scenario, side: Side, personality: str = "historical") -> DoctrinePolicy:
    """The policy of ``side`` with the given personality, from the scenario's doctrines."""
    key = f"{side}.{personality}"
    if key not in scenario.doctrines:
        known = sorted(k.split(".")[1] for k in scenario.doctrines if k.startswith(side + "."))
        raise KeyError(f"no {personality} doctrine for {side} (known: {', '.join(known)})")
    return DoctrinePolicy(scenario.doctrines[key], scenario.orders)
