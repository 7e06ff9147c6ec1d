"""The historical path: both leaders on their historical doctrines, with historical friction.

``replay_history`` plays it; ``history_json`` and ``history_text`` print it;
``history_transcript`` writes the turn-by-turn transcript that the tests keep
as a golden file (the OpenSpiel habit): each side's view, its legal orders,
the orders chosen with the rule that chose them, and what happened.
"""

from __future__ import annotations

from typing import Any

from game.ai.doctrine import doctrine_policy
from game.engine.model import SIDES, LogEntry
from game.engine.orders import legal_orders
from game.engine.record import GameRecord, play_turn
from game.engine.scenario_types import Scenario
from game.engine.scoring import outcome_json
from game.engine.serialize import order_to_json
from game.engine.state import GameState
from game.engine.view import PlayerView, player_view
from game.prelude import new_game

HISTORY_SEED = 1962


def all_entries(state: GameState) -> list[LogEntry]:
    """Every log entry of the game, public and secret, in the order they happened."""
    return sorted(state.logs["public"] + state.logs["us"] + state.logs["ussr"], key=lambda e: e.seq)


def replay_history(scenario: Scenario) -> tuple[GameState, GameRecord]:
    policies = {side: doctrine_policy(scenario, side, "historical") for side in SIDES}
    record = GameRecord.start(scenario, HISTORY_SEED, "historical", mode="history")
    state = new_game(scenario, HISTORY_SEED, "historical")
    while not state.over:
        orders = {side: policies[side].choose(player_view(state, side)) for side in SIDES}
        state = play_turn(state, orders, record)
    return state, record


def history_json(state: GameState) -> dict[str, Any]:
    return {"outcome": outcome_json(state), "log": [e.to_json() for e in all_entries(state)]}


def history_text(state: GameState) -> str:
    lines = []
    for e in all_entries(state):
        tag = "" if e.visibility == "public" else f" [{e.visibility.upper()} ONLY]"
        lines.append(f"{e.date}  {e.text}{tag}")
    out = outcome_json(state)
    lines.append("")
    lines.append(
        f"Outcome: {out['kind']} on {out['date']}; scores US {out['scores']['us']}, "
        f"USSR {out['scores']['ussr']}; ranks US {out['rank_labels']['us']}, "
        f"USSR {out['rank_labels']['ussr']}"
    )
    return "\n".join(lines)


def _view_line(view: PlayerView) -> str:
    return (
        f"rung={view.rung} defcon={view.defcon} alert={view.alert} quarantine={view.quarantine}/{view.line_nm} "
        f"launchers={view.launchers} invasion={view.invasion_prep:.0f} castro={view.castro_alarm:.0f} "
        f"meters={','.join(f'{k}={v:.0f}' for k, v in sorted(view.meters.items()))} "
        f"flags={','.join(sorted(view.flags))}"
    )


def history_transcript(scenario: Scenario) -> str:
    """The historical replay, turn by turn, as stable text."""
    policies = {side: doctrine_policy(scenario, side, "historical") for side in SIDES}
    state = new_game(scenario, HISTORY_SEED, "historical")
    lines = [f"# {scenario.id}: the historical path, seed {HISTORY_SEED}, historical friction"]
    seen = 0
    while True:
        for e in all_entries(state):
            if e.seq > seen:
                lines.append(f"  log {e.visibility:<6} {e.key}: {e.text}")
        seen = state.seq
        if state.over:
            break
        lines.append(f"turn {state.turn + 1} {state.date} {state.part}")
        orders = {}
        for side in SIDES:
            view = player_view(state, side)
            lines.append(f"  view {side}: {_view_line(view)}")
            lines.append(f"  legal {side}: {' '.join(sorted({o.kind for o in legal_orders(view)}))}")
            choices = policies[side].explain(view)
            for c in choices:
                lines.append(f"  order {side}: {order_to_json(c.order)} by rule {c.rule.id}")
            orders[side] = tuple(c.order for c in choices)
        state = play_turn(state, orders, None)
    out = outcome_json(state)
    lines.append(f"outcome {out}")
    return "\n".join(lines) + "\n"
