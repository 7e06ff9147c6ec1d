"""The missile sites on Cuba, as this side knows them, grouped by town.

A site's status is told three ways, so that neither colour vision nor a small window hides it: the fill
(readiness, from the bottom up, while it is worked on), a mark (a bar for halted work, a burst and a cross for
a struck site, a dashed empty outline for a dismantled one), and a word under the town's
name ("1 struck · 1 dismantled").
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import pygame

from game.engine.model import Site
from game.engine.view import PlayerView
from game.ui.mapbase import FIXED_PLACES, place_desc
from game.ui.mapgeo import Projection, Target, map_data, spread
from game.ui.maplabels import Layer, Line, Pending
from game.ui.theme import Color, Palette

SITE_TOWN_KINDS = ("mrbm_site", "irbm_site")
# The side of its cluster of site glyphs where each site town's name is tried first.
TOWN_SIDES: dict[str, str] = {
    "San Cristóbal": "below-left",
    "Guanajay": "below",
    "Sagua la Grande": "below-right",
    "Remedios": "below-right",
}
MERGE_SHARE = 0.6  # two towns share a grid when their grids would overlap by this much of their reach
STATUS_WORDS = ("halted", "struck", "dismantled")  # the statuses named under a town (building is the default)


class SiteStyle(NamedTuple):
    """How one site is drawn: ``fill`` is "readiness", "none" or "solid"; ``mark`` the shape that tells its status
    without colour; ``word`` what its town's label says of it."""

    fill: str
    colour: Color
    outline: str  # "solid" | "dashed"
    mark: str  # "" | "ready" | "bar" | "burst"
    word: str


def site_style(status: str, readiness: float, pal: Palette) -> SiteStyle:
    """The style for a site's status and readiness in palette ``pal``."""
    if status == "dismantled":
        return SiteStyle("none", pal.dim, "dashed", "", "dismantled")
    if status == "struck":
        return SiteStyle("solid", pal.danger, "solid", "burst", "struck")
    colour = pal.ok if readiness < 50 else pal.warn if readiness < 100 else pal.danger
    if status == "halted":
        return SiteStyle("readiness", colour, "solid", "bar", "halted")
    return SiteStyle("readiness", colour, "solid", "ready" if readiness >= 100 else "", "")


def site_glyph(surface: pygame.Surface, pal: Palette, site: Site, at: tuple[float, float], g: float) -> None:
    """Triangle for an MRBM, diamond for an IRBM, drawn in the style of its status."""
    x, y = at
    if site.kind == "irbm":
        shape = [(x, y - g), (x + g * 0.85, y), (x, y + g), (x - g * 0.85, y)]
    else:
        shape = [(x, y - g), (x + g * 0.95, y + g * 0.7), (x - g * 0.95, y + g * 0.7)]
    readiness = max(0.0, min(100.0, float(site.readiness)))
    style = site_style(site.status, readiness, pal)
    if style.mark == "burst":  # an eight-pointed burst behind the glyph: hit
        burst = [
            (
                x + math.cos(i * math.pi / 8) * g * (1.6 if i % 2 == 0 else 0.9),
                y + math.sin(i * math.pi / 8) * g * (1.6 if i % 2 == 0 else 0.9),
            )
            for i in range(16)
        ]
        pygame.draw.polygon(surface, style.colour, burst)
        pygame.draw.polygon(surface, pal.bg, shape)
    elif style.fill == "readiness":
        top, bottom = min(p[1] for p in shape), max(p[1] for p in shape)
        pygame.draw.polygon(surface, pal.bg, shape)
        level = bottom - (bottom - top) * readiness / 100.0
        clip = pygame.Rect(int(x - g - 2), int(math.floor(level)), int(2 * g + 4), int(bottom - level) + 2)
        old = surface.get_clip()
        surface.set_clip(clip.clip(old))
        pygame.draw.polygon(surface, style.colour, shape)
        surface.set_clip(old)
    if style.outline == "dashed":
        for a, b in zip(shape, shape[1:] + shape[:1], strict=True):
            for k in range(0, 4, 2):  # two dashes on each side
                p = (a[0] + (b[0] - a[0]) * k / 4, a[1] + (b[1] - a[1]) * k / 4)
                q = (a[0] + (b[0] - a[0]) * (k + 1) / 4, a[1] + (b[1] - a[1]) * (k + 1) / 4)
                pygame.draw.line(surface, style.colour, p, q, 1)
    else:
        pygame.draw.polygon(surface, pal.text if style.mark == "burst" else style.colour, shape, 1)
    if style.mark == "burst":
        pygame.draw.line(surface, pal.text, (x - g * 0.6, y - g * 0.4), (x + g * 0.6, y + g * 0.6), 2)
        pygame.draw.line(surface, pal.text, (x + g * 0.6, y - g * 0.4), (x - g * 0.6, y + g * 0.6), 2)
    elif style.mark == "bar":  # work stopped: a bar across the top
        pygame.draw.line(surface, pal.text, (x - g * 0.5, y - g - 2), (x + g * 0.5, y - g - 2), 2)
    elif style.mark == "ready":
        pygame.draw.circle(surface, pal.danger, (int(x), int(y)), int(g + 3), 1)


