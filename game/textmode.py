"""The game in a terminal: either leader against the AI, or two players hot-seat.

Everything the game offers is reachable here: every order with its target,
letters and offers term by term (public or secret, any channel, a deadline, a
reply to a given letter), answers to offers, the reports and the log of the
side at the keyboard, the ladder and the risk. Input and output are injected
so that tests can play whole games through it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from game.engine.friction import incident_probability
from game.engine.model import CARGO_WORDS, LEADER, ROLE, SIDES, Order, Term, other
from game.engine.orders import available, check_orders, targets_of
from game.engine.record import GameRecord
from game.engine.scoring import scores
from game.engine.state import GameState
from game.engine.turn import describe_terms
from game.engine.view import PlayerView, describe_target, player_view
from game.files import FileProblem
from game.inputs import parse_digits
from game.rules_of_play import (
    NOTHING_TO_TARGET,
    alert_words,
    danger,
    letters,
    line_drawn,
    may_keep_secret,
    offer_order,
    points_spent,
    risk_change,
    rival_messages,
    sender_words,
    to_answer,
)
from game.saves import autosave
from game.session import Session, TurnResult
from game.tutorial import Guide, HistoricalPath, day_text, sources_page
from game.wording import defcon_words, plain_all, with_year

CLEAR = "\033[2J\033[H"
HELP = """Commands:
  o            list the orders you can give        <number>   add that order (or type its name)
  c            your orders so far                 r <n>      remove your order n
  h <number>   what an order does                  i          letters and offers
  s            the situation again                l          your log
  ladder       the escalation ladder               e          end your turn (commit the orders)
  q            quit the game                       f          (tutorial) give the record's orders
  a            once terms are agreed: let the aftermath run to its end, every promise kept"""


class Quit(Exception):
    """The player asked to stop, or the input ended."""


class RunAftermath(Exception):  # noqa: N818 - a request, not an error
    """The player asked to let the agreed terms be carried out to the end without more orders."""


def bar(p: float, width: int = 20) -> str:
    filled = int(round(p * width))
    return "[" + "#" * filled + "." * (width - filled) + f"] {p * 100:.0f}%"


class TextGame:
    """One game in the terminal. ``humans`` are the sides played at the keyboard."""

    def __init__(self, session: Session, ask: Callable[[str], str] = input, say: Callable[[str], None] = print,
                 clear: bool = True, autosave: bool = False, guide: Guide | None = None) -> None:
        self.session = session
        self.autosave = autosave
        self.guide = guide
        self.scenario = session.scenario
        self.ask_raw = ask
        self.say = say
        self.clear = clear
        self.seen = {side: 0 for side in SIDES}

    @property
    def state(self) -> GameState:
        return self.session.state

    @property
    def record(self) -> GameRecord:
        return self.session.record

    # -- input --

    def ask(self, prompt: str) -> str:
        try:
            return self.ask_raw(prompt).strip()
        except EOFError:
            raise Quit("input ended") from None

    def confirm(self, prompt: str) -> bool:
        return self.ask(prompt + " (yes/no) ").lower() in ("y", "yes")

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

    def hand_off(self, side: str) -> None:
        self.wipe()
        self.say(f"Hand the keyboard to the player of {LEADER[side]}.")
        self.ask(f"{LEADER[side]}, press Enter when you are at the keyboard and the other player cannot see. ")

    # -- what a side is shown --

    def show_briefing(self, view: PlayerView) -> None:
        """The leader's card before the first orders of a game (not when a game in progress resumes)."""
        card = self.scenario.briefings[view.side]  # the loader requires one for each side
        self.say(f"\nTOP SECRET — EYES ONLY\n{LEADER[view.side].upper()}, {ROLE[view.side]}, "
                 f"{with_year(view.turn_def.label)}")
        for heading, words in card.sections():
            self.say(f"\n{heading.upper()}")
            self.say(textwrap.fill(words, 78))
        self.say("")

    def show_situation(self, view: PlayerView) -> None:
        sc = self.scenario
        rung = sc.rungs[view.rung]
        s = self.say
        s("=" * 78)
        s(f"{view.turn_def.label.upper()} — you are {LEADER[view.side]} — {sc.turn_count(view.turn)}")
        s("=" * 78)
        s(f"Ladder: rung {view.rung} of 10, {rung.name}. {rung.text}")
        s(f"Risk of an incident this turn, as you judge it: {bar(incident_probability(view))}")
        alert = alert_words(view.alert)
        s(f"{defcon_words(view.defcon)}   Soviet alert: {alert}   Castro's alarm: {view.castro_alarm:.0f}/100")
        line = f" at {view.line_nm} nautical miles" if line_drawn(view.quarantine) else ""
        s(f"Quarantine: {view.quarantine.replace('_', ' ')}{line}")
        if view.side == "us":
            s(f"Operational missile launchers on Cuba (estimate): {view.launchers} ± {view.uncertainty:.0f}")
        else:
            s(f"Operational launchers on Cuba: {view.launchers}   tactical warheads: {view.tactical}   "
              f"commanders may fire: {'yes' if view.local_authority else 'no'}")
            s(f"US invasion readiness (estimate): {view.invasion_prep:.0f}/100")
        if view.side == "us":
            s(f"Invasion force readiness: {view.invasion_prep:.0f}/100")
        for key, value in view.meters.items():
            label = sc.meter_labels.get(key, key)
            if not key.startswith(view.side + "."):
                label = f"{LEADER[other(view.side)]}: {label.lower()}"
            s(f"  {label:<36} {value:5.0f}")
        ships = [sh for sh in view.ships if sh.status not in ("arrived",)]
        if ships:
            s("Ships bound for Cuba:")
            for sh in ships:
                cargo = CARGO_WORDS.get(sh.cargo, sh.cargo)
                s(f"  {sh.name:<14} {sh.status:<10} {sh.distance:6.0f} nm out   {cargo}")
        sites = view.sites
        if sites:
            s("Missile sites:")
            for site in sites:
                s(f"  {site.name:<20} {site.kind.upper():<5} {site.status:<10} readiness {site.readiness:3.0f}%")
        if view.agreement is not None:
            s(f"Agreement in force: {describe_terms(self.scenario, view.agreement)}")

    def show_news(self, view: PlayerView) -> None:
        entries = [e for e in view.log if e.seq > self.seen[view.side]]
        if entries:
            self.say("\nReports since your last turn:")
            for e in entries:
                stamp = "" if e.visibility == "public" else "  [SECRET — EYES ONLY]"
                self.say(f"  {e.date}  {e.text}{stamp}")
            self.seen[view.side] = entries[-1].seq

    def show_record(self, view: PlayerView) -> None:
        """The tutorial's page: the day's narration, and what the record's leader did and why."""
        self.say("")
        for line in day_text(self.scenario, view):
            self.say(line)
        self.say(f"\nTHE RECORD — what {LEADER[view.side]} did (type f to follow it):")
        for line in self.guide.advice_text(view):
            self.say(f"  • {line}")

    def show_inbox(self, view: PlayerView) -> None:
        offers = letters(view)
        if not offers:
            self.say("No offers have been exchanged.")
            return
        for o in offers:
            who = sender_words(o, view.side)
            by = self.scenario.turn_label(o.deadline_turn)
            deadline = f", answer by the end of {by}" if o.deadline_turn >= 0 else ""
            self.say(f"  [{o.id}] {who}, {o.channel} channel, {o.status}{deadline}: "
                     f"{describe_terms(self.scenario, o.terms)}")

    def show_ladder(self) -> None:
        for r in reversed(self.scenario.rungs):
            marker = "  <== now" if r.level == self.state.rung else ""
            self.say(f"  {r.level:>2}  {r.name}{marker}")

    def show_log(self, view: PlayerView) -> None:
        for e in view.log:
            self.say(f"  {e.date}  {e.text}")

    # -- composing orders --

    def compose(self, view: PlayerView) -> tuple[Order, ...]:
        self.show_situation(view)
        self.show_news(view)
        open_offers = to_answer(view)
        if open_offers:
            self.say("\nOffers waiting for your answer:")
            for o in open_offers:
                self.say(f"  [{o.id}] {o.channel}: {describe_terms(self.scenario, o.terms)}")
        if self.guide is not None:
            self.show_record(view)
        self.say(f"\nYou have {view.action_points()} action points. Type ? for help, o for your orders.")
        chosen: list[Order] = []
        while True:
            cmd = self.ask(f"{LEADER[view.side]}> ")
            word, _, rest = cmd.partition(" ")
            word = word.lower()
            if word in ("?", "help"):
                self.say(HELP)
            elif word == "o":
                self.list_orders(view)
            elif word == "c":
                self.list_chosen(view, chosen)
            elif word == "r" and parse_digits(rest) is not None:
                n = parse_digits(rest) - 1
                if 0 <= n < len(chosen):
                    self.say(f"Removed: {self.scenario.orders[chosen.pop(n).kind].label}")
            elif word == "h" and parse_digits(rest) is not None:
                self.describe(view, parse_digits(rest))
            elif word == "i":
                self.show_inbox(view)
            elif word == "s":
                self.show_situation(view)
            elif word == "l":
                self.show_log(view)
            elif word == "ladder":
                self.show_ladder()
            elif word == "f" and self.guide is not None:
                chosen[:] = [c.order for c in self.guide.advice(view)]
                self.say("Your orders are now the record's. Type e to give them.")
            elif word == "e":
                if self.may_commit(view, chosen):
                    return tuple(chosen)
            elif word == "a" and self.session.in_aftermath:
                raise RunAftermath()
            elif word == "q":
                if self.confirm("Quit the game?"):
                    raise Quit("the player quit")
            elif parse_digits(word) is not None:
                self.add(view, parse_digits(word), chosen)
            elif word in {o.id for o in self.menu(view)}:
                self.add(view, self.number(self.scenario.orders[word]), chosen)
            elif word:
                self.say("Unknown command. Type ? for help.")

    def menu(self, view: PlayerView) -> list[Any]:
        """The orders available now, in the scenario's order."""
        order = list(self.scenario.orders)
        return sorted(available(view), key=lambda o: order.index(o.id))

    def number(self, odef: Any) -> int:
        """An order's number: its place among all of its side's orders in the scenario, so that a number
        means the same order on every turn (a place in today's list would shift as orders come and go)."""
        ids = [o.id for o in self.scenario.orders.values() if o.side == odef.side]
        return ids.index(odef.id) + 1

    def numbered(self, view: PlayerView, number: int) -> Any | None:
        """The order available now that has this number, if any."""
        return next((odef for odef in self.menu(view) if self.number(odef) == number), None)

    def list_orders(self, view: PlayerView) -> None:
        for odef in self.menu(view):
            i = self.number(odef)
            targets = targets_of(view, odef)
            if targets == ():  # see no_target: the order needs a target and has none
                continue
            note = f"  (targets: {', '.join(targets)})" if odef.target else ""
            self.say(f"  {i:>2}. {odef.label}  [{odef.cost} AP] ({odef.id}){note}")

    def list_chosen(self, view: PlayerView, chosen: list[Order]) -> None:
        if not chosen:
            self.say("No orders yet.")
        for i, order in enumerate(chosen, 1):
            odef = self.scenario.orders[order.kind]
            extra = f" -> {order.target}" if order.target else ""
            if order.terms:
                extra += f": {describe_terms(self.scenario, order.terms)}"
            self.say(f"  {i}. {odef.label}{extra}")
        self.say(f"Action points: {points_spent(self.scenario, chosen)} of {view.action_points()}.")

    def describe(self, view: PlayerView, number: int) -> None:
        odef = self.numbered(view, number)
        if odef is None:
            self.say("No such order.")
            return
        eff = odef.effects
        self.say(f"{odef.label} — {odef.cost} action point(s). {odef.help}")
        if eff.rung_min:
            self.say(f"  Takes the ladder to at least rung {eff.rung_min} ({self.scenario.rungs[eff.rung_min].name}).")
        if odef.risk:
            self.say(f"  Adds {odef.risk * 100:.0f} points to this turn's risk of an incident.")

    def pick_target(self, view: PlayerView, odef: Any) -> str | None:
        targets = targets_of(view, odef)
        if targets == ("",):
            return ""
        if not targets:
            self.say(NOTHING_TO_TARGET)
            return None
        for i, t in enumerate(targets, 1):
            self.say(f"  {i}. {self.target_name(view, t)}")
        answer = self.ask("Which one? ")
        number = parse_digits(answer)
        if number is not None and 1 <= number <= len(targets):
            return targets[number - 1]
        self.say("Cancelled.")
        return None

    def target_name(self, view: PlayerView, target: str) -> str:
        offer = next((o for o in view.offers if str(o.id) == target), None)
        if offer is not None:
            return f"offer {offer.id}: {describe_terms(self.scenario, offer.terms)}"
        return describe_target(view, target)

    def add(self, view: PlayerView, number: int, chosen: list[Order]) -> None:
        odef = self.numbered(view, number)
        if odef is None:
            self.say("No such order. Type o to list them.")
            return
        target = self.pick_target(view, odef)
        if target is None:
            return
        order = Order(odef.id, target)
        if odef.handler == "offer":
            order = self.compose_offer(view, odef)
            if order is None:
                return
        problems = check_orders(view, (*chosen, order))
        if problems:
            self.say("Not possible: " + plain_all(self.scenario, problems))  # the orders' titles, never their ids
            return
        before, after = risk_change(view, chosen, order)
        chosen.append(order)
        self.say(f"Added: {odef.label}. Risk this turn as you judge it: {before * 100:.0f}% -> {after * 100:.0f}%.")

    def compose_offer(self, view: PlayerView, odef: Any) -> Order | None:
        terms = list(self.scenario.terms.values())
        self.say("Terms you may put in the offer (leave empty for a letter without terms):")
        for i, t in enumerate(terms, 1):
            secret = " — may be kept secret" if may_keep_secret(t, odef) else ""
            self.say(f"  {i:>2}. {t.label}{secret}")
        answer = self.ask("Terms by number, with s after a number to keep it secret (e.g. 1 3 8s): ")
        chosen: list[Term] = []
        for token in answer.replace(",", " ").split():
            secret = token.lower().endswith("s")
            num = token[:-1] if secret else token
            number = parse_digits(num)
            if number is None or not 1 <= number <= len(terms):
                self.say(f"'{token}' is not a term number. Offer cancelled.")
                return None
            chosen.append(Term(terms[number - 1].id, secret))
        deadline = 0
        reply = 0
        if chosen:
            d = self.ask("Deadline in turns (0 for none, up to 4): ") or "0"
            deadline = parse_digits(d) or 0
        if rival_messages(view):
            r = self.ask("Does it answer one of the other side's messages? Its number, or Enter for none: ")
            reply = parse_digits(r) or 0
        return offer_order(odef, chosen, deadline, reply)

    def may_commit(self, view: PlayerView, chosen: list[Order]) -> bool:
        """Warn before orders that could start a war by a slip; the player must confirm."""
        why = danger(view, chosen)
        if why is None:
            return True
        if why.kind == "rung":
            return self.confirm(f"WARNING: these orders take the ladder to rung {why.rung} ({why.rung_name}). "
                                "Are you sure?")
        return self.confirm(f"WARNING: the risk of an incident this turn would be {why.risk * 100:.0f}%. Are you sure?")

    # -- after the turn --

    def show_resolution(self, result: TurnResult) -> None:
        """What happened: public news for hot-seat (both players may be watching), else the player's own too."""
        before, after = result.before, result.after
        self.say(f"\n--- {before.turn_def.label}: what happened ---")
        for e in result.news(None if self.session.hotseat else self.session.humans[0]):
            self.say(f"  {result.line(e)}")
        if self.guide is not None:
            self.say(self.guide.divergence(after).describe())
        if not self.session.hotseat:
            self.seen[self.session.humans[0]] = len(player_view(after, self.session.humans[0]).log)

    def show_end(self) -> None:
        outcome = self.state.outcome
        self.say("\n" + "=" * 78)
        if outcome is not None:
            self.say(f"THE END — {outcome.kind.replace('_', ' ')} ({outcome.date})")
            if outcome.terms:
                public = describe_terms(self.scenario, outcome.terms, public_only=True)
                self.say(f"Public terms: {public}")
        for side, sc in scores(self.state).items():
            parts = ", ".join(f"{k} {v}" for k, v in sc.parts.items())
            self.say(f"{LEADER[side]}: {sc.total}/100 ({parts}) — {sc.rank_label}")
        for kind, turn in self.state.leaked:
            self.say(f"The secret of '{self.scenario.terms[kind].label}' leaked on {self.scenario.turn_label(turn)}.")
        self.show_debrief()

    def show_debrief(self) -> None:
        """Your decisions beside 1962, questions to reflect on, and the export to hand in."""
        from game.report import debrief, write_report

        report = debrief(self.state, self.record)
        self.say(f"\nIn 1962: {report.history_outcome}. Your decisions beside the record:")
        for row in report.rows:
            for side in self.session.humans:
                mine, then = row.orders[side], row.record_orders[side]
                mark = "as in 1962" if mine == then else f"in 1962: {'; '.join(then) or 'no orders'}"
                self.say(f"  {row.label}, {LEADER[side]}: {'; '.join(mine) or 'no orders'} ({mark})")
        self.say("\nQuestions to reflect on:")
        for i, question in enumerate(report.questions, 1):
            self.say(f"  {i}. {question}")
        try:
            export = self.confirm("\nExport the debrief (a web page and a spreadsheet) to hand in?")
        except Quit:
            return
        if export:
            try:
                page, table = write_report(report)
            except FileProblem as exc:
                self.say(f"The debrief could not be written: {exc}")
                return
            self.say(f"Debrief written: {page}\nTurn log written: {table}")


def watch_history(scenario: Any, ask: Callable[[str], str] = input, say: Callable[[str], None] = print) -> None:
    """The crisis as it happened, day by day, with each day's narration and everything reported that day."""
    path = HistoricalPath(scenario)
    tags = {"public": "", "us": "  [WASHINGTON ONLY]", "ussr": "  [MOSCOW ONLY]"}
    prompting = True
    for before, after in zip(path.states, path.states[1:], strict=False):
        say("\n" + "=" * 78)
        say(f"{with_year(before.turn_def.label).upper()} — the ladder at rung {before.rung}")
        say("=" * 78)
        for line in day_text(scenario, before):
            say(line)
        say("")
        every = sorted(after.logs["public"] + after.logs["us"] + after.logs["ussr"], key=lambda e: e.seq)
        for entry in every:
            if entry.turn == before.turn:
                say(f"  {entry.date}  {entry.text}{tags[entry.visibility]}")
        if prompting:
            try:
                if ask("\nEnter for the next day, q to stop: ").strip().lower() == "q":
                    return
            except EOFError:
                prompting = False  # no one at the keyboard: print the rest
    say("\n" + "=" * 78)
    for line in sources_page(scenario):  # the tutorial's last page: where historians differ, and the sources
        say(line)
