"""The game in a terminal: either leader against the AI, or two players hot-seat.

Everything the game offers is reachable here: every order with its target,
letters and offers term by term (public or secret, any channel, a deadline, a
reply to a given letter), answers to offers, the reports and the log of the
side at the keyboard, the ladder and the risk. Input and output are injected
so that tests can play whole games through it.

The game is put together from three rooms: ``game.textpages`` (what a side is shown),
``game.textorders`` (composing orders) and ``game.textend`` (each turn's news, the end, the history).
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.model import LEADER, SIDES, Side
from game.engine.state import GameState
from game.files import FileProblem
from game.saves import autosave
from game.session import Session
from game.textend import Ending, watch_history
from game.textorders import HELP, OrderDesk, RunAftermath
from game.textpages import Quit, bar
from game.tutorial import Guide

__all__ = ["CLEAR", "HELP", "Quit", "RunAftermath", "TextGame", "bar", "watch_history"]

CLEAR = "\033[2J\033[H"


class TextGame(OrderDesk, Ending):
    """One game in the terminal. ``humans`` are the sides played at the keyboard."""

    def __init__(
        self,
        session: Session,
        ask: Callable[[str], str] = input,
        say: Callable[[str], None] = print,
        clear: bool = True,
        autosave: bool = False,
        guide: Guide | None = None,
    ) -> None:
        self.session = session
        self.autosave = autosave
        self.guide = guide
        self.scenario = session.scenario
        self.ask_raw = ask
        self.say = say
        self.clear = clear
        self.seen = {side: 0 for side in SIDES}

    # -- the game --

    def run(self) -> GameState:
        """Play to the end (or until the player quits); returns the last state."""
        self.say(f"\n{self.scenario.title}\n{self.scenario.description}\n")
        try:
            while not self.state.over:
                self.play_one_turn()
        except Quit as why:
            self.say(f"\nThe game stops here ({why}).")
            return self.state
        self.show_end()
        return self.state

    def play_one_turn(self) -> None:
        session = self.session
        if self.autosave:
            try:
                autosave(session)  # at the start of every turn: a killed terminal loses at most this turn
            except FileProblem as exc:
                self.say(f"The game could not be saved ({exc}); play goes on, and the last good save is kept.")
        while (side := session.to_play()) is not None:
            if session.hotseat:
                self.hand_off(side)
            view = session.view(side)
            if not session.record.turns:
                self.show_briefing(view)
            try:
                orders = self.compose(view)
            except RunAftermath:
                self.show_resolution(session.run_aftermath())
                return
            if self.guide is not None:
                self.guide.note_orders(view, orders)
            result = session.commit(side, orders)
            if session.hotseat:
                self.wipe()
            if result is not None:
                self.show_resolution(result)
                return

    def wipe(self) -> None:
        if self.clear:
            self.say(CLEAR + "\n" * 60)

    def hand_off(self, side: Side) -> None:
        self.wipe()
        self.say(f"Hand the keyboard to the player of {LEADER[side]}.")
        self.ask(f"{LEADER[side]}, press Enter when you are at the keyboard and the other player cannot see. ")
