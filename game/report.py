"""The debrief: what a finished game comes to, set beside history, and its export for handing in.

``debrief`` gathers it as plain data; ``write_report`` writes a self-contained HTML page (the chart
embedded as an image) and a CSV of the turn log, one row a turn. After the game is over nothing is
secret any more: the debrief shows both sides' orders.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import html
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.model import LEADER, SIDES, long_date
from game.engine.record import GameRecord
from game.engine.scenario_types import Scenario
from game.engine.scoring import PARTS, scores
from game.engine.state import GameState
from game.engine.turn import describe_terms, turn_span
from game.files import FileProblem, data_dir, read_json, write_text
from game.saves import MAX_SAVE_BYTES, SaveError, load_game, read_record, replay_record
from game.tutorial import HistoricalPath

KIND_WORDS = {
    "settlement": "Settlement",
    "nuclear_war": "Nuclear war",
    "capitulation_us": "The United States gave way",
    "capitulation_ussr": "The Soviet Union gave way",
    "time_out": "Time ran out",
}


@dataclass
class TurnRow:
    turn: int  # counted as the game showed it: 1 is the players' first turn, whatever prelude came before
    date: str
    label: str
    rung: int
    risk: float
    history_rung: int | None
    history_risk: float | None
    orders: dict[str, list[str]]
    record_orders: dict[str, list[str]]
    events: list[str]
    leaks: list[str] = field(default_factory=list)

    def as_in_1962(self, side: str) -> bool:
        """Whether the side gave the record's orders this turn (both front ends mark the decisions by this)."""
        return self.orders[side] == self.record_orders[side]

    def words(self, side: str, record: bool = False) -> str:
        """The side's orders this turn (or the record's), in words: "no orders" when there were none."""
        return "; ".join((self.record_orders if record else self.orders)[side]) or "no orders"


@dataclass
class Debrief:
    scenario: str
    title: str
    outcome: str
    outcome_date: str
    ending: str
    terms: str
    scores: dict[str, dict[str, Any]]
    rows: list[TurnRow]
    leaks: list[str]
    questions: list[str]
    humans: list[str] = field(default_factory=list)
    history_outcome: str = ""
    seed: int = 0
    friction: str = ""
    mode: str = ""
    players: dict[str, str] = field(default_factory=dict)  # side -> "a player" or "the computer (hawk)"

    def game_fields(self) -> list[tuple[str, str]]:
        """What identifies the game, for every export: a teacher can tell whose file is whose."""
        leaks = "; ".join(self.leaks) or "none"
        return [
            ("scenario", self.scenario),
            ("seed", str(self.seed)),
            ("friction", self.friction),
            ("mode", self.mode),
            *((f"{LEADER[s]} played by", self.players.get(s, "")) for s in SIDES),
            ("outcome", f"{self.outcome} ({self.outcome_date})"),
            *((f"{LEADER[s]}'s score", str(self.scores[s]["total"])) for s in SIDES),
            ("secrets leaked", leaks),
        ]


