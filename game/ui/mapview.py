"""The map table: Cuba, the approaches, the quarantine line, the Soviet ships and submarines, the missile sites.

Two layers, because they change at very different rates:

* The static layer (sea, land, coastlines, graticule, fixed place names) never
  changes during a game. Anti-aliased coastlines are the single most expensive
  thing to draw (``aaline`` was ~40% of a frame's draw time when measured), so
  the layer is rendered once per (map size, palette, text scale) to a Surface
  and blitted every frame. The quarantine line changes only with the state of
  the quarantine, so it is baked into a second cached copy ("base").
* The dynamic layer (ships, submarines, sites, their labels) is drawn every
  frame on top, since ships move during the between-turn animation.

Projection: equirectangular with x scaled by cos(24°), the middle latitude of
the extent, which keeps Cuba's shape close to true at this scale without any
GIS dependency; the extent is fitted into the given rect keeping that aspect
ratio (letterboxed). Distances along the approaches are great-circle distances
from one point north of central Cuba, in nautical miles (1 nm = 1/60° of
latitude): the engine measures a ship's distance "from Cuba" as one number, so
the map gives every ship a fixed bearing of its own and sets it that far out.

Every colour that carries meaning is doubled by a shape or a word: ship
statuses have markers and tags, site types have different outlines, readiness
is the fill level, struck sites a cross, submerged submarines are hollow.
All text goes through ``game.ui.text`` so that the tests can see what was drawn.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

import pygame

from game import resources
from game.ui import text
from game.ui.theme import Color, Fonts, Palette

MAP_FILE = resources.MAP_FILE

LON_MIN, LON_MAX = -92.0, -58.0
LAT_MIN, LAT_MAX = 12.0, 37.0
X_SCALE = math.cos(math.radians(24.0))  # equirectangular, true at the middle latitude
CENTRE = (-79.5, 21.8)  # where "distance from Cuba" is measured from, and the quarantine line's centre
ARC_FROM, ARC_TO = 300.0, 150.0  # the line's sea side: bearings 300° → 360° → 150°
SHIP_BEARINGS = (35.0, 75.0)  # the Atlantic approaches, from the north-east
SUB_BEARING = 60.0
FIXED_PLACES = ("Havana", "Miami", "Key West", "Guantánamo Bay")
SITE_TOWN_KINDS = ("mrbm_site", "irbm_site")
DRAWN_SHIP_STATUSES = ("sailing", "held", "halted", "returning", "disabled")
DRAWN_SUB_STATUSES = ("patrol", "escorting", "surfaced")
EDGE_MARGIN = 16  # ships beyond the map are drawn this far inside its edge
# Where each fixed label goes relative to its dot: (anchor of the label, dx, dy) in pixels, chosen to keep
# the labels over open water and off each other in crowded western Cuba.
LABEL_SPOTS: dict[str, tuple[str, int, int]] = {
    "Havana": ("midright", -6, -7),
    "Miami": ("midleft", 6, 0),
    "Key West": ("midright", -6, -2),
    "Guantánamo Bay": ("midtop", 4, 6),
}
# The side of its cluster of site glyphs where each site town's name is tried first.
TOWN_SIDES: dict[str, str] = {
    "San Cristóbal": "below-left",
    "Guanajay": "below",
    "Sagua la Grande": "above-right",
    "Remedios": "below-right",
}
SIDES = ("right", "left", "above", "below", "above-right", "below-right", "above-left", "below-left")

_map_cache: dict[str, Any] = {}
_arc_cache: dict[int, list[tuple[float, float, bool]]] = {}


# ----------------------------------------------------------------------------------------------------------------
# Data and geometry (pure functions, no pygame)


def map_data() -> dict[str, Any]:
    """The coastline file, read on first use and kept (never at import time: importing must stay cheap)."""
    if "data" not in _map_cache:
        with MAP_FILE.open(encoding="utf-8") as fh:
            data = json.load(fh)
        polys = []
        for poly in data["polygons"]:
            rings = [[(float(p[0]), float(p[1])) for p in ring] for ring in poly["rings"]]
            xs = [p[0] for p in rings[0]]
            ys = [p[1] for p in rings[0]]
            polys.append({"name": poly["name"], "iso": poly["iso_a3"], "rings": rings,
                          "bbox": (min(xs), min(ys), max(xs), max(ys))})
        data["_polys"] = polys
        data["_places"] = {p["name"]: p for p in data["places"]}
        _map_cache["data"] = data
    return _map_cache["data"]


def destination(lon: float, lat: float, bearing: float, nm: float) -> tuple[float, float]:
    """The point ``nm`` nautical miles from (lon, lat) along the great circle at ``bearing`` (degrees)."""
    d = math.radians(nm / 60.0)
    b = math.radians(bearing)
    p1 = math.radians(lat)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    dl = math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return lon + math.degrees(dl), math.degrees(p2)


def _in_ring(lon: float, lat: float, ring: Sequence[tuple[float, float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def on_land(lon: float, lat: float) -> bool:
    """Whether a point lies on land in the coastline data (holes respected)."""
    for poly in map_data()["_polys"]:
        x0, y0, x1, y1 = poly["bbox"]
        if x0 <= lon <= x1 and y0 <= lat <= y1 and _in_ring(lon, lat, poly["rings"][0]):
            return not any(_in_ring(lon, lat, hole) for hole in poly["rings"][1:])
    return False


def quarantine_arc(line_nm: int) -> list[tuple[float, float, bool]]:
    """The line as (lon, lat, over_sea) every half degree of bearing on its sea side (cached per radius)."""
    arc = _arc_cache.get(line_nm)
    if arc is None:
        arc = []
        span = (ARC_TO - ARC_FROM) % 360.0
        steps = int(span * 2)
        for i in range(steps + 1):
            lon, lat = destination(*CENTRE, (ARC_FROM + i * 0.5) % 360.0, line_nm)
            arc.append((lon, lat, not on_land(lon, lat)))
        _arc_cache[line_nm] = arc
    return arc


def ship_bearing(ship_id: str, all_ids: Iterable[str]) -> float:
    """A fixed bearing for a ship: its place among all the ships' ids, spread evenly across the approaches.

    Using the sorted ids (rather than a hash alone) keeps two ships from sharing a lane; the bearing never
    changes during a game because ships stay in the state after they arrive.
    """
    ids = sorted(set(all_ids))
    lo, hi = SHIP_BEARINGS
    if ship_id in ids:
        return lo + (hi - lo) * (ids.index(ship_id) + 0.5) / len(ids)
    return lo + (hi - lo) * (zlib.crc32(ship_id.encode()) % 1000) / 1000.0


def sub_bearing(index: int, count: int) -> float:
    """Submarines sit on the 60° bearing, fanned out a little so that two never stack."""
    return SUB_BEARING + (index - (count - 1) / 2.0) * 9.0 + 3.0


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _mix(a: Color, b: Color, t: float) -> Color:
    return (int(_lerp(a[0], b[0], t)), int(_lerp(a[1], b[1], t)), int(_lerp(a[2], b[2], t)))


def _nm(d: float) -> str:
    return f"{d:,.0f} nm"


def _overlap(a: pygame.Rect, b: pygame.Rect) -> int:
    c = a.clip(b)
    return c.w * c.h


# ----------------------------------------------------------------------------------------------------------------


class _Projection:
    """Lon/lat → pixels for one map rectangle (the letterboxed extent inside the rect given to ``draw``)."""

    def __init__(self, rect: pygame.Rect) -> None:
        world_w = (LON_MAX - LON_MIN) * X_SCALE
        world_h = LAT_MAX - LAT_MIN
        self.scale = min(rect.w / world_w, rect.h / world_h)
        w, h = int(world_w * self.scale), int(world_h * self.scale)
        self.rect = pygame.Rect(rect.x + (rect.w - w) // 2, rect.y + (rect.h - h) // 2, w, h)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.rect.x + (lon - LON_MIN) * X_SCALE * self.scale, self.rect.y + (LAT_MAX - lat) * self.scale)

    def local(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixels relative to the map's own top-left (for the cached surfaces)."""
        return ((lon - LON_MIN) * X_SCALE * self.scale, (LAT_MAX - lat) * self.scale)


