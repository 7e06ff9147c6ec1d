"""The window's screens by name: a screen opens another as ``app.go("title")`` or ``app.push("pause")``,
never by importing it, so no screen module knows another.

``SceneName`` lists the names; ``game.ui.app.SCENES`` binds each to its screen (it is the one module that
imports them all); ``Screen`` is what the window asks of any screen it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal, Protocol, get_args

if TYPE_CHECKING:
    import pygame

    from game.engine.model import Side

SceneName = Literal[
    "title",  # the title screen
    "new_game",
    "load",
    "save",
    "settings",
    "pause",  # the menu over a game in progress
    "history",  # Replay history: the record, day by day
    "handoff",  # between hot-seat players (side, briefing)
    "briefing",  # before a side's first orders (side)
    "turn",  # a side's turn (side)
    "negotiate",  # letters and offers over a turn (turn screen, channel)
    "resolution",  # what the turn did (TurnResult)
    "end",  # the debrief
    "notice",  # a message with one OK (title, message)
    "write_failed",  # a file could not be written (title, FileProblem, extra choices)
]
SCENE_NAMES: tuple[SceneName, ...] = get_args(SceneName)


class Screen(Protocol):
    """What the window asks of a screen: lay out, take input, move, draw, and say its help line."""

    def enter(self) -> None: ...

    def layout(self) -> None: ...

    def handle(self, event: pygame.event.Event) -> None: ...

    def update(self, dt: float) -> bool: ...

    def draw(self, surface: pygame.Surface) -> None: ...

    def tooltip(self) -> str: ...

    def animated_area(self) -> pygame.Rect | None: ...

    @property
    def secret_side(self) -> Side | None:
        """Whose secrets the screen may show (None: nobody's)."""
        ...


class TimedScreen(Screen, Protocol):
    """The turn screen, as the hot-seat clock times it: whose turn it is, and the sealing of its orders at zero."""

    @property
    def side(self) -> Side: ...

    def seal(self) -> None: ...


Scenes = Mapping[SceneName, Callable[..., Screen]]  # each name's screen, made as ``make(window, *args)``
