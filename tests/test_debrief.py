"""The debrief and its export: the report command, the HTML page and the CSV, and every scenario's game."""

from __future__ import annotations

import base64
import csv
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.scenario.loader import all_scenario_paths, load_scenario
from game.sim import simulate

ROOT = Path(__file__).resolve().parent.parent


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.images: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001 - HTMLParser's signature
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "img":
            self.images.append(attrs.get("src", ""))

    def handle_data(self, data):  # noqa: ANN001
        self.text.append(data)


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRINKMANSHIP_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=180
    )


def test_the_report_of_the_historical_record(tmp_path):
    record = tmp_path / "history.json"
    assert run("replay", "--history", "--save", str(record), home=tmp_path).returncode == 0
    done = run("report", str(record), "--out", str(tmp_path / "out"), home=tmp_path)
    assert done.returncode == 0, done.stderr
    page = Page()
    page.feed((tmp_path / "out" / "debrief.html").read_text(encoding="utf-8"))
    assert {"outcome", "scores", "chart", "chart-image", "decisions", "secrets", "questions"} <= page.ids
    png = base64.b64decode(page.images[0].split("base64,", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    words = " ".join(page.text)
    assert "Settlement" in words and re.search(r"\d+ / 100", words) and "Kennedy" in words
    rows = list(csv.reader((tmp_path / "out" / "turns.csv").open(encoding="utf-8")))
    assert rows[0][:4] == ["turn", "date", "label", "rung"]
    assert len(rows) - 1 == 19 and [r[1] for r in rows[1:3]] == ["1962-10-16", "1962-10-17"]


def test_the_report_of_a_saved_game_and_of_a_bad_file(tmp_path, scenario, monkeypatch):
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    from game.saves import save_game
    from game.session import Session

    session = Session.new(scenario, 5, "plausible", ("ussr",), "hawk")
    while not session.over:
        session.commit("ussr", ())
    path = save_game(session, "finished")
    done = run("report", str(path), "--out", str(tmp_path / "r"), home=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader((tmp_path / "r" / "turns.csv").open(encoding="utf-8")))
    assert len(rows) - 1 == len(session.record.turns)
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    done = run("report", str(bad), "--out", str(tmp_path / "x"), home=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr and not (tmp_path / "x").exists()


@pytest.mark.parametrize("path", all_scenario_paths(), ids=lambda p: p.stem)
def test_every_scenario_is_played_to_an_end_by_the_doctrines(path):
    scenario = load_scenario(path)
    for us, ussr in (("historical", "historical"), ("hawk", "dove"), ("dove", "hawk")):
        summary = simulate(scenario, us, ussr, 12, 3, "plausible")
        assert summary.games == 12 and sum(summary.outcomes.values()) == 12
        assert "none" not in summary.outcomes


def test_the_short_scenarios_are_short(scenario):
    lesson = load_scenario(ROOT / "scenarios" / "classroom45.toml")
    saturday = load_scenario(ROOT / "scenarios" / "black_saturday.toml")
    assert len(lesson.turns) - lesson.prelude_turns == 10
    assert len(saturday.turns) - saturday.prelude_turns == 5
    from game.prelude import new_game

    start = new_game(saturday, 1, "plausible")
    assert (start.date, start.part) == ("1962-10-26", "am") and start.quarantine == "in_force"
    assert start.logs["public"]  # the days before are in the log, as they happened
    # The players count the turns they play, from 1, and a deadline is a date.
    assert saturday.turn_count(start.turn) == "turn 1 of 5"
    assert saturday.turn_label(start.turn + 99) == saturday.turns[-1].label
