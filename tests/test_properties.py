"""Property tests over random legal play: bounds, purity, serialisation, determinism, replay, secrecy.

Every game here is played by two ``RandomPolicy`` players that share one numpy
``Generator`` seeded from a Hypothesis-drawn integer; the game seed and the
friction setting are drawn too. A failing example prints the three numbers,
which are enough to replay it (see ``play``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from game.ai.random_policy import RandomPolicy
from game.engine.model import CARGO_WORDS, SIDES, LogEntry, Order, other
from game.engine.orders import IllegalOrders, legal_orders
from game.engine.record import GameRecord, ReplayError, play_turn, replay
from game.engine.resolve import apply
from game.engine.scenario_types import Scenario
from game.engine.serialize import state_from_json, state_to_json
from game.engine.setup import FRICTIONS, new_game
from game.engine.state import GameState
from game.engine.view import player_view
from game.scenario.loader import default_scenario_path, load_scenario
from game.sim import play_game

# A game of random play takes a few milliseconds, so these budgets keep the whole file well under the limit.
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECRECY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
FRICTION = st.sampled_from(FRICTIONS)
QUARANTINE_STATES = ("none", "proclaimed", "in_force", "lifted")
LINE_NM = (500, 800)


@cache
def the_scenario() -> Scenario:
    """The default scenario, loaded once for the whole module."""
    return load_scenario(default_scenario_path())


@dataclass
class Game:
    """One game of random play: every state from the first dawn to the end, and the orders between them."""

    seed: int
    friction: str
    policy_seed: int
    states: list[GameState] = field(default_factory=list)
    orders: list[dict[str, tuple[Order, ...]]] = field(default_factory=list)
    record: GameRecord | None = None

    @property
    def final(self) -> GameState:
        return self.states[-1]

    def __repr__(self) -> str:
        return f"Game(seed={self.seed}, friction={self.friction!r}, policy_seed={self.policy_seed})"


def choose(state: GameState, policy: RandomPolicy, rng: np.random.Generator) -> dict[str, tuple[Order, ...]]:
    return {side: policy.choose(player_view(state, side), rng) for side in SIDES}


def play(
    seed: int,
    friction: str,
    policy_seed: int,
    before_apply: Callable[[GameState, dict[str, tuple[Order, ...]]], Any] | None = None,
    after_apply: Callable[[GameState, dict[str, tuple[Order, ...]], GameState, Any], None] | None = None,
) -> Game:
    """Play a whole game of random legal orders, recording it; optional hooks run around every ``apply``."""
    sc = the_scenario()
    game = Game(seed, friction, policy_seed, record=GameRecord.start(sc, seed, friction))
    state = new_game(sc, seed, friction)
    rng = np.random.default_rng(policy_seed)
    policy = RandomPolicy()
    game.states.append(state)
    while not state.over:
        assert len(game.states) <= len(sc.turns) + 1, f"{game}: the game does not end"
        orders = choose(state, policy, rng)
        token = before_apply(state, orders) if before_apply is not None else None
        new = play_turn(state, orders, game.record)
        if after_apply is not None:
            after_apply(state, orders, new, token)
        game.orders.append(orders)
        game.states.append(new)
        state = new
    return game


# -- 1. bounds ------------------------------------------------------------------------------------------------------


def bound_problems(s: GameState) -> list[str]:
    """Every bound that ``s`` breaks (an empty list when all hold)."""
    sc = the_scenario()
    problems = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            problems.append(what)

    check(0 <= s.rung <= 10, f"rung {s.rung}")
    check(s.rung <= s.max_rung <= 10, f"max_rung {s.max_rung} (rung {s.rung})")
    check(1 <= s.defcon <= 5, f"defcon {s.defcon}")
    check(1 <= s.defcon_public <= 5, f"defcon_public {s.defcon_public}")
    check(0 <= s.alert <= 2, f"alert {s.alert}")
    check(0 <= s.alert_public <= 2, f"alert_public {s.alert_public}")
    for key, value in s.meters.items():
        check(0.0 <= value <= 100.0, f"meter {key} = {value}")
    check(0.0 <= s.castro_alarm <= 100.0, f"castro_alarm {s.castro_alarm}")
    check(0.0 <= s.invasion_prep <= 100.0, f"invasion_prep {s.invasion_prep}")
    check(0 <= s.est_invasion <= 100, f"est_invasion {s.est_invasion}")
    check(s.est_launchers >= 0, f"est_launchers {s.est_launchers}")
    for site in s.sites:
        check(0.0 <= site.readiness <= 100.0, f"site {site.id} readiness {site.readiness}")
    for site in s.site_intel:
        check(0.0 <= site.readiness <= 100.0, f"site_intel {site.id} readiness {site.readiness}")
    check(0 <= s.turn < len(sc.turns), f"turn {s.turn} of {len(sc.turns)}")
    check(s.quarantine in QUARANTINE_STATES, f"quarantine {s.quarantine!r}")
    check(s.line_nm in LINE_NM, f"line_nm {s.line_nm}")
    check(not s.over or s.outcome is not None, "over without an outcome")
    return problems


@PROPERTY
@given(seed=SEEDS, friction=FRICTION, policy_seed=SEEDS)
def test_bounds_hold_after_every_turn(seed: int, friction: str, policy_seed: int) -> None:
    game = play(seed, friction, policy_seed)
    previous = None
    for i, s in enumerate(game.states):
        problems = bound_problems(s)
        assert not problems, f"{game}, after {i} turns (turn index {s.turn}): {problems}"
        assert s.over == (i == len(game.states) - 1), f"{game}: over={s.over} after {i} turns"
        if previous is not None:
            assert s.max_rung >= previous.max_rung, f"{game}: max_rung fell after {i} turns"
            assert s.turn == previous.turn + (0 if s.over else 1), f"{game}: turn {previous.turn} -> {s.turn}"
        previous = s
    final = game.final
    assert final.outcome is not None, f"{game}: the game ended without an outcome"
    with pytest.raises(IllegalOrders):
        apply(final, {})
    with pytest.raises(IllegalOrders):
        apply(final, game.orders[-1])


# -- 2. apply is pure -----------------------------------------------------------------------------------------------


def _snapshot(state: GameState, orders: dict[str, tuple[Order, ...]]) -> tuple[dict, dict]:
    data = copy.deepcopy(state_to_json(state))
    prints = {side: copy.deepcopy(player_view(state, side).fingerprint()) for side in SIDES}
    return data, prints


@PROPERTY
@given(seed=SEEDS, friction=FRICTION, policy_seed=SEEDS)
def test_apply_never_mutates_its_input(seed: int, friction: str, policy_seed: int) -> None:
    def after(state: GameState, orders: dict, new: GameState, token: tuple[dict, dict]) -> None:
        data, prints = token
        where = f"seed={seed}, friction={friction!r}, policy_seed={policy_seed}, turn {state.turn}"
        assert new is not state
        assert state_to_json(state) == data, f"{where}: apply changed its input state"
        for side in SIDES:
            # the view cached on the state, and one built afresh from an unchanged copy
            assert player_view(state, side).fingerprint() == prints[side], f"{where}: the cached {side} view changed"
            assert player_view(state.copy(), side).fingerprint() == prints[side], f"{where}: the {side} view changed"

    play(seed, friction, policy_seed, before_apply=_snapshot, after_apply=after)


# -- 3. JSON round trip ---------------------------------------------------------------------------------------------


@PROPERTY
@given(seed=SEEDS, friction=FRICTION, policy_seed=SEEDS)
def test_json_round_trip_is_lossless(seed: int, friction: str, policy_seed: int) -> None:
    sc = the_scenario()
    game = play(seed, friction, policy_seed)
    for s in game.states:
        data = state_to_json(s)
        text = json.dumps(data, allow_nan=False)
        back = state_from_json(json.loads(text), sc)
        assert back == s, f"{game}, turn {s.turn}: the state does not survive a JSON round trip"
        assert state_to_json(back) == data, f"{game}, turn {s.turn}: a second round trip differs"
        for side in SIDES:
            assert player_view(back, side).fingerprint() == player_view(s, side).fingerprint()


# -- 4. determinism -------------------------------------------------------------------------------------------------


@PROPERTY
@given(seed=SEEDS, friction=FRICTION, policy_seed=SEEDS)
def test_same_seed_gives_the_same_game(seed: int, friction: str, policy_seed: int) -> None:
    sc = the_scenario()
    first = play(seed, friction, policy_seed)
    second = play(seed, friction, policy_seed)
    assert first.orders == second.orders, f"{first}: the same dice chose different orders"
    assert len(first.states) == len(second.states)
    for a, b in zip(first.states, second.states, strict=True):
        assert a == b, f"{first}: the games part at turn {a.turn}"
    assert first.final.logs == second.final.logs
    assert first.final.outcome == second.final.outcome

    # the same seed and the same orders, given without any policy, give the same game again
    state = new_game(sc, seed, friction)
    assert state == first.states[0]
    for i, orders in enumerate(first.orders):
        state = apply(state, orders)
        assert state == first.states[i + 1], f"{first}: replaying the orders parts at turn {i}"

    # and so does the simulator's own loop
    policies = {"us": RandomPolicy(), "ussr": RandomPolicy()}
    sim_a, actions_a = play_game(sc, policies, seed, friction)
    sim_b, actions_b = play_game(sc, policies, seed, friction)
    assert sim_a == sim_b
    assert sim_a.logs == sim_b.logs
    assert actions_a == actions_b


# -- 5. replay ------------------------------------------------------------------------------------------------------


@PROPERTY
@given(seed=SEEDS, friction=FRICTION, policy_seed=SEEDS, data=st.data())
def test_replay_of_the_record_equals_the_state(seed: int, friction: str, policy_seed: int, data: st.DataObject) -> None:
    sc = the_scenario()
    game = play(seed, friction, policy_seed)
    assert game.record is not None
    text = game.record.dumps()
    record = GameRecord.from_json(json.loads(text))
    assert len(record.turns) == len(game.orders)
    assert replay(record, sc) == game.final, f"{game}: the record does not replay to the final state"
    upto = data.draw(st.integers(0, len(game.orders)), label="upto")
    assert replay(record, sc, upto=upto) == game.states[upto], f"{game}: replay upto={upto} differs"

    # one chance draw tampered with: the replay must refuse it
    raw = json.loads(text)
    with_draws = [i for i, t in enumerate(raw["turns"]) if t["draws"]]
    assert with_draws, f"{game}: no turn drew any chance"
    i = data.draw(st.sampled_from(with_draws), label="tampered turn")
    j = data.draw(st.integers(0, len(raw["turns"][i]["draws"]) - 1), label="tampered draw")
    raw["turns"][i]["draws"][j] += 1.0
    tampered = GameRecord.from_json(raw)
    with pytest.raises(ReplayError, match=f"turn {i + 1}: the chance draws differ"):
        replay(tampered, sc)


# -- 6. non-interference --------------------------------------------------------------------------------------------

Perturb = Callable[[GameState, GameState, st.DataObject], None]


def _probe_entry(s: GameState, side: str) -> LogEntry:
    return LogEntry(s.seq + 1, s.turn, s.date, "probe_secret", f"A report only {side} may read.", side)  # type: ignore[arg-type]


def _other_float(data: st.DataObject, old: float, label: str) -> float:
    return data.draw(st.floats(0.0, 100.0).filter(lambda v: v != old), label=label)


def _ussr_tactical(s: GameState, p: GameState, data: st.DataObject) -> None:
    p.tactical = data.draw(st.integers(0, 200).filter(lambda v: v != s.tactical), label="tactical")


def _ussr_local_authority(s: GameState, p: GameState, data: st.DataObject) -> None:
    p.local_authority = not s.local_authority


def _ussr_alert(s: GameState, p: GameState, data: st.DataObject) -> None:
    p.alert = data.draw(st.sampled_from([a for a in (0, 1, 2) if a != s.alert]), label="alert")  # not alert_public


def _ussr_sites(s: GameState, p: GameState, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(s.sites) - 1), label="site")
    sites = list(s.sites)
    sites[i] = sites[i]._replace(readiness=_other_float(data, sites[i].readiness, "readiness"))
    p.sites = tuple(sites)  # the truth only: site_intel is left as photographed


def _hidden_ships(s: GameState) -> list[int]:
    hidden = [i for i, sh in enumerate(s.ships) if not sh.revealed]
    assume(hidden)
    return hidden


def _ussr_cargo(s: GameState, p: GameState, data: st.DataObject) -> None:
    i = data.draw(st.sampled_from(_hidden_ships(s)), label="ship")
    ships = list(s.ships)
    cargo = data.draw(st.sampled_from([c for c in CARGO_WORDS if c != ships[i].cargo]), label="cargo")
    ships[i] = ships[i]._replace(cargo=cargo)
    p.ships = tuple(ships)


def _ussr_ship_orders(s: GameState, p: GameState, data: st.DataObject) -> None:
    """Moscow's radioed orders to a ship whose cargo is unrevealed (the view hides them with the cargo)."""
    i = data.draw(st.sampled_from(_hidden_ships(s)), label="ship")
    ships = list(s.ships)
    pending = data.draw(
        st.sampled_from([x for x in ("", "turn_back", "halt", "run", "go") if x != ships[i].pending]), label="pending"
    )
    ships[i] = ships[i]._replace(pending=pending, ordered=s.turn if pending else -1)
    assume(ships[i] != s.ships[i])
    p.ships = tuple(ships)


