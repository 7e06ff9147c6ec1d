"""Compiled conditions against a plain reading of their tables, and the shortcuts the hot loops take.

The engine compiles each condition table to one function and lets the hot loops
test its flags inline (``parts``), drop its dates once the turn is known
(``undated``, ``turns_allowed``) and test one order's availability alone
(``is_available``). Each shortcut must agree with the plain meaning of the table.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.random_policy import RandomPolicy
from game.engine.conditions import compile_condition, parts, turns_allowed, undated
from game.engine.orders import available, is_available
from game.engine.resolve import apply
from game.engine.view import player_view
from game.prelude import new_game
from game.scenario.loader import default_scenario_path, load_scenario

FLAGS = ("crisis_public", "crisis_over", "u2_flown", "speech_made", "agreement")
DATES = ("1962-10-16", "1962-10-22", "1962-10-24", "1962-10-27", "1962-10-28")
PARTS = ("day", "am", "pm")
QUARANTINE = ("none", "proclaimed", "in_force", "lifted")

flag_lists = st.lists(st.sampled_from(FLAGS), max_size=2, unique=True)
KEYS = {
    "flags": flag_lists,
    "not_flags": flag_lists,
    "any_flags": st.lists(st.sampled_from(FLAGS), min_size=1, max_size=2, unique=True),
    "rung_min": st.integers(0, 10),
    "rung_max": st.integers(0, 10),
    "defcon_max": st.integers(1, 5),
    "quarantine": st.lists(st.sampled_from(QUARANTINE), min_size=1, max_size=2, unique=True),
    "date_from": st.sampled_from(DATES),
    "date_to": st.sampled_from(DATES),
    "part": st.sampled_from(PARTS),
}


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    """A condition table with a random few of the keys."""
    keys = draw(st.lists(st.sampled_from(sorted(KEYS)), max_size=5, unique=True))
    return {key: draw(KEYS[key]) for key in keys}


facts = st.builds(
    lambda flags, rung, defcon, quarantine, date, part: SimpleNamespace(
        flags=frozenset(flags),
        rung=rung,
        defcon=defcon,
        quarantine=quarantine,
        date=date,
        part=part,
        flagset=lambda side, fs=frozenset(flags): fs,
    ),
    st.lists(st.sampled_from(FLAGS), unique=True),
    st.integers(0, 10),
    st.integers(1, 5),
    st.sampled_from(QUARANTINE),
    st.sampled_from(DATES),
    st.sampled_from(PARTS),
)


def plainly(table: dict[str, Any], o: Any) -> bool:
    """What the table means, read key by key."""
    checks = {
        "flags": lambda v: set(v) <= o.flags,
        "not_flags": lambda v: not set(v) & o.flags,
        "any_flags": lambda v: bool(set(v) & o.flags),
        "rung_min": lambda v: o.rung >= v,
        "rung_max": lambda v: o.rung <= v,
        "defcon_max": lambda v: o.defcon <= v,
        "quarantine": lambda v: o.quarantine in v,
        "date_from": lambda v: o.date >= v,
        "date_to": lambda v: o.date <= v,
        "part": lambda v: o.part == v,
    }
    return all(checks[key](value) for key, value in table.items())


@settings(max_examples=400, deadline=None)
@given(table=tables(), o=facts)
def test_a_compiled_condition_means_what_its_table_says(table: dict[str, Any], o: Any) -> None:
    errors: list[str] = []
    pred = compile_condition(table, "t", errors)
    assert errors == []
    assert pred(o, None) == plainly(table, o)


@settings(max_examples=400, deadline=None)
@given(table=tables(), o=facts)
def test_flags_tested_inline_then_the_rest_agree_with_the_whole(table: dict[str, Any], o: Any) -> None:
    pred = compile_condition(table, "t", [])
    all_of, none_of, rest = parts(pred)
    inline = all_of <= o.flags and none_of.isdisjoint(o.flags) and (rest is None or rest(o, None))
    assert inline == pred(o, None)


@settings(max_examples=300, deadline=None)
@given(table=tables(), o=facts, turn=st.integers(0, len(DATES) * len(PARTS) - 1))
def test_dates_dropped_for_the_turns_they_allow_agree_with_the_whole(table: dict[str, Any], o: Any, turn: int) -> None:
    turns = [SimpleNamespace(date=d, part=p) for d in DATES for p in PARTS]
    o.date, o.part = turns[turn].date, turns[turn].part
    allowed = turns_allowed(table, turns)
    lazy = (allowed is None or turn in allowed) and compile_condition(undated(table), "t", [])(o, None)
    assert lazy == compile_condition(table, "t", [])(o, None)


def test_one_order_tested_alone_agrees_with_the_full_list() -> None:
    """``is_available`` (the doctrine and the order check) and ``available`` (menus, random play) never differ."""
    scenario = load_scenario(default_scenario_path())
    rng = np.random.default_rng(7)
    policy = RandomPolicy()
    views = 0
    for seed in range(12):
        state = new_game(scenario, seed, "plausible")
        while not state.over:
            for side in ("us", "ussr"):
                listed = {o.id for o in available(player_view(state, side))}
                fresh = player_view(state.copy(), side)  # a view whose cache nothing has filled yet
                alone = {o.id for o in scenario.orders_of(side) if is_available(fresh, o)}
                assert alone == listed, f"seed {seed}, {state.date}, {side}"
                views += 1
            state = apply(state, {side: policy.choose(player_view(state, side), rng) for side in ("us", "ussr")})
    assert views > 100
