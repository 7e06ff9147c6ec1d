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
    """Bars of the risk and a line of the ladder for the game; a dashed line of the ladder as it was in 1962."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(palette.panel)
    small = fonts.get("ui", 12)
    left, right, top, bottom = 56, w - 56, 34, h - 58
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
    for i, label in enumerate(labels):
        if n <= 12 or i % 2 == 0:
            text.draw(surf, small, label, palette.dim, (x(i), plot.bottom + 6), "midtop")
    for a, b in zip(range(len(history_rungs)), range(1, len(history_rungs)), strict=False):
        _dashed(surf, palette.dim, (x(a), y_rung(history_rungs[a])), (x(b), y_rung(history_rungs[b])))
    points = [(x(i), y_rung(r)) for i, r in enumerate(rungs)]
    if len(points) > 1:
        pygame.draw.lines(surf, palette.accent, False, points, 3)
    for i, (px, py) in enumerate(points):
        pygame.draw.circle(surf, palette.ladder[rungs[i]], (px, py), 5)
        pygame.draw.circle(surf, palette.text, (px, py), 5, 1)
    bold = fonts.get("ui_bold", 13)
    text.draw(surf, bold, "Ladder (left scale): this game", palette.accent, (left, 8))
    text.draw(surf, bold, "- - - the crisis as it happened", palette.dim, (left + 240, 8))
    text.draw(surf, bold, "Bars: risk of an incident (right scale)", palette.warn, (right, 8), "topright")
    text.draw(surf, small, "turns, from the first to the last", palette.dim, (w // 2, h - 18), "midtop")
    return surf


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
