"""The window: one loop, a stack of screens reached by name, the settings, the sound, the game in progress.

The loop redraws only when something happened or something is moving; idle,
it drains the event queue and sleeps, so a game left open costs next to
nothing. Closing the window saves the game in progress first. Everything a
screen needs of the app — palette, fonts, sound, the session — is here. The window opens screens by
their names (``game.ui.router``) from the table it is given; ``game.ui.app`` gives it every screen.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeGuard

import pygame

from game.engine.model import LEADER as LEADER_OF
from game.files import FileProblem
from game.saves import autosave, tidy
from game.scenario.loader import DEFAULT_SCENARIO, load_scenario, scenario_path
from game.settings import Settings
from game.ui import text
from game.ui.mapview import MapView
from game.ui.router import SceneName, Scenes, Screen, TimedScreen
from game.ui.sound import Sound
from game.ui.theme import PALETTES, TEXT_SCALES, Fonts
from game.ui.turnclock import TurnClock
from game.ui.widgetbase import fit

if TYPE_CHECKING:
    from game.engine.scenario_types import Scenario
    from game.session import Session
    from game.tutorial import Guide

BASE_SIZE = (1280, 720)
MIN_SIZE = (960, 600)
IDLE_WAIT_MS = 30  # how long an idle loop sleeps between looks at the event queue
FRAME_MS = 16  # the pace of animations
HELP_LINES = 3  # the help line at the foot of the window wraps to at most this many lines


class Window:
    """The game's window and everything its screens share; ``scenes`` makes each screen it opens by name."""

    def __init__(
        self, scenes: Scenes, scenario_name: str = DEFAULT_SCENARIO, size: tuple[int, int] = BASE_SIZE
    ) -> None:
        self.routes = scenes
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        tidy()
        self.settings = Settings.load()
        self.windowed_size = size
        self.screen = self._open_window()
        pygame.display.set_caption("Brinkmanship: October 1962")
        self.fonts = Fonts(TEXT_SCALES[self.settings.text_size])
        self.palette = PALETTES[self.settings.palette]
        self.sound = Sound(self.settings.volume, self.settings.muted)
        self.scenario_name = scenario_name
        self._scenario: Scenario | None = None
        self.session: Session | None = None
        self.guide: Guide | None = None  # the tutorial's, when the game is one
        self.turn_clock: TurnClock | None = None  # the hot-seat timer of the turn being played
        self._clock_second = -1
        self._map: MapView | None = None
        self.scenes: list[Screen] = []
        self.running = True
        self.dirty = True
        self.frames = 0
        self.frame_times: list[float] = []
        self.clock = pygame.time.Clock()
        self.go("title")
        if self.settings.notice:
            self.push("notice", "Settings not read", self.settings.notice)
        gc.collect()
        gc.freeze()  # what is loaded now lives as long as the window: no need for the collector to walk it

    # -- window --

    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.guarded(self.settings.save, "The settings could not be kept")
        self.screen = self._open_window()
        self.relayout()

    def relayout(self) -> None:
        for scene in self.scenes:
            scene.layout()
        self.dirty = True

    @property
    def map(self) -> MapView:
        """The one map of the window: its coastlines are drawn once and kept for every screen that shows it."""
        if self._map is None:
            self._map = MapView(self.palette, self.fonts)
        return self._map

    def apply_settings(self) -> None:
        """Take up changed settings at once (fonts, palette, sound) and keep them."""
        self.fonts = Fonts(TEXT_SCALES[self.settings.text_size])
        self.palette = PALETTES[self.settings.palette]
        self.map.set_style(self.palette, self.fonts)
        self.sound.set_volume(self.settings.volume)
        self.sound.set_muted(self.settings.muted)
        self.guarded(self.settings.save, "The settings could not be kept")
        self.relayout()

    # -- the game --

    @property
    def scenario(self) -> Scenario:
        """The scenario, loaded on first use (the title screen does not need it)."""
        if self._scenario is None:
            self._scenario = load_scenario(scenario_path(self.scenario_name))
        return self._scenario

    def use_scenario(self, name: str, scenario: Scenario | None = None) -> None:
        """Play another scenario from now on (loaded when first needed, unless it is given)."""
        if name != self.scenario_name or scenario is not None:
            self.scenario_name = name
            self._scenario = scenario

    @property
    def game(self) -> Session:
        """The game being played: the screens of a game are open only while there is one."""
        if self.session is None:
            raise RuntimeError("no game is open")
        return self.session

    def autosave(self, choices: tuple[tuple[str, Callable[[], None]], ...] = ()) -> bool:
        """Keep the game as it stands, a finished one too (Continue then opens its debrief rather than replaying
        its last turn into a different ending); False, and the player told with ``choices``, if it could not be."""
        session = self.session
        if session is None:
            return True
        return self.guarded(lambda: autosave(session), "The game could not be saved", choices)

    def guarded(
        self, write: Callable[[], object], title: str, choices: tuple[tuple[str, Callable[[], None]], ...] = ()
    ) -> bool:
        """Run a write; if it fails, say why in plain words and go on, the last good file untouched."""
        try:
            write()
        except FileProblem as exc:
            self.push("write_failed", title, exc, choices)
            return False
        return True

    # -- screens --

    @property
    def scene(self) -> Screen:
        return self.scenes[-1]

    def make(self, where: SceneName | Screen, args: tuple[Any, ...] = ()) -> Screen:
        """The screen of that name, opened with ``args`` (a screen already made is itself)."""
        if isinstance(where, str):
            return self.routes[where](self, *args)
        if args:
            raise TypeError("a screen already made takes no arguments")
        return where

    def go(self, where: SceneName | Screen, *args: Any) -> None:
        """Replace every screen with this one: ``go("resolution", result)``, or a screen already made."""
        scene = self.make(where, args)
        self.scenes = [scene]
        scene.enter()
        self.dirty = True

    def push(self, where: SceneName | Screen, *args: Any) -> None:
        """Open a screen over the current one (menus, dialogs): ``push("pause")``, or a dialog already made."""
        scene = self.make(where, args)
        self.scenes.append(scene)
        scene.enter()
        self.dirty = True

    def pop(self) -> None:
        if len(self.scenes) > 1:
            self.scenes.pop()
            self.scene.layout()
        self.dirty = True

    def scene_below(self, scene: Screen) -> Screen | None:
        index = self.scenes.index(scene) if scene in self.scenes else 0
        return self.scenes[index - 1] if index > 0 else None

    # -- the loop --

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
        elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            if not self.settings.fullscreen:
                w, h = self.screen.get_size()
                if w < MIN_SIZE[0] or h < MIN_SIZE[1]:
                    self.screen = pygame.display.set_mode((max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])), pygame.RESIZABLE)
                self.windowed_size = self.screen.get_size()
            self.relayout()
        elif event.type in (
            pygame.KEYDOWN,
            pygame.KEYUP,
            pygame.MOUSEBUTTONDOWN,
            pygame.MOUSEBUTTONUP,
            pygame.MOUSEMOTION,
            pygame.MOUSEWHEEL,
            pygame.TEXTINPUT,
        ):
            if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
                self.sound.play("click")
            if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION, pygame.MOUSEWHEEL):
                self.scene.handle(event)
        elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED, pygame.WINDOWFOCUSGAINED):
            pass
        else:
            return
        self.dirty = True

    def step(self, events: list[pygame.event.Event] | None = None, dt: float = FRAME_MS / 1000) -> bool:
        """Handle events, advance animations and draw if needed; True if a frame was drawn."""
        for event in pygame.event.get() if events is None else events:
            self.dispatch(event)
            if not self.running:
                return False
        self.tick_clock(dt)
        if not self.running:
            return False
        moving = self.scene.update(dt)
        if not (self.dirty or moving):
            return False
        start = time.perf_counter()
        self.draw()
        area = None if self.dirty else self.scene.animated_area()
        if area is None:
            pygame.display.flip()
        else:
            pygame.display.update(area)  # only the moving part goes to the screen: half the cost
        self.frame_times.append(time.perf_counter() - start)
        del self.frame_times[:-600]
        self.frames += 1
        self.dirty = False
        return True

    def _is_turn(self, scene: Screen) -> TypeGuard[TimedScreen]:
        return type(scene) is self.routes["turn"]

    def timed_turn(self) -> TimedScreen | None:
        """The turn screen the clock is timing, wherever it is in the stack of screens (None: no clock runs)."""
        clock = self.turn_clock
        if clock is None or self.session is None or self.session.state.turn != clock.turn:
            return None
        return next((s for s in self.scenes if self._is_turn(s) and s.side == clock.side), None)

    def tick_clock(self, dt: float) -> None:
        """Run the turn timer, whichever screen of that player's turn is open; seal the orders at zero."""
        turn, clock = self.timed_turn(), self.turn_clock
        if turn is None or clock is None:
            return
        event = clock.tick(dt)
        if int(clock.left) != self._clock_second:
            self._clock_second = int(clock.left)
            self.dirty = True
        if event == "warn":
            self.sound.play("warning")
        elif event == "up":
            self.turn_clock = None
            self.scenes = self.scenes[: self.scenes.index(turn) + 1]  # close Negotiate, the menu, any dialog
            turn.seal()

    def draw(self) -> None:
        surface = self.screen
        self.scene.draw(surface)
        if self.timed_turn() is not None and not getattr(self.scene, "shows_clock", False):
            self.draw_clock(surface)
        tip = self.scene.tooltip()
        if tip:
            self.draw_tooltip(surface, tip)

    def draw_clock(self, surface: pygame.Surface) -> None:
        """The turn timer over a screen that has no place for it (Negotiate, the menu): top right."""
        clock = self.turn_clock
        if clock is None:
            return
        font = self.fonts.get("ui_bold", 16)
        label = text.render(font, f"{LEADER_OF[clock.side]}: {clock.text()}", self.palette.bg)
        box = label.get_rect(topright=(surface.get_width() - 14, 10)).inflate(16, 8)
        pygame.draw.rect(surface, self.palette.danger if clock.warning else self.palette.accent, box, border_radius=6)
        surface.blit(label, label.get_rect(center=box.center))

    def draw_tooltip(self, surface: pygame.Surface, tip: str) -> None:
        w, h = surface.get_size()
        font = self.fonts.get("ui", 15)
        lines = text.wrap(font, tip, w - 80)
        if len(lines) > HELP_LINES:  # the rest is cut, and says so
            lines = [*lines[: HELP_LINES - 1], fit(font, lines[HELP_LINES - 1] + " …", w - 80)]
        height = len(lines) * font.get_linesize() + 12
        rect = pygame.Rect(20, h - height - 8, w - 40, height)  # within the strip every screen keeps free
        pygame.draw.rect(surface, self.palette.paper, rect, border_radius=6)
        for i, line in enumerate(lines):
            text.draw(surface, font, line, self.palette.ink, (rect.left + 10, rect.top + 6 + i * font.get_linesize()))

    def run(self, seconds: float | None = None) -> None:
        """The main loop, until the window is closed or Quit is chosen (or ``seconds`` have passed)."""
        last = start = time.perf_counter()
        while self.running and (seconds is None or last - start < seconds):
            now = time.perf_counter()
            dt, last = now - last, now
            if self.step(dt=min(dt, 0.1)):
                self.clock.tick(1000 // FRAME_MS)  # drawing: keep to the animation's pace
            else:
                pygame.time.wait(IDLE_WAIT_MS)  # idle: sleep, and look at the queue again
        if seconds is None:
            self.sound.close()
            pygame.display.quit()

    def quit(self) -> None:
        """Leave, keeping the game in progress: it will be there under Continue (asked first if it cannot be)."""
        if self.autosave((("Leave without saving", self.leave),)):
            self.leave()

    def leave(self) -> None:
        self.running = False
