"""What happens each turn whatever the leaders order: building, sailing, Castro, intelligence.

Rates come from the scenario's ``[rules]`` and are per day, scaled by the
turn's length (half a day on 26–28 October, a week in the aftermath).
"""

from __future__ import annotations

from game.engine.atsea import CONTRABAND
from game.engine.limits import clamp
from game.engine.model import (
    CARGO_WORDS,
    SHIP_DISTANCE,
    SITE_READINESS,
    UNDER_WAY,
    VOYAGE_OVER,
    ShipOrder,
    ShipStatus,
    put,
    replace,
)
from game.engine.settlement import open_duties
from game.engine.turn import Turn

# What a ship does once Moscow's radioed order reaches it.
RADIOED: dict[ShipOrder, ShipStatus] = {"turn_back": "returning", "halt": "halted", "run": "sailing", "go": "sailing"}


def build_sites(turn: Turn, days: float) -> None:
    """Sites under construction gain readiness; intermediate-range ones need their missiles first."""
    s = turn.s
    rules = s.scenario.rules.construction
    rate = rules.per_day * days
    if s.has_flag("construction_accelerated", "ussr"):
        rate *= rules.accelerate
    cap_irbm = 100.0 if s.irbm_missiles else rules.irbm_cap_without_missiles
    sites = list(s.sites)
    changed = False
    for i, site in enumerate(sites):
        if site.status != "building":
            continue
        cap = cap_irbm if site.kind == "irbm" else 100.0
        if site.readiness >= cap:
            continue
        # intermediate-range sites are bigger works and go up at half the pace
        new = min(cap, site.readiness + (rate * 0.5 if site.kind == "irbm" else rate))
        if new >= 100.0:
            turn.log("site_operational", f"{site.name} is ready to fire.", "ussr")
        sites[i] = put(site, SITE_READINESS, new)
        changed = True
    if changed:
        s.sites = tuple(sites)


def move_ships(turn: Turn, days: float) -> None:
    """Carry out radioed orders, then sail; the line stops ships while the quarantine holds."""
    s = turn.s
    in_force = s.quarantine == "in_force"
    running = s.has_flag("run_the_line", "ussr")
    line = float(s.line_nm)
    going_home = s.has_flag("term_withdraw_missiles", None)  # weapons are no longer sent to a deal's island
    ships = []
    for sh in s.ships:
        if going_home and sh.cargo in CONTRABAND and sh.status in UNDER_WAY:
            _announce_turn(turn, sh.name, "returning")
            sh = replace(sh, status="returning", pending="")
        if sh.pending and sh.ordered < s.turn:
            status = RADIOED[sh.pending]
            if status != sh.status and sh.status not in VOYAGE_OVER:
                _announce_turn(turn, sh.name, status)
                sh = replace(sh, status=status, pending="")
            else:
                sh = replace(sh, pending="")
        step = sh.speed * days
        if sh.status == "sailing":
            new = sh.distance - step
            if in_force and not sh.cleared and sh.distance > line >= new:
                if running:
                    turn.log("line_run", f"The {sh.name} crosses the quarantine line without stopping.", "public")
                    turn.set_flag("line_run")
                    turn.set_flag("line_crossed")  # kept: the hawks answer it next turn
                else:
                    turn.log(
                        "ship_held",
                        f"The {sh.name} comes up to the quarantine line, where American "
                        "destroyers shadow it: it may not go on until it has been hailed.",
                        "public",
                    )
                    sh = replace(sh, status="held", distance=line)
                    ships.append(sh)
                    continue
            if new <= 0:
                sh = replace(sh, status="arrived", distance=0.0)
                _arrive(turn, sh)
            else:
                sh = put(sh, SHIP_DISTANCE, new)
        elif sh.status == "returning" and sh.distance < 4000.0:
            sh = put(sh, SHIP_DISTANCE, min(4000.0, sh.distance + step))
        ships.append(sh)
    s.ships = tuple(ships)
    subs = []
    for sub in s.subs:
        if sub.status == "escorting":
            target = line + 50.0
            delta = max(-step_for(sub.distance, target, 300.0 * days), -abs(sub.distance - target))
            sub = replace(sub, distance=max(target, sub.distance + delta))
        elif sub.status == "withdrawn" and sub.distance < 4000.0:
            sub = replace(sub, distance=min(4000.0, sub.distance + 300.0 * days))
        subs.append(sub)
    s.subs = tuple(subs)


