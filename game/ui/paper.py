"""Typed paper that scrolls: the tutorial's page, a side's reports, the record of a day in history.

An item is a paragraph (a string; one in capitals is a heading) or a dated log
entry, whose stamp (secret, or whose eyes only) sits on its date line, clear of
the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame

from game.engine.model import LEADER, Offer, Side, Term, other
from game.engine.scenario_types import Scenario
from game.ui import text
from game.ui.widgetbase import Look
from game.ui.widgets import Widget
from game.ui.window import Window

Stamp = Callable[[Any], str]


SHARED = ("letter", "offer_sent", "offer_accepted", "offer_rejected", "deadline_passed")  # both governments know


def draw_card(surface: pygame.Surface, app: Look, rect: pygame.Rect, lines: list[str]) -> None:
    """Lines typed on a card of paper: an offer read in the situation room or in the negotiation."""
    pal, fonts = app.palette, app.fonts
    pygame.draw.rect(surface, pal.paper, rect, border_radius=4)
    y = rect.top + 8
    for line in lines:
        y += (
            text.draw_wrapped(
                surface,
                fonts.get("type", 14),
                line,
                pal.ink,
                pygame.Rect(rect.left + 10, y, rect.width - 20, rect.bottom - y),
            )
            + 2
        )


def term_lines(scenario: Scenario, terms: Sequence[Term]) -> list[str]:
    """An offer's terms, one a line, each secret one marked."""
    return [f"• {scenario.terms[t.kind].label}{' (SECRET)' if t.secret else ''}" for t in terms]


def secret_stamp(entry: Any) -> str:
    """What the stamp says: nothing on public news, PRIVATE on what passed between the two governments
    (a letter, an offer, its answer), SECRET only on what the other side does not know."""
    if entry.visibility == "public":
        return ""
    return "PRIVATE — BOTH GOVERNMENTS" if entry.key in SHARED else "SECRET — EYES ONLY"


class Paper(Widget):
    """Typed items on paper, scrolled with Up and Down or the wheel; says so when there is more below."""

    def __init__(self, rect: pygame.Rect, items: list[Any], label: str = "Paper", stamp: Stamp = secret_stamp) -> None:
        super().__init__(rect, label)
        self.items = items
        self.stamp = stamp
        self.offset = 0

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            step = 1 if event.key == pygame.K_DOWN else -1
            self.offset = max(0, min(len(self.items) - 1, self.offset + step))
            return True
        return False

    def wheel(self, dy: int) -> bool:
        self.offset = max(0, min(max(0, len(self.items) - 1), self.offset - dy))
        return True

    def draw_item(self, surface: pygame.Surface, ui: Look, item: Any, y: int) -> int:
        """Draw one item at ``y``; returns the height it took."""
        pal = ui.palette
        width = self.rect.width - 24
        if isinstance(item, str):
            heading = item.isupper()
            font = ui.fonts.get("type_bold" if heading else "type", 14)
            return text.draw_wrapped(
                surface, font, item, pal.stamp if heading else pal.ink, pygame.Rect(self.rect.left + 12, y, width, 2000)
            )
        bold = ui.fonts.get("type_bold", 14)
        text.draw(surface, bold, item.date, pal.ink, (self.rect.left + 12, y))
        top = y
        stamp = self.stamp(item)
        if stamp:
            if bold.size(f"{item.date}  {stamp}")[0] > width:  # no room beside the date: on a line of its own
                y += bold.get_linesize()
            text.draw(surface, bold, stamp, pal.stamp, (self.rect.right - 12, y), "topright")
        y += bold.get_linesize()
        return (
            y
            - top
            + text.draw_wrapped(
                surface, ui.fonts.get("type", 15), item.text, pal.ink, pygame.Rect(self.rect.left + 12, y, width, 2000)
            )
        )

    def draw(self, surface: pygame.Surface, ui: Look, focused: bool, hovered: bool) -> None:
        pal = ui.palette
        pygame.draw.rect(surface, pal.paper, self.rect, border_radius=4)
        if focused:
            pygame.draw.rect(surface, pal.accent, self.rect, width=3, border_radius=4)
        clip = surface.get_clip()
        surface.set_clip(self.rect.inflate(-6, -6))
        y = self.rect.top + 10
        for item in self.items[self.offset :]:
            y += self.draw_item(surface, ui, item, y) + 9
            if y > self.rect.bottom:
                break
        surface.set_clip(clip)
        if not self.items:
            text.draw(surface, ui.fonts.get("type", 15), "Nothing yet.", pal.ink, self.rect.center, "center")
        elif y > self.rect.bottom:  # there is more below: say how to reach it, on a strip of its own
            tag = text.render(ui.fonts.get("ui_bold", 12), " more below: ↓ or the wheel ", pal.paper)
            box = tag.get_rect(bottomright=(self.rect.right - 8, self.rect.bottom - 6))
            strip = pygame.Rect(self.rect.left + 3, box.top - 6, self.rect.width - 6, self.rect.bottom - box.top + 3)
            pygame.draw.rect(surface, pal.paper, strip)  # a line cut by the strip is hidden, not written over
            pygame.draw.rect(surface, pal.ink, box.inflate(6, 4), border_radius=4)
            surface.blit(tag, box)


class Dispatches(Paper):
    """The dated reports this side has received, newest first; secret ones stamped."""

    def __init__(self, rect: pygame.Rect, entries: list[Any]) -> None:
        super().__init__(rect, list(reversed(entries)), "Reports")

    def describe(self) -> str:
        return f"Reports: {len(self.items)}"


def offer_title(offer: Offer, side: Side) -> str:
    """An offer in a line of the letters list, as ``side`` sees it."""
    who = "from " + LEADER[offer.sender] if offer.sender != side else "to " + LEADER[other(side)]
    return f"{offer.id}. {who}, {offer.channel} — {offer.status}"


def draw_offer(surface: pygame.Surface, app: Window, rect: pygame.Rect, offer: Offer | None, side: Side) -> None:
    """The selected offer on its card: who, how, by when and its terms (or a word that there is none)."""
    if offer is None:
        text.draw(surface, app.fonts.get("ui", 15), "No offers have been exchanged.", app.palette.dim, rect.topleft)
        return
    lines = [offer_title(offer, side)]
    if offer.deadline_turn >= 0:
        lines.append(f"Answer wanted by the end of {app.scenario.turn_label(offer.deadline_turn)}.")
    draw_card(surface, app, rect, lines + term_lines(app.scenario, offer.terms))
