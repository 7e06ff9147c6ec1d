"""Replay history: the thirteen days as the record shows them, day by day, forward and back.

Both leaders follow their historical doctrines with historical friction. The
whole story is shown — Washington's and Moscow's secrets alike, each marked —
since this is a history lesson, not a game in progress.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.engine.view import player_view
from game.tutorial import HistoricalPath, day_text, sources_page
from game.ui import text
from game.ui.paper import Paper
from game.ui.scene import Scene, draw_backdrop, footer
from game.ui.widgets import Button
from game.ui.window import Window
from game.wording import with_year

WHO = {"public": "", "us": "WASHINGTON ONLY", "ussr": "MOSCOW ONLY"}


AUTO_SECONDS = 12.0  # how long each day stays on screen when the record plays by itself


class HistoryScene(Scene):
    """Watch the record: day by day, by hand (← →) or playing by itself, with each day's narration."""

    def __init__(self, app: Window) -> None:
        super().__init__(app)
        path = HistoricalPath(app.scenario)
        self.last = path.states[-1]
        self.states = [path.dawns[t] for t in sorted(path.dawns)]
        self.index = 0
        self.playing = False
        self.timer = 0.0

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        add = self.panel.add
        add(
            Button(
                footer(self.app, 30, 200),
                "Previous day",
                self.previous,
                "Back one turn (Left).",
                enabled=self.index > 0,
            )
        )
        add(
            Button(
                footer(self.app, 240, 200),
                "Next day",
                self.next,
                "On one turn (Right); after the last day, the page of sources and disputes.",
                enabled=self.index < len(self.states),
                style="primary",
            )
        )
        add(
            Button(
                footer(self.app, 450, 160),
                "Pause" if self.playing else "Play",
                self.toggle,
                "Let the days follow one another by themselves (Space in the list of buttons).",
            )
        )
        add(Button(footer(self.app, w - 230, 200), "Back to the title", self.back))
        if self.on_sources():
            add(
                Paper(
                    self.page_area(),
                    sources_page(self.app.scenario),
                    "Sources and disputes",
                    lambda e: WHO[e.visibility],
                )
            )
        else:
            state = self.states[self.index]
            add(
                Paper(
                    self.page_area(),
                    day_text(self.app.scenario, state) + self.entries(),
                    "The day",
                    lambda e: WHO[e.visibility],
                )
            )
        self.panel.focus = 1

    def on_sources(self) -> bool:
        """The page after the last day: the contested points and the sources, by their titles."""
        return self.index >= len(self.states)

    def toggle(self) -> None:
        self.playing = not self.playing
        self.timer = 0.0
        self.layout()
        self.panel.focus = 2

    def update(self, dt: float) -> bool:
        if not self.playing:
            return False
        self.timer += dt
        if self.timer >= AUTO_SECONDS:
            self.timer = 0.0
            if self.index >= len(self.states) - 1:
                self.playing = False
                return False
            self.next()
            return True
        return False

    def previous(self) -> None:
        self.index = max(0, self.index - 1)
        self.layout()

    def next(self) -> None:
        self.index = min(len(self.states), self.index + 1)
        self.app.sound.play("teletype")
        self.layout()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            (self.previous if event.key == pygame.K_LEFT else self.next)()
            return
        super().handle(event)

    def back(self) -> None:
        self.app.go("title")

    def entries(self) -> list[Any]:
        """What happened on the day shown, everything from its dawn to its evening."""
        state = self.states[min(self.index, len(self.states) - 1)]
        last = self.last
        every = sorted(last.logs["public"] + last.logs["us"] + last.logs["ussr"], key=lambda e: e.seq)
        return [e for e in every if e.turn == state.turn]

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal, fonts = self.app.palette, self.app.fonts
        w, h = surface.get_size()
        state = self.states[min(self.index, len(self.states) - 1)]
        heading = "SOURCES AND DISPUTES" if self.on_sources() else with_year(state.turn_def.label).upper()
        text.draw(surface, fonts.get("type_bold", 28), heading, pal.accent, (30, 20))
        rung = self.app.scenario.rungs[state.rung]
        text.draw(
            surface,
            fonts.get("ui_bold", 16),
            f"Ladder: rung {state.rung}, {rung.name}",
            pal.ladder[state.rung],
            (30, 24 + fonts.get("type_bold", 28).get_linesize()),
        )
        page = self.page_area()
        self.app.map.draw(surface, pygame.Rect(w // 2, page.top, w // 2 - 30, page.height), player_view(state, "ussr"))
        self.panel.draw(surface, self.app)

    def page_area(self) -> pygame.Rect:
        """The day's page, on the left of the map."""
        w = self.app.size[0]
        top = 30 + self.app.fonts.get("type_bold", 28).get_linesize() + self.app.fonts.get("ui_bold", 16).get_linesize()
        return pygame.Rect(30, top, w // 2 - 50, footer(self.app, 0, 0).top - 12 - top)
