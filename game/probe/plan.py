"""A fixed plan for one side, read from TOML (see the README, "Probing the AI with a plan"; writer.py writes it).

A plan is checked against the scenario's own catalogue of orders, terms, ships
and turns, so a teacher's typo is caught before a thousand games are played:
every problem is one line ``file: field: problem``, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.model import SIDES, Side
from game.engine.orders import MAX_DEADLINE
from game.engine.scenario_types import Scenario
from game.scenario.reading import read_toml

MAX_ORDERS = 16  # orders in one list: more can never be given with the action points of a turn
ORDER_KEYS = ("order", "target", "terms", "secret", "deadline")
TOP_KEYS = ("side", "every_turn", "after_agreement", "accept", "turn")


@dataclass(frozen=True)
class PlanOrder:
    """One order as the plan gives it; ``target`` is an id, ``"any"`` or ``""`` (orders without one)."""

    order: str
    target: str = ""
    terms: tuple[str, ...] = ()
    secret: tuple[str, ...] = ()
    deadline: int = 0


@dataclass(frozen=True)
class AcceptRule:
    """Accept the first open offer from the other side that holds all ``includes`` and none of ``excludes``."""

    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    order: str = ""  # the side's accept order; "" for its first one in the catalogue


@dataclass(frozen=True)
class PlanTurn:
    date: str
    part: str  # "" on a date with a single turn, else "am" / "pm"
    orders: tuple[PlanOrder, ...]


@dataclass(frozen=True)
class Plan:
    side: Side
    turns: tuple[PlanTurn, ...] = ()
    every_turn: tuple[PlanOrder, ...] = ()
    after_agreement: tuple[PlanOrder, ...] | None = None  # None: every_turn goes on after an agreement
    accept: AcceptRule | None = None


class PlanError(ValueError):
    """A plan that cannot be used; ``problems`` has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _show(value: Any) -> str:
    """A value as a problem line quotes it, cut short (a hostile file may hold a megabyte string)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def turn_index(scenario: Scenario, date: str, part: str) -> int | None:
    """The index of the turn on ``date`` (``part`` "" when that date has one turn), or None."""
    same = [i for i, t in enumerate(scenario.turns) if t.date == date]
    if len(same) == 1 and part in ("", scenario.turns[same[0]].part):
        return same[0]
    return next((i for i in same if len(same) > 1 and scenario.turns[i].part == part), None)


def turn_key(scenario: Scenario, index: int) -> tuple[str, str]:
    """The (date, part) a plan writes for turn ``index``: part only on a date of two turns."""
    t = scenario.turns[index]
    single = sum(1 for x in scenario.turns if x.date == t.date) == 1
    return t.date, "" if single else t.part


def turn_label(turn: PlanTurn) -> str:
    """How the probe's output names a planned turn: "1962-10-24", "1962-10-26 pm"."""
    return f"{turn.date} {turn.part}" if turn.part else turn.date


