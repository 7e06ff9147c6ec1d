"""The engine's speed, measured (``python -m game bench``); a benchmark, never a timed test.

An action is one order or one chance draw, as in OpenSpiel. Each figure runs
whole seeded games for about the given number of seconds on one core.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

from game.scenario.model import Scenario
from game.sim import make_policy, play_game, simulate


def _games_for(scenario: Scenario, us: str, ussr: str, friction: str, seconds: float) -> tuple[int, int, float]:
    policies = {"us": make_policy(scenario, "us", us), "ussr": make_policy(scenario, "ussr", ussr)}
    games = actions = 0
    start = time.perf_counter()
    while True:
        _, n = play_game(scenario, policies, 1000 + games, friction)
        games += 1
        actions += n
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return games, actions, elapsed


def window_figures() -> dict[str, Any]:
    """The window's figures, measured in a process of its own (under the display there is, if any)."""
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["SDL_VIDEODRIVER"] = "dummy"
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    done = subprocess.run([sys.executable, "-m", "game.ui.measure", repr(time.time())], capture_output=True,
                          text=True, env=env, timeout=120)
    if done.returncode != 0:
        return {"window": f"could not be measured: {done.stderr.strip().splitlines()[-1:]}"}
    return {f"window_{k}": v for k, v in json.loads(done.stdout.strip().splitlines()[-1]).items()}


def run_bench(scenario: Scenario, seconds: float = 3.0) -> dict[str, Any]:
    """The engine figures: random legal play, and historical-against-historical games.

    All on one core, but the last: the simulator spreads games over every core.
    """
    out: dict[str, Any] = {}
    games, actions, elapsed = _games_for(scenario, "random", "random", "plausible", seconds)
    out["random_play_actions_per_second"] = round(actions / elapsed)
    out["random_play_games_per_second"] = round(games / elapsed, 1)
    for friction in ("plausible", "historical"):
        games, actions, elapsed = _games_for(scenario, "historical", "historical", friction, seconds)
        out[f"historical_vs_historical_games_per_second_{friction}"] = round(games / elapsed, 1)
    out.update(window_figures())
    cores = os.cpu_count() or 1
    count = max(4 * cores, int(out["historical_vs_historical_games_per_second_plausible"] * seconds * cores))
    summary = simulate(scenario, "historical", "historical", count, 1000, "plausible", workers=cores)
    out[f"historical_vs_historical_games_per_second_plausible_{cores}_cores"] = round(count / summary.seconds, 1)
    return out
