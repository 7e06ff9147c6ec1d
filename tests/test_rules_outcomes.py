"""What the players are given and what they are judged by: a variant's own dice, their meters, their score."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import setup
from game.engine.dice import seed_state
from game.engine.scoring import scores
from game.engine.view import player_view
from game.prelude import historical_orders, new_game
from game.scenario.loader import load_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@pytest.mark.parametrize("name", ["black_saturday", "run_the_line", "airstrike", "classroom45"])
def test_a_variant_plays_its_prelude_then_takes_the_players_seed_and_friction(name):
    variant = load_scenario(SCENARIOS / f"{name}.toml")
    assert variant.prelude_turns, "a variant without a prelude tests nothing here"
    for seed, friction in ((5, "plausible"), (77, "historical")):
        s = new_game(variant, seed, friction)
        assert (s.seed, s.friction, s.rng, s.draws) == (seed, friction, seed_state(seed), ())
    assert new_game(variant, 5, "plausible").turn == new_game(variant, 77, "historical").turn > 0


@pytest.mark.parametrize("side", ["us", "ussr"])
def test_each_side_reads_its_own_meters_as_they_stand(scenario, side):
    s = new_game(scenario, 1, "plausible").copy()
    s.meters = {key: 10.0 + i for i, key in enumerate(sorted(s.meters))}
    view = player_view(s, side)
    assert view.meters == {key: s.meters[key] for key in scenario.visible_meters[side]}
    assert any(key.startswith(f"{side}.") for key in view.meters)


def _end_with(scenario, remaining: int, halted: int = 0, bombers: int = 0, invaded: bool = False):
    """A state whose first ``remaining`` medium-range sites still build (``halted`` of them halted)."""
    s = new_game(scenario, 1, "plausible").copy()
    sites, kept = [], 0
    for i, x in enumerate(s.sites):
        if x.kind == "mrbm" and kept < remaining:
            x = x._replace(status="halted" if kept < halted else "building")
            kept += 1
        elif x.kind == "mrbm":  # struck or dismantled: gone either way
            x = x._replace(status="struck" if i % 2 else "dismantled", readiness=0.0)
        sites.append(x)
    s.sites, s.bombers, s.invaded = tuple(sites), bombers, invaded
    return s


def test_the_us_security_score_counts_the_launchers_left_the_bombers_and_an_invasion(scenario):
    rules = scenario.rules.scoring
    mrbm = [x.launchers for x in scenario.sites if x.kind == "mrbm"]
    total, per_site = sum(mrbm), mrbm[0]
    assert set(mrbm) == {per_site} and len(mrbm) == 6

    def security(**kw) -> int:
        return scores(_end_with(scenario, **kw))["us"].parts["security"]

    def expected(left: int, penalty: float = 0.0) -> int:
        return round(min(20.0, max(0.0, 20.0 * (1 - left * per_site / total) - penalty)))

    assert security(remaining=0) == 20
    assert security(remaining=6) == 0
    assert security(remaining=2) == expected(2) == 13
    assert security(remaining=2, halted=2) == expected(2), "a halted site still counts"
    assert security(remaining=2, bombers=5) == expected(2, rules.bombers_penalty)
    assert security(remaining=2, invaded=True) == expected(2, rules.invasion_cost)
    assert security(remaining=1, bombers=5, invaded=True) == expected(1, rules.bombers_penalty + rules.invasion_cost)


def test_the_kernel_plays_a_prelude_only_with_the_orders_it_is_handed():
    variant = load_scenario(SCENARIOS / "black_saturday.toml")
    with pytest.raises(ValueError, match="turns of history"):
        setup.new_game(variant, 5, "plausible")
    assert setup.new_game(variant, 5, "plausible", historical_orders(variant)) == new_game(variant, 5, "plausible")
