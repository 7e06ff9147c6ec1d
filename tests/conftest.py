"""Shared fixtures. Tests run headless: no window, no sound card."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from game.scenario.loader import default_scenario_path, load_scenario  # noqa: E402


@pytest.fixture(scope="session")
def scenario():
    return load_scenario(default_scenario_path())


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """No test may touch the player's own saves and settings (a subprocess inherits this too)."""
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path_factory.mktemp("home")))
