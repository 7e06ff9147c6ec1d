"""The hostile corpus (``hostile_corpus.py``): every input gets its one-line message, nothing hangs, nothing
crashes, and the file read is left exactly as it was."""

from __future__ import annotations

import io
import json
import os
import shutil
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from game.engine.model import Order
from game.saves import SaveError, load_game, name_problem, save_game
from game.session import Session
from tests.hostile_corpus import SPECIAL, Case, corpus

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
CASES = corpus()


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def good_save(scenario, tmp_path_factory) -> dict:
    os.environ["BRINKMANSHIP_HOME"] = str(tmp_path_factory.mktemp("good"))
    try:
        session = Session.new(scenario, 42, "plausible", ("us",), "hawk", mode="single", timer=0)
        for _ in range(3):
            session.commit("us", (Order("u2"),))
        return json.loads(save_game(session, "good").read_text())
    finally:
        del os.environ["BRINKMANSHIP_HOME"]


def place(path: Path, payload: object, good: dict) -> None:
    """Put the hostile thing at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if payload == "fifo":
        os.mkfifo(path)
    elif payload == "zero":
        path.symlink_to("/dev/zero")
    elif payload == "dangling":
        path.symlink_to(path.parent / "nothing-here")
    elif payload == "folder":
        path.mkdir()
    elif isinstance(payload, bytes):
        path.write_bytes(payload)
    else:
        path.write_text(json.dumps(payload(good)))


def snapshot(path: Path) -> tuple:
    """What the file is: its type, times and (for a regular file) its bytes."""
    info = path.lstat()
    content = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    return info.st_mode, info.st_mtime_ns, info.st_size, content


def scenario_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, folder)
    return folder


def read_lines(case: Case, tmp_path: Path, good: dict) -> tuple[list[str], Path]:
    """Put the case in place, read it as the game would, and return the lines the player is given."""
    from game.report import report_for
    from game.scenario.loader import ScenarioError, load_scenario
    from game.settings import Settings

    if case.target in ("save", "record"):
        path = tmp_path / "hostile.json"
        payload = case.payload
        if case.target == "record" and callable(payload):
            record = good["record"]
            payload = lambda _: case.payload(record)  # noqa: E731 - the change applies to the record alone
        place(path, payload, good)
        before = snapshot(path)
        with pytest.raises(SaveError) as caught:
            load_game(path) if case.target == "save" else report_for(path)
        lines = caught.value.problems
    elif case.target == "settings":
        path = Settings.path()
        place(path, case.payload, good)
        before = snapshot(path)
        settings = Settings.load()
        assert settings == Settings(), "a bad settings file gives the defaults"
        lines = [settings.notice]
    else:
        folder = scenario_copy(tmp_path)
        path = {
            "scenario": folder / "october1962.toml",
            "doctrine": folder / "doctrines" / "kennedy.toml",
            "narration": folder / "narration" / "october1962.toml",
            "variant": folder / "variant.toml",
        }[case.target]
        path.unlink(missing_ok=True)
        place(path, case.payload, good)
        before = snapshot(path)
        with pytest.raises(ScenarioError) as caught:
            load_scenario(folder / ("variant.toml" if case.target == "variant" else "october1962.toml"))
        lines = caught.value.problems
    assert snapshot(path) == before, "the file read was changed"
    return lines, path


FILES = [c for c in CASES if c.target in ("save", "record", "settings", "scenario", "doctrine", "narration", "variant")]


@pytest.mark.parametrize("case", FILES, ids=[c.id for c in FILES])
def test_a_hostile_file_gets_one_clear_line_and_is_left_alone(case: Case, tmp_path, good_save):
    lines, path = read_lines(case, tmp_path, good_save)
    assert lines and all("\n" not in line and "Traceback" not in line for line in lines)
    dangling_doctrine = case.target == "doctrine" and case.payload == "dangling"  # named as the scenario names it
    named = str(path.resolve() if case.target == "doctrine" and not dangling_doctrine else path)
    hits = [line for line in lines if case.expected in line and (dangling_doctrine or named in line)]
    assert hits, lines


ARGV = [c for c in CASES if c.target == "argv"]


@pytest.mark.parametrize("case", ARGV, ids=[c.id for c in ARGV])
def test_a_hostile_command_line_value_is_refused_by_its_type(case: Case):
    from game.cli import main

    err = io.StringIO()
    with redirect_stderr(err), pytest.raises(SystemExit) as caught:
        main(case.payload)
    assert caught.value.code == 2
    last = err.getvalue().strip().splitlines()[-1]
    assert case.expected in last and "Traceback" not in err.getvalue()


PROMPTS = [c for c in CASES if c.target == "prompt"]


@pytest.mark.parametrize("case", PROMPTS, ids=[c.id for c in PROMPTS])
def test_hostile_typing_gets_a_line_and_the_game_goes_on(case: Case, scenario):
    from game.textmode import TextGame

    said: list[str] = []
    typed = iter([*case.payload, "q", "yes"])
    game = TextGame(
        Session.new(scenario, 1, "plausible", ("us",)), ask=lambda _: next(typed), say=said.append, clear=False
    )
    state = game.run()
    assert state.turn == 0 and any(case.expected in line for line in said), said[-5:]
    assert "The game stops here (the player quit)." in said[-1]


NAMES = [c for c in CASES if c.target == "name"]


@pytest.mark.parametrize("case", NAMES, ids=[c.id for c in NAMES])
def test_a_bad_save_name_is_refused_with_a_line(case: Case):
    assert case.expected in (name_problem(case.payload) or "")


def test_the_corpus_is_large_and_covers_every_kind():
    targets = {c.target for c in CASES}
    assert len(CASES) >= 150 and len({c.id for c in CASES}) == len(CASES)
    assert targets == {
        "save",
        "record",
        "settings",
        "scenario",
        "doctrine",
        "narration",
        "variant",
        "argv",
        "prompt",
        "name",
    }
    for target in ("save", "record", "settings", "scenario", "doctrine", "narration"):
        assert {c.payload for c in CASES if c.target == target and isinstance(c.payload, str)} == set(SPECIAL)


def test_fifty_thousand_events_merge_over_chained_variants_each_once():
    """The merge of a variant over its base is linear (it was quadratic: 44 s for this)."""
    from game.scenario.variants import merge

    base = {"event": [{"id": f"e{i}", "date": "1962-10-20"} for i in range(50_000)], "title": "base"}
    over = {"event": [{"id": f"e{i}", "date": "1962-10-21"} for i in range(0, 100_000, 2)]}
    merged = merge(merge(merge(base, over), over), {"event": [7, {"id": 3}, {"id": "e1"}]})
    ids = [e["id"] for e in merged["event"] if isinstance(e, dict)]
    assert len(ids) == len(set(ids)) == 75_001 and merged["title"] == "base" and 7 in merged["event"]
