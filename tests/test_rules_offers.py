"""Offers, replies, acceptances, deadlines and leaks, each on a desk of letters laid out by hand.

The historical path sends each letter once and answers it in the way the record says; these pin what happens
on the other paths: a reply to a letter already refused, an acceptance that comes too late, a deadline that
passes, a secret that leaks or is merely asked for.
"""

from __future__ import annotations

import pytest

from game.engine.model import Offer, Order, Term
from game.engine.negotiation import accept_offer, expire_deadlines, leak_secrets, reject_offer, send_offer
from game.engine.turn import Turn
from game.prelude import new_game

TURKEY = "remove_jupiters_turkey"  # a US concession that may be secret, with public and leak costs


class Falling:
    """Dice whose every draw is ``u``."""

    def __init__(self, u):
        self.u = u
        self.draws: list[float] = []

    def random(self):
        self.draws.append(self.u)
        return self.u

    def chance(self, p):
        return self.random() < p


def desk(scenario, *offers, friction="plausible"):
    s = new_game(scenario, 1, friction).copy()
    s.offers = tuple(offers)
    s.agreement = None
    return s


def status(s):
    return {o.id: o.status for o in s.offers}


def keys(turn, vis):
    return [e.key for e in turn.entries[vis]]


def working(s, dice=None):
    turn = Turn(s, {"us": (), "ussr": ()})
    if dice is not None:
        turn.dice = dice
    return turn


# -- sending --


@pytest.mark.parametrize("channel", ["public", "private", "back"])
def test_an_offer_is_numbered_after_the_others_and_known_to_its_channels_few(scenario, channel):
    s = desk(scenario, Offer(1, "ussr", "private", (Term("no_invasion"),), 0))
    turn = working(s)
    send_offer(turn, "us", Order("letter", terms=(Term("withdraw_missiles"),)), channel)
    new = turn.s.offers[-1]
    assert (new.id, new.sender, new.channel, new.status) == (2, "us", channel, "open")
    assert new.knowers == scenario.friction.knowers[channel]
    assert (new.turn, new.deadline_turn, new.reply_to) == (s.turn, -1, 0)


def test_a_deadline_counts_turns_from_the_turn_the_offer_is_sent(scenario):
    s = desk(scenario)
    s.turn = 4
    turn = working(s)
    send_offer(turn, "ussr", Order("ussr_letter", terms=(Term("no_invasion"),), deadline=2), "private")
    assert turn.s.offers[-1].deadline_turn == 6


def test_a_reply_closes_the_open_offer_it_answers_and_leaves_an_answered_one_as_it_was(scenario):
    s = desk(
        scenario,
        Offer(1, "ussr", "private", (Term("no_invasion"),), 0, status="rejected"),
        Offer(2, "ussr", "private", (Term("no_invasion"),), 0),
        Offer(3, "ussr", "back", (Term("no_invasion"),), 0),
    )
    turn = working(s)
    send_offer(turn, "us", Order("letter", terms=(Term("withdraw_missiles"),), reply_to=2), "private")
    send_offer(turn, "us", Order("letter", terms=(Term("withdraw_missiles"),), reply_to=1), "private")
    assert status(turn.s) == {1: "rejected", 2: "closed", 3: "open", 4: "open", 5: "open"}
    assert [o.reply_to for o in turn.s.offers[3:]] == [2, 1]


def test_a_letter_without_terms_is_logged_as_a_letter_and_proposes_nothing(scenario):
    turn = working(desk(scenario))
    send_offer(turn, "us", Order("letter"), "private")
    assert keys(turn, "us") == ["letter"] and keys(turn, "ussr") == ["letter"] and keys(turn, "public") == []
    assert not turn.s.has_flag("offer_from_us", "us")


def test_a_concession_offered_in_public_costs_its_side_once(scenario):
    costs = scenario.terms[TURKEY].public_meters
    s = desk(scenario)
    turn = working(s)
    send_offer(turn, "us", Order("statement", terms=(Term(TURKEY),)), "public")
    for key, delta in costs.items():
        assert turn.s.meters[key] == pytest.approx(min(100.0, max(0.0, s.meters[key] + delta))), key
    once = dict(turn.s.meters)
    send_offer(turn, "us", Order("statement", terms=(Term(TURKEY),)), "public")
    assert turn.s.meters == once
    assert "offer_public" in keys(turn, "public") and turn.s.has_flag("offer_from_us", None)


