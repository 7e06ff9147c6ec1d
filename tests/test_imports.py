"""The engine, the scenario loader and the AI never import pygame (nor does the text mode)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    ["game.engine.resolve", "game.scenario.loader", "game.ai.doctrine", "game.sim", "game.textmode", "game.history"],
)
def test_module_does_not_import_pygame(module: str) -> None:
    code = f"import sys, {module}; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_check_itself_can_fail() -> None:
    code = "import sys, pygame; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("True")


def test_pygame_is_the_community_edition() -> None:
    import pygame

    assert getattr(pygame, "IS_CE", False)
