"""The debrief's day-by-day chart: its legend's entries stand apart at every width and text size (they once
ran into one another: "this game- - the crisis"), and none leaves the chart."""

from __future__ import annotations

import pygame
import pytest

from game.report import TurnRow
from game.settings import TEXT_SIZES
from game.ui import text
from game.ui.chart import GAP, LEGEND, legend_layout, render_chart
from game.ui.theme import PALETTES, TEXT_SCALES, Fonts


def _row(date: str, rung: int, risk: float, history_rung: int | None, history_risk: float | None) -> TurnRow:
    return TurnRow(0, date, date, rung, risk, history_rung, history_risk, {}, {}, [])


WIDTHS = (640, 964, 1220, 1860, 3780)  # the debrief's chart from 1024×640 to 3840×2160, and narrower


@pytest.mark.parametrize("scale", TEXT_SIZES)
def test_legend_entries_have_clear_gaps_and_stay_on_the_chart(scale):
    pygame.font.init()
    fonts = Fonts(TEXT_SCALES[scale])
    for width in WIDTHS:
        placed = legend_layout(fonts, width)
        assert [(kind, words) for kind, words, _, _ in placed] == [(kind, words) for kind, words, _ in LEGEND]
        for _, words, _, box in placed:
            assert pygame.Rect(0, 0, width, 200).contains(box), (width, words, box)
        for (_, a, _, one), (_, b, _, two) in zip(placed, placed[1:], strict=False):
            same_line = one.top == two.top
            assert (two.left - one.right >= GAP) if same_line else (two.top >= one.bottom), (scale, width, a, b)
    assert len({box.top for *_, box in legend_layout(fonts, WIDTHS[-1])}) == 1  # a wide chart: one line


@pytest.mark.parametrize("scale", ["small", "extra large"])
def test_the_chart_draws_every_legend_entry_and_the_dates_apart(scale):
    pygame.font.init()
    fonts = Fonts(TEXT_SCALES[scale])
    drawn: list[str] = []
    stop = text.listen(drawn.append)
    try:
        labels = [f"10-{day}" for day in range(16, 29)]
        rows = [_row(f"1962-{label}", 1, 0.1, 2, 0.2) for label in labels]
        render_chart(rows, (964, 420), PALETTES["standard"], fonts)
    finally:
        stop()
    assert all(words in drawn for _, words, _ in LEGEND)
    dates = [words for words in drawn if words in labels]
    assert dates and dates[0] == labels[0]
    small = fonts.get("ui", 12)
    step = (964 - 112) / len(labels) * (labels.index(dates[1]) if len(dates) > 1 else len(labels))
    assert step >= small.size(labels[0])[0] + 10  # the dates shown stand apart


def test_the_crisis_as_it_happened_is_drawn_over_this_game_and_left_out_where_the_record_ends():
    """The dashes and ticks of 1962 go over the game's own line and bars (a game that kept to history once hid
    them), and a turn past the record's end draws nothing of history rather than a fall to zero."""
    pygame.font.init()
    fonts, palette = Fonts(), PALETTES["standard"]
    same = [_row(f"1962-10-{d}", 5, 0.3, 5, 0.3) for d in range(16, 22)]
    apart = [_row(f"1962-10-{d}", 5, 0.3, None, None) for d in range(16, 22)]
    drawn_same = pygame.surfarray.array3d(render_chart(same, (900, 400), palette, fonts))
    drawn_apart = pygame.surfarray.array3d(render_chart(apart, (900, 400), palette, fonts))
    differs = (drawn_same != drawn_apart).any(axis=2)
    assert differs.sum() > 200, "history's marks should show over a game that followed it"
    without = [_row(f"1962-10-{d}", 5, 0.3, None, None) for d in range(16, 22)]
    lower = [_row(f"1962-10-{d}", 5, 0.3, 0, 0.0) for d in range(16, 22)]
    assert (
        pygame.surfarray.array3d(render_chart(without, (900, 400), palette, fonts))
        != pygame.surfarray.array3d(render_chart(lower, (900, 400), palette, fonts))
    ).any()
