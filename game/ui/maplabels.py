"""Greedy label placement for the map: no label is drawn over another.

Labels are placed most important first. Each tries every spot around its glyph (right, left, above, below and the
four corners, each at a few distances), and takes the cheapest that stays on the map and clears every label and
glyph already placed: its preferred side first, near its glyph rather than far, over sea rather than land (a
town's name over Cuba hides the coast it names). A label pushed well away from its glyph is tied to it by a
leader line (one that crosses no other label or glyph). Only a label with no such spot is tried in its shorter
forms (the tag line dropped, a smaller font), and it is dropped last of all: its glyph still answers the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pygame

from game.ui import text
from game.ui.mapgeo import Projection, RouteScale, Target
from game.ui.theme import Color, Fonts, Palette

Line = tuple[pygame.font.Font, str, Color]

# Where a label goes beside a box: the label's anchor, the point of the box it is put at, and the way it moves
# when pushed farther out (the first step of which is the gap).
SPOTS: dict[str, tuple[str, str, tuple[int, int]]] = {
    "right": ("midleft", "midright", (2, 0)),
    "left": ("midright", "midleft", (-2, 0)),
    "above": ("midbottom", "midtop", (0, -1)),
    "below": ("midtop", "midbottom", (0, 1)),
    "above-right": ("bottomleft", "topright", (1, -1)),
    "below-right": ("topleft", "bottomright", (1, 1)),
    "above-left": ("bottomright", "topleft", (-1, -1)),
    "below-left": ("topright", "bottomleft", (-1, 1)),
}
PUSHES = (0, 4, 10, 22, 36, 54)  # pixels farther out a label may go when its own spot is taken
LEADER_PUSH = 22  # from this far out a label is tied to its glyph by a leader line, so that it is not misread
# What a spot costs: each side later in the order of preference, each pixel pushed out, a leader line, the share
# of the label over land (all of it: 16).
SIDE_COST, PUSH_COST, LEADER_COST, LAND_COST = 5, 3, 60, 16


def _area(a: pygame.Rect, b: pygame.Rect) -> int:
    c = a.clip(b)
    return c.w * c.h


def _nearest(rect: pygame.Rect, point: tuple[int, int]) -> tuple[int, int]:
    """The point of ``rect`` nearest ``point``."""
    return (max(rect.left, min(point[0], rect.right - 1)), max(rect.top, min(point[1], rect.bottom - 1)))


def _cross(a: tuple[int, int], b: tuple[int, int], c: tuple[int, int], d: tuple[int, int]) -> bool:
    """Whether segments ab and cd cross (touching at an end does not count)."""

    def side(p: tuple[int, int], q: tuple[int, int], r: tuple[int, int]) -> int:
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 0) - (v < 0)

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _gap(a: pygame.Rect, b: pygame.Rect) -> int:
    """How far apart two rects are (0 when they touch or overlap), the larger of the two axes."""
    return max(a.left - b.right, b.left - a.right, a.top - b.bottom, b.top - a.bottom, 0)


class Placer:
    """The labels and glyphs already on the map, and where the next label may go.

    ``land`` is a mask of the map's land pixels whose top-left sits at ``origin`` in the placer's coordinates.
    """

    def __init__(
        self, bounds: pygame.Rect, land: pygame.mask.Mask | None = None, origin: tuple[int, int] = (0, 0)
    ) -> None:
        self.bounds = pygame.Rect(bounds)
        self.labels: list[tuple[str, pygame.Rect]] = []  # every label drawn, with its first line
        self.glyphs: list[pygame.Rect] = []
        self.land, self.origin = land, origin
        self.leaders: list[tuple[tuple[int, int], tuple[int, int]]] = []  # the leader lines drawn, end to end
        self._full: dict[tuple[int, int], pygame.mask.Mask] = {}

    def fixed(self, words: str, rect: pygame.Rect) -> bool:
        """Take ``rect`` for a label that can only go there (a degree mark); False if it would collide."""
        if not self.bounds.contains(rect) or self._clashes(rect):
            return False
        self.labels.append((words, pygame.Rect(rect)))
        return True

    def free(self, rect: pygame.Rect) -> bool:
        """Whether ``rect`` is on the map and clear of every label and glyph."""
        return self.bounds.contains(rect) and not self._clashes(rect) and rect.collidelist(self.glyphs) < 0

    def spot(
        self,
        box: pygame.Rect,
        sizes: Sequence[tuple[int, int]],
        first: str = "right",
        sides: Sequence[str] = tuple(SPOTS),
    ) -> tuple[int, pygame.Rect] | None:
        """The first form (index into ``sizes``, longest first) and its cheapest rect beside ``box``; None: drop it.

        No form is ever allowed over another label or over a glyph: a shorter form comes before hiding a ship;
        only when no form fits may a leader line cross another.
        """
        order = [first] + [s for s in sides if s != first]
        tries = [(form, size, strict) for strict in (True, False) for form, size in enumerate(sizes)]
        for form, size, strict in tries:
            best: tuple[float, pygame.Rect] | None = None
            for rank, side in enumerate(order):
                for push in PUSHES:
                    rect = self._at(box, size, side, push)
                    if not self.free(rect) or (push >= LEADER_PUSH and self._leader_crosses(box, rect, strict)):
                        continue
                    cost = rank * SIDE_COST + push * PUSH_COST + self.land_share(rect) * LAND_COST
                    cost += LEADER_COST if push >= LEADER_PUSH else 0
                    if best is None or cost < best[0]:
                        best = (cost, rect)
            if best is not None:
                return form, best[1]
        return None

    def land_share(self, rect: pygame.Rect) -> float:
        """The share of ``rect`` over land (0 without a land mask)."""
        if self.land is None or rect.w <= 0 or rect.h <= 0:
            return 0.0
        full = self._full.get(rect.size)
        if full is None:
            full = self._full[rect.size] = pygame.mask.Mask(rect.size, fill=True)
        over = self.land.overlap_area(full, (rect.x - self.origin[0], rect.y - self.origin[1]))
        return over / (rect.w * rect.h)

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
        if _gap(box, rect) >= LEADER_PUSH:
            ends = _nearest(rect, box.center), _nearest(box, rect.center)
            pygame.draw.aaline(surface, forms[form][0][2], *ends)
            self.leaders.append(ends)
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

    def _leader_crosses(self, box: pygame.Rect, rect: pygame.Rect, strict: bool = True) -> bool:
        """Whether the leader from ``box`` to a label at ``rect`` would cross a label or a glyph on its way (or,
        when ``strict``, another leader: allowed only when every form has been tried without)."""
        a, b = _nearest(rect, box.center), _nearest(box, rect.center)
        if strict and any(_cross(a, b, c, d) for c, d in self.leaders):
            return True
        return any(r.clipline(a, b) for r in [r for _, r in self.labels] + [g for g in self.glyphs if g != box])

    def _clashes(self, rect: pygame.Rect) -> bool:
        return rect.collidelist([r for _, r in self.labels]) >= 0

    @staticmethod
    def _at(box: pygame.Rect, size: tuple[int, int], side: str, push: int = 0) -> pygame.Rect:
        anchor, point, (dx, dy) = SPOTS[side]
        x, y = getattr(box, point)
        ux, uy = (dx > 0) - (dx < 0), (dy > 0) - (dy < 0)
        rect = pygame.Rect((0, 0), size)
        setattr(rect, anchor, (x + dx + ux * push, y + dy + uy * push))
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
