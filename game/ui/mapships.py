"""Soviet ships and submarines on their lanes, at their true distances, or in the inset when they are farther out.

Every ship has a fixed bearing of its own (its lane) and is set along it at its distance from Cuba, as long as
the lane stays on the map; a ship or submarine farther out is handed back as a ``FarMark`` for the inset
(``mapinset``), which lists them by distance with their distances written out, so that ships 2,650 and 2,740 nm
out never pile up at the map's edge. Status is a shape as well as a word: held a square ahead of the bow,
halted two bars, returning an arrow, disabled a cross; submerged submarines are hollow.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import pygame

from game.engine.model import Ship, Submarine
from game.engine.view import PlayerView
from game.ui.mapgeo import CENTRE, Target, destination, lerp, mix, nm_text, ship_bearing, sub_bearing
from game.ui.maplabels import Layer, Line, Pending
from game.ui.theme import Color, Palette

DRAWN_SHIP_STATUSES = ("sailing", "held", "halted", "returning", "disabled")
DRAWN_SUB_STATUSES = ("patrol", "escorting", "surfaced")
SHIP_TAGS = {"held": "HELD", "halted": "HALTED", "returning": "RETURNING", "disabled": "DISABLED"}


class FarMark(NamedTuple):
    """A ship or submarine beyond the map's edge, for the inset: what it is, how far, and its status."""

    kind: str  # "ship" | "sub"
    id: str
    name: str
    nm: float
    status: str
    tag: str
    tag_colour: Color
    desc: str


def lane_point(layer: Layer, bearing: float, nm: float) -> tuple[float, float]:
    """Screen point of a ship ``nm`` from Cuba on ``bearing``."""
    return layer.proj(*destination(*CENTRE, bearing, nm))


def _heading(layer: Layer, bearing: float, nm: float, at: tuple[float, float]) -> float:
    """The angle toward Cuba along the lane at ``at``."""
    nx, ny = layer.proj(*destination(*CENTRE, bearing, max(0.0, nm - 20.0)))
    if math.hypot(nx - at[0], ny - at[1]) < 0.5:
        nx, ny = layer.proj(*CENTRE)
    return math.atan2(ny - at[1], nx - at[0])


def _far(layer: Layer, nm: float, at: tuple[float, float], hidden: pygame.Rect | None, listed: bool) -> bool:
    """Whether a ship ``nm`` out, drawn at ``at``, goes to the inset: beyond the map's edge, under the inset,
    or ``listed`` there already."""
    return listed or not layer.scale.on_map(nm) or (hidden is not None and hidden.inflate(24, 24).collidepoint(at))


def draw_ships(
    layer: Layer,
    view: PlayerView,
    previous: PlayerView | None,
    progress: float,
    positions: dict[str, tuple[float, float]],
    hidden: pygame.Rect | None = None,
    listed: set[str] | frozenset[str] = frozenset(),
    dry: bool = False,
) -> list[FarMark]:
    """Ships at their (interpolated) distances, hulls pointing where they head; labels queued nearest first.
    Returns the ships for the inset (beyond the map's edge, under ``hidden`` or ``listed``); ``dry``: only those,
    nothing drawn."""
    pal, fonts = layer.palette, layer.fonts
    before = {s.id: s for s in previous.ships} if previous is not None else {}
    ids = [s.id for s in view.ships] + list(before)
    font, small, tag_font = fonts.get("ui", 11), fonts.get("ui", 9), fonts.get("ui_bold", 9)
    far: list[FarMark] = []
    for ship in view.ships:
        old = before.get(ship.id)
        status = ship.status
        if status not in DRAWN_SHIP_STATUSES:
            # Arrived or turned away this turn: still shown while the animation carries it there.
            if old is None or progress >= 1.0 or old.status not in DRAWN_SHIP_STATUSES:
                continue
            status = old.status
        dist = lerp(float(old.distance), float(ship.distance), progress) if old is not None else float(ship.distance)
        tag = SHIP_TAGS.get(status, "")
        tag_colour = pal.warn if status in ("held", "halted") else pal.dim
        bearing = ship_bearing(ship.id, ids)
        x, y = lane_point(layer, bearing, dist)
        if _far(layer, dist, (x, y), hidden, ship.id in listed):
            far.append(FarMark("ship", ship.id, ship.name, dist, status, tag, tag_colour, ship_desc(ship, dist, view)))
            continue
        if dry:
            continue
        positions[ship.id] = (x, y)
        ang = _heading(layer, bearing, dist, (x, y)) + (math.pi if status == "returning" else 0.0)
        ship_glyph(layer.surface, pal, (x, y), ang, status)
        layer.glyph(pygame.Rect(int(x) - 9, int(y) - 9, 19, 19))
        first: list[Line] = [(font, ship.name, pal.text)]
        forms = [first + [(tag_font, tag, tag_colour)], first] if tag else [first]
        forms.append([(small, ship.name, pal.text)])
        target = Target(x, y, 11, ship_desc(ship, dist, view), 1)
        layer.targets.append(target)
        layer.label(Pending(10 + dist / 10000.0, pygame.Rect(int(x) - 10, int(y) - 10, 21, 21), forms, target))
    return far


