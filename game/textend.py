"""The terminal after the orders: what each turn brought, the end of the game with its scores and debrief,
and the crisis as it happened, day by day (``watch_history``).
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.model import LEADER
from game.engine.scenario_types import Scenario
from game.engine.scoring import scores
from game.engine.turn import describe_terms
from game.engine.view import player_view
from game.files import FileProblem
from game.report import Debrief, debrief, write_report
from game.session import TurnResult
from game.textpages import Pages, Quit
from game.tutorial import HistoricalPath, day_text, sources_page
from game.wording import with_year


class Ending(Pages):
    """The news of each turn and the end of the game, for ``TextGame``."""

    # The exported debrief's chart as PNG bytes; None: exported without it. The command line gives it, since
    # pygame draws it and the terminal game loads pygame only when it is asked for.
    draw_chart: Callable[[Debrief], bytes] | None = None

    def show_resolution(self, result: TurnResult) -> None:
        """What happened: public news for hot-seat (both players may be watching), else the player's own too."""
        before, after = result.before, result.after
        self.say(f"\n--- {before.turn_def.label}: what happened ---")
        for e in result.news(None if self.session.hotseat else self.session.humans[0]):
            self.say(f"  {result.line(e)}")
        if self.guide is not None:
            self.say(self.guide.divergence(after).describe())
        if not self.session.hotseat:
            self.seen[self.session.humans[0]] = len(player_view(after, self.session.humans[0]).log)

    def show_end(self) -> None:
        outcome = self.state.outcome
        self.say("\n" + "=" * 78)
        if outcome is not None:
            self.say(f"THE END — {outcome.kind.replace('_', ' ')} ({outcome.date})")
            if outcome.terms:
                public = describe_terms(self.scenario, outcome.terms, public_only=True)
                self.say(f"Public terms: {public}")
        for side, sc in scores(self.state).items():
            parts = ", ".join(f"{k} {v}" for k, v in sc.parts.items())
            self.say(f"{LEADER[side]}: {sc.total}/100 ({parts}) — {sc.rank_label}")
        for kind, turn in self.state.leaked:
            self.say(f"The secret of '{self.scenario.terms[kind].label}' leaked on {self.scenario.turn_label(turn)}.")
        self.show_debrief()

    def show_debrief(self) -> None:
        """Your decisions beside 1962, questions to reflect on, and the export to hand in."""
        report = debrief(self.state, self.record)
        self.say(f"\nIn 1962: {report.history_outcome}. Your decisions beside the record:")
        for row in report.rows:
            for side in self.session.humans:
                mark = "as in 1962" if row.as_in_1962(side) else f"in 1962: {row.words(side, record=True)}"
                self.say(f"  {row.label}, {LEADER[side]}: {row.words(side)} ({mark})")
        self.say("\nQuestions to reflect on:")
        for i, question in enumerate(report.questions, 1):
            self.say(f"  {i}. {question}")
        try:
            export = self.confirm("\nExport the debrief (a web page and a spreadsheet) to hand in?")
        except Quit:
            return
        if export:
            try:
                chart = self.draw_chart(report) if self.draw_chart is not None else None
                page, table = write_report(report, chart=chart)
            except FileProblem as exc:
                self.say(f"The debrief could not be written: {exc}")
                return
            self.say(f"Debrief written: {page}\nTurn log written: {table}")


def watch_history(scenario: Scenario, ask: Callable[[str], str] = input, say: Callable[[str], None] = print) -> None:
    """The crisis as it happened, day by day, with each day's narration and everything reported that day."""
    path = HistoricalPath(scenario)
    tags = {"public": "", "us": "  [WASHINGTON ONLY]", "ussr": "  [MOSCOW ONLY]"}
    prompting = True
    for before, after in zip(path.states, path.states[1:], strict=False):
        say("\n" + "=" * 78)
        say(f"{with_year(before.turn_def.label).upper()} — the ladder at rung {before.rung}")
        say("=" * 78)
        for line in day_text(scenario, before):
            say(line)
        say("")
        every = sorted(after.logs["public"] + after.logs["us"] + after.logs["ussr"], key=lambda e: e.seq)
        for entry in every:
            if entry.turn == before.turn:
                say(f"  {entry.date}  {entry.text}{tags[entry.visibility]}")
        if prompting:
            try:
                if ask("\nEnter for the next day, q to stop: ").strip().lower() == "q":
                    return
            except EOFError:
                prompting = False  # no one at the keyboard: print the rest
    say("\n" + "=" * 78)
    for line in sources_page(scenario):  # the tutorial's last page: where historians differ, and the sources
        say(line)
