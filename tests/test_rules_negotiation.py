"""Offers and their answers, on hand-made desks of open letters."""

from __future__ import annotations

from game.engine.model import Offer, Order, Term
from game.engine.orders import check_orders, legal_orders
from game.engine.resolve import apply
from game.engine.view import player_view
from game.prelude import new_game


def play(state, us=(), ussr=()):
    return apply(state, {"us": tuple(us), "ussr": tuple(ussr)})


def two_soviet_offers(scenario):
    """A first morning on which two Soviet letters lie open on the President's desk."""
    s = new_game(scenario, 1, "historical").copy()
    s.offers = (
        Offer(1, "ussr", "private", (Term("no_invasion"),), 0),
        Offer(2, "ussr", "private", (Term("remove_jupiters_turkey", secret=True),), 0),
    )
    return s


def status(state):
    return {o.id: o.status for o in state.offers}


def test_rejecting_one_offer_leaves_the_others_open(scenario):
    s = two_soviet_offers(scenario)
    reject = next(o for o in legal_orders(player_view(s, "us")) if o.kind == "reject" and o.target == "1")
    after = play(s, us=[reject])
    assert status(after)[1] == "rejected"
    assert status(after)[2] == "open"


def test_a_reply_closes_the_offer_it_answers_and_no_other(scenario):
    s = two_soviet_offers(scenario)
    after = play(s, us=[Order("letter", terms=(Term("withdraw_missiles"),), reply_to=2)])
    assert status(after)[2] == "closed"
    assert status(after)[1] == "open"
    assert status(after)[3] == "open" and after.offers[2].reply_to == 2


def test_only_an_offer_carries_terms_a_deadline_or_a_reply(scenario):
    view = player_view(two_soviet_offers(scenario), "us")
    assert check_orders(view, [Order("u2")]) == []
    for order in (Order("u2", terms=(Term("no_invasion"),)), Order("u2", deadline=2), Order("u2", reply_to=1)):
        assert check_orders(view, [order]) == ["u2: only an offer carries terms, a deadline or a reply"], order
