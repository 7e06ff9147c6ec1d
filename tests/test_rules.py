"""The engine's rules, one at a time, on small hand-made situations."""

from __future__ import annotations

import pytest

from game.engine.friction import incident_probability
from game.engine.model import Order, Term
from game.engine.orders import IllegalOrders, check_orders, legal_orders
from game.engine.resolve import apply
from game.engine.view import player_view
from game.prelude import new_game


def play(state, us=(), ussr=()):
    return apply(state, {"us": tuple(us), "ussr": tuple(ussr)})


def advance_to(state, date, part="day"):
    while (state.date, state.part) != (date, part):
        state = play(state)
    return state


def test_quarantine_stops_ships_at_the_line_but_not_what_is_on_the_island(scenario):
    s = new_game(scenario, 1, "historical")
    s = advance_to(s, "1962-10-22")
    s = play(s, us=[Order("proclaim_quarantine")])
    readiness_before = [x.readiness for x in s.sites]
    s = play(s, us=[Order("line_500")])
    s = play(s)  # 24 October: in force
    assert s.quarantine == "in_force" and s.line_nm == 500
    held = [sh for sh in s.ships if sh.status == "held"]
    assert held and all(sh.distance == 500 for sh in held)
    # construction went on regardless of the quarantine
    assert sum(x.readiness for x in s.sites) > sum(readiness_before)
    arrived = [sh for sh in s.ships if sh.status == "arrived"]
    assert [sh.id for sh in arrived] == ["aleksandrovsk"]  # it arrived before the quarantine took effect


def test_halting_construction_stops_readiness(scenario):
    s = new_game(scenario, 1, "historical")
    s = play(s, ussr=[Order("build_halt")])
    frozen = [x.readiness for x in s.sites]
    s = play(s)
    assert [x.readiness for x in s.sites] == frozen
    assert all(x.status == "halted" for x in s.sites)


def test_reconnaissance_narrows_the_estimate(scenario):
    s = new_game(scenario, 1, "plausible")
    quiet = play(s)
    flown = play(s, us=[Order("u2")])
    assert flown.est_sigma < s.est_sigma < quiet.est_sigma


def test_ship_orders_take_effect_at_the_next_movement(scenario):
    s = new_game(scenario, 1, "historical")
    s = play(s, ussr=[Order("ships_turn_back")])
    assert all(sh.status == "sailing" for sh in s.ships)
    s = play(s)
    by_id = {sh.id: sh.status for sh in s.ships}
    assert by_id["kimovsk"] == "returning" and by_id["bucharest"] == "sailing"


def test_the_us_never_sees_cargo_or_torpedoes_it_has_not_found(scenario):
    s = new_game(scenario, 1, "plausible")
    view = player_view(s, "us")
    assert {sh.cargo for sh in view.ships} == {"unknown"}
    assert not any(sub.nuclear_torpedo for sub in view.subs)
    assert view.tactical == 0 and not view.local_authority
    soviet = player_view(s, "ussr")
    assert "missiles" in {sh.cargo for sh in soviet.ships} and soviet.tactical == 54  # before the Aleksandrovsk docks


def test_risk_grows_with_each_rung(scenario):
    s = new_game(scenario, 1, "plausible")
    values = []
    for rung in range(11):
        t = s.copy()
        t.rung = rung
        values.append(incident_probability(t))
    assert all(b >= a for a, b in zip(values, values[1:], strict=False))
    assert values[9] > 3 * values[5]


def test_secret_terms_cannot_go_out_in_public(scenario):
    s = advance_to(new_game(scenario, 1, "plausible"), "1962-10-22")
    s = play(s, us=[Order("address")])
    view = player_view(s, "us")
    bad = Order("statement", terms=(Term("remove_jupiters_turkey", True),))
    assert any("cannot be secret" in p for p in check_orders(view, [bad]))
    with pytest.raises(IllegalOrders):
        play(s, us=[bad])


