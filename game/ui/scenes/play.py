"""The screens of a game in progress: briefing, hand-off, the turn, what happened, the end.

Every screen draws from one side's ``PlayerView`` (or, between hot-seat
players, from nothing secret at all): the window never holds the whole state.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.engine.model import LEADER, ROLE, SIDES
from game.engine.scoring import PARTS
from game.engine.view import player_view
from game.session import TurnResult
from game.ui import text
from game.ui.paper import Paper
from game.ui.scene import Notice, Scene, button_height, draw_backdrop, draw_box, footer
from game.ui.scenes.turn import TurnScene
from game.ui.widgets import Button, ListBox


def begin_turn(app: Any) -> None:
    """Show the next screen of the game: the hand-off in hot-seat, else the briefing or the turn.

    The briefing card describes the crisis as it stands when play begins, so it
    comes before each side's first orders, never when a game in progress is resumed.
    """
    session = app.session
    if session.over:
        app.go(EndScene(app))
        return
    side = session.to_play()
    briefing = not session.record.turns
    if session.hotseat:
        app.go(HandoffScene(app, side, briefing=briefing))
    elif briefing:
        app.go(BriefingScene(app, side))
    else:
        app.go(TurnScene(app, side))


# ---------------------------------------------------------------------------- between players


class HandoffScene(Scene):
    """Between hot-seat players: nothing of either side's game shows here."""

    secret_side = None

    def __init__(self, app: Any, side: str, briefing: bool = False) -> None:
        super().__init__(app)
        self.side = side
        self.briefing = briefing

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        self.panel.add(Button(pygame.Rect(w // 2 - 230, h // 2 + 60, 460, 54),
                              f"I am {LEADER[self.side]} — show my screen", self.ready,
                              f"Only the player of {LEADER[self.side]} should press this.", style="primary"))

    def ready(self) -> None:
        scene = BriefingScene(self.app, self.side) if self.briefing else TurnScene(self.app, self.side)
        self.app.go(scene)

    def back(self) -> None:
        from game.ui.scenes.menus import PauseScene

        self.app.push(PauseScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal = self.app.palette
        w, h = surface.get_size()
        text.draw(surface, self.app.fonts.get("type_bold", 36), "HAND-OFF", pal.accent, (w // 2, h // 2 - 130),
                  "midtop")
        text.draw(surface, self.app.fonts.get("ui", 22),
                  f"Pass the computer to the player of {LEADER[self.side]}.", pal.text, (w // 2, h // 2 - 60),
                  "midtop")
        text.draw(surface, self.app.fonts.get("ui", 17), "The other player should look away until the orders "
                  "are sealed.", pal.dim, (w // 2, h // 2 - 20), "midtop")
        self.panel.draw(surface, self.app)


# ---------------------------------------------------------------------------- the briefing


class BriefingScene(Scene):
    """Who you are, who advises you, what you know, want and fear: before the first orders."""

    def __init__(self, app: Any, side: str) -> None:
        super().__init__(app)
        self.side = side
        self.secret_side = side

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        self.panel.add(Button(footer(self.app, w // 2 - 160, 320), "Begin", self.begin,
                              "To the situation room.", style="primary"))

    def begin(self) -> None:
        self.app.go(TurnScene(self.app, self.side))

    def back(self) -> None:
        self.begin()

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal, fonts = self.app.palette, self.app.fonts
        session = self.app.session
        view = session.view(self.side)
        card = self.app.scenario.briefings[self.side]
        w, h = surface.get_size()
        paper = pygame.Rect(max(10, w // 2 - 460), 40, min(920, w - 20), self.panel.widgets[0].rect.top - 50)
        pygame.draw.rect(surface, pal.paper, paper, border_radius=4)
        text.draw(surface, fonts.get("type_bold", 16), "TOP SECRET — EYES ONLY", pal.stamp, (paper.right - 24, 22 + 40),
                  "topright")
        text.draw(surface, fonts.get("type_bold", 26), f"{LEADER[self.side].upper()}", pal.ink,
                  (paper.left + 30, paper.top + 24))
        text.draw(surface, fonts.get("type", 17), f"{ROLE[self.side]} — {view.turn_def.label} 1962", pal.ink,
                  (paper.left + 30, paper.top + 62))
        y = paper.top + 100
        body = fonts.get("type", 16)
        for heading, words in card.sections():
            text.draw(surface, fonts.get("type_bold", 17), heading.upper(), pal.ink, (paper.left + 30, y))
            y += 26
            y += text.draw_wrapped(surface, body, words, pal.ink, pygame.Rect(paper.left + 30, y, paper.width - 60,
                                                                              paper.bottom - y - 10)) + 12
        self.panel.draw(surface, self.app)


# ---------------------------------------------------------------------------- after the turn


class ResolutionScene(Scene):
    """What happened this turn, whole: incidents and the ladder first, then the rest, on paper that scrolls.

    In hot-seat only the public news shows: both players may be watching.
    """

    def __init__(self, app: Any, result: TurnResult) -> None:
        super().__init__(app)
        session = app.session
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
        self.page = self.panel.add(Paper(pygame.Rect(30, 30 + title, (w // 2 - 40) if self.side else w - 60,
                                                     bottom - 30 - title), self.items(), "What happened"))
        self.continue_button = self.panel.add(Button(footer(self.app, w - 310, 280), "Continue", self.next,
                                                     "On to the next turn. The Reports tab keeps the whole log.",
                                                     style="primary"))
        self.panel.focus_on(self.continue_button)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP,
                                                           pygame.K_PAGEDOWN):
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
        text.draw(surface, fonts.get("type_bold", 28), f"{before.turn_def.label.upper()}: WHAT HAPPENED", pal.accent,
                  (30, 20))
        if self.side:
            self.app.map.draw(surface, self.map_area(),
                              player_view(self.result.after, self.side), player_view(before, self.side), self.progress)
        self.panel.draw(surface, self.app)


class EndScene(Scene):
    """The debrief: the outcome and scores, the crisis day by day beside history, the decisions, the secrets,
    questions to reflect on — and the export a student can hand in."""

    tabs = ("Outcome", "Day by day", "Decisions", "Questions")

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        from game.report import debrief

        self.report = debrief(app.session.state, app.session.record)
        self.tab = "Outcome"
        self.chart: pygame.Surface | None = None
        self.exported: str = ""

    def layout(self) -> None:
        self.panel.clear()
        self.chart = None
        w, h = self.app.size
        tab_w = (w - 60) // len(self.tabs)
        for i, name in enumerate(self.tabs):
            self.panel.add(Button(pygame.Rect(30 + i * tab_w, 20, tab_w - 8, button_height(self.app)), name,
                                  self.show(name),
                                  style="primary" if name == self.tab else "normal"))
        if self.tab == "Decisions":
            rows = [(f"{r.label}: {LEADER[side]} — {'; '.join(r.orders[side]) or 'no orders'}", r)
                    for r in self.report.rows for side in (self.report.humans or SIDES)]
            notes = ["as in 1962" if r.orders[side] == r.record_orders[side] else "differs from 1962"
                     for r in self.report.rows for side in (self.report.humans or SIDES)]
            tips = [f"In 1962: {'; '.join(r.record_orders[side]) or 'no orders'}."
                    for r in self.report.rows for side in (self.report.humans or SIDES)]
            self.panel.add(ListBox(self.body(), "Decisions", rows, None, row_height=30,
                                   notes=notes, tooltips=tips))
        self.panel.add(Button(footer(self.app, w // 2 - 310, 300), "Export the debrief", self.export,
                              "Write it as a web page and a spreadsheet (CSV) to hand in.", style="primary"))
        self.panel.add(Button(footer(self.app, w // 2 + 10, 300), "Back to the title screen", self.leave))

    def body(self) -> pygame.Rect:
        """Between the tabs and the buttons at the foot."""
        top = 28 + button_height(self.app) + 12
        return pygame.Rect(30, top, self.app.size[0] - 60, footer(self.app, 0, 0).top - 12 - top)

    def show(self, name: str):  # noqa: ANN201 - a button action
        def set_tab() -> None:
            self.tab = name
            self.layout()
            self.panel.focus = self.tabs.index(name)
        return set_tab

    def enter(self) -> None:
        super().enter()
        self.app.sound.alarm(False)
        self.app.sound.play("stamp")

    def export(self) -> None:
        from game.files import FileProblem
        from game.report import chart_png, write_report
        from game.ui.scenes.menus import write_failed

        try:
            page, table = write_report(self.report, chart=chart_png(self.report, self.app.palette, self.app.fonts))
        except FileProblem as exc:
            write_failed(self.app, "The debrief could not be written", exc)
            return
        self.exported = str(page.parent)
        self.app.push(Notice(self.app, "Debrief exported", f"The debrief is in {page} and the turn log in {table}."))

    def leave(self) -> None:
        from game.ui.scenes.menus import TitleScene

        self.app.session = None
        self.app.guide = None
        self.app.go(TitleScene(self.app))

    def back(self) -> None:
        self.leave()

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        body = self.body()
        if self.tab == "Outcome":
            self.draw_outcome(surface, body)
        elif self.tab == "Day by day":
            if self.chart is None or self.chart.get_size() != body.size:
                from game.ui.chart import render_chart

                r = self.report.rows
                self.chart = render_chart([x.date[5:] for x in r], [x.rung for x in r], [x.risk for x in r],
                                          [x.history_rung or 0 for x in r], [x.history_risk or 0.0 for x in r],
                                          body.size, self.app.palette, self.app.fonts)
            surface.blit(self.chart, body)
        elif self.tab == "Questions":
            self.draw_questions(surface, body)
        self.panel.draw(surface, self.app)
        if self.exported:
            text.draw(surface, self.app.fonts.get("ui", 14), f"Exported to {self.exported}", self.app.palette.dim,
                      (30, surface.get_height() - 20), "midleft")

    def draw_outcome(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        pal, fonts = self.app.palette, self.app.fonts
        report = self.report
        w = surface.get_width()
        colour = pal.danger if report.outcome == "Nuclear war" else pal.accent
        text.draw(surface, fonts.get("type_bold", 36), report.outcome.upper(), colour, (w // 2, body.top), "midtop")
        text.draw_wrapped(surface, fonts.get("ui", 17), f"{report.ending} In 1962: {report.history_outcome}.",
                          pal.text, pygame.Rect(w // 2 - 420, body.top + 56, 840, 60))
        if report.terms:
            text.draw_wrapped(surface, fonts.get("ui", 14), f"Terms: {report.terms}.", pal.dim,
                              pygame.Rect(w // 2 - 420, body.top + 110, 840, 40))
        for i, side in enumerate(SIDES):
            s = report.scores[side]
            box = pygame.Rect(w // 2 - 420 + i * 430, body.top + 160, 410, 270)
            draw_box(surface, self.app, box)
            text.draw(surface, fonts.get("ui_bold", 20), f"{LEADER[side]}: {s['total']} / 100", pal.text,
                      (box.left + 16, box.top + 12))
            text.draw(surface, fonts.get("ui", 15), f"Outcome: {s['rank_label']} (rank {s['rank']} of 4)", pal.dim,
                      (box.left + 16, box.top + 40))
            for j, part in enumerate(PARTS):
                y = box.top + 74 + j * 36
                text.draw(surface, fonts.get("ui", 15), f"{part.title()}: {s['parts'][part]} / 20", pal.text,
                          (box.left + 16, y))
                bar = pygame.Rect(box.left + 200, y + 4, 190, 12)
                pygame.draw.rect(surface, pal.bg, bar, border_radius=3)
                pygame.draw.rect(surface, pal.us if side == "us" else pal.ussr,
                                 (bar.left, bar.top, int(bar.width * s["parts"][part] / 20), bar.height),
                                 border_radius=3)
        secrets = "; ".join(report.leaks) if report.leaks else "No secret leaked."
        text.draw_wrapped(surface, fonts.get("ui", 15), f"Secrets: {secrets}", pal.warn if report.leaks else pal.dim,
                          pygame.Rect(w // 2 - 420, body.top + 440, 840, 40))

    def draw_questions(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        pal, fonts = self.app.palette, self.app.fonts
        pygame.draw.rect(surface, pal.paper, body, border_radius=4)
        y = body.top + 14
        for i, question in enumerate(self.report.questions, 1):
            y += text.draw_wrapped(surface, fonts.get("type", 15), f"{i}. {question}", pal.ink,
                                   pygame.Rect(body.left + 16, y, body.width - 32, body.bottom - y)) + 12


