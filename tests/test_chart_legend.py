"""The debrief's day-by-day chart: its legend's entries stand apart at every width and text size (they once
ran into one another: "this game- - the crisis"), and none leaves the chart."""

from __future__ import annotations

import pygame
import pytest

from game.settings import TEXT_SIZES
from game.ui import text
from game.ui.chart import GAP, LEGEND, legend_layout, render_chart
from game.ui.theme import PALETTES, TEXT_SCALES, Fonts

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
        render_chart(labels, [1] * 13, [0.1] * 13, [2] * 13, [0.2] * 13, (964, 420), PALETTES["standard"], fonts)
    finally:
        stop()
    assert all(words in drawn for _, words, _ in LEGEND)
    dates = [words for words in drawn if words in labels]
    assert dates and dates[0] == labels[0]
    small = fonts.get("ui", 12)
    step = (964 - 112) / len(labels) * (labels.index(dates[1]) if len(dates) > 1 else len(labels))
    assert step >= small.size(labels[0])[0] + 10  # the dates shown stand apart
