"""Load and validate a scenario (and its doctrines), reporting every problem at once.

Each problem is one line ``file: key.path: what is wrong``. Nothing read is
ever executed: TOML is parsed by ``tomllib``, shapes are checked by pydantic
models (``schema.py``), conditions are compiled from a fixed vocabulary
(``engine.conditions``).

>>> problems = validate_files([default_scenario_path()])
>>> problems
[]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from game import resources
from game.engine.scenario_types import Scenario
from game.scenario.build import build_scenario
from game.scenario.doctrines import load_doctrines
from game.scenario.narration import load_narration
from game.scenario.reading import ScenarioError, read_toml
from game.scenario.variants import resolve_base

SCENARIO_DIR = resources.SCENARIOS


DEFAULT_SCENARIO = "october1962"


def default_scenario_path() -> Path:
    return SCENARIO_DIR / f"{DEFAULT_SCENARIO}.toml"


SCENARIO_ID = re.compile(r"[a-z][a-z0-9_]{0,59}")


def scenario_path(name: str) -> Path:
    """A scenario by path, if ``name`` is written as one (it has a folder or ends in ``.toml``), else by id:
    a file of the game's scenario folder, never of the folder the game was started from."""
    if "/" in name or "\\" in name or name.endswith(".toml"):
        return Path(name)
    return scenario_by_id(name)


def scenario_by_id(scenario_id: str) -> Path:
    """The game's own scenario of this id (as a save or a record names it); ``ScenarioError`` if no id."""
    if not SCENARIO_ID.fullmatch(scenario_id):
        raise ScenarioError([f"{scenario_id!r}: not a scenario id (lower-case letters, digits and _)"])
    return SCENARIO_DIR / f"{scenario_id}.toml"


def all_scenario_paths() -> list[Path]:
    return sorted(SCENARIO_DIR.glob("*.toml"))


def load_scenario(path: str | Path) -> Scenario:
    """The scenario with its doctrines, or ``ScenarioError`` listing every problem."""
    path = Path(path)
    data, raw, problems = read_toml(path)
    if data is None:
        raise ScenarioError(problems)
    data, raw, problems = resolve_base(path, data, raw)
    if data is None or problems:
        raise ScenarioError(problems)
    scenario, problems, flags_set = build_scenario(path, data, raw)
    if scenario is None:
        raise ScenarioError(problems)
    digest = hashlib.sha256(raw)
    doctrines, draw = load_doctrines(path, data.get("doctrines", []), scenario, flags_set, problems)
    digest.update(draw)
    if problems:
        raise ScenarioError(list(dict.fromkeys(problems)))  # a shared rule is checked once per personality
    rel = data.get("narration")
    if rel is not None:
        days, questions, nraw, nproblems = load_narration(path, rel, scenario)
        if nproblems:
            raise ScenarioError(nproblems)
        digest.update(nraw)
        scenario = replace(scenario, days=days, questions=questions)
    scenario = replace(scenario, doctrines=doctrines, content_hash=digest.hexdigest())
    prelude = data.get("prelude")
    return scenario if prelude is None else replace(scenario, prelude_turns=_prelude_turns(path, prelude, scenario))


def _prelude_turns(path: Path, prelude: dict[str, Any], scenario: Scenario) -> int:
    """How many turns come before the prelude's date: the session plays them as history (``game.prelude``)."""
    key = (prelude.get("date"), prelude.get("part", "day"))
    index = next((i for i, t in enumerate(scenario.turns) if (t.date, t.part) == key), None)
    if index is None:
        raise ScenarioError([f"{path}: prelude: no turn on {key[0]} ({key[1]})"])
    return index


def validate_files(paths: Iterable[str | Path]) -> list[str]:
    """Every problem in the given scenario files (with their doctrines); empty when all is well."""
    problems: list[str] = []
    for p in paths:
        try:
            load_scenario(p)
        except ScenarioError as exc:
            problems.extend(exc.problems)
    return problems
