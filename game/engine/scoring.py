"""How the crisis is judged: who won a settlement, what time running out means, the scores.

Outcome ranks follow the ordinal preferences game theory gives the crisis
(after S. Brams): for each side, own victory (1) > compromise (2) > the other
side's victory (3) > nuclear war (4).

A settlement is weighed by its terms: each term has a value for the side that
receives it (a secret concession counts ``secret_factor`` of its value, since
it buys no prestige). If the missiles stay, the USSR has won; otherwise the
side whose gains exceed the other's by ``victory_margin`` has won; else it is
a compromise.

Scores are out of 100: five parts of 0–20 each — security, prestige, allies,
world opinion and domestic standing — built from the end state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.engine.limits import clamp
from game.engine.model import OPERATING, SIDES, Outcome, Side, Term, Winner, other

if TYPE_CHECKING:
    from game.engine.state import GameState
    from game.engine.turn import Turn

RANK_LABELS = {1: "victory", 2: "compromise", 3: "defeat", 4: "nuclear war"}
PARTS = ("security", "prestige", "allies", "world", "domestic")


@dataclass(frozen=True, slots=True)
class Score:
    total: int
    parts: dict[str, int]
    rank: int

    @property
    def rank_label(self) -> str:
        return RANK_LABELS[self.rank]


def gains(state: GameState, terms: tuple[Term, ...]) -> dict[str, float]:
    """What each side receives from a set of terms."""
    rules = state.scenario.rules.scoring
    defs = state.scenario.terms
    got = {"us": 0.0, "ussr": 0.0}
    for term in terms:
        tdef = defs[term.kind]
        value = tdef.value * (rules.secret_factor if term.secret else 1.0)
        got[other(tdef.by)] += value
    return got


def settlement_winner(state: GameState, terms: tuple[Term, ...]) -> Winner:
    """``us``, ``ussr`` or ``none`` (a compromise): see the module docstring."""
    if not any(t.kind == "withdraw_missiles" for t in terms):
        return "ussr"
    got = gains(state, terms)
    margin = state.scenario.rules.scoring.victory_margin
    if got["us"] - got["ussr"] >= margin:
        return "us"
    if got["ussr"] - got["us"] >= margin:
        return "ussr"
    return "none"


def time_out_outcome(turn: Turn) -> tuple[Outcome, str]:
    """The last turn ends without agreement: an invasion if it is ready, else a fait accompli."""
    s = turn.s
    rules = s.scenario.rules.time_out
    if s.invasion_prep >= rules.invasion_prep_min and s.has_flag("crisis_public", None):
        # an invasion needs a case made in public; and the tactical weapons on the island make it a gamble
        p = rules.war_chance + (rules.war_chance_local if s.local_authority else 0.0)
        if turn.dice.chance(p):
            s.rung = s.max_rung = 10
            return Outcome("nuclear_war", s.turn, s.date, "war"), rules.text_war
        return Outcome("time_out", s.turn, s.date, "us"), rules.text_invasion
    if s.launchers > 0:
        return Outcome("time_out", s.turn, s.date, "ussr"), rules.text_fait_accompli
    return Outcome("time_out", s.turn, s.date, "none"), rules.text_stalemate


def rank(outcome: Outcome | None, side: Side) -> int:
    if outcome is None or outcome.winner == "none":
        return 2
    if outcome.winner == "war":
        return 4
    return 1 if outcome.winner == side else 3


def _clamp(x: float) -> int:
    return int(round(clamp(x, 0.0, 20.0)))


def _public_value(state: GameState, by: Side) -> float:
    """The value of the concessions ``by`` made that the world knows of (agreed in public or leaked)."""
    if state.agreement is None:
        return 0.0
    leaked = {k for k, _ in state.leaked}
    defs = state.scenario.terms
    return sum(
        defs[t.kind].value for t in state.agreement if defs[t.kind].by == by and (not t.secret or t.kind in leaked)
    )


def scores(state: GameState) -> dict[Side, Score]:
    """Each side's score and rank as the state stands (final once ``state.over``)."""
    outcome = state.outcome
    if outcome is not None and outcome.winner == "war":
        return {side: Score(0, dict.fromkeys(PARTS, 0), 4) for side in SIDES}
    rules = state.scenario.rules.scoring
    m = state.meters
    prestige_base = rules.prestige_base
    kinds = {t.kind for t in state.agreement} if state.agreement else set()
    out: dict[Side, Score] = {}
    for side in SIDES:
        r = rank(outcome, side)
        prestige = (
            prestige_base[r - 1]
            - rules.concession_cost * _public_value(state, side)
            + rules.concession_gain * _public_value(state, other(side))
        )
        if side == "us":
            total_launchers = sum(x.launchers for x in state.sites if x.kind == "mrbm") or 1
            remaining = sum(x.launchers for x in state.sites if x.kind == "mrbm" and x.status in OPERATING)
            security = 20.0 * (1.0 - remaining / total_launchers)
            if state.bombers > 0:
                security -= rules.bombers_penalty
            if state.invaded:
                security -= rules.invasion_cost
            domestic = m["us.domestic"] / 5.0 - max(0.0, m["us.hawks"] - 70.0) / 5.0
            parts = (security, prestige, m["us.allies"] / 5.0, m["us.world"] / 5.0, domestic)
        else:
            security = rules.ussr_security_base
            if "no_invasion" in kinds:
                security += rules.pledge_value
            if "remove_jupiters_turkey" in kinds or "remove_jupiters_italy" in kinds:
                security += rules.jupiters_value
            if any(x.status == "struck" for x in state.sites):
                security -= rules.struck_cost
            if state.invaded:
                security = rules.invaded_security
            prestige = (prestige + m["ussr.prestige"] / 5.0) / 2.0
            parts = (security, prestige, m["ussr.castro"] / 5.0, m["ussr.world"] / 5.0, m["ussr.presidium"] / 5.0)
        clamped = {name: _clamp(v) for name, v in zip(PARTS, parts, strict=True)}
        out[side] = Score(sum(clamped.values()), clamped, r)
    return out


def outcome_json(state: GameState) -> dict[str, Any]:
    """The outcome as the command line prints it (kind, date, terms, scores, ranks)."""
    outcome = state.outcome
    sc = scores(state)
    leaked = [{"term": k, "turn": t} for k, t in state.leaked]
    return {
        "kind": outcome.kind if outcome else "in_progress",
        "date": outcome.date if outcome else state.date,
        "winner": outcome.winner if outcome else "",
        "terms": [{"term": t.kind, "public": not t.secret} for t in (outcome.terms if outcome else ())],
        "leaked": leaked,
        "scores": {side: sc[side].total for side in SIDES},
        "breakdown": {side: sc[side].parts for side in SIDES},
        "ranks": {side: sc[side].rank for side in SIDES},
        "rank_labels": {side: sc[side].rank_label for side in SIDES},
    }
