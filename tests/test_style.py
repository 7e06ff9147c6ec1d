"""The code stays ruff-clean; the kernel, the scenario language and the AI pass ``mypy --strict`` (test extra)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_format_leaves_every_file_as_it_is():
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "game", "tests", "tools"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_is_clean():
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "game", "tests", "tools"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_kernel_the_scenario_language_and_the_ai_pass_mypy_strict():
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "game/engine", "game/scenario", "game/ai", "game/prelude.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
