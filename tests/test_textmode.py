"""The terminal game, played to its end by feeding its input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.engine.model import Order
from game.engine.view import player_view
from game.session import Session
from game.textmode import TextGame

ROOT = Path(__file__).resolve().parent.parent


def scripted(lines, prompts=None):
    feed = iter(lines)

    def ask(prompt: str) -> str:
        if prompts is not None:
            prompts.append(prompt)
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return ask


def run_game(scenario, script, humans=("us",), opponent="historical", seed=3):
    out: list[str] = []
    session = Session.new(scenario, seed, "plausible", humans, opponent)
    game = TextGame(session, ask=scripted(script), say=out.append, clear=False)
    state = game.run()
    return state, "\n".join(out), game


def test_single_player_game_ends_with_scores(scenario):
    state, text, game = run_game(scenario, ["e"] * 40)
    assert state.over
    assert "THE END" in text and "/100" in text
    assert len(game.record.turns) == len(scenario.turns)


def test_orders_offers_and_answers_are_reachable(scenario):
    # Turn 1: list orders, add order 1 (ExComm) and 2 (U-2), look at the inbox, the ladder and help, then end.
    # Turn 2: send a back-channel offer with a secret Jupiter term and a deadline, and end.
    terms = list(scenario.terms)
    jupiters = terms.index("remove_jupiters_turkey") + 1
    withdraw = terms.index("withdraw_missiles") + 1
    script = [
        "o",
        "1",
        "2",
        "c",
        "i",
        "ladder",
        "?",
        "h 1",
        "e",
        "back_channel",
        f"{withdraw} {jupiters}s",
        "2",
        "e",
    ] + ["e"] * 40
    state, text, game = run_game(scenario, script)
    first = game.record.orders_of(0)["us"]
    assert [o.kind for o in first] == ["excomm", "u2"]
    second = game.record.orders_of(1)["us"]
    assert second[0].kind == "back_channel"
    assert {(t.kind, t.secret) for t in second[0].terms} == {
        ("withdraw_missiles", False),
        ("remove_jupiters_turkey", True),
    }
    assert second[0].deadline == 2
    assert "Quiet diplomacy" in text and "Commands:" in text
    assert state.over


def test_dangerous_orders_ask_for_confirmation(scenario):
    prompts: list[str] = []
    game = TextGame(
        Session.new(scenario, 1, "plausible", ("us",)),
        ask=scripted(["no", "yes"], prompts),
        say=lambda _: None,
        clear=False,
    )
    view = player_view(game.state, "us")
    assert not game.may_commit(view, [Order("invade")])
    assert game.may_commit(view, [Order("invade")])
    assert game.may_commit(view, [Order("excomm")])  # a quiet order needs no confirmation
    assert len(prompts) == 2 and all("rung 8" in p for p in prompts)


def test_hotseat_hides_each_side_between_players(scenario):
    script = ["", "e", "", "e"] * 40
    state, text, game = run_game(scenario, script, humans=("us", "ussr"))
    assert state.over
    assert "Hand the keyboard to the player of Khrushchev" in text
    # Each resolution shows only public news: no secret stamp appears in a resolution block.
    for block in text.split("--- ")[1:]:
        body = block.split("=" * 78)[0]
        assert "EYES ONLY" not in body


def test_each_player_reads_a_briefing_card_once_and_only_after_the_hand_off(scenario):
    _, text, _ = run_game(scenario, ["", "e", "", "e"] * 40, humans=("us", "ussr"))
    assert text.count("WHAT YOU FEAR") == 2
    card = text.index("KHRUSHCHEV, First Secretary")
    assert text.index("Hand the keyboard to the player of Khrushchev") < card
    assert text.index("KENNEDY, President") < text.index("Hand the keyboard to the player of Khrushchev")


def test_quit_and_end_of_input_stop_cleanly(scenario):
    state, text, _ = run_game(scenario, ["q", "yes"])
    assert not state.over and "The game stops here" in text
    state, text, _ = run_game(scenario, [])
    assert "input ended" in text


def test_command_line_text_game_to_the_end():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    feed = "e\n" * 40
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", "--side", "ussr", "--seed", "5"],
        input=feed,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "THE END" in done.stdout and "Traceback" not in done.stderr


def test_news_of_the_next_dawn_says_its_date(scenario):
    session = Session.new(scenario, 1, "historical", ("us",))
    result = session.commit("us", ())
    lines = [result.line(e) for e in result.news("us")]
    assert any(line.startswith("Wednesday 17 October: ") for line in lines)  # the Guanajay photographs
    today = [e for e in result.news("us") if e.date == result.before.date]
    assert all(result.line(e) == e.text for e in today)
    assert all(e.visibility == "public" for e in result.news(None))


def test_not_possible_names_orders_in_plain_words(scenario):
    import re

    out: list[str] = []
    session = Session.new(scenario, 3, "plausible", ("ussr",))
    game = TextGame(session, ask=scripted([]), say=out.append, clear=False)
    view = session.view("ussr")
    accelerate = scenario.orders["build_accelerate"]
    game.add(view, game.number(accelerate), [Order("build_halt")])
    refusal = next(line for line in out if line.startswith("Not possible"))
    assert accelerate.label in refusal or scenario.orders["build_halt"].label in refusal, refusal
    assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", refusal), refusal
