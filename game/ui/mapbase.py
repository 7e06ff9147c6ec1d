"""The map's base layer: sea, graticule, land, coastlines, fixed place names, and the quarantine line.

It never changes during a game but for the line, and anti-aliased coastlines are the most expensive thing
to draw (``aaline`` was ~40% of a frame's draw time when measured), so ``MapView`` renders it once per
(map size, palette, text scale) and keeps it; the line is baked into a copy per state of the quarantine.
Labels drawn here go through the same ``Placer`` as the ships' and sites', so none overlaps another.
"""

from __future__ import annotations

import math

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
    on_land,
    quarantine_arc,
)
from game.ui.maplabels import Placer
from game.ui.theme import Fonts, Palette

FIXED_PLACES = ("Havana", "Miami", "Key West", "Guantánamo Bay")
# Where each fixed label goes first relative to its dot: (anchor of the label, dx, dy) in pixels, chosen to keep
# the labels over open water and off each other in crowded western Cuba; the Placer moves them if they collide.
LABEL_SPOTS: dict[str, tuple[str, int, int]] = {
    "Havana": ("midright", -6, -7),
    "Miami": ("midleft", 6, 0),
    "Key West": ("midright", -6, -2),
    "Guantánamo Bay": ("midtop", 4, 6),
}


def render_static(proj: Projection, pal: Palette, fonts: Fonts) -> tuple[pygame.Surface, Placer, list[Target]]:
    """Sea, graticule, land, coastlines and fixed place names, in map-local pixels. Called once per size.

    Returns the surface, the Placer holding the labels drawn on it (map-local), and the places' hit targets.
    """
    surf = pygame.Surface(proj.rect.size)
    surf.fill(pal.sea)
    _graticule(surf, proj, pal)  # first, so that land covers it: a chart, not a spreadsheet
    _land(surf, proj, pal)
    placer = Placer(surf.get_rect())
    targets: list[Target] = []
    font = fonts.get("ui", 11)
    places = map_data()["_places"]
    for name in FIXED_PLACES:  # the places first: a degree mark gives way to a town's name
        place = places.get(name)
        if place is None:
            continue
        x, y = proj.local(place["lon"], place["lat"])
        _place_dot(surf, place, (x, y), pal)
        label = _place_label(surf, placer, font, name, (x, y), pal)
        targets.append(Target(x, y, 6, place_desc(place), 3, label))
    _degree_marks(surf, proj, pal, fonts, placer)
    return surf, placer, targets


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


def _degree_marks(surf: pygame.Surface, proj: Projection, pal: Palette, fonts: Fonts, placer: Placer) -> None:
    """Degree labels along the bottom and left edges, after the land so they stay legible; dropped on a clash."""
    font = fonts.get("ui", 9)
    colour = mix(pal.grid, pal.dim, 0.55)
    h = surf.get_height()
    marks = [(f"{-lon}°W", (int(proj.local(lon, 0)[0]) + 3, h - 3)) for lon in range(-90, int(LON_MAX) + 1, 5)]
    marks += [(f"{lat}°N", (3, int(proj.local(0, lat)[1]) - 2)) for lat in range(15, int(LAT_MAX) + 1, 5)]
    for words, pos in marks:
        rendered = text.render(font, words, colour)
        rect = rendered.get_rect(bottomleft=pos)
        if placer.fixed(words, rect):
            surf.blit(rendered, rect)


def _place_label(
    surf: pygame.Surface, placer: Placer, font: pygame.font.Font, name: str, at: tuple[float, float], pal: Palette
) -> pygame.Rect | None:
    """A fixed place's name at its chosen spot, or wherever else beside its dot it fits."""
    anchor, dx, dy = LABEL_SPOTS.get(name, ("midleft", 6, 0))
    rendered = text.render(font, name, pal.text)
    rect = rendered.get_rect(**{anchor: (int(at[0]) + dx, int(at[1]) + dy)})
    if placer.fixed(name, rect):
        surf.blit(rendered, rect)
        return rect
    return placer.place(surf, pygame.Rect(int(at[0]) - 4, int(at[1]) - 4, 9, 9), [[(font, name, pal.text)]])


