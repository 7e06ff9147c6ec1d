"""The code stays ruff-clean, and the rules kernel and the AI pass ``mypy --strict`` (both in the test extra)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "game", "tests", "tools"], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_kernel_and_the_ai_pass_mypy_strict():
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "game/engine", "game/ai"], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
