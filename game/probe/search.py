"""The project's own best-response search: an evolutionary search over fixed plans against one doctrine.

A genome is a plan: for each turn a short list of the side's orders (offers
with random terms, targets "any"), an ``every_turn`` list and an accept rule.
Fitness is the own-victory rate, then the mean score, on a modest number of
seeds; every generation plays all its plans on the same fresh seeds, so they
are compared on common dice. The best few are played again on seeds never
used in the search, and the best of those is the answer: a plan that merely
got lucky on the search's seeds does not survive that.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from game import resources
from game.engine.model import Side
from game.engine.scenario_types import OrderDef, Scenario
from game.probe.plan import AcceptRule, Plan, PlanError, PlanOrder, PlanTurn, load_plan, turn_key, turn_label
from game.probe.runner import Evaluator, ProbeResult

PLANS_DIR = resources.SCENARIOS / "plans"
FRESH = 1_000_000  # the final evaluation's seeds start this far from the search's
MAX_PER_TURN = 4


@dataclass
class SearchResult:
    plan: Plan
    result: ProbeResult  # on fresh seeds
    evaluations: int  # plans played during the search


def is_passive(odef: OrderDef) -> bool:
    """An order of talk, not pressure: no force, no alert, no ladder above rung 2, no risk of an incident."""
    e = odef.effects
    return (
        odef.handler in ("none", "offer", "accept", "reject")
        and e.rung <= 0
        and e.rung_min <= 2
        and e.invasion_prep <= 0
        and odef.risk <= 0
    )


def plan_orders(plan: Plan) -> list[PlanOrder]:
    return [o for t in plan.turns for o in t.orders] + list(plan.every_turn) + list(plan.after_agreement or ())


def seed_plans(scenario: Scenario, side: Side, passive: bool = False) -> list[Plan]:
    """The hand-made plans shipped in scenarios/plans for this side that fit this scenario (passive ones only,
    for a passive search)."""
    plans = []
    for path in sorted(PLANS_DIR.glob("*.toml")):
        try:
            plan = load_plan(path, scenario)
        except PlanError:
            continue  # a plan dated for another scenario
        if plan.side == side and (not passive or all(is_passive(scenario.orders[o.order]) for o in plan_orders(plan))):
            plans.append(plan)
    return plans


def passive_plan(scenario: Scenario, side: Side) -> Plan:
    """The shipped passive plan of ``side`` (never above rung 2), against which the balance is measured."""
    return load_plan(PLANS_DIR / f"passive_{side}.toml", scenario)


class Genes:
    """The side's catalogue, as the search draws from it."""

    def __init__(self, scenario: Scenario, side: Side, rng: random.Random, passive: bool = False) -> None:
        self.scenario, self.side, self.rng = scenario, side, rng
        mine = [
            o
            for o in scenario.orders.values()
            if o.side == side and o.handler not in ("accept", "reject") and (is_passive(o) or not passive)
        ]
        self.turns = list(range(scenario.prelude_turns, len(scenario.turns)))
        self.by_turn = {i: [o for o in mine if o.allowed_on(i)] for i in self.turns}
        self.steady = [o for o in mine if not o.target and o.handler != "offer"]
        self.terms = list(scenario.terms.values())

    def order(self, odef: OrderDef) -> PlanOrder:
        r = self.rng
        if odef.handler != "offer":
            return PlanOrder(odef.id, "any" if odef.target else "")
        chosen = r.sample(self.terms, r.randint(1, 4))
        secret_ok = odef.params.channel != "public"
        secret = tuple(t.id for t in chosen if secret_ok and t.may_be_secret and r.random() < 0.5)
        terms = tuple(t.id for t in chosen if t.id not in secret)
        return PlanOrder(odef.id, "", terms, secret, r.randint(0, 2))

    def turn_orders(self, index: int, n: int) -> tuple[PlanOrder, ...]:
        options = self.by_turn[index]
        picks = self.rng.sample(options, min(n, len(options)))
        return tuple(self.order(o) for o in picks)

    def every_turn(self) -> tuple[PlanOrder, ...]:
        return tuple(PlanOrder(o.id) for o in self.rng.sample(self.steady, self.rng.randint(0, 3)))

    def accept(self) -> AcceptRule:
        r = self.rng
        ids = [t.id for t in self.terms]
        includes = r.sample(ids, r.randint(0, 3))
        excludes = [t for t in r.sample(ids, r.randint(0, 2)) if t not in includes]
        return AcceptRule(tuple(includes), tuple(excludes))

    def random_plan(self) -> Plan:
        turns = {i: self.turn_orders(i, self.rng.randint(1, 3)) for i in self.turns if self.rng.random() < 0.4}
        return self.build(turns, self.every_turn(), None, self.accept())

    def build(
        self,
        turns: dict[int, tuple[PlanOrder, ...]],
        every: tuple[PlanOrder, ...],
        after: tuple[PlanOrder, ...] | None,
        accept: AcceptRule | None,
    ) -> Plan:
        out = tuple(PlanTurn(*turn_key(self.scenario, i), turns[i]) for i in sorted(turns) if turns[i])
        return Plan(self.side, out, every, after, accept)

    def turn_map(self, plan: Plan) -> dict[int, tuple[PlanOrder, ...]]:
        keys = {turn_key(self.scenario, i): i for i in self.turns}
        return {keys[(t.date, t.part)]: t.orders for t in plan.turns}

    def mutate(self, plan: Plan) -> Plan:
        """One random change: a turn's orders, the every-turn list, an offer's terms or the accept rule."""
        r = self.rng
        turns = self.turn_map(plan)
        every, after, accept = plan.every_turn, plan.after_agreement, plan.accept
        move = r.random()
        index = r.choice(self.turns)
        current = list(turns.get(index, ()))
        if move < 0.3 and len(current) < MAX_PER_TURN:
            turns[index] = (*current, *self.turn_orders(index, 1))
        elif move < 0.5 and current:
            current.pop(r.randrange(len(current)))
            turns[index] = tuple(current)
        elif move < 0.65:
            turns[index] = self.turn_orders(index, r.randint(0, 3))
        elif move < 0.8:
            every = self.every_turn()
        elif move < 0.9:
            accept = self.accept()
        else:
            after = None if after is not None else self.every_turn()
        return self.build(turns, every, after, accept)

    def cross(self, a: Plan, b: Plan) -> Plan:
        """Each turn's orders from one parent or the other; the standing lists and accept rule from either."""
        ta, tb = self.turn_map(a), self.turn_map(b)
        turns = {i: (ta if self.rng.random() < 0.5 else tb).get(i, ()) for i in self.turns}
        pick = a if self.rng.random() < 0.5 else b
        return self.build(turns, pick.every_turn, pick.after_agreement, pick.accept)


