"""A small widget set: buttons, choices, sliders, lists and text fields, usable by keyboard alone or mouse alone.

Each scene keeps its widgets in a ``Panel``, which owns focus: Tab and
Shift+Tab (or the arrow keys) move it, Enter or Space activates, the mouse
hovers and clicks. A widget describes itself in words (``describe``) for the
tooltip line and for tests, which find widgets by their visible label rather
than by coordinates.

The widgets have rooms of their own: ``widgetbase`` (``Widget`` and the box it is drawn in), ``controls``
(buttons, choices, sliders, text fields) and ``listbox``; this module holds the ``Panel`` and names them all.
"""

from __future__ import annotations

from typing import TypeVar

import pygame

from game.ui.controls import Button, Choice, Slider, TextField
from game.ui.listbox import DOUBLE_CLICK_MS, ListBox
from game.ui.widgetbase import Action, Look, Widget, fit, frame

__all__ = [
    "DOUBLE_CLICK_MS",
    "Action",
    "Button",
    "Choice",
    "ListBox",
    "Panel",
    "Slider",
    "TextField",
    "Widget",
    "fit",
    "frame",
]


W = TypeVar("W", bound=Widget)


class Panel:
    """The focusable widgets of a screen, and keyboard and mouse navigation among them."""

    def __init__(self) -> None:
        self.widgets: list[Widget] = []
        self.focus = 0
        self.hover: Widget | None = None

    def add(self, widget: W) -> W:
        """Take the widget in; given back as it is, so a screen keeps it with its own type."""
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

    def draw(self, surface: pygame.Surface, ui: Look) -> None:
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
