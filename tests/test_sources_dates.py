"""History kept right (issue 13): every cited source exists, and nothing shown on a turn runs ahead of it.

Each text that names a later event must carry the date it describes; the test reads the dates a text
names ("30 October", "19 November 1962", "April 1963", "1992") and compares them with the last day of
the turn it is shown on: the narration page, every report logged that turn, and the record's reasons.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from game.engine.turn import in_span, turn_span
from game.engine.view import player_view
from game.scenario.loader import load_scenario
from game.scenario.sources import COUNTERFACTUAL, NAMED, TITLES
from game.tutorial import DISPUTES, Guide, HistoricalPath, cite, day_text, sources_page

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
CHRONOLOGY = ROOT.parent / "shared" / "history" / "CHRONOLOGY.md"
MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        1,
    )
}
DAY_MONTH = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")\b(?: (\d{4}))?")
MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{4})\b")
YEAR = re.compile(r"\b(19\d\d)\b")


def named_dates(text: str) -> list[date]:
    """The dates a text names, each as the earliest day it can mean."""
    found = [date(int(y or 1962), MONTHS[m], int(d)) for d, m, y in DAY_MONTH.findall(text)]
    found += [date(int(y), MONTHS[m], 1) for m, y in MONTH_YEAR.findall(text)]
    found += [date(int(y), 1, 1) for y in YEAR.findall(text) if int(y) > 1962]
    return found


def every_source_string() -> list[tuple[str, str]]:
    out = []
    for path in sorted(SCENARIOS.rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))

        def walk(node: object, where: str) -> None:
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == "source" and isinstance(v, str):
                        out.append((f"{where}.{k}", v))
                    elif k == "sources" and isinstance(v, list):
                        out.extend((f"{where}.{k}", s) for s in v)
                    else:
                        walk(v, f"{where}.{k}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{where}[{i}]")

        walk(data, path.name)
    return out


def test_every_cited_source_exists() -> None:
    bad = []
    for where, source in every_source_string():
        for part in (p for p in re.split(r"\s*[,;]\s*", source.strip()) if p):
            if part not in TITLES and part not in NAMED and part != COUNTERFACTUAL:
                bad.append(f"{where}: {part}")
    assert not bad, "sources that the chronology does not list (or a seed shown as a source):\n" + "\n".join(bad)


@pytest.mark.skipif(not CHRONOLOGY.exists(), reason="the shared chronology is not beside this checkout")
def test_source_titles_follow_the_chronology() -> None:
    text = CHRONOLOGY.read_text(encoding="utf-8")
    ids = set(re.findall(r"^\| (S\d+) \|", text, flags=re.M))
    assert ids == set(TITLES)
    for ref in NAMED:  # the documents cited by name are the ones the chronology's notes name
        kind = ref.split(" 19")[0]
        assert kind.split()[0] in text


def test_pages_and_reasons_cite_titles_never_seeds() -> None:
    sc = load_scenario(SCENARIOS / "october1962.toml")
    for page in sc.days.values():
        line = f"Sources: {cite(', '.join(page.sources))}"
        assert not re.search(r"\bseed\b|\d{3}_[0-9a-f]{16}", line, flags=re.I)
        for sid in page.sources:
            assert TITLES[sid][0][:20] in line
    assert cite("S11").startswith("S11: PBS American Experience")


@pytest.fixture(scope="module")
def path() -> HistoricalPath:
    return HistoricalPath(load_scenario(SCENARIOS / "october1962.toml"))


def test_nothing_shown_on_a_turn_runs_ahead_of_it(path: HistoricalPath) -> None:
    sc = path.scenario
    last = path.states[-1]
    every = sorted(last.logs["public"] + last.logs["us"] + last.logs["ussr"], key=lambda e: e.seq)
    guides = {side: Guide(sc, side, path) for side in ("us", "ussr")}
    problems = []
    for turn in sorted(path.dawns):
        state = path.at(turn)
        td = sc.turns[turn]
        span = turn_span(td.date, td.days)
        end = date.fromisoformat(td.date) + timedelta(days=max(1, round(td.days)) - 1)
        shown = [("page", line) for line in day_text(sc, state)]
        for e in every:
            if e.turn == turn:
                if not e.key.startswith("duty"):  # a deadline set for a later day is not a later event
                    shown.append((f"log {e.key}", e.text))
                if not in_span(e.date, span):
                    problems.append(f"{td.label}: log {e.key} dated {e.date}, outside {span}")
        for side, guide in guides.items():
            shown += [(f"reason ({side})", line) for line in guide.advice_text(player_view(state, side))]
        for what, text in shown:
            # a citation names its source's own dates (a memoir of 1969, a report of January 1963): not the story's
            text = re.sub(r"\(Sources: .*\)$|^Sources: .*$", "", text)
            for d in named_dates(text):
                if d > end:
                    problems.append(f"{td.label}: {what} names {d}: {text[:100]}")
    assert not problems, "\n".join(problems)


def test_week_turns_date_their_events(path: HistoricalPath) -> None:
    last = path.states[-1]
    dates = {e.key: e.date for v in ("public", "us", "ussr") for e in last.logs[v]}
    assert dates["event_inspection_refused"] == "1962-10-30"  # U Thant in Havana
    assert dates["event_oral_only"] == "1962-10-30"  # Robert Kennedy hands back the letter (S17)
    assert dates["event_gilpatric_count"] == "1962-11-11"
    assert dates["event_castro_bombers"] == "1962-11-19"
    assert dates["order_demand_bombers"] == "1962-10-29/1962-11-04"  # no day of its own: the turn's span
    labels = [t.label for t in path.scenario.turns]
    assert "Friday 26 October, afternoon and evening" in labels


def test_tactical_warheads_arrive_by_ship(path: HistoricalPath) -> None:
    first = path.states[0]
    assert first.tactical == 54  # 36 FKR, 12 Luna, 6 bombs, before the Aleksandrovsk docks
    arrived = next(s for s in path.states if any(sh.id == "aleksandrovsk" and sh.status == "arrived" for sh in s.ships))
    assert arrived.tactical == 98 and arrived.date == "1962-10-24"  # docked on 23 October: the next dawn


def test_sources_page_lists_the_disputes() -> None:
    sc = load_scenario(SCENARIOS / "october1962.toml")
    lines = sources_page(sc)
    assert lines[0] == "SOURCES AND DISPUTES"
    for name, _ in DISPUTES:
        assert any(line.startswith(name) for line in lines)
    assert any(line.startswith("S11: ") and "http" in line for line in lines)
