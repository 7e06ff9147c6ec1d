"""A list of rows to pick from, with headings, notes, help for each row, and rows that cannot be picked now."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame

from game.ui import text
from game.ui.widgetbase import Look, Widget, fit, frame

DOUBLE_CLICK_MS = 450


class ListBox(Widget):
    """Rows to pick from: Up/Down move, Enter activates, the wheel scrolls.

    A click selects a row and activates it, or with ``click_activates`` off only selects it (a second
    click on the same row, soon after, activates): where activating does something weighty, such as
    giving an order, the player can read a row's help first. A row whose payload is None is a heading.
    """

    def __init__(
        self,
        rect: pygame.Rect,
        label: str,
        rows: Sequence[tuple[str, Any]],
        on_activate: Callable[[Any], None] | None = None,
        on_select: Callable[[Any], None] | None = None,
        row_height: int = 30,
        tooltips: Sequence[str] | None = None,
        notes: Sequence[str] | None = None,
        enabled_rows: Sequence[bool] | None = None,
        click_activates: bool = True,
    ) -> None:
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

    def draw(self, surface: pygame.Surface, ui: Look, focused: bool, hovered: bool) -> None:
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
            if self.rows[i][1] is None:  # a heading, cut short with an ellipsis in a narrow list
                bold = ui.fonts.get("ui_bold", 13)
                heading = fit(bold, self.rows[i][0].upper(), row.width - 8)
                text.draw(surface, bold, heading, pal.accent, (row.left + 4, row.bottom - 2), "bottomleft")
                continue
            if i == self.hover_row and i != self.selected:
                pygame.draw.rect(surface, pal.panel_edge, row, width=1, border_radius=4)
            on = self.enabled_rows[i]
            colour = (pal.bg if focused else pal.text) if i == self.selected else (pal.text if on else pal.dim)
            note = self.notes[i] if i < len(self.notes) else ""
            room = row.width - 20 - (small.size(note)[0] + 12 if note else 0)
            text.draw(surface, font, fit(font, self.rows[i][0], room), colour, (row.left + 8, row.centery), "midleft")
            if note:
                text.draw(
                    surface,
                    small,
                    note,
                    colour if i == self.selected else pal.dim,
                    (row.right - 8, row.centery),
                    "midright",
                )
        surface.set_clip(clip)
        if len(self.rows) > self.visible:
            share = self.visible / len(self.rows)
            bar_h = max(16, int((self.rect.height - 8) * share))
            bar_y = self.rect.top + 4 + int((self.rect.height - 8 - bar_h) * self.top / (len(self.rows) - self.visible))
            pygame.draw.rect(surface, pal.panel_edge, (self.rect.right - 6, bar_y, 3, bar_h))
