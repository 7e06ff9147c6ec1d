"""The balance table of the README: the search and the passive plan for both sides against every doctrine.

The passive figure is the better of two: the shipped passive plan, and the
best plan a search restricted to orders of talk finds. Each row also says
whether it meets the balance targets of issue 9, so the table can be read at
a glance while the doctrines are tuned.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.ai.doctrine import PERSONALITIES
from game.engine.model import LEADER, Side, other
from game.engine.scenario_types import Scenario
from game.files import write_text
from game.probe.runner import ProbeResult, run_probe
from game.probe.search import passive_plan, search
from game.probe.writer import dumps_plan

HEADER = (
    "| plan side | doctrine | best plan: win | compromise | loss | war | rung 6+ | mean score (plan) "
    "| mean score (doctrine) | passive plan: win | passive search: win | targets |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def target_problems(best: ProbeResult, passive: ProbeResult) -> list[str]:
    """Which of the balance targets a pairing misses (an empty list: all met)."""
    out = []
    if best.win > 0.5:
        out.append("best plan wins > 50 %")
    if best.win > 0.25 and best.summary.reached(6) < 1 / 3 and best.rate(4) < 0.05:
        out.append("wins > 25 % without risk")
    if passive.win > 0.05:
        out.append("passive wins > 5 %")
    return out


def row(side: Side, opponent: str, best: ProbeResult, shipped: ProbeResult, searched: ProbeResult) -> str:
    problems = target_problems(best, max(shipped, searched, key=lambda r: r.win))
    return (
        f"| {LEADER[side]} | {opponent} | {best.win:.1%} | {best.rate(2):.1%} | {best.rate(3):.1%} "
        f"| {best.rate(4):.1%} | {best.summary.reached(6):.1%} | {best.mean_score:.1f} "
        f"| {best.summary.mean_score(other(side)):.1f} | {shipped.win:.1%} | {searched.win:.1%} "
        f"| {'met' if not problems else 'missed: ' + '; '.join(problems)} |"
    )


def probe_table(
    scenario: Scenario,
    friction: str = "plausible",
    games: int = 100,
    generations: int = 8,
    population: int = 16,
    seed: int = 1,
    workers: int = 1,
    final_games: int = 2000,
    out_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> str:
    """Six pairings (two sides × three doctrines); the best plans are written to ``out_dir`` if given."""
    rows = [HEADER]
    for side in ("us", "ussr"):
        passive = passive_plan(scenario, side)
        for opponent in PERSONALITIES:
            found, quiet = (
                search(
                    scenario,
                    side,
                    opponent,
                    friction,
                    games,
                    generations,
                    population,
                    seed,
                    workers,
                    final_games,
                    progress,
                    passive=p,
                )
                for p in (False, True)
            )
            base = run_probe(scenario, passive, opponent, final_games, seed, friction, workers)
            rows.append(row(side, opponent, found.result, base, quiet.result))
            for name, what, flag in (("best", found, ""), ("passive", quiet, " --passive")):
                if out_dir is None:
                    break
                header = (
                    f"Found by: python -m game probe --search{flag} --side {side} --opponent {opponent} "
                    f"--games {games} --generations {generations} --population {population} --seed {seed} "
                    f"--friction {friction}\nOn {final_games} fresh seeds: win {what.result.win:.1%}, "
                    f"war {what.result.rate(4):.1%}, rung 6+ {what.result.summary.reached(6):.1%}"
                )
                write_text(out_dir / f"{name}_{side}_{opponent}.toml", dumps_plan(what.plan, header))
            if progress:
                progress(rows[-1])
    return "\n".join(rows)
