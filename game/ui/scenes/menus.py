"""The screens around a game: title, new game, settings, pause, save and load."""

from __future__ import annotations

import random

import pygame

from game.ai.doctrine import PERSONALITIES
from game.engine.model import LEADER
from game.engine.setup import FRICTIONS
from game.files import FileProblem, config_dir
from game.inputs import parse_digits
from game.saves import (
    SaveError,
    SaveInfo,
    autosave_path,
    backup_path,
    continue_game,
    has_game,
    list_saves,
    load_game,
    name_problem,
    read_info,
    save_game,
    saves_dir,
    slot_path,
)
from game.scenario.loader import DEFAULT_SCENARIO
from game.session import Session
from game.settings import ANIMATIONS, PALETTE_NAMES, TEXT_SIZES
from game.ui import text
from game.ui.scene import Dialog, Notice, Scene, column, content_top, draw_backdrop, draw_box, footer
from game.ui.widgets import Button, Choice, ListBox, Slider, TextField

TIMERS = ("off", "2 minutes", "3 minutes", "5 minutes")
TITLE_LINES = (("type_bold", 64), ("type", 28), ("ui", 16))  # the title screen's title, year and line


def start_session(app, session: Session, guide=None) -> None:  # noqa: ANN001 - App, Guide
    """Open a game: its briefing (or the hand-off, in hot-seat) comes first."""
    from game.ui.scenes.play import begin_turn

    app.use_scenario(session.scenario.id, session.scenario)
    app.session = session
    app.guide = guide
    app.autosave()
    begin_turn(app)


def start_tutorial(app, side: str) -> None:  # noqa: ANN001 - App
    """Replay history: watch the record, or lead one side with the record shown and explained."""
    from game.history import HISTORY_SEED
    from game.tutorial import TUTORIAL_FRICTION, Guide
    from game.ui.scenes.history import HistoryScene

    app.use_scenario(DEFAULT_SCENARIO)  # the whole crisis, whichever scenario was played last
    if side == "watch":
        app.go(HistoryScene(app))
        return
    session = Session.new(app.scenario, HISTORY_SEED, TUTORIAL_FRICTION, (side,), "historical", mode="tutorial")
    start_session(app, session, Guide(app.scenario, side))


def open_save(app, path) -> None:  # noqa: ANN001 - App, Path
    """Open a save (see ``start_loaded``)."""
    try:
        session = load_game(path)
    except SaveError as exc:
        app.push(Notice(app, "This save cannot be loaded", "\n".join(exc.problems[:6])))
        return
    start_loaded(app, session)


def start_loaded(app, session: Session) -> None:  # noqa: ANN001 - App
    """Play a loaded game on; a tutorial game comes back as a tutorial, with its guide and the record."""
    from game.tutorial import Guide

    tutorial = session.record.meta.get("mode") == "tutorial"
    start_session(app, session, Guide.resume(session.scenario, session.record) if tutorial else None)


def game_in_progress(app) -> bool:  # noqa: ANN001 - App
    """Whether loading would replace an unfinished game: the one open now, or the one Continue would resume."""
    if app.session is not None:
        return not app.session.over
    try:
        return not read_info(autosave_path()).over
    except SaveError:
        return False


def write_failed(app, title: str, exc: FileProblem, choices=()) -> None:  # noqa: ANN001 - App, buttons
    """Tell the player in plain words that a file could not be written, and where the game keeps its files."""
    app.push(Dialog(app, title, f"{exc}.\n\nThe game goes on, and nothing saved before is lost. The game keeps its "
                    f"saves in {saves_dir()} and its settings in {config_dir()}: free some space there, or make the "
                    "folder writable, and try again.", [*choices, ("Go on", None)]))


