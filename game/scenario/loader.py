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

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from game import files, resources
from game.engine.conditions import compile_condition, referenced_flags, turns_allowed, undated
from game.engine.handlers import HANDLERS, TARGET_KIND
from game.engine.model import LEADER, Term, other
from game.engine.scenario_types import (
    NO_EFFECTS,
    Briefing,
    Day,
    DoctrineDef,
    Effects,
    EventDef,
    FrictionDef,
    IncidentDef,
    OrderDef,
    RuleDef,
    RungDef,
    Scenario,
    TermDef,
    TurnDef,
)
from game.scenario import schema
from game.scenario.sources import source_problem

SCENARIO_DIR = resources.SCENARIOS
DEFAULT_SCENARIO = "october1962"
MAX_FILE_BYTES = 2_000_000

LIST_SECTIONS: dict[str, type[BaseModel]] = {
    "turn": schema.TurnModel,
    "rung": schema.RungModel,
    "site": schema.SiteModel,
    "ship": schema.ShipModel,
    "submarine": schema.SubModel,
    "term": schema.TermModel,
    "order": schema.OrderModel,
    "event": schema.EventModel,
    "incident": schema.IncidentModel,
}
METERS = {"us": ("domestic", "hawks", "allies", "world"), "ussr": ("presidium", "castro", "prestige", "world")}
ALL_METERS_HELP = ("(use us.domestic, us.hawks, us.allies, us.world, "
                   "ussr.presidium, ussr.castro, ussr.prestige or ussr.world)")
# Flags the engine itself sets (see handlers, negotiation, resolve); prefixes end with "_".
ENGINE_FLAGS = frozenset({
    "u2_flown", "lowlevel_flown", "sub_signalled", "hail_refused", "contraband_seized", "ship_fired_on",
    "construction_accelerated", "run_the_line", "line_run", "line_crossed", "hailed_through", "agreement",
    "crisis_over", "invasion_holds", "beachhead",
})
ENGINE_FLAG_PREFIXES = ("offer_from_", "rejected_by_", "deadline_passed_", "term_", "leaked_", "conceded_",
                        "agreement_broken_by_")


class ScenarioError(Exception):
    """A scenario or doctrine that cannot be used; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Top(schema.Strict):
    """The scenario's top level, with the list sections checked item by item afterwards."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)
    id: str = schema.Id
    title: str = schema.Text
    description: str = schema.Text
    action_points: dict[Literal["us", "ussr"], int]
    doctrines: list[str] = []
    start: schema.StartModel
    meters: dict[Literal["us", "ussr"], dict[str, float]]
    meter_labels: dict[str, str] = {}
    friction: schema.FrictionModel
    rules: schema.RulesModel
    briefing: dict[Literal["us", "ussr"], schema.BriefingModel]
    prelude: schema.WhenModel | None = None
    narration: str | None = None


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


def fill_leaders(template: str, side: str) -> str:
    """Put the leaders' names in a text: ``{leader}`` is the side's own, ``{rival}`` the other's."""
    return template.replace("{leader}", LEADER[side]).replace("{rival}", LEADER[other(side)])


def _loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "finite_number":
        return "must be a finite number"
    msg = err["msg"]
    return msg[0].lower() + msg[1:]


def _pydantic_problems(prefix: str, exc: ValidationError, base: tuple = ()) -> list[str]:
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


