"""The suite itself: the same examples on every run, and no test that a slow machine can fail."""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import settings

TESTS = Path(__file__).resolve().parent
CLOCKS = re.compile(r"\b(?:time\.(?:time|perf_counter|process_time|thread_time|monotonic|sleep)\w*|timeit)\b")


def test_hypothesis_runs_the_fixed_ci_profile_by_default():
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci":
        return  # someone asked for another profile on purpose
    current = settings()
    assert current.derandomize and current.database is None and current.deadline is None
    assert current.max_examples <= 50


def test_no_test_reads_a_clock_nor_sleeps():
    """Speed is ``python -m game bench``'s business, and a test that waits on the clock passes or fails with
    the machine's load: the mixer's fades are ended at once with ``stop()`` (see ``test_sound``)."""
    readers = [
        f"{path.name}:{n}"
        for path in sorted(TESTS.glob("*.py"))
        if path != Path(__file__)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CLOCKS.search(line)
    ]
    assert readers == []
