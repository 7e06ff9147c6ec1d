"""The command line's words: ``python -m game``, each command and its options, and their help.

Each command's options are added by a function of their own; ``game.cli`` runs the command chosen.
"""

from __future__ import annotations

import argparse
import os
from typing import TypeAlias

from game.ai.doctrine import PERSONALITIES
from game.engine.setup import FRICTIONS
from game.inputs import SEED_MAX, SEED_MIN, count_arg, seconds_arg, seed_arg
from game.probe.command import add_probe_parser
from game.scenario.loader import DEFAULT_SCENARIO

DOCTRINES = (*PERSONALITIES, "random")

Subparsers: TypeAlias = (
    "argparse._SubParsersAction[argparse.ArgumentParser]"  # what ``add_subparsers`` gives: each command is added to it
)


def build_parser() -> argparse.ArgumentParser:
    """Every command, in the order ``--help`` lists them."""
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

    for add in (_play, _replay, _simulate, _bench, _tutorial, _report, _soak, _load, _validate):
        add(sub, [scenario_opt])
    add_probe_parser(sub, [scenario_opt])
    return parser


def _play(sub: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    play = sub.add_parser(
        "play", parents=parents, help="start a game at once (in the window, or with --text in the terminal)"
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


def _replay(sub: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    replay = sub.add_parser(
        "replay", parents=parents, help="replay the historical path (both leaders as the record shows them)"
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


def _simulate(sub: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    simulate = sub.add_parser("simulate", parents=parents, help="statistics of many AI-against-AI games")
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


def _bench(sub: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    bench = sub.add_parser("bench", parents=parents, help="measure the engine's speed")
    bench.add_argument("--seconds", type=seconds_arg, default=3.0, help="time given to each measurement (default: 3)")
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")


def _tutorial(sub: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    tutorial = sub.add_parser("tutorial", parents=parents, help="the crisis as it happened, explained day by day")
    tutorial.add_argument("--text", action="store_true", help="in the terminal instead of the window")
    tutorial.add_argument(
        "--side",
        choices=("us", "ussr", "watch"),
        default="watch",
        help="watch both leaders follow the record, or lead one side yourself (default: watch)",
    )


def _report(sub: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="write the debrief of a game: an HTML page and a CSV of the turns")
    report.add_argument("record", metavar="RECORD.json", help="a saved game, or a record from replay --save")
    report.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")


def _soak(sub: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    soak = sub.add_parser(
        "soak", parents=parents, help="random play with every invariant checked, then random input in the window"
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


def _load(sub: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    load = sub.add_parser("load", help="check a saved game; exit 1 listing every problem")
    load.add_argument("file", metavar="FILE", help="a saved game (from the saves folder, or anywhere)")


def _validate(sub: Subparsers, parents: list[argparse.ArgumentParser]) -> None:
    validate = sub.add_parser("validate", help="check scenario files; exit 1 listing every problem")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="scenario files (default: all in scenarios/)")
