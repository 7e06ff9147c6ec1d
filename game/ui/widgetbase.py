"""What every widget is (``Widget``: a rectangle, a label, help, enabled or not), and the box they are drawn in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pygame

from game.ui.theme import Fonts, Palette

Action = Callable[[], None]


class Look(Protocol):
    """What a widget draws with: the window's palette and fonts (the window, or a test's stand-in)."""

    @property
    def palette(self) -> Palette: ...

    @property
    def fonts(self) -> Fonts: ...


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

    def draw(self, surface: pygame.Surface, ui: Look, focused: bool, hovered: bool) -> None:
        raise NotImplementedError


def fit(font: pygame.font.Font, label: str, width: int) -> str:
    """The label, cut short with an ellipsis if it is wider than ``width``."""
    if font.size(label)[0] <= width:
        return label
    while len(label) > 1 and font.size(label + "…")[0] > width:
        label = label[:-1]
    return label.rstrip() + "…"


def frame(
    surface: pygame.Surface,
    ui: Look,
    rect: pygame.Rect,
    focused: bool,
    hovered: bool,
    enabled: bool = True,
    fill: tuple[int, int, int] | None = None,
) -> None:
    """The standard box: panel colour, an edge that brightens on hover and turns accent on focus."""
    pal = ui.palette
    pygame.draw.rect(surface, fill or pal.panel, rect, border_radius=6)
    edge = pal.accent if focused else (pal.text if hovered and enabled else pal.panel_edge)
    pygame.draw.rect(surface, edge, rect, width=3 if focused else 1, border_radius=6)
