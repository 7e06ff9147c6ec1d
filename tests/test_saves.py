"""Saves, the autosave and Continue: nothing lost, and every bad file refused with a clear line, untouched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.model import Order
from game.saves import (
    SaveError,
    autosave,
    autosave_path,
    list_saves,
    load_game,
    read_info,
    save_game,
    saves_dir,
    slot_path,
)
from game.session import Session
from tests.hostile_corpus import with_

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    return tmp_path


def played(scenario, turns: int = 3, humans=("us",)) -> Session:
    session = Session.new(scenario, 42, "plausible", humans, "hawk", mode="single")
    for _ in range(turns):
        for side in humans:
            session.commit(side, (Order("u2"),) if side == "us" else ())
    return session


def test_save_and_load_round_trip(scenario):
    session = played(scenario, 4)
    path = save_game(session, "Before the speech")
    loaded = load_game(path)
    assert loaded.state == session.state
    assert loaded.humans == ("us",) and loaded.opponent == "hawk"
    info = read_info(path)
    assert info.slot == "Before the speech" and info.date == session.state.date
    assert "against the AI" in info.mode and "Kennedy" in info.sides
    assert info.scenario == scenario.id
    assert [i.slot for i in list_saves()] == ["Before the speech"]


def test_the_load_list_names_each_saves_scenario_and_sides(scenario):
    from game.ui.scenes.saving import describe_saves

    save_game(played(scenario, 4), "Before the speech")
    titles, notes = describe_saves(list_saves())
    assert "Before the speech" in titles[0] and scenario.turns[4].label in titles[0]
    assert notes[0].startswith(f"{scenario.id}: Kennedy against the hawk Khrushchev")


def test_autosave_keeps_the_previous_one(scenario):
    session = played(scenario, 2)
    autosave(session)
    first = autosave_path().read_bytes()
    session.commit("us", ())
    autosave(session)
    backup = autosave_path().with_name("autosave.bak.json")
    assert backup.read_bytes() == first
    assert load_game(autosave_path()).state.turn == 3
    assert load_game(backup).state.turn == 2


def test_a_hot_seat_save_lands_between_the_players(scenario):
    session = Session.new(scenario, 3, "plausible", ("us", "ussr"), mode="hotseat")
    session.commit("us", ())
    session.commit("ussr", ())
    loaded = load_game(save_game(session, "class"))
    assert loaded.hotseat and loaded.to_play() == "us"


def test_continue_without_a_game_says_so(home):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRINKMANSHIP_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", "--continue"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1 and "no game to continue" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- broken saves


@pytest.fixture
def good(scenario, home) -> dict:
    return json.loads(save_game(played(scenario, 3), "good").read_text())


BROKEN = [
    (
        "wrong type for the seed",
        lambda d: with_(d, "record.seed", "forty-two"),
        "record.seed: input should be a valid integer",
    ),
    ("negative seed", lambda d: with_(d, "record.seed", -1), "record.seed: input should be greater than or equal to 0"),
    ("huge seed", lambda d: with_(d, "record.seed", 10**40), "record.seed: input should be less than or equal to"),
    ("missing record", lambda d: with_(d, "record", ...), "record: is required"),
    ("missing friction", lambda d: with_(d, "record.friction", ...), "record.friction: is required"),
    ("unknown friction", lambda d: with_(d, "record.friction", "chaotic"), "record.friction: input should be"),
    ("unknown key", lambda d: with_(d, "cheat", True), "cheat: unknown key"),
    ("unknown key in a turn", lambda d: with_(d, "record.turns[0].note", "x"), "record.turns[0].note: unknown key"),
    (
        "unknown order",
        lambda d: with_(d, "record.turns[1].orders.us[0].kind", "launch_everything"),
        "record.turns: turn 2: the recorded orders are not legal (us: unknown order 'launch_everything')",
    ),
    (
        "order of the other side",
        lambda d: with_(d, "record.turns[0].orders.us[0].kind", "presidium"),
        "record.turns: turn 1: the recorded orders are not legal (us: unknown order 'presidium')",
    ),
    (
        "order without a kind",
        lambda d: with_(d, "record.turns[0].orders.us[0].kind", ...),
        "record.turns[0].orders.us[0].kind: is required",
    ),
    (
        "unknown side",
        lambda d: with_(d, "record.turns[0].orders.nato", []),
        "record.turns[0].orders.nato: input should be",
    ),
    (
        "term without a kind",
        lambda d: with_(d, "record.turns[0].orders.us[0].terms", [{"secret": True}]),
        "record.turns[0].orders.us[0].terms[0].kind: is required",
    ),
    (
        "draws tampered",
        lambda d: with_(d, "record.turns[1].draws[0]", 0.123456),
        "record.turns: turn 2: the chance draws differ from the record",
    ),
    (
        "draw not a number",
        lambda d: with_(d, "record.turns[1].draws[0]", "nan"),
        "record.turns[1].draws[0]: input should be a valid number",
    ),
    (
        "turns repeated",
        lambda d: with_(d, "record.turns", d["record"]["turns"] * 10),
        "record.turns: turn 4: the chance draws differ from the record",
    ),
    (
        "scenario that does not exist",
        lambda d: with_(d, "record.scenario.id", "october1963"),
        "record.scenario.id: scenario 'october1963' cannot be loaded",
    ),
    (
        "scenario id with a path",
        lambda d: with_(d, "record.scenario.id", "../../etc/passwd"),
        "record.scenario.id: string should match pattern",
    ),
    (
        "scenario changed",
        lambda d: with_(d, "record.scenario.hash", "0" * 64),
        "record.scenario.hash: the scenario 'october1962' has changed since this game was saved",
    ),
    (
        "newer version",
        lambda d: with_(d, "version", 99),
        "version: saved by a newer version of the game (99; this one reads 1)",
    ),
    ("not a save", lambda d: with_(d, "format", "something-else"), "format: not a Brinkmanship save"),
    ("a list, not an object", lambda d: [d], "format: not a Brinkmanship save"),
    (
        "negative deadline",
        lambda d: with_(d, "record.turns[0].orders.us[0].deadline", -3),
        "record.turns[0].orders.us[0].deadline: input should be greater than or equal to 0",
    ),
    ("nested too deeply", None, "data nested too deeply"),
    ("empty file", b"", "file is empty"),
    ("not UTF-8", b"\xff\xfe\x00{", "not UTF-8 text"),
    ("truncated", "truncate", "not valid JSON, perhaps cut short"),
    ("not JSON at all", b"this is not a save", "not valid JSON, perhaps cut short"),
    ("a number", b"42", "format: not a Brinkmanship save"),
    ("version as text", lambda d: with_(d, "version", "1"), "version: must be a whole number"),
]


@pytest.mark.parametrize(("name", "change", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_save_gets_one_clear_line_and_is_left_alone(good, home, name, change, expected):
    path = home / "broken.json"
    if isinstance(change, bytes):
        raw = change
    elif change == "truncate":
        raw = json.dumps(good).encode()[:500]
    elif change is None:
        raw = b'{"format": "brinkmanship-save", "version": 1, "record": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    else:
        raw = json.dumps(change(good)).encode()
    path.write_bytes(raw)
    before = path.stat().st_mtime_ns
    with pytest.raises(SaveError) as caught:
        load_game(path)
    lines = caught.value.problems
    assert any(line.startswith(f"{path}: ") and expected in line for line in lines), lines
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == before


def test_the_load_command_lists_the_problems(good, home):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRINKMANSHIP_HOME": str(home)}
    path = home / "bad.json"
    path.write_text(json.dumps(with_(good, "record.seed", "x")))
    done = subprocess.run(
        [sys.executable, "-m", "game", "load", str(path)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert f"{path}: record.seed: input should be a valid integer" in done.stdout.splitlines()
    good_path = slot_path("good")
    done = subprocess.run(
        [sys.executable, "-m", "game", "load", str(good_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0 and "a valid save" in done.stdout


def test_an_unreadable_save_is_listed_with_its_problem_and_not_touched(good, home):
    bad = saves_dir() / "zzz.json"
    bad.write_bytes(b"{ broken")
    listed = {i.slot: i.problem for i in list_saves()}
    assert listed["good"] == "" and listed["zzz"].startswith(str(bad))
    assert bad.read_bytes() == b"{ broken"