def test_a_concession_asked_of_the_other_side_in_public_costs_the_asker_nothing(scenario):
    s = desk(scenario)
    turn = working(s)
    send_offer(turn, "ussr", Order("broadcast", terms=(Term(TURKEY),)), "public")
    assert turn.s.meters == s.meters


# -- answering --


def test_accepting_makes_the_terms_the_agreement_and_closes_every_other_open_offer(scenario):
    terms = (Term("no_invasion"), Term(TURKEY, secret=True))
    s = desk(
        scenario,
        Offer(1, "ussr", "private", terms, 0),
        Offer(2, "ussr", "private", (Term("no_invasion"),), 0, status="rejected"),
        Offer(3, "us", "private", (Term("withdraw_missiles"),), 0),
    )
    turn = working(s)
    accept_offer(turn, "us", 1, "private")
    assert turn.s.agreement == terms and turn.s.agreement_turn == s.turn
    assert status(turn.s) == {1: "accepted", 2: "rejected", 3: "closed"}
    assert turn.s.has_flag("term_no_invasion", None)
    assert turn.s.has_flag(f"term_{TURKEY}", "us") and turn.s.has_flag(f"term_{TURKEY}", "ussr")
    assert f"term_{TURKEY}" not in turn.s.flags["public"]  # a secret term is no public flag
    assert "agreement" in keys(turn, "public")


@pytest.mark.parametrize("why", ["not open", "already agreed"])
def test_an_acceptance_that_comes_too_late_changes_nothing(scenario, why):
    s = desk(
        scenario,
        Offer(1, "ussr", "private", (Term("no_invasion"),), 0, status="expired" if why == "not open" else "open"),
    )
    if why == "already agreed":
        s.agreement = (Term("withdraw_missiles"),)
    turn = working(s)
    accept_offer(turn, "us", 1, "private")
    assert turn.s.agreement == s.agreement and status(turn.s) == status(s)
    assert keys(turn, "us") == ["accept_too_late"] and keys(turn, "ussr") == [] and keys(turn, "public") == []


def test_rejecting_closes_only_the_offer_rejected_and_tells_both_leaders(scenario):
    s = desk(
        scenario,
        Offer(1, "ussr", "private", (Term("no_invasion"),), 0),
        Offer(2, "ussr", "private", (Term("no_invasion"),), 0, status="expired"),
    )
    turn = working(s)
    reject_offer(turn, "us", 1)
    reject_offer(turn, "us", 2)
    assert status(turn.s) == {1: "rejected", 2: "expired"}
    assert turn.s.has_flag("rejected_by_us", "us") and turn.s.has_flag("rejected_by_us", "ussr")


# -- deadlines --


def test_an_open_offer_expires_on_its_deadline_turn_and_not_before_or_once_answered(scenario):
    s = desk(
        scenario,
        Offer(1, "us", "private", (Term("no_invasion"),), 0, deadline_turn=3),
        Offer(2, "ussr", "private", (Term("no_invasion"),), 0, deadline_turn=3),
        Offer(3, "ussr", "private", (Term("no_invasion"),), 0, deadline_turn=4),
        Offer(4, "ussr", "private", (Term("no_invasion"),), 0, deadline_turn=3, status="rejected"),
        Offer(5, "ussr", "private", (Term("no_invasion"),), 0),
    )
    s.turn = 3
    turn = working(s)
    expire_deadlines(turn)
    assert status(turn.s) == {1: "expired", 2: "expired", 3: "open", 4: "rejected", 5: "open"}
    assert keys(turn, "us").count("deadline_passed") == 2
    for flag in ("deadline_passed_us", "deadline_passed_ussr"):
        assert turn.s.has_flag(flag, "us") and turn.s.has_flag(flag, "ussr")


def test_an_ultimatum_ignored_strengthens_the_hawks_and_costs_moscow_prestige(scenario):
    for sender, meter, delta in (("us", "us.hawks", 10), ("ussr", "ussr.prestige", -5)):
        s = desk(scenario, Offer(1, sender, "private", (Term("no_invasion"),), 0, deadline_turn=0))
        s.turn = 0
        s.meters = {**s.meters, "us.hawks": 50.0, "ussr.prestige": 50.0}
        turn = working(s)
        expire_deadlines(turn)
        changed = {k: v - s.meters[k] for k, v in turn.s.meters.items() if v != s.meters[k]}
        assert changed == {meter: delta}, sender


# -- leaks --


def secret_desk(scenario, knowers=10, sender="us", status="open"):
    return desk(
        scenario,
        Offer(1, sender, "back", (Term("no_invasion"), Term(TURKEY, secret=True)), 0, status=status, knowers=knowers),
    )


