"""The settings screen: volume, sound, text size, colours, animation, full screen."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.settings import ANIMATIONS, PALETTE_NAMES, TEXT_SIZES
from game.ui import text
from game.ui.scene import Scene, column, content_top
from game.ui.widgets import Button, Choice, Slider


class SettingsScene(Scene):
    title = "Settings"

    def choose(self, field: str, options: tuple[str, ...]) -> Callable[[int], None]:
        def change(index: int) -> None:
            setattr(self.app.settings, field, options[index])
            self.app.apply_settings()

        return change

    def set_volume(self, value: float) -> None:
        self.app.settings.volume = value
        self.app.apply_settings()

    def set_muted(self, index: int) -> None:
        self.app.settings.muted = index == 1
        self.app.apply_settings()

    def layout(self) -> None:
        self.panel.clear()
        s = self.app.settings
        rects = column(self.app, 7, width=520, height=44, gap=10, top=content_top(self.app))
        add = self.panel.add
        add(Slider(rects[0], "Volume", s.volume, self.set_volume, tooltip="Left and Right change it."))
        add(Choice(rects[1], "Sound", ["on", "muted"], 1 if s.muted else 0, self.set_muted))
        looks = (
            ("text_size", "Text size", TEXT_SIZES, "Larger text for the back of the classroom."),
            ("palette", "Colours", PALETTE_NAMES, "A palette that colour-blind players can tell apart."),
            ("animation", "Animation", ANIMATIONS, "How much moves on screen between turns."),
        )
        for rect, (field, label, options, tip) in zip(rects[2:5], looks, strict=True):
            add(Choice(rect, label, list(options), options.index(getattr(s, field)), self.choose(field, options), tip))
        full = "Full screen: " + ("on" if s.fullscreen else "off")
        add(Button(rects[5], full, self.app.toggle_fullscreen, "Also F11, anywhere."))
        add(Button(rects[6], "Back", self.back))

    def back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        text.draw(
            surface,
            self.app.fonts.get("ui", 14),
            f"Settings are kept in {self.app.settings.path()}",
            self.app.palette.dim,
            (surface.get_width() // 2, surface.get_height() - 70),
            "midtop",
        )
