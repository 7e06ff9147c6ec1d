"""Submarines: which count near the line, which may be signalled up, how they escort and withdraw, and what
stopping an escorted ship adds to the danger. None of it happens on the historical path."""

from __future__ import annotations

import dataclasses

import pytest

from game.engine.friction import forecast_risk, incident_probability
from game.engine.handlers import HANDLERS
from game.engine.model import Order, replace
from game.engine.orders import targets_of
from game.engine.resolve import apply
from game.engine.turn import Turn
from game.engine.view import player_view
from game.engine.world import move_ships
from game.prelude import new_game

LINE = 500


def at_the_line(scenario, *subs, ships=None):
    """A plausible-friction day with the quarantine in force at 500 miles, the given (status, distance) of
    each submarine, no ship held and only the base of the formula left (so each term shows alone)."""
    s = new_game(scenario, 1, "plausible").copy()
    fr = dataclasses.replace(scenario.friction, per_rung=0.0, per_defcon=0.0, per_alert=0.0, castro=0.0)
    s.scenario = dataclasses.replace(scenario, friction=fr)
    s.quarantine, s.line_nm, s.agreement, s.local_authority = "in_force", LINE, None, False
    s.subs = tuple(replace(sub, status=st, distance=float(d)) for sub, (st, d) in zip(s.subs, subs, strict=False))
    s.ships = ships if ships is not None else tuple(replace(sh, status="sailing", distance=2000.0) for sh in s.ships)
    return s


def near_count(s):
    """The number of submarines the formula counts near the line."""
    base = incident_probability(replace_subs(s, ()))
    return round((incident_probability(s) - base) / s.scenario.friction.sub_near_line, 6)


def replace_subs(s, subs):
    t = s.copy()
    t.subs = subs
    return t


def resolve(s, side, kind, target=""):
    odef = s.scenario.orders[kind]
    turn = Turn(s, {"us": (), "ussr": ()})
    HANDLERS[odef.handler][1](turn, side, Order(kind, target), odef)
    return turn


def statuses(s):
    return {sub.id: sub.status for sub in s.subs}


# -- near the line --


@pytest.mark.parametrize(
    ("status", "distance", "near"),
    [
        ("patrol", LINE, 1),
        ("escorting", LINE, 1),
        ("patrol", LINE + 250, 1),
        ("patrol", LINE - 250, 1),
        ("patrol", LINE + 251, 0),
        ("escorting", LINE - 251, 0),
        ("withdrawn", LINE, 0),
        ("surfaced", LINE, 0),
    ],
)
def test_a_submarine_counts_near_the_line_only_on_patrol_or_escort_within_250_miles(scenario, status, distance, near):
    s = at_the_line(scenario, (status, distance), ("withdrawn", 3000))
    assert near_count(s) == near
    odef = s.scenario.orders["signal_sub"]
    expected = (s.subs[0].id,) if near else ()
    assert targets_of(player_view(s, "us"), odef) == expected


def test_each_submarine_near_the_line_adds_the_coefficient(scenario):
    s = at_the_line(scenario, ("patrol", LINE), ("escorting", LINE + 100))
    assert near_count(s) == 2
    base = incident_probability(replace_subs(s, ()))
    assert incident_probability(s) == pytest.approx(base + 2 * s.scenario.friction.sub_near_line)


def test_no_submarine_counts_before_the_quarantine_is_in_force(scenario):
    s = at_the_line(scenario, ("patrol", LINE), ("escorting", LINE))
    s.quarantine = "proclaimed"
    assert near_count(s) == 0
    assert targets_of(player_view(s, "us"), s.scenario.orders["signal_sub"]) == ()


def test_signalling_surfaces_the_target_and_no_other(scenario):
    s = at_the_line(scenario, ("patrol", LINE), ("escorting", LINE))
    first, second = (sub.id for sub in s.subs)
    after = resolve(s, "us", "signal_sub", first).s
    assert statuses(after) == {first: "surfaced", second: "escorting"}
    assert after.has_flag("sub_signalled", "us") and not after.has_flag("sub_signalled", "ussr")


# -- escort and withdrawal --


def test_withdrawing_sends_every_submarine_but_a_surfaced_one_home_and_ends_every_escort(scenario):
    s = at_the_line(scenario, ("surfaced", LINE), ("escorting", LINE))
    s.ships = tuple(replace(sh, escort=s.subs[1].id) for sh in s.ships)
    after = resolve(s, "ussr", "subs_withdraw").s
    assert statuses(after) == {s.subs[0].id: "surfaced", s.subs[1].id: "withdrawn"}
    assert all(sh.escort == "" for sh in after.ships)


def test_escorting_pairs_free_submarines_with_weapons_ships_still_at_sea_in_order(scenario):
    s = at_the_line(scenario, ("patrol", 900), ("withdrawn", 3000))
    status = {"aleksandrovsk": "arrived", "kimovsk": "held", "poltava": "halted", "yuri_gagarin": "sailing"}
    s.ships = tuple(replace(sh, status=status.get(sh.id, "sailing")) for sh in s.ships)
    after = resolve(s, "ussr", "subs_escort").s
    assert statuses(after) == {sub.id: "escorting" for sub in s.subs}
    escorts = {sh.id: sh.escort for sh in after.ships}
    b1, b2 = (sub.id for sub in s.subs)
    # the arrived ship and the oil and general cargoes are not shadowed; two submarines for three weapons ships
    assert escorts == {
        "aleksandrovsk": "",
        "kimovsk": b1,
        "poltava": b2,
        "yuri_gagarin": "",
        "bucharest": "",
        "marucla": "",
    }


