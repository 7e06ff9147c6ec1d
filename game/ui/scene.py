"""The screen base class, and the drawing every screen shares (backdrop, titles, panels, dialogs)."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine.model import Side
from game.ui import text
from game.ui.widgets import Button, Panel
from game.ui.window import HELP_LINES, Window


class Scene:
    """One screen. ``layout`` builds the widgets for the window's size; ``draw`` paints from scratch."""

    title = ""
    secret_side: Side | None = None  # whose secrets this screen may show (None: nobody's)

    def __init__(self, app: Window) -> None:
        self.app = app
        self.panel = Panel()

    @property
    def ui(self) -> Window:
        return self.app

    def enter(self) -> None:
        self.layout()

    def layout(self) -> None:
        """Build the widgets for the current window size."""

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return
        self.panel.handle(event)

    def back(self) -> None:
        """What Escape does on this screen."""

    def tooltip(self) -> str:
        """The help line at the bottom of the window."""
        return self.panel.tooltip()

    def animated_area(self) -> pygame.Rect | None:
        """Where an animation frame changes the screen (None: anywhere)."""
        return None

    def update(self, dt: float) -> bool:
        """Advance animations by ``dt`` seconds; True while something is moving."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        if self.title:
            draw_title(surface, self.app, self.title)
        self.panel.draw(surface, self.app)


_backdrops: dict[tuple[tuple[int, int], tuple[int, int, int]], pygame.Surface] = {}


def draw_backdrop(surface: pygame.Surface, app: Window) -> None:
    """The room's dark plotting grid (drawn once per size and palette, then copied)."""
    pal = app.palette
    key = (surface.get_size(), pal.bg)
    grid = _backdrops.get(key)
    if grid is None:
        _backdrops.clear()
        grid = _backdrops[key] = pygame.Surface(surface.get_size())
        grid.fill(pal.bg)
        w, h = surface.get_size()
        for x in range(0, w, 48):
            pygame.draw.line(grid, pal.panel, (x, 0), (x, h))
        for y in range(0, h, 48):
            pygame.draw.line(grid, pal.panel, (0, y), (w, y))
    surface.blit(grid, (0, 0))


