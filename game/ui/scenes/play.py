"""The screens of a game in progress: briefing, hand-off, the turn, what happened, the end.

Every screen draws from one side's ``PlayerView`` (or, between hot-seat
players, from nothing secret at all): the window never holds the whole state.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.engine.model import LEADER, ROLE, Side
from game.engine.view import player_view
from game.session import TurnResult
from game.ui import text
from game.ui.opening import begin_turn
from game.ui.paper import Paper
from game.ui.scene import Scene, draw_backdrop, footer
from game.ui.widgets import Button
from game.ui.window import Window
from game.wording import with_year

# ---------------------------------------------------------------------------- between players


class HandoffScene(Scene):
    """Between hot-seat players: nothing of either side's game shows here."""

    secret_side = None

    def __init__(self, app: Window, side: Side, briefing: bool = False) -> None:
        super().__init__(app)
        self.side = side
        self.briefing = briefing

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        self.panel.add(
            Button(
                pygame.Rect(w // 2 - 230, h // 2 + 60, 460, 54),
                f"I am {LEADER[self.side]} — show my screen",
                self.ready,
                f"Only the player of {LEADER[self.side]} should press this.",
                style="primary",
            )
        )

    def ready(self) -> None:
        self.app.go("briefing" if self.briefing else "turn", self.side)

    def back(self) -> None:
        self.app.push("pause")

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal = self.app.palette
        w, h = surface.get_size()
        text.draw(
            surface, self.app.fonts.get("type_bold", 36), "HAND-OFF", pal.accent, (w // 2, h // 2 - 130), "midtop"
        )
        text.draw(
            surface,
            self.app.fonts.get("ui", 22),
            f"Pass the computer to the player of {LEADER[self.side]}.",
            pal.text,
            (w // 2, h // 2 - 60),
            "midtop",
        )
        text.draw(
            surface,
            self.app.fonts.get("ui", 17),
            "The other player should look away until the orders are sealed.",
            pal.dim,
            (w // 2, h // 2 - 20),
            "midtop",
        )
        self.panel.draw(surface, self.app)


# ---------------------------------------------------------------------------- the briefing


class BriefingScene(Scene):
    """Who you are, who advises you, what you know, want and fear: before the first orders."""

    def __init__(self, app: Window, side: Side) -> None:
        super().__init__(app)
        self.side = side
        self.secret_side = side

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        self.panel.add(
            Button(footer(self.app, w // 2 - 160, 320), "Begin", self.begin, "To the situation room.", style="primary")
        )
        # The card's sections on paper that scrolls (Down or the wheel) and says when there is more: at large
        # text in a small window they do not all fit under the name.
        sheet, top = self.sheet(), self.body_top()
        items = [
            x for heading, words in self.app.scenario.briefings[self.side].sections() for x in (heading.upper(), words)
        ]
        self.panel.add(
            Paper(pygame.Rect(sheet.left + 18, top, sheet.width - 36, sheet.bottom - top - 8), items, "Briefing")
        )

    def sheet(self) -> pygame.Rect:
        """The sheet of paper the briefing is typed on, above the button."""
        w = self.app.size[0]
        return pygame.Rect(max(10, w // 2 - 460), 40, min(920, w - 20), self.panel.widgets[0].rect.top - 50)

    def body_top(self) -> int:
        """Where the sections begin: under the name and the role line."""
        fonts = self.app.fonts
        return (
            self.sheet().top + 24 + fonts.get("type_bold", 26).get_linesize() + fonts.get("type", 17).get_linesize() + 8
        )

    def begin(self) -> None:
        self.app.go("turn", self.side)

    def back(self) -> None:
        self.begin()

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal, fonts = self.app.palette, self.app.fonts
        view = self.app.game.view(self.side)
        paper = self.sheet()
        pygame.draw.rect(surface, pal.paper, paper, border_radius=4)
        text.draw(
            surface,
            fonts.get("type_bold", 16),
            "TOP SECRET — EYES ONLY",
            pal.stamp,
            (paper.right - 24, 22 + 40),
            "topright",
        )
        name = text.draw(
            surface,
            fonts.get("type_bold", 26),
            f"{LEADER[self.side].upper()}",
            pal.ink,
            (paper.left + 30, paper.top + 24),
        )
        text.draw(
            surface,
            fonts.get("type", 17),
            f"{ROLE[self.side]} — {with_year(view.turn_def.label)}",
            pal.ink,
            (paper.left + 30, name.bottom),
        )
        self.panel.draw(surface, self.app)


# ---------------------------------------------------------------------------- after the turn


class ResolutionScene(Scene):
    """What happened this turn, whole: incidents and the ladder first, then the rest, on paper that scrolls.

    In hot-seat only the public news shows: both players may be watching.
    """

    def __init__(self, app: Window, result: TurnResult) -> None:
        super().__init__(app)
        session = app.game
        self.result = result
        self.side = None if session.hotseat else session.humans[0]
        self.secret_side = self.side
        # From views only: one side's (single player), or the public part of one (hot-seat, both watching).
        self.entries = result.news(self.side)
        self.progress = 0.0 if app.settings.animation == "full" else 1.0

    def enter(self) -> None:
        super().enter()
        if self.entries:
            self.app.sound.play("teletype")
        if any(e.key.startswith("incident_") for e in self.entries):
            self.app.sound.play("warning")

    def items(self) -> list[Any]:
        """The account: the ladder's move, then incidents, then everything else in the order it happened."""
        before, after = self.result.before, self.result.after
        rung = self.app.scenario.rungs[after.rung]
        if after.rung != before.rung:
            verb = "climbed" if after.rung > before.rung else "came down"
            head = [f"The ladder {verb} from rung {before.rung} to rung {after.rung}: {rung.name}."]
        else:
            head = [f"The ladder stands at rung {after.rung}: {rung.name}."]
        news = [e._replace(text=self.result.line(e)) for e in self.entries]
        first = [e for e in news if e.key.startswith("incident_")]
        return head + first + [e for e in news if not e.key.startswith("incident_")]

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        title = self.app.fonts.get("type_bold", 28).get_linesize()
        bottom = footer(self.app, 0, 0).top - 12
        self.page = self.panel.add(
            Paper(
                pygame.Rect(30, 30 + title, (w // 2 - 40) if self.side else w - 60, bottom - 30 - title),
                self.items(),
                "What happened",
            )
        )
        self.continue_button = self.panel.add(
            Button(
                footer(self.app, w - 310, 280),
                "Continue",
                self.next,
                "On to the next turn. The Reports tab keeps the whole log.",
                style="primary",
            )
        )
        self.panel.focus_on(self.continue_button)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_UP,
            pygame.K_DOWN,
            pygame.K_PAGEUP,
            pygame.K_PAGEDOWN,
        ):
            down = event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN)
            self.page.wheel(-1 if down else 1)
            return
        super().handle(event)

    def next(self) -> None:
        begin_turn(self.app)

    def map_area(self) -> pygame.Rect:
        page = self.page.rect
        return pygame.Rect(page.right + 20, page.top, self.app.size[0] - page.right - 50, page.height)

    def animated_area(self) -> pygame.Rect | None:
        return self.map_area() if self.side else None

    def back(self) -> None:
        self.next()

    def update(self, dt: float) -> bool:
        if self.progress < 1.0:
            self.progress = min(1.0, self.progress + dt / 1.5)
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal, fonts = self.app.palette, self.app.fonts
        before = self.result.before
        title = f"{before.turn_def.label.upper()}: WHAT HAPPENED"
        # The largest size at which the date fits the window's width (a long date at large text would run off it).
        font = next(
            (
                f
                for f in (fonts.get("type_bold", n) for n in (28, 24, 20, 17))
                if f.size(title)[0] <= surface.get_width() - 60
            ),
            fonts.get("type_bold", 14),
        )
        text.draw(surface, font, title, pal.accent, (30, 20))
        if self.side:
            self.app.map.draw(
                surface,
                self.map_area(),
                player_view(self.result.after, self.side),
                player_view(before, self.side),
                self.progress,
            )
        self.panel.draw(surface, self.app)
