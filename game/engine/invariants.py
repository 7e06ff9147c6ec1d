"""What must hold of every state the engine ever makes; the soak test checks it after every step.

The first invariant is read from the state's declaration: every field holds a value of its declared type,
all the way down, so a misspelt status (each is a ``Literal``) or a field left unset is caught with the rest."""

from __future__ import annotations

import reprlib

from game.engine.declared import conforms
from game.engine.state import STATE_TYPES, GameState
from game.engine.view import player_view


def _shown(value: object) -> str:
    return value if isinstance(value, str) else reprlib.repr(value)


def broken_invariants(state: GameState, before: GameState | None = None) -> list[str]:
    """Every invariant the state breaks (empty when all is well); ``before`` is the state it came from."""
    s = state
    problems = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    for name, hint in STATE_TYPES.items():
        value = s.__dict__.get(name, "(unset)")
        need(name in s.__dict__ and conforms(value, hint), f"{name} {_shown(value)} is not of its declared type {hint}")
    if problems:
        return problems  # the checks below read the fields as declared
    need(0 <= s.rung <= 10 and s.rung <= s.max_rung <= 10, f"rung {s.rung} / max {s.max_rung} out of bounds")
    need(1 <= s.defcon <= 5 and 1 <= s.defcon_public <= 5, f"DEFCON {s.defcon} out of bounds")
    need(0 <= s.alert <= 2 and 0 <= s.alert_public <= 2, f"alert {s.alert} out of bounds")
    need(s.line_nm in (500, 800), f"quarantine line at {s.line_nm} nm")
    need(all(0.0 <= v <= 100.0 for v in s.meters.values()), "a meter is out of 0–100")
    need(0.0 <= s.castro_alarm <= 100.0 and 0.0 <= s.invasion_prep <= 100.0, "Castro's alarm or invasion out of 0–100")
    need(all(0.0 <= x.readiness <= 100.0 for x in s.sites), "a site's readiness is out of 0–100")
    need(all(sh.distance >= 0.0 for sh in s.ships), "a ship is at a negative distance")
    if not 0 <= s.turn < len(s.scenario.turns):
        return [*problems, f"turn {s.turn} outside the calendar"]  # nothing else can be looked at
    need(s.est_launchers >= 0 and 0 <= s.est_invasion <= 100, "an estimate is out of bounds")
    need(not s.over or s.outcome is not None, "the game ended without an outcome")
    need(s.outcome is None or s.outcome.kind != "nuclear_war" or s.rung == 10, "nuclear war below rung 10")
    ids = [o.id for o in s.offers]
    need(ids == list(range(1, len(ids) + 1)), "offer ids are not 1, 2, 3…")
    need(all(e.visibility == vis for vis, log in s.logs.items() for e in log), "a log entry is filed wrongly")
    seqs = sorted(e.seq for log in s.logs.values() for e in log)
    need(seqs == list(range(1, len(seqs) + 1)) and s.seq == len(seqs), "log numbering has gaps")
    if before is not None:
        need(s.max_rung >= before.max_rung, "max rung went down")
        need(s.turn in (before.turn, before.turn + 1), "the turn jumped")
        need(all(len(s.logs[v]) >= len(before.logs[v]) for v in s.logs), "the log lost entries")
    for side in ("us", "ussr"):
        view = player_view(s, side)
        need(all(e.visibility in ("public", side) for e in view.log), f"the {side} view shows another's log")
    return problems
