"""``apply(state, orders)``: one turn of the game, resolved in a fixed, documented order.

1. Both sides' orders are checked against their own views (``IllegalOrders``).
2. Orders resolve by phase — diplomacy, then movement, then force — the US's
   before the USSR's within a phase. Each order applies its declared effects,
   its handler, then writes its log line. An order that an agreement reached
   earlier in the turn forbids is void (``settlement.py``).
3. Friction: the incident probability of the posture the orders have made is
   computed and drawn (``friction.py``): the same figure the risk preview
   shows a side that knows every fact it uses.
4. The world moves: missile sites are built, ships sail (the quarantine line
   stops them), the hawks grow with the missiles believed ready (a settled
   crisis lets the invasion force disperse instead), Castro's
   alarm follows the pressure, each side's estimates are redrawn.
5. Secret terms may leak; deadlines pass.
6. The rung settles: with no escalation this turn it falls one step toward the
   floor that the forces' posture sets.
7. The end is checked (nuclear war, settlement, capitulation, the last turn);
   an agreement whose duty is past its deadline breaks down, and one whose
   duties are all done ends the game. The scenario's events of the evening fire.
8. Dawn of the next turn: the quarantine comes into force when due, and the
   scenario's dated events whose conditions hold fire.

The input state is never changed; every draw is recorded in ``state.draws``.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import chain
from typing import cast

from game.engine.friction import draw_incidents
from game.engine.handlers import HANDLERS
from game.engine.ladder import posture_floor
from game.engine.model import PHASES, Audience, Order, Outcome, Side
from game.engine.negotiation import expire_deadlines, leak_secrets
from game.engine.orders import IllegalOrders, check_orders
from game.engine.scenario_types import NO_EFFECTS, OrderDef
from game.engine.scoring import settlement_winner, time_out_outcome
from game.engine.settlement import check_duties, void_order
from game.engine.state import GameState
from game.engine.turn import Turn, repeat_scale
from game.engine.view import player_view
from game.engine.world import build_sites, move_ships, pressures, update_castro, update_intelligence

PHASE_INDEX: dict[str, int] = {phase: i for i, phase in enumerate(PHASES)}


def apply(state: GameState, orders: Mapping[Side, tuple[Order, ...] | list[Order]]) -> GameState:
    """Resolve one turn with both sides' orders; returns the state at the next dawn."""
    if state.over:
        raise IllegalOrders("both", ["the game is over"])
    by_side: dict[Side, tuple[Order, ...]] = {"us": tuple(orders.get("us", ())), "ussr": tuple(orders.get("ussr", ()))}
    for side, given in by_side.items():
        if given:
            problems = check_orders(player_view(state, side), given)
            if problems:
                raise IllegalOrders(side, problems)
    turn = Turn(state, by_side)
    s = turn.s
    days = s.turn_def.days
    rung_before = s.rung
    defs = s.scenario.orders
    plan: list[list[tuple[Side, Order, OrderDef]]] = [[], [], []]  # by phase; the US's first within a phase
    for side, given in by_side.items():
        for order in given:
            odef = defs[order.kind]
            plan[PHASE_INDEX[odef.phase]].append((side, order, odef))
    order_risk = 0.0
    for side, order, odef in chain.from_iterable(plan):
        if s.agreement is not None and void_order(turn, side, order):
            continue
        if odef.effects is not NO_EFFECTS:
            turn.apply_effects(odef.effects, repeat_scale(odef, chain(s.logs["public"], s.logs[side])))
        HANDLERS[odef.handler][1](turn, side, order, odef)
        order_risk += odef.risk
        if odef.log:
            turn.log(odef.log_key, odef.log, side if odef.visibility == "own" else cast(Audience, odef.visibility))
    p = draw_incidents(turn, order_risk + turn.risk)  # the risk of the posture the orders have made
    build_sites(turn, days)
    move_ships(turn, days)
    pressures(turn, days)
    update_castro(turn, days)
    update_intelligence(turn, days)
    if s.friction == "plausible":
        leak_secrets(turn)
    expire_deadlines(turn)
    settle_rung(turn, rung_before)
    check_end(turn)
    fire_events(turn, "dusk")
    s.history = s.history + ((s.turn, s.rung, round(p, 4)),)
    turn.clear_flags(s.scenario.rules.transient_flags)
    s.draws = tuple(turn.dice.draws)
    if not s.over:
        s.turn += 1
        dawn(turn)
    return turn.finish()