class _Reader:
    """Checks the raw TOML table field by field and collects every problem."""

    def __init__(self, name: str, scenario: Scenario) -> None:
        self.name = name
        self.scenario = scenario
        self.problems: list[str] = []
        self.side: Side | None = None

    def bad(self, where: str, problem: str) -> None:
        self.problems.append(f"{self.name}: {where}: {problem}")

    def keys(self, where: str, table: dict[str, Any], allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                self.bad(where, f"unknown field {_show(key)} (known: {', '.join(allowed)})")

    def term_list(self, where: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            self.bad(where, "must be a list of term ids")
            return ()
        for term in value:
            if term not in self.scenario.terms:
                self.bad(where, f"unknown term {_show(term)} (known: {', '.join(self.scenario.terms)})")
        if len(set(value)) != len(value):
            self.bad(where, "a term is given twice")
        return tuple(value)

    def order(self, where: str, spec: Any) -> PlanOrder | None:
        if isinstance(spec, str):
            spec = {"order": spec}
        if not isinstance(spec, dict):
            self.bad(where, "must be an order id or a table with 'order'")
            return None
        self.keys(where, spec, ORDER_KEYS)
        kind = spec.get("order")
        odef = self.scenario.orders.get(kind) if isinstance(kind, str) else None
        if not isinstance(kind, str):
            self.bad(f"{where}.order", "missing, or not an order id")
            return None
        if odef is None:
            self.bad(f"{where}.order", f"unknown order {_show(kind)}")
            return None
        if self.side is not None and odef.side != self.side:
            self.bad(f"{where}.order", f"'{kind}' is a {odef.side} order; this plan is for {self.side}")
        target = self.target(f"{where}.target", odef, spec.get("target"))
        terms = self.term_list(f"{where}.terms", spec.get("terms", []))
        secret = self.term_list(f"{where}.secret", spec.get("secret", []))
        deadline = spec.get("deadline", 0)
        if odef.handler != "offer":
            if terms or secret or deadline:
                self.bad(where, f"'{kind}' is not an offer: it takes no terms, secret terms or deadline")
            return PlanOrder(kind, target)
        if set(terms) & set(secret):
            self.bad(where, "a term is both public and secret")
        for term in secret:
            tdef = self.scenario.terms.get(term)
            if odef.params.channel == "public":
                self.bad(f"{where}.secret", f"'{kind}' is said in public: no term can be secret")
                break
            if tdef is not None and not tdef.may_be_secret:
                self.bad(f"{where}.secret", f"term '{term}' cannot be kept secret")
        if isinstance(deadline, bool) or not isinstance(deadline, int) or not 0 <= deadline <= MAX_DEADLINE:
            self.bad(f"{where}.deadline", f"must be a whole number of turns from 0 to {MAX_DEADLINE}")
            deadline = 0
        elif deadline and not (terms or secret):
            self.bad(f"{where}.deadline", "a letter without terms cannot carry a deadline")
        return PlanOrder(kind, target, terms, secret, deadline)

    def target(self, where: str, odef: Any, value: Any) -> str:
        if not odef.target:
            if value is not None:
                self.bad(where, f"'{odef.id}' takes no target")
            return ""
        if value is None or value == "any":
            return "any"
        if not isinstance(value, str):
            self.bad(where, 'must be an id or "any"')
            return "any"
        known = {"ship": [x.id for x in self.scenario.ships], "sub": [x.id for x in self.scenario.subs]}
        if odef.target == "offer":
            if not re.fullmatch(r"[1-9][0-9]{0,3}", value):
                self.bad(where, f'an offer is named by its number (as "3") or "any", not {_show(value)}')
        elif value not in known[odef.target]:
            self.bad(where, f"no {odef.target} {_show(value)} (known: {', '.join(known[odef.target])})")
        return value

    def orders(self, where: str, value: Any) -> tuple[PlanOrder, ...]:
        if not isinstance(value, list):
            self.bad(where, "must be a list of orders")
            return ()
        if len(value) > MAX_ORDERS:
            self.bad(where, f"{len(value)} orders; at most {MAX_ORDERS}")
            return ()
        out = [self.order(f"{where}[{i}]", spec) for i, spec in enumerate(value)]
        return tuple(o for o in out if o is not None)

    def accept(self, value: Any) -> AcceptRule | None:
        if not isinstance(value, dict):
            self.bad("accept", 'must be a table such as { includes = ["withdraw_missiles"] }')
            return None
        self.keys("accept", value, ("includes", "excludes", "order"))
        rule = AcceptRule(
            self.term_list("accept.includes", value.get("includes", [])),
            self.term_list("accept.excludes", value.get("excludes", [])),
            "",
        )
        kind = value.get("order", "")
        odef = self.scenario.orders.get(kind) if isinstance(kind, str) else None
        if kind != "" and (odef is None or odef.handler != "accept" or odef.side != (self.side or odef.side)):
            self.bad("accept.order", f"{_show(kind)} is not an accept order of this side")
        elif kind:
            rule = AcceptRule(rule.includes, rule.excludes, kind)
        if set(rule.includes) & set(rule.excludes):
            self.bad("accept", "a term is both included and excluded")
        return rule

    def turn(self, where: str, table: Any, seen: set[int]) -> PlanTurn | None:
        if not isinstance(table, dict):
            self.bad(where, "must be a [[turn]] table")
            return None
        self.keys(where, table, ("date", "part", "orders"))
        date, part = table.get("date"), table.get("part", "")
        if isinstance(date, dt.date) and not isinstance(date, dt.datetime):
            date = date.isoformat()
        orders = self.orders(f"{where}.orders", table.get("orders", []))
        if not isinstance(date, str):
            self.bad(f"{where}.date", 'missing, or not a date such as "1962-10-24"')
            return None
        if not isinstance(part, str) or part not in ("", "am", "pm", "day", "week"):
            self.bad(f"{where}.part", f'must be "am" or "pm", not {_show(part)}')
            return None
        index = turn_index(self.scenario, date, "" if part in ("day", "week") else part)
        first = self.scenario.prelude_turns
        if index is None:
            dates = [t.date for t in self.scenario.turns[first:]]
            if date not in dates:
                self.bad(
                    f"{where}.date", f"{_show(date)} is not a turn of {self.scenario.id} ({dates[0]} to {dates[-1]})"
                )
            else:
                self.bad(f"{where}.part", f'{date} has two turns: part must be "am" or "pm"')
            return None
        if index < first:
            self.bad(f"{where}.date", f"{date} is played as history before {self.scenario.id} begins")
            return None
        if index in seen:
            self.bad(f"{where}.date", f"{date} {part} is planned twice")
        seen.add(index)
        return PlanTurn(*turn_key(self.scenario, index), orders)

    def plan(self, data: dict[str, Any]) -> Plan:
        self.keys("plan", data, TOP_KEYS)
        side = data.get("side")
        if side not in SIDES:
            self.bad(
                "side",
                f'must be "us" or "ussr", not {_show(side)}' if side is not None else 'missing: say "us" or "ussr"',
            )
        else:
            self.side = side
        every = self.orders("every_turn", data.get("every_turn", []))
        after = self.orders("after_agreement", data["after_agreement"]) if "after_agreement" in data else None
        accept = self.accept(data["accept"]) if "accept" in data else None
        raw_turns = data.get("turn", [])
        if not isinstance(raw_turns, list):
            self.bad("turn", "must be an array of [[turn]] tables")
            raw_turns = []
        seen: set[int] = set()
        turns = [self.turn(f"turn[{i}]", t, seen) for i, t in enumerate(raw_turns)]
        return Plan(self.side or "us", tuple(t for t in turns if t is not None), every, after, accept)


def parse_plan(data: dict[str, Any], scenario: Scenario, name: str = "plan") -> Plan:
    """A plan from a parsed TOML table; raises PlanError listing every problem."""
    reader = _Reader(name, scenario)
    plan = reader.plan(data)
    if reader.problems:
        raise PlanError(reader.problems)
    return plan


def loads_plan(text: str, scenario: Scenario, name: str = "plan") -> Plan:
    try:
        data = tomllib.loads(text)
    except ValueError as exc:  # a 5,000-digit integer is a plain ValueError, not a TOMLDecodeError
        raise PlanError([f"{name}: not a valid TOML file ({_show(str(exc))[1:-1]})"]) from None
    except RecursionError:
        raise PlanError([f"{name}: data nested too deeply"]) from None
    return parse_plan(data, scenario, name)


def load_plan(path: str | Path, scenario: Scenario) -> Plan:
    """A plan from a file. Only regular files are read: a FIFO or a device would block or never end."""
    path = Path(path)
    name = str(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        raise PlanError([f"{name}: not a regular file"])
    try:
        data, _, problems = read_toml(path)
    except ValueError as exc:
        raise PlanError([f"{name}: not a valid TOML file ({_show(str(exc))[1:-1]})"]) from None
    if problems or data is None:
        raise PlanError(problems or [f"{name}: cannot be read"])
    return parse_plan(data, scenario, name)
