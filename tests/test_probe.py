"""The probe: plan files read and written, plans played on their own side's view, the search, the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.model import Order, Term
from game.engine.record import play_turn
from game.engine.view import PlayerView, player_view
from game.prelude import new_game
from game.probe import policy as policy_module
from game.probe.plan import AcceptRule, Plan, PlanError, PlanOrder, PlanTurn, load_plan, loads_plan
from game.probe.policy import PlanPolicy
from game.probe.runner import play_plan, run_probe
from game.probe.search import PLANS_DIR, is_passive, passive_plan, plan_orders, prune, search, seed_plans
from game.probe.table import probe_table, target_problems
from game.probe.writer import dumps_plan

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "game", "probe", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


# ---------------------------------------------------------------- reading and writing plans


@pytest.mark.parametrize("path", sorted(PLANS_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_shipped_plans_are_valid_and_round_trip(scenario, path):
    plan = load_plan(path, scenario)
    assert loads_plan(dumps_plan(plan), scenario) == plan


def test_a_plan_with_every_field_round_trips(scenario):
    plan = Plan(
        "us",
        (
            PlanTurn("1962-10-22", "", (PlanOrder("address"), PlanOrder("board", "any"))),
            PlanTurn(
                "1962-10-26",
                "pm",
                (
                    PlanOrder("back_channel", "", ("withdraw_missiles",), ("remove_jupiters_turkey",), 2),
                    PlanOrder("hail", "poltava"),
                    PlanOrder("reject", "3"),
                ),
            ),
        ),
        (PlanOrder("excomm"),),
        (),
        AcceptRule(("withdraw_missiles",), ("remove_jupiters_italy",), "accept"),
    )
    text = dumps_plan(plan, "a header\nof two lines")
    assert text.startswith("# a header\n# of two lines\n")
    assert loads_plan(text, scenario) == plan


HOSTILE = {
    "missing side": ('every_turn = ["excomm"]', "side: missing"),
    "side of the wrong type": ("side = 3", "side: must be"),
    "an order of the other side": ('side = "us"\nevery_turn = ["presidium"]', "is a ussr order"),
    "unknown order": ('side = "us"\nevery_turn = ["nuke_moscow"]', "unknown order 'nuke_moscow'"),
    "unknown term": (
        'side = "us"\n[[turn]]\ndate = "1962-10-24"\norders = [{ order = "letter", terms = ["give_alaska"] }]',
        "unknown term 'give_alaska'",
    ),
    "impossible date": ('side = "us"\n[[turn]]\ndate = "1962-10-32"\norders = []', "is not a turn of october1962"),
    "date outside the crisis": ('side = "us"\n[[turn]]\ndate = 1962-12-25\norders = []', "is not a turn"),
    "bad part": ('side = "us"\n[[turn]]\ndate = "1962-10-26"\npart = "noon"\norders = []', "part: must be"),
    "missing part": ('side = "us"\n[[turn]]\ndate = "1962-10-26"\norders = []', "has two turns"),
    "a string for a list": ('side = "us"\nevery_turn = "excomm"', "every_turn: must be a list"),
    "nested lists": ('side = "us"\nevery_turn = ' + "[" * 40 + "]" * 40, "must be an order id or a table"),
    "nested too deeply": ('side = "us"\nevery_turn = ' + "[" * 5000 + "]" * 5000, "nested too deeply"),
    "huge deadline": (
        'side = "us"\n[[turn]]\ndate = "1962-10-24"\norders = [{ order = "letter", '
        'terms = ["no_invasion"], deadline = 99999999999999999 }]',
        "deadline: must be",
    ),
    "5,000-digit number": ('side = "us"\nx = ' + "9" * 5000, "not a valid TOML file"),
    "deadline as a boolean": (
        'side = "us"\n[[turn]]\ndate = "1962-10-24"\norders = [{ order = "letter", '
        'terms = ["no_invasion"], deadline = true }]',
        "deadline: must be",
    ),
    "secret said in public": (
        'side = "us"\n[[turn]]\ndate = "1962-10-24"\norders = [{ order = "statement", '
        'secret = ["remove_jupiters_turkey"] }]',
        "said in public",
    ),
    "a term public and secret": (
        'side = "us"\n[[turn]]\ndate = "1962-10-24"\norders = [{ order = "letter", '
        'terms = ["remove_jupiters_turkey"], secret = ["remove_jupiters_turkey"] }]',
        "both public and secret",
    ),
    "a target where none is taken": (
        'side = "us"\nevery_turn = [{ order = "excomm", target = "any" }]',
        "takes no target",
    ),
    "no such ship": ('side = "us"\nevery_turn = [{ order = "board", target = "titanic" }]', "no ship 'titanic'"),
    "an offer named by a superscript": (
        'side = "us"\nevery_turn = [{ order = "accept", target = "²" }]',
        "named by its number",
    ),
    "unknown field": ('side = "us"\nbudget = 7', "unknown field 'budget'"),
    "accept with an order that does not accept": ('side = "us"\naccept = { order = "excomm" }', "not an accept order"),
    "a turn planned twice": (
        'side = "us"\n[[turn]]\ndate = "1962-10-24"\n[[turn]]\ndate = "1962-10-24"',
        "planned twice",
    ),
    "too many orders": ('side = "us"\nevery_turn = [' + ", ".join(['"excomm"'] * 17) + "]", "at most 16"),
    "terms on an order that is not an offer": (
        'side = "us"\nevery_turn = [{ order = "excomm", terms = ["no_invasion"] }]',
        "is not an offer",
    ),
    "a deadline without terms": (
        'side = "us"\n[[turn]]\ndate = "1962-10-24"\norders = [{ order = "letter", deadline = 2 }]',
        "without terms",
    ),
    "a turn that is not a table": ('side = "us"\nturn = [1]', "must be a [[turn]] table"),
    "TOML syntax": ('side = "us\n', "not a valid TOML file"),
    "a long string is cut short": ('side = "' + "x" * 100_000 + '"', "side: must be"),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_malformed_plan_gives_one_line(scenario, case):
    text, expected = HOSTILE[case]
    with pytest.raises(PlanError) as info:
        loads_plan(text, scenario, "p.toml")
    problems = info.value.problems
    assert len(problems) == 1, problems
    assert problems[0].startswith("p.toml: ") and expected in problems[0], problems[0]
    assert "\n" not in problems[0] and len(problems[0]) < 300


def test_every_problem_gets_its_line(scenario):
    with pytest.raises(PlanError) as info:
        loads_plan('side = "mars"\nevery_turn = ["nope", "presidium"]\n[[turn]]\ndate = "1963-01-01"', scenario)
    assert len(info.value.problems) == 3  # side, unknown order, date ("presidium" is not checked against no side)


def test_files_that_are_not_plans(scenario, tmp_path):
    (tmp_path / "empty.toml").write_text("")
    (tmp_path / "latin1.toml").write_bytes(b'side = "\xe9"')
    os.mkfifo(tmp_path / "fifo.toml")
    for name, expected in (
        ("missing.toml", "no such file"),
        ("empty.toml", "empty"),
        ("latin1.toml", "UTF-8"),
        ("fifo.toml", "not a regular file"),
        (".", "folder"),
    ):
        with pytest.raises(PlanError) as info:
            load_plan(tmp_path / name, scenario)
        assert len(info.value.problems) == 1 and expected in info.value.problems[0]


# ---------------------------------------------------------------- playing a plan

IMPOSSIBLE = """side = "us"
every_turn = ["excomm", "brief_allies", "u2", "oas", "un_case"]
after_agreement = [{ order = "letter", terms = ["no_invasion"] }]
accept = { includes = ["withdraw_missiles"] }

