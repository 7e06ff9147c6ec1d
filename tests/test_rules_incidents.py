"""Incidents: the formula term by term, the draw against it, the spiral, and the weighted pick at its edges.

The coefficients are replaced by powers of two so that each term of ``friction.incident_probability`` shows
in the sum on its own: a term dropped, doubled or moved by one shows as a different figure.
"""

from __future__ import annotations

import dataclasses

import pytest

from game.engine.dice import Dice, seed_state
from game.engine.friction import draw_incidents, fire_incident, incident_probability
from game.engine.model import Term, replace
from game.engine.turn import Turn
from game.prelude import new_game

COEFFICIENTS = dict(
    base=0.001,
    per_rung=0.002,
    per_defcon=0.004,
    per_alert=0.008,
    castro=0.016,
    local_authority=0.032,
    held_ship=0.064,
    sub_near_line=0.128,
    cap=0.9,
    settled=0.5,
)


def calm(scenario, friction="plausible", **coefficients):
    """A one-day turn with every term of the formula at zero but the base: rung 0, DEFCON 4, no alert,
    Castro calm, no quarantine, no agreement."""
    s = new_game(scenario, 1, friction).copy()
    fr = dataclasses.replace(scenario.friction, **{**COEFFICIENTS, **coefficients})
    s.scenario = dataclasses.replace(scenario, friction=fr)
    s.rung, s.defcon, s.alert, s.castro_alarm, s.local_authority = 0, 4, 0, 0.0, False
    s.quarantine, s.agreement = "none", None
    assert s.scenario.turns[s.turn].days == 1.0
    return s


def incident(base, id_, weight=1.0, when=True, historical=()):
    return dataclasses.replace(base, id=id_, weight=weight, when=lambda o, side: when, historical=historical)


def with_incidents(s, *incidents):
    s.scenario = dataclasses.replace(s.scenario, incidents=tuple(incidents))
    return s


class Script:
    """Dice that fall as scripted and pick the index they are told, remembering the weights they were shown."""

    def __init__(self, randoms, pick=0):
        self.randoms = list(randoms)
        self.draws: list[float] = []
        self.shown: list[list[float]] = []
        self._pick = pick

    def random(self):
        value = self.randoms.pop(0)
        self.draws.append(value)
        return value

    def pick(self, weights):
        self.shown.append(list(weights))
        return self._pick


def turn_with(s, dice):
    turn = Turn(s, {"us": (), "ussr": ()})
    turn.dice = dice
    return turn


@pytest.fixture
def false_alarm(scenario):
    return next(inc for inc in scenario.incidents if inc.id == "false_alarm")


# -- the formula --


def test_a_calm_day_carries_the_base_chance_alone(scenario):
    assert incident_probability(calm(scenario)) == pytest.approx(0.001)


def test_each_rung_from_the_third_doubles_the_rung_term_and_none_below_counts(scenario):
    s = calm(scenario)
    added = []
    for rung in range(11):
        s.rung = rung
        added.append(incident_probability(s) - 0.001)
    assert added == pytest.approx([0.0, 0.0, 0.0] + [0.002 * 2**k for k in range(8)])


def test_readiness_above_defcon_4_adds_a_step_per_level_and_below_nothing(scenario):
    s = calm(scenario)
    added = {}
    for defcon in (1, 2, 3, 4, 5):
        s.defcon = defcon
        added[defcon] = incident_probability(s) - 0.001
    assert added == pytest.approx({1: 0.012, 2: 0.008, 3: 0.004, 4: 0.0, 5: 0.0})


def test_the_soviet_alert_castro_and_local_authority_each_add_their_coefficient(scenario):
    s = calm(scenario)
    s.alert = 2
    assert incident_probability(s) == pytest.approx(0.001 + 2 * 0.008)
    s.alert, s.castro_alarm = 0, 50.0
    assert incident_probability(s) == pytest.approx(0.001 + 0.016 * 0.5)
    s.castro_alarm, s.local_authority = 0.0, True
    assert incident_probability(s) == pytest.approx(0.001 + 0.032)


def test_ships_held_at_the_line_count_only_while_the_quarantine_is_in_force(scenario):
    s = calm(scenario)
    s.subs = ()
    s.ships = tuple(replace(sh, status="held") if i < 2 else sh for i, sh in enumerate(s.ships))
    for status in ("none", "proclaimed", "lifted"):
        s.quarantine = status
        assert incident_probability(s) == pytest.approx(0.001), status
    s.quarantine = "in_force"
    assert incident_probability(s) == pytest.approx(0.001 + 2 * 0.064)


