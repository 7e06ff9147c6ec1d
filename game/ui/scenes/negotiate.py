"""Negotiation: compose an offer term by term, public or secret, through a channel, with a deadline;
read the letters and offers exchanged, and answer them — or answer one and ignore another.

What is composed here becomes an order of the turn screen, sealed with the
others when the turn ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import pygame

from game.engine.model import LEADER, Order, Side, Term, other
from game.engine.orders import available, check_orders
from game.engine.turn import describe_terms
from game.engine.view import PlayerView
from game.rules_of_play import letters, may_keep_secret, offer_order, rival_messages, sender_words, to_answer
from game.ui import text
from game.ui.paper import draw_card, term_lines
from game.ui.scene import Notice, Scene, button_height, draw_backdrop, footer, help_height
from game.ui.widgets import Button, Choice, ListBox
from game.ui.window import Window

INCLUDE = ("not included", "public", "secret")
DEADLINES = ("no deadline", "1 turn", "2 turns", "3 turns", "4 turns")


class TurnOrders(Protocol):
    """What this screen asks of the turn screen it was opened over (reached by name, never imported)."""

    side: Side
    chosen: list[Order]

    @property
    def view(self) -> PlayerView: ...

    def try_add(self, order: Order) -> bool: ...


class NegotiationScene(Scene):
    title = "Letters and offers"

    def __init__(self, app: Window, turn: TurnOrders, channel: str | None = None) -> None:
        super().__init__(app)
        self.turn = turn  # the TurnScene whose orders this adds to
        self.side = turn.side
        self.secret_side = turn.side
        self.channels = [o for o in available(turn.view) if o.handler == "offer"]
        ids = [o.id for o in self.channels]
        self.channel = ids.index(channel) if channel in ids else 0
        self.include = {kind: 0 for kind in app.scenario.terms}
        self.deadline = 0
        self.reply = 0

    @property
    def view(self) -> PlayerView:
        return self.turn.view

    def answers(self) -> list[Any]:
        """The other side's offers that can be answered now (open, with terms)."""
        return to_answer(self.view)

    def layout(self) -> None:
        """Two columns between the heading and the foot; the rows share the height, never below their text's."""
        self.panel.clear()
        w, h = self.app.size
        fonts = self.app.fonts
        top = 36 + fonts.get("type_bold", 28).get_linesize() + fonts.get("ui", 15).get_linesize()
        back = footer(self.app, w - 330, 300)
        bottom = back.top - 12
        left = pygame.Rect(30, top, w // 2 - 45, bottom - top)
        if self.channels:
            self.layout_letter(left)
        self.layout_inbox(pygame.Rect(w // 2 + 15, top, w // 2 - 45, bottom - top))
        self.panel.add(Button(back, "Back to the situation room", self.back))

    def layout_letter(self, left: pygame.Rect) -> None:
        """The letter being written: its channel, each term, the deadline, what it answers."""
        fonts, add = self.app.fonts, self.panel.add
        count = len(self.app.scenario.terms) + 3  # the channel, the terms, deadline, reply
        least = fonts.get("ui", 16).get_linesize() + 4
        row = max(least, min(42, left.height // count))
        gap = max(2, min(6, row - least))
        y = left.top
        add(
            Choice(
                pygame.Rect(left.left, y, left.width, row - gap),
                "Channel",
                [c.label for c in self.channels],
                self.channel,
                self.set_channel,
                "Public: everyone hears it, nothing can be secret. A letter: the two governments. "
                "The back channel: a handful of people.",
            )
        )
        channel = self.channels[self.channel]
        for kind, tdef in self.app.scenario.terms.items():
            y += row
            included = INCLUDE if may_keep_secret(tdef, channel) else INCLUDE[:2]
            index = min(self.include[kind], len(included) - 1)
            self.include[kind] = index
            add(
                Choice(
                    pygame.Rect(left.left, y, left.width, row - gap),
                    tdef.label,
                    included,
                    index,
                    self.term_setter(kind),  # the help line gives the whole term: a long one is cut here
                    f"{tdef.label[:1].upper()}{tdef.label[1:]}: conceded by {LEADER[tdef.by]}.",
                )
            )
        replies = ["nothing in particular"] + [f"message {o.id}" for o in rival_messages(self.view)]
        for k, (label, options, index, setter, tip) in enumerate((
            ("Deadline", DEADLINES, self.deadline, self.set_deadline, "How many turns the other side has to answer."),
            ("In answer to", replies, min(self.reply, len(replies) - 1), self.set_reply,
             "Answering a letter closes it; the other letters stay open."),
        ), 1):  # fmt: skip
            add(Choice(pygame.Rect(left.left, y + k * row, left.width, row - gap), label, options, index, setter, tip))
        label_w = fonts.get("ui_bold", 17).size("Add to my orders")[0] + 32
        self.send_button = add(
            Button(
                footer(self.app, left.left, max(left.width // 3, label_w)),
                "Add to my orders",
                self.send,
                "The letter goes with your orders at the end of the turn.",
                style="primary",
            )
        )

    def layout_inbox(self, right: pygame.Rect) -> None:
        """The letters exchanged, and the answers to the one selected."""
        fonts, add = self.app.fonts, self.panel.add
        rows = [
            (f"{o.id}. {sender_words(o, self.side)}, {o.channel} — {o.status}", o) for o in reversed(letters(self.view))
        ]
        self.inbox = add(
            ListBox(
                pygame.Rect(right.left, right.top, right.width, right.height // 2 - 10),
                "Exchanged",
                rows,
                None,
                row_height=fonts.get("ui", 15).get_linesize() + 12,
            )
        )
        answerable = bool(self.answers())
        bh = button_height(self.app)
        add(
            Button(
                pygame.Rect(right.left, right.bottom - bh, right.width // 2 - 6, bh),
                "Accept this offer",
                self.accept,
                "Accept the selected offer: its terms end the crisis.",
                enabled=answerable,
            )
        )
        add(
            Button(
                pygame.Rect(right.centerx + 6, right.bottom - bh, right.width // 2 - 6, bh),
                "Reject this offer",
                self.reject,
                "Turn the selected offer down. Saying nothing is also an answer.",
                enabled=answerable,
            )
        )

    def set_channel(self, index: int) -> None:
        self.channel = index
        self.layout()
        self.panel.focus = 0

    def term_setter(self, kind: str) -> Callable[[int], None]:
        def change(index: int) -> None:
            self.include[kind] = index

        return change

    def set_deadline(self, index: int) -> None:
        self.deadline = index

    def set_reply(self, index: int) -> None:
        self.reply = index

    def compose(self) -> Order:
        odef = self.channels[self.channel]
        terms = tuple(Term(kind, state == 2) for kind, state in self.include.items() if state)
        rivals = rival_messages(self.view)
        reply = rivals[self.reply - 1].id if 0 < self.reply <= len(rivals) else 0
        return offer_order(odef, terms, self.deadline, reply)

    def send(self) -> None:
        if self.turn.try_add(self.compose()):
            self.app.pop()

    def _answer(self, handler: str) -> None:
        offer = self.inbox.payload
        if offer is None or offer not in self.answers():
            self.app.push(Notice(self.app, "Nothing to answer", "Select an open offer from the other side."))
            return
        odef = next((o for o in available(self.view) if o.handler == handler), None)
        if odef is None:
            return
        order = Order(odef.id, str(offer.id))
        problems = check_orders(self.view, [*self.turn.chosen, order])
        if problems:
            self.app.push(Notice(self.app, "Not possible", "; ".join(problems)))
            return
        if self.turn.try_add(order):
            self.app.pop()

    def accept(self) -> None:
        self._answer("accept")

    def reject(self) -> None:
        self._answer("reject")

    def back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        draw_backdrop(surface, self.app)
        pal, fonts = self.app.palette, self.app.fonts
        w, h = surface.get_size()
        text.draw(surface, fonts.get("type_bold", 28), "LETTERS AND OFFERS", pal.accent, (30, 30))
        text.draw(
            surface,
            fonts.get("ui", 15),
            f"You are {LEADER[self.side]}. Compose on the left; what has been "
            f"exchanged with {LEADER[other(self.side)]} is on the right.",
            pal.dim,
            (30, 30 + fonts.get("type_bold", 28).get_linesize()),
        )
        if not self.channels:
            text.draw(surface, fonts.get("ui", 17), "No channel is open to you now.", pal.dim, (30, 110))
        offer = self.inbox.payload
        accept = self.panel.find("Accept this offer").rect
        detail = pygame.Rect(
            w // 2 + 15, self.inbox.rect.bottom + 10, w // 2 - 45, accept.top - 10 - self.inbox.rect.bottom - 10
        )
        if offer is not None and detail.height > 40:
            lines = [f"Message {offer.id}, {offer.channel} channel, {offer.status}"]
            if offer.deadline_turn >= 0:
                lines.append(f"An answer is wanted by the end of {self.app.scenario.turn_label(offer.deadline_turn)}.")
            draw_card(surface, self.app, detail, lines + term_lines(self.app.scenario, offer.terms))
        if self.channels:
            summary = describe_terms(self.app.scenario, self.compose().terms)
            button = self.send_button.rect
            text.draw_wrapped(
                surface,
                fonts.get("ui", 13),
                f"Your offer: {summary}.",
                pal.text,
                pygame.Rect(
                    button.right + 12,
                    button.top,
                    w // 2 - 45 - button.width - 12,
                    h - help_height(self.app) - button.top,
                ),
            )
        self.panel.draw(surface, self.app)
        if not self.inbox.rows:
            text.draw(
                surface,
                fonts.get("ui", 15),
                "Nothing has been exchanged yet.",
                pal.dim,
                self.inbox.rect.center,
                "center",
            )