[[turn]]
date = "1962-10-16"
orders = ["lowlevel", "defcon_down", { order = "reject", target = "7" }, "address", "address"]
"""


def test_orders_that_cannot_be_given_are_skipped_and_counted(scenario):
    plan = loads_plan(IMPOSSIBLE, scenario)
    result = play_plan(scenario, plan, "historical", range(1, 3), "plausible")
    skipped = result.skipped
    assert skipped["1962-10-16:lowlevel"] == 2  # the crisis is not yet public
    assert skipped["1962-10-16:reject"] == 2  # there is no offer 7
    assert skipped["1962-10-16:address"] == 2  # the second one: given twice
    assert skipped["every_turn:un_case"] >= 2  # no action points left on 16 October
    assert result.summary.games == 2
    data = result.to_json()
    assert data["skipped"] == sum(skipped.values()) and data["skipped_dated"] == 6


def test_offers_once_terms_are_agreed_are_skipped(scenario):
    plan = loads_plan(IMPOSSIBLE, scenario)
    policy = PlanPolicy(plan, scenario)
    state = new_game(scenario, 1, "plausible").copy()
    state.agreement = (Term("withdraw_missiles"), Term("no_invasion"))
    assert Order("letter", "", (Term("no_invasion"),)) not in policy.choose(player_view(state, "us"))
    assert policy.skipped["after_agreement:letter"] == 1


def test_the_plan_policy_sees_only_its_own_view(scenario, monkeypatch):
    seen = []
    choose = PlanPolicy.choose

    def spy(self, view, rng=None):
        seen.append(view)
        return choose(self, view, rng)

    monkeypatch.setattr(policy_module.PlanPolicy, "choose", spy)
    plan = load_plan(PLANS_DIR / "passive_ussr.toml", scenario)
    play_plan(scenario, plan, "historical", range(1, 2), "plausible")
    assert seen and all(type(v) is PlayerView and v.side == "ussr" for v in seen)


def test_the_plan_cannot_tell_the_other_sides_secrets(scenario):
    """Two states that differ only in Moscow's secrets give Kennedy's plan the same orders."""
    plan = load_plan(PLANS_DIR / "aggressive_us.toml", scenario)
    policy = PlanPolicy(plan, scenario)
    state = new_game(scenario, 5, "plausible")
    while state.date < "1962-10-24":
        state = play_turn(state, {"us": policy.choose(player_view(state, "us")), "ussr": ()}, None)
    twin = state.copy()
    twin.subs = tuple(s._replace(nuclear_torpedo=not s.nuclear_torpedo) for s in state.subs)
    twin.ships = tuple(s if s.revealed else s._replace(cargo="oil") for s in state.ships)
    twin.tactical, twin.local_authority = state.tactical + 40, not state.local_authority
    assert policy.choose(player_view(twin, "us")) == policy.choose(player_view(state, "us"))


def test_the_probe_is_deterministic_on_any_number_of_processes(scenario):
    plan = load_plan(PLANS_DIR / "example_us.toml", scenario)
    one = run_probe(scenario, plan, "hawk", 8, 11, "plausible", workers=1).to_json()
    again = run_probe(scenario, plan, "hawk", 8, 11, "plausible", workers=1).to_json()
    two = run_probe(scenario, plan, "hawk", 8, 11, "plausible", workers=2).to_json()
    assert one == again == two


def test_pruning_always_skipped_orders_changes_no_game(scenario):
    plan = loads_plan(IMPOSSIBLE, scenario)
    result = run_probe(scenario, plan, "dove", 4, 1, "plausible")
    pruned, counted = prune(plan, result)
    kept = [o.order for t in pruned.turns for o in t.orders]
    assert "lowlevel" not in kept and "reject" not in kept and kept.count("address") == 1
    assert run_probe(scenario, pruned, "dove", 4, 1, "plausible").to_json() == counted.to_json()


# ---------------------------------------------------------------- the search and the table


def test_the_passive_plans_are_passive(scenario):
    for side in ("us", "ussr"):
        plan = passive_plan(scenario, side)
        assert all(is_passive(scenario.orders[o.order]) for o in plan_orders(plan))
        assert plan in seed_plans(scenario, side, passive=True)
    assert not is_passive(scenario.orders["proclaim_quarantine"]) and not is_passive(scenario.orders["alert_up"])
    found = search(scenario, "us", "hawk", games=2, generations=2, population=4, final_games=2, passive=True)
    assert all(is_passive(scenario.orders[o.order]) for o in plan_orders(found.plan))


def test_a_tiny_search_returns_a_valid_plan_file(scenario, tmp_path):
    found = search(scenario, "ussr", "dove", games=3, generations=2, population=4, seed=3, final_games=3)
    assert found.plan.side == "ussr" and found.result.summary.games == 3 and found.evaluations == 8
    path = tmp_path / "best.toml"
    path.write_text(dumps_plan(found.plan, "found"))
    assert load_plan(path, scenario) == found.plan
    again = search(scenario, "ussr", "dove", games=3, generations=2, population=4, seed=3, final_games=3)
    assert again.plan == found.plan


def test_the_table_has_six_pairings(scenario, tmp_path):
    table = probe_table(scenario, games=2, generations=1, population=2, final_games=2, out_dir=tmp_path)
    lines = table.splitlines()
    assert len(lines) == 8 and all(line.startswith("| ") for line in lines[2:])
    assert len(list(tmp_path.glob("best_*.toml"))) == len(list(tmp_path.glob("passive_*.toml"))) == 6


def test_the_targets_are_judged_as_the_issue_states(scenario):
    plan = passive_plan(scenario, "us")
    passive = run_probe(scenario, plan, "dove", 2, 1, "plausible")
    passive.summary.rank_counts["us"].clear()
    passive.summary.rank_counts["us"][2] = 2  # compromises only
    assert target_problems(passive, passive) == []
    winner = run_probe(scenario, plan, "dove", 1, 1, "plausible")
    winner.summary.rank_counts["us"].clear()
    winner.summary.rank_counts["us"][1] = 1  # a plan that always wins, at rung 2
    assert target_problems(winner, winner) == [
        "best plan wins > 50 %",
        "wins > 25 % without risk",
        "passive wins > 5 %",
    ]


# ---------------------------------------------------------------- the command


def test_cli_json_fields_and_rates(tmp_path):
    done = run("--strategy", "scenarios/plans/passive_us.toml", "--games", "6", "--workers", "1", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    for key in (
        "games",
        "win",
        "compromise",
        "loss",
        "war",
        "rung6",
        "mean_score",
        "mean_opponent_score",
        "skipped",
        "outcomes",
        "max_rung",
    ):
        assert key in data
    assert data["games"] == 6 and sum(data["outcomes"].values()) == 6
    assert abs(data["win"] + data["compromise"] + data["loss"] + data["war"] - 1.0) < 1e-9


def test_cli_malformed_plan_and_bad_use(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('side = "us"\nevery_turn = ["nope"]\n[[turn]]\ndate = "1962-13-01"\n')
    done = run("--strategy", str(bad), "--games", "2")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 2 and all(str(bad) in line for line in done.stderr.splitlines())
    assert run("--strategy", "scenarios/plans/passive_us.toml", "--side", "ussr").returncode == 1
    assert run("--search", "--side", "us").returncode == 1  # no --out
    assert run().returncode == 1


def test_cli_search_writes_a_plan(tmp_path):
    out = tmp_path / "found.toml"
    done = run(
        "--search",
        "--side",
        "us",
        "--opponent",
        "dove",
        "--games",
        "2",
        "--generations",
        "1",
        "--population",
        "2",
        "--final-games",
        "2",
        "--workers",
        "1",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("# Found by: python -m game probe --search")
    again = run("--strategy", str(out), "--games", "2", "--workers", "1")
    assert again.returncode == 0, again.stderr


def test_orders_are_plain_engine_orders(scenario):
    plan = load_plan(PLANS_DIR / "passive_us.toml", scenario)
    view = player_view(new_game(scenario, 1, "plausible"), "us")
    assert PlanPolicy(plan, scenario).choose(view) == (Order("excomm"), Order("brief_allies"))