def chance_of_a_leak(scenario, knowers):
    return 1.0 - (1.0 - scenario.friction.leak_per_knower) ** knowers


def test_a_secret_leaks_when_the_draw_falls_under_its_chance_and_not_at_it(scenario):
    p = chance_of_a_leak(scenario, 10)
    under = working(secret_desk(scenario), Falling(p - 1e-12))
    leak_secrets(under)
    assert [k for k, _ in under.s.leaked] == [TURKEY] and under.s.has_flag(f"leaked_{TURKEY}", None)
    at = working(secret_desk(scenario), Falling(p))
    leak_secrets(at)
    assert at.s.leaked == () and at.dice.draws == [p]  # one draw: only the secret term may leak


def test_whoever_knows_a_secret_grows_each_turn_while_the_offer_stands(scenario):
    growth = scenario.friction.knowers_growth
    for state, grows in (("open", True), ("accepted", True), ("rejected", False), ("closed", False)):
        turn = working(secret_desk(scenario, 7, status=state), Falling(1.0))
        leak_secrets(turn)
        assert turn.s.offers[0].knowers == 7 + (growth if grows else 0), state
        assert len(turn.dice.draws) == (1 if grows else 0), state


def test_an_offer_without_secrets_neither_draws_nor_grows(scenario):
    s = desk(scenario, Offer(1, "us", "private", (Term("no_invasion"),), 0, knowers=12))
    turn = working(s, Falling(0.0))
    leak_secrets(turn)
    assert turn.dice.draws == [] and turn.s.offers[0].knowers == 12 and turn.s.leaked == ()


def test_a_term_leaks_once_though_two_offers_hold_it(scenario):
    secret = (Term(TURKEY, secret=True),)
    s = desk(scenario, Offer(1, "us", "back", secret, 0, knowers=5), Offer(2, "us", "private", secret, 0, knowers=5))
    turn = working(s, Falling(0.0))
    leak_secrets(turn)
    assert [k for k, _ in turn.s.leaked] == [TURKEY] and len(turn.dice.draws) == 1


@pytest.mark.parametrize(
    ("sender", "status", "costs"), [("us", "open", True), ("ussr", "accepted", True), ("ussr", "open", False)]
)
def test_a_leak_costs_the_side_that_conceded_and_a_request_costs_no_one(scenario, sender, status, costs):
    s = secret_desk(scenario, sender=sender, status=status)
    turn = working(s, Falling(0.0))
    leak_secrets(turn)
    expected = dict(s.meters)
    if costs:
        for key, delta in scenario.terms[TURKEY].leak_meters.items():
            expected[key] = min(100.0, max(0.0, expected[key] + delta))
    assert turn.s.meters == pytest.approx(expected)
    text = next(e.text for e in turn.entries["public"] if e.key == "secret_leaked")
    assert ("Nothing was conceded" in text) is not costs


# -- what the leaders read --


def test_the_flags_of_an_answer_or_a_deadline_are_the_two_leaders_and_not_the_publics(scenario):
    s = desk(
        scenario,
        Offer(1, "ussr", "private", (Term("no_invasion"),), 0),
        Offer(2, "us", "private", (Term("no_invasion"),), 0, deadline_turn=0),
    )
    s.turn = 0
    turn = working(s)
    reject_offer(turn, "us", 1)
    expire_deadlines(turn)
    for flag in ("rejected_by_us", "deadline_passed_us"):
        assert flag in turn.s.flags["us"] and flag in turn.s.flags["ussr"] and flag not in turn.s.flags["public"]


def test_an_acceptance_is_announced_and_flagged_in_public(scenario):
    for channel, how in (("public", "in a broadcast"), ("private", "and both governments announce it")):
        turn = working(desk(scenario, Offer(1, "us", "private", (Term("no_invasion"),), 0)))
        accept_offer(turn, "ussr", 1, channel)
        assert "agreement" in turn.s.flags["public"]
        assert keys(turn, "us") == keys(turn, "ussr") == ["offer_accepted"]
        announced = next(e.text for e in turn.entries["public"] if e.key == "agreement")
        assert announced.startswith(f"The crisis is settled: Khrushchev accepts {how}. Public terms: "), channel


