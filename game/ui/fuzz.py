"""Random input for the window: keys, clicks and wheel turns, from a seeded generator (tests and soak)."""

from __future__ import annotations

import numpy as np
import pygame

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


def run_random_input(app_factory, events: int, seed: int = 7, batch: int = 20) -> dict:  # noqa: ANN001
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