class TitleScene(Scene):
    def __init__(self, app) -> None:  # noqa: ANN001 - App
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
            ("New game", self.new_game,
             "Lead Kennedy or Khrushchev against the computer, or play two at one keyboard."),
            ("Continue", self.resume, "The last game is over: see its debrief." if finished else
             "Go back to the game you were playing." if has_autosave else "No game to continue yet."),
            ("Load", lambda: self.app.push(LoadScene(self.app)), "Open a saved game."),
            ("Replay history", self.history, "Watch the thirteen days as they happened, day by day."),
            ("Settings", lambda: self.app.push(SettingsScene(self.app)), "Sound, text size, colours, full screen."),
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
        self.app.push(NewGameScene(self.app))

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
        app.push(Dialog(app, "Replay history", "Watch the thirteen days as they happened, or lead one side "
                        "yourself: each day the record's choice is shown and explained, and you may follow it or "
                        "step off the path and see what might have happened.",
                        [("Watch", lambda: start_tutorial(app, "watch")),
                         ("Lead Kennedy", lambda: start_tutorial(app, "us")),
                         ("Lead Khrushchev", lambda: start_tutorial(app, "ussr")), ("Back", None)]))

    def back(self) -> None:
        self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal = self.app.palette
        w, h = surface.get_size()
        surface.blit(self.backdrop(), (0, 0))
        fonts = self.app.fonts
        lines = ("BRINKMANSHIP", "October 1962",
                 "Thirteen days. Two leaders. One mistake away from the end of the world.")
        height = sum(fonts.get(role, size).get_linesize() for role, size in TITLE_LINES)
        y = max(24, min(h // 2 - 250, self.panel.widgets[0].rect.top - 16 - height))
        for (role, size), words, colour in zip(TITLE_LINES, lines, (pal.accent, pal.text, pal.dim), strict=True):
            y = text.draw(surface, fonts.get(role, size), words, colour, (w // 2, y), "midtop").bottom
        self.panel.draw(surface, self.app)


def scenario_titles() -> list[tuple[str, str]]:
    """(id, title) of every scenario in the folder, the main one first, read without loading them."""
    from game.scenario.loader import DEFAULT_SCENARIO, all_scenario_paths
    from game.scenario.reading import read_toml

    out = []
    for path in all_scenario_paths():
        data, _, _ = read_toml(path)
        if data is None:
            continue
        out.append((path.stem, str(data.get("title", path.stem))))
    return sorted(out, key=lambda item: (item[0] != DEFAULT_SCENARIO, item[1]))


class NewGameScene(Scene):
    title = "New game"

    def __init__(self, app) -> None:  # noqa: ANN001 - App
        super().__init__(app)
        self.scenarios = scenario_titles()
        ids = [i for i, _ in self.scenarios]
        current = ids.index(app.scenario_name) if app.scenario_name in ids else 0
        self.values = {"scenario": current, "mode": 0, "side": 0, "opponent": 0, "friction": 1, "timer": 0}
        self.seed = random.randrange(1, 100000)

    def layout(self) -> None:
        if self.panel.widgets:  # keep what was typed when the screen is rebuilt
            self.seed = parse_digits(self.seed_field.value) or 0
        self.panel.clear()
        rects = column(self.app, 9, width=560, height=42, gap=9, top=content_top(self.app))
        hotseat = self.values["mode"] == 1

        def setter(key: str):  # noqa: ANN202 - a callback
            def change(index: int) -> None:
                self.values[key] = index
                if key == "mode":
                    self.layout()
                    self.panel.focus = 1
            return change

        add = self.panel.add
        add(Choice(rects.pop(0), "Scenario", [title for _, title in self.scenarios], self.values["scenario"],
                   setter("scenario"), "The whole crisis; a 45-minute lesson; Black Saturday in 15 minutes; or a "
                   "what-if."))
        add(Choice(rects[0], "Mode", ["against the computer", "hot-seat (two players)"], self.values["mode"],
                   setter("mode"), "Against the computer, or two players taking turns at one keyboard."))
        add(Choice(rects[1], "You lead", [f"{LEADER['us']} (United States)", f"{LEADER['ussr']} (Soviet Union)"],
                   self.values["side"], setter("side"), "The leader you play against the computer.",
                   enabled=not hotseat))
        add(Choice(rects[2], "Opponent", list(PERSONALITIES), self.values["opponent"], setter("opponent"),
                   "historical: as the record shows him; hawk: listens to the generals; dove: looks for a way out.",
                   enabled=not hotseat))
        add(Choice(rects[3], "Friction", list(FRICTIONS), self.values["friction"], setter("friction"),
                   "historical: the incidents of 27 October happen that day; plausible: incidents are drawn from "
                   "the risk, turn by turn."))
        add(Choice(rects[4], "Turn timer", list(TIMERS), self.values["timer"], setter("timer"),
                   "Hot-seat only: each player has this long to give orders.", enabled=hotseat))
        self.seed_field = add(TextField(rects[5], "Seed", str(self.seed), limit=9, digits=True,
                                        tooltip="The game's dice: the same seed gives the same draws, so a whole "
                                        "class can face the same crisis. Type a number."))
        add(Button(rects[6], "Start", self.start, "Begin the game.", style="primary"))
        add(Button(rects[7], "Back", self.back, "Return to the title screen."))

    def start(self) -> None:
        self.seed = parse_digits(self.seed_field.value) or 0
        self.app.use_scenario(self.scenarios[self.values["scenario"]][0])
        hotseat = self.values["mode"] == 1
        humans = ("us", "ussr") if hotseat else (("us", "ussr")[self.values["side"]],)
        timer = (0, 120, 180, 300)[self.values["timer"]] if hotseat else 0
        session = Session.new(self.app.scenario, self.seed, FRICTIONS[self.values["friction"]], humans,
                              PERSONALITIES[self.values["opponent"]], timer=timer,
                              mode="hotseat" if hotseat else "single")
        start_session(self.app, session)

    def back(self) -> None:
        self.app.pop()


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
        add(Button(rects[1], "Save", lambda: self.app.push(SaveScene(self.app)), "Save this game under a name."))
        add(Button(rects[2], "Load", lambda: self.app.push(LoadScene(self.app)), "Open a saved game instead."))
        add(Button(rects[3], "Settings", lambda: self.app.push(SettingsScene(self.app))))
        add(Button(rects[4], "Quit to title", self.quit_to_title,
                   "The game is saved; Continue on the title screen takes you back to it."))
        if aftermath:
            add(Button(rects[5], "Let the aftermath run", self.run_aftermath,
                       "The terms are agreed: play on to the end with every promise kept, as in 1962."))

    def run_aftermath(self) -> None:
        from game.ui.scenes.play import ResolutionScene

        result = self.app.session.run_aftermath()
        self.app.autosave()
        self.app.go(ResolutionScene(self.app, result))

    def back(self) -> None:
        self.app.pop()

    def quit_to_title(self) -> None:
        self.app.autosave()
        self.app.session = None
        self.app.go(TitleScene(self.app))


def describe_saves(saves: list[SaveInfo]) -> tuple[list[str], list[str]]:
    """Each save's line and note in a list: its name and day; how it is played and when it was saved."""
    titles = [f"{save_name(info)} — {info.label or 'cannot be read'}{', over' if info.over else ''}"
              for info in saves]
    notes = [f"{info.mode or 'damaged'}, saved {info.saved_at.replace('T', ' ')}" for info in saves]
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
        self.panel.add(Button(rects[1], "Save", self.save, "Write the save; you are asked before one is replaced.",
                              style="primary"))
        self.panel.add(Button(rects[2], "Cancel", self.back))
        automatic = (autosave_path(), backup_path())
        saves = [info for info in list_saves() if not info.problem and info.path not in automatic]
        self.replace_list = None
        if saves:
            top = rects[2].bottom + 40
            titles, notes = describe_saves(saves)
            rows = [(title, info.slot) for title, info in zip(titles, saves, strict=True)]
            self.replace_list = self.panel.add(ListBox(pygame.Rect(w // 2 - 420, top, 840, h - top - 60),
                                                       "Saves to replace", rows, self.pick, row_height=34, notes=notes))

    def pick(self, slot: str) -> None:
        """Choosing an existing save puts its name in the field, to save over it."""
        self.field.value = slot

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.replace_list is not None:
            text.draw(surface, self.app.fonts.get("ui", 15), "Your saves — choose one to save over it:",
                      self.app.palette.dim, (self.replace_list.rect.left, self.replace_list.rect.top - 24))

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
            self.app.push(Dialog(self.app, "Replace this save?", f"{old} Replace it with the game as it stands now?",
                                 [("Replace", lambda: self.write(slot)), ("Keep it", None)]))
            return
        self.write(slot)

    def write(self, slot: str) -> None:
        try:
            path = save_game(self.app.session, slot)
        except FileProblem as exc:
            write_failed(self.app, "The game could not be saved", exc)
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
        tips = [info.problem or f"{info.sides}. {info.label}.{' The game is over.' if info.over else ''}"
                for info in self.saves]
        buttons = footer(self.app, w // 2 - 270, 260)
        top = 60 + self.app.fonts.get("type_bold", 34).get_linesize() + self.app.fonts.get("ui", 14).get_linesize()
        box = pygame.Rect(max(20, w // 2 - 560), top, min(w - 40, 1120), buttons.top - top - 16)
        row = self.app.fonts.get("ui", 15).get_linesize() + 12
        self.list = self.panel.add(ListBox(box, "Saved games", rows, self.load, row_height=row, notes=notes,
                                           tooltips=tips, click_activates=False))
        self.panel.add(Button(buttons, "Load", self.load_selected, "Open the selected save (Enter, or a "
                              "double-click on it).", style="primary", enabled=bool(rows)))
        self.panel.add(Button(footer(self.app, w // 2 + 10, 260), "Back", self.back))

    def load(self, path) -> None:  # noqa: ANN001 - Path
        """Open the save, asking first if it would replace a game in progress."""
        if path == autosave_path() or not game_in_progress(self.app):
            open_save(self.app, path)
            return
        self.app.push(Dialog(self.app, "Replace the game in progress?", "Loading this save ends the game you are "
                             "playing; it is kept only as the autosave's backup. Save it first from the menu if "
                             "you want to come back to it.", [("Keep playing", None),
                                                               ("Load", lambda: open_save(self.app, path))],
                             safe=0))

    def load_selected(self) -> None:
        if self.list.rows:
            self.load(self.list.payload)

    def back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        text.draw(surface, self.app.fonts.get("ui", 14), f"Saves are read from {saves_dir()}", self.app.palette.dim,
                  (surface.get_width() // 2, self.list.rect.top - 6), "midbottom")
        if not self.saves:
            draw_box(surface, self.app, self.list.rect)
            text.draw(surface, self.app.fonts.get("ui", 18), "No saved games yet.", self.app.palette.dim,
                      self.list.rect.center, "center")


def confirm_quit(app) -> None:  # noqa: ANN001 - App
    app.push(Dialog(app, "Leave the game?", "The game is saved: Continue on the title screen takes you back to it.",
                    [("Leave", app.quit), ("Stay", None)]))
