"""The debrief: the outcome and scores, the crisis day by day beside history, the decisions, questions to
reflect on, and the export a student can hand in.

The Outcome tab is laid out from the area between the tabs and the buttons at the foot, at the window's size
and text scale: the score boxes go side by side where two fit and one above the other where they do not, and
the text sizes step down until everything fits, so no box runs under the buttons. ``boxes`` keeps every text
box drawn last frame, so the layout test can check them as it checks widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from game.engine.model import LEADER, SIDES, Side
from game.engine.scoring import PARTS
from game.files import FileProblem
from game.report import debrief, write_report
from game.ui import text
from game.ui.chart import render_chart
from game.ui.export import chart_png
from game.ui.paper import Paper
from game.ui.scene import Notice, Scene, button_height, draw_backdrop, draw_box, footer
from game.ui.widgets import Button, ListBox
from game.ui.window import Window

SIZES = ((36, 17, 14, 20, 15), (30, 15, 13, 17, 13), (26, 13, 12, 15, 12), (22, 12, 11, 13, 11))
GAP = 10


class EndScene(Scene):
    """The debrief: the outcome and scores, the crisis day by day beside history, the decisions, the secrets,
    questions to reflect on — and the export a student can hand in."""

    tabs = ("Outcome", "Day by day", "Decisions", "Questions")

    def __init__(self, app: Window) -> None:
        super().__init__(app)
        self.report = debrief(app.game.state, app.game.record)
        self.tab = "Outcome"
        self.chart: pygame.Surface | None = None
        self.exported: str = ""
        self.boxes: list[tuple[str, pygame.Rect]] = []  # the text boxes drawn last frame, for the layout test

    def layout(self) -> None:
        self.panel.clear()
        self.chart = None
        self.boxes = []  # what the last frame drew no longer holds
        w, h = self.app.size
        tab_w = (w - 60) // len(self.tabs)
        for i, name in enumerate(self.tabs):
            self.panel.add(
                Button(
                    pygame.Rect(30 + i * tab_w, 20, tab_w - 8, button_height(self.app)),
                    name,
                    self.show(name),
                    style="primary" if name == self.tab else "normal",
                )
            )
        if self.tab == "Decisions":
            rows = [
                (f"{r.label}: {LEADER[side]} — {r.words(side)}", r)
                for r in self.report.rows
                for side in (self.report.humans or SIDES)
            ]
            notes = [
                "as in 1962" if r.as_in_1962(side) else "differs from 1962"
                for r in self.report.rows
                for side in (self.report.humans or SIDES)
            ]
            tips = [
                f"In 1962: {r.words(side, record=True)}."
                for r in self.report.rows
                for side in (self.report.humans or SIDES)
            ]
            self.panel.add(ListBox(self.body(), "Decisions", rows, None, row_height=30, notes=notes, tooltips=tips))
        elif self.tab == "Questions":
            self.add_questions()
        self.panel.add(
            Button(
                footer(self.app, w // 2 - 310, 300),
                "Export the debrief",
                self.export,
                "Write it as a web page and a spreadsheet (CSV) to hand in.",
                style="primary",
            )
        )
        self.panel.add(Button(footer(self.app, w // 2 + 10, 300), "Back to the title screen", self.leave))

    def body(self) -> pygame.Rect:
        """Between the tabs and the buttons at the foot, less a line for where the export went."""
        top = 28 + button_height(self.app) + 12
        bottom = footer(self.app, 0, 0).top - 8 - self.app.fonts.get("ui", 14).get_linesize() - 4
        return pygame.Rect(30, top, self.app.size[0] - 60, bottom - top)

    def show(self, name: str) -> Callable[[], None]:
        def set_tab() -> None:
            self.tab = name
            self.layout()
            self.app.dirty = True
            self.panel.focus = self.tabs.index(name)

        return set_tab

    def enter(self) -> None:
        super().enter()
        self.app.sound.alarm(False)
        self.app.sound.play("stamp")

    def export(self) -> None:
        try:
            page, table = write_report(self.report, chart=chart_png(self.report, self.app.palette, self.app.fonts))
        except FileProblem as exc:
            self.app.push("write_failed", "The debrief could not be written", exc)
            return
        self.exported = str(page.parent)
        self.app.push(Notice(self.app, "Debrief exported", f"The debrief is in {page} and the turn log in {table}."))

    def leave(self) -> None:
        self.app.session = None
        self.app.guide = None
        self.app.go("title")

    def back(self) -> None:
        self.leave()

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        body = self.body()
        self.boxes = []
        if self.tab == "Outcome":
            self.draw_outcome(surface, body)
        elif self.tab == "Day by day":
            if self.chart is None or self.chart.get_size() != body.size:
                self.chart = render_chart(self.report.rows, body.size, self.app.palette, self.app.fonts)
            surface.blit(self.chart, body)
            self.boxes.append(("chart", body))
        self.panel.draw(surface, self.app)
        if self.exported:
            font = self.app.fonts.get("ui", 14)
            line = pygame.Rect(30, body.bottom + 4, self.app.size[0] - 60, font.get_linesize())
            text.draw(surface, font, f"Exported to {self.exported}", self.app.palette.dim, line.topleft)
            self.boxes.append(("exported", line))

    def draw_outcome(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        """The outcome, the ending, the terms, both sides' scores and the secrets, at the largest sizes that fit."""
        width = min(860, body.width)
        for sizes in SIZES:
            plan = self.plan_outcome(body, width, sizes)
            if plan[-1][1].bottom <= body.bottom:
                break
        for kind, rect, payload in plan:
            if kind == "score":
                self.draw_score(surface, rect, payload, sizes)
                continue
            font, words, colour = payload
            lines = text.wrap(font, words, rect.width)
            for i, line in enumerate(lines):
                anchor = "midtop" if kind == "title" else "topleft"
                pos = (rect.centerx, rect.top) if kind == "title" else (rect.left, rect.top + i * font.get_linesize())
                text.draw(surface, font, line, colour, pos, anchor)
            self.boxes.append((words[:40], rect))

    def plan_outcome(self, body: pygame.Rect, width: int, sizes: tuple[int, ...]) -> list[tuple[str, pygame.Rect, Any]]:
        """Where each part of the Outcome tab goes at ``sizes`` (title, ending, terms, scores, secrets): a column
        ``width`` wide from the top of ``body``; the last rect's bottom says whether it fits."""
        pal, fonts, report = self.app.palette, self.app.fonts, self.report
        big, para, small, _, row = sizes
        left = body.centerx - width // 2
        parts: list[tuple[str, Any]] = [
            (
                "title",
                (
                    fonts.get("type_bold", big),
                    report.outcome.upper(),
                    pal.danger if report.outcome == "Nuclear war" else pal.accent,
                ),
            ),
            ("text", (fonts.get("ui", para), f"{report.ending} In 1962: {report.history_outcome}.", pal.text)),
        ]
        if report.terms:
            parts.append(("text", (fonts.get("ui", small), f"Terms: {report.terms}.", pal.dim)))
        secrets = "; ".join(report.leaks) if report.leaks else "No secret leaked."
        tail = ("text", (fonts.get("ui", row), f"Secrets: {secrets}", pal.warn if report.leaks else pal.dim))
        plan: list[tuple[str, pygame.Rect, Any]] = []
        y = body.top
        for kind, (font, words, colour) in parts:
            h = len(text.wrap(font, words, width)) * font.get_linesize()
            plan.append((kind, pygame.Rect(left, y, width, h), (font, words, colour)))
            y += h + GAP
        score_h = self.score_height(sizes)
        side_by_side = width >= 2 * 330 + GAP
        box_w = (width - GAP) // 2 if side_by_side else width
        for i, side in enumerate(SIDES):
            x = left + (i * (box_w + GAP) if side_by_side else 0)
            top = y if side_by_side else y + i * (score_h + GAP)
            plan.append(("score", pygame.Rect(x, top, box_w, score_h), side))
        y += (score_h if side_by_side else 2 * score_h + GAP) + GAP
        font, words, colour = tail[1]
        plan.append(
            (
                "text",
                pygame.Rect(left, y, width, len(text.wrap(font, words, width)) * font.get_linesize()),
                (font, words, colour),
            )
        )
        return plan

    def score_height(self, sizes: tuple[int, ...]) -> int:
        fonts = self.app.fonts
        head, row = fonts.get("ui_bold", sizes[3]).get_linesize(), fonts.get("ui", sizes[4]).get_linesize()
        return 12 + head + row + 8 + len(PARTS) * (row + 6) + 8

    def draw_score(self, surface: pygame.Surface, box: pygame.Rect, side: Side, sizes: tuple[int, ...]) -> None:
        """One side's score: total, rank, and a bar for each part (the bar beside the words where it fits)."""
        pal, fonts = self.app.palette, self.app.fonts
        s = self.report.scores[side]
        draw_box(surface, self.app, box)
        head, row = fonts.get("ui_bold", sizes[3]), fonts.get("ui", sizes[4])
        x, y = box.left + 14, box.top + 12
        text.draw(surface, head, f"{LEADER[side]}: {s['total']} / 100", pal.text, (x, y))
        y += head.get_linesize()
        text.draw(surface, row, f"Outcome: {s['rank_label']} (rank {s['rank']} of 4)", pal.dim, (x, y))
        y += row.get_linesize() + 8
        label_w = max(row.size(f"{part.title()}: 20 / 20")[0] for part in PARTS) + 12
        for part in PARTS:
            text.draw(surface, row, f"{part.title()}: {s['parts'][part]} / 20", pal.text, (x, y))
            bar = pygame.Rect(x + label_w, y + row.get_linesize() // 2 - 6, box.right - 14 - x - label_w, 12)
            if bar.width >= 30:
                pygame.draw.rect(surface, pal.bg, bar, border_radius=3)
                pygame.draw.rect(
                    surface,
                    pal.us if side == "us" else pal.ussr,
                    (bar.left, bar.top, int(bar.width * s["parts"][part] / 20), bar.height),
                    border_radius=3,
                )
            y += row.get_linesize() + 6
        self.boxes.append((f"{LEADER[side]} score", box))

    def add_questions(self) -> None:
        """The questions on paper that scrolls (Down or the wheel), saying so when there are more below: a long
        question at large text no longer runs off the foot of the page."""
        questions = [f"{i}. {q}" for i, q in enumerate(self.report.questions, 1)]
        self.panel.add(Paper(self.body(), questions, "Questions"))
