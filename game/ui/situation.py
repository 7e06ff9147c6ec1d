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

from game.engine.model import LEADER
from game.engine.view import PlayerView
from game.rules_of_play import alert_words, line_drawn, meter_label
from game.ui import text
from game.ui.scene import draw_box, help_height
from game.ui.widgets import Widget
from game.wording import defcon_words, with_year

PAD = 10
GAP = 24  # between the parts of the top bar
ALARM_RUNG = 7
LADDER_SIZES = (13, 12, 11, 10)  # the ladder's text, largest first: the largest whose rows fit is used


def top_parts(app: Any, view: PlayerView, side: str) -> list[tuple[pygame.font.Font, str, tuple[int, int, int]]]:
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


def top_height(app: Any, parts: list[Any], width: int) -> int:
    rows = flow(parts, width - 2 * PAD - 16)
    return sum(max(parts[i][0].get_linesize() for i in row) for row in rows) + 14


def draw_top(surface: pygame.Surface, app: Any, parts: list[Any], rect: pygame.Rect) -> None:
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


def turn_areas(app: Any, top: int, tabs: tuple[str, ...]) -> dict[str, pygame.Rect]:
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


def risk_height(app: Any, width: int) -> int:
    """The risk box's height: its title and note wrapped to ``width``, the bar, and two lines of figures."""
    fonts = app.fonts
    inner = width - 20
    words = len(text.wrap(fonts.get("ui_bold", 14), RISK_TITLE, inner)) * fonts.get("ui_bold", 14).get_linesize()
    words += len(text.wrap(fonts.get("ui", 12), RISK_NOTE, inner)) * fonts.get("ui", 12).get_linesize()
    return words + 20 + 6 + 8 + 2 * fonts.get("ui_bold", 16).get_linesize() + 14


def draw_ladder(surface: pygame.Surface, app: Any, view: PlayerView, rect: pygame.Rect, clock: float) -> None:
    pal, fonts = app.palette, app.fonts
    draw_box(surface, app, rect)
    head = fonts.get("ui_bold", 14)
    text.draw(surface, head, "ESCALATION LADDER", pal.dim, (rect.left + 10, rect.top + 6))
    rungs = app.scenario.rungs
    inner = pygame.Rect(
        rect.left + 8, rect.top + head.get_linesize() + 10, rect.width - 16, rect.height - head.get_linesize() - 16
    )
    for size in LADDER_SIZES:  # the largest text whose wrapped rungs all fit
        font = fonts.get("ui", size)
        lines = [text.wrap(font, f"{level}  {rungs[level].name}", inner.width - 14) for level in range(11)]
        if sum(len(x) for x in lines) * font.get_linesize() + 11 * 4 <= inner.height:
            break
    spare = inner.height - sum(len(x) * font.get_linesize() + 4 for x in lines)
    extra = spare / 11
    pulse = 0.5 + 0.5 * math.sin(clock * 2.5) if view.rung >= ALARM_RUNG and app.settings.animation != "off" else 1.0
    y = float(inner.bottom)
    for level in range(11):
        height = len(lines[level]) * font.get_linesize() + 4 + extra
        y -= height
        box = pygame.Rect(inner.left, int(y) + 1, inner.width, int(height) - 2)
        colour = pal.ladder[level]
        if level == view.rung:
            pygame.draw.rect(surface, tuple(int(c * (0.7 + 0.3 * pulse)) for c in colour), box, border_radius=4)
            pygame.draw.rect(surface, pal.text, box, width=2, border_radius=4)
            ink = pal.bg
        else:
            pygame.draw.rect(surface, colour if level < view.rung else pal.bg, box, border_radius=4)
            pygame.draw.rect(surface, colour, box, width=1, border_radius=4)
            ink = pal.bg if level < view.rung else pal.dim
        top = box.centery - len(lines[level]) * font.get_linesize() // 2
        for i, words in enumerate(lines[level]):
            text.draw(surface, font, words, ink, (box.left + 6, top + i * font.get_linesize()))


def risk_colour(app: Any, p: float) -> tuple[int, int, int]:
    pal = app.palette
    return pal.ok if p < 0.15 else pal.warn if p < 0.4 else pal.danger


def draw_risk(surface: pygame.Surface, app: Any, rect: pygame.Rect, now: float, planned: float) -> None:
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

    def __init__(self, rect: pygame.Rect, app: Any, view: PlayerView, side: str) -> None:
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

    def draw(self, surface: pygame.Surface, ui: Any, focused: bool, hovered: bool) -> None:
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
