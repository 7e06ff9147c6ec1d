"""Friction: the chance each turn that events slip out of both leaders' hands.

The incident probability of a turn is (coefficients from the scenario's
``[friction]`` table)::

    p = base
      + per_rung    * max(0, rung - 2)           # every rung above public confrontation
      + per_defcon  * (5 - DEFCON)               # US readiness
      + per_alert   * Soviet alert (0, 1, 2)
      + castro      * Castro's alarm / 100
      + local_authority                          # if Moscow let local commanders decide
      + held_ship   * ships stopped at the line  # while the quarantine is in force
      + sub_near_line * submarines near the line # while the quarantine is in force
      + the risk of each order given this turn (reconnaissance, boarding, strikes…)
    p = min(cap, p), then times ``settled`` once an agreement holds.

When the draw falls under ``p``, one incident is picked, weighted, among those
of the scenario whose conditions hold now. With *historical* friction nothing
is drawn: the scenario's dated incidents (27 October) happen on their day if
their conditions hold. The same formula, fed a player's view, gives the risk
gauge that side is shown: it knows its own readiness and only what the other
side has made public.
"""

from __future__ import annotations

from typing import Any

from game.engine.turn import Turn


def incident_probability(facts: Any, order_risk: float = 0.0) -> float:
    """The formula of the module docstring over a state (the truth) or a view (one side's estimate)."""
    fr = facts.scenario.friction
    p = fr.base + fr.per_rung * max(0, facts.rung - 2) + fr.per_defcon * (5 - facts.defcon)
    p += fr.per_alert * facts.alert + fr.castro * facts.castro_alarm / 100.0
    if facts.local_authority:
        p += fr.local_authority
    if facts.quarantine == "in_force":
        line = facts.line_nm
        p += fr.held_ship * sum(1 for sh in facts.ships if sh.status == "held")
        p += fr.sub_near_line * sum(
            1 for sub in facts.subs if sub.status in ("patrol", "escorting") and abs(sub.distance - line) <= 250
        )
    p = min(fr.cap, p + order_risk)
    if facts.agreement is not None:
        p *= fr.settled
    return p


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
    if turn.dice.random() >= p:
        return p
    eligible = [inc for inc in incidents if inc.weight > 0 and inc.when(s, None)]
    if eligible:
        fire_incident(turn, eligible[turn.dice.pick([inc.weight for inc in eligible])])
    return p


def fire_incident(turn: Turn, inc: Any) -> None:
    turn.apply_effects(inc.effects)
    turn.incidents.append(inc.id)
    turn.log(f"incident_{inc.id}", inc.text, inc.visibility)
    if inc.secret_text:
        turn.log(f"incident_{inc.id}_secret", inc.secret_text, inc.secret_to)
