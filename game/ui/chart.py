"""The debrief's chart: the ladder and the risk, turn by turn, with the historical path beside them.

Drawn on a plain Surface, so that the window can show it and the report can save it as a PNG without
a display.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

import pygame

from game.report import TurnRow
from game.ui import text

LEGEND = (
    ("line", "Ladder (left scale): this game", "accent"),
    ("dashes", "Ladder: the crisis as it happened", "dim"),
    ("bar", "Bars: risk of an incident (right scale)", "warn"),
    ("tick", "Ticks: the risk as it happened", "text"),
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


def render_chart(rows: Sequence[TurnRow], size: tuple[int, int], palette: Any, fonts: Any) -> pygame.Surface:
    """Bars of the risk and a line of the ladder for the game; over them, dashes of the ladder and ticks of
    the risk as they were in 1962 (drawn last, so they show where the game kept to history). The legend and
    the labels take the room their text size needs, so the plot is what is left."""
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
    step = plot.width / max(len(rows), 1)

    def x(i: int) -> int:
        return int(plot.left + step * (i + 0.5))

    def y_rung(r: float) -> int:
        return int(plot.bottom - plot.height * r / 10)

    def y_risk(p: float) -> int:
        return int(plot.bottom - plot.height * min(1.0, p))

    for r in range(0, 11, 2):
        pygame.draw.line(surf, palette.grid, (plot.left, y_rung(r)), (plot.right, y_rung(r)))
        text.draw(surf, small, str(r), palette.dim, (plot.left - 8, y_rung(r)), "midright")
        text.draw(surf, small, f"{r * 10}%", palette.dim, (plot.right + 8, y_rung(r)), "midleft")
    half = max(2, int(step * 0.25))
    for i, row in enumerate(rows):
        pygame.draw.rect(
            surf, palette.warn, pygame.Rect(x(i) - half, y_risk(row.risk), 2 * half, plot.bottom - y_risk(row.risk))
        )
    _dates(surf, small, palette, [row.date[5:10] for row in rows], x, plot.bottom + 6, step)
    points = [(x(i), y_rung(row.rung)) for i, row in enumerate(rows)]
    if len(points) > 1:
        pygame.draw.lines(surf, palette.accent, False, points, 3)
    for (px, py), row in zip(points, rows, strict=True):
        pygame.draw.circle(surf, palette.ladder[row.rung], (px, py), 5)
        pygame.draw.circle(surf, palette.text, (px, py), 5, 1)
    _history(surf, palette, rows, x, y_rung, y_risk, half)
    text.draw(surf, small, "turns, from the first to the last", palette.dim, (w // 2, h - foot - 6), "midtop")
    return surf


def _dates(
    surf: pygame.Surface, small: Any, palette: Any, labels: list[str], x: Callable[[int], int], y: int, step: float
) -> None:
    """As many of the turns' dates as fit apart, the first always."""
    every = max(1, -(-(max((small.size(label)[0] for label in labels), default=0) + 10) // max(1, int(step))))
    for i, label in enumerate(labels):
        if i % every == 0:
            text.draw(surf, small, label, palette.dim, (x(i), y), "midtop")


def _history(
    surf: pygame.Surface,
    palette: Any,
    rows: Sequence[TurnRow],
    x: Callable[[int], int],
    y_rung: Callable[[float], int],
    y_risk: Callable[[float], int],
    half: int,
) -> None:
    """The crisis as it happened, where the record has the turn: the ladder dashed, the risk a tick across
    the bar. A turn the record does not reach is left out, not drawn at zero."""
    for i, (a, b) in enumerate(zip(rows, rows[1:], strict=False)):
        if a.history_rung is not None and b.history_rung is not None:
            _dashed(surf, palette.dim, (x(i), y_rung(a.history_rung)), (x(i + 1), y_rung(b.history_rung)))
    for i, row in enumerate(rows):
        if row.history_risk is not None:
            y = y_risk(row.history_risk)
            pygame.draw.line(surf, palette.text, (x(i) - half - 4, y), (x(i) + half + 3, y), 2)


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
        elif kind == "tick":
            pygame.draw.line(surf, colour, (box.left + 4, mid), (box.left + SAMPLE - 4, mid), 2)
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
