"""The turn screen's layout and its gauges: top bar, escalation ladder, risk, meters.

Everything is placed from the window's size and the text scale, so that nothing overlaps or is
cut from 1024×640 with extra-large text to 3840×2160: rows take the height their font needs, a
ladder rung too long for its row is wrapped (never cut), and the top bar breaks into a second
line rather than run its parts into one another.
"""

from __future__ import annotations

import math
from typing import Any

import pygame

from game.engine.model import LEADER, Side
from game.engine.view import PlayerView
from game.rules_of_play import alert_words, line_drawn, meter_label
from game.ui import text
from game.ui.scene import draw_box, help_height
from game.ui.widgetbase import Look
from game.ui.widgets import Widget
from game.ui.window import Window
from game.wording import defcon_words, with_year

PAD = 10
GAP = 24  # between the parts of the top bar
ALARM_RUNG = 7
LADDER_SIZES = (13, 12, 11)  # the ladder's text, largest first: the largest at which all eleven rungs fit
PART_SIZES = (12, 11, 10)  # else the largest at which the current rung and its neighbours fit, with more around


TopPart = tuple[pygame.font.Font, str, tuple[int, int, int]]  # a piece of the top bar: its font, words, ink


def top_parts(app: Window, view: PlayerView, side: Side) -> list[TopPart]:
    """The top bar's pieces, each drawn whole: date, who you are, readiness, quarantine, turn and timer."""
    pal, fonts = app.palette, app.fonts
    alert = alert_words(view.alert)
    line = f" at {view.line_nm} nm" if line_drawn(view.quarantine) else ""
    ui = fonts.get("ui", 15)
    parts = [
        (fonts.get("type_bold", 22), with_year(view.turn_def.label).upper(), pal.accent),
        (fonts.get("ui_bold", 16), f"You are {LEADER[side]}", pal.us if side == "us" else pal.ussr),
        (ui, defcon_words(view.defcon), pal.text),
        (ui, f"Soviet alert: {alert}", pal.text),
        (ui, f"Quarantine: {view.quarantine.replace('_', ' ')}{line}", pal.text),
        (ui, app.scenario.turn_count(view.turn).capitalize(), pal.dim),
    ]
    clock = app.turn_clock if app.timed_turn() is not None else None
    if clock is not None:
        parts.append((fonts.get("ui_bold", 16), clock.text(), pal.danger if clock.warning else pal.accent))
    return parts


def flow(parts: list[tuple[pygame.font.Font, str, Any]], width: int) -> list[list[int]]:
    """Which parts go on which line of a bar ``width`` wide (indexes, in order)."""
    lines: list[list[int]] = [[]]
    used = 0
    for i, (font, words, _) in enumerate(parts):
        w = font.size(words)[0]
        if lines[-1] and used + GAP + w > width:
            lines.append([])
            used = 0
        used += (GAP if lines[-1] else 0) + w
        lines[-1].append(i)
    return lines


def top_height(app: Window, parts: list[TopPart], width: int) -> int:
    rows = flow(parts, width - 2 * PAD - 16)
    return sum(max(parts[i][0].get_linesize() for i in row) for row in rows) + 14


