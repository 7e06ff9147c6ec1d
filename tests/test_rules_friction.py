"""The incident formula and the spiral, on hand-made states and loaded dice."""

from __future__ import annotations

import dataclasses

import pytest

from game.engine.friction import draw_incidents, incident_probability
from game.engine.turn import Turn
from game.prelude import new_game


class LoadedDice:
    """Dice that always fall under any chance and always pick the first incident."""

    def __init__(self) -> None:
        self.draws: list[float] = []

    def random(self) -> float:
        self.draws.append(0.0)
        return 0.0

    def pick(self, weights: list[float]) -> int:
        return 0


def quiet_state(scenario, rung: int):
    """A plausible-friction day at ``rung`` whose only incident changes nothing but the hawks."""
    s = new_game(scenario, 1, "plausible").copy()
    assert s.scenario.turns[s.turn].days == 1.0
    calm = next(inc for inc in scenario.incidents if inc.id == "false_alarm")
    calm = dataclasses.replace(calm, when=lambda o, side: True)
    s.scenario = dataclasses.replace(scenario, incidents=(calm,))
    s.rung = rung
    return s


def test_the_orders_risk_adds_to_the_chance_of_an_incident(scenario):
    s = quiet_state(scenario, 3)
    assert incident_probability(s, 0.12) == pytest.approx(incident_probability(s) + 0.12)


def test_the_chance_of_an_incident_stops_at_the_cap(scenario):
    s = quiet_state(scenario, 10)
    s.defcon, s.alert, s.castro_alarm, s.local_authority = 1, 2, 100.0, True
    cap = scenario.friction.cap
    assert incident_probability(s) == pytest.approx(cap)
    assert incident_probability(s, 5.0) == pytest.approx(cap)
    quiet = quiet_state(scenario, 0)
    assert incident_probability(quiet) < cap


def test_the_spiral_stops_below_spiral_from(scenario):
    s = quiet_state(scenario, scenario.friction.spiral_from - 1)
    turn = Turn(s, {"us": (), "ussr": ()})
    turn.dice = LoadedDice()
    draw_incidents(turn, 0.0)
    assert turn.incidents == ["false_alarm"]


def test_the_spiral_goes_on_from_spiral_from_up_to_max_incidents(scenario):
    s = quiet_state(scenario, scenario.friction.spiral_from)
    turn = Turn(s, {"us": (), "ussr": ()})
    turn.dice = LoadedDice()
    draw_incidents(turn, 0.0)
    assert turn.incidents == ["false_alarm"] * scenario.friction.max_incidents
