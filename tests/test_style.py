"""The code stays ruff-clean and type-checks: the kernel, the scenario language, the AI and the session layer pass
``mypy --strict``, the rest plain ``mypy`` (test extra)."""

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


def test_the_kernel_the_scenario_language_the_ai_and_the_session_layer_pass_mypy_strict():
    _clean(
        "mypy",
        "--strict",
        "game/engine",
        "game/scenario",
        "game/ai",
        "game/prelude.py",
        "game/session.py",
        "game/rules_of_play.py",
        "game/saves.py",
        "game/savenames.py",
        "game/saveformat.py",
        "game/files.py",
        "game/inputs.py",
        "game/settings.py",
        "game/resources.py",
        "game/history.py",
        "game/tutorial.py",
        "game/report.py",
        "game/sim.py",
        "game/wording.py",
        "game/probe",
    )


def test_the_whole_game_passes_mypy():
    _clean("mypy", "game")
