"""A policy of random legal orders: for benchmarks, fuzzing and property tests.

It draws from a dice generator it is given (never from the game's own), so
the same seed gives the same play, and the record holds the orders for replay.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from game.engine.model import Order, Term
from game.engine.orders import legal_orders


class RandomPolicy:
    """Picks legal orders at random until the action points run out (or it decides to stop)."""

    name = "random"

    def __init__(self, stop_chance: float = 0.15) -> None:
        self.stop_chance = stop_chance

    def choose(self, view: Any, rng: np.random.Generator | None = None) -> tuple[Order, ...]:
        rng = rng if rng is not None else np.random.default_rng(0)
        scenario = view.scenario
        defs = scenario.orders
        budget = view.action_points()
        options = legal_orders(view)
        chosen: list[Order] = []
        groups: set[str] = set()
        used: set[tuple[str, str]] = set()
        answered: set[str] = set()
        while options and budget > 0 and rng.random() > self.stop_chance:
            order = options[int(rng.integers(len(options)))]
            odef = defs[order.kind]
            options = [o for o in options if o is not order]
            if odef.cost > budget or (odef.group and odef.group in groups) or (order.kind, order.target) in used:
                continue
            if odef.target == "offer":
                if order.target in answered:
                    continue
                answered.add(order.target)
            if odef.handler == "offer":
                order = self._offer(order, odef, view, rng)
            chosen.append(order)
            budget -= odef.cost
            used.add((order.kind, order.target))
            if odef.group:
                groups.add(odef.group)
        return tuple(chosen)

    @staticmethod
    def _offer(order: Order, odef: Any, view: Any, rng: np.random.Generator) -> Order:
        terms_defs = list(view.scenario.terms.values())
        count = int(rng.integers(0, 5))
        picks = rng.choice(len(terms_defs), size=min(count, len(terms_defs)), replace=False)
        public_only = odef.params["channel"] == "public"
        terms = tuple(
            Term(terms_defs[i].id, bool(terms_defs[i].may_be_secret and not public_only and rng.random() < 0.5))
            for i in sorted(int(p) for p in picks)
        )
        deadline = int(rng.integers(0, 3)) if terms else 0
        return Order(order.kind, order.target, terms, deadline)
