"""The engine's speed, measured (``python -m game bench``); a benchmark, never a timed test.

An action is one order or one chance draw, as in OpenSpiel. Each one-core
figure plays whole seeded games in quarter-second rounds for about the given
number of seconds, timing each round by the CPU time of the thread playing it
(numpy's idle helper threads do not count), and reports the best round, as
``timeit`` does: the other programs of a shared machine only ever slow a round
down, so the fastest one is the engine's own speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

from game.engine.model import Side
from game.engine.scenario_types import Scenario
from game.sim import Policy, make_policy, play_game, simulate

ROUND_SECONDS = 0.25  # short rounds: the slow spells of a shared machine come and go within a second


def _best_rates(scenario: Scenario, us: str, ussr: str, friction: str, seconds: float) -> tuple[float, float]:
    """(games per second, actions per second) of the fastest round, on one core."""
    policies: dict[Side, Policy] = {"us": make_policy(scenario, "us", us), "ussr": make_policy(scenario, "ussr", ussr)}
    best_games = best_actions = 0.0
    seed = 1000
    for _ in range(max(1, round(seconds / ROUND_SECONDS))):
        games = actions = 0
        start = time.thread_time()
        while True:
            _, n = play_game(scenario, policies, seed, friction)
            seed += 1
            games += 1
            actions += n
            elapsed = time.thread_time() - start
            if elapsed >= min(seconds, ROUND_SECONDS):
                break
        best_games = max(best_games, games / elapsed)
        best_actions = max(best_actions, actions / elapsed)
    return best_games, best_actions


def window_figures() -> dict[str, Any]:
    """The window's figures, measured in a process of its own (under the display there is, if any)."""
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["SDL_VIDEODRIVER"] = "dummy"
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    done = subprocess.run(
        [sys.executable, "-m", "game.ui.measure", repr(time.time())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    if done.returncode != 0:
        return {"window": f"could not be measured: {done.stderr.strip().splitlines()[-1:]}"}
    return {f"window_{k}": v for k, v in json.loads(done.stdout.strip().splitlines()[-1]).items()}


def run_bench(scenario: Scenario, seconds: float = 3.0) -> dict[str, Any]:
    """The engine figures: random legal play, and historical-against-historical games.

    All on one core, but the last: the simulator spreads games over every core.
    """
    out: dict[str, Any] = {}
    games, actions = _best_rates(scenario, "random", "random", "plausible", seconds)
    out["random_play_actions_per_second"] = round(actions)
    out["random_play_games_per_second"] = round(games, 1)
    for friction in ("plausible", "historical"):
        games, _ = _best_rates(scenario, "historical", "historical", friction, seconds)
        out[f"historical_vs_historical_games_per_second_{friction}"] = round(games, 1)
    out.update(window_figures())
    cores = os.cpu_count() or 1
    count = max(4 * cores, int(out["historical_vs_historical_games_per_second_plausible"] * seconds * cores))
    summary = simulate(scenario, "historical", "historical", count, 1000, "plausible", workers=cores)
    out[f"historical_vs_historical_games_per_second_plausible_{cores}_cores"] = round(count / summary.seconds, 1)
    return out
