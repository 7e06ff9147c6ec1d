"""The code stays ruff-clean, and the whole game passes ``mypy --strict`` (test extra)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _clean(*command: str) -> None:
    done = subprocess.run([sys.executable, "-m", *command], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_leaves_every_file_as_it_is():
    _clean("ruff", "format", "--check", "game", "tests", "tools")


def test_ruff_is_clean():
    _clean("ruff", "check", "game", "tests", "tools")


def test_the_whole_game_passes_mypy_strict():
    _clean("mypy", "--strict", "game")  # the engine, the AI, the session layer, the probe, the terminal, the window