def _place_dot(surf: pygame.Surface, place: dict, at: tuple[float, float], pal: Palette) -> None:
    """A hollow ring (a capital a double ring), so the coast under the town still shows."""
    x, y = int(round(at[0])), int(round(at[1]))
    pygame.draw.circle(surf, pal.text, (x, y), 3, 1)
    if place.get("kind") == "capital":
        pygame.draw.circle(surf, pal.text, (x, y), 5, 1)
    elif place.get("kind") == "us_naval_base":
        pygame.draw.circle(surf, pal.us, (x, y), 1)


def place_desc(place: dict) -> str:
    kind = place.get("kind", "")
    extra = {
        "us_naval_base": "US naval base",
        "mrbm_site": "missile sites nearby",
        "irbm_site": "missile sites nearby",
    }.get(kind)
    return f"{place['name']} — {extra}" if extra else place["name"]


def render_line(
    surf: pygame.Surface, proj: Projection, pal: Palette, fonts: Fonts, placer: Placer, quarantine: str, line_nm: int
) -> None:
    """The quarantine line: a dashed arc on its sea side; tight bright dashes in force, sparse dim ones
    when only proclaimed (the dash pattern tells the two apart without colour, and so does the label)."""
    in_force = quarantine == "in_force"
    color = pal.line if in_force else mix(pal.line, pal.sea, 0.45)
    pts = drop_specks([(proj.local(lon, lat), sea) for lon, lat, sea in quarantine_arc(line_nm)], surf.get_rect())
    _dashes(surf, pts, color, (12.0, 5.0) if in_force else (6.0, 11.0))
    title = (fonts.get("ui_bold", 11), f"QUARANTINE LINE — {line_nm} NM", color)
    sub = (fonts.get("ui", 9), "IN FORCE" if in_force else "PROCLAIMED — NOT YET IN FORCE", color)
    t_surf, s_surf = text.render(title[0], title[1], color), text.render(sub[0], sub[1], color)
    size = (max(t_surf.get_width(), s_surf.get_width()), t_surf.get_height() + s_surf.get_height())
    rect = _line_label_spot(proj, pts, line_nm, size, surf.get_rect().inflate(-8, -8), placer)
    if rect is None or not placer.fixed(title[1], rect):
        return
    plate = pygame.Surface(rect.inflate(8, 2).size, pygame.SRCALPHA)
    plate.fill((*pal.sea, 190))  # keeps the label legible where it crosses a coast
    surf.blit(plate, rect.inflate(8, 2))
    surf.blit(t_surf, t_surf.get_rect(midtop=rect.midtop))
    surf.blit(s_surf, s_surf.get_rect(midbottom=rect.midbottom))


def _line_label_spot(
    proj: Projection,
    pts: list[tuple[tuple[float, float], bool]],
    line_nm: int,
    size: tuple[int, int],
    box: pygame.Rect,
    placer: Placer,
) -> pygame.Rect | None:
    """Beside the arc, over open sea, at the first bearing where the label fits clear of the curve and of the
    other labels: just inside the arc to the north, else outside it to the south-east, away from the ship lanes."""
    w, h = size
    cx, cy = proj.local(*CENTRE)
    for bearing, way in (
        (18.0, 1),
        (12.0, 1),
        (24.0, 1),
        (6.0, 1),
        (0.0, 1),
        (130.0, -1),
        (140.0, -1),
        (120.0, -1),
        (110.0, 1),
        (95.0, 1),
    ):
        x, y = proj.local(*destination(*CENTRE, bearing, line_nm))
        d = math.hypot(cx - x, cy - y) or 1.0
        for k in range(40):  # step away from the arc until the label clears its curve
            trial = pygame.Rect(0, 0, w, h)
            gap = way * (h / 2 + 6 + 3 * k)
            trial.center = (int(x + (cx - x) / d * gap), int(y + (cy - y) / d * gap))
            if not any(trial.inflate(8, 6).collidepoint(p) for p, _sea in pts):
                break
        else:
            continue
        corners = (trial.topleft, trial.topright, trial.bottomleft, trial.bottomright, trial.center)
        if (
            box.contains(trial)
            and trial.collidelist([r for _, r in placer.labels]) < 0
            and not any(on_land(*proj.unlocal(*c)) for c in corners)
        ):
            return trial
    corner = pygame.Rect(0, 0, w, h)
    corner.bottomright = box.bottomright
    return corner if box.contains(corner) else None


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
