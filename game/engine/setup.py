"""A new game from a scenario, a seed and a friction setting."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import get_args

from game.engine.dice import seed_state
from game.engine.model import Friction, Order, Ship, Side, Site, Submarine
from game.engine.resolve import apply, open_game
from game.engine.scenario_types import Scenario
from game.engine.state import GameState, blank_state

FRICTIONS: tuple[Friction, ...] = get_args(Friction)
PRELUDE_SEED = 1962  # the days before a variant begins are always the historical ones

# The orders of one prelude turn, given the state at its dawn.
PreludeOrders = Callable[[GameState], Mapping[Side, tuple[Order, ...]]]


def new_game(
    scenario: Scenario, seed: int = 1962, friction: str = "plausible", prelude: PreludeOrders | None = None
) -> GameState:
    """The state at the first dawn the players see.

    A scenario with a prelude first plays the days before it under historical friction, with the orders
    ``prelude`` gives (the kernel knows no doctrine: ``game.prelude`` passes the historical ones); then the
    game's own seed and friction take over.
    """
    friction = _friction(friction)
    if scenario.prelude_turns:
        if prelude is None:
            raise ValueError(
                f"scenario '{scenario.id}' opens with {scenario.prelude_turns} turns of history: "
                "new_game needs their orders"
            )
        state = _start(scenario, PRELUDE_SEED, "historical")
        for _ in range(scenario.prelude_turns):
            state = apply(state, prelude(state))
        state = state.copy()
        state.friction, state.seed, state.rng, state.draws = friction, int(seed), seed_state(int(seed)), ()
        return state
    return _start(scenario, seed, friction)


def _friction(name: str) -> Friction:
    """The friction setting of this name (a front end passes what a player chose)."""
    for known in FRICTIONS:
        if name == known:
            return known
    raise ValueError(f"friction must be one of {', '.join(FRICTIONS)}, not {name!r}")


def _start(scenario: Scenario, seed: int, friction: Friction) -> GameState:
    """The state the scenario opens with; the fields every game starts alike take their declared values."""
    st = scenario.start
    sites = tuple(Site(x.id, x.name, x.kind, x.launchers, float(x.readiness)) for x in scenario.sites)
    known = {x.id for x in scenario.sites if x.known}
    state = blank_state(
        scenario,
        friction=friction,
        seed=int(seed),
        rung=st.rung,
        max_rung=st.rung,
        defcon=st.defcon,
        defcon_public=st.defcon,
        alert=st.alert,
        alert_public=st.alert,
        line_nm=st.line_nm,
        invasion_prep=float(st.invasion_prep),
        castro_alarm=float(st.castro_alarm),
        tactical=st.tactical,
        bombers=st.bombers,
        sams=st.sams,
        ships=tuple(Ship(x.id, x.name, x.cargo, float(x.distance), float(x.speed)) for x in scenario.ships),
        subs=tuple(Submarine(x.id, x.name, float(x.distance), x.nuclear_torpedo) for x in scenario.subs),
        sites=sites,
        site_intel=tuple(x for x in sites if x.id in known),
        meters={f"{side}.{name}": float(v) for side, table in scenario.meters.items() for name, v in table.items()},
        flags={"public": frozenset(st.flags), "us": frozenset(st.us_flags), "ussr": frozenset(st.ussr_flags)},
        est_sigma=float(scenario.rules.intel.sigma_start),
        est_invasion=int(st.invasion_prep),
        logs={"public": (), "us": (), "ussr": ()},
        rng=seed_state(int(seed)),
    )
    return open_game(state)
