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
from typing import Any

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
RETRIES = 2  # how many times the labels dropped are tried again ahead of the others
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


def render_forms(forms: Sequence[Sequence[Line]]) -> list[list[pygame.Surface]]:
    return [[text.render(font, words, colour) for font, words, colour in lines] for lines in forms]


def sizes_of(rendered: list[list[pygame.Surface]]) -> list[tuple[int, int]]:
    return [(max(s.get_width() for s in lines), sum(s.get_height() for s in lines)) for lines in rendered]


def draw_label(
    surface: pygame.Surface,
    box: pygame.Rect,
    lines: list[pygame.Surface],
    rect: pygame.Rect,
    colour: Color,
    halo: Color | None,
) -> None:
    """A label's lines at ``rect``, on a faint plate, tied to ``box`` by a leader line if it is far from it."""
    if _gap(box, rect) >= LEADER_PUSH:
        pygame.draw.aaline(surface, colour, _nearest(rect, box.center), _nearest(box, rect.center))
    if halo is not None:
        # A faint plate under the label keeps it readable over coast and grid lines.
        plate = pygame.Surface(rect.inflate(4, 0).size, pygame.SRCALPHA)
        plate.fill((*halo, 150))
        surface.blit(plate, rect.inflate(4, 0))
    y = rect.top
    for s in lines:
        surface.blit(s, (rect.left, y))
        y += s.get_height()


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
        # Every spot by what it costs before the land is counted, cheapest first: once that alone is dearer than
        # the best spot found, no later spot can beat it.
        spots = sorted(
            (rank * SIDE_COST + push * PUSH_COST + (LEADER_COST if push >= LEADER_PUSH else 0), rank, side, push)
            for rank, side in enumerate(order)
            for push in PUSHES
        )
        labels = [r for _, r in self.labels]
        for strict in (True, False):
            for form, size in enumerate(sizes):
                best: tuple[float, pygame.Rect] | None = None
                for base, _rank, side, push in spots:
                    if best is not None and base >= best[0]:
                        break
                    rect = self._at(box, size, side, push)
                    if not self.bounds.contains(rect) or rect.collidelist(labels) >= 0:
                        continue
                    if rect.collidelist(self.glyphs) >= 0:
                        continue
                    if push >= LEADER_PUSH and self._leader_crosses(box, rect, strict):
                        continue
                    cost = base + self.land_share(rect) * LAND_COST
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
        rendered = render_forms(forms)
        found = self.spot(box, sizes_of(rendered), first)
        if found is None:
            return None
        form, rect = found
        self.take(forms[form][0][1], box, rect)
        draw_label(surface, box, rendered[form], rect, forms[form][0][2], halo)
        return rect

    def take(self, words: str, box: pygame.Rect, rect: pygame.Rect) -> None:
        """Keep ``rect`` for a label beside ``box``, and its leader line if it is that far out."""
        self.labels.append((words, rect))
        if _gap(box, rect) >= LEADER_PUSH:
            self.leaders.append((_nearest(rect, box.center), _nearest(box, rect.center)))

    def copy(self) -> Placer:
        """A placer holding the same labels, glyphs and leaders, for a trial placement."""
        out = Placer(self.bounds, self.land, self.origin)
        out.labels, out.glyphs, out.leaders, out._full = (
            list(self.labels),
            list(self.glyphs),
            list(self.leaders),
            self._full,
        )
        return out

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
    memo: dict[str, Any] = field(default_factory=dict)  # the last frame's placement, kept by the MapView

    def glyph(self, rect: pygame.Rect) -> None:
        """Keep labels off a glyph drawn at ``rect``."""
        self.placer.glyphs.append(pygame.Rect(rect))

    def label(self, pending: Pending) -> None:
        self.pending.append(pending)

    def place_labels(self) -> None:
        """Every pending label, most important first; a target whose label was dropped keeps only its glyph.

        Placement is greedy, so a label dropped for want of room is tried again ahead of the rest (up to
        ``RETRIES`` times), and the placement that drops the fewest is drawn. A frame that asks for the same
        labels in the same places as the last one gets the last one's placement (``memo``): only moving
        ships need it worked out again.
        """
        order = sorted(self.pending, key=lambda p: p.rank)
        rendered = [render_forms(p.forms) for p in order]
        sizes = [sizes_of(r) for r in rendered]
        key = (
            tuple((tuple(p.box), p.first, tuple(s)) for p, s in zip(order, sizes, strict=True)),
            tuple(tuple(r) for _, r in self.placer.labels),
            tuple(tuple(g) for g in self.placer.glyphs),
        )
        if self.memo.get("key") == key:
            found, labels, leaders = self.memo["plan"]
        else:
            found, labels, leaders = self._plan(order, sizes)
            self.memo.update(key=key, plan=(found, labels, leaders))
        self.placer.labels, self.placer.leaders = list(labels), list(leaders)
        for p, lines, spot in zip(order, rendered, found, strict=True):
            if spot is not None:
                form, rect = spot
                draw_label(self.surface, p.box, lines[form], rect, p.forms[form][0][2], self.palette.sea)
            if p.target is not None:
                p.target.label = spot[1] if spot is not None else None
        self.pending.clear()

    def _plan(
        self, order: list[Pending], sizes: list[list[tuple[int, int]]]
    ) -> tuple[
        list[tuple[int, pygame.Rect] | None],
        list[tuple[str, pygame.Rect]],
        list[tuple[tuple[int, int], tuple[int, int]]],
    ]:
        """Where each of ``order`` goes (form and rect, or None), and the placer's labels and leaders after."""
        best: tuple[int, list[tuple[int, pygame.Rect] | None], Placer] | None = None
        ranks = list(range(len(order)))
        for _ in range(RETRIES + 1):
            trial = self.placer.copy()
            found: list[tuple[int, pygame.Rect] | None] = [None] * len(order)
            for i in ranks:
                p = order[i]
                found[i] = spot = trial.spot(p.box, sizes[i], p.first)
                if spot is not None:
                    trial.take(p.forms[spot[0]][0][1], p.box, spot[1])
            dropped = [i for i in ranks if found[i] is None]
            if best is None or len(dropped) < best[0]:
                best = (len(dropped), found, trial)
            if not dropped:
                break
            ranks = dropped + [i for i in ranks if found[i] is not None]
        assert best is not None
        return best[1], best[2].labels, best[2].leaders
