"""The map table: Cuba, the approaches, the quarantine line, the Soviet ships and submarines, the missile sites.

Two layers, because they change at very different rates:

* The base layer (``mapbase``: sea, land, coasts, graticule, fixed place names, and the quarantine line)
  changes only with the window's size, the palette, the text scale and the state of the quarantine, so it is
  rendered once for each and blitted every frame.
* The dynamic layer (``mapships``, ``mapsites``: ships, submarines, sites and their labels) is drawn every
  frame on top, since ships move during the between-turn animation. Every glyph is drawn before any label,
  and the labels are then placed most important first (``maplabels``), so no label covers another.

Every colour that carries meaning is doubled by a shape or a word. All text goes through ``game.ui.text`` so
that the tests can see what was drawn; ``labels`` lists every label rect of the last frame, for the same reason.
"""

from __future__ import annotations

import math
from typing import Any

import pygame

from game.engine.view import PlayerView
from game.rules_of_play import line_drawn
from game.ui import mapinset, mapships, mapsites
from game.ui.mapbase import Static, degree_marks, queue_places, render_line, render_static
from game.ui.mapgeo import Projection, RouteScale, Target
from game.ui.maplabels import Layer, Placer
from game.ui.theme import Fonts, Palette

LABEL_CAPS = ((300, 1.0), (420, 1.2))  # below this many pixels of map height, labels at most this text scale


