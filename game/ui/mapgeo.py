"""The map's data and geometry, without drawing: coastlines, great circles, the projection, the ship lanes and
how far out they stay on the map.

Projection: equirectangular with x scaled by cos(24°), the middle latitude of
the extent, which keeps Cuba's shape close to true at this scale without any
GIS dependency; the extent is fitted into the given rect keeping that aspect
ratio (letterboxed). Distances along the approaches are great-circle distances
from one point north of central Cuba, in nautical miles (1 nm = 1/60° of
latitude): the engine measures a ship's distance "from Cuba" as one number, so
the map gives every ship a fixed bearing of its own and sets it that far out.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

import pygame

from game import resources
from game.ui.theme import Color

MAP_FILE = resources.MAP_FILE

LON_MIN, LON_MAX = -92.0, -58.0
LAT_MIN, LAT_MAX = 12.0, 37.0
X_SCALE = math.cos(math.radians(24.0))  # equirectangular, true at the middle latitude
CENTRE = (-79.5, 21.8)  # where "distance from Cuba" is measured from, and the quarantine line's centre
ARC_FROM, ARC_TO = 300.0, 150.0  # the line's sea side: bearings 300° → 360° → 150°
SHIP_BEARINGS = (35.0, 75.0)  # the Atlantic approaches, from the north-east
SUB_BEARING = 60.0
LANES = (35.0, 78.0)  # every bearing a ship or a submarine can be given (subs fan out around 60°)
EDGE_MARGIN = 16  # a lane ends this far inside the map's edge; a ship farther out goes to the inset
FAR_NM = 4500.0  # the farthest a lane is searched (the Atlantic crossing is under 3,500 nm)

_map_cache: dict[str, Any] = {}
_arc_cache: dict[int, list[tuple[float, float, bool]]] = {}


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
            polys.append(
                {
                    "name": poly["name"],
                    "iso": poly["iso_a3"],
                    "rings": rings,
                    "bbox": (min(xs), min(ys), max(xs), max(ys)),
                }
            )
        data["_polys"] = polys
        data["_places"] = {p["name"]: p for p in data["places"]}
        _map_cache["data"] = data
    cached: dict[str, Any] = _map_cache["data"]  # the map's JSON, with its polygons and places added
    return cached


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


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def mix(a: Color, b: Color, t: float) -> Color:
    return (int(lerp(a[0], b[0], t)), int(lerp(a[1], b[1], t)), int(lerp(a[2], b[2], t)))


def nm_text(d: float) -> str:
    return f"{d:,.0f} nm"


class Projection:
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

    def unlocal(self, x: float, y: float) -> tuple[float, float]:
        """The (lon, lat) at map-local pixel (x, y): the inverse of ``local``."""
        return (LON_MIN + x / (X_SCALE * self.scale), LAT_MAX - y / self.scale)


class RouteScale:
    """How far out a lane stays on the map: the same for every lane, so that a ship is on the map at its true
    distance or not at all (the ships beyond go to the inset, ``mapinset``, which states their distances).

    ``edge_nm`` is the shortest lane's length inside the map less its margin (found by bisection, so kept per size).
    """

    def __init__(self, proj: Projection) -> None:
        inner = proj.rect.inflate(-2 * EDGE_MARGIN, -2 * EDGE_MARGIN)
        steps = 12
        lanes = [LANES[0] + (LANES[1] - LANES[0]) * i / steps for i in range(steps + 1)]
        self.edge_nm = min(_edge(proj, inner, b) for b in lanes)

    def on_map(self, nm: float) -> bool:
        return nm <= self.edge_nm


def _edge(proj: Projection, inner: pygame.Rect, bearing: float) -> float:
    """How far out ``bearing`` stays inside ``inner`` (bisection along the great circle)."""
    lo, hi = 0.0, FAR_NM
    for _ in range(24):
        mid = (lo + hi) / 2
        if inner.collidepoint(proj(*destination(*CENTRE, bearing, mid))):
            lo = mid
        else:
            hi = mid
    return lo


def drop_specks(
    pts: list[tuple[tuple[float, float], bool]], bounds: pygame.Rect, shortest: float = 40.0
) -> list[tuple[tuple[float, float], bool]]:
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


def spread(
    centres: list[list[float]],
    radii: Sequence[float],
    fixed: Sequence[tuple[float, float, float]] = (),
    rounds: int = 60,
) -> None:
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


class Target:
    """Something under the mouse: a glyph (circle) and its label (rect), with its tooltip line."""

    __slots__ = ("x", "y", "radius", "label", "desc", "rank")

    def __init__(
        self, x: float, y: float, radius: float, desc: str, rank: int, label: pygame.Rect | None = None
    ) -> None:
        self.x, self.y, self.radius, self.desc, self.rank, self.label = x, y, radius, desc, rank, label
