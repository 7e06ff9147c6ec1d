"""A crisis that answers what the players do: pressure, weighed offers, binding settlements, honest risk."""

from __future__ import annotations

import pytest

from game.ai.appraisal import pressure, worth
from game.ai.doctrine import doctrine_policy
from game.engine.friction import forecast_risk
from game.engine.model import Offer, Order, Term
from game.engine.orders import check_orders
from game.engine.resolve import apply
from game.engine.scoring import rank
from game.engine.view import player_view
from game.prelude import new_game

PLEDGE_AND_SECRET = (Term("withdraw_missiles"), Term("no_invasion"), Term("remove_jupiters_turkey", secret=True))


def play(state, us=(), ussr=()):
    return apply(state, {"us": tuple(us), "ussr": tuple(ussr)})


def advance_to(state, date, part="day", us=None, ussr=None):
    """Play on to a turn; each side by its doctrine if one is given, else ordering nothing."""
    while (state.date, state.part) != (date, part):
        state = play(
            state,
            us.choose(player_view(state, "us")) if us else (),
            ussr.choose(player_view(state, "ussr")) if ussr else (),
        )
    return state


def passive_us(view):
    """Never above rung 2: talk, brief, a speech and, on 24 October, a generous back-channel offer."""
    if view.date == "1962-10-24":
        return (Order("address"), Order("back_channel", terms=PLEDGE_AND_SECRET, deadline=1))
    wanted = (Order("excomm"), Order("brief_allies"))
    return tuple(o for o in wanted if not check_orders(view, (o,)))


@pytest.mark.parametrize("personality", ["historical", "hawk", "dove"])
def test_a_passive_kennedy_buys_nothing(scenario, personality):
    """With no quarantine, no readiness and no invasion force, Moscow has no reason to trade."""
    khrushchev = doctrine_policy(scenario, "ussr", personality)
    wins = 0
    for seed in range(40):
        state = new_game(scenario, seed, "plausible")
        while not state.over:
            state = play(state, passive_us(player_view(state, "us")), khrushchev.choose(player_view(state, "ussr")))
        assert state.max_rung <= 3 or state.outcome.winner != "us"
        wins += rank(state.outcome, "us") == 1
    assert wins <= 2  # a passive plan wins in at most 5 % of games


def test_the_same_terms_are_refused_early_and_taken_late(scenario):
    """Worth plus pressure: nothing presses Moscow on 17 October; on 28 October everything does."""
    us, ussr = doctrine_policy(scenario, "us"), doctrine_policy(scenario, "ussr")
    rule = next(r for r in ussr.doctrine.rules if r.id == "accept_with_turkey")
    state = new_game(scenario, 1962, "historical")
    early = player_view(advance_to(state, "1962-10-17", us=us, ussr=ussr), "ussr")
    late = player_view(advance_to(state, "1962-10-28", us=us, ussr=ussr), "ussr")
    offer = Offer(99, "us", "back", PLEDGE_AND_SECRET, 0)
    assert worth(early, offer) == worth(late, offer)
    assert worth(early, offer) + pressure(early) < rule.reserve <= worth(late, offer) + pressure(late)


def test_pressure_comes_from_what_kennedy_does(scenario):
    """The quarantine, readiness and the invasion force each add to the pressure Moscow feels."""
    state = advance_to(new_game(scenario, 3, "historical"), "1962-10-22")
    calm = pressure(player_view(play(play(state, us=[Order("address")])), "ussr"))
    pressed = play(
        state, us=[Order("address"), Order("proclaim_quarantine"), Order("defcon_up"), Order("prepare_invasion")]
    )
    pressed = play(pressed, us=[Order("prepare_invasion"), Order("defcon_up")])
    assert pressure(player_view(pressed, "ussr")) > calm + 2


def test_an_agreement_forbids_what_it_rules_out(scenario):
    state = advance_to(new_game(scenario, 5, "historical"), "1962-10-22")
    state = play(state, us=[Order("address"), Order("prepare_invasion")])
    state = play(state, us=[Order("prepare_invasion")])
    state = play(
        state,
        us=[Order("prepare_invasion")],
        ussr=[Order("ussr_letter", terms=(Term("withdraw_missiles"), Term("no_invasion")))],
    )
    offer = next(o for o in state.offers if o.sender == "ussr" and o.terms)
    assert state.invasion_prep >= 70
    # accepted and bombed in one turn: the strike is void, and said so
    after = play(state, us=[Order("accept", target=str(offer.id)), Order("strike_sams")])
    assert after.agreement is not None and not after.has_flag("sams_struck", None) and after.sams > 0
    assert any(e.key == "order_void" for e in after.logs["us"])
    problems = check_orders(player_view(after, "us"), (Order("invade"),))
    assert problems and "the agreement says" in problems[0]


def test_an_order_the_days_agreement_forbids_is_void(scenario):
    state = advance_to(new_game(scenario, 5, "historical"), "1962-10-22")
    state = play(state, us=[Order("address"), Order("prepare_invasion")])
    state = play(state, ussr=[Order("ussr_letter", terms=(Term("withdraw_missiles"), Term("no_invasion")))])
    offer = next(o for o in state.offers if o.sender == "ussr" and o.terms)
    # Washington accepts Moscow's own terms; in the same turn Moscow speeds up the building it offered to end
    after = play(state, us=[Order("accept", target=str(offer.id))], ussr=[Order("build_accelerate")])
    assert after.agreement is not None
    assert not after.has_flag("construction_accelerated", None)
    assert any(e.key == "order_void" for e in after.logs["ussr"])


