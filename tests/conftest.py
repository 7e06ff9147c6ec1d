"""Shared fixtures. Tests run headless: no window, no sound card."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from game.scenario.loader import default_scenario_path, load_scenario  # noqa: E402

# The profile every run uses unless HYPOTHESIS_PROFILE names another: the same examples on every machine and
# every run (derandomized, no example database carried between runs), a bounded number of them, and no
# deadline, since a loaded CI machine is slow, never wrong. "explore" searches afresh, for local hunting.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("explore", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def scenario():
    return load_scenario(default_scenario_path())


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """No test may touch the player's own saves and settings (a subprocess inherits this too)."""
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path_factory.mktemp("home")))