def test_a_surfaced_submarine_escorts_no_one(scenario):
    s = at_the_line(scenario, ("surfaced", LINE), ("patrol", 900))
    after = resolve(s, "ussr", "subs_escort").s
    assert statuses(after) == {s.subs[0].id: "surfaced", s.subs[1].id: "escorting"}
    assert {sh.escort for sh in after.ships} == {"", s.subs[1].id}


def sail(s, days=1.0):
    turn = Turn(s, {"us": (), "ussr": ()})
    move_ships(turn, days)
    return turn.s


def test_a_withdrawn_submarine_sails_300_miles_a_day_away_until_4000(scenario):
    s = at_the_line(scenario, ("withdrawn", LINE), ("withdrawn", 3900))
    after = sail(s, 0.5)
    assert [sub.distance for sub in after.subs] == [LINE + 150.0, 4000.0]
    assert [sub.distance for sub in sail(after, 12.0).subs] == [4000.0, 4000.0]


def test_an_escorting_submarine_closes_300_miles_a_day_on_its_station_50_miles_outside_the_line(scenario):
    s = at_the_line(scenario, ("escorting", 1000), ("escorting", LINE + 120))
    after = sail(s)
    assert [sub.distance for sub in after.subs] == [700.0, LINE + 50.0]
    assert [sub.distance for sub in sail(after).subs] == [LINE + 50.0, LINE + 50.0]
    assert [sub.distance for sub in sail(s, 0.5).subs] == [850.0, LINE + 50.0]  # half a day, half the way


def test_a_submarine_on_patrol_or_surfaced_stays_where_it_is(scenario):
    s = at_the_line(scenario, ("patrol", 700), ("surfaced", 520))
    assert [sub.distance for sub in sail(s, 7.0).subs] == [700.0, 520.0]


# -- stopping an escorted ship --


def held_ship(scenario, escort_status, escorted=True):
    """The Kimovsk held at the line; its escort (if any) in the given state, 1000 miles off (not near)."""
    s = at_the_line(scenario, (escort_status, 1500), ("withdrawn", 3000))
    sub = s.subs[0].id
    s.ships = tuple(
        replace(sh, status="held", distance=float(LINE), escort=sub if escorted else "") if sh.id == "kimovsk" else sh
        for sh in s.ships
    )
    return s


@pytest.mark.parametrize("kind", ["board", "disable"])
def test_stopping_a_shadowed_ship_adds_exactly_the_escort_coefficient(scenario, kind):
    turn = resolve(held_ship(scenario, "escorting"), "us", kind, "kimovsk")
    assert turn.risk == scenario.friction.escorted_ship
    assert [e.text for e in turn.entries["public"] if e.key == "escort_detected"] == [
        "Sonar picks up a submarine close to the Kimovsk."
    ]


def test_two_shadowed_ships_stopped_in_one_turn_add_the_coefficient_twice(scenario):
    s = held_ship(scenario, "escorting")
    s.ships = tuple(
        replace(sh, status="held", distance=float(LINE), escort=s.subs[0].id) if sh.id == "poltava" else sh
        for sh in s.ships
    )
    odef = s.scenario.orders["board"]
    turn = Turn(s, {"us": (), "ussr": ()})
    for target in ("kimovsk", "poltava"):
        HANDLERS["board"][1](turn, "us", Order("board", target), odef)
    assert turn.risk == pytest.approx(2 * scenario.friction.escorted_ship)


@pytest.mark.parametrize(("status", "escorted"), [("surfaced", True), ("withdrawn", True), ("escorting", False)])
def test_a_ship_whose_escort_is_gone_or_absent_adds_nothing(scenario, status, escorted):
    turn = resolve(held_ship(scenario, status, escorted), "us", "board", "kimovsk")
    assert turn.risk == 0.0
    assert "escort_detected" not in [e.key for e in turn.entries["public"]]


@pytest.mark.parametrize("kind", ["board", "disable"])
def test_the_escort_risk_shows_in_the_forecast_and_in_the_turn_the_engine_draws(scenario, kind):
    board = (Order(kind, "kimovsk"),)
    shadowed, alone = held_ship(scenario, "escorting"), held_ship(scenario, "escorting", escorted=False)
    step = scenario.friction.escorted_ship
    forecast = {name: forecast_risk(player_view(s, "us"), board) for name, s in (("s", shadowed), ("a", alone))}
    assert forecast["s"] == pytest.approx(forecast["a"] + step)
    drawn = {name: apply(s, {"us": board}).history[-1][2] for name, s in (("s", shadowed), ("a", alone))}
    assert drawn["s"] == pytest.approx(drawn["a"] + step, abs=1e-4)


def test_the_forecast_of_boarding_a_held_ship_is_the_chance_the_engine_draws(scenario):
    board = (Order("board", "kimovsk"),)
    s = held_ship(scenario, "escorting")
    assert apply(s, {"us": board}).history[-1][2] == pytest.approx(forecast_risk(player_view(s, "us"), board), abs=1e-4)