def draw_top(surface: pygame.Surface, app: Window, parts: list[TopPart], rect: pygame.Rect) -> None:
    pal = app.palette
    pygame.draw.rect(surface, pal.panel, rect)
    pygame.draw.line(surface, pal.panel_edge, rect.bottomleft, rect.bottomright)
    y = rect.top + 7
    for row in flow(parts, rect.width - 2 * PAD - 16):
        height = max(parts[i][0].get_linesize() for i in row)
        x = rect.left + PAD + 8
        for i in row:
            font, words, colour = parts[i]
            x = text.draw(surface, font, words, colour, (x, y + height // 2), "midleft").right + GAP
        y += height


def turn_areas(app: Window, top: int, tabs: tuple[str, ...]) -> dict[str, pygame.Rect]:
    """Where the turn screen's parts go, for this window and text scale; the foot is kept for the help line."""
    w, h = app.size
    fonts = app.fonts
    help_h = help_height(app)
    row = fonts.get("ui", 15).get_linesize() + 10
    button = fonts.get("ui_bold", 17).get_linesize() + 14
    left_w = max(200, min(340, int(w * 0.21)))
    tabs_w = sum(fonts.get("ui_bold", 17).size(name)[0] + 32 for name in tabs)  # every tab's name whole
    side_w = max(300, tabs_w, min(580, int(w * 0.3)))
    bottom = h - help_h
    caption = fonts.get("ui_bold", 14).get_linesize() + 6
    strip_h = max(caption + 4 * row + 8, caption + 3 * button + 2 * 8, int((bottom - top) * 0.36))
    strip = pygame.Rect(left_w + 2 * PAD, bottom - strip_h, w - left_w - 3 * PAD, strip_h)
    risk_h = risk_height(app, left_w)
    mid_top = top + PAD
    buttons_w = max(180, fonts.get("ui_bold", 17).size("Negotiate")[0] + 40, int(strip.width * 0.2))
    move_w = max(fonts.get("ui_bold", 17).size(label)[0] + 30 for label in ("Add ›", "‹ Take back"))
    lists = strip.width - buttons_w - move_w - 3 * PAD
    orders_w = int(lists * 0.56)
    body_top = strip.top + caption
    return {
        "top": pygame.Rect(0, 0, w, top),
        "ladder": pygame.Rect(PAD, mid_top, left_w, bottom - mid_top - risk_h - PAD),
        "risk": pygame.Rect(PAD, bottom - risk_h, left_w, risk_h),
        "map": pygame.Rect(strip.left, mid_top, w - left_w - side_w - 4 * PAD, strip.top - mid_top - PAD),
        "side": pygame.Rect(w - side_w - PAD, mid_top, side_w, strip.top - mid_top - PAD),
        "orders": pygame.Rect(strip.left, body_top, orders_w, strip.bottom - body_top),
        "move": pygame.Rect(strip.left + orders_w + PAD, body_top, move_w, strip.bottom - body_top),
        "chosen": pygame.Rect(
            strip.left + orders_w + move_w + 2 * PAD, body_top, lists - orders_w, strip.bottom - body_top
        ),
        "buttons": pygame.Rect(strip.right - buttons_w, body_top, buttons_w, strip.bottom - body_top),
        "row": pygame.Rect(0, 0, 0, row),
        "button": pygame.Rect(0, 0, 0, button),
    }


RISK_TITLE = "RISK OF AN INCIDENT"
RISK_NOTE = "this turn, as you judge it"


def risk_height(app: Window, width: int) -> int:
    """The risk box's height: its title and note wrapped to ``width``, the bar, and two lines of figures."""
    fonts = app.fonts
    inner = width - 20
    words = len(text.wrap(fonts.get("ui_bold", 14), RISK_TITLE, inner)) * fonts.get("ui_bold", 14).get_linesize()
    words += len(text.wrap(fonts.get("ui", 12), RISK_NOTE, inner)) * fonts.get("ui", 12).get_linesize()
    return words + 20 + 6 + 8 + 2 * fonts.get("ui_bold", 16).get_linesize() + 14


def tall(font: pygame.font.Font) -> int:
    """A line's height: the font's line spacing, and a pixel more, since some lines (digits) render a pixel
    taller than the font says."""
    return max(font.get_linesize(), font.get_height()) + 1


def ladder_plan(app: Window, rung: int, inner: pygame.Rect) -> tuple[pygame.font.Font, range, list[list[str]]]:
    """The ladder's text size and the rungs it shows: all eleven at the largest size where they fit; else, at
    a size still easy to read, the longest run of rungs around the current one (never fewer than it and its
    neighbours), leaving room for the cues that say which rungs are above and below."""
    rungs = app.scenario.rungs

    def measure(size: int) -> tuple[pygame.font.Font, list[list[str]], list[int]]:
        font = app.fonts.get("ui", size)
        lines = [text.wrap(font, f"{level}  {rungs[level].name}", inner.width - 14) for level in range(11)]
        return font, lines, [len(x) * tall(font) + 4 for x in lines]

    for size in LADDER_SIZES:
        font, lines, heights = measure(size)
        if sum(heights) <= inner.height:
            return font, range(11), lines
    room = inner.height - 2 * (tall(app.fonts.get("ui_bold", 11)) + 2)
    for size in PART_SIZES:
        font, lines, heights = measure(size)
        shown = around(heights, rung, room)
        if shown is not None:
            return font, shown, lines
    return font, range(max(0, rung - 1), min(10, rung + 1) + 1), lines  # the least: the rung and its neighbours


def around(heights: list[int], rung: int, room: int) -> range | None:
    """The longest run of rungs that holds ``rung`` and its neighbours and fits ``room``, widened a rung at a
    time above first (where the danger lies); None if not even the three fit."""
    low, high = max(0, rung - 1), min(10, rung + 1)
    if sum(heights[low : high + 1]) > room:
        return None
    grown = True
    while grown:
        grown = False
        for low2, high2 in ((low, high + 1), (low - 1, high)):
            if low2 >= 0 and high2 <= 10 and sum(heights[low2 : high2 + 1]) <= room:
                low, high, grown = low2, high2, True
    return range(low, high + 1)


def draw_ladder(
    surface: pygame.Surface, app: Window, view: PlayerView, rect: pygame.Rect, clock: float
) -> list[tuple[str, pygame.Rect, pygame.Rect]]:
    """The ladder, rung 0 at the foot; returns each row and piece of text drawn with the box it must stay in
    (the ladder's box, or a rung's row), for the layout test."""
    pal, fonts = app.palette, app.fonts
    draw_box(surface, app, rect)
    head = fonts.get("ui_bold", 14)
    title = "ESCALATION LADDER" if head.size("ESCALATION LADDER")[0] <= rect.width - 20 else "LADDER"
    drawn = [(title, text.draw(surface, head, title, pal.dim, (rect.left + 10, rect.top + 6)), rect)]
    inner = pygame.Rect(rect.left + 8, rect.top + tall(head) + 10, rect.width - 16, rect.height - tall(head) - 16)
    font, shown, lines = ladder_plan(app, view.rung, inner)
    rows = inner.copy()
    cue = fonts.get("ui_bold", 11)
    if len(shown) < 11:  # the cues take a line each, at the top and the foot
        rows = inner.inflate(0, -2 * (tall(cue) + 2))
        for words, at, anchor in (
            (f"↑ rungs {shown.stop}–10 above" if shown.stop <= 10 else "", inner.midtop, "midtop"),
            (f"↓ rungs 0–{shown.start - 1} below" if shown.start > 0 else "", inner.midbottom, "midbottom"),
        ):
            if words:
                drawn.append((words, text.draw(surface, cue, words, pal.dim, at, anchor), rect))
    extra = (rows.height - sum(len(lines[level]) * tall(font) + 4 for level in shown)) / len(shown)
    pulse = 0.5 + 0.5 * math.sin(clock * 2.5) if view.rung >= ALARM_RUNG and app.settings.animation != "off" else 1.0
    y = float(rows.bottom)
    for level in shown:
        height = len(lines[level]) * tall(font) + 4 + extra
        y -= height
        box = pygame.Rect(rows.left, int(y) + 1, rows.width, int(height) - 2)
        drawn.append((f"rung {level}", box, rect))
        drawn += draw_rung(surface, app, box, level, view.rung, pulse, font, lines[level])
    return drawn


def draw_rung(
    surface: pygame.Surface,
    app: Window,
    box: pygame.Rect,
    level: int,
    rung: int,
    pulse: float,
    font: Any,
    lines: list[str],
) -> list[tuple[str, pygame.Rect, pygame.Rect]]:
    """One rung's row: filled below the current rung, outlined above it, the current one lit and pulsing."""
    pal = app.palette
    colour = pal.ladder[level]
    if level == rung:
        pygame.draw.rect(surface, tuple(int(c * (0.7 + 0.3 * pulse)) for c in colour), box, border_radius=4)
        pygame.draw.rect(surface, pal.text, box, width=2, border_radius=4)
        ink = pal.bg
    else:
        pygame.draw.rect(surface, colour if level < rung else pal.bg, box, border_radius=4)
        pygame.draw.rect(surface, colour, box, width=1, border_radius=4)
        ink = pal.bg if level < rung else pal.dim
    top = box.centery - len(lines) * tall(font) // 2
    at = [(box.left + 6, top + i * tall(font)) for i in range(len(lines))]
    return [(words, text.draw(surface, font, words, ink, xy), box) for words, xy in zip(lines, at, strict=True)]


def risk_colour(app: Window, p: float) -> tuple[int, int, int]:
    pal = app.palette
    return pal.ok if p < 0.15 else pal.warn if p < 0.4 else pal.danger


def draw_risk(surface: pygame.Surface, app: Window, rect: pygame.Rect, now: float, planned: float) -> None:
    pal, fonts = app.palette, app.fonts
    draw_box(surface, app, rect)
    y = rect.top + 6
    for font, words in ((fonts.get("ui_bold", 14), RISK_TITLE), (fonts.get("ui", 12), RISK_NOTE)):
        y += text.draw_wrapped(surface, font, words, pal.dim, pygame.Rect(rect.left + 10, y, rect.width - 20, 200), 0)
    bar = pygame.Rect(rect.left + 10, y + 6, rect.width - 20, 20)
    pygame.draw.rect(surface, pal.bg, bar, border_radius=4)
    pygame.draw.rect(
        surface, risk_colour(app, planned), (bar.left, bar.top, int(bar.width * planned), bar.height), border_radius=4
    )
    mark = bar.left + int(bar.width * now)
    pygame.draw.line(surface, pal.text, (mark, bar.top - 3), (mark, bar.bottom + 3), 2)
    label = f"{planned:.0%}" if abs(planned - now) < 0.005 else f"{now:.0%} → {planned:.0%} with your orders"
    text.draw_wrapped(
        surface,
        fonts.get("ui_bold", 16),
        label,
        risk_colour(app, planned),
        pygame.Rect(rect.left + 10, bar.bottom + 8, rect.width - 20, rect.bottom - bar.bottom - 8),
    )


class Meters(Widget):
    """A side's political meters and estimates, scrolled like paper when the panel is short."""

    def __init__(self, rect: pygame.Rect, app: Window, view: PlayerView, side: Side) -> None:
        super().__init__(rect, "Meters")
        self.offset = 0
        self.items: list[tuple[str, float | None]] = []
        for key, value in view.meters.items():
            label = meter_label(app.scenario, side, key)
            self.items.append((f"{label}: {value:.0f}", value if not key.endswith("hawks") else -value))
        if side == "us":
            lines = [
                f"Operational launchers on Cuba (estimate): {view.launchers} ± {view.uncertainty:.0f}",
                f"Invasion force readiness: {view.invasion_prep:.0f} of 100",
            ]
        else:
            lines = [
                f"Operational launchers on Cuba: {view.launchers}",
                f"Tactical nuclear warheads on Cuba: {view.tactical}",
                f"Commanders on Cuba may fire them: {'yes' if view.local_authority else 'no'}",
                f"US invasion readiness (estimate): {view.invasion_prep:.0f} of 100",
            ]
        lines.append(f"Castro's alarm: {view.castro_alarm:.0f} of 100")
        self.items += [(line, None) for line in lines]

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            return self.wheel(1 if event.key == pygame.K_UP else -1)
        return False

    def wheel(self, dy: int) -> bool:
        self.offset = max(0, min(len(self.items) - 1, self.offset - dy))
        return True

    def draw(self, surface: pygame.Surface, ui: Look, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        font = ui.fonts.get("ui", 15)
        if focused:
            pygame.draw.rect(surface, pal.accent, self.rect, width=2, border_radius=6)
        inner = self.rect.inflate(-24, -20)
        clip = surface.get_clip()
        surface.set_clip(self.rect.inflate(-4, -4))
        y = inner.top
        more = False
        for words, value in self.items[self.offset :]:
            height = text.draw_wrapped(surface, font, words, pal.text, pygame.Rect(inner.left, y, inner.width, 400))
            if value is not None:
                bar = pygame.Rect(inner.left, y + height + 2, inner.width, 10)
                pygame.draw.rect(surface, pal.bg, bar, border_radius=3)
                pygame.draw.rect(
                    surface,
                    pal.danger if value < -70 else pal.accent,
                    (bar.left, bar.top, int(bar.width * abs(value) / 100), bar.height),
                    border_radius=3,
                )
                height += 16
            y += height + 8
            if y > inner.bottom:
                more = True
                break
        surface.set_clip(clip)
        if more:
            tag = text.render(ui.fonts.get("ui_bold", 12), " more below: ↓ or the wheel ", pal.bg)
            box = tag.get_rect(bottomright=(self.rect.right - 8, self.rect.bottom - 6))
            pygame.draw.rect(surface, pal.accent, box.inflate(6, 4), border_radius=4)
            surface.blit(tag, box)
