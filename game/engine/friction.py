"""Friction: the chance each turn that events slip out of both leaders' hands.

The chance of an incident per day is (coefficients from the scenario's
``[friction]`` table)::

    d = base
      + per_rung    * 2 ** (rung - 3)            # from rung 3 up: each rung doubles it
      + per_defcon  * max(0, 4 - DEFCON)         # US readiness above the peacetime level
      + per_alert   * Soviet alert (0, 1, 2)
      + castro      * Castro's alarm / 100
      + local_authority                          # if Moscow let local commanders decide
      + held_ship   * ships stopped at the line  # while the quarantine is in force
      + sub_near_line * submarines near the line # while the quarantine is in force
      + the risk of each order given this turn (reconnaissance, boarding, strikes…)
      + escorted_ship for each ship stopped while a submarine shadows it
    d = min(cap, d), then times ``settled`` once an agreement holds;
    p = 1 - (1 - d) ** days                      # a turn of half a day, or of a week

The doubling is the heart of brinkmanship: at the top of the ladder events
slip out of control faster than anyone can negotiate.

When the draw falls under ``p``, one incident is picked, weighted, among those
of the scenario whose conditions hold now. If it leaves the ladder at
``spiral_from`` or higher, the turn is drawn again at the new rung (at most
``max_incidents`` incidents a turn): high on the ladder one thing leads to
another before anyone can stop it. With *historical* friction nothing
is drawn: the scenario's dated incidents (27 October) happen on their day if
their conditions hold. The same formula, fed a player's view, gives the risk
gauge that side is shown: it knows its own readiness and only what the other
side has made public.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.atsea import boarded, disabled, hailed, subs_sent, surfaced, with_ship
from game.engine.limits import clamp, subs_near_line
from game.engine.model import PHASES, Order, Ship, Submarine, Term
from game.engine.scenario_types import IncidentDef, OrderDef, Scenario
from game.engine.turn import MAX_RUNG, Turn, repeat_scale
from game.engine.view import PlayerView


def incident_probability(facts: Any, order_risk: float = 0.0) -> float:
    """The formula of the module docstring over a state (the truth) or a view (one side's estimate)."""
    fr = facts.scenario.friction
    p = fr.base + fr.per_defcon * max(0, 4 - facts.defcon)
    if facts.rung >= 3:
        p += fr.per_rung * 2.0 ** (facts.rung - 3)
    p += fr.per_alert * facts.alert + fr.castro * facts.castro_alarm / 100.0
    if facts.local_authority:
        p += fr.local_authority
    if facts.quarantine == "in_force":
        held = 0
        for sh in facts.ships:
            if sh.status == "held":
                held += 1
        p += fr.held_ship * held
        p += fr.sub_near_line * len(subs_near_line(facts))
    p = min(fr.cap, p + order_risk)
    if facts.agreement is not None:
        p *= fr.settled
    days = facts.scenario.turns[facts.turn].days
    return float(p if days == 1.0 else 1.0 - (1.0 - p) ** days)


@dataclass(slots=True)
class _Posture:
    """The facts the formula reads, as a side's view shows them, changed by the orders it plans."""

    scenario: Scenario
    turn: int
    rung: int
    defcon: int
    alert: int
    castro_alarm: float
    local_authority: bool
    quarantine: str
    line_nm: int
    ships: tuple[Ship, ...]
    subs: tuple[Submarine, ...]
    agreement: tuple[Term, ...] | None
    tightened: bool


def forecast_risk(view: PlayerView, orders: tuple[Order, ...] | list[Order]) -> float:
    """The chance of an incident this turn if ``view.side`` gives ``orders``: their own risk, and the
    posture they make (the ladder they climb, readiness, Castro's alarm, an agreement accepted, the ships
    held at the line and the submarines near it).

    The engine draws the turn at that same posture, so for a side that knows every fact the formula
    uses, and an opponent who orders nothing, the figure is the one the turn records.
    """
    facts = _Posture(
        view.scenario,
        view.turn,
        view.rung,
        view.defcon,
        view.alert,
        view.castro_alarm,
        view.local_authority,
        view.quarantine,
        view.line_nm,
        view.ships,
        view.subs,
        view.agreement,
        view.tightened,
    )
    defs = view.scenario.orders
    risk = 0.0
    log = view.log
    for order in sorted(orders, key=lambda o: PHASES.index(defs[o.kind].phase)):  # as the engine resolves them
        odef = defs[order.kind]
        risk += odef.risk + _posture_after(facts, odef, order, repeat_scale(odef, log))
    return incident_probability(facts, risk)


def _posture_after(facts: _Posture, odef: OrderDef, order: Order, scale: float) -> float:
    """Change ``facts`` as ``order`` changes the turn (``scale``: what is left of a repeated order's effect on
    Castro); returns the risk it adds beyond its own."""
    eff = odef.effects
    if eff.rung >= 0 and (eff.rung or eff.rung_min):
        facts.rung = min(MAX_RUNG, max(facts.rung + eff.rung, eff.rung_min, facts.rung))
    elif eff.rung < 0:
        facts.rung = max(0, facts.rung + eff.rung)
    facts.castro_alarm = clamp(facts.castro_alarm + eff.castro_alarm * scale)
    params, handler = odef.params, odef.handler
    if handler == "defcon":
        facts.defcon = min(5, max(1, facts.defcon - params.raise_))
    elif handler == "alert":
        facts.alert = min(2, max(0, facts.alert + params.raise_))
    elif handler == "delegate":
        facts.local_authority = params.local
    elif handler == "tactical_out":  # the warheads leave, and with them the commanders' authority to fire
        facts.local_authority = False
    elif handler == "recon" and params.level == "low":
        facts.castro_alarm = min(100.0, facts.castro_alarm + facts.scenario.rules.castro.low_level)
    elif handler == "accept" and facts.agreement is None:
        facts.agreement = ()
    elif handler == "quarantine" and params.status == "lifted":
        facts.quarantine = "lifted"
    elif handler == "line":
        facts.line_nm = params.nm
    elif handler == "signal_sub":
        facts.subs = surfaced(facts.subs, order.target)
    elif handler == "subs":
        facts.subs, facts.ships = subs_sent(facts.subs, facts.ships, params.mode == "escort")
    elif handler in ("hail", "board", "disable"):
        return _stop_ship(facts, handler, order.target)
    return 0.0


def _stop_ship(facts: _Posture, handler: str, target: str) -> float:
    """A ship hailed, boarded or disabled, as the side knows its cargo; stopping one a submarine shadows is
    riskier (``handlers._escorted``)."""
    ship = next((sh for sh in facts.ships if sh.id == target), None)
    if ship is None:  # no ship named yet: the order's own risk is all a list of orders can show
        return 0.0
    if handler == "hail":
        facts.ships = with_ship(facts.ships, hailed(ship, facts.tightened) or ship)
        return 0.0
    facts.ships = with_ship(facts.ships, boarded(ship, facts.tightened) if handler == "board" else disabled(ship))
    shadowed = ship.escort and any(sub.id == ship.escort and sub.status == "escorting" for sub in facts.subs)
    return facts.scenario.friction.escorted_ship if shadowed else 0.0


def draw_incidents(turn: Turn, order_risk: float) -> float:
    """Draw this turn's incident (or play the dated ones); returns the probability used."""
    s = turn.s
    p = incident_probability(s, order_risk)
    incidents = s.scenario.incidents
    if s.friction == "historical":
        key = (s.date, s.part)
        for inc in incidents:
            if key in inc.historical and inc.when(s, None):
                fire_incident(turn, inc)
        return p
    first = p
    for _ in range(s.scenario.friction.max_incidents):
        if turn.dice.random() >= p:
            break
        eligible = [inc for inc in incidents if inc.weight > 0 and inc.when(s, None)]
        if not eligible:
            break
        fire_incident(turn, eligible[turn.dice.pick([inc.weight for inc in eligible])])
        if s.over or s.rung < s.scenario.friction.spiral_from or s.rung >= 10:
            break
        p = incident_probability(s)
    return first


def fire_incident(turn: Turn, inc: IncidentDef) -> None:
    turn.apply_effects(inc.effects)
    turn.incidents.append(inc.id)
    turn.log(f"incident_{inc.id}", inc.text, inc.visibility)
    if inc.secret_to:  # the loader gives a secret text its reader, and a reader its text
        turn.log(f"incident_{inc.id}_secret", inc.secret_text, inc.secret_to)
