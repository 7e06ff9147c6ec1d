"""Reading a file and reporting what is wrong with it: one line ``file: key.path: what is wrong`` per problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game import files

MAX_FILE_BYTES = 2_000_000


class ScenarioError(Exception):
    """A scenario or doctrine that cannot be used; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _message(err: ErrorDetails) -> str:
    kind = err["type"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "finite_number":
        return "must be a finite number"
    msg = err["msg"]
    return msg[0].lower() + msg[1:]


def pydantic_problems(prefix: str, exc: ValidationError, base: tuple[str | int, ...] = ()) -> list[str]:
    out = []
    for err in exc.errors():
        loc = _loc((*base, *err["loc"]))
        out.append(f"{prefix}: {loc}: {_message(err)}" if loc else f"{prefix}: {_message(err)}")
    return out


def read_toml(path: Path) -> tuple[dict[str, Any] | None, bytes, list[str]]:
    """The parsed table, the raw bytes, and problems (``file: what is wrong``) if it cannot be read."""
    try:
        data, raw = files.read_toml(path, MAX_FILE_BYTES)
    except files.FileProblem as exc:
        return None, b"", [str(exc)]
    return data, raw, []


class Checker:
    """Collects problems for one file with a common prefix."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{self.name}: {path}: {message}")


def section_items(ck: Checker, data: dict[str, Any], section: str, model: type[BaseModel]) -> list[tuple[int, Any]]:
    raw = data.get(section, [])
    if not isinstance(raw, list):
        ck.add(section, "must be an array of tables ([[" + section + "]])")
        return []
    good = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            ck.add(f"{section}[{i}]", "must be a table")
            continue
        try:
            good.append((i, model.model_validate(item)))
        except ValidationError as exc:
            ck.problems.extend(pydantic_problems(ck.name, exc, (section, i)))
    return good


def unique_ids(ck: Checker, section: str, items: list[tuple[int, Any]]) -> None:
    seen: dict[str, int] = {}
    for i, item in items:
        if item.id in seen:
            ck.add(f"{section}[{i}].id", f"'{item.id}' is already used by {section}[{seen[item.id]}]")
        else:
            seen[item.id] = i


def real_date(value: Any) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True
