"""The inset of the ships and submarines beyond the map's edge: one row each, nearest first, its distance written out.

Far out in the Atlantic the lanes leave the map, and ships 2,650 and 2,740 nm out would otherwise sit a pixel
apart at its edge. The inset lists them instead, in a box against the map's right edge (over the approaches they
come by): each row its glyph (the same status marks as on the map) and "Poltava 2,650 nm", rows a line apart, so
that no two ever touch. The box takes the map's top-right corner if it can (a ship whose lane runs under it is listed in
it too, so that it covers no ship), else a clear place along the edges; a form with smaller text, then one
without the names, is used when the full one does not fit.
"""

from __future__ import annotations

import math

import pygame

from game.ui import text
from game.ui.mapgeo import CENTRE, Target, nm_text
from game.ui.maplabels import Layer
from game.ui.mapships import FarMark, ship_glyph, sub_glyph

Plan = tuple[pygame.font.Font, bool, bool, pygame.Rect]  # the font, rows named or not, tags or not, the box

GLYPH_W = 38  # the glyph column: a hull with the mark ahead of its bow (a returning ship's arrow is 20 px long)
PAD = 3
MIN_ROW = 16  # rows are never closer than this, whatever the text size: the legible gap between two far ships
MAX_W, MAX_H = 0.5, 0.8  # the most of the map's width and height the inset may take


def inset_title(edge_nm: float) -> str:
    return f"BEYOND {nm_text(edge_nm).upper()}"


def _line(mark: FarMark, named: bool) -> str:
    return f"{mark.name} {nm_text(mark.nm)}" if named else nm_text(mark.nm)


def _forms(layer: Layer) -> list[tuple[pygame.font.Font, bool, bool]]:
    """The inset's forms, longest first: (font, whether the rows name their ships, with the status tag)."""
    big, small = layer.fonts.get("ui", 11), layer.fonts.get("ui", 9)
    return [(big, True, True), (big, True, False), (small, True, False), (small, False, False)]


