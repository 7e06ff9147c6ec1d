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

from game.ui.mapbase import FIXED_PLACES, place_desc
from game.ui.mapgeo import Target, map_data, spread
from game.ui.maplabels import Layer, Pending
from game.ui.theme import Color, Palette

SITE_TOWN_KINDS = ("mrbm_site", "irbm_site")
# The side of its cluster of site glyphs where each site town's name is tried first.
TOWN_SIDES: dict[str, str] = {
    "San Cristóbal": "below-left",
    "Guanajay": "below",
    "Sagua la Grande": "above-right",
    "Remedios": "below-right",
}
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


def site_glyph(surface: pygame.Surface, pal: Palette, site: Any, at: tuple[float, float], g: float) -> None:
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


def _groups(view: Any, proj: Any) -> tuple[dict[str, list[Any]], dict[str, tuple[float, float]]]:
    """The sites this side knows of, grouped by their nearest site town (a lone site is a group of its own)."""
    coords = {s.id: (s.lon, s.lat) for s in view.scenario.sites}
    towns = [p for p in map_data()["places"] if p.get("kind") in SITE_TOWN_KINDS]
    groups: dict[str, list[Any]] = {}
    for site in (s for s in view.sites if s.id in coords):
        lon, lat = coords[site.id]
        near = min(towns, key=lambda p: (p["lon"] - lon) ** 2 + (p["lat"] - lat) ** 2, default=None)
        ok = near is not None and abs(near["lon"] - lon) < 0.6 and abs(near["lat"] - lat) < 0.6
        groups.setdefault(near["name"] if ok else "#" + site.id, []).append(site)
    return groups, coords


def status_line(sites: list[Any]) -> str:
    """What a town's label says of its sites beyond the glyphs: "1 struck · 1 halted" (empty if all are built)."""
    counts = [(sum(1 for s in sites if s.status == word), word) for word in STATUS_WORDS]
    return " · ".join(f"{n} {word}" for n, word in counts if n)


def draw_sites(layer: Layer, view: Any, positions: dict[str, tuple[float, float]]) -> None:
    """Sites grouped by town in a small grid (San Cristóbal's four sites are 3 px apart at 720 px high),
    the groups pushed off each other and off the fixed places' dots, each town's name queued beside its group."""
    proj, pal = layer.proj, layer.palette
    groups, coords = _groups(view, proj)
    if not groups:
        return
    g = max(5.0, min(9.0, proj.scale * 0.22))
    step = 2 * g + 2
    names = list(groups)
    offsets, centres, radii = [], [], []
    for name in names:
        members = groups[name]
        cols = math.ceil(math.sqrt(len(members)))
        rows = math.ceil(len(members) / cols)
        offs = [((i % cols - (cols - 1) / 2) * step, (i // cols - (rows - 1) / 2) * step) for i in range(len(members))]
        offsets.append(offs)
        pts = [proj(*coords[m.id]) for m in members]
        centres.append([sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)])
        radii.append(max(math.hypot(*o) for o in offs) + g)
    anchors = [centre[:] for centre in centres]
    places = map_data()["places"]
    spread(centres, radii, [(*proj(p["lon"], p["lat"]), 6.0) for p in places if p["name"] in FIXED_PLACES])
    towns = {p["name"]: p for p in places if p.get("kind") in SITE_TOWN_KINDS}
    font, small = layer.fonts.get("ui", 11), layer.fonts.get("ui_bold", 9)
    for name, offs, (cx, cy), (ax, ay), radius in zip(names, offsets, centres, anchors, radii, strict=True):
        if math.hypot(cx - ax, cy - ay) > radius:
            pygame.draw.aaline(layer.surface, pal.dim, (ax, ay), (cx, cy))  # a leader back to the town
        box = pygame.Rect(0, 0, 0, 0)
        for site, (dx, dy) in zip(groups[name], offs, strict=True):
            x, y = positions[site.id] = (cx + dx, cy + dy)
            site_glyph(layer.surface, pal, site, (x, y), g)
            layer.targets.append(Target(x, y, g + 1, site_desc(site), 0))
            glyph = pygame.Rect(int(x - g), int(y - g), int(2 * g) + 1, int(2 * g) + 1).inflate(6, 6)
            box = glyph if box.w == 0 else box.union(glyph)
        layer.glyph(box)
        # Only towns with a site this side knows of are named: a name with no known site beside it would tell
        # Washington where to look.
        town = towns.get(name)
        if town is None:
            continue
        forms = [[(font, town["name"], pal.text)]]
        words = status_line(groups[name])
        if words:
            forms.insert(0, forms[0] + [(small, words, pal.warn)])
            forms.append([(small, words, pal.warn)])
        target = Target(cx, cy, 0, place_desc(town), 3)
        layer.targets.append(target)
        layer.label(Pending(0, box, forms, target, TOWN_SIDES.get(name, "right")))


def site_desc(site: Any) -> str:
    status = "operational" if site.operational else site.status
    return f"{site.name} — {site.kind.upper()}, {site.launchers} launchers, readiness {site.readiness:.0f}%, {status}"
