"""The scenario file compiled into the kernel's ``Scenario``: each section checked, then built."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from game.engine.conditions import ConditionCompiler, compile_condition, referenced_flags, turns_allowed, undated
from game.engine.handlers import HANDLERS, TARGET_KIND
from game.engine.model import SIDES
from game.engine.parameters import ShipDef, SiteDef, SubDef
from game.engine.scenario_types import (
    Briefing,
    Condition,
    Effects,
    EventDef,
    FrictionDef,
    IncidentDef,
    OrderDef,
    RungDef,
    Scenario,
    TermDef,
    TurnDef,
)
from game.engine.turn import turn_span
from game.scenario import schema
from game.scenario.checks import (
    METERS,
    check_params,
    check_source,
    compile_effects,
    condition_refs,
    fill_leaders,
    meter_keys,
    meter_names,
    raw_flags,
    unknown_flag,
)
from game.scenario.reading import Checker, pydantic_problems, real_date, section_items, unique_ids
from game.scenario.records import order_params, rules, start_state

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


def build_scenario(path: Path, data: dict[str, Any], raw: bytes) -> tuple[Scenario | None, list[str], set[str]]:
    """The scenario (None if any section is broken), every problem, and the flags the file sets (which the
    doctrines' conditions may test). The checks run in the file's order, so the problems read top to bottom."""
    b = _Build(path, data)
    b.check_turns()
    b.check_rungs()
    b.check_top()
    b.check_term_meters()
    orders = b.orders()
    events = b.events(orders)
    incidents = b.incidents()
    terms = b.terms(orders)
    scenario = None
    if b.top is not None and not b.ck.problems:
        scenario = b.scenario(raw, orders, events, incidents, terms)
    b.check_flags()
    return scenario, b.ck.problems, b.flags_set


class _Build:
    """One file's sections as validated, with what the cross-checks gather: flags set and flags tested."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self.data = path, data
        self.ck = ck = Checker(str(path))
        self.top: _Top | None = None
        try:
            self.top = _Top.model_validate({k: v for k, v in data.items() if k not in LIST_SECTIONS})
        except ValidationError as exc:
            ck.problems.extend(pydantic_problems(ck.name, exc))
        self.sections = {name: section_items(ck, data, name, model) for name, model in LIST_SECTIONS.items()}
        for name in ("site", "ship", "submarine", "term", "order", "event", "incident"):
            unique_ids(ck, name, self.sections[name])
        self.turns = self.sections["turn"]
        self.turn_defs = [TurnDef(t.date, t.part, t.label, t.days, turn_span(t.date, t.days)) for _, t in self.turns]
        self.term_ids = {t.id for _, t in self.sections["term"]}
        self.flags_set: set[str] = set()
        if self.top is not None:
            self.flags_set.update(self.top.start.flags, self.top.start.us_flags, self.top.start.ussr_flags)
        self.flags_set |= raw_flags(data)
        self.flags_used: list[tuple[str, str]] = []
        self.conditions = ConditionCompiler()  # equal undated conditions of orders and events share one predicate

    def check_turns(self) -> None:
        if not self.data.get("turn"):
            self.ck.add("turn", "at least one turn is required")
        prev = ""
        seen: dict[tuple[str, str], int] = {}
        for i, t in self.turns:
            if not real_date(t.date):
                self.ck.add(f"turn[{i}].date", f"'{t.date}' is not a real date")
                continue
            if t.date < prev:
                self.ck.add(f"turn[{i}].date", f"{t.date} comes before the turn above it ({prev})")
            if (t.date, t.part) in seen:
                self.ck.add(f"turn[{i}].date", f"{t.date} ({t.part}) is already used by turn[{seen[t.date, t.part]}]")
            seen.setdefault((t.date, t.part), i)
            prev = t.date

    def first_and_last(self) -> tuple[str, str]:
        """The calendar's first and last real dates, read from the raw tables (broken turns included)."""
        raw_turns = self.data.get("turn")
        if not isinstance(raw_turns, list):
            raw_turns = []
        raw_dates = [t["date"] for t in raw_turns if isinstance(t, dict) and real_date(t.get("date"))]
        return (min(raw_dates), max(raw_dates)) if raw_dates else ("", "")

    def check_rungs(self) -> None:
        raw_rungs = self.data.get("rung")
        if not isinstance(raw_rungs, list) or len(self.sections["rung"]) != len(raw_rungs):
            return
        levels = [r.level for _, r in self.sections["rung"]]
        missing = [n for n in range(11) if n not in levels]
        twice = sorted({n for n in levels if levels.count(n) > 1})
        if missing or twice:
            detail = "; ".join(
                part
                for part in (
                    "missing " + ", ".join(map(str, missing)) if missing else "",
                    "twice " + ", ".join(map(str, twice)) if twice else "",
                )
                if part
            )
            self.ck.add("rung", f"must list each level 0 to 10 exactly once ({detail})")

    def check_top(self) -> None:
        top, ck = self.top, self.ck
        if top is None:
            return
        for side in SIDES:
            names, table = METERS[side], top.meters.get(side, {})
            for name in names:
                if name not in table:
                    ck.add(f"meters.{side}.{name}", "is required")
            for name, value in table.items():
                if name not in names:
                    ck.add(f"meters.{side}.{name}", "unknown meter")
                elif not 0 <= value <= 100:
                    ck.add(f"meters.{side}.{name}", "must be between 0 and 100")
        for side in SIDES:
            if side not in top.briefing:
                ck.add(f"briefing.{side}", "is required")
            ap = top.action_points.get(side)
            if ap is None:
                ck.add(f"action_points.{side}", "is required")
            elif not 1 <= ap <= 10:
                ck.add(f"action_points.{side}", "must be between 1 and 10")

    def check_term_meters(self) -> None:
        for i, t in self.sections["term"]:
            meter_keys(self.ck, f"term[{i}].public_meters", t.public_meters)
            meter_keys(self.ck, f"term[{i}].leak_meters", t.leak_meters)

    def cond(self, where: str, table: dict[str, Any], side: str | None = None) -> Condition:
        errors: list[str] = []
        pred = compile_condition(table, where, errors)
        for e in errors:
            p, _, m = e.partition(": ")
            self.ck.add(p, m)
        meter_names(self.ck, where, table, side)
        condition_refs(self.ck, where, table, self.term_ids)
        self.flags_used.extend((f"{where}", f) for f in referenced_flags(table))
        return pred

    def dated_cond(
        self, where: str, table: dict[str, Any], side: str | None = None
    ) -> tuple[Condition, frozenset[int] | None]:
        """The condition without its dates, and the turns those dates allow (checked once, not every turn)."""
        self.cond(where, table, side)
        return self.conditions.compile(undated(table), where, []), turns_allowed(table, self.turn_defs)

    def effects(self, where: str, eff: schema.EffectsModel) -> Effects:
        self.flags_set.update(eff.flags, eff.us_flags, eff.ussr_flags)
        self.flags_used.extend((f"{where}.clear_flags", f) for f in eff.clear_flags)
        return compile_effects(self.ck, where, eff)

    def orders(self) -> dict[str, OrderDef]:
        orders: dict[str, OrderDef] = {}
        for i, o in self.sections["order"]:
            where = f"order[{i}]"
            if o.handler not in HANDLERS:
                self.ck.add(f"{where}.handler", f"unknown handler '{o.handler}' (known: {', '.join(sorted(HANDLERS))})")
                continue
            check_params(self.ck, where, o.handler, o.params)
            check_source(self.ck, f"{where}.source", o.source)
            when, allowed = self.dated_cond(f"{where}.when", o.when, o.side)
            orders[o.id] = OrderDef(
                o.id,
                o.side,
                o.label,
                o.help,
                o.cost,
                o.phase,
                o.group,
                o.handler,
                order_params(o.params),
                when,
                self.effects(f"{where}.effects", o.effects),
                o.risk,
                o.visibility,
                fill_leaders(o.log, o.side),
                TARGET_KIND.get(o.handler, ""),
                o.source,
                f"order_{o.id}",
                allowed,
                o.diminishing,
            )
        return orders

    def events(self, orders: dict[str, OrderDef]) -> list[EventDef]:
        first, last = self.first_and_last()
        ck, events = self.ck, []
        for i, e in self.sections["event"]:
            where = f"event[{i}]"
            if not real_date(e.date):
                ck.add(f"{where}.date", f"'{e.date}' is not a real date")
            elif first and not first <= e.date <= last:
                ck.add(f"{where}.date", f"{e.date} is outside the scenario's turns ({first} to {last})")
            elif e.part and not any(t.part == e.part and t.date >= e.date for _, t in self.turns):
                ck.add(f"{where}.part", f"no turn on or after {e.date} has the part '{e.part}', so it can never fire")
            if e.on and not real_date(e.on):
                ck.add(f"{where}.on", f"'{e.on}' is not a real date")
            elif e.on and e.on < e.date:
                ck.add(f"{where}.on", f"{e.on} is before the event's date {e.date}")
            check_source(ck, f"{where}.source", e.source)
            for j, oid in enumerate(e.force):
                if oid not in orders:
                    ck.add(f"{where}.force[{j}]", f"unknown order '{oid}'")
            when, allowed = self.dated_cond(f"{where}.when", e.when)
            events.append(
                EventDef(
                    e.id,
                    e.at,
                    tuple(e.force),
                    e.date,
                    e.part,
                    when,
                    e.visibility,
                    e.text,
                    self.effects(f"{where}.effects", e.effects),
                    e.source,
                    allowed,
                    e.on,
                )
            )
        return events

    def incidents(self) -> list[IncidentDef]:
        turn_keys = {(t.date, t.part) for _, t in self.turns}
        incidents = []
        for i, inc in self.sections["incident"]:
            where = f"incident[{i}]"
            for j, h in enumerate(inc.historical):
                if (h.date, h.part) not in turn_keys:
                    self.ck.add(f"{where}.historical[{j}]", f"no turn on {h.date} ({h.part})")
            check_source(self.ck, f"{where}.source", inc.source)
            incidents.append(
                IncidentDef(
                    inc.id,
                    inc.weight,
                    self.cond(f"{where}.when", inc.when),
                    inc.visibility,
                    inc.text,
                    self.effects(f"{where}.effects", inc.effects),
                    tuple((h.date, h.part) for h in inc.historical),
                    inc.source,
                    inc.responder,
                    inc.secret_text,
                    inc.secret_to,
                )
            )
            if bool(inc.secret_text) != bool(inc.secret_to):
                self.ck.add(f"{where}.secret_to", "secret_text and secret_to go together")
        if self.top is not None:
            self.flags_used.extend(("rules.transient_flags", f) for f in self.top.rules.transient_flags)
        return incidents

    def terms(self, orders: dict[str, OrderDef]) -> dict[str, TermDef]:
        terms = {}
        for i, term in self.sections["term"]:
            unknown = [oid for oid in term.forbids if oid not in orders]
            if unknown:
                self.ck.add(f"term[{i}].forbids", "unknown order(s) " + ", ".join(unknown))
            done = None
            if term.done is not None:  # its flags may belong to days a short variant never reaches
                errors: list[str] = []
                done = compile_condition(term.done, f"term[{i}].done", errors)
                for e in errors:
                    where, _, message = e.partition(": ")
                    self.ck.add(where, message)
            terms[term.id] = TermDef(
                term.id,
                term.label,
                term.by,
                term.value,
                term.may_be_secret,
                dict(term.public_meters),
                dict(term.leak_meters),
                frozenset(term.forbids),
                done,
                term.due,
            )
        return terms

    def scenario(
        self,
        raw: bytes,
        orders: dict[str, OrderDef],
        events: list[EventDef],
        incidents: list[IncidentDef],
        terms: dict[str, TermDef],
    ) -> Scenario:
        top, sections = self.top, self.sections
        assert top is not None  # build_scenario builds only from a valid top level
        return Scenario(
            id=top.id,
            title=top.title,
            description=top.description,
            path=str(self.path),
            content_hash=hashlib.sha256(raw).hexdigest(),
            action_points=dict(top.action_points.items()),
            turns=tuple(self.turn_defs),
            rungs=tuple(sorted((RungDef(r.level, r.name, r.text) for _, r in sections["rung"]), key=lambda r: r.level)),
            start=start_state(top.start),
            meters={k: dict(v) for k, v in top.meters.items()},
            meter_labels=dict(top.meter_labels),
            ships=tuple(ShipDef(**x.model_dump()) for _, x in sections["ship"]),
            subs=tuple(SubDef(**x.model_dump()) for _, x in sections["submarine"]),
            sites=tuple(SiteDef(**x.model_dump()) for _, x in sections["site"]),
            orders=orders,
            events=tuple(events),
            incidents=tuple(incidents),
            terms=terms,
            friction=FrictionDef(**top.friction.model_dump()),
            rules=rules(top.rules),
            briefings={side: Briefing(**card.model_dump()) for side, card in top.briefing.items()},
        )

    def check_flags(self) -> None:
        for where, flag in self.flags_used:
            if unknown_flag(flag, self.flags_set):
                self.ck.add(where, f"flag '{flag}' is never set by the scenario or the engine")