def _sizes(layer: Layer, marks: list[FarMark]) -> list[Plan]:
    """Each form with the size of its box, longest first; the last cut to the rows that fit the map."""
    area = layer.proj.rect
    tag_font = layer.fonts.get("ui_bold", 9)
    title_h = tag_font.get_linesize()
    out = []
    for font, named, tags in _forms(layer):
        lines = [_line(m, named) for m in marks]
        row_h = max(MIN_ROW, font.get_linesize()) + 2
        widths = [
            font.size(line)[0] + (tag_font.size(" " + m.tag)[0] if tags and m.tag else 0)
            for line, m in zip(lines, marks, strict=True)
        ]
        w = PAD * 2 + GLYPH_W + max(widths + [tag_font.size(inset_title(layer.scale.edge_nm))[0] - GLYPH_W])
        h = PAD * 2 + title_h + row_h * len(lines)
        if w <= area.w * MAX_W and h <= area.h * MAX_H:
            out.append((font, named, tags, pygame.Rect(0, 0, w, h)))
    if not out:
        rows = max(1, int((area.h * MAX_H - PAD * 2 - title_h) // row_h))
        out.append((font, named, False, pygame.Rect(0, 0, w, PAD * 2 + title_h + row_h * rows)))
    return out


def layout(layer: Layer, far: list[FarMark]) -> Plan | None:
    """Where the inset of ``far`` goes and in what form (None when nothing is far)."""
    return _layout(layer, sorted(far, key=lambda m: (m.nm, m.name))) if far else None


def _layout(layer: Layer, marks: list[FarMark]) -> Plan:
    """The longest form that fits in the map's top-right corner (the far Atlantic, where the lanes leave the
    map) or else its top-left (the mainland, where no ship sails), else the longest that fits the map, placed
    on the first clear spot down its right edge."""
    forms = _sizes(layer, marks)
    area = layer.proj.rect.inflate(-2, -2)
    for corner in ("topright", "topleft"):
        for font, named, tags, box in forms:
            setattr(box, corner, getattr(area, corner))
            if layer.placer.free(box):
                return font, named, tags, box
    font, named, tags, box = forms[0]
    return font, named, tags, _spot(layer, box.size)


def _spot(layer: Layer, size: tuple[int, int]) -> pygame.Rect:
    """Along the map's right and top edges, the place clear of every label and glyph that lies farthest from
    Cuba (where it hides least of what matters); else the first clear of every label."""
    area = layer.proj.rect.inflate(-2, -2)
    trials = []
    for y in range(area.top, area.bottom - size[1] + 1, 6):
        trials.append(pygame.Rect((area.right - size[0], y), size))
    for x in range(area.right - size[0], area.left - 1, -6):
        trials.append(pygame.Rect((x, area.top), size))
    cx, cy = layer.proj(*CENTRE)
    free = [r for r in trials if layer.placer.free(r)]
    if free:
        return max(free, key=lambda r: (r.centerx - cx) ** 2 + (r.centery - cy) ** 2)
    placed = [r for _, r in layer.placer.labels]
    clear = [r for r in trials if r.collidelist(placed) < 0]
    return clear[0] if clear else (trials[0] if trials else pygame.Rect(area.topright, (0, 0)))


def draw_inset(
    layer: Layer,
    far: list[FarMark],
    plan: Plan | None,
    ships: dict[str, tuple[float, float]],
    subs: dict[str, tuple[float, float]],
) -> None:
    """The inset of ``far`` as ``plan`` lays it out; its rows become labels, its glyphs hit targets."""
    if not far or plan is None:
        return
    pal, surface = layer.palette, layer.surface
    marks = sorted(far, key=lambda m: (m.nm, m.name))
    font, named, tags, box = plan
    row_h = max(MIN_ROW, font.get_linesize()) + 2
    rows = max(0, (box.h - PAD * 2 - layer.fonts.get("ui_bold", 9).get_linesize()) // row_h)
    lines = [_line(m, named) for m in marks[:rows]]  # none is cut but when more are far out than the map can list
    plate = pygame.Surface(box.size, pygame.SRCALPHA)
    plate.fill((*pal.bg, 215))
    surface.blit(plate, box)
    pygame.draw.rect(surface, pal.panel_edge, box, 1)
    title_font, tag_font = layer.fonts.get("ui_bold", 9), layer.fonts.get("ui_bold", 9)
    title = text.draw(surface, title_font, inset_title(layer.scale.edge_nm), pal.dim, (box.x + PAD, box.y + PAD))
    layer.placer.labels.append(
        (inset_title(layer.scale.edge_nm), pygame.Rect(box.x, box.y, box.w, title.bottom - box.y))
    )
    top = title.bottom
    for mark, line in zip(marks, lines, strict=False):
        row = pygame.Rect(box.x, top, box.w, row_h)
        cy = row.centery
        if mark.kind == "sub":
            gx = row.x + PAD + GLYPH_W // 2
            sub_glyph(surface, pal, (gx, cy + 3), mark.status == "surfaced")
            subs[mark.id] = (gx, cy)
        else:
            back = mark.status == "returning"
            gx = row.x + PAD + (10 if back else GLYPH_W - 10)
            ship_glyph(surface, pal, (gx, cy), 0.0 if back else math.pi, mark.status)
            ships[mark.id] = (gx, cy)
        words = text.draw(surface, font, line, pal.text, (row.x + PAD + GLYPH_W, cy), "midleft")
        if tags and mark.tag:
            text.draw(surface, tag_font, mark.tag, mark.tag_colour, (words.right + 4, cy), "midleft")
        layer.placer.labels.append((line, row))
        layer.targets.append(Target(gx, cy, 11, mark.desc, 1, row))
        top += row_h
    layer.glyph(box)
