"""The scenario compiled into frozen typed records, and the caches that cannot lie.

The engine reads the scenario's rules, start, pieces and order parameters by attribute from records that
mirror the schema, so the type checker follows every read; nothing it caches can outlive what it was made of:
no module-level table grows while games are played, and a state whose views are made refuses any change.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import FrozenInstanceError, fields, is_dataclass
from typing import Any

import numpy as np
import pytest

from game.ai.doctrine import doctrine_policy
from game.ai.random_policy import RandomPolicy
from game.engine.conditions import NO_FLAGS, parts
from game.engine.handlers import HANDLERS
from game.engine.model import SIDES
from game.engine.parameters import (
    CastroDrift,
    Construction,
    Endings,
    Forces,
    Intel,
    OrderParams,
    Rules,
    ScoringRules,
    ShipDef,
    SiteDef,
    StartState,
    SubDef,
    TimeOut,
)
from game.engine.resolve import apply
from game.engine.scenario_types import FrictionDef
from game.engine.view import SealedState, player_view
from game.prelude import new_game
from game.scenario import schema
from game.scenario.loader import default_scenario_path, load_scenario

MIRRORS = [
    (StartState, schema.StartModel),
    (SiteDef, schema.SiteModel),
    (ShipDef, schema.ShipModel),
    (SubDef, schema.SubModel),
    (Construction, schema.ConstructionRules),
    (CastroDrift, schema.CastroRules),
    (Forces, schema.ForcesRules),
    (Intel, schema.IntelRules),
    (ScoringRules, schema.ScoringRules),
    (TimeOut, schema.TimeOutRules),
    (Endings, schema.OverTexts),
    (Rules, schema.RulesModel),
    (FrictionDef, schema.FrictionModel),
]


@pytest.mark.parametrize(("record", "model"), MIRRORS, ids=[r.__name__ for r, _ in MIRRORS])
def test_each_record_has_exactly_the_fields_of_its_section(record: type, model: type) -> None:
    assert {f.name for f in fields(record)} == set(model.model_fields)


def test_every_handler_parameter_has_a_typed_field() -> None:
    declared = set().union(*(required | optional for _, _, required, optional in HANDLERS.values()))
    assert {"raise_" if name == "raise" else name for name in declared} == {f.name for f in fields(OrderParams)}


def _immutable(value: Any) -> bool:
    """A scalar, a tuple of immutable values, or a frozen record of them."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, tuple):
        return all(_immutable(v) for v in value)
    if is_dataclass(value) and type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return all(_immutable(getattr(value, f.name)) for f in fields(value))
    return False


def test_rules_start_pieces_and_parameters_are_frozen_through_and_through(scenario: Any) -> None:
    records = [scenario.rules, scenario.start, *scenario.sites, *scenario.ships, *scenario.subs]
    records += [o.params for o in scenario.orders.values()]
    assert all(_immutable(r) for r in records)
    with pytest.raises(FrozenInstanceError):
        scenario.rules.scoring.victory_margin = 0.0


def test_each_order_carries_the_parameters_its_file_gives_and_the_defaults_otherwise(scenario: Any) -> None:
    raw = tomllib.loads(default_scenario_path().read_text(encoding="utf-8"))
    defaults = OrderParams()
    for item in raw["order"]:
        given = {("raise_" if k == "raise" else k): v for k, v in item.get("params", {}).items()}
        params = scenario.orders[item["id"]].params
        for f in fields(OrderParams):
            assert getattr(params, f.name) == given.get(f.name, getattr(defaults, f.name)), (item["id"], f.name)
    assert any(o.params.kill != defaults.kill for o in scenario.orders.values())  # the file sets some


def test_orders_with_equal_conditions_share_one_predicate_and_loads_share_none(scenario: Any) -> None:
    """The scenario tests each distinct condition once a turn; the table that shares them dies with the load."""
    by_table: dict[str, list[Any]] = {}
    raw = tomllib.loads(default_scenario_path().read_text(encoding="utf-8"))
    for item in raw["order"]:
        undated = {k: v for k, v in item.get("when", {}).items() if k not in ("date", "part", "date_from", "date_to")}
        by_table.setdefault(repr(sorted(undated.items())), []).append(scenario.orders[item["id"]].when)
    shared = [preds for preds in by_table.values() if len(preds) > 1]
    assert shared and all(p is preds[0] for preds in shared for p in preds)
    again = load_scenario(default_scenario_path())
    conditioned = [k for k, o in scenario.orders.items() if parts(o.when) != (NO_FLAGS, NO_FLAGS, None)]  # not "always"
    assert conditioned and all(again.orders[k].when is not scenario.orders[k].when for k in conditioned)


def _module_tables() -> dict[tuple[str, str], Any]:
    """Every module-level dict, list or set of the kernel, the scenario language and the AI, as it stands,
    and the size of every function memo there."""
    out: dict[tuple[str, str], Any] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith(("game.engine", "game.scenario", "game.ai")):
            continue
        for key, value in vars(module).items():
            if isinstance(value, dict | list | set):
                out[name, key] = (len(value), repr(value))
            elif hasattr(value, "cache_info"):
                out[name, key] = value.cache_info().currsize
    return out


def test_loading_and_playing_leave_every_module_table_as_it_was() -> None:
    """No module-global memo: a cache keyed by what it was made of belongs to that value, not to a module."""
    load_scenario(default_scenario_path())  # every module imported before the first look
    before = _module_tables()
    scenario = load_scenario(default_scenario_path())
    rng = np.random.default_rng(5)
    for seed in range(3):
        policies = {side: doctrine_policy(scenario, side) for side in SIDES}
        state = new_game(scenario, seed, "plausible")
        while not state.over:
            chosen = {side: policies[side].choose(player_view(state, side)) for side in SIDES}
            if seed == 2:
                chosen["ussr"] = RandomPolicy().choose(player_view(state, "ussr"), rng)
            state = apply(state, chosen)
    after = _module_tables()
    changed = sorted(f"{m}.{k}" for m, k in before.keys() & after.keys() if before[m, k] != after[m, k])
    assert changed == []


def test_a_state_whose_views_are_made_refuses_changes_and_its_copy_does_not(scenario: Any) -> None:
    state = new_game(scenario, 3, "plausible")
    view = player_view(state, "us")
    assert isinstance(state, SealedState)
    with pytest.raises(AttributeError, match="sealed"):
        state.rung = 9
    with pytest.raises(AttributeError, match="sealed"):
        del state.rung
    assert player_view(state, "us") is view and state.rung == view.rung
    twin = state.copy()
    twin.rung = 9
    assert type(twin) is not SealedState and state.rung != 9
    assert player_view(twin, "ussr").rung != player_view(state, "ussr").rung


def test_the_views_kept_on_every_state_of_a_game_agree_with_views_made_afresh(scenario: Any) -> None:
    policies = {side: doctrine_policy(scenario, side, "hawk") for side in SIDES}
    state = new_game(scenario, 11, "plausible")
    states = [state]
    while not state.over:
        state = apply(state, {side: policies[side].choose(player_view(state, side)) for side in SIDES})
        states.append(state)
    for s in states:
        for side in SIDES:
            assert player_view(s, side).fingerprint() == player_view(s.copy(), side).fingerprint()
