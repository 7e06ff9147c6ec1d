"""The screens around a game: the title and the pause menu, and the way out.

The other screens around a game have rooms of their own, reached by name: ``newgame`` (the new game),
``settings``, ``saving`` (save and load); opening a game, new, loaded or a tutorial, is ``game.ui.opening``.
"""

from __future__ import annotations

import pygame

from game.files import FileProblem
from game.saves import SaveError, autosave_path, continue_game, has_game, read_info
from game.ui import text
from game.ui.opening import start_loaded, start_tutorial
from game.ui.scene import Dialog, Notice, Scene, column, content_top, draw_backdrop
from game.ui.widgets import Button
from game.ui.window import Window

TITLE_LINES = (("type_bold", 64), ("type", 28), ("ui", 16))  # the title screen's title, year and line


class TitleScene(Scene):
    def __init__(self, app: Window) -> None:
        super().__init__(app)
        self._backdrop: pygame.Surface | None = None

    def backdrop(self) -> pygame.Surface:
        """The map table, dimmed, behind the title (made once per window size and palette)."""
        size = self.app.size
        if self._backdrop is None or self._backdrop.get_size() != size:
            surface = pygame.Surface(size)
            surface.fill(self.app.palette.bg)
            self.app.map.draw_backdrop(surface, surface.get_rect())
            shade = pygame.Surface(size, pygame.SRCALPHA)
            shade.fill((*self.app.palette.bg, 170))
            surface.blit(shade, (0, 0))
            self._backdrop = surface
        return self._backdrop

    def layout(self) -> None:
        self._backdrop = None
        self.panel.clear()
        rects = column(self.app, 6)
        if rects[0].top < self.app.size[1] // 2 - 60:
            rects = column(self.app, 6, top=self.title_bottom())
        has_autosave = has_game()
        try:
            finished = has_autosave and read_info(autosave_path()).over
        except (SaveError, FileProblem):
            finished = False
        entries = [
            (
                "New game",
                self.new_game,
                "Lead Kennedy or Khrushchev against the computer, or play two at one keyboard.",
            ),
            (
                "Continue",
                self.resume,
                "The last game is over: see its debrief."
                if finished
                else "Go back to the game you were playing."
                if has_autosave
                else "No game to continue yet.",
            ),
            ("Load", lambda: self.app.push("load"), "Open a saved game."),
            ("Replay history", self.history, "Watch the thirteen days as they happened, day by day."),
            ("Settings", lambda: self.app.push("settings"), "Sound, text size, colours, full screen."),
            ("Quit", self.app.quit, "Leave the game."),
        ]
        for rect, (label, action, tip) in zip(rects, entries, strict=True):
            enabled = has_autosave if label == "Continue" else True
            style = "primary" if label == "New game" else "normal"
            self.panel.add(Button(rect, label, action, tip, enabled, style=style))
        if has_autosave:
            self.panel.focus = 1

    def title_bottom(self) -> int:
        """Where the title's three lines end, drawn from the top of the window."""
        fonts = self.app.fonts
        return 24 + sum(fonts.get(role, size).get_linesize() for role, size in TITLE_LINES) + 16

    def new_game(self) -> None:
        self.app.push("new_game")

    def resume(self) -> None:
        app = self.app
        try:
            session, notice = continue_game()
        except SaveError as exc:
            app.push(Notice(app, "There is no game to continue", "\n".join(exc.problems[:6])))
            return
        start_loaded(app, session)
        if notice:
            app.push(Notice(app, "Continued from the backup", notice))

    def history(self) -> None:
        app = self.app
        app.push(
            Dialog(
                app,
                "Replay history",
                "Watch the thirteen days as they happened, or lead one side "
                "yourself: each day the record's choice is shown and explained, and you may follow it or "
                "step off the path and see what might have happened.",
                [
                    ("Watch", lambda: start_tutorial(app, "watch")),
                    ("Lead Kennedy", lambda: start_tutorial(app, "us")),
                    ("Lead Khrushchev", lambda: start_tutorial(app, "ussr")),
                    ("Back", None),
                ],
            )
        )

    def back(self) -> None:
        self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal = self.app.palette
        w, h = surface.get_size()
        surface.blit(self.backdrop(), (0, 0))
        fonts = self.app.fonts
        lines = (
            "BRINKMANSHIP",
            "October 1962",
            "Thirteen days. Two leaders. One mistake away from the end of the world.",
        )
        height = sum(fonts.get(role, size).get_linesize() for role, size in TITLE_LINES)
        y = max(24, min(h // 2 - 250, self.panel.widgets[0].rect.top - 16 - height))
        for (role, size), words, colour in zip(TITLE_LINES, lines, (pal.accent, pal.text, pal.dim), strict=True):
            y = text.draw(surface, fonts.get(role, size), words, colour, (w // 2, y), "midtop").bottom
        self.panel.draw(surface, self.app)


class PauseScene(Scene):
    """Escape during a game: nothing of the game shows behind it."""

    title = "Paused"

    def layout(self) -> None:
        self.panel.clear()
        session = self.app.session
        aftermath = session is not None and session.in_aftermath
        rects = column(self.app, 6 if aftermath else 5, top=content_top(self.app) + 20)
        add = self.panel.add
        add(Button(rects[0], "Resume", self.back, "Back to the game.", style="primary"))
        add(Button(rects[1], "Save", lambda: self.app.push("save"), "Save this game under a name."))
        add(Button(rects[2], "Load", lambda: self.app.push("load"), "Open a saved game instead."))
        add(Button(rects[3], "Settings", lambda: self.app.push("settings")))
        add(
            Button(
                rects[4],
                "Quit to title",
                self.quit_to_title,
                "The game is saved; Continue on the title screen takes you back to it.",
            )
        )
        if aftermath:
            add(
                Button(
                    rects[5],
                    "Let the aftermath run",
                    self.run_aftermath,
                    "The terms are agreed: play on to the end with every promise kept, as in 1962.",
                )
            )

    def run_aftermath(self) -> None:
        result = self.app.game.run_aftermath()
        self.app.autosave()
        self.app.go("resolution", result)

    def back(self) -> None:
        self.app.pop()

    def quit_to_title(self) -> None:
        self.app.autosave()
        self.app.session = None
        self.app.go("title")
