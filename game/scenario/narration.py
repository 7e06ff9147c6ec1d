"""The tutorial's pages, read from the narration file a scenario names."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from game.engine.scenario_types import Day, Scenario
from game.scenario import schema
from game.scenario.checks import check_source
from game.scenario.reading import Checker, pydantic_problems, read_toml

Pages = dict[tuple[str, str], Day]  # by (date, part)


def load_narration(path: Path, rel: str, scenario: Scenario) -> tuple[Pages, tuple[str, ...], bytes, list[str]]:
    """The tutorial's pages: one per turn of the calendar it covers, each with its sources."""
    if not isinstance(rel, str) or Path(rel).is_absolute() or ".." in Path(rel).parts:
        return {}, (), b"", [f"{path}: narration: must be a path inside the scenario's folder"]
    npath = path.parent / rel
    data, raw, problems = read_toml(npath)
    if data is None:
        return {}, (), raw, [f"{path}: narration: cannot be read", *problems]
    try:
        model = schema.NarrationModel.model_validate(data)
    except ValidationError as exc:
        return {}, (), raw, pydantic_problems(str(npath), exc)
    ck = Checker(str(npath))
    turns = {(t.date, t.part) for t in scenario.turns}
    first, last = scenario.turns[0].date, scenario.turns[-1].date
    days: Pages = {}
    for i, day in enumerate(model.day):
        if (day.date, day.part) not in turns:
            if first <= day.date <= last:  # a variant's shorter calendar simply leaves the later days out
                ck.add(f"day[{i}]", f"no turn on {day.date} ({day.part})")
            continue
        for j, src in enumerate(day.sources):
            check_source(ck, f"day[{i}].sources[{j}]", src)
        days[(day.date, day.part)] = Day(day.title, day.text, day.us, day.ussr, tuple(day.sources))
    return days, tuple(model.debrief.questions), raw, ck.problems
