"""The window's figures for ``python -m game bench``: launch time, idle CPU, frame times, memory.

Run as ``python -m game.ui.measure LAUNCHED_AT`` in a process of its own (so that its memory and CPU
are the window's alone); prints one JSON object.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time

from game.ai.doctrine import doctrine_policy
from game.session import Session
from game.ui.app import App


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(launched_at: float, idle_seconds: float = 4.0) -> dict[str, float | str]:
    os.environ.setdefault("BRINKMANSHIP_HOME", tempfile.mkdtemp(prefix="brinkmanship-bench-"))
    app = App()
    app.step([])
    first_frame = time.time() - launched_at
    app.run(seconds=0.5)  # let the window settle
    cpu, wall = _cpu(), time.perf_counter()
    app.run(seconds=idle_seconds)
    idle = (_cpu() - cpu) / (time.perf_counter() - wall)
    session = Session.new(app.scenario, 1962, "historical", ("us",))
    policy = doctrine_policy(app.scenario, "us")
    app.session = session
    app.settings.animation = "full"
    times: list[float] = []
    for _ in range(10):  # ten turns, each resolved with the ships sailing across the map
        result = session.commit("us", policy.choose(session.view("us")))
        app.go("resolution", result)
        app.frame_times.clear()
        app.run(seconds=1.6)
        times.extend(app.frame_times)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else 0.0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    return {
        "video_driver": os.environ.get("SDL_VIDEODRIVER") or "default",
        "launch_to_first_frame_seconds": round(first_frame, 3),
        "idle_cpu_percent": round(idle * 100, 2),
        "animation_frames": len(times),
        "frame_time_p99_ms": round(p99 * 1000, 2),
        "frame_time_median_ms": round(times[len(times) // 2] * 1000, 2) if times else 0.0,
        "max_resident_memory_mb": round(rss, 1),
    }


if __name__ == "__main__":
    print(json.dumps(measure(float(sys.argv[1]) if len(sys.argv) > 1 else time.time())))
