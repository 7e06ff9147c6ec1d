"""Saving and loading in the window: the save and load screens, and what the player is told when a file
cannot be written."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.files import FileProblem, config_dir
from game.saves import (
    SaveError,
    SaveInfo,
    autosave_path,
    backup_path,
    list_saves,
    name_problem,
    read_info,
    save_game,
    saves_dir,
    slot_path,
)
from game.ui import text
from game.ui.opening import game_in_progress, open_save
from game.ui.scene import Dialog, Notice, Scene, column, content_top, draw_box, footer
from game.ui.widgets import Button, ListBox, TextField
from game.ui.window import Window


def write_failed(app: Window, title: str, exc: FileProblem, choices: tuple[tuple[str, object], ...] = ()) -> Dialog:
    """A file could not be written: why, in plain words, and where the game keeps its files."""
    return Dialog(
        app,
        title,
        f"{exc}.\n\nThe game goes on, and nothing saved before is lost. The game keeps its "
        f"saves in {saves_dir()} and its settings in {config_dir()}: free some space there, or make the "
        "folder writable, and try again.",
        [*choices, ("Go on", None)],
    )


def describe_saves(saves: list[SaveInfo]) -> tuple[list[str], list[str]]:
    """Each save's line and note in a list: its name and day; its scenario, who plays whom, when it was saved."""
    titles = [f"{save_name(info)} — {info.label or 'cannot be read'}{', over' if info.over else ''}" for info in saves]
    notes = [
        f"{info.scenario}: {info.sides}; saved {info.saved_at.replace('T', ' ')}"
        if not info.problem
        else f"damaged, saved {info.saved_at.replace('T', ' ')}"
        for info in saves
    ]
    return titles, notes


def save_name(info: SaveInfo) -> str:
    """A save's name as the list shows it: the autosave's backup is told apart from the autosave."""
    if info.path.name == f"{autosave_path().stem}.bak.json":
        return "autosave, the turn before"
    return info.slot


class SaveScene(Scene):
    title = "Save the game"

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        session = self.app.session
        name = f"{session.state.turn_def.label}" if session else "save"
        rects = column(self.app, 3, width=560, top=content_top(self.app))
        self.field = self.panel.add(TextField(rects[0], "Name", name))
        self.panel.add(
            Button(
                rects[1], "Save", self.save, "Write the save; you are asked before one is replaced.", style="primary"
            )
        )
        self.panel.add(Button(rects[2], "Cancel", self.back))
        automatic = (autosave_path(), backup_path())
        saves = [info for info in list_saves() if not info.problem and info.path not in automatic]
        self.replace_list = None
        if saves:
            top = rects[2].bottom + 40
            titles, notes = describe_saves(saves)
            rows = [(title, info.slot) for title, info in zip(titles, saves, strict=True)]
            self.replace_list = self.panel.add(
                ListBox(
                    pygame.Rect(w // 2 - 420, top, 840, h - top - 60),
                    "Saves to replace",
                    rows,
                    self.pick,
                    row_height=34,
                    notes=notes,
                )
            )

    def pick(self, slot: str) -> None:
        """Choosing an existing save puts its name in the field, to save over it."""
        self.field.value = slot

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.replace_list is not None:
            text.draw(
                surface,
                self.app.fonts.get("ui", 15),
                "Your saves — choose one to save over it:",
                self.app.palette.dim,
                (self.replace_list.rect.left, self.replace_list.rect.top - 24),
            )

    def save(self) -> None:
        if self.app.session is None:
            return
        slot = self.field.value.strip() or "save"
        problem = name_problem(slot)
        if problem:
            self.app.push(Notice(self.app, "Choose another name", problem))
            return
        path = slot_path(slot)
        if path.exists() or path.is_symlink():
            try:
                old = f"There is already a save called “{read_info(path).slot}”."
            except SaveError as exc:
                old = f"A damaged save is kept under this name ({exc.problems[0]})."
            self.app.push(
                Dialog(
                    self.app,
                    "Replace this save?",
                    f"{old} Replace it with the game as it stands now?",
                    [("Replace", lambda: self.write(slot)), ("Keep it", None)],
                )
            )
            return
        self.write(slot)

    def write(self, slot: str) -> None:
        try:
            path = save_game(self.app.game, slot)
        except FileProblem as exc:
            self.app.push(write_failed(self.app, "The game could not be saved", exc))
            return
        self.app.pop()
        self.app.push(Notice(self.app, "Saved", f"The game is saved as “{read_info(path).slot}”."))

    def back(self) -> None:
        self.app.pop()


class LoadScene(Scene):
    title = "Load a game"

    def layout(self) -> None:
        self.panel.clear()
        w, h = self.app.size
        self.saves = list_saves()
        titles, notes = describe_saves(self.saves)
        rows = [(title, info.path) for title, info in zip(titles, self.saves, strict=True)]
        tips = [
            info.problem or f"{info.sides}. {info.label}.{' The game is over.' if info.over else ''}"
            for info in self.saves
        ]
        buttons = footer(self.app, w // 2 - 270, 260)
        top = 60 + self.app.fonts.get("type_bold", 34).get_linesize() + self.app.fonts.get("ui", 14).get_linesize()
        box = pygame.Rect(max(20, w // 2 - 560), top, min(w - 40, 1120), buttons.top - top - 16)
        row = self.app.fonts.get("ui", 15).get_linesize() + 12
        self.list = self.panel.add(
            ListBox(
                box, "Saved games", rows, self.load, row_height=row, notes=notes, tooltips=tips, click_activates=False
            )
        )
        self.panel.add(
            Button(
                buttons,
                "Load",
                self.load_selected,
                "Open the selected save (Enter, or a double-click on it).",
                style="primary",
                enabled=bool(rows),
            )
        )
        self.panel.add(Button(footer(self.app, w // 2 + 10, 260), "Back", self.back))

    def load(self, path: Path) -> None:
        """Open the save, asking first if it would replace a game in progress."""
        if path == autosave_path() or not game_in_progress(self.app):
            open_save(self.app, path)
            return
        self.app.push(
            Dialog(
                self.app,
                "Replace the game in progress?",
                "Loading this save ends the game you are "
                "playing; it is kept only as the autosave's backup. Save it first from the menu if "
                "you want to come back to it.",
                [("Keep playing", None), ("Load", lambda: open_save(self.app, path))],
                safe=0,
            )
        )

    def load_selected(self) -> None:
        if self.list.rows:
            self.load(self.list.payload)

    def back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        text.draw(
            surface,
            self.app.fonts.get("ui", 14),
            f"Saves are read from {saves_dir()}",
            self.app.palette.dim,
            (surface.get_width() // 2, self.list.rect.top - 6),
            "midbottom",
        )
        if not self.saves:
            draw_box(surface, self.app, self.list.rect)
            text.draw(
                surface,
                self.app.fonts.get("ui", 18),
                "No saved games yet.",
                self.app.palette.dim,
                self.list.rect.center,
                "center",
            )