def test_the_orders_risk_is_added_before_the_cap(scenario):
    s = calm(scenario)
    assert incident_probability(s, 0.25) == pytest.approx(0.251)
    assert incident_probability(s, 0.899) == pytest.approx(0.9)
    assert incident_probability(s, 3.0) == pytest.approx(0.9)


def test_an_agreement_scales_the_capped_chance_by_settled(scenario):
    s = calm(scenario)
    s.agreement = (Term("no_invasion"),)
    assert incident_probability(s, 0.2) == pytest.approx(0.201 * 0.5)
    assert incident_probability(s, 5.0) == pytest.approx(0.9 * 0.5)
    s.agreement = ()  # an agreement with no terms is still an agreement
    assert incident_probability(s) == pytest.approx(0.001 * 0.5)


@pytest.mark.parametrize("days", [0.5, 7.0, 8.0])
def test_a_turn_of_several_days_or_half_a_day_compounds_the_daily_chance(scenario, days):
    s = calm(scenario)
    s.turn = next(i for i, t in enumerate(scenario.turns) if t.days == days)
    daily = 0.001 + 0.3
    assert incident_probability(s, 0.3) == pytest.approx(1.0 - (1.0 - daily) ** days)


# -- the draw --


def test_a_draw_under_the_chance_fires_one_incident_and_a_draw_at_it_fires_none(scenario, false_alarm):
    s = with_incidents(calm(scenario), incident(false_alarm, "false_alarm"))
    p = incident_probability(s, 0.1)
    below = turn_with(s, Script([p - 1e-9]))
    assert draw_incidents(below, 0.1) == pytest.approx(p)
    assert below.incidents == ["false_alarm"]
    at = turn_with(s, Script([p]))
    draw_incidents(at, 0.1)
    assert at.incidents == [] and at.dice.draws == [p]


def test_the_pick_is_shown_the_weights_of_the_eligible_incidents_in_the_scenarios_order(scenario, false_alarm):
    s = with_incidents(
        calm(scenario),
        incident(false_alarm, "first", 2.0),
        incident(false_alarm, "weightless", 0.0),
        incident(false_alarm, "not_now", 5.0, when=False),
        incident(false_alarm, "last", 1.0),
    )
    turn = turn_with(s, Script([0.0], pick=1))
    draw_incidents(turn, 0.0)
    assert turn.dice.shown == [[2.0, 1.0]]
    assert turn.incidents == ["last"]


def test_with_no_eligible_incident_nothing_is_picked(scenario, false_alarm):
    s = with_incidents(calm(scenario), incident(false_alarm, "not_now", when=False))
    turn = turn_with(s, Script([0.0]))
    draw_incidents(turn, 0.0)
    assert turn.incidents == [] and turn.dice.shown == []


def test_historical_friction_draws_nothing_and_plays_the_dated_incidents_whose_conditions_hold(scenario, false_alarm):
    s = calm(scenario, friction="historical")
    today = ((s.date, s.part),)
    s = with_incidents(
        s,
        incident(false_alarm, "today", historical=today),
        incident(false_alarm, "today_but_not_so", when=False, historical=today),
        incident(false_alarm, "another_day", historical=(("1962-11-20", "day"),)),
        incident(false_alarm, "undated"),
    )
    turn = turn_with(s, Script([]))
    assert draw_incidents(turn, 0.2) == pytest.approx(incident_probability(s, 0.2))
    assert turn.incidents == ["today"] and turn.dice.draws == []


def test_an_incident_applies_its_effects_and_writes_its_lines(scenario, false_alarm):
    s = calm(scenario)
    inc = dataclasses.replace(false_alarm, secret_text="Only Moscow knows.", secret_to="ussr", visibility="us")
    turn = turn_with(s, Script([]))
    fire_incident(turn, inc)
    assert turn.incidents == ["false_alarm"]
    assert [(e.key, e.text) for e in turn.entries["us"]] == [("incident_false_alarm", false_alarm.text)]
    assert [(e.key, e.text) for e in turn.entries["ussr"]] == [("incident_false_alarm_secret", "Only Moscow knows.")]
    for key, delta in false_alarm.effects.meters.items():
        assert turn.s.meters[key] == pytest.approx(min(100.0, max(0.0, s.meters[key] + delta)))