def test_a_term_not_carried_out_breaks_the_agreement(scenario):
    state = advance_to(new_game(scenario, 5, "historical"), "1962-10-24")
    state = play(state, ussr=[Order("ussr_letter", terms=(Term("withdraw_missiles"), Term("no_invasion")))])
    offer = next(o for o in state.offers if o.sender == "ussr" and o.terms)
    state = play(state, us=[Order("accept", target=str(offer.id))])
    assert state.outcome is not None and state.outcome.kind == "settlement"
    for _ in range(3):  # Moscow never dismantles
        state = play(state)
    assert state.agreement is None and state.outcome is None and not state.over
    assert state.has_flag("agreement_broken_by_ussr", None)
    assert any(e.key == "agreement_broken" for e in state.logs["public"])


def test_a_kept_agreement_ends_the_game_when_its_duties_are_done(scenario):
    state = advance_to(new_game(scenario, 5, "historical"), "1962-10-24")
    state = play(state, ussr=[Order("ussr_letter", terms=(Term("withdraw_missiles"), Term("no_invasion")))])
    offer = next(o for o in state.offers if o.sender == "ussr" and o.terms)
    state = play(state, us=[Order("accept", target=str(offer.id))], ussr=[Order("dismantle")])
    assert state.over and state.outcome.kind == "settlement"  # nothing left to do: no empty aftermath


@pytest.mark.parametrize(
    "orders",
    [
        ("defcon_up",),
        ("address", "proclaim_quarantine", "defcon_up"),
        ("prepare_invasion", "u2"),
        ("defcon_up_quiet", "brief_allies"),
    ],
)
def test_the_preview_is_the_risk_the_turn_records(scenario, orders):
    """For a side that knows every fact the formula uses, the preview is the figure drawn."""
    state = advance_to(new_game(scenario, 11, "plausible"), "1962-10-22")
    chosen = tuple(Order(kind) for kind in orders)
    preview = forecast_risk(player_view(state, "us"), chosen)
    after = play(state, us=chosen)
    assert after.history[-1][2] == pytest.approx(round(preview, 4), abs=1e-4)


def test_a_quiet_alert_is_not_on_the_other_sides_ladder(scenario):
    state = advance_to(new_game(scenario, 2, "historical"), "1962-10-20")
    assert player_view(new_game(scenario, 2, "historical"), "ussr").rung == 0  # Moscow does not know it is known
    quiet = play(state, us=[Order("defcon_up_quiet")])
    still = play(state)
    assert quiet.defcon < still.defcon
    assert player_view(quiet, "ussr").rung == player_view(still, "ussr").rung
    for _ in range(4):  # to 24 October, the quarantine in force: Moscow's view is the same either way
        quiet, still = play(quiet), play(still)
        assert player_view(quiet, "ussr").fingerprint() == player_view(still, "ussr").fingerprint()
    assert quiet.defcon < still.defcon


def test_incidents_need_their_causes(scenario):
    """No battlefield nuclear use without troops ashore; no forced surfacing after the torpedo is fired."""
    policies = {s: doctrine_policy(scenario, s, p) for s, p in (("us", "hawk"), ("ussr", "hawk"))}
    for seed in range(60):
        state = new_game(scenario, seed, "plausible")
        while not state.over:
            state = play(state, *(policies[s].choose(player_view(state, s)) for s in ("us", "ussr")))
        keys = [e.key for e in state.logs["public"]]
        if "incident_tactical_use" in keys:
            assert "order_invade" in keys[: keys.index("incident_tactical_use")]
        if "incident_torpedo" in keys:
            assert "incident_sub_forced_up" not in keys[keys.index("incident_torpedo") :]


def _to_the_agreement(scenario, seed=1962):
    from game.session import Session

    session = Session.new(scenario, seed, "historical", ("us",), "historical")
    kennedy = doctrine_policy(scenario, "us")
    while not session.in_aftermath:
        session.commit("us", kennedy.choose(session.view("us")))
    return session


def test_the_aftermath_runs_to_its_end_in_one_step(scenario):
    from game.prelude import replay

    session = _to_the_agreement(scenario)
    start = session.state
    result = session.run_aftermath()
    assert session.over and session.state.outcome.kind == "settlement" and session.state.date == "1962-11-20"
    assert result.before is start and result.after is session.state
    assert any(e.key == "order_lift_quarantine" for e in result.news("us"))  # the promise kept on its day
    assert replay(session.record, scenario) == session.state


def test_the_terminal_lets_the_aftermath_run(scenario):
    from game.textmode import TextGame

    session = _to_the_agreement(scenario)
    out: list[str] = []
    feed = iter(["a"])
    game = TextGame(session, ask=lambda prompt: next(feed), say=out.append, clear=False)
    game.play_one_turn()
    assert session.over
    assert "The quarantine of Cuba is lifted." in "\n".join(out)  # the aftermath's news, shown at once