def _ussr_torpedo(s: GameState, p: GameState, data: st.DataObject) -> None:
    assume(s.subs)
    i = data.draw(st.integers(0, len(s.subs) - 1), label="sub")
    subs = list(s.subs)
    subs[i] = subs[i]._replace(nuclear_torpedo=not subs[i].nuclear_torpedo)
    p.subs = tuple(subs)


def _side_flag(side: str) -> Perturb:
    def perturb(s: GameState, p: GameState, data: st.DataObject) -> None:
        name = f"probe_secret_{side}_flag"
        own = s.flags[side]
        p.flags[side] = own - {name} if name in own else own | {name}

    return perturb


def _side_log(side: str) -> Perturb:
    def perturb(s: GameState, p: GameState, data: st.DataObject) -> None:
        p.logs[side] = s.logs[side] + (_probe_entry(s, side),)
        p.seq = s.seq + 1

    return perturb


def _side_meters(side: str, names: tuple[str, ...]) -> Perturb:
    def perturb(s: GameState, p: GameState, data: st.DataObject) -> None:
        key = f"{side}.{data.draw(st.sampled_from(names), label='meter')}"
        p.meters[key] = _other_float(data, s.meters[key], key)

    return perturb


def _us_invasion_prep(s: GameState, p: GameState, data: st.DataObject) -> None:
    p.invasion_prep = _other_float(data, s.invasion_prep, "invasion_prep")  # est_invasion is left alone