class MapView:
    """Draws the map into a rect and answers what is under the mouse. One per screen; cheap to keep."""

    def __init__(self, palette: Palette, fonts: Fonts) -> None:
        self.palette = palette
        self.fonts = fonts
        self._static: Static | None = None
        self._static_key: tuple[object, ...] | None = None
        self._base: tuple[pygame.Surface, Placer] | None = None
        self._base_key: tuple[object, ...] | None = None
        self._scales: dict[tuple[int, ...], RouteScale] = {}
        self._proj: Projection | None = None
        self._targets: list[Target] = []
        self._small: Fonts | None = None  # the capped label fonts of a small map
        self._memo: dict[str, Any] = {}  # the label placement of the last frame (see Layer.place_labels)
        self.labels: list[tuple[str, pygame.Rect]] = []  # every label drawn last frame (first line, screen rect)
        self.ship_positions: dict[str, tuple[float, float]] = {}
        self.sub_positions: dict[str, tuple[float, float]] = {}
        self.site_positions: dict[str, tuple[float, float]] = {}

    def set_style(self, palette: Palette, fonts: Fonts) -> None:
        """A new palette or text size: the cached layers were drawn in the old one, so they go."""
        self.palette = palette
        self.fonts = fonts
        self._static = self._base = None
        self._static_key = self._base_key = None

    def label_fonts(self, proj: Projection) -> Fonts:
        """The fonts of the map's labels: the text size chosen, but no larger than the map can hold. A map under
        ``SMALL_MAP`` pixels high (the turn screen at 1024×640) cannot place a dozen names at extra-large size
        without dropping some or setting them far from what they name; its tooltips keep the size chosen."""
        cap = next((scale for height, scale in LABEL_CAPS if proj.rect.h < height), self.fonts.scale)
        scale = min(self.fonts.scale, cap)
        if scale == self.fonts.scale:
            return self.fonts
        if self._small is None or self._small.scale != scale:
            self._small = Fonts(scale)
        return self._small

    @property
    def map_rect(self) -> pygame.Rect | None:
        """Where the map itself was drawn last time (inside the rect given, letterboxed)."""
        return self._proj.rect.copy() if self._proj else None

    def project(self, lon: float, lat: float) -> tuple[int, int]:
        """Screen pixel of (lon, lat) as of the last draw."""
        if self._proj is None:
            raise RuntimeError("MapView.project before the first draw")
        x, y = self._proj(lon, lat)
        return int(round(x)), int(round(y))

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        view: PlayerView,
        previous: PlayerView | None = None,
        progress: float = 1.0,
    ) -> None:
        """Draw the map for ``view`` (a PlayerView) into ``rect``.

        With ``previous`` (the view before the turn resolved), ships are drawn ``progress`` (0→1) of the way
        from where they were to where they are now, for the between-turn animation.
        """
        proj = self._proj = Projection(pygame.Rect(rect))
        self._targets, self.labels = [], []
        self.ship_positions, self.sub_positions, self.site_positions = {}, {}, {}
        surface.fill(self.palette.bg, rect)
        if proj.rect.w < 8 or proj.rect.h < 8:
            return
        base, base_placer = self._base_layer(proj, view.quarantine, view.line_nm)
        surface.blit(base, proj.rect)
        static = self._static
        assert static is not None  # drawn by _base_layer
        ox, oy = proj.rect.topleft
        placer = Placer(proj.rect, static.land, (ox, oy))
        placer.labels = [(words, r.move(ox, oy)) for words, r in base_placer.labels]
        placer.glyphs = [r.move(ox, oy) for r in base_placer.glyphs]
        layer = Layer(surface, proj, self.palette, self.label_fonts(proj), self._scale(proj), placer, memo=self._memo)
        clip = surface.get_clip()
        surface.set_clip(proj.rect.clip(clip) if clip else proj.rect)
        try:
            mapsites.draw_sites(layer, view, self.site_positions)
            progress = max(0.0, min(1.0, progress))
            plan, listed = self._inset(layer, view, previous, progress)
            hidden = plan[3] if plan else None
            far = mapships.draw_subs(layer, view, self.sub_positions, hidden, listed)
            far += mapships.draw_ships(layer, view, previous, progress, self.ship_positions, hidden, listed)
            mapinset.draw_inset(layer, far, plan, self.ship_positions, self.sub_positions)
            queue_places(layer, static.places, (ox, oy))
            layer.place_labels()
            degree_marks(layer)
            pygame.draw.rect(surface, self.palette.panel_edge, proj.rect, 1)
        finally:
            surface.set_clip(clip)
        self._targets = layer.targets
        self.labels = placer.labels

    @staticmethod
    def _inset(
        layer: Layer, view: PlayerView, previous: PlayerView | None, progress: float
    ) -> tuple[mapinset.Plan | None, set[str]]:
        """The inset's layout, and the ships and submarines it lists: those beyond the map's edge and those
        under it. Listing more may make it taller or move it, so it is worked out again until it holds steady
        (a ship once listed stays listed, so this ends within a few rounds)."""
        listed: set[str] = set()
        plan: mapinset.Plan | None = None
        for _ in range(6):
            hidden = plan[3] if plan else None
            far = mapships.draw_subs(layer, view, {}, hidden, listed, dry=True)
            far += mapships.draw_ships(layer, view, previous, progress, {}, hidden, listed, dry=True)
            again = mapinset.layout(layer, far)
            ids = {m.id for m in far}
            settled = ids == listed and (again[3] if again else None) == hidden
            plan, listed = again, listed | ids
            if settled:
                break
        if plan is not None:  # a ship listed under an earlier place of the inset goes back on the map if it can
            far = mapships.draw_subs(layer, view, {}, plan[3], dry=True)
            far += mapships.draw_ships(layer, view, previous, progress, {}, plan[3], dry=True)
            fewer = mapinset.layout(layer, far)
            if fewer is not None and fewer[3] == plan[3]:
                return fewer, {m.id for m in far}
        return plan, listed

    def draw_backdrop(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Only the map table (sea, land, coasts): the backdrop of the title screen."""
        proj = Projection(pygame.Rect(rect))
        if proj.rect.w >= 8 and proj.rect.h >= 8:
            surface.blit(self._base_layer(proj, "none", 800)[0], proj.rect)

    def hit(self, pos: tuple[int, int]) -> str | None:
        """A one-line description of what is under ``pos`` (as drawn last time), for a tooltip; None if nothing.

        Glyphs win over labels, and the nearest glyph wins; sites, ships and submarines win over place names.
        """
        px, py = pos
        best: tuple[float, int, str] | None = None
        for t in self._targets:
            d = math.hypot(t.x - px, t.y - py)
            if d <= t.radius and (best is None or (t.rank, d) < (best[1], best[0])):
                best = (d, t.rank, t.desc)
        if best is not None:
            return best[2]
        for t in sorted(self._targets, key=lambda t: t.rank):
            if t.label is not None and t.label.collidepoint(px, py):
                return t.desc
        return None

    def _scale(self, proj: Projection) -> RouteScale:
        """How far out the lanes stay on this map (found by bisection, so kept per size)."""
        key = tuple(proj.rect)
        if key not in self._scales:
            self._scales[key] = RouteScale(proj)
        return self._scales[key]

    def _base_layer(self, proj: Projection, quarantine: str, line_nm: int) -> tuple[pygame.Surface, Placer]:
        """The static layer plus the quarantine line, cached per quarantine state; with the Placer holding the
        line's label and the places' dots (map-local)."""
        static_key = (proj.rect.size, self.palette, self.label_fonts(proj).scale)
        if self._static is None or self._static_key != static_key:
            self._static = render_static(proj, self.palette, self.label_fonts(proj))
            self._static_key = static_key
            self._base_key = None
        show = line_drawn(quarantine)
        key = (static_key, quarantine if show else "none", line_nm if show else 0)
        if self._base is None or self._base_key != key:
            static = self._static
            surf, placer = static.surface.copy(), Placer(static.surface.get_rect(), static.land)
            placer.glyphs = [dot.copy() for _, _, dot in static.places]
            if show:
                render_line(surf, proj, self.palette, self.label_fonts(proj), placer, quarantine, line_nm)
            self._base, self._base_key = (surf, placer), key
        return self._base
