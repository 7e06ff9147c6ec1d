"""A small widget set: buttons, choices, sliders, lists and text fields, usable by keyboard alone or mouse alone.

Each scene keeps its widgets in a ``Panel``, which owns focus: Tab and
Shift+Tab (or the arrow keys) move it, Enter or Space activates, the mouse
hovers and clicks. A widget describes itself in words (``describe``) for the
tooltip line and for tests, which find widgets by their visible label rather
than by coordinates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame

from game.ui import text

Action = Callable[[], None]


class Widget:
    focusable = True

    def __init__(self, rect: pygame.Rect, label: str = "", tooltip: str = "", enabled: bool = True) -> None:
        self.rect = pygame.Rect(rect)
        self.label = label
        self.tooltip = tooltip
        self.enabled = enabled

    def describe(self) -> str:
        return self.label

    def activate(self) -> None:
        """Enter, Space or a click."""

    def key(self, event: pygame.event.Event) -> bool:
        """A key the widget itself uses (beyond activation); True if it did."""
        return False

    def click(self, pos: tuple[int, int]) -> None:
        self.activate()

    def wheel(self, dy: int) -> bool:
        return False

    def point(self, pos: tuple[int, int]) -> None:
        """The mouse moved over the widget (a list notes the row, for its help line)."""

    def draw(self, surface: pygame.Surface, ui: Any, focused: bool, hovered: bool) -> None:
        raise NotImplementedError


def fit(font: pygame.font.Font, label: str, width: int) -> str:
    """The label, cut short with an ellipsis if it is wider than ``width``."""
    if font.size(label)[0] <= width:
        return label
    while len(label) > 1 and font.size(label + "…")[0] > width:
        label = label[:-1]
    return label.rstrip() + "…"


def frame(surface: pygame.Surface, ui: Any, rect: pygame.Rect, focused: bool, hovered: bool, enabled: bool = True,
          fill: tuple[int, int, int] | None = None) -> None:
    """The standard box: panel colour, an edge that brightens on hover and turns accent on focus."""
    pal = ui.palette
    pygame.draw.rect(surface, fill or pal.panel, rect, border_radius=6)
    edge = pal.accent if focused else (pal.text if hovered and enabled else pal.panel_edge)
    pygame.draw.rect(surface, edge, rect, width=3 if focused else 1, border_radius=6)


class Button(Widget):
    def __init__(self, rect: pygame.Rect, label: str, action: Action, tooltip: str = "", enabled: bool = True,
                 style: str = "normal") -> None:
        super().__init__(rect, label, tooltip, enabled)
        self.action = action
        self.style = style

    def activate(self) -> None:
        if self.enabled:
            self.action()

    def draw(self, surface: pygame.Surface, ui: Any, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        fill = {"primary": pal.accent, "danger": pal.danger}.get(self.style) if self.enabled else None
        fill = fill or (pal.panel if self.enabled else pal.bg)
        frame(surface, ui, self.rect, focused, hovered, self.enabled, fill)
        colour = pal.bg if self.style in ("primary", "danger") and self.enabled else (
            pal.text if self.enabled else pal.dim)
        if focused and self.style in ("primary", "danger") and self.enabled:
            # the accent edge would vanish into an accent fill: ring it in the text colour, inside and out
            pygame.draw.rect(surface, pal.bg, self.rect.inflate(-6, -6), width=2, border_radius=4)
            pygame.draw.rect(surface, pal.text, self.rect.inflate(4, 4), width=2, border_radius=8)
        font = ui.fonts.get("ui_bold", 17)
        text.draw(surface, font, fit(font, self.label, self.rect.width - 12), colour, self.rect.center, "center")


class Choice(Widget):
    """A labelled value cycled with Left/Right, Enter or a click."""

    def __init__(self, rect: pygame.Rect, label: str, options: Sequence[str], index: int = 0,
                 on_change: Callable[[int], None] | None = None, tooltip: str = "", enabled: bool = True) -> None:
        super().__init__(rect, label, tooltip, enabled)
        self.options = list(options)
        self.index = index
        self.on_change = on_change

    @property
    def value(self) -> str:
        return self.options[self.index]

    def describe(self) -> str:
        return f"{self.label}: {self.value}"

    def step(self, delta: int) -> None:
        if not self.enabled or not self.options:
            return
        self.index = (self.index + delta) % len(self.options)
        if self.on_change:
            self.on_change(self.index)

    def activate(self) -> None:
        self.step(1)

    def click(self, pos: tuple[int, int]) -> None:
        self.step(-1 if pos[0] < self.rect.left + 40 else 1)

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.step(-1 if event.key == pygame.K_LEFT else 1)
            return True
        return False

    def draw(self, surface: pygame.Surface, ui: Any, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        frame(surface, ui, self.rect, focused, hovered, self.enabled)
        font = ui.fonts.get("ui", 16)
        bold = ui.fonts.get("ui_bold", 16)
        colour = pal.text if self.enabled else pal.dim
        value = f"‹  {self.value}  ›"
        room = self.rect.width - 36 - bold.size(value)[0]
        text.draw(surface, font, fit(font, self.label, room), pal.dim, (self.rect.left + 12, self.rect.centery),
                  "midleft")
        text.draw(surface, bold, value, colour, (self.rect.right - 12, self.rect.centery), "midright")


class Slider(Widget):
    """A value from 0 to 1 in steps, with Left/Right or a click along it."""

    def __init__(self, rect: pygame.Rect, label: str, value: float, on_change: Callable[[float], None],
                 step: float = 0.1, tooltip: str = "") -> None:
        super().__init__(rect, label, tooltip)
        self.value = value
        self.on_change = on_change
        self.step_size = step

    def describe(self) -> str:
        return f"{self.label}: {round(self.value * 100)}%"

    def set(self, value: float) -> None:
        self.value = min(1.0, max(0.0, round(value / self.step_size) * self.step_size))
        self.on_change(self.value)

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.set(self.value + (self.step_size if event.key == pygame.K_RIGHT else -self.step_size))
            return True
        return False

    def activate(self) -> None:
        self.set(0.0 if self.value >= 1.0 else self.value + self.step_size)

    def click(self, pos: tuple[int, int]) -> None:
        bar = self._bar()
        self.set((pos[0] - bar.left) / max(1, bar.width))

    def _bar(self) -> pygame.Rect:
        return pygame.Rect(self.rect.centerx, self.rect.centery - 4, self.rect.width // 2 - 16, 8)

    def draw(self, surface: pygame.Surface, ui: Any, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        frame(surface, ui, self.rect, focused, hovered)
        text.draw(surface, ui.fonts.get("ui", 16), self.describe(), pal.text, (self.rect.left + 12, self.rect.centery),
                  "midleft")
        bar = self._bar()
        pygame.draw.rect(surface, pal.bg, bar, border_radius=4)
        pygame.draw.rect(surface, pal.accent, (bar.left, bar.top, int(bar.width * self.value), bar.height),
                         border_radius=4)


class TextField(Widget):
    """One line of typed text (a save's name)."""

    def __init__(self, rect: pygame.Rect, label: str, value: str = "", limit: int = 40, digits: bool = False,
                 tooltip: str = "") -> None:
        super().__init__(rect, label, tooltip)
        self.value = value
        self.limit = limit
        self.digits = digits

    def describe(self) -> str:
        return f"{self.label}: {self.value}"

    def key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_BACKSPACE:
            self.value = self.value[:-1]
            return True
        char = getattr(event, "unicode", "")
        if char and char.isprintable() and event.key not in (pygame.K_RETURN, pygame.K_TAB, pygame.K_ESCAPE) \
                and len(self.value) < self.limit and (char in "0123456789" or not self.digits):
            self.value += char
            return True
        return False

    def draw(self, surface: pygame.Surface, ui: Any, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        frame(surface, ui, self.rect, focused, hovered, fill=pal.bg)
        font = ui.fonts.get("ui", 16)
        text.draw(surface, font, self.label, pal.dim, (self.rect.left + 12, self.rect.centery), "midleft")
        shown = self.value + ("_" if focused else "")
        text.draw(surface, ui.fonts.get("ui_bold", 16), shown, pal.text, (self.rect.left + 150, self.rect.centery),
                  "midleft")


DOUBLE_CLICK_MS = 450


class ListBox(Widget):
    """Rows to pick from: Up/Down move, Enter activates, the wheel scrolls.

    A click selects a row and activates it, or with ``click_activates`` off only selects it (a second
    click on the same row, soon after, activates): where activating does something weighty, such as
    giving an order, the player can read a row's help first. A row whose payload is None is a heading.
    """

    def __init__(self, rect: pygame.Rect, label: str, rows: Sequence[tuple[str, Any]],
                 on_activate: Callable[[Any], None] | None = None, on_select: Callable[[Any], None] | None = None,
                 row_height: int = 30, tooltips: Sequence[str] | None = None, notes: Sequence[str] | None = None,
                 enabled_rows: Sequence[bool] | None = None, click_activates: bool = True) -> None:
        super().__init__(rect, label)
        self.rows = list(rows)
        self.on_activate = on_activate
        self.on_select = on_select
        self.row_height = row_height
        self.tooltips = list(tooltips) if tooltips else []
        self.notes = list(notes) if notes else []
        self.enabled_rows = list(enabled_rows) if enabled_rows else [True] * len(self.rows)
        self.click_activates = click_activates
        self.selected = next((i for i, (_, payload) in enumerate(self.rows) if payload is not None), 0)
        self.top = 0
        self.hover_row: int | None = None
        self._last_click = (-1, -10_000)  # row, time in ms

    @property
    def visible(self) -> int:
        return max(1, (self.rect.height - 8) // self.row_height)

    @property
    def payload(self) -> Any:
        return self.rows[self.selected][1] if self.rows else None

    def describe(self) -> str:
        return f"{self.label}: {self.rows[self.selected][0]}" if self.rows else f"{self.label}: (empty)"

    @property
    def current_tooltip(self) -> str:
        """The help of the row under the mouse, else of the selected row."""
        index = self.selected if self.hover_row is None else self.hover_row
        return self.tooltips[index] if index < len(self.tooltips) else ""

    def point(self, pos: tuple[int, int]) -> None:
        self.hover_row = self.row_at(pos)

    def keep_place(self, old: ListBox | None) -> None:
        """Take the scroll position and the selection of the list this one replaces (same payload if it is there)."""
        if old is None or not self.rows:
            return
        payloads = [payload for _, payload in self.rows]
        was = old.payload
        self.selected = payloads.index(was) if was in payloads else min(old.selected, len(self.rows) - 1)
        self.top = max(0, min(old.top, len(self.rows) - self.visible))
        self.select(self.selected, notify=False)

    def select(self, index: int, notify: bool = True) -> None:
        if not self.rows:
            return
        self.selected = max(0, min(len(self.rows) - 1, index))
        if self.selected < self.top:
            self.top = self.selected
        elif self.selected >= self.top + self.visible:
            self.top = self.selected - self.visible + 1
        if self.selected > 0 and self.rows[self.selected - 1][1] is None and self.selected - 1 == self.top - 1:
            self.top -= 1  # keep a group's heading in sight above its first row
        if notify and self.on_select:
            self.on_select(self.payload)

    def activate(self) -> None:
        if self.rows and self.on_activate and self.enabled_rows[self.selected]:
            self.on_activate(self.payload)

    def key(self, event: pygame.event.Event) -> bool:
        moves = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -self.visible, pygame.K_PAGEDOWN: self.visible}
        if event.key in moves and self.rows:
            step = moves[event.key]
            index = max(0, min(len(self.rows) - 1, self.selected + step))
            while 0 <= index < len(self.rows) and self.rows[index][1] is None:  # headings are passed over
                index += 1 if step > 0 else -1
            if 0 <= index < len(self.rows) and index != self.selected:
                self.select(index)
                return True
        return False

    def row_at(self, pos: tuple[int, int]) -> int | None:
        index = self.top + (pos[1] - self.rect.top - 4) // self.row_height
        return index if 0 <= index < len(self.rows) and self.rect.collidepoint(pos) else None

    def click(self, pos: tuple[int, int]) -> None:
        index = self.row_at(pos)
        if index is None or self.rows[index][1] is None:
            return
        now = pygame.time.get_ticks()
        double = self._last_click[0] == index and now - self._last_click[1] <= DOUBLE_CLICK_MS
        self._last_click = (index, now)
        self.select(index)
        if self.click_activates or double:
            self.activate()

    def wheel(self, dy: int) -> bool:
        self.top = max(0, min(max(0, len(self.rows) - self.visible), self.top - dy))
        return True

    def draw(self, surface: pygame.Surface, ui: Any, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        frame(surface, ui, self.rect, focused, False)
        font = ui.fonts.get("ui", 15)
        small = ui.fonts.get("ui", 13)
        clip = surface.get_clip()
        surface.set_clip(self.rect.inflate(-4, -4))
        for i in range(self.top, min(len(self.rows), self.top + self.visible)):
            y = self.rect.top + 4 + (i - self.top) * self.row_height
            row = pygame.Rect(self.rect.left + 4, y, self.rect.width - 8, self.row_height - 2)
            if i == self.selected:
                pygame.draw.rect(surface, pal.panel_edge if not focused else pal.accent, row, border_radius=4)
            if self.rows[i][1] is None:  # a heading
                text.draw(surface, ui.fonts.get("ui_bold", 13), self.rows[i][0].upper(), pal.accent,
                          (row.left + 4, row.bottom - 2), "bottomleft")
                continue
            if i == self.hover_row and i != self.selected:
                pygame.draw.rect(surface, pal.panel_edge, row, width=1, border_radius=4)
            on = self.enabled_rows[i]
            colour = (pal.bg if focused else pal.text) if i == self.selected else (pal.text if on else pal.dim)
            note = self.notes[i] if i < len(self.notes) else ""
            room = row.width - 20 - (small.size(note)[0] + 12 if note else 0)
            text.draw(surface, font, fit(font, self.rows[i][0], room), colour, (row.left + 8, row.centery),
                      "midleft")
            if note:
                text.draw(surface, small, note, colour if i == self.selected else pal.dim,
                          (row.right - 8, row.centery), "midright")
        surface.set_clip(clip)
        if len(self.rows) > self.visible:
            share = self.visible / len(self.rows)
            bar_h = max(16, int((self.rect.height - 8) * share))
            bar_y = self.rect.top + 4 + int((self.rect.height - 8 - bar_h) * self.top / (len(self.rows) - self.visible))
            pygame.draw.rect(surface, pal.panel_edge, (self.rect.right - 6, bar_y, 3, bar_h))


class Panel:
    """The focusable widgets of a screen, and keyboard and mouse navigation among them."""

    def __init__(self) -> None:
        self.widgets: list[Widget] = []
        self.focus = 0
        self.hover: Widget | None = None

    def add(self, widget: Widget) -> Widget:
        self.widgets.append(widget)
        return widget

    def clear(self) -> None:
        self.widgets = []
        self.focus = 0
        self.hover = None

    @property
    def focusables(self) -> list[Widget]:
        return [w for w in self.widgets if w.focusable]

    @property
    def focused(self) -> Widget | None:
        items = self.focusables
        return items[self.focus % len(items)] if items else None

    def focus_on(self, widget: Widget) -> None:
        items = self.focusables
        if widget in items:
            self.focus = items.index(widget)

    def find(self, label: str) -> Widget:
        """The widget whose label (or description) starts with ``label`` — the tests' way of pressing buttons."""
        for w in self.widgets:
            if w.label == label:
                return w
        for w in self.widgets:
            if w.label.startswith(label) or w.describe().startswith(label):
                return w
        raise KeyError(label)

    def move(self, delta: int) -> None:
        items = self.focusables
        if items:
            self.focus = (self.focus + delta) % len(items)

    def handle(self, event: pygame.event.Event) -> bool:
        """Navigation and activation; True if the event was used."""
        if event.type == pygame.KEYDOWN:
            widget = self.focused
            if widget is not None and widget.key(event):
                return True
            if event.key == pygame.K_TAB:
                self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            if event.key in (pygame.K_DOWN, pygame.K_RIGHT):
                self.move(1)
                return True
            if event.key in (pygame.K_UP, pygame.K_LEFT):
                self.move(-1)
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and widget is not None:
                widget.activate()
                return True
        elif event.type == pygame.MOUSEMOTION:
            self.hover = next((w for w in self.widgets if w.rect.collidepoint(event.pos)), None)
            for w in self.widgets:
                w.point(event.pos)
            return True
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for w in self.widgets:
                if w.rect.collidepoint(event.pos) and w.enabled:
                    self.focus_on(w)
                    w.click(event.pos)
                    return True
        elif event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            for w in self.widgets:
                if w.rect.collidepoint(pos) and w.wheel(event.y):
                    return True
        return False

    def draw(self, surface: pygame.Surface, ui: Any) -> None:
        focused = self.focused
        for w in self.widgets:
            w.draw(surface, ui, w is focused, w is self.hover)

    def tooltip(self) -> str:
        """The help line for what the mouse is over, or else for what has the focus."""
        for w in (self.hover, self.focused):
            if w is None:
                continue
            tip = w.current_tooltip if isinstance(w, ListBox) else w.tooltip
            if tip:
                return tip
        return ""
