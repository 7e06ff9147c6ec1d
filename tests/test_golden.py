"""The golden playthroughs (``tools/golden.py``): every scenario, pair of personalities and friction plays as
recorded in ``tests/golden``. A failure prints the diff; regenerate only after an intended change of play."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "golden.py"


@pytest.fixture(scope="module")
def golden():
    spec = importlib.util.spec_from_file_location("golden_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def played(golden):
    return list(golden.expected())


def test_every_golden_playthrough_plays_as_recorded(golden, played):
    found = golden.differences(played=played)
    assert not found, golden.report(found)


def test_the_set_covers_every_scenario_friction_and_pair(golden, played):
    names = {case.name for case, _ in played}
    assert len(names) == len(golden.all_scenario_paths()) * len(golden.FRICTIONS) * len(golden.PAIRS)
    assert {"october1962-hawk-dove-plausible.txt", "run_the_line-random-random-historical.txt"} <= names


def test_the_check_fails_with_a_readable_diff_when_a_file_differs(golden, played, tmp_path):
    for name in golden._golden_files(golden.GOLDEN_DIR):
        (tmp_path / name).write_text((golden.GOLDEN_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "october1962-historical-historical-plausible.txt"
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = next(i for i, line in enumerate(lines) if line.startswith("  rung "))
    lines[changed] = lines[changed].replace("  rung ", "  rung 99", 1)
    target.write_text("".join(lines), encoding="utf-8")
    (tmp_path / "nowhere-hawk-hawk-plausible.txt").write_text("stale\n", encoding="utf-8")
    found = golden.differences(tmp_path, played)
    assert [name for name, _ in found] == [target.name, "nowhere-hawk-hawk-plausible.txt"]
    text = golden.report(found)
    assert f"--- golden/{target.name}" in text and "-  rung 99" in text and "+  rung " in text
    assert "python tools/golden.py" in text


def test_a_transcript_names_orders_by_their_ids(golden, scenario):
    text = golden.transcript(scenario, "historical", "historical", "historical")
    assert "  us: excomm | u2\n" in text
    assert "\noutcome settlement on 1962-10-28" in text
