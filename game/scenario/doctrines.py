"""The doctrines compiled into the kernel's ``DoctrineDef``: a personality's parameters put in, every rule checked."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.engine.conditions import compile_condition, referenced_flags, turns_allowed, undated
from game.engine.model import Term
from game.engine.predicates import OfferMatch, offer_match
from game.engine.scenario_types import DoctrineDef, OrderDef, RuleDef, Scenario
from game.scenario import schema
from game.scenario.checks import (
    check_source,
    condition_refs,
    meter_names,
    offer_terms,
    unknown_flag,
)
from game.scenario.reading import Checker, pydantic_problems, read_toml, unique_ids


def _substitute(value: Any, params: dict[str, float], ck: Checker, where: str) -> Any:
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


def _number(ck: Checker, where: str, value: Any) -> float | None:
    """A rule's weight after its parameter is substituted: a finite number, or None when not given."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or abs(value) == float("inf"):
        ck.add(where, "must be a finite number")
        return None
    return float(value)


def _build_rules(
    ck: Checker,
    scenario: Scenario,
    side: str,
    rules: list[tuple[str, schema.RuleModel]],
    params: dict[str, float],
    flags_set: set[str],
) -> tuple[RuleDef, ...]:
    out = []
    ids = {x.id for _, x in rules}
    for where, r in rules:
        odef = scenario.orders.get(r.order)
        if odef is None:
            ck.add(f"{where}.order", f"unknown order '{r.order}' for side {side}")
            continue
        if odef.side != side:
            ck.add(f"{where}.order", f"order '{r.order}' belongs to {odef.side}, not to {side}")
            continue
        check_source(ck, f"{where}.source", r.source)
        table = _rule_condition(ck, scenario, side, where, r, params, flags_set)
        offer = _check_order_of_rule(ck, scenario, where, r, odef)
        weights = {
            name: _number(ck, f"{where}.{name}", _substitute(getattr(r, name), params, ck, f"{where}.{name}"))
            for name in ("pressure_min", "pressure_max", "reserve", "chance")
        }
        if r.after and r.after not in ids:
            ck.add(f"{where}.after", f"no rule '{r.after}' in this doctrine")
        if weights["reserve"] is not None and r.offer is None:
            ck.add(f"{where}.reserve", "a weighed answer needs an offer matcher")
        out.append(
            RuleDef(
                r.id,
                compile_condition(undated(table), where, []),
                r.order,
                r.target,
                offer,
                tuple(Term(t.kind, t.secret) for t in r.terms),
                r.deadline,
                r.reply,
                r.why,
                r.source,
                turns_allowed(table, scenario.turns),
                **weights,
                after=r.after,
            )
        )
    return tuple(out)


def _rule_condition(
    ck: Checker,
    scenario: Scenario,
    side: str,
    where: str,
    r: schema.RuleModel,
    params: dict[str, float],
    flags_set: set[str],
) -> Any:
    """The rule's condition with the personality's thresholds put in, checked: keys, meters, terms, flags."""
    errors: list[str] = []
    table = _substitute(r.when, params, ck, f"{where}.when")
    compile_condition(table, f"{where}.when", errors)
    meter_names(ck, f"{where}.when", table, side)
    condition_refs(ck, f"{where}.when", table, set(scenario.terms))
    offer_terms(ck, f"{where}.offer", r.offer, set(scenario.terms))
    for flag in referenced_flags(r.when):
        if unknown_flag(flag, flags_set):
            errors.append(f"{where}.when: flag '{flag}' is never set by the scenario or the engine")
    for e in errors:
        p, _, m = e.partition(": ")
        ck.add(p, m)
    return table


