"""The debrief's chart drawn off-screen as PNG bytes, for the exported page (no window is needed)."""

from __future__ import annotations

import os
from typing import Any

import pygame

from game.report import Debrief
from game.ui.chart import png_bytes, render_chart
from game.ui.theme import STANDARD, Fonts


def chart_png(report: Debrief, palette: Any = None, fonts: Any = None, size: tuple[int, int] = (960, 360)) -> bytes:
    """The chart as PNG bytes, in the window's palette and fonts when it gives them."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.font.init()
    surface = render_chart(report.rows, size, palette or STANDARD, fonts or Fonts())
    return png_bytes(surface)
