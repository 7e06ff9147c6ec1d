"""The forces on and around Cuba: sites, submarines and troops ashore, one rule at a time."""

from __future__ import annotations

from game.engine.ladder import posture_floor
from game.engine.model import Order, Term
from game.engine.resolve import apply
from game.prelude import new_game


def play(state, us=(), ussr=()):
    return apply(state, {"us": tuple(us), "ussr": tuple(ussr)})


def test_construction_resumes_after_a_halt(scenario):
    s = play(new_game(scenario, 1, "historical"), ussr=[Order("build_halt")])
    assert all(x.status == "halted" for x in s.sites)
    s = play(s, ussr=[Order("build_resume")])
    assert all(x.status == "building" for x in s.sites)
    before = [x.readiness for x in s.sites]
    s = play(s)
    assert all(new > old for new, old in zip((x.readiness for x in s.sites), before, strict=True) if old < 100.0)


def test_a_withdrawn_submarine_sails_away_from_the_line(scenario):
    s = play(new_game(scenario, 1, "historical"), ussr=[Order("subs_withdraw")])
    withdrawn = [sub.id for sub in s.subs if sub.status == "withdrawn"]
    assert withdrawn
    for _ in range(3):
        before = {sub.id: sub.distance for sub in s.subs}
        s = play(s)
        for sub in s.subs:
            if sub.id in withdrawn:
                assert sub.distance > before[sub.id] or sub.distance == 4000.0, sub


def test_troops_ashore_hold_the_ladder_at_ground_combat_even_under_an_agreement(scenario):
    s = new_game(scenario, 1, "historical").copy()
    s.invaded = True
    assert posture_floor(s) == 8
    s.agreement = (Term("no_invasion"),)
    assert posture_floor(s) == 8
    s.agreement = None
    s.rung = 2
    after = play(s)
    assert after.rung >= 8
