"""How a leader weighs his position: the pressure he is under, and what an offer is worth to him.

Both read only the leader's own view. Pressure is the sum of what the record
says pushed each man toward a deal; an offer is worth what its terms give him
less what they cost him (a term kept secret costs its side half its value, and
a concession said in public costs it more, in face and with allies). A doctrine
rule with a ``reserve`` accepts when worth plus pressure reaches it, so the same
terms can be refused on 17 October and taken on 28.

Khrushchev (sources in the doctrine files): the quarantine in force; the
invasion force Moscow believed was gathering; the ladder at strategic alert and
above; Strategic Air Command at DEFCON 2; bombs on the sites, shots at sea, a
U-2 shot down that Moscow had not ordered; an American deadline; world opinion
turning. Kennedy: the missiles believed ready; the ladder; an incident that
nobody ordered; Berlin squeezed; a Soviet alert; the allies' nerves; the hawks' impatience.
"""

from __future__ import annotations

import zlib
from typing import Any

from game.engine.model import Offer, other

# What each incident or act weighed on the side that suffered it (flag -> weight).
USSR_SHOCKS = {
    "sams_struck": 1.5,
    "missiles_struck": 2.5,
    "nuclear_used": 3.0,
    "u2_shot_down": 1.0,
    "sub_surfaced": 0.5,
    "contraband_seized": 0.5,
    "ship_fired_on": 1.0,
    "lowlevel_fired": 0.5,
    "ground_combat": 1.5,
    "u2_strayed": 0.5,
}
US_SHOCKS = {
    "u2_shot_down": 1.0,
    "lowlevel_fired": 0.5,
    "nuclear_used": 3.0,
    "berlin_pressed": 1.0,
    "ground_combat": 1.5,
    "u2_strayed": 0.5,
    "sub_surfaced": 0.3,
}
PUBLIC_CONCESSION = 0.5  # a concession said in public costs this much of its value again, in face
SECRET_FACTOR = 0.5  # a secret term is worth half: it buys no prestige
UNDEFENDED = 2.0  # what taking the missiles out without a pledge for Cuba costs Moscow besides


def pressure(view: Any) -> float:
    """The pressure the view's side is under to settle (0 when nothing presses him)."""
    return _ussr_pressure(view) if view.side == "ussr" else _us_pressure(view)


def _ladder(view: Any) -> float:
    return max(0.0, float(view.rung) - 4.0)  # strategic alert and beyond: each rung presses harder


def _ussr_pressure(view: Any) -> float:
    p = {"in_force": 2.0, "proclaimed": 1.0}.get(view.quarantine, 0.0)
    p += 3.0 * max(0.0, view.invasion_prep - 30.0) / 70.0  # the invasion force Moscow sees gathering
    p += _ladder(view)
    if view.defcon <= 2:
        p += 1.0
    p += sum(w for flag, w in USSR_SHOCKS.items() if flag in view.flags)
    p += 1.5 if _deadline_on(view) else 0.0
    p += max(0.0, 55.0 - view.meter(None, "ussr.world")) / 20.0
    return float(p)


def _us_pressure(view: Any) -> float:
    p = 2.0 * min(view.launchers, 24) / 24.0 if "crisis_public" in view.flags else 0.0
    p += _ladder(view)
    if view.alert >= 1:
        p += 0.5
    p += sum(w for flag, w in US_SHOCKS.items() if flag in view.flags)
    p += 1.0 if _deadline_on(view) else 0.0
    p += max(0.0, 50.0 - view.meter(None, "us.allies")) / 20.0
    p += max(0.0, view.meter(None, "us.hawks") - 50.0) / 20.0  # the Chiefs and the hawks want it settled
    return float(p)


def _deadline_on(view: Any) -> bool:
    """An open offer from the other side with a deadline that has not passed."""
    rival = other(view.side)
    return any(o.status == "open" and o.sender == rival and o.deadline_turn >= view.turn for o in view.offers)


def worth(view: Any, offer: Offer) -> float:
    """What accepting ``offer`` is worth to the view's side: terms received less terms conceded."""
    defs = view.scenario.terms
    value = 0.0
    for term in offer.terms:
        tdef = defs[term.kind]
        v = tdef.value * (SECRET_FACTOR if term.secret else 1.0)
        if tdef.by == view.side:
            already = f"conceded_{term.kind}" in view.flags
            v += 0.0 if term.secret or already else tdef.value * PUBLIC_CONCESSION * bool(tdef.public_meters)
            value -= v
        else:
            value += v
    kinds = {term.kind for term in offer.terms}
    if view.side == "ussr" and "withdraw_missiles" in kinds and "no_invasion" not in kinds:
        value -= UNDEFENDED  # the missiles were there to defend Cuba: gone with no pledge, it is a rout
    return value


def roll(view: Any, key: str) -> float:
    """A die for a choice the record shows a leader torn over, in [0, 1).

    Keyed by the game's seed, the turn, the side and the rule, so a game replays
    exactly and a fixed plan meets a different reply from one seed to the next.
    """
    return zlib.crc32(f"{view.seed}/{view.turn}/{view.side}/{key}".encode()) / 4294967296.0
