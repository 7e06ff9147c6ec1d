"""All text reaches the screen through here: rendering, wrapping, and a record of what was drawn.

The record lets the tests check, for every frame, that no string of the
other side's secrets was drawn while one side's screen or the hand-off screen
was showing. Rendered lines are cached, since the same labels are drawn every
frame.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

Color = tuple[int, int, int]

_listeners: list[Callable[[str], None]] = []
_cache: dict[tuple[pygame.font.Font, str, Color], pygame.Surface] = {}  # keyed by the font itself: an id
_wrapped: dict[tuple[pygame.font.Font, str, int], list[str]] = {}  # is reused once its font is freed
_CACHE_LIMIT = 800  # rendered lines kept; a screenful is a few hundred, and each may be tens of kilobytes


def listen(callback: Callable[[str], None]) -> Callable[[], None]:
    """Call ``callback`` with every string drawn from now on; returns the function that stops it."""
    _listeners.append(callback)
    return lambda: _listeners.remove(callback)


def render(font: pygame.font.Font, text: str, color: Color) -> pygame.Surface:
    """One line of text as a surface (cached)."""
    for callback in _listeners:
        callback(text)
    key = (font, text, color)
    surf = _cache.get(key)
    if surf is None:
        if len(_cache) > _CACHE_LIMIT:
            _cache.clear()
        surf = _cache[key] = font.render(text, True, color)
    return surf


def draw(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    color: Color,
    pos: tuple[int, int],
    anchor: str = "topleft",
) -> pygame.Rect:
    """Draw one line; ``anchor`` is a pygame.Rect attribute name (topleft, center, midright…)."""
    surf = render(font, text, color)
    rect = surf.get_rect(**{anchor: pos})
    surface.blit(surf, rect)
    return rect


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Break text into lines no wider than ``width`` pixels (paragraphs kept); remembered, since measuring is slow."""
    key = (font, text, width)
    cached = _wrapped.get(key)
    if cached is not None:
        return cached
    if len(_wrapped) > _CACHE_LIMIT:
        _wrapped.clear()
    lines = _wrapped[key] = _wrap(font, text, width)
    return lines


def _wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def draw_wrapped(
    surface: pygame.Surface, font: pygame.font.Font, text: str, color: Color, rect: pygame.Rect, spacing: int = 2
) -> int:
    """Draw wrapped text inside ``rect`` (clipped at its bottom); returns the height used."""
    y = rect.top
    height = font.get_linesize() + spacing
    for line in wrap(font, text, rect.width):
        if y + height > rect.bottom + spacing:
            break
        draw(surface, font, line, color, (rect.left, y))
        y += height
    return y - rect.top
