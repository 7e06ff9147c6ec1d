"""The settings screen: volume, sound, text size, colours, animation, full screen."""

from __future__ import annotations

import pygame

from game.settings import ANIMATIONS, PALETTE_NAMES, TEXT_SIZES
from game.ui import text
from game.ui.scene import Scene, column, content_top
from game.ui.widgets import Button, Choice, Slider


class SettingsScene(Scene):
    title = "Settings"

    def layout(self) -> None:
        self.panel.clear()
        s = self.app.settings
        rects = column(self.app, 7, width=520, height=44, gap=10, top=content_top(self.app))

        def choose(field: str, options: tuple[str, ...]):  # noqa: ANN202 - a callback
            def change(index: int) -> None:
                setattr(s, field, options[index])
                self.app.apply_settings()
            return change

        def volume(value: float) -> None:
            s.volume = value
            self.app.apply_settings()

        def mute(index: int) -> None:
            s.muted = index == 1
            self.app.apply_settings()

        add = self.panel.add
        add(Slider(rects[0], "Volume", s.volume, volume, tooltip="Left and Right change it."))
        add(Choice(rects[1], "Sound", ["on", "muted"], 1 if s.muted else 0, mute))
        add(Choice(rects[2], "Text size", list(TEXT_SIZES), TEXT_SIZES.index(s.text_size),
                   choose("text_size", TEXT_SIZES), "Larger text for the back of the classroom."))
        add(Choice(rects[3], "Colours", list(PALETTE_NAMES), PALETTE_NAMES.index(s.palette),
                   choose("palette", PALETTE_NAMES), "A palette that colour-blind players can tell apart."))
        add(Choice(rects[4], "Animation", list(ANIMATIONS), ANIMATIONS.index(s.animation),
                   choose("animation", ANIMATIONS), "How much moves on screen between turns."))
        add(Button(rects[5], "Full screen: " + ("on" if s.fullscreen else "off"), self.app.toggle_fullscreen,
                   "Also F11, anywhere."))
        add(Button(rects[6], "Back", self.back))

    def back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        text.draw(surface, self.app.fonts.get("ui", 14), f"Settings are kept in {self.app.settings.path()}",
                  self.app.palette.dim, (surface.get_width() // 2, surface.get_height() - 70), "midtop")