def _groups(view: PlayerView, proj: Projection) -> tuple[dict[str, list[Site]], dict[str, tuple[float, float]]]:
    """The sites this side knows of, grouped by their nearest site town (a lone site is a group of its own)."""
    coords = {s.id: (s.lon, s.lat) for s in view.scenario.sites}
    towns = [p for p in map_data()["places"] if p.get("kind") in SITE_TOWN_KINDS]
    groups: dict[str, list[Site]] = {}
    for site in (s for s in view.sites if s.id in coords):
        lon, lat = coords[site.id]
        near = min(towns, key=lambda p: (p["lon"] - lon) ** 2 + (p["lat"] - lat) ** 2, default=None)
        ok = near is not None and abs(near["lon"] - lon) < 0.6 and abs(near["lat"] - lat) < 0.6
        groups.setdefault(near["name"] if near is not None and ok else "#" + site.id, []).append(site)
    return groups, coords


class Photo(NamedTuple):
    """What the US knows its site picture from: the date of the last photographs, and whether any reconnaissance
    has flown since the last strike (until then a struck site is only the strike's own claim)."""

    date: str  # "27 Oct"
    assessed: bool


RECON_KEYS = ("event_u2_photographs", "event_irbm_sites", "order_u2", "order_lowlevel")
STRIKE_KEY = "damage_assessment"  # the strike's own photographs: hits claimed, not yet assessed
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def photographed(view: PlayerView) -> Photo | None:
    """The US picture's date from its log (None for Moscow, which knows its own sites, or before any photograph)."""
    if getattr(view, "side", "us") != "us":
        return None
    shots = [e for e in getattr(view, "log", ()) if e.key in RECON_KEYS or e.key == STRIKE_KEY]
    if not shots:
        return None
    first, _, last = shots[-1].date.partition("/")  # a turn of several days is dated by its span
    _year, month, day = (int(x) for x in (last or first).split("-"))
    return Photo(f"{day} {MONTHS[month - 1]}", shots[-1].key != STRIKE_KEY)


def status_line(sites: list[Site], photo: Photo | None = None) -> str:
    """What a town's label says of its sites beyond the glyphs: "2 ready · 1 struck, not assessed" (empty if all
    are being built); ``photo`` tells whether a strike's claims have been checked since."""
    words = {"struck": "struck" if photo is None or photo.assessed else "struck, not assessed"}
    counts = [(sum(1 for s in sites if s.operational), "ready")]
    counts += [(sum(1 for s in sites if s.status == word), words.get(word, word)) for word in STATUS_WORDS]
    return " · ".join(f"{n} {word}" for n, word in counts if n)


