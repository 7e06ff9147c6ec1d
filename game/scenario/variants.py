"""A variant over its base scenario: the base's tables with the variant's laid over them, before any checking."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from game.scenario.reading import read_toml, real_date

ID_SECTIONS = ("site", "ship", "submarine", "term", "order", "event", "incident")


def _item_id(item: Any) -> str | None:
    """The id of a list item, if it is a table with a string id (anything else is left to the schema)."""
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """A variant over its base: tables merge key by key; in the id'd lists an item replaces the base item of
    the same id or is added; any other value (the calendar, the ladder…) replaces the base's."""
    out = dict(base)
    for key, value in overlay.items():
        old = out.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            out[key] = merge(old, value)
        elif key in ID_SECTIONS and isinstance(value, list) and isinstance(old, list):
            ids = {_item_id(v) for v in value} - {None}  # a set: 50,000 events merge in linear time
            out[key] = [item for item in old if _item_id(item) not in ids] + value
        else:
            out[key] = value
    return out


def resolve_base(
    path: Path, data: dict[str, Any], raw: bytes, depth: int = 0
) -> tuple[dict[str, Any] | None, bytes, list[str]]:
    """A scenario with ``base = "other_id"`` is its base with its own tables laid over it; ``remove`` takes
    items out by id and ``last_date`` ends the calendar early."""
    base_name = data.get("base")
    if base_name is None:
        return data, raw, []
    name = str(path)
    if not isinstance(base_name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", base_name) or depth > 4:
        return None, raw, [f"{name}: base: must name another scenario of the scenarios folder"]
    base_path = path.parent / f"{base_name}.toml"
    base_data, base_raw, problems = read_toml(base_path)
    if base_data is None:
        return None, raw, [f"{name}: base: scenario '{base_name}' cannot be read", *problems]
    base_data, base_raw, problems = resolve_base(base_path, base_data, base_raw, depth + 1)
    if base_data is None:
        return None, raw, problems
    overlay = {k: v for k, v in data.items() if k not in ("base", "remove", "last_date")}
    merged = merge(base_data, overlay)
    problems = []
    remove = data.get("remove", {})
    if not isinstance(remove, dict):
        problems.append(f"{name}: remove: must be a table of id lists")
        remove = {}
    for section, ids in remove.items():
        if section not in ID_SECTIONS or not isinstance(ids, list):
            problems.append(f"{name}: remove.{section}: must be one of {', '.join(ID_SECTIONS)}, with a list of ids")
            continue
        items = merged.get(section, [])
        if not isinstance(items, list):
            problems.append(f"{name}: remove.{section}: the base's {section} is not a list of tables")
            continue
        known = {_item_id(item) for item in items}
        for j, i in enumerate(ids):
            if not isinstance(i, str):
                problems.append(f"{name}: remove.{section}[{j}]: must be an id (a string)")
            elif i not in known:
                problems.append(f"{name}: remove.{section}: no {section} '{i}' in the base")
        gone = {i for i in ids if isinstance(i, str)}
        merged[section] = [item for item in items if _item_id(item) not in gone]
    last = data.get("last_date")
    if last is not None:
        if not real_date(last):
            problems.append(f"{name}: last_date: '{last}' is not a real date")
        else:
            for section in ("turn", "event"):  # anything but a list is left for the schema to report
                if isinstance(merged.get(section), list):
                    merged[section] = [x for x in merged[section] if isinstance(x, dict) and str(x.get("date")) <= last]
    doctrines = merged.get("doctrines", [])
    if base_path.parent != path.parent and isinstance(doctrines, list):  # relative to the file that names them
        merged["doctrines"] = [str(base_path.parent / d) if isinstance(d, str) else d for d in doctrines]
    return merged, base_raw + raw, problems