# -- the spiral --


def test_below_spiral_from_one_incident_is_all_a_turn_can_hold(scenario, false_alarm):
    s = with_incidents(calm(scenario), incident(false_alarm, "false_alarm"))
    s.rung = s.scenario.friction.spiral_from - 1
    turn = turn_with(s, Script([0.0, 0.0, 0.0]))
    draw_incidents(turn, 0.0)
    assert turn.incidents == ["false_alarm"] and len(turn.dice.draws) == 1


def test_from_spiral_from_the_turn_is_drawn_again_without_the_orders_risk(scenario, false_alarm):
    s = with_incidents(calm(scenario), incident(false_alarm, "false_alarm"))
    s.rung = s.scenario.friction.spiral_from
    again = incident_probability(s)  # the hawks' meter is not in the formula: the posture is unchanged
    first = incident_probability(s, 0.3)
    assert first > again + 0.1
    turn = turn_with(s, Script([0.0, again + 0.05]))  # under the first chance, over the second
    assert draw_incidents(turn, 0.3) == pytest.approx(first)
    assert turn.incidents == ["false_alarm"] and turn.dice.draws == [0.0, again + 0.05]
    turn = turn_with(s, Script([0.0, again - 1e-9, 1.0]))
    draw_incidents(turn, 0.3)
    assert turn.incidents == ["false_alarm", "false_alarm"]


def test_the_spiral_draws_at_the_rung_the_incident_left(scenario, false_alarm):
    climb = dataclasses.replace(false_alarm.effects, rung=1, rung_min=0, meters={})
    s = with_incidents(calm(scenario), dataclasses.replace(incident(false_alarm, "climb"), effects=climb))
    s.rung = s.scenario.friction.spiral_from
    higher = s.copy()
    higher.rung += 1
    turn = turn_with(s, Script([0.0, incident_probability(higher) - 1e-9, 1.0]))
    draw_incidents(turn, 0.0)
    assert turn.incidents == ["climb", "climb"] and turn.s.rung == s.rung + 2


def test_the_spiral_stops_at_max_incidents(scenario, false_alarm):
    s = with_incidents(calm(scenario), incident(false_alarm, "false_alarm"))
    s.rung = s.scenario.friction.spiral_from
    turn = turn_with(s, Script([0.0] * 10))
    draw_incidents(turn, 0.0)
    assert turn.incidents == ["false_alarm"] * s.scenario.friction.max_incidents
    assert len(turn.dice.draws) == s.scenario.friction.max_incidents


def test_nothing_follows_an_incident_at_the_top_of_the_ladder(scenario, false_alarm):
    s = with_incidents(calm(scenario), incident(false_alarm, "false_alarm"))
    s.rung = 10
    turn = turn_with(s, Script([0.0] * 10))
    draw_incidents(turn, 0.0)
    assert turn.incidents == ["false_alarm"]


# -- the weighted pick --


def dice_falling_at(u):
    dice = Dice(seed_state(0))
    dice._random = lambda: u
    return dice


@pytest.mark.parametrize(
    ("u", "index"),
    [(0.0, 0), (1 / 6 - 1e-12, 0), (1 / 6, 1), (0.5 - 1e-12, 1), (0.5, 2), (1 - 1e-12, 2)],
)
def test_the_pick_maps_a_draw_to_the_weight_it_falls_in(u, index):
    dice = dice_falling_at(u)
    assert dice.pick([1.0, 2.0, 3.0]) == index
    assert dice.draws == [u]


def test_a_draw_at_the_very_top_falls_to_the_last_weight():
    assert dice_falling_at(1.0).pick([1.0, 2.0, 3.0]) == 2


def test_a_zero_weight_in_the_middle_is_never_picked():
    assert [dice_falling_at(u).pick([1.0, 0.0, 1.0]) for u in (0.0, 0.499, 0.5, 0.999)] == [0, 0, 2, 2]


def test_many_seeded_picks_follow_the_weights():
    dice = Dice(seed_state(1962))
    weights = [3.0, 1.0, 0.5, 5.5]
    n = 40_000
    counts = [0] * len(weights)
    for _ in range(n):
        counts[dice.pick(weights)] += 1
    assert [c / n for c in counts] == pytest.approx([w / 10.0 for w in weights], abs=0.01)
    assert len(dice.draws) == n
