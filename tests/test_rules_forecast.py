"""The risk a side is shown before it orders (``friction.forecast_risk``) against the chance the engine then draws.

``forecast_risk`` says that for a side that knows every fact the formula uses, and an opponent who orders
nothing, its figure is the one the turn records. Each legal order, alone, is checked on three days: a calm
24 October, the morning of 26 October and the evening of 27 October as the historical leaders leave them
(quarantine in force, a ship at the line, submarines near it).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.ai.doctrine import doctrine_policy
from game.ai.random_policy import RandomPolicy
from game.engine.friction import forecast_risk
from game.engine.model import SIDES, Order, Term
from game.engine.orders import legal_orders
from game.engine.resolve import apply
from game.engine.view import player_view
from game.prelude import new_game

DAYS = (("1962-10-24", "day", False), ("1962-10-26", "am", True), ("1962-10-27", "pm", True))
# Orders that change the posture at sea: moving the line (the submarines near it), letting a held ship go or
# taking it off the line (the ships held), surfacing or withdrawing a submarine (the submarines near the line).
AT_SEA = ("line_800", "hail", "board", "disable", "signal_sub", "subs_withdraw")


def day(scenario, date, part, historical_leaders):
    """The state at dawn of that day: the historical leaders' orders up to it, or no orders at all."""
    policies = {side: doctrine_policy(scenario, side) for side in SIDES}
    s = new_game(scenario, 1, "historical")
    while (s.date, s.part) != (date, part):
        orders = {side: policies[side].choose(player_view(s, side)) for side in SIDES} if historical_leaders else {}
        s = apply(s, orders)
    return s


@pytest.fixture(scope="module")
def days(scenario):
    return [day(scenario, *d) for d in DAYS]


def each_order(days):
    for s in days:
        for side in SIDES:
            view = player_view(s, side)
            for order in legal_orders(view):
                yield s, view, order


def drawn(s, side, order):
    """The chance the engine drew in the turn ``order`` was given alone (``history`` keeps it to 4 places)."""
    return apply(s, {side: (order,)}).history[-1][2]


def test_the_forecast_of_each_legal_order_is_the_chance_the_engine_draws(days):
    checked, wrong = set(), []
    for s, view, order in each_order(days):
        checked.add(order.kind)
        forecast, actual = forecast_risk(view, (order,)), drawn(s, view.side, order)
        if abs(forecast - actual) >= 1e-4:
            wrong.append((s.date, s.part, order.kind, order.target, round(forecast, 4), actual))
    assert wrong == []
    # the orders whose posture the forecast makes: readiness, alert, delegation, low flights, rungs, accepting
    assert {
        "defcon_up",
        "defcon_down",
        "alert_up",
        "alert_down",
        "delegate",
        "lowlevel",
        "strike_missiles",
        "invade",
        "berlin",
        "accept",
        "lift_quarantine",
        "restrain_castro",
        *AT_SEA,
    } <= checked


def test_the_forecast_shows_each_orders_own_risk_and_the_sum_of_two(days):
    s = days[0]
    view = player_view(s, "us")
    orders = {o.kind: o for o in legal_orders(view)}
    nothing = forecast_risk(view, ())
    assert nothing == pytest.approx(drawn(s, "us", orders["excomm"]), abs=1e-4)
    u2 = s.scenario.orders["u2"].risk
    assert forecast_risk(view, (orders["u2"],)) == pytest.approx(nothing + u2)
    both = (orders["u2"], orders["defcon_up"])
    assert forecast_risk(view, both) == pytest.approx(apply(s, {"us": both}).history[-1][2], abs=1e-4)


def test_the_forecast_of_an_order_that_lowers_the_rung_is_the_chance_the_engine_draws(scenario, days):
    """No order of the scenario lowers the ladder, but the language allows it (``rung = -2``)."""
    excomm = scenario.orders["excomm"]
    lowering = dataclasses.replace(excomm, effects=dataclasses.replace(excomm.effects, rung=-2, rung_min=0))
    s = days[2].copy()
    s.scenario = dataclasses.replace(scenario, orders={**scenario.orders, "excomm": lowering})
    view = player_view(s, "us")
    order = next(o for o in legal_orders(view) if o.kind == "excomm")
    assert s.rung - 2 >= 3  # still on the rungs the formula counts
    assert forecast_risk(view, (order,)) == pytest.approx(drawn(s, "us", order), abs=1e-4)
    assert forecast_risk(view, (order,)) < forecast_risk(player_view(days[2], "us"), (order,))


@pytest.mark.parametrize("fact", ["local authority", "agreement"])
def test_the_forecast_keeps_what_already_holds_before_the_orders(days, fact):
    """Commanders already free to fire, or an agreement already made, count in the forecast as in the draw."""
    s = days[1].copy()
    if fact == "local authority":
        s.local_authority, side = True, "ussr"
    else:
        s.agreement, side = (Term("no_invasion"),), "us"
    view = player_view(s, side)
    order = next(o for o in legal_orders(view) if o.kind in ("presidium", "excomm"))
    assert forecast_risk(view, (order,)) == pytest.approx(drawn(s, side, order), abs=1e-4)
    assert forecast_risk(view, (order,)) != pytest.approx(forecast_risk(player_view(days[1], side), (order,)))


def test_an_order_at_sea_before_its_target_is_chosen_forecasts_its_own_risk(days):
    """The order list shows an order's risk before a ship or submarine is named: the order's own risk and
    effects count, as if it had no handler; no posture at sea changes."""
    s = days[1]
    view = player_view(s, "us")
    for kind in ("hail", "board", "disable", "signal_sub"):
        odef = s.scenario.orders[kind]
        plain = s.copy()
        plain.scenario = dataclasses.replace(
            s.scenario, orders={**s.scenario.orders, kind: dataclasses.replace(odef, handler="none")}
        )
        expected = forecast_risk(player_view(plain, "us"), (Order(kind),))
        assert forecast_risk(view, (Order(kind),)) == pytest.approx(expected), kind


def _knows_the_cargo(s, view, order) -> bool:  # noqa: ANN001 - state, view, order
    """Whether the side knows the cargo of the ship it hails (a hail is refused for contraband)."""
    if order.kind != "hail":
        return True
    seen = next(sh for sh in view.ships if sh.id == order.target)
    return seen.cargo == next(sh for sh in s.ships if sh.id == order.target).cargo


@pytest.mark.parametrize("seed", [3, 8, 21])
def test_in_random_play_the_forecast_is_the_draw_wherever_the_side_knows_the_facts(scenario, seed):
    """Random legal play reaches states the historical leaders never make (a repeated letter to Castro, the
    warheads withdrawn under local authority): wherever the side knows every fact the formula reads, each
    legal order's forecast is the chance the engine then draws."""
    rng, policy = np.random.default_rng(seed), RandomPolicy()
    s, checked, wrong = new_game(scenario, seed, "plausible"), 0, []
    while not s.over:
        for side in SIDES:
            view = player_view(s, side)
            if abs(forecast_risk(view, ()) - apply(s, {}).history[-1][2]) >= 1e-4:
                continue  # the side does not know every fact (a quiet alert, a hidden ship)
            for order in legal_orders(view):
                if _knows_the_cargo(s, view, order):
                    checked += 1
                    if abs(forecast_risk(view, (order,)) - drawn(s, side, order)) >= 1e-4:
                        wrong.append((s.date, s.part, side, order.kind))
        s = apply(s, {x: policy.choose(player_view(s, x), rng) for x in SIDES})
    assert checked > 100 and wrong == []
