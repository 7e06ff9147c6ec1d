"""What each kind of order does. A scenario's order names one of these handlers.

Each handler has a ``targets`` function (the legal targets in a player's view:
ships, submarines or offers; ``("",)`` where the order takes none) and a
``resolve`` function that changes the turn's new state. The order's plain
effects (rung, meters, flags) are applied by ``resolve.py`` before the handler
runs, and its log line after, so a handler does only what is particular to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.engine.atsea import CONTRABAND, boarded, disabled, hailed, subs_sent, surfaced, with_ship
from game.engine.limits import subs_near_line
from game.engine.model import CARGO_WORDS, LEADER, OPERATING, UNDER_WAY, Order, Ship, Side, Site, other, replace
from game.engine.negotiation import accept_offer, reject_offer, send_offer
from game.engine.scenario_types import OrderDef
from game.engine.turn import Turn

NO_TARGET = ("",)


def _none(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    """Only the order's declared effects."""


def _no_targets(view: Any, odef: OrderDef) -> tuple[str, ...]:
    return NO_TARGET


# -- United States --


def _recon(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    level = odef.params.level
    turn.set_flag("u2_flown" if level == "high" else "lowlevel_flown", "us")
    if level == "low":
        turn.castro(turn.s.scenario.rules.castro.low_level)


def _quarantine(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    s = turn.s
    status = odef.params.status
    if status == "proclaimed":
        s.quarantine = "proclaimed"
        s.quarantine_turn = s.turn
    elif status == "lifted":
        s.quarantine = "lifted"
        s.tightened = False
        s.ships = tuple(replace(sh, status="sailing") if sh.status == "held" else sh for sh in s.ships)


def _line(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    turn.s.line_nm = odef.params.nm


def _tighten(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    turn.s.tightened = True


DEFCON_WORDS = {
    1: "US forces go to DEFCON 1: war is expected at any moment.",
    2: "Strategic Air Command goes to DEFCON 2, ready to strike within minutes, and sends the order in the clear, "
    "where Moscow can hear it. The other forces stay at DEFCON 3.",
    3: "US forces go to DEFCON 3: readiness is raised worldwide and the bombers are dispersed.",
    4: "US forces come down to DEFCON 4, a heightened watch.",
    5: "US forces return to DEFCON 5, peacetime readiness.",
}
# Coming down a step reads differently from going up to it.
DEFCON_DOWN_WORDS = {
    2: "US forces come down from DEFCON 1; Strategic Air Command stays at DEFCON 2, the other forces at DEFCON 3.",
    3: "Strategic Air Command comes down from DEFCON 2 to DEFCON 3, where the other US forces already stand.",
}


def _defcon(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    s = turn.s
    s.defcon = min(5, max(1, s.defcon - odef.params.raise_))
    public = odef.params.public
    if public:
        s.defcon_public = s.defcon
    text = DEFCON_WORDS[s.defcon] if public else f"Without announcing it, US forces are brought to DEFCON {s.defcon}."
    if public and odef.params.raise_ < 0 and s.defcon in DEFCON_DOWN_WORDS:
        text = DEFCON_DOWN_WORDS[s.defcon]
    turn.log("defcon_level", text, "public" if public else "us")


def _alert(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    s = turn.s
    s.alert = min(2, max(0, s.alert + odef.params.raise_))
    if odef.params.public:
        s.alert_public = s.alert


def _strike(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    s = turn.s
    aim = odef.params.aim
    if aim == "sams":
        s.sams = 0
        return
    kill = odef.params.kill
    sites = []
    for site in s.sites:
        if site.status in OPERATING and turn.dice.chance(kill):
            site = replace(site, status="struck", readiness=0.0)
        sites.append(site)
    s.sites = tuple(sites)
    s.bombers = max(0, s.bombers - s.bombers // 2)
    _damage_assessment(turn)


def _damage_assessment(turn: Turn) -> None:
    """The strike's own photographs: the sites as they now stand, and how sure anyone can be."""
    s = turn.s
    s.site_intel = s.sites
    hit = sum(1 for x in s.sites if x.status == "struck")
    left = sum(x.launchers for x in s.sites if x.kind == "mrbm" and x.status in OPERATING)
    s.est_launchers = left
    s.est_sigma = max(s.est_sigma, 2.0)
    turn.log(
        "damage_assessment",
        f"Bomb damage assessment: {hit} of {len(s.sites)} missile sites appear destroyed. "
        f"Photographs suggest {left} medium-range launchers may survive, give or take a few: missiles can "
        "be hidden, and damage repaired.",
        "us",
    )


def _invade(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    turn.s.invaded = True


def _stand_down(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    """The invasion force disperses; troops already ashore come home."""
    s = turn.s
    s.invasion_prep = max(0.0, s.invasion_prep - odef.params.prep)
    if s.invaded:
        s.invaded = False
        turn.clear_flags(("beachhead", "invasion_holds"))
        turn.log("troops_withdrawn", "American troops re-embark and leave the Cuban beaches.", "public")


def _held_or_inside(view: Any, odef: OrderDef) -> tuple[str, ...]:
    """Ships stopped at the line, or inside it without clearance, while the quarantine holds."""
    if view.quarantine != "in_force":
        return ()
    return tuple(
        sh.id
        for sh in view.ships
        if sh.status == "held" or (sh.status == "sailing" and not sh.cleared and sh.distance < view.line_nm)
    )


def _ship(turn: Turn, ship_id: str) -> Ship:
    return next(sh for sh in turn.s.ships if sh.id == ship_id)


def _hail(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    s = turn.s
    ship = _ship(turn, order.target)
    through = hailed(ship, s.tightened)
    if through is None:
        turn.log("hail_refused", f"The {ship.name} will not accept the hail and stays at the line.", "public")
        turn.set_flag("hail_refused", "us")
        return
    s.ships = with_ship(s.ships, through)
    turn.set_flag("hailed_through")
    turn.log(
        "hail_cleared",
        f"The {ship.name} answers the hail, declares a cargo that is not on the list "
        "of contraband, and is let through.",
        "public",
    )


def _board(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    s = turn.s
    ship = _ship(turn, order.target)
    _escorted(turn, ship)
    after = boarded(ship, s.tightened)
    s.ships = with_ship(s.ships, after)
    if after.status == "diverted":
        turn.log(
            "board_contraband",
            f"A boarding party finds {CARGO_WORDS[ship.cargo]} aboard the {ship.name}; it is escorted away from Cuba.",
            "public",
        )
        turn.meter("ussr.prestige", -8)
        turn.meter("us.domestic", 4)
        turn.set_flag("contraband_seized")
        return
    turn.log(
        "board_clean",
        f"A boarding party inspects the {ship.name}: {CARGO_WORDS[ship.cargo]}, nothing on "
        "the contraband list. It sails on.",
        "public",
    )


def _disable(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    ship = _ship(turn, order.target)
    _escorted(turn, ship)
    turn.s.ships = with_ship(turn.s.ships, disabled(ship))
    turn.set_flag("ship_fired_on")


def _subs_near(view: Any, odef: OrderDef) -> tuple[str, ...]:
    if view.quarantine != "in_force":
        return ()
    return tuple(sub.id for sub in subs_near_line(view))


def _signal_sub(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    turn.s.subs = surfaced(turn.s.subs, order.target)
    turn.set_flag("sub_signalled", "us")


# -- Soviet Union --


def _construction(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    s = turn.s
    mode = odef.params.mode
    turn.clear_flag("construction_accelerated")
    if mode == "halt":
        s.sites = tuple(replace(x, status="halted") if x.status == "building" else x for x in s.sites)
    else:
        s.sites = tuple(replace(x, status="building") if x.status == "halted" else x for x in s.sites)
        if mode == "accelerate":
            turn.set_flag("construction_accelerated", "ussr")


def _ships(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    """Radio the ships; they act on it at the next movement (they are days out at sea)."""
    s = turn.s
    mode = odef.params.mode
    ships = []
    for sh in s.ships:
        if sh.status in UNDER_WAY and (mode != "turn_back" or sh.cargo in CONTRABAND):
            sh = replace(sh, pending=mode, ordered=s.turn)
        ships.append(sh)
    s.ships = tuple(ships)
    turn.clear_flag("run_the_line")
    if mode == "run":
        turn.set_flag("run_the_line", "ussr")


def _subs(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    """Send the submarines to shadow the weapons ships still at sea, or pull them all back."""
    s = turn.s
    s.subs, s.ships = subs_sent(s.subs, s.ships, odef.params.mode == "escort")


def _escorted(turn: Turn, ship: Any) -> None:
    """Stopping a ship a submarine is shadowing is more dangerous than stopping one alone."""
    if ship.escort and any(sub.id == ship.escort and sub.status == "escorting" for sub in turn.s.subs):
        turn.risk += turn.s.scenario.friction.escorted_ship
        turn.log("escort_detected", f"Sonar picks up a submarine close to the {ship.name}.", "public")


def _delegate(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    turn.s.local_authority = odef.params.local


def _dismantle(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    s = turn.s
    s.sites = tuple(replace(x, status="dismantled", readiness=0.0) if x.status != "struck" else x for x in s.sites)
    s.site_intel = s.sites  # dismantling is done in the open


def _remove_bombers(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    turn.s.bombers = 0


def _tactical_out(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    turn.s.tactical = 0
    turn.s.local_authority = False


# -- letters and offers --


def _offer(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    send_offer(turn, side, order, odef.params.channel)


def _open_offers(view: Any, odef: OrderDef) -> tuple[str, ...]:
    rival = other(view.side)
    return tuple(str(o.id) for o in view.offers if o.status == "open" and o.sender == rival and o.terms)


def _accept(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    accept_offer(turn, side, int(order.target), odef.params.channel)


def _reject(turn: Turn, side: Side, order: Order, odef: OrderDef) -> None:
    reject_offer(turn, side, int(order.target))


Resolve = Callable[[Turn, Side, Order, OrderDef], None]
Targets = Callable[[Any, OrderDef], tuple[str, ...]]

HANDLERS: dict[str, tuple[Targets, Resolve, frozenset[str], frozenset[str]]] = {
    # name: (targets, resolve, required params, optional params)
    "none": (_no_targets, _none, frozenset(), frozenset()),
    "recon": (_no_targets, _recon, frozenset({"level"}), frozenset()),
    "quarantine": (_no_targets, _quarantine, frozenset({"status"}), frozenset()),
    "line": (_no_targets, _line, frozenset({"nm"}), frozenset()),
    "tighten": (_no_targets, _tighten, frozenset(), frozenset()),
    "defcon": (_no_targets, _defcon, frozenset({"raise"}), frozenset({"public"})),
    "alert": (_no_targets, _alert, frozenset({"raise"}), frozenset({"public"})),
    "strike": (_no_targets, _strike, frozenset({"aim"}), frozenset({"kill"})),
    "invade": (_no_targets, _invade, frozenset(), frozenset()),
    "stand_down": (_no_targets, _stand_down, frozenset({"prep"}), frozenset()),
    "hail": (_held_or_inside, _hail, frozenset(), frozenset()),
    "board": (_held_or_inside, _board, frozenset(), frozenset()),
    "disable": (_held_or_inside, _disable, frozenset(), frozenset()),
    "signal_sub": (_subs_near, _signal_sub, frozenset(), frozenset()),
    "construction": (_no_targets, _construction, frozenset({"mode"}), frozenset()),
    "ships": (_no_targets, _ships, frozenset({"mode"}), frozenset()),
    "subs": (_no_targets, _subs, frozenset({"mode"}), frozenset()),
    "delegate": (_no_targets, _delegate, frozenset({"local"}), frozenset()),
    "dismantle": (_no_targets, _dismantle, frozenset(), frozenset()),
    "remove_bombers": (_no_targets, _remove_bombers, frozenset(), frozenset()),
    "tactical_out": (_no_targets, _tactical_out, frozenset(), frozenset()),
    "offer": (_no_targets, _offer, frozenset({"channel"}), frozenset()),
    "accept": (_open_offers, _accept, frozenset(), frozenset({"channel"})),
    "reject": (_open_offers, _reject, frozenset(), frozenset()),
}

TARGET_KIND = {
    "hail": "ship",
    "board": "ship",
    "disable": "ship",
    "signal_sub": "sub",
    "accept": "offer",
    "reject": "offer",
}


def site_as_seen(site: Site) -> Site:
    """A site as a reconnaissance photograph shows it: readiness to the nearest ten."""
    return replace(site, readiness=float(round(site.readiness / 10.0) * 10))


__all__ = ["HANDLERS", "TARGET_KIND", "LEADER", "site_as_seen"]
