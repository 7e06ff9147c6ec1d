"""The command line: ``python -m game`` (or ``brinkmanship``) and its commands.

Every command reports bad input (a broken scenario, a bad record) as plain
lines and an exit code of 1, never with a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game.ai.doctrine import PERSONALITIES
from game.engine.record import ReplayError
from game.engine.setup import FRICTIONS
from game.files import FileProblem
from game.inputs import SEED_MAX, SEED_MIN, count_arg, seconds_arg, seed_arg
from game.probe.command import add_probe_parser
from game.scenario.loader import DEFAULT_SCENARIO, ScenarioError, all_scenario_paths, load_scenario, scenario_path

DOCTRINES = (*PERSONALITIES, "random")


def _scenario(name: str):  # noqa: ANN202 - Scenario
    return load_scenario(scenario_path(name))


def cmd_play(args: argparse.Namespace) -> int:
    from game.saves import SaveError, continue_game, tidy
    from game.session import Session

    tidy()
    if args.resume:
        try:
            session, notice = continue_game()
        except SaveError as exc:
            for line in exc.problems:
                print(line, file=sys.stderr)
            print("There is no game to continue; start one with: python -m game play", file=sys.stderr)
            return 1
        if notice:
            print(notice, file=sys.stderr)
    else:
        scenario = _scenario(args.scenario)
        humans = ("us", "ussr") if args.hotseat else (args.side,)
        session = Session.new(
            scenario,
            args.seed,
            args.friction,
            humans,
            args.opponent,
            mode="hotseat" if args.hotseat else "single",
            timer=args.timer,
        )
    if args.text:
        from game.textmode import TextGame

        TextGame(session, clear=not args.no_clear, autosave=True).run()
        return 0
    from game.ui.main import run_window

    return run_window(session.scenario.id, session)


def cmd_soak(args: argparse.Namespace) -> int:
    from game.kills import soak_kills
    from game.soak import SoakFailure, soak_engine, soak_window

    if args.kills:
        kills = soak_kills(args.kills, args.seed)
        print(
            f"kills: {kills['runs']} games killed ({kills['mid_write']} in the middle of a save write; "
            f"{kills['finished']} more ended before their kill), "
            f"{kills['continued']} continued at their last completed save, {kills['from_backup']} from the backup, "
            f"{kills['stale_removed']} stale temporary files removed, {kills['seconds']} s"
        )
        if kills["failures"]:
            for line in kills["failures"]:
                print(line, file=sys.stderr)
            return 1
    scenario = _scenario(args.scenario)
    try:
        engine = soak_engine(scenario, args.games, args.seconds, args.seed)
    except SoakFailure as exc:
        print(f"broken invariant: {exc}", file=sys.stderr)
        return 1
    print(
        f"engine: {engine['games']} games, {engine['turns']} turns, {engine['actions']} actions, "
        f"{engine['broken_invariants']} broken invariants, {engine['seconds']} s "
        f"({engine['games_per_second']} games per second)"
    )
    if args.events:
        window = soak_window(args.events, args.seed)
        print(
            f"window: {window['events']} random events without an error, {window['seconds']} s; screens: "
            f"{', '.join(window['screens'])}"
        )
    return 0


def cmd_tutorial(args: argparse.Namespace) -> int:
    from game.history import HISTORY_SEED
    from game.session import Session

    scenario = _scenario(args.scenario)
    if args.text:
        from game.textmode import TextGame, watch_history
        from game.tutorial import TUTORIAL_FRICTION, Guide

        if args.side == "watch":
            watch_history(scenario)
            return 0
        session = Session.new(scenario, HISTORY_SEED, TUTORIAL_FRICTION, (args.side,), "historical", mode="tutorial")
        TextGame(session, clear=False, guide=Guide(scenario, args.side)).run()
        return 0
    from game.ui.main import run_window

    return run_window(scenario.id, None, tutorial=args.side)


def cmd_report(args: argparse.Namespace) -> int:
    from game.report import report_for, write_report
    from game.saves import SaveError

    path = Path(args.record)
    try:
        report, _ = report_for(path)
    except SaveError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 1
    page, table = write_report(report, Path(args.out))
    print(f"Debrief written: {page}")
    print(f"Turn log written: {table}")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from game.saves import SaveError, load_game

    try:
        session = load_game(Path(args.file))
    except SaveError as exc:
        for line in exc.problems:
            print(line)
        return 1
    state = session.state
    print(
        f"{args.file}: a valid save of {session.scenario.title}, {state.turn_def.label}, "
        f"{session.scenario.turn_count(state.turn)}{' (the game is over)' if state.over else ''}."
    )
    return 0


def cmd_window(args: argparse.Namespace) -> int:
    from game.ui.main import run_window

    return run_window(args.scenario, None)


def cmd_replay(args: argparse.Namespace) -> int:
    from game.history import history_json, history_text, history_transcript, replay_history

    scenario = _scenario(args.scenario)
    if args.transcript:
        print(history_transcript(scenario), end="")
        return 0
    state, record = replay_history(scenario)
    if args.save:
        from game.files import write_text

        write_text(Path(args.save), record.dumps())  # before printing: a failed write leaves no half output
    if args.json:
        print(json.dumps(history_json(state), ensure_ascii=False, indent=1))
    else:
        print(history_text(state))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.sim import matrix_table, simulate

    scenario = _scenario(args.scenario)
    if args.matrix:
        print(matrix_table(scenario, args.games, args.seed, args.friction, args.workers))
        return 0
    summary = simulate(scenario, args.us, args.ussr, args.games, args.seed, args.friction, args.workers)
    data = summary.to_json()
    if args.json:
        print(json.dumps(data, indent=1))
        return 0
    print(f"{args.games} games: Kennedy ({args.us}) against Khrushchev ({args.ussr}), {args.friction} friction")
    for kind, n in data["outcomes"].items():
        print(f"  {kind:<18} {n:6d}  {n / summary.games:6.1%}")
    print(f"  mean score         US {data['mean_scores']['us']:.1f}   USSR {data['mean_scores']['ussr']:.1f}")
    print(f"  mean rank (1 best) US {data['mean_ranks']['us']:.2f}   USSR {data['mean_ranks']['ussr']:.2f}")
    print("  ladder reached:    " + "  ".join(f"{r}:{summary.reached(r):.0%}" for r in range(3, 11)))
    print(f"  {data['games_per_second']} games per second")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from game.bench import run_bench

    scenario = _scenario(args.scenario)
    figures = run_bench(scenario, args.seconds)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for key, value in figures.items():
            print(f"{key:<40} {value}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from game.scenario.loader import SCENARIO_DIR, validate_files

    paths = args.paths or [str(p) for p in all_scenario_paths()]
    if not paths:
        print(f"{SCENARIO_DIR}: no scenario file (*.toml) to validate", file=sys.stderr)
        return 1
    problems = validate_files(paths)
    if problems:
        for line in problems:
            print(line)
        return 1
    print(f"{len(paths)} scenario file(s) valid.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m game",
        description="Brinkmanship: October 1962 — lead Kennedy or Khrushchev through the Cuban Missile Crisis. "
        "With no command, the game's window opens on the title screen.",
    )
    parser.add_argument("--scenario", default=DEFAULT_SCENARIO, help="scenario id or path (default: %(default)s)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # --scenario is taken after the command too (``play --scenario classroom45``), as a teacher would type it.
    scenario_opt = argparse.ArgumentParser(add_help=False)
    scenario_opt.add_argument(
        "--scenario", default=argparse.SUPPRESS, help=f"scenario id or path (default: {DEFAULT_SCENARIO})"
    )

    play = sub.add_parser(
        "play", parents=[scenario_opt], help="start a game at once (in the window, or with --text in the terminal)"
    )
    play.add_argument("--text", action="store_true", help="play in the terminal instead of the window")
    play.add_argument("--side", choices=("us", "ussr"), default="us", help="the leader you play (default: us)")
    play.add_argument(
        "--opponent",
        choices=PERSONALITIES,
        default="historical",
        help="the AI opponent's personality (default: historical)",
    )
    play.add_argument(
        "--friction",
        choices=FRICTIONS,
        default="plausible",
        help="historical: the incidents of 27 October happen that day; plausible: incidents are "
        "drawn from the risk (default: plausible)",
    )
    play.add_argument(
        "--seed",
        type=seed_arg,
        default=1962,
        help=f"seed of the game's dice, from {SEED_MIN} to {SEED_MAX} (default: 1962)",
    )
    play.add_argument("--hotseat", action="store_true", help="two players at one keyboard, one for each leader")
    play.add_argument(
        "--timer",
        type=count_arg(0, 3600),
        default=0,
        metavar="SECONDS",
        help="hot-seat in the window: seconds each player has for a turn (default: no timer)",
    )
    play.add_argument("--no-clear", action="store_true", help="do not clear the screen between hot-seat players")
    play.add_argument(
        "--continue",
        dest="resume",
        action="store_true",
        help="go back to the last game (saved at the start of every turn)",
    )
    play.set_defaults(func=cmd_play)

    replay = sub.add_parser(
        "replay", parents=[scenario_opt], help="replay the historical path (both leaders as the record shows them)"
    )
    replay.add_argument(
        "--history",
        action="store_true",
        required=True,
        help="both leaders on the historical doctrine, historical friction",
    )
    replay.add_argument("--json", action="store_true", help="print one JSON object with outcome and log")
    replay.add_argument(
        "--transcript", action="store_true", help="print the turn-by-turn transcript kept as the tests' golden file"
    )
    replay.add_argument("--save", metavar="RECORD.json", help="also write the game record to this file")
    replay.set_defaults(func=cmd_replay)

    simulate = sub.add_parser("simulate", parents=[scenario_opt], help="statistics of many AI-against-AI games")
    simulate.add_argument("--games", type=count_arg(1, 10**7), default=1000, help="number of games (default: 1000)")
    simulate.add_argument("--us", choices=DOCTRINES, default="historical", help="Kennedy's doctrine")
    simulate.add_argument("--ussr", choices=DOCTRINES, default="historical", help="Khrushchev's doctrine")
    simulate.add_argument("--friction", choices=FRICTIONS, default="plausible", help="friction setting")
    simulate.add_argument("--seed", type=seed_arg, default=1, help="seed of the first game; the others follow")
    simulate.add_argument(
        "--workers",
        type=count_arg(1, 256),
        default=os.cpu_count() or 1,
        help="processes to play on (default: one per core); the results do not depend on it",
    )
    simulate.add_argument("--json", action="store_true", help="print the figures as JSON")
    simulate.add_argument(
        "--matrix",
        action="store_true",
        help="every personality against every other: a Markdown table (as in the README)",
    )
    simulate.set_defaults(func=cmd_simulate)

    bench = sub.add_parser("bench", parents=[scenario_opt], help="measure the engine's speed")
    bench.add_argument("--seconds", type=seconds_arg, default=3.0, help="time given to each measurement (default: 3)")
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.set_defaults(func=cmd_bench)

    tutorial = sub.add_parser(
        "tutorial", parents=[scenario_opt], help="the crisis as it happened, explained day by day"
    )
    tutorial.add_argument("--text", action="store_true", help="in the terminal instead of the window")
    tutorial.add_argument(
        "--side",
        choices=("us", "ussr", "watch"),
        default="watch",
        help="watch both leaders follow the record, or lead one side yourself (default: watch)",
    )
    tutorial.set_defaults(func=cmd_tutorial)

    report = sub.add_parser("report", help="write the debrief of a game: an HTML page and a CSV of the turns")
    report.add_argument("record", metavar="RECORD.json", help="a saved game, or a record from replay --save")
    report.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")
    report.set_defaults(func=cmd_report)

    soak = sub.add_parser(
        "soak", parents=[scenario_opt], help="random play with every invariant checked, then random input in the window"
    )
    soak.add_argument("--games", type=count_arg(1, 10**7), default=1000, help="random games to play (default: 1000)")
    soak.add_argument(
        "--seconds", type=seconds_arg, default=600.0, help="stop the games after this long (default: 600)"
    )
    soak.add_argument(
        "--events",
        type=count_arg(0, 10**8),
        default=20000,
        help="random input events for the window, headless (default: 20000; 0 to skip)",
    )
    soak.add_argument(
        "--kills",
        type=count_arg(0, 100_000),
        default=0,
        help="first, terminal games to kill at random moments and mid-save, each then continued (default: 0)",
    )
    soak.add_argument("--seed", type=seed_arg, default=0, help="seed of the first game")
    soak.set_defaults(func=cmd_soak)

    load = sub.add_parser("load", help="check a saved game; exit 1 listing every problem")
    load.add_argument("file", metavar="FILE", help="a saved game (from the saves folder, or anywhere)")
    load.set_defaults(func=cmd_load)

    validate = sub.add_parser("validate", help="check scenario files; exit 1 listing every problem")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="scenario files (default: all in scenarios/)")
    validate.set_defaults(func=cmd_validate)

    add_probe_parser(sub, [scenario_opt])
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.func = cmd_window
    try:
        return args.func(args)
    except ScenarioError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 1
    except ReplayError as exc:
        print(f"cannot replay: {exc}", file=sys.stderr)
        return 1
    except FileProblem as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
