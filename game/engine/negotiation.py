"""Letters, offers, answers, deadlines and the leaking of secret terms.

An offer is a set of terms sent through a channel (public, private letter or
back channel); each term may be secret except in public. Offers are delivered
at the end of the turn they are sent and answered in a later turn. Accepting an
offer makes its terms the agreement. A secret term is known to a few people on
each side; each turn it leaks with probability ``1 - (1 - q) ** knowers``
(``q`` = ``friction.leak_per_knower``), and the number who know grows by
``friction.knowers_growth`` a turn. A leak makes the term public, with the
political cost the scenario gives it.
"""

from __future__ import annotations

from game.engine.model import LEADER, OFFER_KNOWERS, Channel, Offer, Order, Side, Term, long_date, other, put, replace
from game.engine.settlement import announce_duties
from game.engine.turn import Turn, describe_terms

CHANNEL_WORDS = {
    "us": {
        "public": "in public",
        "private": "in a private letter",
        # a private envoy: Robert Kennedy with Dobrynin on 23 and 27 October, but on the evening of 26 October
        # the journalist John Scali with the KGB's "Fomin" (S2), so the log names no one
        "back": "through a private back channel, away from the official letters",
    },
    "ussr": {"public": "on Radio Moscow", "private": "in a private letter", "back": "through Ambassador Dobrynin"},
}


def _terms_text(turn: Turn, terms: tuple[Term, ...], public_only: bool = False) -> str:
    return describe_terms(turn.s.scenario, terms, public_only)


def send_offer(turn: Turn, side: Side, order: Order, channel: Channel) -> None:
    """Queue an offer (or a plain letter) for delivery at the end of this turn."""
    s = turn.s
    offer_id = len(s.offers) + 1
    knowers = s.scenario.friction.knowers.get(channel, 0)
    deadline = s.turn + order.deadline if order.deadline else -1
    offer = Offer(offer_id, side, channel, order.terms, s.turn, deadline, order.reply_to, "open", knowers)
    s.offers = s.offers + (offer,)
    if order.reply_to:
        s.offers = tuple(
            replace(o, status="closed") if o.id == order.reply_to and o.status == "open" else o for o in s.offers
        )
    who, rival = LEADER[side], LEADER[other(side)]
    how = CHANNEL_WORDS[side][channel]
    if not order.terms:
        verb = "speaks to the world" if channel == "public" else f"sends word to {rival}"
        text = f"{who} {verb} {how}, without proposing terms."
        turn.log("letter", text, "public" if channel == "public" else "both")
        return
    terms = _terms_text(turn, order.terms)
    extra = f" An answer is wanted within {order.deadline} turn(s)." if order.deadline else ""
    reply = f" {_answers(s, order.reply_to)}" if order.reply_to else ""
    text = f"Offer {offer_id}: {who} proposes {how}: {terms}.{reply}{extra}"
    turn.log("offer_sent", text, "both")
    if channel == "public":
        turn.log(
            "offer_public",
            f"{who} states publicly the terms on which the crisis could end: {_terms_text(turn, order.terms, True)}.",
            "public",
        )
        for term in order.terms:
            if s.scenario.terms[term.kind].by == side:
                concede_in_public(turn, term.kind)
    turn.set_flag(f"offer_from_{side}", "public" if channel == "public" else side)


def _answers(s: object, offer_id: int) -> str:
    """'It answers Khrushchev's letter of Friday 26 October (message 6).' — the answer named as a reader would."""
    offer = next(o for o in s.offers if o.id == offer_id)  # type: ignore[attr-defined]
    when = long_date(s.scenario.turns[offer.turn].date, year=False)  # type: ignore[attr-defined]
    kind = {"public": "public message", "private": "letter", "back": "private message"}[offer.channel]
    return f"It answers {LEADER[offer.sender]}'s {kind} of {when} (message {offer_id})."