def _check_order_of_rule(
    ck: Checker, scenario: Scenario, where: str, r: schema.RuleModel, odef: OrderDef
) -> OfferMatch | None:
    """Whether the rule's terms, offer matcher and target fit its order; the matcher compiled (None if none)."""
    for j, term in enumerate(r.terms):
        if term.kind not in scenario.terms:
            ck.add(f"{where}.terms[{j}].kind", f"unknown term '{term.kind}'")
    if r.terms and odef.handler != "offer":
        ck.add(f"{where}.terms", f"order '{r.order}' does not send an offer")
    if r.target == "$offer" and r.offer is None:
        ck.add(f"{where}.offer", "a rule whose target is $offer needs an offer matcher")
    offer = None
    if r.offer is not None:
        errors: list[str] = []
        compile_condition({"offer_open": r.offer}, where, errors)
        for e in errors:
            p, _, m = e.partition(": ")
            ck.add(p.replace(".offer_open", ".offer"), m)
        offer = None if errors else offer_match(r.offer)
    if r.target.startswith("$") and r.target not in ("$offer", "$ship", "$sub"):
        ck.add(f"{where}.target", f"unknown target '{r.target}' (use $offer, $ship or $sub)")
    elif r.target and odef.target == "":
        ck.add(f"{where}.target", f"order '{r.order}' takes no target")
    elif r.target.startswith("$") and r.target[1:] != odef.target:
        ck.add(f"{where}.target", f"order '{r.order}' takes a {odef.target or 'no'} target, not {r.target}")
    return offer


def load_doctrine(path: Path, scenario: Scenario, flags_set: set[str]) -> tuple[list[DoctrineDef], bytes, list[str]]:
    data, raw, problems = read_toml(path)
    if data is None:
        return [], raw, problems
    ck = Checker(str(path))
    if "base" in data:  # a doctrine over another: its rules come first, its parameters win
        base_name = data.pop("base")
        if not isinstance(base_name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*\.toml", base_name):
            return [], raw, [f"{path}: base: must name a doctrine file in the same folder"]
        base, base_raw, problems = read_toml(path.parent / base_name)
        if base is None:
            return [], raw, [f"{path}: base: doctrine '{base_name}' cannot be read", *problems]
        raw = base_raw + raw
        data = {
            **base,
            **{k: v for k, v in data.items() if k not in ("rule", "params", "personality")},
            "params": {**base.get("params", {}), **data.get("params", {})},
            "rule": data.get("rule", []) + base.get("rule", []),
            "personality": {**base.get("personality", {}), **data.get("personality", {})},
        }
    try:
        doc = schema.DoctrineModel.model_validate(data)
    except ValidationError as exc:
        return [], raw, pydantic_problems(ck.name, exc)
    own = [(f"rule[{i}]", r) for i, r in enumerate(doc.rule)]
    unique_ids(ck, "rule", list(enumerate(doc.rule)))
    out = [
        DoctrineDef(
            doc.side,
            "historical",
            doc.name,
            doc.summary,
            _build_rules(ck, scenario, doc.side, own, dict(doc.params), flags_set),
        )
    ]
    for pname, pers in doc.personality.items():
        params = {**doc.params, **pers.params}
        for key in pers.params:
            if key not in doc.params:
                ck.add(f"personality.{pname}.params.{key}", "is not a parameter of the historical doctrine")
        extra = [(f"personality.{pname}.rule[{i}]", r) for i, r in enumerate(pers.rule)]
        out.append(
            DoctrineDef(
                doc.side,
                pname,
                pers.name,
                pers.summary,
                _build_rules(ck, scenario, doc.side, extra + own, params, flags_set),
            )
        )
    return out, raw, ck.problems


def load_doctrines(
    path: Path, names: list[str], scenario: Scenario, flags_set: set[str], problems: list[str]
) -> tuple[dict[str, DoctrineDef], bytes]:
    """The doctrines a scenario names, by ``side.personality``, and their bytes (for the content hash); their
    problems go into ``problems``."""
    doctrines: dict[str, DoctrineDef] = {}
    raw = b""
    for i, rel in enumerate(names):
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
        docs, draw, dproblems = load_doctrine(dpath, scenario, flags_set)
        problems.extend(dproblems)
        raw += draw
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
    return doctrines, raw