def debrief(state: GameState, record: GameRecord, path: HistoricalPath | None = None) -> Debrief:
    """Everything the end screen and the report show, from a finished game and its record."""
    scenario = state.scenario
    path = path or HistoricalPath(scenario)
    defs = scenario.orders
    first = scenario.prelude_turns  # the turns before were played as history, not by the players
    played = {first + i: record.orders_of(i) for i in range(len(record.turns))}
    history_risk = {t: (r, p) for t, r, p in path.states[-1].history}
    public = sorted(state.logs["public"], key=lambda e: e.seq)
    leaked = [(scenario.terms[k].label, t) for k, t in state.leaked]
    rows = []
    for turn, rung, risk in state.history:
        if turn not in played:
            continue
        turn_def = scenario.turns[turn]
        then = history_risk.get(turn)
        rows.append(
            TurnRow(
                turn=turn - first + 1,
                date=turn_span(turn_def.date, turn_def.days),
                label=turn_def.label,
                rung=rung,
                risk=risk,
                history_rung=then[0] if then else None,
                history_risk=then[1] if then else None,
                orders={side: [defs[o.kind].label for o in played[turn][side]] for side in SIDES},
                record_orders={side: [defs[c.order.kind].label for c in path.orders_on(turn, side)] for side in SIDES},
                events=[
                    _dated(e, turn_def.date)
                    for e in public
                    if e.turn == turn and (e.key.startswith(("incident_", "event_", "agreement", "end_")))
                ],
                leaks=[label for label, t in leaked if t == turn],
            )
        )
    sc = scores(state)
    outcome = state.outcome
    ending = next((e.text for e in reversed(public) if e.key.startswith("end_")), "")
    hist = path.states[-1].outcome
    return Debrief(
        scenario=scenario.id,
        title=scenario.title,
        outcome=KIND_WORDS.get(outcome.kind, outcome.kind) if outcome else "Unfinished",
        outcome_date=outcome.date if outcome else state.date,
        ending=ending,
        terms=describe_terms(scenario, outcome.terms) if outcome and outcome.terms else "",
        scores={
            side: {"total": s.total, "parts": dict(s.parts), "rank": s.rank, "rank_label": s.rank_label}
            for side, s in sc.items()
        },
        rows=rows,
        leaks=[f"{scenario.terms[k].label}: leaked on {scenario.turn_label(t)}" for k, t in state.leaked],
        questions=list(scenario.questions),
        humans=list(record.meta.get("humans", [])),
        history_outcome=f"{KIND_WORDS.get(hist.kind, hist.kind)} on {long_date(hist.date)}" if hist else "",
        seed=record.seed,
        friction=record.friction,
        mode=str(record.meta.get("mode", "single")),
        players=players(record),
    )


def _dated(entry: Any, turn_date: str) -> str:
    """An event's text, with its own day in front where a turn of several days dates it apart from the first."""
    if "/" in entry.date or entry.date == turn_date:
        return str(entry.text)
    return f"{long_date(entry.date, year=False)}: {entry.text}"


def players(record: GameRecord) -> dict[str, str]:
    """Who led each side: a player at the keyboard, or the computer with its personality."""
    humans = record.meta.get("humans", [])
    opponent = record.meta.get("opponent", "historical")
    return {side: "a player" if side in humans else f"the computer ({opponent})" for side in SIDES}