def _grid(count: int, step: float) -> list[tuple[float, float]]:
    """Offsets of ``count`` glyphs in a small square grid around their centre."""
    cols = math.ceil(math.sqrt(count))
    rows = math.ceil(count / cols)
    return [((i % cols - (cols - 1) / 2) * step, (i // cols - (rows - 1) / 2) * step) for i in range(count)]


def _clusters(
    groups: dict[str, list[Site]], coords: dict[str, tuple[float, float]], proj: Projection, g: float
) -> list[tuple[list[str], list[Site]]]:
    """The town groups, with any two whose grids would overlap merged into one (on a small map San Cristóbal and
    Guanajay are 3 px apart: one grid labelled with both names beats two grids pushed off across the sea)."""
    clusters = [([name], list(members)) for name, members in groups.items()]
    merged = True
    while merged:
        merged = False
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                (pi, ri), (pj, rj) = (_footprint(c[1], coords, proj, g) for c in (clusters[i], clusters[j]))
                if math.dist(pi, pj) < (ri + rj) * MERGE_SHARE:
                    clusters[i] = (clusters[i][0] + clusters[j][0], clusters[i][1] + clusters[j][1])
                    del clusters[j]
                    merged = True
                    break
            if merged:
                break
    return clusters


def _footprint(
    members: list[Site], coords: dict[str, tuple[float, float]], proj: Projection, g: float
) -> tuple[tuple[float, float], float]:
    """The centre and radius of a grid of ``members`` drawn at their mean position."""
    pts = [proj(*coords[m.id]) for m in members]
    centre = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    return centre, max(math.hypot(*o) for o in _grid(len(members), 2 * g + 2)) + g


def draw_sites(layer: Layer, view: PlayerView, positions: dict[str, tuple[float, float]]) -> None:
    """Sites grouped by town in a small grid (towns too close to tell apart share one), the grids pushed off
    each other and off the fixed places' dots, each grid's town names queued beside it."""
    proj, pal = layer.proj, layer.palette
    groups, coords = _groups(view, proj)
    if not groups:
        return
    g = max(4.0, min(9.0, proj.scale * 0.22))
    clusters = _clusters(groups, coords, proj, g)
    feet = [_footprint(members, coords, proj, g) for _, members in clusters]
    centres = [list(c) for c, _ in feet]
    places = map_data()["places"]
    spread(
        centres, [r for _, r in feet], [(*proj(p["lon"], p["lat"]), 6.0) for p in places if p["name"] in FIXED_PLACES]
    )
    towns = {p["name"]: p for p in places if p.get("kind") in SITE_TOWN_KINDS}
    photo = photographed(view)
    boxes = [
        _draw_cluster(layer, names, members, anchor, (cx, cy), g, towns, photo, positions)
        for (names, members), anchor, (cx, cy) in zip(clusters, feet, centres, strict=True)
    ]
    if photo is not None:  # once for the map, not under every town: the sites are as of that day's photographs
        small, tiny = layer.fonts.get("ui_bold", 9), layer.fonts.get("ui", 9)
        forms = [[(small, f"Sites as photographed {photo.date}", pal.warn)], [(tiny, f"photo {photo.date}", pal.warn)]]
        layer.label(Pending(40, boxes[0].unionall(boxes[1:]), forms, None, "below"))


def _draw_cluster(
    layer: Layer,
    names: list[str],
    members: list[Site],
    anchor: tuple[tuple[float, float], float],
    at: tuple[float, float],
    g: float,
    towns: dict[str, Any],
    photo: Photo | None,
    positions: dict[str, tuple[float, float]],
) -> pygame.Rect:
    """One grid of sites at ``at`` (tied back to its towns' ``anchor`` when pushed off it), its towns' names
    queued beside it; returns the rect its glyphs cover."""
    pal = layer.palette
    (ax, ay), radius = anchor
    cx, cy = at
    if math.hypot(cx - ax, cy - ay) > radius:
        pygame.draw.aaline(layer.surface, pal.dim, (ax, ay), (cx, cy))  # a leader back to the town
    box = pygame.Rect(0, 0, 0, 0)
    for site, (dx, dy) in zip(members, _grid(len(members), 2 * g + 2), strict=True):
        x, y = positions[site.id] = (cx + dx, cy + dy)
        site_glyph(layer.surface, pal, site, (x, y), g)
        layer.targets.append(Target(x, y, g + 1, site_desc(site, photo), 0))
        glyph = pygame.Rect(int(x - g), int(y - g), int(2 * g) + 1, int(2 * g) + 1).inflate(2, 2)
        box = glyph if box.w == 0 else box.union(glyph)
    layer.glyph(box)
    # Only towns with a site this side knows of are named: a name with no known site beside it would tell
    # Washington where to look.
    named = [towns[n] for n in names if n in towns]
    if named:
        target = Target(cx, cy, 0, " · ".join(place_desc(t) for t in named), 3)
        layer.targets.append(target)
        forms = _town_forms(layer, [t["name"] for t in named], status_line(members, photo))
        layer.label(Pending(0, box, forms, target, TOWN_SIDES.get(names[0], "right")))
    return box


def _town_forms(layer: Layer, names: list[str], words: str) -> list[list[Line]]:
    """A grid's label, longest first: its towns' names, one a line, then what is known of its sites; the same in
    smaller text only when no spot takes it."""
    pal, fonts = layer.palette, layer.fonts
    font, small, tiny = fonts.get("ui", 11), fonts.get("ui_bold", 9), fonts.get("ui", 9)
    status: list[Line] = [(small, words, pal.warn)] if words else []
    big: list[Line] = [(font, n, pal.text) for n in names]
    little: list[Line] = [(tiny, n, pal.text) for n in names]
    return [big + status, little + status, big, little] if status else [big, little]


def site_desc(site: Site, photo: Photo | None = None) -> str:
    status: str = "operational" if site.operational else site.status
    if site.status == "struck" and photo is not None and not photo.assessed:
        status = "struck (not yet assessed)"
    seen = f"; as photographed {photo.date}" if photo else ""
    kind = f"{site.kind.upper()}, {site.launchers} launchers"
    return f"{site.name} — {kind}, readiness {site.readiness:.0f}%, {status}{seen}"