def _us_defcon(s: GameState, p: GameState, data: st.DataObject) -> None:
    p.defcon = data.draw(st.sampled_from([d for d in range(1, 6) if d != s.defcon]), label="defcon")  # public kept


def _us_est_launchers(s: GameState, p: GameState, data: st.DataObject) -> None:
    p.est_launchers = data.draw(st.integers(0, 100).filter(lambda v: v != s.est_launchers), label="est_launchers")


def _us_est_sigma(s: GameState, p: GameState, data: st.DataObject) -> None:
    p.est_sigma = data.draw(st.floats(0.1, 50.0).filter(lambda v: v != s.est_sigma), label="est_sigma")


def _us_site_intel(s: GameState, p: GameState, data: st.DataObject) -> None:
    """A different photograph: a readiness that still differs once the US view rounds it to the nearest ten."""
    if not s.site_intel:
        site = s.sites[data.draw(st.integers(0, len(s.sites) - 1), label="site")]
        p.site_intel = (site._replace(readiness=data.draw(st.floats(0.0, 100.0), label="readiness")),)
        return
    i = data.draw(st.integers(0, len(s.site_intel) - 1), label="site")
    intel = list(s.site_intel)
    old = round(intel[i].readiness / 10.0)
    tens = data.draw(st.sampled_from([t for t in range(11) if t != old]), label="readiness / 10")
    intel[i] = intel[i]._replace(readiness=float(tens * 10))
    p.site_intel = tuple(intel)


