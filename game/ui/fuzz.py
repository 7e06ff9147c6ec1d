"""The window driven without a player: random keys, clicks and wheel turns from a seeded generator (the tests
and ``soak``), or a whole game played by pressing Enter and ending each turn (the child of a kill in
``game.kills``)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pygame

from game.saves import continue_game
from game.session import Session
from game.ui.app import App
from game.ui.opening import start_session
from game.ui.scenes.turn import TurnScene
from game.ui.window import Window

KEYS = (
    pygame.K_RETURN,
    pygame.K_ESCAPE,
    pygame.K_TAB,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_SPACE,
    pygame.K_n,
    pygame.K_BACKSPACE,
    pygame.K_a,
    pygame.K_1,
    pygame.K_PAGEDOWN,
)


def random_events(rng: np.random.Generator, size: tuple[int, int], count: int) -> list[pygame.event.Event]:
    """``count`` events or so: about half key presses, a third clicks (motion, press, release), some wheel."""
    w, h = size
    out: list[pygame.event.Event] = []
    while len(out) < count:
        roll = rng.random()
        if roll < 0.55:
            k = KEYS[int(rng.integers(len(KEYS)))]
            mod = pygame.KMOD_SHIFT if rng.random() < 0.1 else 0
            out.append(
                pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=chr(k) if k < 128 else "", scancode=0)
            )
        elif roll < 0.9:
            pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            out += [
                pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1),
            ]
        else:
            out.append(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(rng.integers(-3, 4)), flipped=False))
    return out


def run_random_input(app_factory: Callable[[], Window], events: int, seed: int = 7, batch: int = 20) -> dict[str, Any]:
    """Feed ``events`` random events to a window in small batches; reopen it if Quit is chosen.

    Returns the number of events fed and the screens visited.
    """
    rng = np.random.default_rng(seed)
    app = app_factory()
    visited: set[str] = set()
    fed = 0
    while fed < events:
        chunk = random_events(rng, app.size, batch)
        fed += len(chunk)
        app.step(chunk)
        visited.add(type(app.scene).__name__)
        if not app.running:
            app.sound.close()
            app = app_factory()
    app.sound.close()
    return {"events": fed, "screens": sorted(visited)}


def soak_window(events: int, seed: int = 7) -> dict[str, Any]:
    """Random input over the window's screens, headless, in a scratch folder for saves and settings."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["BRINKMANSHIP_HOME"] = tempfile.mkdtemp(prefix="brinkmanship-soak-")
    start = time.perf_counter()
    result = run_random_input(App, events, seed)
    result["seconds"] = round(time.perf_counter() - start, 1)
    return result


def play_window(seed: int, resume: bool) -> None:
    """The child of a window kill: the game's window (no display needed) played to its end, a line a screen.

    Every turn it ends writes the autosave as a player's would, so a kill can land at any moment of a turn
    or inside a write."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    app = App()
    session = continue_game()[0] if resume else Session.new(app.scenario, seed, "plausible", ("us",))
    start_session(app, session)
    enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)
    while not session.over:
        scene = app.scene
        print(type(scene).__name__, session.state.turn, flush=True)
        if isinstance(scene, TurnScene):
            scene.commit()  # no orders: the turn is resolved and the autosave written
        else:
            app.step([enter])
