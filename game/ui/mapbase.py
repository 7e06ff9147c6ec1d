"""The map's base layer: sea, graticule, land, coastlines, fixed place names, and the quarantine line.

It never changes during a game but for the line, and anti-aliased coastlines are the most expensive thing
to draw (``aaline`` was ~40% of a frame's draw time when measured), so ``MapView`` renders it once per
(map size, palette, text scale) and keeps it; the line is baked into a copy per state of the quarantine.
Labels drawn here go through the same ``Placer`` as the ships' and sites', so none overlaps another.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import pygame

from game.ui import text
from game.ui.mapgeo import (
    CENTRE,
    LAT_MAX,
    LAT_MIN,
    LON_MAX,
    LON_MIN,
    Projection,
    Target,
    destination,
    drop_specks,
    map_data,
    mix,
    quarantine_arc,
)
from game.ui.maplabels import Layer, Pending, Placer
from game.ui.theme import Fonts, Palette

FIXED_PLACES = ("Havana", "Miami", "Key West", "Guantánamo Bay")
# The side of its dot where each fixed place's name is tried first: over open water, and off the sites and each
# other in crowded western Cuba. The Placer moves a name elsewhere when its side is taken.
SHORT_NAMES = {"Guantánamo Bay": "Guantánamo"}  # for a small map with large text
PLACE_SIDES: dict[str, str] = {"Havana": "above-left", "Miami": "right", "Key West": "left", "Guantánamo Bay": "below"}


class Static(NamedTuple):
    """The base layer of one map size: the picture, a mask of its land, and the fixed places (name, hit target,
    the rect of the dot), in map-local pixels."""

    surface: pygame.Surface
    land: pygame.mask.Mask
    places: list[tuple[str, Target, pygame.Rect]]


def render_static(proj: Projection, pal: Palette, fonts: Fonts) -> Static:
    """Sea, graticule, land, coastlines and the fixed places' dots, in map-local pixels. Called once per size.

    The places' names are not drawn here but queued with the ships' and sites' (``queue_places``), so that a
    name gives way to a site drawn over it; the mask lets the Placer keep labels off the land.
    """
    surf = pygame.Surface(proj.rect.size)
    surf.fill(pal.sea)
    _graticule(surf, proj, pal)  # first, so that land covers it: a chart, not a spreadsheet
    _land(surf, proj, pal)
    land = pygame.mask.from_threshold(surf, pal.land, (2, 2, 2, 255))
    places: list[tuple[str, Target, pygame.Rect]] = []
    lookup = map_data()["_places"]
    for name in (n for n in FIXED_PLACES if n in lookup):
        place = lookup[name]
        x, y = proj.local(place["lon"], place["lat"])
        _place_dot(surf, place, (x, y), pal)
        places.append((name, Target(x, y, 6, place_desc(place), 3), dot_box((x, y), place.get("kind", ""))))
    return Static(surf, land, places)


def dot_box(at: tuple[float, float], kind: str) -> pygame.Rect:
    """The rect a fixed place's dot covers: a capital's double ring (radius 5), else a ring of radius 3."""
    r = 5 if kind == "capital" else 3
    x, y = int(round(at[0])), int(round(at[1]))
    return pygame.Rect(x - r, y - r, 2 * r + 1, 2 * r + 1)


def queue_places(layer: Layer, places: list[tuple[str, Target, pygame.Rect]], offset: tuple[int, int]) -> None:
    """Each fixed place's name, queued after the site towns' and before the ships': the marks a player finds the
    map by, but a site's town says more."""
    font, small = layer.fonts.get("ui", 11), layer.fonts.get("ui", 9)
    pal = layer.palette
    for name, local, dot in places:
        target = Target(local.x + offset[0], local.y + offset[1], local.radius, local.desc, local.rank)
        layer.targets.append(target)
        short = SHORT_NAMES.get(name, name)
        forms = [[(f, n, pal.text)] for f in (font, small) for n in dict.fromkeys((name, short))]
        layer.label(Pending(1, dot.move(offset), forms, target, PLACE_SIDES.get(name, "right")))


def _graticule(surf: pygame.Surface, proj: Projection, pal: Palette) -> None:
    w, h = surf.get_size()
    for lon in range(-90, int(LON_MAX) + 1, 5):
        x = int(proj.local(lon, 0)[0])
        pygame.draw.line(surf, pal.grid, (x, 0), (x, h))
    for lat in range(15, int(LAT_MAX) + 1, 5):
        y = int(proj.local(0, lat)[1])
        pygame.draw.line(surf, pal.grid, (0, y), (w, y))


