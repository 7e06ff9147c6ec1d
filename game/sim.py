"""Games between policies, and the statistics of many of them (``python -m game simulate``)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.ai.doctrine import doctrine_policy
from game.ai.random_policy import RandomPolicy
from game.engine.model import SIDES
from game.engine.record import GameRecord, play_turn
from game.engine.scoring import scores
from game.engine.setup import new_game
from game.engine.state import GameState
from game.engine.view import player_view
from game.scenario.model import Scenario


def make_policy(scenario: Scenario, side: str, name: str) -> Any:
    """A doctrine personality (historical, hawk, dove) or ``random``."""
    if name == "random":
        return RandomPolicy()
    return doctrine_policy(scenario, side, name)


def play_game(scenario: Scenario, policies: dict[str, Any], seed: int, friction: str,
              record: GameRecord | None = None) -> tuple[GameState, int]:
    """Play one game to its end; returns the final state and the number of engine actions.

    An action is one order or one chance draw. Policies that want dice get a
    generator seeded from the game seed and the side, never the game's own.
    """
    state = new_game(scenario, seed, friction)
    dice = {side: np.random.default_rng([seed, i]) for i, side in enumerate(SIDES)}
    actions = 0
    while not state.over:
        orders = {side: policies[side].choose(player_view(state, side), dice[side]) for side in SIDES}
        state = play_turn(state, orders, record)
        actions += len(orders["us"]) + len(orders["ussr"]) + len(state.draws)
    return state, actions


@dataclass
class Summary:
    games: int = 0
    outcomes: Counter = field(default_factory=Counter)
    winners: Counter = field(default_factory=Counter)
    score_sum: dict[str, float] = field(default_factory=lambda: {"us": 0.0, "ussr": 0.0})
    rank_counts: dict[str, Counter] = field(default_factory=lambda: {"us": Counter(), "ussr": Counter()})
    max_rungs: Counter = field(default_factory=Counter)
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

    def share(self, kind: str) -> float:
        return self.outcomes[kind] / self.games if self.games else 0.0

    def reached(self, rung: int) -> float:
        """Share of games whose ladder reached ``rung`` or higher."""
        return sum(n for r, n in self.max_rungs.items() if r >= rung) / self.games if self.games else 0.0

    def mean_score(self, side: str) -> float:
        return self.score_sum[side] / self.games if self.games else 0.0

    def mean_rank(self, side: str) -> float:
        counts = self.rank_counts[side]
        return sum(r * n for r, n in counts.items()) / self.games if self.games else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "games": self.games,
            "outcomes": {k: self.outcomes[k] for k in sorted(self.outcomes)},
            "winners": {k: self.winners[k] for k in sorted(self.winners)},
            "mean_scores": {side: round(self.mean_score(side), 2) for side in SIDES},
            "mean_ranks": {side: round(self.mean_rank(side), 3) for side in SIDES},
            "ranks": {side: {str(r): self.rank_counts[side][r] for r in sorted(self.rank_counts[side])}
                      for side in SIDES},
            "reached_rung": {str(r): round(self.reached(r), 4) for r in range(11)},
            "games_per_second": round(self.games / self.seconds, 1) if self.seconds else None,
        }


def simulate(scenario: Scenario, us: str, ussr: str, games: int, seed: int, friction: str) -> Summary:
    """Play ``games`` games with seeds ``seed``, ``seed + 1``, …"""
    policies = {"us": make_policy(scenario, "us", us), "ussr": make_policy(scenario, "ussr", ussr)}
    summary = Summary()
    start = time.perf_counter()
    for i in range(games):
        state, actions = play_game(scenario, policies, seed + i, friction)
        summary.add(state, actions)
    summary.seconds = time.perf_counter() - start
    return summary
