"""The command line: ``python -m game`` (or ``brinkmanship``) and its commands.

Every command reports bad input (a broken scenario, a bad record) as plain
lines and an exit code of 1, never with a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from game.bench import run_bench
from game.cliargs import build_parser
from game.engine.model import Side
from game.engine.record import ReplayError
from game.engine.scenario_types import Scenario
from game.files import FileProblem, write_text
from game.history import HISTORY_SEED, history_json, history_text, history_transcript, replay_history
from game.kills import soak_kills
from game.probe.command import cmd_probe
from game.report import Debrief, report_for, write_report
from game.saves import SaveError, continue_game, load_game, tidy
from game.scenario import loader
from game.scenario.loader import all_scenario_paths, load_scenario, scenario_path, validate_files
from game.scenario.reading import ScenarioError
from game.session import Session
from game.sim import matrix_table, simulate
from game.soak import SoakFailure, soak_engine
from game.textmode import TextGame, watch_history
from game.tutorial import TUTORIAL_FRICTION, Guide, TutorialRole


def _scenario(name: str) -> Scenario:
    return load_scenario(scenario_path(name))


def _run_window(scenario_id: str, session: Session | None, tutorial: TutorialRole | None = None) -> int:
    from game.ui.main import run_window  # the window loads pygame: only when it opens, never for the terminal

    return run_window(scenario_id, session, tutorial)


def _draw_chart(report: Debrief) -> bytes:
    """The debrief's chart as PNG bytes, for an export from the terminal."""
    from game.ui.export import chart_png  # pygame draws it: loaded only when a debrief is exported

    return chart_png(report)


def cmd_play(args: argparse.Namespace) -> int:
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
        humans: tuple[Side, ...] = ("us", "ussr") if args.hotseat else (args.side,)
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
        game = TextGame(session, clear=not args.no_clear, autosave=True)
        game.draw_chart = _draw_chart
        game.run()
        return 0
    return _run_window(session.scenario.id, session)


def cmd_soak(args: argparse.Namespace) -> int:
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
        from game.ui.fuzz import soak_window  # random input for the window: pygame, for this command only

        window = soak_window(args.events, args.seed)
        print(
            f"window: {window['events']} random events without an error, {window['seconds']} s; screens: "
            f"{', '.join(window['screens'])}"
        )
    return 0


def cmd_tutorial(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario)
    if args.text:
        if args.side == "watch":
            watch_history(scenario)
            return 0
        session = Session.new(scenario, HISTORY_SEED, TUTORIAL_FRICTION, (args.side,), "historical", mode="tutorial")
        game = TextGame(session, clear=False, guide=Guide(scenario, args.side))
        game.draw_chart = _draw_chart
        game.run()
        return 0
    return _run_window(scenario.id, None, tutorial=args.side)


def cmd_report(args: argparse.Namespace) -> int:
    path = Path(args.record)
    try:
        report, _ = report_for(path)
    except SaveError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 1
    page, table = write_report(report, Path(args.out), _draw_chart(report))
    print(f"Debrief written: {page}")
    print(f"Turn log written: {table}")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
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
    return _run_window(args.scenario, None)


def cmd_replay(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario)
    if args.transcript:
        print(history_transcript(scenario), end="")
        return 0
    state, record = replay_history(scenario)
    if args.save:
        write_text(Path(args.save), record.dumps())  # before printing: a failed write leaves no half output
    if args.json:
        print(json.dumps(history_json(state), ensure_ascii=False, indent=1))
    else:
        print(history_text(state))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
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
    scenario = _scenario(args.scenario)
    figures = run_bench(scenario, args.seconds)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for key, value in figures.items():
            print(f"{key:<40} {value}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    paths = args.paths or [str(p) for p in all_scenario_paths()]
    if not paths:
        print(f"{loader.SCENARIO_DIR}: no scenario file (*.toml) to validate", file=sys.stderr)
        return 1
    problems = validate_files(paths)
    if problems:
        for line in problems:
            print(line)
        return 1
    print(f"{len(paths)} scenario file(s) valid.")
    return 0


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_window,  # no command: the window, on the title screen
    "play": cmd_play,
    "replay": cmd_replay,
    "simulate": cmd_simulate,
    "bench": cmd_bench,
    "tutorial": cmd_tutorial,
    "report": cmd_report,
    "soak": cmd_soak,
    "load": cmd_load,
    "validate": cmd_validate,
    "probe": cmd_probe,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
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
