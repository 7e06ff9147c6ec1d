"""Colours and fonts: a 1962 situation room, and a colour-blind-safe palette one setting away.

Every colour that carries meaning has a shape or a label too (the ladder has
its numbers and names, ships their names, sides their flags in words), so the
palettes only change how it looks, never what can be told apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game import resources

Color = tuple[int, int, int]
FONT_DIR = resources.FONTS
FONT_FILES = {
    "ui": "Inter-Regular.otf",
    "ui_bold": "Inter-Bold.otf",
    "type": "CourierPrime-Regular.otf",
    "type_bold": "CourierPrime-Bold.otf",
    "mono": "LiberationMono-Regular.ttf",
}
TEXT_SCALES = {"small": 0.85, "medium": 1.0, "large": 1.2, "extra large": 1.4}


@dataclass(frozen=True)
class Palette:
    name: str
    bg: Color  # the room
    panel: Color
    panel_edge: Color
    text: Color
    dim: Color
    accent: Color  # focus and highlights
    paper: Color  # dispatches
    ink: Color
    stamp: Color  # SECRET, EYES ONLY
    sea: Color
    land: Color
    coast: Color
    grid: Color
    us: Color
    ussr: Color
    danger: Color
    warn: Color
    ok: Color
    line: Color  # the quarantine line
    ladder: tuple[Color, ...]  # rung 0 to 10, cool to hot


def _ramp(stops: list[Color], n: int = 11) -> tuple[Color, ...]:
    out: list[Color] = []
    for i in range(n):
        x = i / (n - 1) * (len(stops) - 1)
        a, b = stops[int(x)], stops[min(int(x) + 1, len(stops) - 1)]
        t = x - int(x)
        r, g, bl = (int(a[k] + (b[k] - a[k]) * t) for k in range(3))
        out.append((r, g, bl))
    return tuple(out)


STANDARD = Palette(
    name="standard",
    bg=(12, 20, 34),
    panel=(20, 32, 52),
    panel_edge=(58, 78, 108),
    text=(226, 230, 236),
    dim=(142, 156, 178),
    accent=(240, 200, 96),
    paper=(238, 232, 214),
    ink=(36, 34, 30),
    stamp=(176, 32, 32),
    sea=(16, 36, 64),
    land=(52, 66, 62),
    coast=(170, 190, 196),
    grid=(34, 54, 84),
    us=(110, 160, 230),
    ussr=(230, 96, 86),
    danger=(226, 64, 52),
    warn=(236, 170, 60),
    ok=(96, 190, 120),
    line=(240, 220, 120),
    ladder=_ramp([(70, 120, 170), (90, 160, 140), (220, 190, 80), (230, 120, 50), (200, 30, 30)]),
)

# Okabe–Ito colours, which people with the common colour-vision deficiencies can tell apart.
COLOURBLIND = Palette(
    name="colour-blind safe",
    bg=(14, 18, 28),
    panel=(24, 30, 44),
    panel_edge=(86, 96, 118),
    text=(236, 236, 236),
    dim=(160, 166, 178),
    accent=(240, 228, 66),
    paper=(240, 236, 224),
    ink=(20, 20, 20),
    stamp=(213, 94, 0),
    sea=(18, 32, 52),
    land=(64, 70, 64),
    coast=(200, 200, 200),
    grid=(40, 52, 72),
    us=(86, 180, 233),
    ussr=(230, 159, 0),
    danger=(213, 94, 0),
    warn=(240, 228, 66),
    ok=(0, 158, 115),
    line=(240, 228, 66),
    ladder=_ramp([(0, 114, 178), (86, 180, 233), (0, 158, 115), (240, 228, 66), (230, 159, 0), (213, 94, 0)]),
)
PALETTES = {"standard": STANDARD, "colour-blind safe": COLOURBLIND}


class Fonts:
    """The bundled fonts, by role and size, scaled by the text-size setting; loaded once each."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._cache: dict[tuple[str, int], pygame.font.Font] = {}

    def get(self, role: str, size: int) -> pygame.font.Font:
        px = max(8, int(round(size * self.scale)))
        key = (role, px)
        font = self._cache.get(key)
        if font is None:
            font = self._cache[key] = pygame.font.Font(str(FONT_DIR / FONT_FILES[role]), px)
        return font
