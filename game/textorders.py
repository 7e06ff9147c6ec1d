"""Composing orders in the terminal: the command loop of a turn, the orders' menu by number, targets,
offers term by term, and the warning before orders that could start a war by a slip.

``OrderDesk`` is a part of the text game (``game.textmode.TextGame``); the rules it words are in
``game.rules_of_play``, shared with the window.
"""

from __future__ import annotations

from game.engine.model import LEADER, Order, Term
from game.engine.orders import available, check_orders, targets_of
from game.engine.scenario_types import OrderDef
from game.engine.turn import describe_terms
from game.engine.view import PlayerView, describe_target
from game.inputs import parse_digits
from game.rules_of_play import (
    NOTHING_TO_TARGET,
    danger,
    may_keep_secret,
    offer_order,
    points_spent,
    risk_change,
    rival_messages,
    to_answer,
)
from game.textpages import Pages, Quit
from game.wording import plain_all

HELP = """Commands:
  o            list the orders you can give        <number>   add that order (or type its name)
  c            your orders so far                 r <n>      remove your order n
  h <number>   what an order does                  i          letters and offers
  s            the situation again                l          your log
  ladder       the escalation ladder               e          end your turn (commit the orders)
  q            quit the game                       f          (tutorial) give the record's orders
  a            once terms are agreed: let the aftermath run to its end, every promise kept"""


class RunAftermath(Exception):  # noqa: N818 - a request, not an error
    """The player asked to let the agreed terms be carried out to the end without more orders."""


class OrderDesk(Pages):
    """A side's orders for one turn, composed at the keyboard."""

    def compose(self, view: PlayerView) -> tuple[Order, ...]:
        self.show_situation(view)
        self.show_news(view)
        open_offers = to_answer(view)
        if open_offers:
            self.say("\nOffers waiting for your answer:")
            for o in open_offers:
                self.say(f"  [{o.id}] {o.channel}: {describe_terms(self.scenario, o.terms)}")
        if self.guide is not None:
            self.show_record(view, self.guide)
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
            elif word == "r" and (number := parse_digits(rest)) is not None:
                if 0 <= number - 1 < len(chosen):
                    self.say(f"Removed: {self.scenario.orders[chosen.pop(number - 1).kind].label}")
            elif word == "h" and (number := parse_digits(rest)) is not None:
                self.describe(view, number)
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
            elif (number := parse_digits(word)) is not None:
                self.add(view, number, chosen)
            elif word in {o.id for o in self.menu(view)}:
                self.add(view, self.number(self.scenario.orders[word]), chosen)
            elif word:
                self.say("Unknown command. Type ? for help.")

    def menu(self, view: PlayerView) -> list[OrderDef]:
        """The orders available now, in the scenario's order."""
        order = list(self.scenario.orders)
        return sorted(available(view), key=lambda o: order.index(o.id))

    def number(self, odef: OrderDef) -> int:
        """An order's number: its place among all of its side's orders in the scenario, so that a number
        means the same order on every turn (a place in today's list would shift as orders come and go)."""
        ids = [o.id for o in self.scenario.orders.values() if o.side == odef.side]
        return ids.index(odef.id) + 1

    def numbered(self, view: PlayerView, number: int) -> OrderDef | None:
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

    def pick_target(self, view: PlayerView, odef: OrderDef) -> str | None:
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
        order = self.compose_offer(view, odef) if odef.handler == "offer" else Order(odef.id, target)
        if order is None:
            return
        problems = check_orders(view, (*chosen, order))
        if problems:
            self.say("Not possible: " + plain_all(self.scenario, problems))  # the orders' titles, never their ids
            return
        before, after = risk_change(view, chosen, order)
        chosen.append(order)
        self.say(f"Added: {odef.label}. Risk this turn as you judge it: {before * 100:.0f}% -> {after * 100:.0f}%.")

    def compose_offer(self, view: PlayerView, odef: OrderDef) -> Order | None:
        terms = list(self.scenario.terms.values())
        self.say("Terms you may put in the offer (leave empty for a letter without terms):")
        for i, t in enumerate(terms, 1):
            note = " — may be kept secret" if may_keep_secret(t, odef) else ""
            self.say(f"  {i:>2}. {t.label}{note}")
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
            return self.confirm(
                f"WARNING: these orders take the ladder to rung {why.rung} ({why.rung_name}). Are you sure?"
            )
        return self.confirm(f"WARNING: the risk of an incident this turn would be {why.risk * 100:.0f}%. Are you sure?")