@pytest.mark.parametrize(
    ("channel", "kind"), [("private", "letter"), ("back", "private message"), ("public", "public message")]
)
def test_a_reply_names_the_message_it_answers_as_a_reader_would(scenario, channel, kind):
    s = desk(scenario, Offer(1, "ussr", channel, (Term("no_invasion"),), 10))
    turn = working(s)
    send_offer(turn, "us", Order("letter", terms=(Term("withdraw_missiles"),), reply_to=1, deadline=2), "private")
    text = next(e.text for e in turn.entries["us"] if e.key == "offer_sent")
    assert f"It answers Khrushchev's {kind} of Friday 26 October (message 1)." in text
    assert text.endswith("An answer is wanted within 2 turn(s).")


def test_a_letter_without_terms_speaks_to_the_world_in_public_and_to_the_rival_in_private(scenario):
    turn = working(desk(scenario))
    send_offer(turn, "us", Order("statement"), "public")
    send_offer(turn, "us", Order("letter"), "private")
    assert [e.text for e in turn.entries["public"]] == [
        "Kennedy speaks to the world in public, without proposing terms."
    ]
    assert [e.text for e in turn.entries["ussr"]] == [
        "Kennedy sends word to Khrushchev in a private letter, without proposing terms."
    ]


def test_a_leak_says_whether_the_secret_was_agreed_or_only_offered(scenario):
    for status, word in (("accepted", "agreed in private"), ("open", "offered in private")):
        turn = working(secret_desk(scenario, status=status), Falling(0.0))
        leak_secrets(turn)
        assert word in next(e.text for e in turn.entries["public"] if e.key == "secret_leaked"), status


def test_an_offer_and_its_acceptance_name_the_leaders_and_the_terms(scenario):
    turn = working(desk(scenario))
    send_offer(turn, "ussr", Order("ussr_letter", terms=(Term("withdraw_missiles"), Term(TURKEY, secret=True))), "back")
    accept_offer(turn, "us", 1, "private")
    sent, accepted = (
        next(e.text for e in turn.entries["us"] if e.key == key) for key in ("offer_sent", "offer_accepted")
    )
    withdraw, turkey = scenario.terms["withdraw_missiles"].label, scenario.terms[TURKEY].label
    assert sent == f"Offer 1: Khrushchev proposes through Ambassador Dobrynin: {withdraw}; {turkey} (secret)."
    assert accepted == f"Kennedy accepts offer 1: {withdraw}; {turkey} (secret)."


def test_the_public_hears_the_agreements_public_terms_and_not_its_secret_ones(scenario):
    terms = (Term("no_invasion"), Term(TURKEY, secret=True))
    turn = working(desk(scenario, Offer(1, "ussr", "back", terms, 0)))
    accept_offer(turn, "us", 1, "back")
    announced = next(e.text for e in turn.entries["public"] if e.key == "agreement")
    label = scenario.terms["no_invasion"].label
    assert (
        announced == f"The crisis is settled: Kennedy accepts and both governments announce it. Public terms: {label}."
    )
    assert "conceded_no_invasion" in turn.s.flags["public"] and f"conceded_{TURKEY}" not in turn.s.flags["public"]


def test_an_offer_in_public_is_flagged_in_public_and_a_private_one_for_its_sender(scenario):
    turn = working(desk(scenario))
    send_offer(turn, "us", Order("statement", terms=(Term("no_invasion"),)), "public")
    send_offer(turn, "ussr", Order("ussr_letter", terms=(Term("withdraw_missiles"),)), "private")
    flags = turn.s.flags
    assert "offer_from_us" in flags["public"]
    assert "offer_from_ussr" in flags["ussr"] and "offer_from_ussr" not in flags["public"] | flags["us"]
    label = scenario.terms["no_invasion"].label
    assert [e.text for e in turn.entries["public"] if e.key == "offer_public"] == [
        f"Kennedy states publicly the terms on which the crisis could end: {label}."
    ]


def test_the_log_of_a_refusal_a_late_acceptance_and_a_lapsed_deadline(scenario):
    s = desk(
        scenario,
        Offer(1, "ussr", "private", (Term("no_invasion"),), 0),
        Offer(2, "ussr", "private", (Term("no_invasion"),), 0, status="expired"),
        Offer(3, "us", "private", (Term("no_invasion"),), 0, deadline_turn=0),
    )
    s.turn = 0
    turn = working(s)
    reject_offer(turn, "us", 1)
    accept_offer(turn, "us", 2, "private")
    expire_deadlines(turn)
    assert [(e.key, e.text) for e in turn.entries["us"]] == [
        ("offer_rejected", "Kennedy rejects offer 1."),
        ("accept_too_late", "Kennedy's acceptance of offer 2 comes too late to matter."),
        ("deadline_passed", "The deadline of offer 3 passes without an answer."),
    ]