class _Target:
    """Something under the mouse: a glyph (circle) and its label (rect), with its tooltip line."""

    __slots__ = ("x", "y", "radius", "label", "desc", "rank")

    def __init__(self, x: float, y: float, radius: float, desc: str, rank: int,
                 label: pygame.Rect | None = None) -> None:
        self.x, self.y, self.radius, self.desc, self.rank, self.label = x, y, radius, desc, rank, label


class MapView:
    """Draws the map into a rect and answers what is under the mouse. One per screen; cheap to keep."""

    def __init__(self, palette: Palette, fonts: Fonts) -> None:
        self.palette = palette
        self.fonts = fonts
        self._static: pygame.Surface | None = None
        self._static_key: tuple | None = None
        self._static_labels: list[pygame.Rect] = []  # map-local rects taken by the fixed labels
        self._static_targets: list[_Target] = []  # map-local
        self._base: pygame.Surface | None = None
        self._base_key: tuple | None = None
        self._base_labels: list[pygame.Rect] = []
        self._proj: _Projection | None = None
        self._targets: list[_Target] = []
        self.ship_positions: dict[str, tuple[float, float]] = {}
        self.sub_positions: dict[str, tuple[float, float]] = {}
        self.site_positions: dict[str, tuple[float, float]] = {}
        self._edges: dict[tuple, float] = {}  # (bearing, map rect) -> the farthest distance still on the map

    # ------------------------------------------------------------------------------------------------ public

    def set_style(self, palette: Palette, fonts: Fonts) -> None:
        """A new palette or text size: the cached layers were drawn in the old one, so they go."""
        self.palette = palette
        self.fonts = fonts
        self._static = self._base = None
        self._static_key = self._base_key = None

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

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, view: Any, previous: Any = None,
             progress: float = 1.0) -> None:
        """Draw the map for ``view`` (a PlayerView) into ``rect``.

        With ``previous`` (the view before the turn resolved), ships are drawn ``progress`` (0→1) of the way
        from where they were to where they are now, for the between-turn animation.
        """
        rect = pygame.Rect(rect)
        proj = _Projection(rect)
        self._proj = proj
        self._targets = []
        self.ship_positions, self.sub_positions, self.site_positions = {}, {}, {}
        pal = self.palette
        surface.fill(pal.bg, rect)
        if proj.rect.w < 8 or proj.rect.h < 8:
            return
        base = self._base_layer(proj, view.quarantine, view.line_nm)
        surface.blit(base, proj.rect)
        ox, oy = proj.rect.topleft
        taken = [r.move(ox, oy) for r in self._static_labels + self._base_labels]
        for t in self._static_targets:
            label = t.label.move(ox, oy) if t.label else None
            self._targets.append(_Target(t.x + ox, t.y + oy, t.radius, t.desc, t.rank, label))
        clip = surface.get_clip()
        surface.set_clip(proj.rect.clip(clip) if clip else proj.rect)
        try:
            self._draw_sites(surface, proj, view, taken)
            self._draw_subs(surface, proj, view, taken)
            self._draw_ships(surface, proj, view, previous, max(0.0, min(1.0, progress)), taken)
            pygame.draw.rect(surface, pal.panel_edge, proj.rect, 1)
        finally:
            surface.set_clip(clip)

    def draw_backdrop(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Only the map table (sea, land, coasts): the backdrop of the title screen."""
        proj = _Projection(pygame.Rect(rect))
        if proj.rect.w >= 8 and proj.rect.h >= 8:
            surface.blit(self._base_layer(proj, "none", 800), proj.rect)

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

    # ------------------------------------------------------------------------------------------------ layers

    def _base_layer(self, proj: _Projection, quarantine: str, line_nm: int) -> pygame.Surface:
        """The static layer plus the quarantine line, cached per quarantine state (three at most)."""
        static_key = (proj.rect.size, self.palette, self.fonts.scale)
        if self._static is None or self._static_key != static_key:
            self._static, self._static_labels, self._static_targets = self._render_static(proj)
            self._static_key = static_key
            self._base_key = None
        show = quarantine in ("proclaimed", "in_force")
        key = (static_key, quarantine if show else "none", line_nm if show else 0)
        if self._base is None or self._base_key != key:
            base = self._static.copy()
            self._base_labels = self._render_line(base, proj, quarantine, line_nm) if show else []
            self._base, self._base_key = base, key
        return self._base

    def _render_static(self, proj: _Projection) -> tuple[pygame.Surface, list[pygame.Rect], list[_Target]]:
        """Sea, graticule, land, coastlines and fixed place names, in map-local pixels. Called once per size."""
        pal = self.palette
        data = map_data()
        surf = pygame.Surface(proj.rect.size)
        surf.fill(pal.sea)
        w, h = proj.rect.size
        # Graticule first so that land covers it: a chart, not a spreadsheet.
        grid_font = self.fonts.get("ui", 9)
        grid_label = _mix(pal.grid, pal.dim, 0.55)
        labels: list[pygame.Rect] = []
        for lon in range(-90, int(LON_MAX) + 1, 5):
            x = int(proj.local(lon, 0)[0])
            pygame.draw.line(surf, pal.grid, (x, 0), (x, h))
        for lat in range(15, int(LAT_MAX) + 1, 5):
            y = int(proj.local(0, lat)[1])
            pygame.draw.line(surf, pal.grid, (0, y), (w, y))
        cx0, cy0, cx1, cy1 = data.get("clip_box", (-180.0, -90.0, 180.0, 90.0))

        def on_clip_edge(a: tuple[float, float], b: tuple[float, float]) -> bool:
            # The extraction clipped the polygons to a box; those straight cuts are not coast.
            return any(abs(a[k] - v) < 1e-6 and abs(b[k] - v) < 1e-6 for k, v in ((0, cx0), (1, cy0), (0, cx1),
                                                                                     (1, cy1)))

        for poly in data["_polys"]:
            x0, y0, x1, y1 = poly["bbox"]
            if x1 < LON_MIN or x0 > LON_MAX or y1 < LAT_MIN or y0 > LAT_MAX:
                continue
            for i, ring in enumerate(poly["rings"]):
                pts = [proj.local(lon, lat) for lon, lat in ring]
                if len(pts) >= 3:
                    pygame.draw.polygon(surf, pal.land if i == 0 else pal.sea, pts)
        for poly in data["_polys"]:
            x0, y0, x1, y1 = poly["bbox"]
            if x1 < LON_MIN or x0 > LON_MAX or y1 < LAT_MIN or y0 > LAT_MAX:
                continue
            for ring in poly["rings"]:
                run: list[tuple[float, float]] = []
                n = len(ring)
                for k in range(n + 1):
                    a, b = ring[k % n], ring[(k + 1) % n]
                    if k == n or on_clip_edge(a, b):
                        if len(run) >= 2:
                            pygame.draw.aalines(surf, pal.coast, False, run)
                        run = []
                        continue
                    if not run:
                        run.append(proj.local(*a))
                    run.append(proj.local(*b))
        # Degree labels along the bottom and left edges, drawn after the land so they stay legible.
        for lon in range(-90, int(LON_MAX) + 1, 5):
            x = int(proj.local(lon, 0)[0])
            labels.append(text.draw(surf, grid_font, f"{-lon}°W", grid_label, (x + 3, h - 3), "bottomleft"))
        for lat in range(15, int(LAT_MAX) + 1, 5):
            y = int(proj.local(0, lat)[1])
            labels.append(text.draw(surf, grid_font, f"{lat}°N", grid_label, (3, y - 2), "bottomleft"))
        targets: list[_Target] = []
        font = self.fonts.get("ui", 11)
        places = data["_places"]
        for name in FIXED_PLACES:
            place = places.get(name)
            if place is None:
                continue
            x, y = proj.local(place["lon"], place["lat"])
            self._place_dot(surf, place, (x, y))
            label = self._place_label(surf, font, name, (x, y), pal.text)
            labels.append(label)
            targets.append(_Target(x, y, 6, _place_desc(place), 3, label))
        return surf, labels, targets

    @staticmethod
    def _place_label(surf: pygame.Surface, font: pygame.font.Font, name: str, at: tuple[float, float],
                     color: Color) -> pygame.Rect:
        anchor, dx, dy = LABEL_SPOTS.get(name, ("midleft", 6, 0))
        return text.draw(surf, font, name, color, (int(at[0]) + dx, int(at[1]) + dy), anchor)

    def _place_dot(self, surf: pygame.Surface, place: dict, at: tuple[float, float]) -> None:
        """A hollow ring (a capital a double ring), so the coast under the town still shows."""
        pal = self.palette
        x, y = int(round(at[0])), int(round(at[1]))
        pygame.draw.circle(surf, pal.text, (x, y), 3, 1)
        if place.get("kind") == "capital":
            pygame.draw.circle(surf, pal.text, (x, y), 5, 1)
        elif place.get("kind") == "us_naval_base":
            pygame.draw.circle(surf, pal.us, (x, y), 1)

    def _render_line(self, surf: pygame.Surface, proj: _Projection, quarantine: str, line_nm: int) -> list[
            pygame.Rect]:
        """The quarantine line: a dashed arc on its sea side; tight bright dashes in force, sparse dim ones
        when only proclaimed (the dash pattern tells the two apart without colour, and so does the label)."""
        pal = self.palette
        in_force = quarantine == "in_force"
        color = pal.line if in_force else _mix(pal.line, pal.sea, 0.45)
        on, off = (12.0, 5.0) if in_force else (6.0, 11.0)
        pts = _drop_specks([(proj.local(lon, lat), sea) for lon, lat, sea in quarantine_arc(line_nm)],
                           surf.get_rect())
        phase = 0.0
        dash: list[tuple[float, float]] = []

        def flush() -> None:
            if len(dash) >= 2:
                pygame.draw.lines(surf, color, False, dash, 2)
            dash.clear()

        for (a, sea_a), (b, sea_b) in zip(pts, pts[1:], strict=False):
            if not (sea_a and sea_b):
                flush()
                continue
            seg = math.hypot(b[0] - a[0], b[1] - a[1])
            t = 0.0
            while t < seg:
                in_dash = phase < on
                left = (on - phase) if in_dash else (on + off - phase)
                step = min(left, seg - t)
                p = (a[0] + (b[0] - a[0]) * (t / seg), a[1] + (b[1] - a[1]) * (t / seg)) if seg else a
                q = (a[0] + (b[0] - a[0]) * ((t + step) / seg), a[1] + (b[1] - a[1]) * ((t + step) / seg))
                if in_dash:
                    if not dash:
                        dash.append(p)
                    dash.append(q)
                else:
                    flush()
                t += step
                phase += step
                if phase >= on + off - 1e-9:
                    phase = 0.0
                elif phase >= on and in_dash:
                    flush()
        flush()
        # The label goes just inside the arc at the first sea bearing where it fits on the map.
        font = self.fonts.get("ui_bold", 11)
        small = self.fonts.get("ui", 9)
        title = f"QUARANTINE LINE — {line_nm} NM"
        sub = "IN FORCE" if in_force else "PROCLAIMED — NOT YET IN FORCE"
        t_surf = text.render(font, title, color)
        s_surf = text.render(small, sub, color)
        w = max(t_surf.get_width(), s_surf.get_width())
        h = t_surf.get_height() + s_surf.get_height()
        cx, cy = proj.local(*CENTRE)
        box = surf.get_rect().inflate(-8, -8)
        rect = pygame.Rect(0, 0, w, h)
        rect.topright = box.topright  # the fallback: the map's corner
        for bearing in (18.0, 12.0, 24.0, 6.0, 30.0, 0.0, 95.0, 105.0, 85.0):
            lon, lat = destination(*CENTRE, bearing, line_nm)
            if on_land(lon, lat):
                continue
            x, y = proj.local(lon, lat)
            d = math.hypot(cx - x, cy - y) or 1.0
            # Step inward from the arc until the label clears its curve, then keep it if it is on the map.
            for k in range(40):
                trial = pygame.Rect(0, 0, w, h)
                gap = h / 2 + 6 + 3 * k
                trial.center = (int(x + (cx - x) / d * gap), int(y + (cy - y) / d * gap))
                if not any(trial.inflate(8, 6).collidepoint(p) for p, _sea in pts):
                    break
            else:
                continue
            if box.contains(trial):
                rect = trial
                break
        plate = pygame.Surface(rect.inflate(8, 2).size, pygame.SRCALPHA)
        plate.fill((*pal.sea, 190))  # keeps the label legible where it crosses a coast
        surf.blit(plate, rect.inflate(8, 2))
        surf.blit(t_surf, t_surf.get_rect(midtop=rect.midtop))
        surf.blit(s_surf, s_surf.get_rect(midbottom=rect.midbottom))
        return [rect]

    # ------------------------------------------------------------------------------------------------ dynamic

    @staticmethod
    def _place_block(box: pygame.Rect, size: tuple[int, int], taken: list[pygame.Rect], bounds: pygame.Rect,
                     first: str = "right") -> pygame.Rect:
        """Put a label of ``size`` beside ``box`` (a glyph or a cluster of them) where it covers the least of
        the other labels and glyphs, trying the side ``first`` first, then right, left, above, below…"""
        w, h = size
        spots = {
            "right": ("midleft", (box.right + 2, box.centery)),
            "left": ("midright", (box.left - 2, box.centery)),
            "above": ("midbottom", (box.centerx, box.top - 1)),
            "below": ("midtop", (box.centerx, box.bottom + 1)),
            "above-right": ("bottomleft", (box.right, box.top)),
            "below-right": ("topleft", (box.right, box.bottom)),
            "above-left": ("bottomright", (box.left, box.top)),
            "below-left": ("topright", (box.left, box.bottom)),
            "right-low": ("topleft", (box.right + 2, box.bottom)),
            "right-high": ("bottomleft", (box.right + 2, box.top)),
            "left-low": ("topright", (box.left - 2, box.bottom)),
            "left-high": ("bottomright", (box.left - 2, box.top)),
        }
        order = [first] + [k for k in spots if k != first]
        best: tuple[int, int, pygame.Rect] | None = None
        for i, name in enumerate(order):
            anchor, pos = spots[name]
            rect = pygame.Rect(0, 0, w, h)
            setattr(rect, anchor, pos)
            cost = sum(_overlap(rect, t) for t in taken)
            if not bounds.contains(rect):
                cost += w * h * 4 + 1
            if best is None or (cost, i) < (best[0], best[1]):
                best = (cost, i, rect)
                if cost == 0:
                    break
        assert best is not None
        return best[2]

    def _draw_label(self, surface: pygame.Surface, lines: list[tuple[pygame.font.Font, str, Color]],
                    at: tuple[float, float], radius: float, taken: list[pygame.Rect], bounds: pygame.Rect,
                    halo: bool = True) -> pygame.Rect:
        surfs = [text.render(font, s, c) for font, s, c in lines]
        w = max(s.get_width() for s in surfs)
        h = sum(s.get_height() for s in surfs)
        r = int(radius) + 1
        rect = self._place_block(pygame.Rect(int(at[0]) - r, int(at[1]) - r, 2 * r + 1, 2 * r + 1), (w, h), taken,
                                 bounds)
        if halo:
            # A faint plate under moving labels keeps them readable over coast and grid lines.
            plate = pygame.Surface(rect.inflate(4, 0).size, pygame.SRCALPHA)
            plate.fill((*self.palette.sea, 150))
            surface.blit(plate, rect.inflate(4, 0))
        y = rect.top
        for s in surfs:
            surface.blit(s, (rect.left, y))
            y += s.get_height()
        taken.append(rect)
        return rect

    def _draw_sites(self, surface: pygame.Surface, proj: _Projection, view: Any, taken: list[pygame.Rect]) -> None:
        """Sites grouped by town in a small grid (San Cristóbal's four sites are 3 px apart at 720 px high),
        the groups pushed off each other and off Havana's dot, each town named beside its group."""
        pal = self.palette
        coords = {s["id"]: (float(s["lon"]), float(s["lat"])) for s in view.scenario.sites}
        sites = [s for s in view.sites if s.id in coords]
        if not sites:
            return
        g = max(5.0, min(9.0, proj.scale * 0.22))
        step = 2 * g + 2
        data = map_data()
        towns = {p["name"]: p for p in data["places"] if p.get("kind") in SITE_TOWN_KINDS}
        groups: dict[str, list[Any]] = {}
        for site in sites:
            lon, lat = coords[site.id]
            near = min(towns.values(), key=lambda p: (p["lon"] - lon) ** 2 + (p["lat"] - lat) ** 2, default=None)
            ok = near is not None and abs(near["lon"] - lon) < 0.6 and abs(near["lat"] - lat) < 0.6
            groups.setdefault(near["name"] if ok else "#" + site.id, []).append(site)
        names = list(groups)
        offsets: list[list[tuple[float, float]]] = []
        centres: list[list[float]] = []
        radii: list[float] = []
        for name in names:
            members = groups[name]
            cols = math.ceil(math.sqrt(len(members)))
            rows = math.ceil(len(members) / cols)
            offs = [((i % cols - (cols - 1) / 2) * step, (i // cols - (rows - 1) / 2) * step)
                    for i in range(len(members))]
            offsets.append(offs)
            pts = [proj(*coords[m.id]) for m in members]
            centres.append([sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)])
            radii.append(max(math.hypot(*o) for o in offs) + g)
        anchors = [centre[:] for centre in centres]
        fixed = [(*proj(p["lon"], p["lat"]), 6.0) for p in data["places"] if p["name"] in FIXED_PLACES]
        _spread(centres, radii, fixed)
        font = self.fonts.get("ui", 11)
        boxes: list[pygame.Rect] = []
        for name, offs, (cx, cy), (ax, ay), radius in zip(names, offsets, centres, anchors, radii, strict=True):
            if math.hypot(cx - ax, cy - ay) > radius:
                pygame.draw.aaline(surface, pal.dim, (ax, ay), (cx, cy))  # a leader back to the town
            box = pygame.Rect(0, 0, 0, 0)
            for site, (dx, dy) in zip(groups[name], offs, strict=True):
                x, y = cx + dx, cy + dy
                self.site_positions[site.id] = (x, y)
                self._site_glyph(surface, site, (x, y), g)
                self._targets.append(_Target(x, y, g + 1, _site_desc(site), 0))
                glyph = pygame.Rect(int(x - g), int(y - g), int(2 * g) + 1, int(2 * g) + 1)
                box = glyph if box.w == 0 else box.union(glyph)
            boxes.append(box)
        taken.extend(boxes)
        # Only towns with a site this side knows of are named: a name with no known site beside it would tell
        # Washington where to look. Named after every group is placed, so no name lands on another town's sites.
        for name, box, (cx, cy) in zip(names, boxes, centres, strict=True):
            town = towns.get(name)
            if town is None:
                continue
            name_surf = text.render(font, town["name"], pal.text)
            rect = self._place_block(box, name_surf.get_size(), taken, proj.rect, TOWN_SIDES.get(name, "right"))
            surface.blit(name_surf, rect)
            taken.append(rect)
            self._targets.append(_Target(cx, cy, 0, _place_desc(town), 3, rect))

    def _site_glyph(self, surface: pygame.Surface, site: Any, at: tuple[float, float], g: float) -> None:
        """Triangle for an MRBM, diamond for an IRBM; filled from the bottom up to its readiness."""
        pal = self.palette
        x, y = at
        if site.kind == "irbm":
            shape = [(x, y - g), (x + g * 0.85, y), (x, y + g), (x - g * 0.85, y)]
        else:
            shape = [(x, y - g), (x + g * 0.95, y + g * 0.7), (x - g * 0.95, y + g * 0.7)]
        top = min(p[1] for p in shape)
        bottom = max(p[1] for p in shape)
        if site.status == "dismantled":
            pygame.draw.polygon(surface, pal.dim, shape, 1)
            return
        if site.status == "struck":
            pygame.draw.polygon(surface, pal.bg, shape)
            pygame.draw.polygon(surface, pal.dim, shape, 1)
            pygame.draw.line(surface, pal.text, (x - g * 0.8, y - g * 0.6), (x + g * 0.8, y + g * 0.8), 2)
            pygame.draw.line(surface, pal.text, (x + g * 0.8, y - g * 0.6), (x - g * 0.8, y + g * 0.8), 2)
            return
        readiness = max(0.0, min(100.0, float(site.readiness)))
        color = pal.ok if readiness < 50 else pal.warn if readiness < 100 else pal.danger
        pygame.draw.polygon(surface, pal.bg, shape)
        level = bottom - (bottom - top) * readiness / 100.0
        fill_clip = pygame.Rect(int(x - g - 2), int(math.floor(level)), int(2 * g + 4), int(bottom - level) + 2)
        old = surface.get_clip()
        surface.set_clip(fill_clip.clip(old))
        pygame.draw.polygon(surface, color, shape)
        surface.set_clip(old)
        pygame.draw.polygon(surface, color, shape, 1)
        if site.status == "halted":
            # Work stopped: a bar across the top, so "halted" is a shape too.
            pygame.draw.line(surface, pal.text, (x - g * 0.5, top - 2), (x + g * 0.5, top - 2), 2)
        if readiness >= 100 and site.status != "halted":
            pygame.draw.circle(surface, pal.danger, (int(x), int(y)), int(g + 3), 1)

    def _draw_subs(self, surface: pygame.Surface, proj: _Projection, view: Any, taken: list[pygame.Rect]) -> None:
        """Submarines as conning towers on their bearings: hollow when submerged, solid when surfaced."""
        pal = self.palette
        subs = [s for s in view.subs if s.status in DRAWN_SUB_STATUSES]
        everyone = list(view.subs)
        font = self.fonts.get("ui", 10)
        for sub in subs:
            bearing = sub_bearing(everyone.index(sub), len(everyone))
            (x, y), clamped, shown_nm = self._along(proj, bearing, float(sub.distance))
            self.sub_positions[sub.id] = (x, y)
            surfaced = sub.status == "surfaced"
            xi, yi = int(x), int(y)
            hull = pygame.Rect(xi - 8, yi - 1, 16, 5)
            tower = pygame.Rect(xi - 2, yi - 6, 5, 6)
            if surfaced:
                pygame.draw.ellipse(surface, pal.ussr, hull)
                pygame.draw.rect(surface, pal.ussr, tower)
            else:
                pygame.draw.line(surface, pal.coast, (xi - 10, yi + 1), (xi + 10, yi + 1))  # the waterline
                pygame.draw.ellipse(surface, pal.ussr, hull, 1)
                pygame.draw.rect(surface, pal.ussr, tower, 1)
            pygame.draw.line(surface, pal.ussr, (xi + 1, yi - 6), (xi + 1, yi - 10))
            pygame.draw.line(surface, pal.ussr, (xi + 1, yi - 10), (xi + 4, yi - 10))
            taken.append(pygame.Rect(xi - 10, yi - 11, 21, 17))
            name = f"{sub.name} {_nm(shown_nm)}" if clamped else sub.name
            lines = [(font, name, pal.dim)]
            if surfaced:
                lines.append((self.fonts.get("ui_bold", 9), "surfaced", pal.warn))
            label = self._draw_label(surface, lines, (x, y - 2), 10, taken, proj.rect)
            self._targets.append(_Target(x, y - 3, 11, _sub_desc(sub, view), 1, label))

    def _draw_ships(self, surface: pygame.Surface, proj: _Projection, view: Any, previous: Any, progress: float,
                    taken: list[pygame.Rect]) -> None:
        """Ships on their own bearings at their (interpolated) distances, hulls pointing where they head."""
        pal = self.palette
        before = {s.id: s for s in previous.ships} if previous is not None else {}
        ids = [s.id for s in view.ships] + list(before)
        font = self.fonts.get("ui", 11)
        tag_font = self.fonts.get("ui_bold", 9)
        for ship in sorted(view.ships, key=lambda s: s.distance):
            old = before.get(ship.id)
            status = ship.status
            if status not in DRAWN_SHIP_STATUSES:
                # Arrived or turned away this turn: still shown while the animation carries it there.
                if old is None or progress >= 1.0 or old.status not in DRAWN_SHIP_STATUSES:
                    continue
                status = old.status
            dist = _lerp(float(old.distance), float(ship.distance), progress) if old is not None else ship.distance
            bearing = ship_bearing(ship.id, ids)
            (x, y), clamped, shown_nm = self._along(proj, bearing, float(dist))
            self.ship_positions[ship.id] = (x, y)
            # Heading: toward Cuba along the great circle (away from it when returning).
            (nx, ny), _, _ = self._along(proj, bearing, max(0.0, shown_nm - 30.0), clamp=False)
            ang = math.atan2(ny - y, nx - x) if (nx, ny) != (x, y) else math.atan2(proj(*CENTRE)[1] - y,
                                                                                 proj(*CENTRE)[0] - x)
            if status == "returning":
                ang += math.pi
            self._ship_glyph(surface, (x, y), ang, status)
            taken.append(pygame.Rect(int(x) - 9, int(y) - 9, 19, 19))
            name = f"{ship.name} {_nm(shown_nm)}" if clamped else ship.name
            lines: list[tuple[pygame.font.Font, str, Color]] = [(font, name, pal.text)]
            tag = {"held": "HELD", "halted": "HALTED", "returning": "RETURNING", "disabled": "DISABLED"}.get(status)
            if tag:
                lines.append((tag_font, tag, pal.warn if status in ("held", "halted") else pal.dim))
            label = self._draw_label(surface, lines, (x, y), 9, taken, proj.rect)
            self._targets.append(_Target(x, y, 11, _ship_desc(ship, dist, view), 1, label))

    def _ship_glyph(self, surface: pygame.Surface, at: tuple[float, float], ang: float, status: str) -> None:
        pal = self.palette
        x, y = at
        ca, sa = math.cos(ang), math.sin(ang)

        def rot(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
            return [(x + px * ca - py * sa, y + px * sa + py * ca) for px, py in pts]

        hull = rot([(9, 0), (4, -3.2), (-7, -3.2), (-8, 0), (-7, 3.2), (4, 3.2)])
        bridge = rot([(-5, -1.6), (-1.5, -1.6), (-1.5, 1.6), (-5, 1.6)])
        disabled = status == "disabled"
        fill = pal.dim if disabled else pal.ussr
        pygame.draw.polygon(surface, fill, hull)
        pygame.draw.polygon(surface, _mix(fill, pal.text, 0.65), bridge)
        pygame.draw.aalines(surface, _mix(fill, pal.text, 0.5), True, hull)
        if disabled:
            pygame.draw.line(surface, pal.text, (x - 5, y - 5), (x + 5, y + 5), 2)
            pygame.draw.line(surface, pal.text, (x + 5, y - 5), (x - 5, y + 5), 2)
        elif status == "held":
            # A square ahead of the bow: stopped at the line.
            bx, by = rot([(14, 0)])[0]
            pygame.draw.rect(surface, pal.warn, pygame.Rect(int(bx) - 3, int(by) - 3, 7, 7))
            pygame.draw.rect(surface, pal.bg, pygame.Rect(int(bx) - 3, int(by) - 3, 7, 7), 1)
        elif status == "halted":
            bx, by = rot([(14, 0)])[0]
            pygame.draw.line(surface, pal.warn, (bx - 2, by - 4), (bx - 2, by + 4), 2)
            pygame.draw.line(surface, pal.warn, (bx + 2, by - 4), (bx + 2, by + 4), 2)
        elif status == "returning":
            tail, tip = rot([(11, 0)])[0], rot([(20, 0)])[0]
            head = rot([(16, -3.5), (20, 0), (16, 3.5)])
            pygame.draw.line(surface, pal.text, tail, tip, 2)
            pygame.draw.polygon(surface, pal.text, head)

    def _along(self, proj: _Projection, bearing: float, nm: float, clamp: bool = True) -> tuple[
            tuple[float, float], bool, float]:
        """Screen point ``nm`` out on ``bearing``; beyond the map, the farthest point still inside its edge.

        Returns (point, clamped, distance actually shown by the label). The clamp walks back along the same
        great circle (bisection), so a ship sliding in from off the map never jumps sideways.
        """
        inner = proj.rect.inflate(-2 * EDGE_MARGIN, -2 * EDGE_MARGIN)

        def at(d: float) -> tuple[float, float]:
            return proj(*destination(*CENTRE, bearing, d))

        if not clamp:
            return at(nm), False, nm
        key = (bearing, tuple(inner))
        edge = self._edges.get(key)
        if edge is None:  # how far out the bearing stays on the map: found once per bearing and size
            lo, hi = 0.0, 6000.0
            for _ in range(24):
                mid = (lo + hi) / 2
                if inner.collidepoint(at(mid)):
                    lo = mid
                else:
                    hi = mid
            edge = self._edges[key] = lo
        if nm <= edge:
            return at(nm), False, nm
        return at(edge), True, nm


def _drop_specks(pts: list[tuple[tuple[float, float], bool]], bounds: pygame.Rect,
                 shortest: float = 40.0) -> list[tuple[tuple[float, float], bool]]:
    """Treat as land the stretches of sea on the arc with less than ``shortest`` pixels on the map: a lone dash
    in a bay, between two islands or at the map's edge reads as noise, not as a line."""
    out = list(pts)
    i = 0
    while i < len(out):
        if not out[i][1]:
            i += 1
            continue
        j = i
        length = 0.0
        while j < len(out) and out[j][1]:
            if j > i and bounds.collidepoint(out[j][0]) and bounds.collidepoint(out[j - 1][0]):
                a, b = out[j - 1][0], out[j][0]
                length += math.hypot(b[0] - a[0], b[1] - a[1])
            j += 1
        if length < shortest:
            for k in range(i, j):
                out[k] = (out[k][0], False)
        i = j
    return out


def _spread(centres: list[list[float]], radii: Sequence[float], fixed: Sequence[tuple[float, float, float]] = (),
            rounds: int = 60) -> None:
    """Push overlapping circles apart in place (pairwise, a few rounds); ``fixed`` circles (x, y, r) push
    without moving. Deterministic, so the groups sit in the same places every frame."""
    n = len(centres)
    for _ in range(rounds):
        moved = False
        for i in range(n):
            for j in range(i + 1, n):
                dx, dy = centres[j][0] - centres[i][0], centres[j][1] - centres[i][1]
                need = radii[i] + radii[j] + 2
                d = math.hypot(dx, dy)
                if d >= need:
                    continue
                if d < 1e-6:
                    ang = 2 * math.pi * j / n
                    dx, dy, d = math.cos(ang), math.sin(ang), 1.0
                push = (need - d) / 2 + 0.01
                centres[i][0] -= dx / d * push
                centres[i][1] -= dy / d * push
                centres[j][0] += dx / d * push
                centres[j][1] += dy / d * push
                moved = True
            for fx, fy, fr in fixed:
                dx, dy = centres[i][0] - fx, centres[i][1] - fy
                need = radii[i] + fr
                d = math.hypot(dx, dy)
                if d >= need:
                    continue
                if d < 1e-6:
                    dx, dy, d = 0.0, 1.0, 1.0
                centres[i][0] += dx / d * (need - d + 0.01)
                centres[i][1] += dy / d * (need - d + 0.01)
                moved = True
        if not moved:
            break


# ----------------------------------------------------------------------------------------------------------------
# Tooltip lines


def _place_desc(place: dict) -> str:
    kind = place.get("kind", "")
    extra = {"us_naval_base": "US naval base", "mrbm_site": "missile sites nearby", "irbm_site": "missile sites "
             "nearby"}.get(kind)
    return f"{place['name']} — {extra}" if extra else place["name"]


def _ship_desc(ship: Any, dist: float, view: Any) -> str:
    parts = [f"{ship.name} — {_nm(dist)} from Cuba, {ship.status}"]
    if ship.cargo and ship.cargo != "unknown":
        parts.append(f"cargo: {ship.cargo}")
    if ship.cleared:
        parts.append("cleared through the line")
    if ship.escort:
        escort = next((s.name for s in view.subs if s.id == ship.escort), ship.escort)
        parts.append(f"shadowed by {escort}")
    return "; ".join(parts)


def _sub_desc(sub: Any, view: Any) -> str:
    status = {"patrol": "on patrol", "escorting": "escorting", "surfaced": "surfaced"}.get(sub.status, sub.status)
    if sub.status == "escorting":
        ship = next((s.name for s in view.ships if s.escort == sub.id), "")
        status = f"escorting {ship}" if ship else status
    desc = f"{sub.name} — submarine, {_nm(sub.distance)} from Cuba, {status}"
    if sub.nuclear_torpedo:  # only ever true in the Soviet view
        desc += "; carries a nuclear torpedo"
    return desc


def _site_desc(site: Any) -> str:
    status = "operational" if site.operational else site.status
    return (f"{site.name} — {site.kind.upper()}, {site.launchers} launchers, readiness {site.readiness:.0f}%, "
            f"{status}")
