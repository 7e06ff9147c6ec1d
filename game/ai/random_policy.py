"""A policy of random legal orders: for benchmarks, fuzzing and property tests.

It draws from a dice generator it is given (never from the game's own), so
the same seed gives the same play, and the record holds the orders for replay.
"""

from __future__ import annotations

import numpy as np

from game.engine.model import Order, Term
from game.engine.orders import available, targets_of
from game.engine.scenario_types import OrderDef
from game.engine.view import PlayerView


class RandomPolicy:
    """Goes through the available orders in a random order, taking each with even odds while points last."""

    name = "random"
    uses_dice = True

    def choose(self, view: PlayerView, rng: np.random.Generator | None = None) -> tuple[Order, ...]:
        rng = rng if rng is not None else np.random.default_rng(0)
        options = available(view)
        budget = view.action_points()
        chosen: list[Order] = []
        groups: set[str] = set()
        used: set[str] = set()  # ships and offers already given an order this turn
        n = len(options)
        dice = rng.random(3 * n).tolist()  # one draw for everything: order of consideration, coin, target
        for index in sorted(range(n), key=dice.__getitem__):
            odef = options[index]
            if dice[n + index] < 0.5 or odef.cost > budget or (odef.group and odef.group in groups):
                continue
            targets = [t for t in targets_of(view, odef) if t not in used]
            if not targets:
                continue
            order = Order(odef.id, targets[int(dice[2 * n + index] * len(targets))])
            if order.target:
                used.add(order.target)
            if odef.handler == "offer":
                order = self._offer(order, odef, view, rng)
            chosen.append(order)
            budget -= odef.cost
            if odef.group:
                groups.add(odef.group)
        return tuple(chosen)

    @staticmethod
    def _offer(order: Order, odef: OrderDef, view: PlayerView, rng: np.random.Generator) -> Order:
        """Each term in with one chance in three, secret (where it may be) with even odds; a deadline of 0–2."""
        terms_defs = list(view.scenario.terms.values())
        n = len(terms_defs)
        dice = rng.random(2 * n + 1).tolist()
        public_only = odef.params.channel == "public"
        terms = tuple(
            Term(t.id, t.may_be_secret and not public_only and dice[n + i] < 0.5)
            for i, t in enumerate(terms_defs)
            if dice[i] < 1 / 3
        )
        deadline = int(dice[2 * n] * 3) if terms else 0
        return Order(order.kind, order.target, terms, deadline)