def step_for(distance: float, target: float, step: float) -> float:
    """How far a submarine closes on its station this turn."""
    return min(step, max(0.0, distance - target))


def _announce_turn(turn: Turn, name: str, status: ShipStatus) -> None:
    if status == "returning":
        turn.log("ship_turns_back", f"The {name} reverses course, away from Cuba.", "public")
    elif status == "halted":
        turn.log("ship_halts", f"The {name} stops dead in the water, short of the line.", "public")
    else:
        turn.log("ship_sails", f"The {name} gets under way again toward Cuba.", "public")


def _arrive(turn: Turn, ship: object) -> None:
    s = turn.s
    cargo = getattr(ship, "cargo", "")
    name = getattr(ship, "name", "")
    turn.log("ship_arrives", f"The {name} reaches a Cuban port.", "public")
    turn.log("ship_unloads", f"The {name} unloads its {CARGO_WORDS.get(cargo, cargo)}.", "ussr")
    if cargo == "missiles":
        s.irbm_missiles = True
    sid = getattr(ship, "id", "")
    landed = next((x.tactical for x in s.scenario.ships if x.id == sid), 0)
    if landed:  # a cargo of tactical warheads: the Aleksandrovsk's 44 cruise-missile warheads (S23, S24, S25)
        s.tactical += landed


def pressures(turn: Turn, days: float) -> None:
    """While the crisis is open, each missile Washington believes ready strengthens the hawks;
    once an agreement holds, the invasion force disperses."""
    s = turn.s
    forces = s.scenario.rules.forces
    if s.agreement is None:
        if s.has_flag("crisis_public", None):
            turn.meter("us.hawks", forces.hawks_per_launcher_day * s.est_launchers * days)
    elif s.invasion_prep > 0 and not s.invaded and not any(d.by == "ussr" for d in open_duties(s)):
        # the force disperses once Moscow has done what it promised; troops ashore stay until withdrawn
        s.invasion_prep = max(0.0, s.invasion_prep - forces.prep_decay_settled * days)


def update_castro(turn: Turn, days: float) -> None:
    """Castro's alarm follows the pressure on Cuba, and eases once the crisis is settled."""
    s = turn.s
    c = s.scenario.rules.castro
    delta = c.per_day
    if s.quarantine == "in_force":
        delta += c.quarantine_per_day
    delta += c.prep_per_day * s.invasion_prep / 100.0
    if s.agreement is not None:
        delta -= c.settled_per_day
    turn.castro(delta * days)


def update_intelligence(turn: Turn, days: float) -> None:
    """Each side's estimate of what it cannot see; reconnaissance narrows the US one."""
    s = turn.s
    intel = s.scenario.rules.intel
    flags = s.flagset("us")
    if "lowlevel_flown" in flags:
        s.est_sigma = max(intel.sigma_min, s.est_sigma * intel.low_factor)
    elif "u2_flown" in flags:
        s.est_sigma = max(intel.sigma_min, s.est_sigma * intel.high_factor)
    else:
        s.est_sigma = min(intel.sigma_max, s.est_sigma + intel.sigma_growth * days)
    s.est_launchers = max(0, round(s.launchers + turn.dice.normal() * s.est_sigma))
    if "u2_flown" in flags or "lowlevel_flown" in flags:
        s.site_intel = s.sites  # the photographs: the sites as they are now (the view rounds them)
    prep = s.invasion_prep + turn.dice.normal() * intel.invasion_sigma
    s.est_invasion = int(clamp(round(prep)))
