"""The terminal game's export: the debrief's chart is drawn by the drawer the command line hands it (pygame,
loaded only then), and without one the page says no chart was drawn rather than failing."""

from __future__ import annotations

import io
import re
from pathlib import Path

from game import cli
from game.report import Debrief
from game.session import Session
from game.textmode import TextGame
from game.ui.export import chart_png


def play_and_export(scenario, draw_chart=None) -> str:  # noqa: ANN001
    """A whole game ended turn after turn, the export accepted; the page written."""
    out: list[str] = []
    session = Session.new(scenario, 3, "plausible", ("us",), "historical")
    game = TextGame(session, ask=lambda prompt: "y" if "Export" in prompt else "e", say=out.append, clear=False)
    game.draw_chart = draw_chart
    game.run()
    line = next(x for x in out if x.startswith("Debrief written: "))
    return Path(line.split(": ", 1)[1].splitlines()[0]).read_text(encoding="utf-8")


def test_the_chart_drawn_by_the_drawer_it_is_handed(scenario):
    drawn: list[Debrief] = []

    def draw(report: Debrief) -> bytes:
        drawn.append(report)
        return chart_png(report)

    page = play_and_export(scenario, draw)
    assert len(drawn) == 1 and 'id="chart-image"' in page and "data:image/png;base64,iVBORw0KGgo" in page


def test_without_a_drawer_the_page_has_no_chart_and_says_so(scenario):
    page = play_and_export(scenario)
    assert 'id="chart-image"' not in page and "No chart was drawn for this export." in page
    assert 'id="decisions"' in page  # the rest of the page is all there


def test_play_text_from_the_command_line_exports_the_chart(scenario, monkeypatch, capsys):
    """``play --text`` typed at the keyboard: the same answers as a game played here, the export accepted."""
    prompts: list[str] = []
    session = Session.new(scenario, 3, "plausible", ("us",), "historical")
    TextGame(session, ask=lambda p: prompts.append(p) or ("y" if "Export" in p else "e"), say=len, clear=False).run()
    typed = "".join("y\n" if "Export" in p else "e\n" for p in prompts)
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert cli.main(["play", "--text", "--no-clear", "--seed", "3"]) == 0
    written = re.search(r"Debrief written: (\S+)", capsys.readouterr().out)  # after the prompt, on its line
    page = Path(written.group(1)).read_text(encoding="utf-8")
    assert 'id="chart-image"' in page and "data:image/png;base64,iVBORw0KGgo" in page