def _land(surf: pygame.Surface, proj: Projection, pal: Palette) -> None:
    """Land polygons (holes as sea), then their coastlines, leaving out the straight cuts of the extraction."""
    data = map_data()
    cx0, cy0, cx1, cy1 = data.get("clip_box", (-180.0, -90.0, 180.0, 90.0))

    def on_clip_edge(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return any(abs(a[k] - v) < 1e-6 and abs(b[k] - v) < 1e-6 for k, v in ((0, cx0), (1, cy0), (0, cx1), (1, cy1)))

    polys = [
        p
        for p in data["_polys"]
        if not (p["bbox"][2] < LON_MIN or p["bbox"][0] > LON_MAX or p["bbox"][3] < LAT_MIN or p["bbox"][1] > LAT_MAX)
    ]
    for poly in polys:
        for i, ring in enumerate(poly["rings"]):
            pts = [proj.local(lon, lat) for lon, lat in ring]
            if len(pts) >= 3:
                pygame.draw.polygon(surf, pal.land if i == 0 else pal.sea, pts)
    for poly in polys:
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


def degree_marks(layer: Layer) -> None:
    """Degree labels along the bottom and left edges, last of all: a degree mark gives way to every other label
    and glyph, and is left out where it would touch one."""
    font = layer.fonts.get("ui", 9)
    colour = mix(layer.palette.grid, layer.palette.dim, 0.55)
    area, proj = layer.proj.rect, layer.proj
    marks = [(f"{-lon}°W", (int(proj(lon, 0)[0]) + 3, area.bottom - 3)) for lon in range(-90, int(LON_MAX) + 1, 5)]
    marks += [(f"{lat}°N", (area.left + 3, int(proj(0, lat)[1]) - 2)) for lat in range(15, int(LAT_MAX) + 1, 5)]
    for words, pos in marks:
        rendered = text.render(font, words, colour)
        rect = rendered.get_rect(bottomleft=pos)
        if layer.placer.free(rect):
            layer.placer.labels.append((words, rect))
            layer.surface.blit(rendered, rect)


def _place_dot(surf: pygame.Surface, place: dict[str, Any], at: tuple[float, float], pal: Palette) -> None:
    """A hollow ring (a capital a double ring), so the coast under the town still shows."""
    x, y = int(round(at[0])), int(round(at[1]))
    pygame.draw.circle(surf, pal.text, (x, y), 3, 1)
    if place.get("kind") == "capital":
        pygame.draw.circle(surf, pal.text, (x, y), 5, 1)
    elif place.get("kind") == "us_naval_base":
        pygame.draw.circle(surf, pal.us, (x, y), 1)


def place_desc(place: dict[str, Any]) -> str:
    kind = place.get("kind", "")
    extra = {
        "us_naval_base": "US naval base",
        "mrbm_site": "missile sites nearby",
        "irbm_site": "missile sites nearby",
    }.get(kind)
    return f"{place['name']} — {extra}" if extra else place["name"]


def line_forms(fonts: Fonts, in_force: bool, line_nm: int) -> list[tuple[pygame.font.Font, str, pygame.font.Font, str]]:
    """The line's label, longest first: (title font, title, status font, status). The last are for a small map."""
    bold, bold_small, small = fonts.get("ui_bold", 11), fonts.get("ui_bold", 9), fonts.get("ui", 9)
    state = "IN FORCE" if in_force else "PROCLAIMED — NOT YET IN FORCE"
    short = "IN FORCE" if in_force else "PROCLAIMED"
    return [
        (bold, f"QUARANTINE LINE — {line_nm} NM", small, state),
        (bold, f"QUARANTINE — {line_nm} NM", small, short),
        (bold_small, f"QUARANTINE {line_nm} NM", small, short),
    ]


def render_line(
    surf: pygame.Surface, proj: Projection, pal: Palette, fonts: Fonts, placer: Placer, quarantine: str, line_nm: int
) -> None:
    """The quarantine line: a dashed arc on its sea side; tight bright dashes in force, sparse dim ones
    when only proclaimed (the dash pattern tells the two apart without colour, and so does the label)."""
    in_force = quarantine == "in_force"
    color = pal.line if in_force else mix(pal.line, pal.sea, 0.45)
    pts = drop_specks([(proj.local(lon, lat), sea) for lon, lat, sea in quarantine_arc(line_nm)], surf.get_rect())
    _dashes(surf, pts, color, (12.0, 5.0) if in_force else (6.0, 11.0))
    for title_font, title, sub_font, sub in line_forms(fonts, in_force, line_nm):
        t_surf, s_surf = text.render(title_font, title, color), text.render(sub_font, sub, color)
        size = (max(t_surf.get_width(), s_surf.get_width()), t_surf.get_height() + s_surf.get_height())
        rect = _line_label_spot(proj, pts, line_nm, size, surf.get_rect().inflate(-8, -8), placer)
        if rect is not None and placer.fixed(title, rect):
            break
    else:
        return
    plate = pygame.Surface(rect.inflate(8, 2).size, pygame.SRCALPHA)
    plate.fill((*pal.sea, 190))  # keeps the label legible where it crosses a coast
    surf.blit(plate, rect.inflate(8, 2))
    surf.blit(t_surf, t_surf.get_rect(midtop=rect.midtop))
    surf.blit(s_surf, s_surf.get_rect(midbottom=rect.midbottom))


# Where along the line its label is tried, in order: (bearing from Cuba, 1 inside the arc or -1 outside). North
# of Cuba first, then south-east, always away from the ship lanes (35°–78°) so as not to cover a ship.
LINE_SPOTS: tuple[tuple[float, int], ...]
LINE_SPOTS = ((18.0, 1), (12.0, 1), (24.0, 1), (6.0, 1), (0.0, 1), (350.0, 1), (130.0, -1), (140.0, -1))
LINE_SPOTS += ((120.0, -1), (110.0, 1), (95.0, 1), (18.0, -1), (6.0, -1), (345.0, -1), (150.0, 1), (100.0, -1))
# Then anywhere along it, on either side: a small map with large text has little open sea.
LINE_SPOTS += tuple((float(b % 360), way) for b in range(300, 511, 10) for way in (1, -1))


MAX_LINE_LAND = 0.15  # the share of the line's label that may lie over land (a cape, an island)


def _line_label_spot(
    proj: Projection,
    pts: list[tuple[tuple[float, float], bool]],
    line_nm: int,
    size: tuple[int, int],
    box: pygame.Rect,
    placer: Placer,
) -> pygame.Rect | None:
    """Beside the arc, over open sea, at the first spot where the label fits clear of the curve, of the places'
    dots and of the other labels; None if there is none."""
    w, h = size
    cx, cy = proj.local(*CENTRE)
    curve = pygame.Mask(proj.rect.size)  # the arc's points, so that a trial is checked against all at once
    for (px, py), _sea in pts:
        if 0 <= px < curve.get_size()[0] and 0 <= py < curve.get_size()[1]:
            curve.set_at((int(px), int(py)))
    near = pygame.Mask((w + 8, h + 6), fill=True)
    for bearing, way in LINE_SPOTS:
        x, y = proj.local(*destination(*CENTRE, bearing, line_nm))
        d = math.hypot(cx - x, cy - y) or 1.0
        for k in range(40):  # step away from the arc until the label clears its curve
            trial = pygame.Rect(0, 0, w, h)
            gap = way * (h / 2 + 6 + 3 * k)
            trial.center = (int(x + (cx - x) / d * gap), int(y + (cy - y) / d * gap))
            if curve.overlap(near, trial.inflate(8, 6).topleft) is None:
                break
        else:
            continue
        if box.contains(trial) and placer.free(trial) and placer.land_share(trial) <= MAX_LINE_LAND:
            return trial
    return None


def _dashes(
    surf: pygame.Surface,
    pts: list[tuple[tuple[float, float], bool]],
    color: tuple[int, int, int],
    pattern: tuple[float, float],
) -> None:
    """Dash the arc's sea stretches with (on, off) pixels, the pattern carried across the arc's points."""
    on, off = pattern
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
            step = min((on - phase) if in_dash else (on + off - phase), seg - t)
            if in_dash:
                if not dash:
                    dash.append((a[0] + (b[0] - a[0]) * (t / seg), a[1] + (b[1] - a[1]) * (t / seg)))
                dash.append((a[0] + (b[0] - a[0]) * ((t + step) / seg), a[1] + (b[1] - a[1]) * ((t + step) / seg)))
            else:
                flush()
            t += step
            phase += step
            if phase >= on + off - 1e-9:
                phase = 0.0
            elif phase >= on and in_dash:
                flush()
    flush()
