"""Every export names its game (scenario, seed, mode, who played, outcome, scores, leaks); turns as the game showed."""

from __future__ import annotations

import csv
import io

import numpy as np

from game.ai.random_policy import RandomPolicy
from game.engine.model import LEADER, SIDES
from game.engine.record import GameRecord, play_turn
from game.engine.view import player_view
from game.prelude import new_game
from game.report import csv_text, debrief, html_text
from game.scenario.loader import load_scenario, scenario_path


def leaky_game(scenario_id: str):  # noqa: ANN201 - (state, record)
    """A random game of the scenario in which a secret leaked (the first seed that gives one)."""
    scenario = load_scenario(scenario_path(scenario_id))
    for seed in range(1, 200):
        rng = np.random.default_rng(seed)
        policy = RandomPolicy()
        record = GameRecord.start(scenario, seed, "plausible", humans=["us"], opponent="hawk", mode="single")
        state = new_game(scenario, seed, "plausible")
        while not state.over:
            state = play_turn(state, {s: policy.choose(player_view(state, s), rng) for s in SIDES}, record)
        if state.leaked:
            return state, record
    raise AssertionError("no random game leaked a secret")


def test_csv_and_html_carry_the_game_and_number_turns_as_shown():
    state, record = leaky_game("classroom45")
    scenario = state.scenario
    report = debrief(state, record)
    rows = list(csv.DictReader(io.StringIO(csv_text(report))))
    first = scenario.prelude_turns
    assert first > 0  # the lesson starts after a prelude: the test is about that case
    assert [int(r["turn"]) for r in rows] == list(range(1, len(rows) + 1))
    for row, played in zip(rows, range(first, first + len(rows)), strict=True):
        assert scenario.turn_count(played).startswith(f"turn {row['turn']} of")
    for row in rows:
        assert row["scenario"] == "classroom45" and row["seed"] == str(record.seed)
        assert row["mode"] == "single" and row["friction"] == "plausible"
        assert row[f"{LEADER['us']} played by"] == "a player"
        assert row[f"{LEADER['ussr']} played by"] == "the computer (hawk)"
        assert row["outcome"].startswith(report.outcome)
        assert row[f"{LEADER['us']}'s score"] == str(report.scores["us"]["total"])
        assert row["secrets leaked"] != "none"
    assert any(r["leaked this turn"] for r in rows)
    page = html_text(report, b"")
    for name, value in report.game_fields():
        assert f"<th>{name}</th><td>{value}</td>".replace("'", "&#x27;") in page


def test_a_week_turn_is_exported_with_its_span_and_its_events_on_their_own_days():
    from game.history import replay_history

    scenario = load_scenario(scenario_path("october1962"))
    state, record = replay_history(scenario)
    report = debrief(state, record)
    week = next(r for r in report.rows if r.label.startswith("29 October"))
    assert week.date == "1962-10-29/1962-11-04"
    assert any(text.startswith("Tuesday 30 October: ") for text in week.events)  # U Thant flies to Havana
    assert all(not text.startswith("Monday 29 October") for text in week.events)
