"""The command line: replay, simulate, bench and validate print what the README promises."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout
    )


def test_replay_history_json():
    done = run("replay", "--history", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    outcome = data["outcome"]
    assert outcome["kind"] == "settlement" and outcome["date"] == "1962-10-28"
    assert {"term": "remove_jupiters_turkey", "public": False} in outcome["terms"]
    assert set(outcome["scores"]) == {"us", "ussr"} and set(outcome["ranks"]) == {"us", "ussr"}
    assert outcome["ranks"] == {"us": 2, "ussr": 2}
    log = data["log"]
    assert len(log) > 50
    for entry in log:
        assert set(entry) >= {"date", "turn", "key", "text", "visibility"}
        assert entry["visibility"] in ("public", "us", "ussr")
        assert entry["key"].replace("_", "").isalnum() and entry["key"] == entry["key"].lower()
        assert len(entry["date"]) in (10, 21)  # a day, or a week turn's span ("1962-10-29/1962-11-04")
    turns = [e["turn"] for e in log]
    assert turns == sorted(turns)  # in the order of the turns; within a week turn, each event on its own day


def test_replay_text_and_save(tmp_path):
    record = tmp_path / "history.json"
    done = run("replay", "--history", "--save", str(record))
    assert done.returncode == 0, done.stderr
    assert "Outcome: settlement on 1962-10-28" in done.stdout
    saved = json.loads(record.read_text())
    assert saved["scenario"]["id"] == "october1962" and saved["friction"] == "historical"
    assert len(saved["turns"]) == 19


def test_simulate_json():
    done = run("simulate", "--games", "20", "--us", "hawk", "--ussr", "dove", "--seed", "7", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["games"] == 20 and sum(data["outcomes"].values()) == 20
    assert set(data["reached_rung"]) == {str(r) for r in range(11)}
    assert data["games_per_second"] > 0


def test_simulate_text():
    done = run("simulate", "--games", "5")
    assert done.returncode == 0 and "games per second" in done.stdout


def test_bench_smoke(monkeypatch, capsys):
    """The bench's plumbing on a tiny budget, in process; the window's figures and the real speeds are
    ``python -m game bench``'s business, never a test's."""
    import game.bench
    from game.cli import main

    monkeypatch.setattr(game.bench, "window_figures", lambda: {"window": "not measured in tests"})
    assert main(["bench", "--seconds", "0.01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["random_play_actions_per_second"] > 0
    assert data["historical_vs_historical_games_per_second_plausible"] > 0
    assert data["window"] == "not measured in tests"


def test_validate_ok_and_broken(tmp_path):
    done = run("validate")
    assert done.returncode == 0 and "valid" in done.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n', encoding="utf-8")
    done = run("validate", str(bad))
    assert done.returncode == 1
    assert f"{bad}: title: is required" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_broken_scenario_for_play_gives_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe garbage")
    done = run("--scenario", str(bad), "simulate", "--games", "1")
    assert done.returncode == 1
    assert "not UTF-8" in done.stderr and "Traceback" not in done.stderr


def test_the_scenario_may_be_named_after_the_command_too():
    done = run("replay", "--history", "--json", "--scenario", "black_saturday")
    assert done.returncode == 0, done.stderr
    log = json.loads(done.stdout)["log"]
    assert log[0]["date"] < "1962-10-26" and log[-1]["date"] == "1962-10-28"  # the prelude, then the last day


def test_help_lists_every_command():
    done = run("--help")
    assert done.returncode == 0
    for word in ("play", "replay", "simulate", "bench", "validate"):
        assert word in done.stdout
    done = run("play", "--help")
    for option in ("--text", "--side", "--opponent", "--friction", "--seed", "--hotseat"):
        assert option in done.stdout
