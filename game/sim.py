"""Games between policies, and the statistics of many of them (``python -m game simulate``)."""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from game.ai.doctrine import PERSONALITIES, doctrine_policy
from game.ai.random_policy import RandomPolicy
from game.engine.model import SIDES, Order, Side
from game.engine.record import GameRecord, play_turn
from game.engine.scenario_types import Scenario
from game.engine.scoring import scores
from game.engine.state import GameState
from game.engine.view import PlayerView, player_view
from game.prelude import new_game
from game.scenario.loader import load_scenario


class Policy(Protocol):
    """What plays a side in a simulated game: a doctrine, the random policy or a probe's plan."""

    @property
    def uses_dice(self) -> bool: ...

    def choose(self, view: PlayerView, rng: np.random.Generator | None = None, /) -> tuple[Order, ...]: ...


def make_policy(scenario: Scenario, side: Side, name: str) -> Policy:
    """A doctrine personality (historical, hawk, dove) or ``random``."""
    if name == "random":
        return RandomPolicy()
    return doctrine_policy(scenario, side, name)


def play_game(
    scenario: Scenario, policies: Mapping[Side, Policy], seed: int, friction: str, record: GameRecord | None = None
) -> tuple[GameState, int]:
    """Play one game to its end; returns the final state and the number of engine actions.

    An action is one order or one chance draw. Policies that want dice get a
    generator seeded from the game seed and the side, never the game's own.
    """
    state = new_game(scenario, seed, friction)
    dice = {
        side: np.random.default_rng([seed, i]) if policies[side].uses_dice else None for i, side in enumerate(SIDES)
    }
    actions = 0
    while not state.over:
        orders = {side: policies[side].choose(player_view(state, side), dice[side]) for side in SIDES}
        state = play_turn(state, orders, record)
        actions += len(orders["us"]) + len(orders["ussr"]) + len(state.draws)
    return state, actions


@dataclass
class Summary:
    games: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    winners: Counter[str] = field(default_factory=Counter)
    score_sum: dict[Side, float] = field(default_factory=lambda: {"us": 0.0, "ussr": 0.0})
    rank_counts: dict[Side, Counter[int]] = field(default_factory=lambda: {"us": Counter(), "ussr": Counter()})
    max_rungs: Counter[int] = field(default_factory=Counter)
    actions: int = 0
    seconds: float = 0.0

    def add(self, state: GameState, actions: int) -> None:
        self.games += 1
        self.actions += actions
        outcome = state.outcome
        self.outcomes[outcome.kind if outcome else "none"] += 1
        self.winners[outcome.winner if outcome else "none"] += 1
        for side, sc in scores(state).items():
            self.score_sum[side] += sc.total
            self.rank_counts[side][sc.rank] += 1
        self.max_rungs[state.max_rung] += 1

    def merge(self, other: Summary) -> None:
        """Add another summary's games (from another process) to this one."""
        self.games += other.games
        self.actions += other.actions
        self.outcomes.update(other.outcomes)
        self.winners.update(other.winners)
        self.max_rungs.update(other.max_rungs)
        for side in SIDES:
            self.score_sum[side] += other.score_sum[side]
            self.rank_counts[side].update(other.rank_counts[side])

    def share(self, kind: str) -> float:
        return self.outcomes[kind] / self.games if self.games else 0.0

    def reached(self, rung: int) -> float:
        """Share of games whose ladder reached ``rung`` or higher."""
        return sum(n for r, n in self.max_rungs.items() if r >= rung) / self.games if self.games else 0.0

    def mean_score(self, side: Side) -> float:
        return self.score_sum[side] / self.games if self.games else 0.0

    def mean_rank(self, side: Side) -> float:
        counts = self.rank_counts[side]
        return sum(r * n for r, n in counts.items()) / self.games if self.games else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "games": self.games,
            "outcomes": {k: self.outcomes[k] for k in sorted(self.outcomes)},
            "winners": {k: self.winners[k] for k in sorted(self.winners)},
            "mean_scores": {side: round(self.mean_score(side), 2) for side in SIDES},
            "mean_ranks": {side: round(self.mean_rank(side), 3) for side in SIDES},
            "ranks": {
                side: {str(r): self.rank_counts[side][r] for r in sorted(self.rank_counts[side])} for side in SIDES
            },
            "reached_rung": {str(r): round(self.reached(r), 4) for r in range(11)},
            "games_per_second": round(self.games / self.seconds, 1) if self.seconds else None,
        }


def _play_many(scenario: Scenario, us: str, ussr: str, seeds: range, friction: str) -> Summary:
    policies: dict[Side, Policy] = {"us": make_policy(scenario, "us", us), "ussr": make_policy(scenario, "ussr", ussr)}
    summary = Summary()
    for seed in seeds:
        state, actions = play_game(scenario, policies, seed, friction)
        summary.add(state, actions)
    return summary


def _worker(args: tuple[str, str, str, str, range, str]) -> Summary:
    """One process's share of a simulation: it loads the scenario itself and checks it is the same."""
    path, digest, us, ussr, seeds, friction = args
    scenario = load_scenario(path)
    if scenario.content_hash != digest:
        raise RuntimeError(f"{path} changed while the simulation was running")
    return _play_many(scenario, us, ussr, seeds, friction)


def simulate(scenario: Scenario, us: str, ussr: str, games: int, seed: int, friction: str, workers: int = 1) -> Summary:
    """Play ``games`` games with seeds ``seed``, ``seed + 1``, … on ``workers`` processes.

    The games and their results do not depend on the number of workers: each
    game is fixed by its own seed.
    """
    start = time.perf_counter()
    if workers <= 1 or games < 2 * workers:
        summary = _play_many(scenario, us, ussr, range(seed, seed + games), friction)
    else:
        bounds = [seed + games * k // workers for k in range(workers + 1)]
        jobs = [
            (scenario.path, scenario.content_hash, us, ussr, range(a, b), friction)
            for a, b in zip(bounds, bounds[1:], strict=False)
        ]
        summary = Summary()
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            for part in pool.map(_worker, jobs):
                summary.merge(part)
    summary.seconds = time.perf_counter() - start
    return summary


def matrix_table(scenario: Scenario, games: int, seed: int, friction: str, workers: int = 1) -> str:
    """Every personality against every other, as the Markdown table the README shows."""
    rows = [
        "| Kennedy | Khrushchev | settlement | nuclear war | other ends | rung 6+ | US wins | USSR wins "
        "| compromise | mean score US | mean score USSR |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for us in PERSONALITIES:
        for ussr in PERSONALITIES:
            s = simulate(scenario, us, ussr, games, seed, friction, workers)
            other_ends = max(0.0, 1.0 - s.share("settlement") - s.share("nuclear_war"))
            rows.append(
                f"| {us} | {ussr} | {s.share('settlement'):.1%} | {s.share('nuclear_war'):.1%} | {other_ends:.1%} "
                f"| {s.reached(6):.1%} | {s.winners['us'] / s.games:.1%} | {s.winners['ussr'] / s.games:.1%} "
                f"| {s.winners['none'] / s.games:.1%} | {s.mean_score('us'):.1f} | {s.mean_score('ussr'):.1f} |"
            )
    return "\n".join(rows)
