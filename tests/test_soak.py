"""The soak run and the invariants it checks."""

from __future__ import annotations

import pytest

from game.engine.invariants import broken_invariants
from game.engine.resolve import apply
from game.prelude import new_game
from game.soak import soak_engine


def test_random_games_keep_every_invariant(scenario):
    figures = soak_engine(scenario, games=40, seconds=120, seed=500)
    assert figures["games"] == 40 and figures["broken_invariants"] == 0 and figures["turns"] > 40 * 5


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("rung", 11, "rung 11"),
        ("defcon", 0, "DEFCON 0"),
        ("quarantine", "maybe", "quarantine maybe"),
        ("castro_alarm", 140.0, "Castro's alarm"),
        ("turn", 99, "outside the calendar"),
    ],
)
def test_the_invariants_catch_a_broken_state(scenario, field, value, expected):
    state = apply(new_game(scenario, 1, "plausible"), {})
    assert broken_invariants(state) == []
    broken = state.copy()
    setattr(broken, field, value)
    assert any(expected in p for p in broken_invariants(broken))


def test_a_meter_out_of_bounds_and_a_lost_log_entry_are_caught(scenario):
    before = apply(new_game(scenario, 1, "plausible"), {})
    after = apply(before, {})
    worse = after.copy()
    worse.meters["us.hawks"] = 130.0
    worse.logs["us"] = worse.logs["us"][:-1]
    problems = broken_invariants(worse, before)
    assert any("meter" in p for p in problems) and any("numbering" in p or "lost" in p for p in problems)