def test_budget_groups_and_availability_are_enforced(scenario):
    s = new_game(scenario, 1, "plausible")
    view = player_view(s, "us")
    too_many = [Order("excomm"), Order("u2"), Order("brief_allies"), Order("prepare_invasion"), Order("address")]
    assert any("action points" in p for p in check_orders(view, too_many))
    assert any("cannot be given with" in p for p in check_orders(view, [Order("defcon_up"), Order("defcon_down")]))
    assert any("not available" in p for p in check_orders(view, [Order("invade")]))
    assert any("unknown order" in p for p in check_orders(view, [Order("build_halt")]))  # a Soviet order
    assert {o.kind for o in legal_orders(view)} >= {"excomm", "u2", "address", "proclaim_quarantine"}


def test_offer_delivered_then_accepted_makes_the_agreement(scenario):
    s = new_game(scenario, 1, "plausible")
    terms = (Term("withdraw_missiles"), Term("no_invasion"), Term("remove_jupiters_turkey", True))
    s = play(s, us=[Order("back_channel", terms=terms, deadline=2)])
    offer = s.offers[-1]
    assert offer.status == "open" and offer.deadline_turn == 2 and offer.channel == "back"
    soviet = player_view(s, "ussr")
    assert Order("ussr_accept", str(offer.id)) in legal_orders(soviet)
    s = play(s, ussr=[Order("ussr_accept", str(offer.id))])
    assert s.agreement == terms and s.outcome.kind == "settlement"
    assert s.has_flag("term_remove_jupiters_turkey", "us") and s.has_flag("term_remove_jupiters_turkey", "ussr")
    assert "term_remove_jupiters_turkey" not in s.flags["public"]


def test_deadline_expires_without_an_answer(scenario):
    s = new_game(scenario, 1, "plausible")
    s = play(s, us=[Order("letter", terms=(Term("withdraw_missiles"),), deadline=1)])
    s = play(s)
    assert s.offers[-1].status == "expired"
    assert s.has_flag("deadline_passed_us", "ussr")


def test_secret_terms_leak_more_often_when_more_people_know(scenario):
    def leak_rate(channel: str) -> float:
        kind = {"back": "back_channel", "private": "letter"}[channel]
        leaks = 0
        for seed in range(150):
            s = new_game(scenario, seed, "plausible")
            s = play(s, us=[Order(kind, terms=(Term("remove_jupiters_turkey", True),))])
            for _ in range(6):
                s = play(s)
            leaks += bool(s.leaked)
        return leaks / 150

    back, private = leak_rate("back"), leak_rate("private")
    assert 0 < back < private


def test_nuclear_war_ends_the_game_and_scores_zero(scenario):
    from game.engine.scoring import scores

    s = new_game(scenario, 1, "plausible")
    t = s.copy()
    t.rung = 9
    t.flags = {**t.flags, "public": t.flags["public"] | {"nuclear_used"}}
    for seed in range(30):
        u = t.copy()
        u.rng = new_game(scenario, seed, "plausible").rng
        u = play(u)
        if u.over:
            assert u.outcome.kind == "nuclear_war" and u.rung == 10
            assert all(sc.total == 0 and sc.rank == 4 for sc in scores(u).values())
            return
    pytest.fail("rung 9 never slipped into war in 30 tries")


def test_the_game_refuses_orders_once_over(scenario):
    s = new_game(scenario, 1, "plausible")
    while not s.over:
        s = play(s)
    with pytest.raises(IllegalOrders):
        play(s)


def test_submarines_shadow_the_weapons_ships_and_make_boarding_riskier(scenario):
    s = new_game(scenario, 1, "historical")
    s = play(s, ussr=[Order("subs_escort")])
    escorted = {sh.id: sh.escort for sh in s.ships if sh.escort}
    assert escorted and all(s_id in {"b59", "b130"} for s_id in escorted.values())
    assert set(escorted) <= {"aleksandrovsk", "kimovsk", "poltava", "yuri_gagarin"}
    assert all(sub.status == "escorting" for sub in s.subs)
    s = play(s, ussr=[Order("subs_withdraw")])
    assert not any(sh.escort for sh in s.ships) and all(sub.status == "withdrawn" for sub in s.subs)
