"""``python -m game probe``: a plan against a doctrine, the search for a better one, or the balance table.

Bad input (a malformed plan, a missing option, an output path that is not a
file) is reported as plain lines with exit code 1, as every command does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game.ai.doctrine import PERSONALITIES
from game.engine.model import LEADER, other
from game.engine.scenario_types import Scenario
from game.engine.setup import FRICTIONS
from game.files import write_text
from game.inputs import count_arg, seed_arg
from game.probe.plan import PlanError, load_plan
from game.probe.runner import ProbeResult, run_probe
from game.probe.search import FRESH, search
from game.probe.table import probe_table
from game.probe.writer import dumps_plan
from game.scenario.loader import DEFAULT_SCENARIO, load_scenario, scenario_path

RANKS = ((1, "own victory"), (2, "compromise"), (3, "other's victory"), (4, "nuclear war"))


def add_probe_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], parents: list[argparse.ArgumentParser]
) -> None:
    p = sub.add_parser(
        "probe",
        parents=parents,
        help="play a fixed plan against a doctrine over many seeds, or search for the plan that beats it",
    )
    p.add_argument("--side", choices=("us", "ussr"), help="the plan's side (default: the plan file's)")
    p.add_argument("--opponent", choices=PERSONALITIES, default="historical", help="the doctrine played against")
    p.add_argument("--strategy", metavar="FILE", help="the plan (TOML; see scenarios/plans/)")
    p.add_argument(
        "--games",
        type=count_arg(1, 10_000_000),
        help="games (default: 1000; with --search/--table, per evaluation: 100)",
    )
    p.add_argument("--seed", type=seed_arg, default=1, help="seed of the first game; the others follow (default: 1)")
    p.add_argument("--friction", choices=FRICTIONS, default="plausible", help="friction (default: plausible)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--search", action="store_true", help="search for the best plan and write it to --out")
    p.add_argument("--passive", action="store_true", help="--search: only orders of talk, no pressure")
    p.add_argument("--table", action="store_true", help="search all six pairings: the README's Markdown table")
    p.add_argument("--generations", type=count_arg(1, 10_000), default=8, help="generations of the search (default: 8)")
    p.add_argument("--population", type=count_arg(2, 10_000), default=16, help="plans per generation (default: 16)")
    p.add_argument(
        "--final-games",
        type=count_arg(1, 10_000_000),
        help="fresh seeds the best plans are played on at the end (default: 1000; 2000 for --table)",
    )
    p.add_argument("--out", metavar="PATH", help="--search: the plan file to write; --table: a folder for the plans")
    p.add_argument(
        "--workers",
        type=count_arg(1, 256),
        default=os.cpu_count() or 1,
        help="processes to play on (default: one per core); the results do not depend on it",
    )


def _fail(lines: list[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return 1


def _usage(args: argparse.Namespace) -> list[str]:
    problems: list[str] = []  # the numbers were checked by argparse as they were read
    if args.search and not (args.side and args.out):
        problems.append("--search needs --side and --out")
    if not (args.search or args.table or args.strategy):
        problems.append("give --strategy FILE (or --search, or --table)")
    if args.out and (args.search or args.table):
        out = Path(args.out)
        if out.exists() and (out.is_file() if args.table else not out.is_file()):
            problems.append(f"{out}: must be {'a folder' if args.table else 'a file'}")
    return problems


def print_result(result: ProbeResult, what: str, opponent: str, friction: str, seed: int) -> None:
    data = result.to_json()
    side, n = result.side, data["games"]
    print(
        f"{n} games: {what} ({LEADER[side]}) against {LEADER[other(side)]} ({opponent}), {friction} friction, "
        f"seeds {seed}-{seed + n - 1}"
    )
    for rank, label in RANKS:
        count = data["ranks"][str(rank)]
        print(f"  {label:<16} {count:6d}  {count / n:6.1%}")
    print("  outcomes:        " + ", ".join(f"{k} {v}" for k, v in data["outcomes"].items()))
    print(f"  mean score       plan {data['mean_score']:.1f}   opponent {data['mean_opponent_score']:.1f}")
    print(f"  highest rung     {data['max_rung']}; rung 6 or more in {data['rung6']:.1%} of games")
    most = sorted(result.skipped.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print(
        f"  orders skipped   {data['skipped']} ({data['skipped_dated']} of the dated ones)"
        + ("; most: " + ", ".join(f"{k} {v}" for k, v in most) if most else "")
    )


def cmd_probe(args: argparse.Namespace) -> int:
    problems = _usage(args)
    if problems:
        return _fail(problems)
    scenario = load_scenario(scenario_path(getattr(args, "scenario", DEFAULT_SCENARIO)))
    if args.table:
        print(
            probe_table(
                scenario,
                args.friction,
                args.games or 100,
                args.generations,
                args.population,
                args.seed,
                args.workers,
                args.final_games or 2000,
                Path(args.out) if args.out else None,
                lambda line: print(line, file=sys.stderr),
            )
        )
        return 0
    if args.search:
        return _search(args, scenario)
    try:
        plan = load_plan(args.strategy, scenario)
    except PlanError as exc:
        return _fail(exc.problems)
    if args.side and args.side != plan.side:
        return _fail([f"{args.strategy}: side: the plan is for {plan.side}, not {args.side}"])
    result = run_probe(scenario, plan, args.opponent, args.games or 1000, args.seed, args.friction, args.workers)
    if args.json:
        print(
            json.dumps(
                {
                    "plan": args.strategy,
                    "opponent": args.opponent,
                    "friction": args.friction,
                    "seed": args.seed,
                    "scenario": scenario.id,
                    **result.to_json(),
                },
                indent=1,
            )
        )
    else:
        print_result(result, f"plan {args.strategy}", args.opponent, args.friction, args.seed)
    return 0


def _search(args: argparse.Namespace, scenario: Scenario) -> int:
    games, final = args.games or 100, args.final_games or 1000
    found = search(
        scenario,
        args.side,
        args.opponent,
        args.friction,
        games,
        args.generations,
        args.population,
        args.seed,
        args.workers,
        final,
        lambda line: print(line, file=sys.stderr),
        args.passive,
    )
    r = found.result
    header = (
        f"Found by: python -m game probe --search{' --passive' if args.passive else ''} --side {args.side} "
        f"--opponent {args.opponent} "
        f"--games {games} --generations {args.generations} --population {args.population} "
        f"--seed {args.seed} --friction {args.friction}\n"
        f"On {final} fresh seeds (from {args.seed + FRESH}): win {r.win:.1%}, compromise {r.rate(2):.1%}, "
        f"loss {r.rate(3):.1%}, war {r.rate(4):.1%}, rung 6+ {r.summary.reached(6):.1%}"
    )
    write_text(Path(args.out), dumps_plan(found.plan, header))
    if args.json:
        print(
            json.dumps(
                {
                    "plan": args.out,
                    "opponent": args.opponent,
                    "evaluations": found.evaluations,
                    "seed": args.seed + FRESH,
                    **r.to_json(),
                },
                indent=1,
            )
        )
    else:
        print_result(r, "the plan found", args.opponent, args.friction, args.seed + FRESH)
        print(f"Plan written: {args.out}")
    return 0
