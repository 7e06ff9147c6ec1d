"""The historical path: both doctrines reproduce the record, on the right days."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.model import LEADER
from game.history import all_entries, history_transcript, replay_history

GOLDEN = Path(__file__).parent / "golden" / "history_transcript.txt"


@pytest.fixture(scope="module")
def history(scenario):
    state, record = replay_history(scenario)
    return state, record


def entries(state, key):
    return [e for e in all_entries(state) if e.key == key]


def orders_on(record, scenario, date, part, side):
    for i, t in enumerate(scenario.turns):
        if t.date == date and t.part == part:
            return [o.kind for o in record.orders_of(i)[side]], record.orders_of(i)[side]
    raise AssertionError(f"no turn {date} {part}")


def test_quarantine_announced_on_22_october_and_in_force_on_24(history):
    state, _ = history
    assert [e.date for e in entries(state, "order_address")] == ["1962-10-22"]
    assert [e.date for e in entries(state, "order_proclaim_quarantine")] == ["1962-10-22"]
    assert [e.date for e in entries(state, "quarantine_in_force")] == ["1962-10-24"]
    assert "500 nautical miles" in entries(state, "quarantine_in_force")[0].text


def test_ships_turn_back_on_24_october(history):
    state, _ = history
    turned = entries(state, "ship_turns_back")
    assert {e.date for e in turned} == {"1962-10-24"}
    assert {e.text.split()[1] for e in turned} >= {"Kimovsk", "Poltava"}
    assert all(e.visibility == "public" for e in turned)


def test_first_letter_private_without_turkey_on_26(history, scenario):
    state, record = history
    kinds, orders = orders_on(record, scenario, "1962-10-26", "am", "ussr")
    letter = next(o for o in orders if o.kind == "ussr_letter")
    assert {t.kind for t in letter.terms} == {"withdraw_missiles", "no_invasion"}
    offer = next(o for o in state.offers if o.turn == scenario.turns.index(scenario.turns[10]) and o.sender == "ussr")
    assert offer.channel == "private"


def test_second_letter_public_with_turkey_on_27(history, scenario):
    state, record = history
    kinds, orders = orders_on(record, scenario, "1962-10-27", "am", "ussr")
    broadcast = next(o for o in orders if o.kind == "broadcast")
    assert "remove_jupiters_turkey" in {t.kind for t in broadcast.terms}
    assert not any(t.secret for t in broadcast.terms)
    public = entries(state, "offer_public")
    assert any(e.date == "1962-10-27" and "Turkey" in e.text for e in public)


def test_u2_shot_down_on_27_without_retaliation(history, scenario):
    state, record = history
    assert [e.date for e in entries(state, "incident_u2_shot_down")] == ["1962-10-27"]
    kinds, _ = orders_on(record, scenario, "1962-10-27", "pm", "us")
    assert "withhold_retaliation" in kinds
    assert not entries(state, "order_strike_sams") and not entries(state, "order_strike_missiles")


def test_rfk_meeting_evening_27_secret_jupiters_and_deadline(history, scenario):
    state, record = history
    kinds, orders = orders_on(record, scenario, "1962-10-27", "pm", "us")
    meeting = next(o for o in orders if o.kind == "back_channel")
    secret = {t.kind for t in meeting.terms if t.secret}
    assert secret == {"remove_jupiters_turkey"}
    assert meeting.deadline == 1
    reply = next(o for o in orders if o.kind == "statement")
    first_letter = next(o for o in state.offers if o.sender == "ussr" and o.channel == "private" and o.terms)
    assert reply.reply_to == first_letter.id
    assert "remove_jupiters_turkey" not in {t.kind for t in reply.terms}


def test_acceptance_broadcast_on_28_and_secret_kept(history, scenario):
    state, record = history
    kinds, _ = orders_on(record, scenario, "1962-10-28", "day", "ussr")
    assert "accept_broadcast" in kinds
    assert state.outcome.kind == "settlement" and state.outcome.date == "1962-10-28"
    terms = {t.kind: t.secret for t in state.outcome.terms}
    assert terms["remove_jupiters_turkey"] is True
    assert terms["withdraw_missiles"] is False and terms["no_invasion"] is False
    assert state.leaked == ()
    label = scenario.terms["remove_jupiters_turkey"].label
    # Moscow's public demand of 27 October names it; nothing public says it was agreed.
    assert not any(label in e.text for e in state.logs["public"] if e.date >= "1962-10-28")
    assert any(label in e.text for e in state.logs["us"]) and any(label in e.text for e in state.logs["ussr"])
    assert state.outcome.winner == "none"


def test_aftermath_to_20_november(history):
    state, _ = history
    assert state.over and state.date == "1962-11-20"
    assert [e.date for e in entries(state, "order_lift_quarantine")] == ["1962-11-20"]
    assert [e.date for e in entries(state, "order_remove_bombers")] == ["1962-11-20"]
    assert state.defcon == 4
    assert state.max_rung == 6


def test_leaders_names_in_log(history):
    state, _ = history
    text = " ".join(e.text for e in all_entries(state))
    assert LEADER["us"] in text and LEADER["ussr"] in text and "{leader}" not in text


def test_golden_transcript(scenario):
    """Regenerate with: python -m game replay --history --transcript > tests/golden/history_transcript.txt"""
    assert history_transcript(scenario) == GOLDEN.read_text(encoding="utf-8")