def settle_rung(turn: Turn, rung_before: int) -> None:
    s = turn.s
    floor = posture_floor(s)
    if s.rung < floor:
        turn.raise_rung(floor)
    elif s.rung >= rung_before and not turn.escalated and s.rung > floor:
        s.rung -= 1


def check_end(turn: Turn) -> None:
    s = turn.s
    over = s.scenario.rules.over
    if s.rung >= 10:
        _end(turn, Outcome("nuclear_war", s.turn, s.date, "war"), over.nuclear_war)
        s.over = True
        return
    settled = check_duties(turn)
    if s.outcome is None:
        if s.agreement is not None:
            _end(
                turn,
                Outcome("settlement", s.turn, s.date, settlement_winner(s, s.agreement), s.agreement),
                over.settlement,
            )
        elif s.invaded and s.has_flag("invasion_holds", None) and not s.has_flag("nuclear_used", None):
            # a beachhead under nuclear fire has not taken the island
            _end(turn, Outcome("capitulation_ussr", s.turn, s.date, "us"), over.invasion)
        elif _all_dismantled(s):
            _end(turn, Outcome("capitulation_ussr", s.turn, s.date, "us"), over.capitulation_ussr)
        elif s.quarantine == "lifted" and s.launchers > 0:
            _end(turn, Outcome("capitulation_us", s.turn, s.date, "ussr"), over.capitulation_us)
        elif s.invaded:  # the beachhead, then the island: two turns of ground combat before it falls
            turn.set_flag("invasion_holds" if s.has_flag("beachhead", None) else "beachhead")
    if settled and s.outcome is not None and s.outcome.kind == "settlement":
        turn.log("aftermath_done", "Every term of the agreement has been carried out. The crisis is over.", "public")
        s.over = True
        return
    if s.turn >= len(s.scenario.turns) - 1:
        if s.outcome is None:
            outcome, text = time_out_outcome(turn)
            _end(turn, outcome, text)
        s.over = True


def _all_dismantled(s: GameState) -> bool:
    """Every medium-range site taken down (and there was at least one)."""
    seen = False
    for x in s.sites:
        if x.kind == "mrbm":
            if x.status != "dismantled":
                return False
            seen = True
    return seen


def _end(turn: Turn, outcome: Outcome, text: str) -> None:
    s = turn.s
    s.outcome = outcome
    turn.set_flag("crisis_over")
    turn.log(f"end_{outcome.kind}", text, "public")


def dawn(turn: Turn) -> None:
    """The start of a turn: the quarantine comes into force when due; dated events fire."""
    s = turn.s
    delay = s.scenario.rules.quarantine_delay_turns
    if s.quarantine == "proclaimed" and s.turn - s.quarantine_turn >= delay:
        s.quarantine = "in_force"
        turn.log(
            "quarantine_in_force",
            f"The quarantine is in force: ships bound for Cuba will be stopped at {s.line_nm} nautical miles.",
            "public",
        )
    fire_events(turn, "dawn")


def fire_events(turn: Turn, at: str) -> None:
    """The scenario's events of this time of day whose date has come and whose conditions hold, once each."""
    s = turn.s
    fired = s.fired
    candidates = s.scenario.events_by_turn[(s.turn, at)]
    if not candidates:
        return
    for ev, all_of, none_of, rest in candidates:
        if ev.id in fired:
            continue
        flags = s.flagset(None)  # made afresh: an event may have just set a flag
        if not all_of <= flags or not none_of.isdisjoint(flags):
            continue
        if rest is None or rest(s, None):
            turn.apply_effects(ev.effects)
            turn.log(f"event_{ev.id}", ev.text, ev.visibility, ev.on)
            for oid in ev.force:  # an order carried out by the event itself, as the scenario tells it
                odef = s.scenario.orders[oid]
                turn.apply_effects(odef.effects)
                HANDLERS[odef.handler][1](turn, odef.side, Order(oid), odef)
            fired = fired | {ev.id}
    s.fired = fired


def open_game(state: GameState) -> GameState:
    """Run the first dawn of a freshly set-up state (used by ``setup.new_game``)."""
    turn = Turn(state, {})
    dawn(turn)
    return turn.finish()
