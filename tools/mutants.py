"""Mutation testing of the rules kernel with mutmut, kept out of the unit suite (it takes minutes).

    pip install mutmut   # 3.x, into the project's virtual environment
    python tools/mutants.py                    # every mutant of the families below, against tests/test_rules*.py
    python tools/mutants.py --sample 5         # one in five of them (a few minutes on two cores)
    python tools/mutants.py --tests tests/test_rules_friction.py tests/test_rules.py

It copies the source checkout to a scratch folder (mutmut writes its ``mutants/`` tree and its configuration
there, never into the checkout), runs ``mutmut run`` with the chosen tests, and prints the kill rate of each
module and of each family of rules the review named. A mutant counts as killed when a test fails on it (or
it hangs); one that no chosen test reaches counts as a survivor, since nothing would catch it. Use it to see
whether a new test pins its rule: the figures before and after it, and ``mutmut show NAME`` (run in the
scratch folder it prints) for a survivor.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = tuple(sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_rules*.py")))
# The families of rules the review found mutants surviving in, and their functions (whose mutants are run).
FAMILIES = (
    ("incident risk", "friction", ("incident_probability", "forecast_risk")),
    ("incident draw and spiral", "friction", ("draw_incidents", "fire_incident")),
    ("weighted pick", "dice", ("pick",)),
    (
        "offers and replies",
        "negotiation",
        (
            "send_offer",
            "_answers",
            "_terms_text",
            "accept_offer",
            "concede_in_public",
            "reject_offer",
            "expire_deadlines",
        ),
    ),
    ("leaks", "negotiation", ("leak_secrets", "_leak", "_has_secret")),
    ("submarines and escorts", "handlers", ("_subs", "_signal_sub", "_subs_near", "_escorted")),
    ("submarines at sea", "world", ("move_ships", "step_for")),
)


MODULES = sorted({f"game/engine/{stem}.py" for _, stem, _ in FAMILIES})


def _function(key: str) -> str:
    """``game.engine.dice.xǁDiceǁpick__mutmut_3`` -> ``pick``; ``…friction.x_draw_incidents__mutmut_1`` -> …"""
    name = key.rsplit(".", 1)[1].rsplit("__mutmut_", 1)[0]
    return name.rsplit("ǁ", 1)[1] if "ǁ" in name else name.removeprefix("x_")


def _prepare(scratch: Path, modules: list[str], tests: list[str]) -> None:
    """The tracked files of the checkout, and mutmut's configuration: what to mutate, which tests to run."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for rel in tracked.splitlines():
        if (ROOT / rel).is_file():
            (scratch / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, scratch / rel)
    source = "\n    ".join(modules)
    selection = "\n    ".join(tests)
    (scratch / "setup.cfg").write_text(
        f"[mutmut]\nsource_paths =\n    {source}\npytest_add_cli_args_test_selection =\n    {selection}\n"
        "also_copy =\n    game\n    scenarios\n    assets\n    tests\n",
        encoding="utf-8",
    )


def _results(scratch: Path, modules: list[str]) -> dict[str, dict[str, int]]:
    """Each mutant's exit code, by module stem."""
    out = {}
    for module in modules:
        meta = json.loads((scratch / "mutants" / f"{module}.meta").read_text(encoding="utf-8"))
        out[Path(module).stem] = {k: c for k, c in meta["exit_code_by_key"].items() if c is not None}  # None: not run
    return out


def patterns(sample: int) -> list[str]:
    """mutmut's names of the families' mutants; ``sample`` 2, 5 or 10 keeps those whose number ends in
    0/2/4/6/8, 0/5 or 0: an even spread over every function, the same on every run."""
    digits = {1: "*", 2: "*[02468]", 5: "*[05]", 10: "*0"}[sample]
    out = []
    for _, stem, functions in FAMILIES:
        for f in functions:
            out += [f"game.engine.{stem}.x_{f}__mutmut_{digits}", f"game.engine.{stem}.xǁ*ǁ{f}__mutmut_{digits}"]
    return out


def _verdict(code: int | None) -> str:
    """mutmut's exit codes: a failing test (or an internal error) kills; a timeout or a crash counts as killed."""
    if code in (1, 3) or code in (24, -24, 36, 152, 255, -9, -11):
        return "killed"
    return "untested" if code in (5, 33) else "survived"


def _rate(codes: list[int]) -> str:
    counts = Counter(_verdict(c) for c in codes)
    total = len(codes)
    share = counts["killed"] / total if total else 0.0
    return (
        f"{counts['killed']:4d}/{total:<4d} killed {share:6.1%}  "
        f"({counts['survived']} survived, {counts['untested']} reached by no test)"
    )


def report(results: dict[str, dict[str, int]]) -> str:
    lines = ["module (the families' functions)  kill rate"]
    for stem, codes in results.items():
        lines.append(f"  {stem:<26} {_rate(list(codes.values()))}")
    lines.append("family of rules")
    for family, stem, functions in FAMILIES:
        if stem in results:
            codes = [c for key, c in results[stem].items() if _function(key) in functions]
            lines.append(f"  {family:<26} {_rate(codes)}")
    every = [c for codes in results.values() for c in codes.values()]
    lines.append(f"  {'all':<26} {_rate(every)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tests", nargs="+", default=list(TESTS), help="test files run against each mutant")
    parser.add_argument("--sample", type=int, choices=(1, 2, 5, 10), default=1, help="run one mutant in N")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (to `mutmut show` a survivor)")
    args = parser.parse_args(argv)
    mutmut = shutil.which("mutmut", path=str(Path(sys.executable).parent))
    if mutmut is None:
        print("mutmut is not installed in this environment: pip install mutmut", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="mutants-"))
    try:
        _prepare(scratch, MODULES, args.tests)
        done = subprocess.run([mutmut, "run", *patterns(args.sample)], cwd=scratch, capture_output=True, text=True)
        if not (scratch / "mutants").is_dir() or done.returncode not in (0, 1):
            print(done.stdout[-2000:] + done.stderr[-2000:], file=sys.stderr)
            return 2
        print(f"tests: {' '.join(args.tests)}; one mutant in {args.sample}")
        print(report(_results(scratch, MODULES)))
    finally:
        if args.keep:
            print(f"scratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