def draw_subs(
    layer: Layer,
    view: PlayerView,
    positions: dict[str, tuple[float, float]],
    hidden: pygame.Rect | None = None,
    listed: set[str] | frozenset[str] = frozenset(),
    dry: bool = False,
) -> list[FarMark]:
    """Submarines as conning towers on their bearings: hollow when submerged, solid when surfaced.
    Returns those for the inset, as ``draw_ships`` does."""
    pal, fonts = layer.palette, layer.fonts
    everyone = list(view.subs)
    font = fonts.get("ui", 10)
    far: list[FarMark] = []
    for sub in (s for s in everyone if s.status in DRAWN_SUB_STATUSES):
        surfaced = sub.status == "surfaced"
        bearing = sub_bearing(everyone.index(sub), len(everyone))
        x, y = lane_point(layer, bearing, float(sub.distance))
        if _far(layer, float(sub.distance), (x, y), hidden, sub.id in listed):
            tag = "surfaced" if surfaced else ""
            far.append(
                FarMark("sub", sub.id, sub.name, float(sub.distance), sub.status, tag, pal.warn, sub_desc(sub, view))
            )
            continue
        if dry:
            continue
        positions[sub.id] = (x, y)
        sub_glyph(layer.surface, pal, (int(x), int(y)), surfaced)
        layer.glyph(pygame.Rect(int(x) - 10, int(y) - 11, 21, 17))
        forms = [[(font, sub.name, pal.dim)]]
        if surfaced:
            forms.insert(0, forms[0] + [(fonts.get("ui_bold", 9), "surfaced", pal.warn)])
        target = Target(x, y - 3, 11, sub_desc(sub, view), 1)
        layer.targets.append(target)
        layer.label(Pending(30 + sub.distance / 10000.0, pygame.Rect(int(x) - 11, int(y) - 12, 23, 20), forms, target))
    return far


def sub_glyph(surface: pygame.Surface, pal: Palette, at: tuple[int, int], surfaced: bool) -> None:
    xi, yi = at
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


def ship_glyph(surface: pygame.Surface, pal: Palette, at: tuple[float, float], ang: float, status: str) -> None:
    """A hull pointing along ``ang``, with a mark ahead of the bow for its status."""
    x, y = at
    ca, sa = math.cos(ang), math.sin(ang)

    def rot(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(x + px * ca - py * sa, y + px * sa + py * ca) for px, py in pts]

    hull = rot([(9, 0), (4, -3.2), (-7, -3.2), (-8, 0), (-7, 3.2), (4, 3.2)])
    disabled = status == "disabled"
    fill = pal.dim if disabled else pal.ussr
    pygame.draw.polygon(surface, fill, hull)
    pygame.draw.polygon(surface, mix(fill, pal.text, 0.65), rot([(-5, -1.6), (-1.5, -1.6), (-1.5, 1.6), (-5, 1.6)]))
    pygame.draw.aalines(surface, mix(fill, pal.text, 0.5), True, hull)
    bx, by = rot([(14, 0)])[0]
    if disabled:
        pygame.draw.line(surface, pal.text, (x - 5, y - 5), (x + 5, y + 5), 2)
        pygame.draw.line(surface, pal.text, (x + 5, y - 5), (x - 5, y + 5), 2)
    elif status == "held":  # a square ahead of the bow: stopped at the line
        pygame.draw.rect(surface, pal.warn, pygame.Rect(int(bx) - 3, int(by) - 3, 7, 7))
        pygame.draw.rect(surface, pal.bg, pygame.Rect(int(bx) - 3, int(by) - 3, 7, 7), 1)
    elif status == "halted":
        pygame.draw.line(surface, pal.warn, (bx - 2, by - 4), (bx - 2, by + 4), 2)
        pygame.draw.line(surface, pal.warn, (bx + 2, by - 4), (bx + 2, by + 4), 2)
    elif status == "returning":
        pygame.draw.line(surface, pal.text, rot([(11, 0)])[0], rot([(20, 0)])[0], 2)
        pygame.draw.polygon(surface, pal.text, rot([(16, -3.5), (20, 0), (16, 3.5)]))


def ship_desc(ship: Ship, dist: float, view: PlayerView) -> str:
    parts = [f"{ship.name} — {nm_text(dist)} from Cuba, {ship.status}"]
    if ship.cargo and ship.cargo != "unknown":
        parts.append(f"cargo: {ship.cargo}")
    if ship.cleared:
        parts.append("cleared through the line")
    if ship.escort:
        escort = next((s.name for s in view.subs if s.id == ship.escort), ship.escort)
        parts.append(f"shadowed by {escort}")
    return "; ".join(parts)


def sub_desc(sub: Submarine, view: PlayerView) -> str:
    status = {"patrol": "on patrol", "escorting": "escorting", "surfaced": "surfaced"}.get(sub.status, sub.status)
    if sub.status == "escorting":
        ship = next((s.name for s in view.ships if s.escort == sub.id), "")
        status = f"escorting {ship}" if ship else status
    desc = f"{sub.name} — submarine, {nm_text(sub.distance)} from Cuba, {status}"
    if sub.nuclear_torpedo:  # only ever true in the Soviet view
        desc += "; carries a nuclear torpedo"
    return desc
