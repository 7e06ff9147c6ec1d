"""Golden playthroughs: one seeded AI-against-AI game per scenario, pair of personalities and friction, as text.

    python tools/golden.py           # (re)write tests/golden/<scenario>-<us>-<ussr>-<friction>.txt
    python tools/golden.py --check   # compare with them; exit 1 with a unified diff of the first differences

Each file is the game turn by turn: the date, each side's orders (the scenario's order ids, with their target,
terms, deadline and reply), then what the turn made of them: rung, DEFCON, Soviet alert, the incident risk the
engine drew at, the number of chance draws, the incidents, the log lines' keys, the meters, ships, submarines
and offers; at the end the outcome and the scores. ``tests/test_golden.py`` runs the check with the suite.

The set: every scenario in ``scenarios/``, both frictions, and every pair of the three doctrine personalities
(historical, hawk, dove: 3 x 3) plus random against random, which gives orders no doctrine gives. That is
5 x 10 x 2 = 100 games, under two seconds in all, so there is no need to sample the pairs.

When to regenerate: only after a change that is meant to change play (a rule of the engine, a scenario, a
doctrine), and only once the diff that ``--check`` prints has been read and every difference in it is one the
change intended. A refactor, a rename, a speed-up or a change of types must leave every file as it is: if the
check fails after one, the change is the bug, not the golden file.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(ROOT))

from game.ai.doctrine import PERSONALITIES  # noqa: E402
from game.engine.model import SIDES, Order  # noqa: E402
from game.engine.record import GameRecord  # noqa: E402
from game.engine.resolve import apply  # noqa: E402
from game.engine.scenario_types import Scenario  # noqa: E402
from game.engine.scoring import outcome_json  # noqa: E402
from game.engine.setup import FRICTIONS  # noqa: E402
from game.engine.state import GameState  # noqa: E402
from game.prelude import new_game  # noqa: E402
from game.scenario.loader import all_scenario_paths, load_scenario  # noqa: E402
from game.sim import make_policy, play_game  # noqa: E402

GOLDEN_DIR = ROOT / "tests" / "golden"
GOLDEN_SEED = 1962
PAIRS = tuple((us, ussr) for us in PERSONALITIES for ussr in PERSONALITIES) + (("random", "random"),)
SHOWN_FILES = 3  # how many differing files --check prints in full
SHOWN_LINES = 40  # and how many diff lines of each


class Case(NamedTuple):
    scenario: str
    us: str
    ussr: str
    friction: str

    @property
    def name(self) -> str:
        return f"{self.scenario}-{self.us}-{self.ussr}-{self.friction}.txt"


def order_text(order: Order) -> str:
    """An order by its stable id: ``board@poltava``, ``ussr_letter terms=no_invasion+x(secret) deadline=1``."""
    text = order.kind + (f"@{order.target}" if order.target else "")
    if order.terms:
        text += " terms=" + "+".join(t.kind + ("(secret)" if t.secret else "") for t in order.terms)
    if order.deadline:
        text += f" deadline={order.deadline}"
    if order.reply_to:
        text += f" reply_to={order.reply_to}"
    return text


def _new_keys(before: GameState, after: GameState) -> list[str]:
    """The keys of the log lines the turn wrote, in the order written (a line for both leaders counted once)."""
    entries = sorted(
        (e for vis in ("public", "us", "ussr") for e in after.logs[vis] if e.seq > before.seq), key=lambda e: e.seq
    )
    keys: list[str] = []
    for e in entries:
        if not (keys and keys[-1] == e.key and e.visibility == "ussr"):
            keys.append(e.key)
    return keys


def _forces(s: GameState) -> list[str]:
    ships = " ".join(
        f"{sh.id}={sh.status}@{sh.distance:.0f}"
        + (f"+{sh.escort}" if sh.escort else "")
        + (f"~{sh.pending}" if sh.pending else "")
        for sh in s.ships
    )
    subs = " ".join(f"{sub.id}={sub.status}@{sub.distance:.0f}" for sub in s.subs)
    sites = " ".join(f"{x.id}={x.status}@{x.readiness:.1f}" for x in s.sites)
    lines = [f"  ships: {ships or '-'}", f"  subs: {subs or '-'}", f"  sites: {sites or '-'}"]
    if s.offers:
        offers = "; ".join(
            f"#{o.id} {o.sender}/{o.channel} {o.status}" + (f" re #{o.reply_to}" if o.reply_to else "")
            for o in s.offers
        )
        lines.append(f"  offers: {offers}")
    return lines


def turn_lines(
    scenario: Scenario, before: GameState, orders: dict[str, tuple[Order, ...]], after: GameState
) -> list[str]:
    """One turn: the orders given in ``before`` and what ``after`` shows of them."""
    incident_ids = {inc.id for inc in scenario.incidents}
    keys = _new_keys(before, after)
    incidents = [k.removeprefix("incident_") for k in keys if k.removeprefix("incident_") in incident_ids]
    _, rung, risk = after.history[-1]
    lines = [f"turn {before.turn + 1} {before.date} {before.part}"]
    lines += [f"  {side}: {' | '.join(order_text(o) for o in orders[side]) or '-'}" for side in SIDES]
    lines.append(
        f"  rung {rung} (max {after.max_rung}) DEFCON {after.defcon} alert {after.alert} risk {risk:.4f} "
        f"draws {len(after.draws)} incidents {','.join(incidents) or '-'}"
    )
    lines.append(
        f"  quarantine {after.quarantine}/{after.line_nm} castro {after.castro_alarm:.1f} "
        f"launchers {after.launchers} est {after.est_launchers} invasion {after.invasion_prep:.1f} "
        f"tactical {after.tactical} bombers {after.bombers} agreement "
        + ("-" if after.agreement is None else "+".join(t.kind for t in after.agreement) or "none")
    )
    lines.append("  meters: " + " ".join(f"{k}={v:.1f}" for k, v in sorted(after.meters.items())))
    lines += [line for line in _forces(after) if line not in _forces(before)]  # what changed
    lines.append(f"  log: {' '.join(keys) or '-'}")
    return lines


def _outcome_lines(state: GameState) -> list[str]:
    out: dict[str, Any] = outcome_json(state)
    terms = ", ".join(t["term"] + ("" if t["public"] else " (secret)") for t in out["terms"]) or "-"
    leaked = ", ".join(f"{x['term']} on turn {x['turn'] + 1}" for x in out["leaked"]) or "-"
    lines = [f"outcome {out['kind']} on {out['date']}, winner {out['winner'] or '-'}; terms {terms}; leaked {leaked}"]
    for side in SIDES:
        parts = " ".join(f"{k}={v}" for k, v in out["breakdown"][side].items())
        lines.append(
            f"score {side} {out['scores'][side]} rank {out['ranks'][side]} ({out['rank_labels'][side]}): {parts}"
        )
    return lines


def transcript(scenario: Scenario, us: str, ussr: str, friction: str, seed: int = GOLDEN_SEED) -> str:
    """The game ``python -m game simulate`` plays for these settings and this seed, turn by turn."""
    policies = {"us": make_policy(scenario, "us", us), "ussr": make_policy(scenario, "ussr", ussr)}
    record = GameRecord.start(scenario, seed, friction)
    end, _ = play_game(scenario, policies, seed, friction, record)
    lines = [f"# {scenario.id}: Kennedy {us}, Khrushchev {ussr}, {friction} friction, seed {seed}"]
    lines.append("# regenerate with `python tools/golden.py` only after an intended change of play (see its docstring)")
    state = new_game(scenario, seed, friction)
    lines += [f"start {state.date} {state.part} (turn {state.turn + 1}); each turn then shows the forces that moved"]
    lines += _forces(state)
    for i in range(len(record.turns)):
        orders = record.orders_of(i)
        after = apply(state, orders)
        lines += turn_lines(scenario, state, orders, after)
        state = after
    if state != end:
        raise AssertionError(f"{scenario.id}: replaying the recorded orders did not reach the game's end")
    lines += _outcome_lines(state)
    return "\n".join(lines) + "\n"


def expected() -> Iterator[tuple[Case, str]]:
    """Every case and its transcript as the code plays it now (each scenario loaded once)."""
    for path in all_scenario_paths():
        scenario = load_scenario(path)
        for us, ussr in PAIRS:
            for friction in FRICTIONS:
                yield Case(scenario.id, us, ussr, friction), transcript(scenario, us, ussr, friction)


def write(folder: Path = GOLDEN_DIR) -> list[str]:
    """Write every golden file and remove the stale ones; returns the names written."""
    written = []
    for case, text in expected():
        (folder / case.name).write_text(text, encoding="utf-8")
        written.append(case.name)
    for stale in _golden_files(folder) - set(written):
        (folder / stale).unlink()
    return written


def _golden_files(folder: Path) -> set[str]:
    """The playthrough files in ``folder`` (the history transcript is another test's)."""
    return {p.name for p in folder.glob("*-*-*-*.txt")}


def differences(
    folder: Path = GOLDEN_DIR, played: Iterable[tuple[Case, str]] | None = None
) -> list[tuple[str, list[str]]]:
    """Each golden file that differs from play now (``played``, else ``expected()``), missing or stale, with
    its unified diff."""
    found = []
    names = set()
    for case, text in expected() if played is None else played:
        names.add(case.name)
        path = folder / case.name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            diff = difflib.unified_diff(
                old.splitlines(), text.splitlines(), f"golden/{case.name}", "play now", lineterm=""
            )
            found.append((case.name, list(diff)))
    for stale in sorted(_golden_files(folder) - names):
        found.append((stale, [f"golden/{stale}: no scenario, personality or friction plays it any more"]))
    return found


def report(found: Iterable[tuple[str, list[str]]], files: int = SHOWN_FILES, lines: int = SHOWN_LINES) -> str:
    """The first differences, readable: the first lines of the diffs of the first files, and how many there are."""
    found = list(found)
    if not found:
        return ""
    out = [f"{len(found)} golden playthrough(s) differ from play now: {', '.join(name for name, _ in found)}"]
    for _, diff in found[:files]:
        out += diff[:lines] + ([f"... {len(diff) - lines} more diff line(s)"] if len(diff) > lines else [])
    out.append("If the change was meant to change play, read the diff, then run: python tools/golden.py")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the golden files; exit 1 on a difference")
    args = parser.parse_args(argv)
    if args.check:
        text = report(differences())
        print(text or f"golden playthroughs: all {len(_golden_files(GOLDEN_DIR))} as played now")
        return 1 if text else 0
    written = write()
    print(f"wrote {len(written)} golden playthroughs to {GOLDEN_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
