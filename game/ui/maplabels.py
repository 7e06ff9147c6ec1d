"""Greedy label placement for the map: no label is drawn over another.

Labels are placed most important first. Each tries a few spots around its glyph (the preferred side first);
a spot is taken only if it stays on the map and clears every label already placed, and it should clear the
glyphs too. A label with no such spot is tried in its shorter forms (the tag line dropped, the name cut to its
distance), and dropped last of all: its glyph still answers the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pygame

from game.ui import text
from game.ui.mapgeo import Projection, RouteScale, Target
from game.ui.theme import Color, Fonts, Palette

Line = tuple[pygame.font.Font, str, Color]

# Where a label goes beside a box: the label's anchor, and the point of the box (with a gap) it is put at.
SPOTS: dict[str, tuple[str, str, tuple[int, int]]] = {
    "right": ("midleft", "midright", (2, 0)),
    "left": ("midright", "midleft", (-2, 0)),
    "above": ("midbottom", "midtop", (0, -1)),
    "below": ("midtop", "midbottom", (0, 1)),
    "above-right": ("bottomleft", "topright", (0, 0)),
    "below-right": ("topleft", "bottomright", (0, 0)),
    "above-left": ("bottomright", "topleft", (0, 0)),
    "below-left": ("topright", "bottomleft", (0, 0)),
}


def _area(a: pygame.Rect, b: pygame.Rect) -> int:
    c = a.clip(b)
    return c.w * c.h


class Placer:
    """The labels and glyphs already on the map, and where the next label may go."""

    def __init__(self, bounds: pygame.Rect) -> None:
        self.bounds = pygame.Rect(bounds)
        self.labels: list[tuple[str, pygame.Rect]] = []  # every label drawn, with its first line
        self.glyphs: list[pygame.Rect] = []

    def fixed(self, words: str, rect: pygame.Rect) -> bool:
        """Take ``rect`` for a label that can only go there (a degree mark); False if it would collide."""
        if not self.bounds.contains(rect) or self._clashes(rect):
            return False
        self.labels.append((words, pygame.Rect(rect)))
        return True

    def spot(
        self,
        box: pygame.Rect,
        sizes: Sequence[tuple[int, int]],
        first: str = "right",
        sides: Sequence[str] = tuple(SPOTS),
    ) -> tuple[int, pygame.Rect] | None:
        """The first form (index into ``sizes``, longest first) and rect that fit beside ``box``; None: drop it.

        Every form is tried clear of glyphs before any is allowed to cover one, so shortening comes before
        hiding a ship; no form is ever allowed over another label.
        """
        order = [first] + [s for s in sides if s != first]
        for strict in (True, False):
            for form, (w, h) in enumerate(sizes):
                best: tuple[int, pygame.Rect] | None = None
                for side in order:
                    rect = self._at(box, (w, h), side)
                    if not self.bounds.contains(rect) or self._clashes(rect):
                        continue
                    cover = sum(_area(rect, g) for g in self.glyphs)
                    if cover == 0:
                        return form, rect
                    if not strict and (best is None or cover < best[0]):
                        best = (cover, rect)
                if best is not None:
                    return form, best[1]
        return None

    def place(
        self,
        surface: pygame.Surface,
        box: pygame.Rect,
        forms: Sequence[Sequence[Line]],
        first: str = "right",
        halo: Color | None = None,
    ) -> pygame.Rect | None:
        """Draw the first of ``forms`` (each a list of lines) that fits beside ``box``; returns its rect or None."""
        rendered = [[text.render(font, words, colour) for font, words, colour in lines] for lines in forms]
        sizes = [(max(s.get_width() for s in lines), sum(s.get_height() for s in lines)) for lines in rendered]
        found = self.spot(box, sizes, first)
        if found is None:
            return None
        form, rect = found
        if halo is not None:
            # A faint plate under the label keeps it readable over coast and grid lines.
            plate = pygame.Surface(rect.inflate(4, 0).size, pygame.SRCALPHA)
            plate.fill((*halo, 150))
            surface.blit(plate, rect.inflate(4, 0))
        y = rect.top
        for s in rendered[form]:
            surface.blit(s, (rect.left, y))
            y += s.get_height()
        self.labels.append((forms[form][0][1], rect))
        return rect

    def _clashes(self, rect: pygame.Rect) -> bool:
        return rect.collidelist([r for _, r in self.labels]) >= 0

    @staticmethod
    def _at(box: pygame.Rect, size: tuple[int, int], side: str) -> pygame.Rect:
        anchor, point, (dx, dy) = SPOTS[side]
        x, y = getattr(box, point)
        rect = pygame.Rect((0, 0), size)
        setattr(rect, anchor, (x + dx, y + dy))
        return rect


@dataclass
class Pending:
    """A label waiting its turn: drawn after every glyph is down, the lowest ``rank`` first."""

    rank: float
    box: pygame.Rect
    forms: list[list[Line]]
    target: Target | None = None
    first: str = "right"


@dataclass
class Layer:
    """What the drawers of ships, submarines and sites share for one frame."""

    surface: pygame.Surface
    proj: Projection
    palette: Palette
    fonts: Fonts
    scale: RouteScale
    placer: Placer
    targets: list[Target] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)

    def glyph(self, rect: pygame.Rect) -> None:
        """Keep labels off a glyph drawn at ``rect``."""
        self.placer.glyphs.append(pygame.Rect(rect))

    def label(self, pending: Pending) -> None:
        self.pending.append(pending)

    def place_labels(self) -> None:
        """Every pending label, most important first; a target whose label was dropped keeps only its glyph."""
        for p in sorted(self.pending, key=lambda p: p.rank):
            rect = self.placer.place(self.surface, p.box, p.forms, p.first, halo=self.palette.sea)
            if p.target is not None:
                p.target.label = rect
        self.pending.clear()
