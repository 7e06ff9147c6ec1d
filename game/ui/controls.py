"""The simple widgets: a button, a choice cycled through its options, a slider, a one-line text field."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.ui import text
from game.ui.widgetbase import Action, Look, Widget, fit, frame


class Button(Widget):
    def __init__(
        self,
        rect: pygame.Rect,
        label: str,
        action: Action,
        tooltip: str = "",
        enabled: bool = True,
        style: str = "normal",
    ) -> None:
        super().__init__(rect, label, tooltip, enabled)
        self.action = action
        self.style = style

    def activate(self) -> None:
        if self.enabled:
            self.action()

    def draw(self, surface: pygame.Surface, ui: Look, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        fill = {"primary": pal.accent, "danger": pal.danger}.get(self.style) if self.enabled else None
        fill = fill or (pal.panel if self.enabled else pal.bg)
        frame(surface, ui, self.rect, focused, hovered, self.enabled, fill)
        colour = (
            pal.bg if self.style in ("primary", "danger") and self.enabled else (pal.text if self.enabled else pal.dim)
        )
        if focused and self.style in ("primary", "danger") and self.enabled:
            # the accent edge would vanish into an accent fill: ring it in the text colour, inside and out
            pygame.draw.rect(surface, pal.bg, self.rect.inflate(-6, -6), width=2, border_radius=4)
            pygame.draw.rect(surface, pal.text, self.rect.inflate(4, 4), width=2, border_radius=8)
        font = ui.fonts.get("ui_bold", 17)
        text.draw(surface, font, fit(font, self.label, self.rect.width - 12), colour, self.rect.center, "center")


class Choice(Widget):
    """A labelled value cycled with Left/Right, Enter or a click."""

    def __init__(
        self,
        rect: pygame.Rect,
        label: str,
        options: Sequence[str],
        index: int = 0,
        on_change: Callable[[int], None] | None = None,
        tooltip: str = "",
        enabled: bool = True,
    ) -> None:
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

    def draw(self, surface: pygame.Surface, ui: Look, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        frame(surface, ui, self.rect, focused, hovered, self.enabled)
        font = ui.fonts.get("ui", 16)
        bold = ui.fonts.get("ui_bold", 16)
        colour = pal.text if self.enabled else pal.dim
        value = f"‹  {self.value}  ›"
        room = self.rect.width - 36 - bold.size(value)[0]
        text.draw(
            surface, font, fit(font, self.label, room), pal.dim, (self.rect.left + 12, self.rect.centery), "midleft"
        )
        text.draw(surface, bold, value, colour, (self.rect.right - 12, self.rect.centery), "midright")


class Slider(Widget):
    """A value from 0 to 1 in steps, with Left/Right or a click along it."""

    def __init__(
        self,
        rect: pygame.Rect,
        label: str,
        value: float,
        on_change: Callable[[float], None],
        step: float = 0.1,
        tooltip: str = "",
    ) -> None:
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

    def draw(self, surface: pygame.Surface, ui: Look, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        frame(surface, ui, self.rect, focused, hovered)
        text.draw(
            surface,
            ui.fonts.get("ui", 16),
            self.describe(),
            pal.text,
            (self.rect.left + 12, self.rect.centery),
            "midleft",
        )
        bar = self._bar()
        pygame.draw.rect(surface, pal.bg, bar, border_radius=4)
        pygame.draw.rect(
            surface, pal.accent, (bar.left, bar.top, int(bar.width * self.value), bar.height), border_radius=4
        )


class TextField(Widget):
    """One line of typed text (a save's name)."""

    def __init__(
        self, rect: pygame.Rect, label: str, value: str = "", limit: int = 40, digits: bool = False, tooltip: str = ""
    ) -> None:
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
        if (
            char
            and char.isprintable()
            and event.key not in (pygame.K_RETURN, pygame.K_TAB, pygame.K_ESCAPE)
            and len(self.value) < self.limit
            and (char in "0123456789" or not self.digits)
        ):
            self.value += char
            return True
        return False

    def draw(self, surface: pygame.Surface, ui: Look, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        frame(surface, ui, self.rect, focused, hovered, fill=pal.bg)
        font = ui.fonts.get("ui", 16)
        text.draw(surface, font, self.label, pal.dim, (self.rect.left + 12, self.rect.centery), "midleft")
        shown = self.value + ("_" if focused else "")
        bold = ui.fonts.get("ui_bold", 16)
        room = pygame.Rect(self.rect.left + 150, self.rect.top + 2, self.rect.width - 162, self.rect.height - 4)
        clip = surface.get_clip()
        surface.set_clip(room.clip(clip) if clip else room)  # a long name shows its end, where the typing is
        if bold.size(shown)[0] <= room.width:
            text.draw(surface, bold, shown, pal.text, room.midleft, "midleft")
        else:
            text.draw(surface, bold, shown, pal.text, room.midright, "midright")
        surface.set_clip(clip)