SOVIET_SECRETS: dict[str, Perturb] = {
    "tactical": _ussr_tactical,
    "local_authority": _ussr_local_authority,
    "alert": _ussr_alert,
    "sites": _ussr_sites,
    "cargo": _ussr_cargo,
    "ship_orders": _ussr_ship_orders,
    "nuclear_torpedo": _ussr_torpedo,
    "flags": _side_flag("ussr"),
    "log": _side_log("ussr"),
    "meters": _side_meters("ussr", ("presidium", "castro", "prestige")),
}

US_SECRETS: dict[str, Perturb] = {
    "invasion_prep": _us_invasion_prep,
    "defcon": _us_defcon,
    "est_launchers": _us_est_launchers,
    "est_sigma": _us_est_sigma,
    "site_intel": _us_site_intel,
    "flags": _side_flag("us"),
    "log": _side_log("us"),
    "meters": _side_meters("us", ("domestic", "hawks", "allies")),
}

CASES = [("ussr", name, f) for name, f in SOVIET_SECRETS.items()] + [("us", name, f) for name, f in US_SECRETS.items()]


def _differences(a: dict, b: dict) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.mark.parametrize(("owner", "name", "perturb"), CASES, ids=[f"{o}-{n}" for o, n, _ in CASES])
@SECRECY
@given(seed=SEEDS, friction=FRICTION, policy_seed=SEEDS, data=st.data())
def test_non_interference(
    owner: str, name: str, perturb: Perturb, seed: int, friction: str, policy_seed: int, data: st.DataObject
) -> None:
    game = play(seed, friction, policy_seed)
    k = data.draw(st.integers(0, len(game.states) - 1), label="after turns")
    state = game.states[k]
    perturbed = state.copy()
    perturb(state, perturbed, data)
    where = f"{game}, after {k} turns (turn index {state.turn}), {owner} secret '{name}'"

    rival = other(owner)
    seen = player_view(state, rival)
    seen_perturbed = player_view(perturbed, rival)
    before, after = seen.fingerprint(), seen_perturbed.fingerprint()
    assert before == after, f"{where} leaks into the {rival} view: {_differences(before, after)}"
    assert legal_orders(seen) == legal_orders(seen_perturbed), f"{where} changes the {rival} side's legal orders"

    # positive control: the owner does see its own secret, so the comparison above can fail
    mine, mine_perturbed = player_view(state, owner).fingerprint(), player_view(perturbed, owner).fingerprint()
    assert mine != mine_perturbed, f"{where}: the perturbation does not even show in the {owner} view"