class _Checker:
    """Collects problems for one file with a common prefix."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{self.name}: {path}: {message}")


def _items(ck: _Checker, data: dict[str, Any], section: str, model: type[BaseModel]) -> list[tuple[int, Any]]:
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
            ck.problems.extend(_pydantic_problems(ck.name, exc, (section, i)))
    return good


def _unique(ck: _Checker, section: str, items: list[tuple[int, Any]]) -> None:
    seen: dict[str, int] = {}
    for i, item in items:
        if item.id in seen:
            ck.add(f"{section}[{i}].id", f"'{item.id}' is already used by {section}[{seen[item.id]}]")
        else:
            seen[item.id] = i


def _meter_keys(ck: _Checker, path: str, table: dict[str, float]) -> None:
    for key in table:
        side, _, name = key.partition(".")
        if side not in METERS or name not in METERS[side]:
            ck.add(f"{path}.{key}", f"unknown meter {ALL_METERS_HELP}")


def _effects(ck: _Checker, path: str, eff: schema.EffectsModel) -> Effects:
    _meter_keys(ck, f"{path}.meters", eff.meters)
    built = Effects(eff.rung, eff.rung_min, dict(eff.meters), tuple(eff.flags), tuple(eff.us_flags),
                    tuple(eff.ussr_flags), tuple(eff.clear_flags), eff.castro_alarm, eff.invasion_prep)
    return NO_EFFECTS if built == NO_EFFECTS else built  # the engine skips the shared empty one


def _source(ck: _Checker, path: str, source: str) -> None:
    problem = source_problem(source)
    if problem:
        ck.add(path, problem)


def _check_params(ck: _Checker, path: str, handler: str, params: dict[str, Any]) -> None:
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
    choices = {"status": ("proclaimed", "lifted"), "level": ("high", "low"), "aim": ("sams", "missiles"),
               "mode": ("continue", "accelerate", "halt", "turn_back", "run", "go", "escort", "withdraw")}
    for key, allowed in choices.items():
        if key in params and params[key] not in allowed:
            ck.add(f"{path}.params.{key}", "must be one of " + ", ".join(allowed))


def _meter_names(ck: _Checker, path: str, table: Any, side: str | None) -> None:
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


def _condition_refs(ck: _Checker, path: str, table: Any, term_ids: set[str]) -> None:
    """Term kinds named in offer matchers must exist."""
    if not isinstance(table, dict):
        return
    for key in ("offer_open", "no_offer_open", "offer_sent", "not_offer_sent"):
        _offer_terms(ck, f"{path}.{key}", table.get(key), term_ids)


def _offer_terms(ck: _Checker, path: str, matcher: Any, term_ids: set[str]) -> None:
    if not isinstance(matcher, dict):
        return
    for key in ("includes", "excludes"):
        for kind in matcher.get(key, ()) if isinstance(matcher.get(key), list) else ():
            if kind not in term_ids:
                ck.add(f"{path}.{key}", f"unknown term '{kind}'")


def _raw_flags(data: dict[str, Any]) -> set[str]:
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


def _real_date(value: Any) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _build_scenario(path: Path, data: dict[str, Any], raw: bytes) -> tuple[Scenario | None, list[str], set[str]]:
    ck = _Checker(str(path))
    top_data = {k: v for k, v in data.items() if k not in LIST_SECTIONS}
    top: _Top | None = None
    try:
        top = _Top.model_validate(top_data)
    except ValidationError as exc:
        ck.problems.extend(_pydantic_problems(ck.name, exc))
    sections = {name: _items(ck, data, name, model) for name, model in LIST_SECTIONS.items()}
    for name in ("site", "ship", "submarine", "term", "order", "event", "incident"):
        _unique(ck, name, sections[name])
    turns = sections["turn"]
    if not data.get("turn"):
        ck.add("turn", "at least one turn is required")
    prev = ""
    seen_turns: dict[tuple[str, str], int] = {}
    for i, t in turns:
        if not _real_date(t.date):
            ck.add(f"turn[{i}].date", f"'{t.date}' is not a real date")
            continue
        if t.date < prev:
            ck.add(f"turn[{i}].date", f"{t.date} comes before the turn above it ({prev})")
        if (t.date, t.part) in seen_turns:
            ck.add(f"turn[{i}].date", f"{t.date} ({t.part}) is already used by turn[{seen_turns[t.date, t.part]}]")
        seen_turns.setdefault((t.date, t.part), i)
        prev = t.date
    turn_keys = {(t.date, t.part) for _, t in turns}
    raw_turns = data.get("turn") if isinstance(data.get("turn"), list) else []
    raw_dates = [t["date"] for t in raw_turns if isinstance(t, dict) and _real_date(t.get("date"))]
    first, last = (min(raw_dates), max(raw_dates)) if raw_dates else ("", "")
    raw_rungs = data.get("rung")
    if isinstance(raw_rungs, list) and len(sections["rung"]) == len(raw_rungs):
        levels = [r.level for _, r in sections["rung"]]
        missing = [n for n in range(11) if n not in levels]
        twice = sorted({n for n in levels if levels.count(n) > 1})
        if missing or twice:
            detail = "; ".join(part for part in (
                "missing " + ", ".join(map(str, missing)) if missing else "",
                "twice " + ", ".join(map(str, twice)) if twice else "") if part)
            ck.add("rung", f"must list each level 0 to 10 exactly once ({detail})")
    if top is not None:
        for side, names in METERS.items():
            table = top.meters.get(side, {})
            for name in names:
                if name not in table:
                    ck.add(f"meters.{side}.{name}", "is required")
            for name, value in table.items():
                if name not in names:
                    ck.add(f"meters.{side}.{name}", "unknown meter")
                elif not 0 <= value <= 100:
                    ck.add(f"meters.{side}.{name}", "must be between 0 and 100")
        for side in ("us", "ussr"):
            if side not in top.briefing:
                ck.add(f"briefing.{side}", "is required")
            ap = top.action_points.get(side)
            if ap is None:
                ck.add(f"action_points.{side}", "is required")
            elif not 1 <= ap <= 10:
                ck.add(f"action_points.{side}", "must be between 1 and 10")
    term_ids = {t.id for _, t in sections["term"]}
    flags_set: set[str] = set(top.start.flags + top.start.us_flags + top.start.ussr_flags) if top else set()
    flags_set |= _raw_flags(data)
    flags_used: list[tuple[str, str]] = []

    turn_defs = [TurnDef(t.date, t.part, t.label, t.days) for _, t in turns]

    def cond(where: str, table: dict[str, Any], side: str | None = None) -> Any:
        errors: list[str] = []
        pred = compile_condition(table, where, errors)
        for e in errors:
            p, _, m = e.partition(": ")
            ck.add(p, m)
        _meter_names(ck, where, table, side)
        _condition_refs(ck, where, table, term_ids)
        flags_used.extend((f"{where}", f) for f in referenced_flags(table))
        return pred

    def dated_cond(where: str, table: dict[str, Any], side: str | None = None) -> tuple[Any, Any]:
        """The condition without its dates, and the turns those dates allow (checked once, not every turn)."""
        cond(where, table, side)
        return compile_condition(undated(table), where, []), turns_allowed(table, turn_defs)

    def effects(where: str, eff: schema.EffectsModel) -> Effects:
        flags_set.update(eff.flags, eff.us_flags, eff.ussr_flags)
        flags_used.extend((f"{where}.clear_flags", f) for f in eff.clear_flags)
        return _effects(ck, where, eff)

    for i, t in sections["term"]:
        _meter_keys(ck, f"term[{i}].public_meters", t.public_meters)
        _meter_keys(ck, f"term[{i}].leak_meters", t.leak_meters)
    orders: dict[str, OrderDef] = {}
    for i, o in sections["order"]:
        where = f"order[{i}]"
        if o.handler not in HANDLERS:
            ck.add(f"{where}.handler", f"unknown handler '{o.handler}' (known: {', '.join(sorted(HANDLERS))})")
            continue
        _check_params(ck, where, o.handler, o.params)
        _source(ck, f"{where}.source", o.source)
        when, allowed = dated_cond(f"{where}.when", o.when, o.side)
        orders[o.id] = OrderDef(
            o.id, o.side, o.label, o.help, o.cost, o.phase, o.group, o.handler, dict(o.params),
            when, effects(f"{where}.effects", o.effects), o.risk, o.visibility,
            fill_leaders(o.log, o.side), TARGET_KIND.get(o.handler, ""), o.source, f"order_{o.id}", allowed,
            o.diminishing,
        )
    events = []
    for i, e in sections["event"]:
        where = f"event[{i}]"
        if not _real_date(e.date):
            ck.add(f"{where}.date", f"'{e.date}' is not a real date")
        elif first and not first <= e.date <= last:
            ck.add(f"{where}.date", f"{e.date} is outside the scenario's turns ({first} to {last})")
        elif e.part and not any(t.part == e.part and t.date >= e.date for _, t in turns):
            ck.add(f"{where}.part", f"no turn on or after {e.date} has the part '{e.part}', so it can never fire")
        if e.on and not _real_date(e.on):
            ck.add(f"{where}.on", f"'{e.on}' is not a real date")
        elif e.on and e.on < e.date:
            ck.add(f"{where}.on", f"{e.on} is before the event's date {e.date}")
        _source(ck, f"{where}.source", e.source)
        for j, oid in enumerate(e.force):
            if oid not in orders:
                ck.add(f"{where}.force[{j}]", f"unknown order '{oid}'")
        when, allowed = dated_cond(f"{where}.when", e.when)
        events.append(EventDef(e.id, e.at, tuple(e.force), e.date, e.part, when, e.visibility, e.text,
                               effects(f"{where}.effects", e.effects), e.source, allowed, e.on))
    incidents = []
    for i, inc in sections["incident"]:
        where = f"incident[{i}]"
        for j, h in enumerate(inc.historical):
            if (h.date, h.part) not in turn_keys:
                ck.add(f"{where}.historical[{j}]", f"no turn on {h.date} ({h.part})")
        _source(ck, f"{where}.source", inc.source)
        incidents.append(IncidentDef(
            inc.id, inc.weight, cond(f"{where}.when", inc.when), inc.visibility, inc.text,
            effects(f"{where}.effects", inc.effects), tuple((h.date, h.part) for h in inc.historical),
            inc.source, inc.responder, inc.secret_text, inc.secret_to,
        ))
        if bool(inc.secret_text) != bool(inc.secret_to):
            ck.add(f"{where}.secret_to", "secret_text and secret_to go together")
    if top is not None:
        flags_used.extend(("rules.transient_flags", f) for f in top.rules.transient_flags)
    terms = {}
    for i, term in sections["term"]:
        unknown = [oid for oid in term.forbids if oid not in orders]
        if unknown:
            ck.add(f"term[{i}].forbids", "unknown order(s) " + ", ".join(unknown))
        done = None
        if term.done is not None:  # its flags may belong to days a short variant never reaches
            errors: list[str] = []
            done = compile_condition(term.done, f"term[{i}].done", errors)
            for e in errors:
                where, _, message = e.partition(": ")
                ck.add(where, message)
        terms[term.id] = TermDef(term.id, term.label, term.by, term.value, term.may_be_secret,
                                 dict(term.public_meters), dict(term.leak_meters), frozenset(term.forbids),
                                 done, term.due)
    scenario = None
    if top is not None and not ck.problems:
        scenario = Scenario(
            id=top.id, title=top.title, description=top.description, path=str(path),
            content_hash=hashlib.sha256(raw).hexdigest(), action_points=dict(top.action_points),
            turns=tuple(TurnDef(t.date, t.part, t.label, t.days) for _, t in turns),
            rungs=tuple(sorted((RungDef(r.level, r.name, r.text) for _, r in sections["rung"]),
                               key=lambda r: r.level)),
            start=top.start.model_dump(), meters={k: dict(v) for k, v in top.meters.items()},
            meter_labels=dict(top.meter_labels),
            ships=tuple(x.model_dump() for _, x in sections["ship"]),
            subs=tuple(x.model_dump() for _, x in sections["submarine"]),
            sites=tuple(x.model_dump() for _, x in sections["site"]),
            orders=orders, events=tuple(events), incidents=tuple(incidents),
            terms=terms,
            friction=FrictionDef(**top.friction.model_dump()),
            rules=top.rules.model_dump(),
            briefings={side: Briefing(**card.model_dump()) for side, card in top.briefing.items()},
        )
    for where, flag in flags_used:
        if flag not in flags_set and flag not in ENGINE_FLAGS and not flag.startswith(ENGINE_FLAG_PREFIXES):
            ck.add(where, f"flag '{flag}' is never set by the scenario or the engine")
    return scenario, ck.problems, flags_set


def _substitute(value: Any, params: dict[str, float], ck: _Checker, where: str) -> Any:
    """Replace ``"$name"`` strings by the personality's threshold ``name``."""
    if isinstance(value, str) and value.startswith("$"):
        name = value[1:]
        if name not in params:
            ck.add(where, f"unknown parameter '{value}'")
            return 0
        return params[name]
    if isinstance(value, dict):
        return {k: _substitute(v, params, ck, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, params, ck, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def _number(ck: _Checker, where: str, value: Any) -> float | None:
    """A rule's weight after its parameter is substituted: a finite number, or None when not given."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or abs(value) == float("inf"):
        ck.add(where, "must be a finite number")
        return None
    return float(value)


def _build_rules(ck: _Checker, scenario: Scenario, side: str, rules: list[tuple[str, schema.RuleModel]],
                 params: dict[str, float], flags_set: set[str]) -> tuple[RuleDef, ...]:
    out = []
    for where, r in rules:
        odef = scenario.orders.get(r.order)
        if odef is None:
            ck.add(f"{where}.order", f"unknown order '{r.order}' for side {side}")
            continue
        if odef.side != side:
            ck.add(f"{where}.order", f"order '{r.order}' belongs to {odef.side}, not to {side}")
            continue
        _source(ck, f"{where}.source", r.source)
        errors: list[str] = []
        table = _substitute(r.when, params, ck, f"{where}.when")
        compile_condition(table, f"{where}.when", errors)
        _meter_names(ck, f"{where}.when", table, side)
        _condition_refs(ck, f"{where}.when", table, set(scenario.terms))
        _offer_terms(ck, f"{where}.offer", r.offer, set(scenario.terms))
        for flag in referenced_flags(r.when):
            if flag not in flags_set and flag not in ENGINE_FLAGS and not flag.startswith(ENGINE_FLAG_PREFIXES):
                errors.append(f"{where}.when: flag '{flag}' is never set by the scenario or the engine")
        for e in errors:
            p, _, m = e.partition(": ")
            ck.add(p, m)
        for j, term in enumerate(r.terms):
            if term.kind not in scenario.terms:
                ck.add(f"{where}.terms[{j}].kind", f"unknown term '{term.kind}'")
        if r.terms and odef.handler != "offer":
            ck.add(f"{where}.terms", f"order '{r.order}' does not send an offer")
        if r.target == "$offer" and r.offer is None:
            ck.add(f"{where}.offer", "a rule whose target is $offer needs an offer matcher")
        if r.offer is not None:
            errors = []
            compile_condition({"offer_open": r.offer}, where, errors)
            for e in errors:
                p, _, m = e.partition(": ")
                ck.add(p.replace(".offer_open", ".offer"), m)
        if r.target.startswith("$") and r.target not in ("$offer", "$ship", "$sub"):
            ck.add(f"{where}.target", f"unknown target '{r.target}' (use $offer, $ship or $sub)")
        elif r.target and odef.target == "":
            ck.add(f"{where}.target", f"order '{r.order}' takes no target")
        elif r.target.startswith("$") and r.target[1:] != odef.target:
            ck.add(f"{where}.target", f"order '{r.order}' takes a {odef.target or 'no'} target, not {r.target}")
        weights = {name: _number(ck, f"{where}.{name}", _substitute(getattr(r, name), params, ck, f"{where}.{name}"))
                   for name in ("pressure_min", "pressure_max", "reserve", "chance")}
        if r.after and r.after not in {x.id for _, x in rules}:
            ck.add(f"{where}.after", f"no rule '{r.after}' in this doctrine")
        if weights["reserve"] is not None and r.offer is None:
            ck.add(f"{where}.reserve", "a weighed answer needs an offer matcher")
        out.append(RuleDef(r.id, compile_condition(undated(table), where, []), r.order, r.target, r.offer,
                           tuple(Term(t.kind, t.secret) for t in r.terms), r.deadline, r.reply, r.why, r.source,
                           turns_allowed(table, scenario.turns), **weights, after=r.after))
    return tuple(out)


def _load_doctrine(path: Path, scenario: Scenario, flags_set: set[str]) -> tuple[list[DoctrineDef], bytes, list[str]]:
    data, raw, problems = read_toml(path)
    if data is None:
        return [], raw, problems
    ck = _Checker(str(path))
    if "base" in data:  # a doctrine over another: its rules come first, its parameters win
        base_name = data.pop("base")
        if not isinstance(base_name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*\.toml", base_name):
            return [], raw, [f"{path}: base: must name a doctrine file in the same folder"]
        base, base_raw, problems = read_toml(path.parent / base_name)
        if base is None:
            return [], raw, [f"{path}: base: doctrine '{base_name}' cannot be read", *problems]
        raw = base_raw + raw
        data = {**base, **{k: v for k, v in data.items() if k not in ("rule", "params", "personality")},
                "params": {**base.get("params", {}), **data.get("params", {})},
                "rule": data.get("rule", []) + base.get("rule", []),
                "personality": {**base.get("personality", {}), **data.get("personality", {})}}
    try:
        doc = schema.DoctrineModel.model_validate(data)
    except ValidationError as exc:
        return [], raw, _pydantic_problems(ck.name, exc)
    base = [(f"rule[{i}]", r) for i, r in enumerate(doc.rule)]
    _unique(ck, "rule", list(enumerate(doc.rule)))
    out = [DoctrineDef(doc.side, "historical", doc.name, doc.summary,
                       _build_rules(ck, scenario, doc.side, base, dict(doc.params), flags_set))]
    for pname, pers in doc.personality.items():
        params = {**doc.params, **pers.params}
        for key in pers.params:
            if key not in doc.params:
                ck.add(f"personality.{pname}.params.{key}", "is not a parameter of the historical doctrine")
        extra = [(f"personality.{pname}.rule[{i}]", r) for i, r in enumerate(pers.rule)]
        out.append(DoctrineDef(doc.side, pname, pers.name, pers.summary,
                               _build_rules(ck, scenario, doc.side, extra + base, params, flags_set)))
    return out, raw, ck.problems


ID_SECTIONS = ("site", "ship", "submarine", "term", "order", "event", "incident")


def _item_id(item: Any) -> str | None:
    """The id of a list item, if it is a table with a string id (anything else is left to the schema)."""
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def _merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """A variant over its base: tables merge key by key; in the id'd lists an item replaces the base item of
    the same id or is added; any other value (the calendar, the ladder…) replaces the base's."""
    out = dict(base)
    for key, value in overlay.items():
        old = out.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            out[key] = _merge(old, value)
        elif key in ID_SECTIONS and isinstance(value, list) and isinstance(old, list):
            ids = {_item_id(v) for v in value} - {None}  # a set: 50,000 events merge in linear time
            out[key] = [item for item in old if _item_id(item) not in ids] + value
        else:
            out[key] = value
    return out


def _resolve_base(path: Path, data: dict[str, Any], raw: bytes, depth: int = 0
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
    base_data, base_raw, problems = _resolve_base(base_path, base_data, base_raw, depth + 1)
    if base_data is None:
        return None, raw, problems
    overlay = {k: v for k, v in data.items() if k not in ("base", "remove", "last_date")}
    merged = _merge(base_data, overlay)
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
        if not _real_date(last):
            problems.append(f"{name}: last_date: '{last}' is not a real date")
        else:
            for section in ("turn", "event"):  # anything but a list is left for the schema to report
                if isinstance(merged.get(section), list):
                    merged[section] = [x for x in merged[section] if isinstance(x, dict) and str(x.get("date")) <= last]
    doctrines = merged.get("doctrines", [])
    if base_path.parent != path.parent and isinstance(doctrines, list):  # relative to the file that names them
        merged["doctrines"] = [str(base_path.parent / d) if isinstance(d, str) else d for d in doctrines]
    return merged, base_raw + raw, problems


def load_scenario(path: str | Path) -> Scenario:
    """The scenario with its doctrines, or ``ScenarioError`` listing every problem."""
    path = Path(path)
    data, raw, problems = read_toml(path)
    if data is None:
        raise ScenarioError(problems)
    data, raw, problems = _resolve_base(path, data, raw)
    if data is None or problems:
        raise ScenarioError(problems)
    scenario, problems, flags_set = _build_scenario(path, data, raw)
    if scenario is None:
        raise ScenarioError(problems)
    digest = hashlib.sha256(raw)
    doctrines: dict[str, DoctrineDef] = {}
    for i, rel in enumerate(data.get("doctrines", [])):
        where = f"{path}: doctrines[{i}]"
        if "\0" in rel:
            problems.append(f"{where}: not a valid file name (it contains a NUL character)")
            continue
        if Path(rel).is_absolute() or ".." in Path(rel).parts:
            problems.append(f"{where}: must be a path inside the scenario's folder, not {rel}")
            continue
        dpath = (path.parent / rel).resolve()
        if not dpath.exists():
            problems.append(f"{where}: no such file {rel}")
            continue
        docs, draw, dproblems = _load_doctrine(dpath, scenario, flags_set)
        problems.extend(dproblems)
        digest.update(draw)
        for d in docs:
            key = f"{d.side}.{d.personality}"
            if key in doctrines:
                problems.append(f"{dpath}: side: a {d.personality} doctrine for {d.side} is already loaded")
            doctrines[key] = d
    for side in ("us", "ussr"):
        if problems:
            break
        if f"{side}.historical" not in doctrines:
            problems.append(f"{path}: doctrines: no historical doctrine for {side}")
    if problems:
        raise ScenarioError(list(dict.fromkeys(problems)))  # a shared rule is checked once per personality
    rel = data.get("narration")
    if rel is not None:
        days, questions, nraw, nproblems = _load_narration(path, rel, scenario)
        if nproblems:
            raise ScenarioError(nproblems)
        digest.update(nraw)
        scenario = replace(scenario, days=days, questions=questions)
    scenario = replace(scenario, doctrines=doctrines, content_hash=digest.hexdigest())
    prelude = data.get("prelude")
    if prelude is not None:
        key = (prelude.get("date"), prelude.get("part", "day"))
        index = next((i for i, t in enumerate(scenario.turns) if (t.date, t.part) == key), None)
        if index is None:
            raise ScenarioError([f"{path}: prelude: no turn on {key[0]} ({key[1]})"])
        scenario = replace(scenario, prelude_turns=index)
    return scenario


def _load_narration(path: Path, rel: str, scenario: Scenario) -> tuple[dict, tuple[str, ...], bytes, list[str]]:
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
        return {}, (), raw, _pydantic_problems(str(npath), exc)
    ck = _Checker(str(npath))
    turns = {(t.date, t.part) for t in scenario.turns}
    first, last = scenario.turns[0].date, scenario.turns[-1].date
    days = {}
    for i, day in enumerate(model.day):
        if (day.date, day.part) not in turns:
            if first <= day.date <= last:  # a variant's shorter calendar simply leaves the later days out
                ck.add(f"day[{i}]", f"no turn on {day.date} ({day.part})")
            continue
        for j, src in enumerate(day.sources):
            _source(ck, f"day[{i}].sources[{j}]", src)
        days[(day.date, day.part)] = Day(day.title, day.text, day.us, day.ussr, tuple(day.sources))
    return days, tuple(model.debrief.questions), raw, ck.problems


def validate_files(paths: Iterable[str | Path]) -> list[str]:
    """Every problem in the given scenario files (with their doctrines); empty when all is well."""
    problems: list[str] = []
    for p in paths:
        try:
            load_scenario(p)
        except ScenarioError as exc:
            problems.extend(exc.problems)
    return problems
