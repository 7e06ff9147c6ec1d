"""Cross-checks the schema cannot make alone: meter names, handler parameters, flags, sources, terms named."""

from __future__ import annotations

from typing import Any

from game.engine.handlers import HANDLERS
from game.engine.model import CHANNELS, LEADER, OFFER_STATUSES, Side, other
from game.engine.scenario_types import NO_EFFECTS, Effects
from game.engine.vocabulary import METERS as METERS  # the loader reads the meters from here too
from game.engine.vocabulary import PARAM_CHOICES, RAISE_STEPS, is_engine_flag
from game.scenario import schema
from game.scenario.reading import Checker
from game.scenario.sources import source_problem


def _or_list(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1]


ALL_METERS_HELP = "(use " + _or_list([f"{side}.{name}" for side, names in METERS.items() for name in names]) + ")"


def unknown_flag(flag: str, flags_set: set[str]) -> bool:
    """Neither the scenario nor the engine ever sets this flag, so a condition testing it is a mistake."""
    return flag not in flags_set and not is_engine_flag(flag)


def fill_leaders(template: str, side: Side) -> str:
    """Put the leaders' names in a text: ``{leader}`` is the side's own, ``{rival}`` the other's."""
    return template.replace("{leader}", LEADER[side]).replace("{rival}", LEADER[other(side)])


def meter_keys(ck: Checker, path: str, table: dict[str, float]) -> None:
    for key in table:
        side, _, name = key.partition(".")
        if side not in METERS or name not in METERS[side]:
            ck.add(f"{path}.{key}", f"unknown meter {ALL_METERS_HELP}")


def compile_effects(ck: Checker, path: str, eff: schema.EffectsModel) -> Effects:
    meter_keys(ck, f"{path}.meters", eff.meters)
    built = Effects(
        eff.rung,
        eff.rung_min,
        dict(eff.meters),
        tuple(eff.flags),
        tuple(eff.us_flags),
        tuple(eff.ussr_flags),
        tuple(eff.clear_flags),
        eff.castro_alarm,
        eff.invasion_prep,
    )
    return NO_EFFECTS if built == NO_EFFECTS else built  # the engine skips the shared empty one


def check_source(ck: Checker, path: str, source: str) -> None:
    problem = source_problem(source)
    if problem:
        ck.add(path, problem)


def check_params(ck: Checker, path: str, handler: str, params: dict[str, Any]) -> None:
    _, _, required, optional = HANDLERS[handler]
    for key in sorted(required - params.keys()):
        ck.add(f"{path}.params.{key}", f"is required by handler '{handler}'")
    for key in sorted(params.keys() - required - optional):
        ck.add(f"{path}.params.{key}", f"unknown parameter for handler '{handler}'")
    for key, allowed in PARAM_CHOICES.get(handler, {}).items():
        value = params.get(key)
        if key in params and not any(type(value) is type(v) and value == v for v in allowed):
            ck.add(f"{path}.params.{key}", "must be one of " + ", ".join(map(str, allowed)))
    if "raise" in params and (type(params["raise"]) is not int or params["raise"] not in RAISE_STEPS):
        ck.add(f"{path}.params.raise", "must be 1 or -1")
    for key in ("public", "local"):
        if key in params and not isinstance(params[key], bool):
            ck.add(f"{path}.params.{key}", "must be true or false")
    kill = params.get("kill", 0.5)
    if not isinstance(kill, int | float) or isinstance(kill, bool) or not 0 <= kill <= 1:
        ck.add(f"{path}.params.kill", "must be a number from 0 to 1")
    prep = params.get("prep", 0)
    if not isinstance(prep, int | float) or isinstance(prep, bool) or not 0 <= prep <= 100:
        ck.add(f"{path}.params.prep", "must be a number from 0 to 100")


def meter_names(ck: Checker, path: str, table: Any, side: str | None) -> None:
    """Meter names in a condition's meter_min / meter_max: qualified, or the side's own where it has one."""
    if not isinstance(table, dict):
        return
    for key in ("meter_min", "meter_max"):
        names = table.get(key)
        if not isinstance(names, dict):
            continue
        for name in names:
            owner, dot, bare = name.partition(".")
            if dot and owner in METERS and bare in METERS[owner]:
                if side is None or owner == side or bare == "world":
                    continue
            elif not dot and side is not None and name in METERS[side]:
                continue
            if side is None:
                ck.add(f"{path}.{key}.{name}", f"unknown meter {ALL_METERS_HELP}")
            else:
                rival = "ussr" if side == "us" else "us"
                ck.add(f"{path}.{key}.{name}", f"unknown meter (use {', '.join(METERS[side])} or {rival}.world)")


def condition_refs(ck: Checker, path: str, table: Any, term_ids: set[str]) -> None:
    """Term kinds named in offer matchers must exist."""
    if not isinstance(table, dict):
        return
    for key in ("offer_open", "no_offer_open", "offer_sent", "not_offer_sent"):
        offer_terms(ck, f"{path}.{key}", table.get(key), term_ids)


def offer_terms(ck: Checker, path: str, matcher: Any, term_ids: set[str]) -> None:
    """The term kinds, statuses and channels an offer matcher names must be the scenario's and the engine's."""
    if not isinstance(matcher, dict):
        return
    for key, allowed in (("status", OFFER_STATUSES), ("channel", CHANNELS)):
        values = matcher.get(key)
        for value in values if isinstance(values, list) else ():
            if value not in allowed:
                ck.add(f"{path}.{key}", f"unknown {key} '{value}' (use {_or_list(list(allowed))})")
    for key in ("includes", "excludes"):
        for kind in matcher.get(key, ()) if isinstance(matcher.get(key), list) else ():
            if kind not in term_ids:
                ck.add(f"{path}.{key}", f"unknown term '{kind}'")


def raw_flags(data: dict[str, Any]) -> set[str]:
    """Every flag the items' effects set, read from the raw tables (broken items included)."""
    found: set[str] = set()
    for section in ("order", "event", "incident"):
        items = data.get(section)
        for item in items if isinstance(items, list) else ():
            eff = item.get("effects") if isinstance(item, dict) else None
            for key in ("flags", "us_flags", "ussr_flags"):
                values = eff.get(key) if isinstance(eff, dict) else None
                if isinstance(values, list):
                    found.update(v for v in values if isinstance(v, str))
    return found
