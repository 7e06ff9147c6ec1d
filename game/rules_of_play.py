"""The rules of play that both front ends apply: the terminal (``game.textmode``) and the window (``game.ui``).

Each rule is written once here and worded by each front end in its own way: which orders must be
confirmed before they are sealed (the danger rule), whether the quarantine line is on the sea, which
letters a side has exchanged and which it may answer, which terms a channel may keep secret, what an
offer order carries, what an order adds to the risk, and whose meter a meter is. Nothing here draws,
prints or asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from game.engine.friction import forecast_risk, incident_probability
from game.engine.model import LEADER, Order, Side, Term, other
from game.engine.orders import targets_of
from game.engine.scenario_types import OrderDef, Scenario, TermDef

DANGER_RUNG = 8  # orders that climb to this rung or above must be confirmed
DANGER_RISK = 0.5  # and so must orders that raise the risk of an incident above this
ALERTS = ("normal", "raised", "full")  # the Soviet alert's levels, in words
NOTHING_TO_TARGET = "There is nothing to give that order to now."


class Danger(NamedTuple):
    """Why orders need an "Are you sure?": they climb to ``rung`` (``kind`` "rung"), or make an incident
    this likely (``kind`` "risk")."""

    kind: str
    rung: int
    rung_name: str
    risk: float


def danger(view: Any, orders: Sequence[Order]) -> Danger | None:
    """The reason these orders must be confirmed before they are sealed, or None if they need not be: they
    take the ladder to the brink (rung ``DANGER_RUNG`` or above, higher than now), or they add to the risk
    and make it more than ``DANGER_RISK``."""
    scenario = view.scenario
    top = max((scenario.orders[o.kind].effects.rung_min for o in orders), default=0)
    risk = forecast_risk(view, list(orders))
    added = risk > incident_probability(view) + 1e-9
    if top >= DANGER_RUNG and top > view.rung:
        return Danger("rung", top, scenario.rungs[top].name, risk)
    if added and risk > DANGER_RISK:
        return Danger("risk", top, "", risk)
    return None


def risk_change(view: Any, chosen: Sequence[Order], order: Order) -> tuple[float, float]:
    """The risk of an incident this turn as the side judges it: with the orders chosen, and with ``order`` too."""
    return forecast_risk(view, list(chosen)), forecast_risk(view, [*chosen, order])


def points_spent(scenario: Any, orders: Sequence[Order]) -> int:
    """The action points these orders cost."""
    return sum(scenario.orders[o.kind].cost for o in orders)


def no_target(view: Any, odef: Any) -> bool:
    """Whether the order needs a target and none can be given it now (an order without one has ``("",)``)."""
    return targets_of(view, odef) == ()


def line_drawn(quarantine: str) -> bool:
    """Whether the quarantine line is on the sea: proclaimed, or in force."""
    return quarantine in ("proclaimed", "in_force")


def alert_words(alert: int) -> str:
    return ALERTS[alert]


def meter_label(scenario: Scenario, side: Side, key: str) -> str:
    """A meter's name as the side reads it: its own meters by name, the other side's with its leader's name."""
    label = scenario.meter_labels.get(key, key)
    if not key.startswith(side + "."):
        label = f"{LEADER[other(side)]}: {label.lower()}"
    return label


def letters(view: Any) -> list[Any]:
    """The letters and offers the side has exchanged that carry terms."""
    return [o for o in view.offers if o.terms]


def to_answer(view: Any) -> list[Any]:
    """The other side's offers the side can answer now: open, with terms."""
    return [o for o in view.offers if o.sender != view.side and o.status == "open" and o.terms]


def rival_messages(view: Any) -> list[Any]:
    """The other side's messages, any of which a new letter may answer."""
    return [o for o in view.offers if o.sender != view.side]


def sender_words(offer: Any, side: str) -> str:
    """Who an offer is from, as the side reads it: "from Khrushchev", or "sent by you"."""
    return "from " + LEADER[offer.sender] if offer.sender != side else "sent by you"


def may_keep_secret(tdef: TermDef, channel_order: OrderDef) -> bool:
    """Whether a term may be kept secret in an offer sent through this channel (never in public)."""
    return tdef.may_be_secret and channel_order.params.channel != "public"


def offer_order(odef: Any, terms: Sequence[Term], deadline: int, reply: int) -> Order:
    """The order that sends an offer: a letter without terms has no deadline."""
    return Order(odef.id, "", tuple(terms), deadline if terms else 0, reply)