def search(
    scenario: Scenario,
    side: Side,
    opponent: str,
    friction: str = "plausible",
    games: int = 100,
    generations: int = 8,
    population: int = 16,
    seed: int = 1,
    workers: int = 1,
    final_games: int = 1000,
    progress: Callable[[str], None] | None = None,
    passive: bool = False,
) -> SearchResult:
    """The best plan found for ``side`` against the ``opponent`` doctrine, with its figures on fresh seeds.

    ``passive``: only orders of talk (see ``is_passive``), to find the best a player can do without pressure.
    """
    rng = random.Random(f"probe-search:{side}:{opponent}:{seed}:{passive}")
    genes = Genes(scenario, side, rng, passive)
    seeds = seed_plans(scenario, side, passive)
    pop = list(seeds)
    while len(pop) < population:
        pop.append(genes.mutate(rng.choice(seeds)) if seeds and rng.random() < 0.5 else genes.random_plan())
    pop = pop[:population]
    elite = max(2, population // 4)
    evaluations = 0
    ranked: list[tuple[ProbeResult, Plan]] = []
    with Evaluator(scenario, opponent, friction, workers) as ev:
        for gen in range(generations):
            start = seed + gen * games
            results = ev.evaluate(pop, range(start, start + games))
            evaluations += len(pop)
            order = sorted(range(len(pop)), key=lambda i: results[i].fitness(), reverse=True)
            ranked = [(results[i], pop[i]) for i in order]
            if progress:
                best = ranked[0][0]
                progress(
                    f"generation {gen + 1}/{generations}: best wins {best.win:.1%}, mean score {best.mean_score:.1f}"
                )
            if gen == generations - 1:
                break
            pop = _breed(genes, rng, [p for _, p in ranked], elite, population)
        finalists = [p for _, p in ranked[:3]]
        fresh = ev.evaluate(finalists, range(seed + FRESH, seed + FRESH + final_games))
    pick = max(range(len(finalists)), key=lambda i: fresh[i].fitness())
    plan, result = prune(finalists[pick], fresh[pick])
    return SearchResult(plan, result, evaluations)


def _breed(genes: Genes, rng: random.Random, parents: list[Plan], elite: int, population: int) -> list[Plan]:
    """The next generation: the ``elite`` best kept, the rest children of tournaments, crossed and mutated."""
    nxt = parents[:elite]
    seen = set(map(repr, nxt))
    tries = 0
    while len(nxt) < population:
        a, b = (min(rng.sample(range(len(parents)), 3)) for _ in range(2))  # tournaments of three
        child = genes.cross(parents[a], parents[b]) if rng.random() < 0.5 else parents[a]
        for _ in range(rng.randint(1, 2)):
            child = genes.mutate(child)
        tries += 1
        if repr(child) not in seen or tries > 20 * population:  # a tiny catalogue may run out of new plans
            seen.add(repr(child))
            nxt.append(child)
    return nxt


def prune(plan: Plan, result: ProbeResult) -> tuple[Plan, ProbeResult]:
    """The plan without the dated orders that can never have been given in the games of ``result``, and the
    result with their skips taken out.

    Those are a repeat of an order already in the turn (same order and target: the engine refuses the
    second) and an order skipped in every game. A skipped order spends nothing, so the games, and their
    figures, are the same without it: the plan written is the one that was played.
    """
    games = result.summary.games
    turns = []
    removed: Counter[str] = Counter()
    for t in plan.turns:
        label, kept = turn_label(t), []
        seen: set[tuple[str, str]] = set()
        repeats: Counter[str] = Counter()
        for o in t.orders:
            key = (o.order, o.target)
            if o.target != "any" and key in seen:
                repeats[o.order] += 1  # skipped in every game, and counted under the same name
                continue
            seen.add(key)
            kept.append(o)
        kinds = Counter(o.order for o in kept)
        always = [
            o for o in kept if result.skipped[f"{label}:{o.order}"] - games * repeats[o.order] >= games * kinds[o.order]
        ]
        for o in always:
            removed[f"{label}:{o.order}"] += games
        for kind, n in repeats.items():
            removed[f"{label}:{kind}"] += games * n
        kept = [o for o in kept if o not in always]
        if kept:
            turns.append(replace(t, orders=tuple(kept)))
    skipped = result.skipped - removed
    return replace(plan, turns=tuple(turns)), replace(result, skipped=skipped)