def csv_text(report: Debrief) -> str:
    """The turn log: one row a turn, each carrying the game's identity (so a row pasted elsewhere keeps it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    game = report.game_fields()
    writer.writerow(
        [
            "turn",
            "date",
            "label",
            "rung",
            "risk",
            "rung in 1962",
            "risk in 1962",
            "Kennedy's orders",
            "Khrushchev's orders",
            "Kennedy in 1962",
            "Khrushchev in 1962",
            "what happened",
            "leaked this turn",
            *(name for name, _ in game),
        ]
    )
    for r in report.rows:
        writer.writerow(
            [
                r.turn,
                r.date,
                r.label,
                r.rung,
                f"{r.risk:.3f}",
                "" if r.history_rung is None else r.history_rung,
                "" if r.history_risk is None else f"{r.history_risk:.3f}",
                "; ".join(r.orders["us"]),
                "; ".join(r.orders["ussr"]),
                "; ".join(r.record_orders["us"]),
                "; ".join(r.record_orders["ussr"]),
                " | ".join(r.events),
                "; ".join(r.leaks),
                *(value for _, value in game),
            ]
        )
    return out.getvalue()


def html_text(report: Debrief, chart: bytes | None) -> str:
    """A self-contained page: outcome, scores, the chart (if drawn), the decisions beside history, leaks,
    questions."""
    e = html.escape
    score_rows = "".join(
        f"<tr><th>{LEADER[side]}</th><td>{s['total']} / 100</td><td>{e(s['rank_label'])}</td>"
        + "".join(f"<td>{s['parts'][p]}</td>" for p in PARTS)
        + "</tr>"
        for side, s in report.scores.items()
    )
    turn_rows = "".join(
        f"<tr><td>{r.turn}. {e(r.label)}</td><td>{r.rung}</td>"
        f"<td>{'' if r.history_rung is None else r.history_rung}</td>"
        f"<td>{e('; '.join(r.orders['us']) or '—')}</td><td>{e('; '.join(r.record_orders['us']) or '—')}</td>"
        f"<td>{e('; '.join(r.orders['ussr']) or '—')}</td><td>{e('; '.join(r.record_orders['ussr']) or '—')}</td>"
        "</tr>"
        for r in report.rows
    )
    leaks = "".join(f"<li>{e(x)}</li>" for x in report.leaks) or "<li>No secret leaked.</li>"
    questions = "".join(f"<li>{e(q)}</li>" for q in report.questions)
    game = "".join(f"<tr><th>{e(name)}</th><td>{e(value)}</td></tr>" for name, value in report.game_fields())
    image = (
        '<img id="chart-image" alt="The escalation ladder and the risk of an incident, turn by turn, with the '
        f'historical path"\n src="data:image/png;base64,{base64.b64encode(chart).decode("ascii")}">'
        if chart is not None
        else "<p>No chart was drawn for this export.</p>"
    )
    made = dt.datetime.now().strftime("%d %B %Y, %H:%M")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Debrief — {e(report.title)}</title>
<style>
body {{ font-family: Georgia, serif; max-width: 60em; margin: 2em auto; color: #222; line-height: 1.45; }}
h1, h2 {{ font-family: "Courier New", monospace; }} table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #bbb; padding: .3em .5em; vertical-align: top; font-size: .92em; }}
th {{ background: #eee; text-align: left; }} img {{ max-width: 100%; }} .answer {{ height: 6em; }}
</style></head><body>
<h1>Debrief: {e(report.title)}</h1>
<p>Made on {e(made)}.</p>
<table id="game">{game}</table>
<h2 id="outcome">Outcome: {e(report.outcome)} ({e(report.outcome_date)})</h2>
<p>{e(report.ending)}</p>
{f"<p>Terms: {e(report.terms)}.</p>" if report.terms else ""}
<p>In 1962: {e(report.history_outcome)}.</p>
<h2 id="scores">Scores</h2>
<table><tr><th>Leader</th><th>Score</th><th>Outcome rank</th>{"".join(f"<th>{p}</th>" for p in PARTS)}</tr>
{score_rows}</table>
<h2 id="chart">The crisis turn by turn</h2>
{image}
<h2 id="decisions">Decisions beside history</h2>
<table><tr><th>Turn</th><th>Rung</th><th>Rung in 1962</th><th>Kennedy's orders</th><th>Kennedy in 1962</th>
<th>Khrushchev's orders</th><th>Khrushchev in 1962</th></tr>
{turn_rows}</table>
<h2 id="secrets">Secrets</h2><ul>{leaks}</ul>
<h2 id="questions">Questions to reflect on</h2><ol>{questions}</ol>
<p>Name: ______________________ &nbsp; Class: __________</p>
</body></html>
"""


def reports_dir() -> Path:
    return data_dir() / "reports"


def write_report(report: Debrief, folder: Path | None = None, chart: bytes | None = None) -> tuple[Path, Path]:
    """Write ``debrief.html`` (with ``chart``, PNG bytes the front end drew: ``game.ui.export``) and
    ``turns.csv`` (atomically) into ``folder``; returns their paths."""
    folder = folder or reports_dir() / dt.datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    page = folder / "debrief.html"
    table = folder / "turns.csv"
    write_text(page, html_text(report, chart))
    write_text(table, csv_text(report))
    return page, table


def report_for(path: Path) -> tuple[Debrief, Scenario]:
    """The debrief of a saved game or of a record (as ``replay --history --save`` writes it), each checked
    as a save is (``SaveError``); a record's scenario is looked up by id among the game's own."""
    try:
        data = read_json(path, MAX_SAVE_BYTES)
    except FileProblem as exc:
        raise SaveError([str(exc)]) from None
    if isinstance(data, dict) and "format" in data:
        session = load_game(path)
        return debrief(session.state, session.record), session.scenario
    if not isinstance(data, dict):
        raise SaveError([f"{path}: not a saved game or a game record"])
    scenario, record = read_record(str(path), data)
    return debrief(replay_record(str(path), scenario, record), record), scenario
