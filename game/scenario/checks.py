"""Cross-checks the schema cannot make alone: meter names, handler parameters, flags, sources, terms named."""

from __future__ import annotations

from typing import Any

from game.engine.handlers import HANDLERS
from game.engine.model import LEADER, other
from game.engine.scenario_types import NO_EFFECTS, Effects
from game.scenario import schema
from game.scenario.reading import Checker
from game.scenario.sources import source_problem

METERS: dict[str, tuple[str, ...]] = {
    "us": ("domestic", "hawks", "allies", "world"),
    "ussr": ("presidium", "castro", "prestige", "world"),
}


ALL_METERS_HELP = (
    "(use us.domestic, us.hawks, us.allies, us.world, ussr.presidium, ussr.castro, ussr.prestige or ussr.world)"
)


# Flags the engine itself sets (see handlers, negotiation, resolve); prefixes end with "_".
ENGINE_FLAGS = frozenset(
    {
        "u2_flown",
        "lowlevel_flown",
        "sub_signalled",
        "hail_refused",
        "contraband_seized",
        "ship_fired_on",
        "construction_accelerated",
        "run_the_line",
        "line_run",
        "line_crossed",
        "hailed_through",
        "agreement",
        "crisis_over",
        "invasion_holds",
        "beachhead",
    }
)


ENGINE_FLAG_PREFIXES = (
    "offer_from_",
    "rejected_by_",
    "deadline_passed_",
    "term_",
    "leaked_",
    "conceded_",
    "agreement_broken_by_",
)


def unknown_flag(flag: str, flags_set: set[str]) -> bool:
    """Neither the scenario nor the engine ever sets this flag, so a condition testing it is a mistake."""
    return flag not in flags_set and flag not in ENGINE_FLAGS and not flag.startswith(ENGINE_FLAG_PREFIXES)


def fill_leaders(template: str, side: str) -> str:
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
    channel = params.get("channel")
    if channel is not None and channel not in ("public", "private", "back"):
        ck.add(f"{path}.params.channel", "must be public, private or back")
    if "raise" in params and (type(params["raise"]) is not int or params["raise"] not in (-1, 1)):
        ck.add(f"{path}.params.raise", "must be 1 or -1")
    if "nm" in params and (type(params["nm"]) is not int or params["nm"] not in (500, 800)):
        ck.add(f"{path}.params.nm", "must be 500 or 800")
    for key in ("public", "local"):
        if key in params and not isinstance(params[key], bool):
            ck.add(f"{path}.params.{key}", "must be true or false")
    kill = params.get("kill", 0.5)
    if not isinstance(kill, int | float) or isinstance(kill, bool) or not 0 <= kill <= 1:
        ck.add(f"{path}.params.kill", "must be a number from 0 to 1")
    prep = params.get("prep", 0)
    if not isinstance(prep, int | float) or isinstance(prep, bool) or not 0 <= prep <= 100:
        ck.add(f"{path}.params.prep", "must be a number from 0 to 100")
    choices = {
        "status": ("proclaimed", "lifted"),
        "level": ("high", "low"),
        "aim": ("sams", "missiles"),
        "mode": ("continue", "accelerate", "halt", "turn_back", "run", "go", "escort", "withdraw"),
    }
    for key, allowed in choices.items():
        if key in params and params[key] not in allowed:
            ck.add(f"{path}.params.{key}", "must be one of " + ", ".join(allowed))


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
    if not isinstance(matcher, dict):
        return
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
