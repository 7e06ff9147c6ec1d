"""Driving the window in tests: synthetic key and mouse events, widgets found by their labels."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402


def key(k: int, mod: int = 0, unicode: str = "") -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)


def click_at(pos: tuple[int, int]) -> list[pygame.event.Event]:
    return [
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1),
    ]


class Driver:
    """A player at the window: presses keys, clicks widgets by label, reads what is on screen."""

    def __init__(self, app) -> None:  # noqa: ANN001 - App
        self.app = app

    @property
    def scene(self):  # noqa: ANN201 - Scene
        return self.app.scene

    @property
    def name(self) -> str:
        return type(self.app.scene).__name__

    def press(self, k: int, mod: int = 0, unicode: str = "") -> None:
        self.app.step([key(k, mod, unicode)])

    def click(self, label: str) -> None:
        widget = self.scene.panel.find(label)
        self.app.step(click_at(widget.rect.center))

    def click_row(self, label: str, row: int) -> None:
        box = self.scene.panel.find(label)
        y = box.rect.top + 4 + (row - box.top) * box.row_height + box.row_height // 2
        self.app.step(click_at((box.rect.left + 30, y)))

    def double_click_row(self, label: str, row: int) -> None:
        """A double-click: what gives the row's order, or opens the row's save, where a click only selects."""
        self.click_row(label, row)
        self.click_row(label, row)

    def focus(self, label: str) -> None:
        """Tab until the widget with this label has the focus (as a keyboard player would)."""
        target = self.scene.panel.find(label)
        for _ in range(len(self.scene.panel.widgets) + 2):
            if self.scene.panel.focused is target:
                return
            self.press(pygame.K_TAB)
        raise AssertionError(f"could not reach {label!r} with Tab")

    def labels(self) -> list[str]:
        return [w.describe() for w in self.scene.panel.widgets]