# -- 7. the log as each side reads it -------------------------------------------------------------------------------


@PROPERTY
@given(seed=SEEDS, friction=FRICTION, policy_seed=SEEDS)
def test_a_view_never_shows_the_other_sides_secret_log(seed: int, friction: str, policy_seed: int) -> None:
    game = play(seed, friction, policy_seed)
    for s in game.states:
        for vis, entries in s.logs.items():
            assert all(e.visibility == vis for e in entries), f"{game}, turn {s.turn}: misfiled entry in logs[{vis}]"
        for side in SIDES:
            log = player_view(s, side).log
            wrong = [e for e in log if e.visibility not in ("public", side)]
            assert not wrong, f"{game}, turn {s.turn}: the {side} view shows {wrong}"
            # renumbered 1..n: gaps would tell a side how many secret entries the other received
            assert [e.seq for e in log] == list(range(1, len(log) + 1)), f"{game}: the {side} log is not renumbered"
            expected = sorted(s.logs["public"] + s.logs[side], key=lambda e: e.seq)
            strip = [(e.turn, e.date, e.key, e.text, e.visibility) for e in expected]
            assert [(e.turn, e.date, e.key, e.text, e.visibility) for e in log] == strip, (
                f"{game}: the {side} log is incomplete or out of order"
            )