def accept_offer(turn: Turn, side: Side, offer_id: int, channel: Channel) -> None:
    """Accept an open offer from the other side: its terms become the agreement."""
    s = turn.s
    offer = next(o for o in s.offers if o.id == offer_id)
    who = LEADER[side]
    if s.agreement is not None or offer.status != "open":
        turn.log("accept_too_late", f"{who}'s acceptance of offer {offer_id} comes too late to matter.", side)
        return
    s.agreement = offer.terms
    s.agreement_turn = s.turn
    s.offers = tuple(
        replace(o, status="accepted" if o.id == offer_id else "closed") if o.status == "open" else o for o in s.offers
    )
    turn.log("offer_accepted", f"{who} accepts offer {offer_id}: {_terms_text(turn, offer.terms)}.", "both")
    how = "in a broadcast" if channel == "public" else "and both governments announce it"
    turn.log(
        "agreement",
        f"The crisis is settled: {who} accepts {how}. Public terms: {_terms_text(turn, offer.terms, True)}.",
        "public",
    )
    turn.set_flag("agreement")
    announce_duties(turn)
    for term in offer.terms:
        if term.secret:
            turn.set_flag(f"term_{term.kind}", "us")
            turn.set_flag(f"term_{term.kind}", "ussr")
        else:
            turn.set_flag(f"term_{term.kind}")
            concede_in_public(turn, term.kind)


def concede_in_public(turn: Turn, kind: str) -> None:
    """A concession said in public costs its side once: when first offered in public or agreed in public."""
    flag = f"conceded_{kind}"
    if turn.s.has_flag(flag, None):
        return
    turn.set_flag(flag)
    for key, delta in turn.s.scenario.terms[kind].public_meters.items():
        turn.meter(key, delta)


def reject_offer(turn: Turn, side: Side, offer_id: int) -> None:
    s = turn.s
    s.offers = tuple(replace(o, status="rejected") if o.id == offer_id and o.status == "open" else o for o in s.offers)
    turn.log("offer_rejected", f"{LEADER[side]} rejects offer {offer_id}.", "both")
    turn.set_flag(f"rejected_by_{side}", "us")
    turn.set_flag(f"rejected_by_{side}", "ussr")


def expire_deadlines(turn: Turn) -> None:
    """Open offers whose deadline ends with this turn expire."""
    s = turn.s
    expired = [o for o in s.offers if o.status == "open" and o.deadline_turn == s.turn]
    if not expired:
        return
    ids = {o.id for o in expired}
    s.offers = tuple(replace(o, status="expired") if o.id in ids else o for o in s.offers)
    for offer in expired:
        turn.log("deadline_passed", f"The deadline of offer {offer.id} passes without an answer.", "both")
        turn.set_flag(f"deadline_passed_{offer.sender}", "us")
        turn.set_flag(f"deadline_passed_{offer.sender}", "ussr")
        if offer.sender == "us":
            turn.meter("us.hawks", 10)  # an ultimatum ignored strengthens those who want force
        else:
            turn.meter("ussr.prestige", -5)


def leak_secrets(turn: Turn) -> None:
    """Each secret term of an open or accepted offer may leak (see the module docstring)."""
    s = turn.s
    fr = s.scenario.friction
    leaked_kinds = None
    changed = False
    offers = []
    for offer in s.offers:
        if offer.status in ("open", "accepted") and offer.terms and _has_secret(offer.terms):
            if leaked_kinds is None:
                leaked_kinds = {k for k, _ in s.leaked}
            for term in offer.terms:
                if not term.secret or term.kind in leaked_kinds:
                    continue
                p = 1.0 - (1.0 - fr.leak_per_knower) ** offer.knowers
                if turn.dice.chance(p):
                    leaked_kinds.add(term.kind)
                    _leak(turn, term, offer)
            offer = put(offer, OFFER_KNOWERS, offer.knowers + fr.knowers_growth)
            changed = True
        offers.append(offer)
    if changed:
        s.offers = tuple(offers)


def _has_secret(terms: tuple[Term, ...]) -> bool:
    for term in terms:  # noqa: SIM110 - no generator: this runs for every offer, every turn
        if term.secret:
            return True
    return False


def _leak(turn: Turn, term: Term, offer: Offer) -> None:
    s = turn.s
    tdef = s.scenario.terms[term.kind]
    s.leaked = s.leaked + ((term.kind, s.turn),)
    agreed = offer.status == "accepted"
    if agreed or offer.sender == tdef.by:
        turn.log(
            "secret_leaked",
            f"A secret leaks to the press: {tdef.label}, {'agreed' if agreed else 'offered'} "
            f"in private by {LEADER[tdef.by]}, is reported in the newspapers.",
            "public",
        )
        for key, delta in tdef.leak_meters.items():  # the cost falls on the side that conceded it
            turn.meter(key, delta)
    else:
        turn.log(
            "secret_leaked",
            f"A secret leaks to the press: {LEADER[offer.sender]} asked in private that "
            f"{tdef.label}. Nothing was conceded.",
            "public",
        )
    turn.set_flag(f"leaked_{term.kind}")
