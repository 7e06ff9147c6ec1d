"""The debrief's chart: the ladder and the risk, turn by turn, with the historical path beside them.

Drawn on a plain Surface, so that the window can show it and the report can save it as a PNG without
a display.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pygame

from game.ui import text

LEGEND = (
    ("line", "Ladder (left scale): this game", "accent"),
    ("dashes", "Ladder: the crisis as it happened", "dim"),
    ("bar", "Bars: risk of an incident (right scale)", "warn"),
)
SAMPLE = 26  # the width of an entry's sample of line, dashes or bar
GAP = 28  # between legend entries: wide enough that no two read as one


def legend_layout(fonts: Any, width: int) -> list[tuple[str, str, str, pygame.Rect]]:
    """Each legend entry (its sample's kind, its words, its colour's name, the box it takes, sample and words),
    flowed from left to right onto as many lines as ``width`` needs, with a clear gap between entries."""
    bold = fonts.get("ui_bold", 13)
    line_h = bold.get_linesize() + 4
    placed: list[tuple[str, str, str, pygame.Rect]] = []
    x, y = 12, 8
    for kind, words, colour in LEGEND:
        box = pygame.Rect(x, y, SAMPLE + 6 + bold.size(words)[0], line_h)
        if placed and box.right > width - 12:
            x, y = 12, y + line_h
            box.topleft = (x, y)
        placed.append((kind, words, colour, box))
        x = box.right + GAP
    return placed


def render_chart(
    labels: Sequence[str],
    rungs: Sequence[int],
    risks: Sequence[float],
    history_rungs: Sequence[int],
    history_risks: Sequence[float],
    size: tuple[int, int],
    palette: Any,
    fonts: Any,
) -> pygame.Surface:
    """Bars of the risk and a line of the ladder for the game; a dashed line of the ladder as it was in 1962.
    The legend and the labels take the room their text size needs, so the plot is what is left."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(palette.panel)
    small = fonts.get("ui", 12)
    legend = legend_layout(fonts, w)
    draw_legend(surf, fonts, palette, legend)
    foot = small.get_linesize()
    left, right, top, bottom = 56, w - 56, legend[-1][3].bottom + foot // 2 + 6, h - 2 * foot - 20
    plot = pygame.Rect(left, top, right - left, bottom - top)
    pygame.draw.rect(surf, palette.bg, plot)
    n = max(len(labels), 1)
    step = plot.width / n

    def x(i: int) -> int:
        return int(plot.left + step * (i + 0.5))

    def y_rung(r: float) -> int:
        return int(plot.bottom - plot.height * r / 10)

    for r in range(0, 11, 2):
        pygame.draw.line(surf, palette.grid, (plot.left, y_rung(r)), (plot.right, y_rung(r)))
        text.draw(surf, small, str(r), palette.dim, (plot.left - 8, y_rung(r)), "midright")
        text.draw(surf, small, f"{r * 10}%", palette.dim, (plot.right + 8, y_rung(r)), "midleft")
    for i, p in enumerate(risks):
        bar = pygame.Rect(0, 0, max(3, int(step * 0.5)), int(plot.height * min(1.0, p)))
        bar.midbottom = (x(i), plot.bottom)
        pygame.draw.rect(surf, palette.warn, bar)
    every = max(1, -(-(max((small.size(label)[0] for label in labels), default=0) + 10) // max(1, int(step))))
    for i, label in enumerate(labels):
        if i % every == 0:  # as many dates as fit apart
            text.draw(surf, small, label, palette.dim, (x(i), plot.bottom + 6), "midtop")
    for a, b in zip(range(len(history_rungs)), range(1, len(history_rungs)), strict=False):
        _dashed(surf, palette.dim, (x(a), y_rung(history_rungs[a])), (x(b), y_rung(history_rungs[b])))
    points = [(x(i), y_rung(r)) for i, r in enumerate(rungs)]
    if len(points) > 1:
        pygame.draw.lines(surf, palette.accent, False, points, 3)
    for i, (px, py) in enumerate(points):
        pygame.draw.circle(surf, palette.ladder[rungs[i]], (px, py), 5)
        pygame.draw.circle(surf, palette.text, (px, py), 5, 1)
    text.draw(surf, small, "turns, from the first to the last", palette.dim, (w // 2, h - foot - 6), "midtop")
    return surf


def draw_legend(
    surf: pygame.Surface, fonts: Any, palette: Any, legend: list[tuple[str, str, str, pygame.Rect]]
) -> None:
    """Each entry as a sample of what it names (solid line, dashes, bar) and its words beside it."""
    bold = fonts.get("ui_bold", 13)
    for kind, words, name, box in legend:
        colour = getattr(palette, name)
        mid = box.centery
        if kind == "line":
            pygame.draw.line(surf, colour, (box.left, mid), (box.left + SAMPLE, mid), 3)
        elif kind == "dashes":  # three dashes long enough to read as dashes, not dots
            for x in range(box.left, box.left + SAMPLE, 10):
                pygame.draw.line(surf, colour, (x, mid), (x + 6, mid), 2)
        else:
            pygame.draw.rect(surf, colour, (box.left + SAMPLE // 2 - 5, box.top + 2, 10, box.height - 4))
        text.draw(surf, bold, words, colour, (box.left + SAMPLE + 6, mid), "midleft")


def _dashed(surf: pygame.Surface, colour: Any, pa: tuple[int, int], pb: tuple[int, int]) -> None:
    """A line in five dashes: the crisis as it happened, set apart from this game's solid line."""
    for k in range(0, 10, 2):
        t0, t1 = k / 10, (k + 1) / 10
        start = (pa[0] + (pb[0] - pa[0]) * t0, pa[1] + (pb[1] - pa[1]) * t0)
        pygame.draw.line(surf, colour, start, (pa[0] + (pb[0] - pa[0]) * t1, pa[1] + (pb[1] - pa[1]) * t1), 2)


def png_bytes(surface: pygame.Surface) -> bytes:
    """The surface as a PNG file's bytes (for the self-contained HTML report)."""
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "chart.png")
    return buffer.getvalue()
