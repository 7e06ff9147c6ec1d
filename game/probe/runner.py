"""Many games of a plan against a doctrine, on one or more processes (``python -m game probe``).

The games are ``sim.play_game`` games and their figures a ``sim.Summary``:
the probe only puts a plan in one seat. Each game is fixed by its seed, so
the figures do not depend on the number of processes.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from game.engine.model import Side, other
from game.engine.scenario_types import Scenario
from game.probe.plan import Plan
from game.probe.policy import PlanPolicy
from game.scenario.loader import load_scenario
from game.sim import Summary, make_policy, play_game


@dataclass
class ProbeResult:
    """The figures of one plan over many seeds, from the plan side's point of view."""

    side: Side
    summary: Summary = field(default_factory=Summary)
    skipped: Counter[str] = field(default_factory=Counter)

    def merge(self, other_part: ProbeResult) -> None:
        self.summary.merge(other_part.summary)
        self.skipped.update(other_part.skipped)

    def rate(self, rank: int) -> float:
        s = self.summary
        return s.rank_counts[self.side][rank] / s.games if s.games else 0.0

    @property
    def win(self) -> float:
        return self.rate(1)

    @property
    def mean_score(self) -> float:
        return self.summary.mean_score(self.side)

    def fitness(self) -> tuple[float, float]:
        """What the search maximises: own victories, then the mean score."""
        return self.win, self.mean_score

    def to_json(self) -> dict[str, Any]:
        s = self.summary
        return {
            "side": self.side,
            "games": s.games,
            "win": round(self.rate(1), 4),
            "compromise": round(self.rate(2), 4),
            "loss": round(self.rate(3), 4),
            "war": round(self.rate(4), 4),
            "rung6": round(s.reached(6), 4),
            "max_rung": max(s.max_rungs, default=0),
            "mean_score": round(self.mean_score, 2),
            "mean_opponent_score": round(s.mean_score(other(self.side)), 2),
            "skipped": sum(self.skipped.values()),
            "skipped_dated": sum(
                n for k, n in self.skipped.items() if "0" <= k[:1] <= "9"
            ),  # a dated order: its key begins with its date
            "skipped_by_order": {k: self.skipped[k] for k in sorted(self.skipped)},
            "outcomes": {k: s.outcomes[k] for k in sorted(s.outcomes)},
            "ranks": {str(r): s.rank_counts[self.side][r] for r in range(1, 5)},
        }


def play_plan(scenario: Scenario, plan: Plan, opponent: str, seeds: range, friction: str) -> ProbeResult:
    """Play ``plan`` against the ``opponent`` doctrine once for each seed."""
    plan_policy = PlanPolicy(plan, scenario)
    policies = {plan.side: plan_policy, other(plan.side): make_policy(scenario, other(plan.side), opponent)}
    result = ProbeResult(plan.side)
    for seed in seeds:
        state, actions = play_game(scenario, policies, seed, friction)
        result.summary.add(state, actions)
    result.skipped = plan_policy.skipped
    return result


_WORKER: dict[str, Any] = {}


def _init(path: str, digest: str, opponent: str, friction: str) -> None:
    scenario = load_scenario(path)
    if scenario.content_hash != digest:
        raise RuntimeError(f"{path} changed while the probe was running")
    _WORKER.update(scenario=scenario, opponent=opponent, friction=friction)


def _job(args: tuple[Plan, int, int]) -> ProbeResult:
    plan, start, stop = args
    return play_plan(_WORKER["scenario"], plan, _WORKER["opponent"], range(start, stop), _WORKER["friction"])


class Evaluator:
    """Plays plans against one doctrine; with ``workers`` > 1 it keeps a pool of processes open for a search."""

    def __init__(self, scenario: Scenario, opponent: str, friction: str, workers: int = 1) -> None:
        self.scenario, self.opponent, self.friction, self.workers = scenario, opponent, friction, max(1, workers)
        self._pool: Any = None

    def __enter__(self) -> Evaluator:
        if self.workers > 1:
            ctx = multiprocessing.get_context("spawn")
            self._pool = ctx.Pool(
                self.workers, _init, (self.scenario.path, self.scenario.content_hash, self.opponent, self.friction)
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def evaluate(self, plans: list[Plan], seeds: range) -> list[ProbeResult]:
        """Each plan over the same seeds (common dice make the comparison fair)."""
        if self._pool is None:
            return [play_plan(self.scenario, p, self.opponent, seeds, self.friction) for p in plans]
        # Few plans: split each one's seeds across the processes; many: one job per plan.
        chunks = self.workers if len(plans) < self.workers else 1
        bounds = [seeds.start + len(seeds) * k // chunks for k in range(chunks + 1)]
        ranges = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
        parts = self._pool.map(_job, [(p, a, b) for p in plans for a, b in ranges], chunksize=1)
        results = []
        for i, plan in enumerate(plans):
            result = ProbeResult(plan.side)
            for part in parts[i * len(ranges) : (i + 1) * len(ranges)]:
                result.merge(part)
            results.append(result)
        return results


def run_probe(
    scenario: Scenario, plan: Plan, opponent: str, games: int, seed: int, friction: str, workers: int = 1
) -> ProbeResult:
    """``plan`` against ``opponent`` over seeds ``seed`` … ``seed + games - 1``."""
    workers = workers if games >= 2 * workers else 1
    with Evaluator(scenario, opponent, friction, workers) as ev:
        return ev.evaluate([plan], range(seed, seed + games))[0]