def draw_title(surface: pygame.Surface, app: Window, title: str, y: int = 40) -> None:
    font = app.fonts.get("type_bold", 34)
    text.draw(surface, font, title, app.palette.accent, (surface.get_width() // 2, y), "midtop")


def draw_box(surface: pygame.Surface, app: Window, rect: pygame.Rect, fill: tuple[int, int, int] | None = None) -> None:
    pal = app.palette
    pygame.draw.rect(surface, fill or pal.panel, rect, border_radius=8)
    pygame.draw.rect(surface, pal.panel_edge, rect, width=1, border_radius=8)


def help_height(app: Window) -> int:
    """The strip kept free at the foot of every screen for the help line, at this text size."""
    return HELP_LINES * app.fonts.get("ui", 15).get_linesize() + 20


def button_height(app: Window) -> int:
    """A button's height at this text size."""
    return max(46, app.fonts.get("ui_bold", 17).get_linesize() + 18)


def footer(app: Window, left: int, width: int) -> pygame.Rect:
    """A button in the row at the foot of a screen: above the help line, so the line never hides it."""
    h = button_height(app)
    return pygame.Rect(left, app.size[1] - help_height(app) - h - 4, width, h)


def content_top(app: Window) -> int:
    """Where a screen's content may begin, below the title ``draw_title`` puts at the top."""
    return 48 + app.fonts.get("type_bold", 34).get_linesize()


def content_bottom(app: Window) -> int:
    """Where a screen's content must end: above the strip kept for the help line."""
    return app.size[1] - help_height(app) - 8


def column(
    app: Window, count: int, width: int = 360, height: int = 46, gap: int = 12, top: int | None = None
) -> list[pygame.Rect]:
    """``count`` rectangles stacked in the middle of the window, from ``top`` if given; raised, then made
    shorter (never shorter than their text), where the window would not hold them above the help line."""
    w, h = app.size
    bottom = content_bottom(app)
    height = max(height, app.fonts.get("ui_bold", 17).get_linesize() + 10)
    total = count * height + (count - 1) * gap
    y = top if top is not None else (h - total) // 2
    if y + total > bottom:
        y = max(top if top is not None else 8, bottom - total) if top is None or top + total > bottom else y
    if y + total > bottom:
        gap = min(gap, 6)
        least = app.fonts.get("ui_bold", 17).get_linesize() + 6
        height = max(least, (bottom - y - (count - 1) * gap) // count)
    width = min(width, w - 40)
    return [pygame.Rect((w - width) // 2, y + i * (height + gap), width, height) for i in range(count)]


class Dialog(Scene):
    """A box over the screen below: a message and one or more buttons. Escape picks the last one, or the safe one."""

    def __init__(
        self,
        app: Window,
        title: str,
        message: str,
        buttons: list[tuple[str, object]],
        style: str = "normal",
        safe: int | None = None,
    ) -> None:
        super().__init__(app)
        self.heading = title
        self.message = message
        self.buttons = buttons
        self.style = style
        self.safe = safe  # the harmless choice, if one is: it has the focus (Enter takes it) and Escape picks it

    @property
    def secret_side(self) -> Side | None:  # type: ignore[override]
        below = self.app.scene_below(self)
        return below.secret_side if below is not None else None

    def button_width(self) -> int:
        """One width for every button, wide enough for the longest label (with Button's font)."""
        font = self.app.fonts.get("ui_bold", 17)
        return max(110, *(font.size(label)[0] + 32 for label, _ in self.buttons))

    def box(self) -> pygame.Rect:
        """600 px wide, or wider where the buttons need it, within the window."""
        w, h = self.app.size
        n = len(self.buttons)
        width = min(w - 40, max(600, n * self.button_width() + 16 * (n - 1) + 40))
        body = self.app.fonts.get("ui", 17)
        words = len(text.wrap(body, self.message, width - 40)) * (body.get_linesize() + 2) if self.message else 180
        height = min(
            h - 40,
            max(300, self.app.fonts.get("ui_bold", 22).get_linesize() + 40 + words + button_height(self.app) + 40),
        )
        return pygame.Rect((w - width) // 2, (h - height) // 2, width, height)

    def layout(self) -> None:
        self.panel.clear()
        box = self.box()
        n = len(self.buttons)
        width = (box.width - 40 - 16 * (n - 1)) // n
        bh = button_height(self.app)
        styled = 1 if self.safe == 0 else 0  # the weighty choice wears the style, never the safe one
        for i, (label, action) in enumerate(self.buttons):
            rect = pygame.Rect(box.left + 20 + i * (width + 16), box.bottom - bh - 20, width, bh)
            style = self.style if i == styled and self.style != "normal" else "normal"
            self.panel.add(Button(rect, label, self._choose(action), style=style))
        if self.safe is not None:
            self.panel.focus = self.safe

    def _choose(self, action: object) -> Callable[[], None]:
        def run() -> None:
            self.app.pop()
            if callable(action):
                action()

        return run

    def back(self) -> None:
        self.panel.widgets[-1 if self.safe is None else self.safe].activate()

    def draw(self, surface: pygame.Surface) -> None:
        below = self.app.scene_below(self)
        if below is not None:
            below.draw(surface)
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        surface.blit(shade, (0, 0))
        box = self.box()
        draw_box(surface, self.app, box)
        colour = self.app.palette.danger if self.style == "danger" else self.app.palette.accent
        text.draw(surface, self.app.fonts.get("ui_bold", 22), self.heading, colour, (box.left + 20, box.top + 18))
        top = box.top + 24 + self.app.fonts.get("ui_bold", 22).get_linesize()
        text.draw_wrapped(
            surface,
            self.app.fonts.get("ui", 17),
            self.message,
            self.app.palette.text,
            pygame.Rect(box.left + 20, top, box.width - 40, self.panel.widgets[-1].rect.top - top - 8),
        )
        self.panel.draw(surface, self.app)


class Notice(Dialog):
    """A message with a single OK."""

    def __init__(self, app: Window, title: str, message: str) -> None:
        super().__init__(app, title, message, [("OK", None)])


__all__ = ["Scene", "Dialog", "Notice", "Button", "draw_backdrop", "draw_title", "draw_box", "column"]
