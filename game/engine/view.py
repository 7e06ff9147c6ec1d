"""What one leader may know: ``player_view(state, side)``.

The view is built field by field from the state, taking the other side's
secrets out (the boardgame.io ``playerView`` habit): the US sees estimates of
the operational launchers and of each site, ship cargoes only once revealed,
submarines without their weapons, the Soviet alert as announced; the USSR sees
an estimate of the US invasion preparation and DEFCON as announced. Tactical
weapons and Moscow's delegation to local commanders never reach the US view.
Neither side sees the other's political meters (world opinion aside), reports
or private flags. The UI and the AI receive nothing else.
"""

from __future__ import annotations

from heapq import merge
from typing import Any

from game.engine.handlers import site_as_seen
from game.engine.ladder import seen_rung
from game.engine.model import (
    SUB_TORPEDO,
    Friction,
    LogEntry,
    Offer,
    Outcome,
    QuarantineStatus,
    Ship,
    Side,
    Site,
    Submarine,
    Term,
    put,
)
from game.engine.scenario_types import Condition, OrderDef, Scenario, TurnDef
from game.engine.state import GameState


class PlayerView:
    """One side's knowledge at the start of a turn. Same fact names as ``GameState``."""

    side: Side
    scenario: Scenario
    date: str
    part: str
    _available: list[OrderDef] | None
    _ok: dict[Condition, bool]
    _public_log: tuple[LogEntry, ...]
    _own_log: tuple[LogEntry, ...]
    _sites: tuple[Site, ...]
    seed: int  # public: both players chose the game together
    friction: Friction
    turn: int
    over: bool
    outcome: Outcome | None
    rung: int
    max_rung: int
    defcon: int
    alert: int
    quarantine: QuarantineStatus
    line_nm: int
    tightened: bool
    invasion_prep: float
    invaded: bool
    castro_alarm: float
    sams: int
    bombers: int
    launchers: int
    uncertainty: float
    tactical: int
    local_authority: bool
    ships: tuple[Ship, ...]
    subs: tuple[Submarine, ...]
    meters: dict[str, float]
    flags: frozenset[str]
    offers: tuple[Offer, ...]
    agreement: tuple[Term, ...] | None
    agreement_turn: int
    leaked: tuple[tuple[str, int], ...]
    history: tuple[tuple[int, int, float], ...]
    # The fields are the annotations above, declared once: the slots, and so ``fingerprint``, come from them.
    __slots__ = tuple(__annotations__)

    @property
    def turn_def(self) -> TurnDef:
        return self.scenario.turns[self.turn]

    @property
    def sites(self) -> tuple[Site, ...]:
        """The missile sites as this side knows them (for the US: photographs, readiness to the nearest ten)."""
        sites = self._sites
        if self.side == "us" and sites and not isinstance(sites, _Seen):
            sites = self._sites = _Seen(site_as_seen(x) for x in sites)
        return sites

    @property
    def log(self) -> tuple[LogEntry, ...]:
        """The entries this side may read, in the order they happened, numbered 1, 2, 3…

        They are renumbered so that gaps in the game's own numbering cannot tell
        one side how many secret entries the other has received.
        """
        merged = merge(self._public_log, self._own_log, key=lambda e: e.seq)
        return tuple(LogEntry(i, e.turn, e.date, e.key, e.text, e.visibility) for i, e in enumerate(merged, 1))

    def has_flag(self, name: str, side: Side | None = None) -> bool:
        return name in self.flags

    def flagset(self, side: Side | None = None) -> frozenset[str]:
        return self.flags

    def meter(self, side: Side | None, name: str) -> float:
        key = name if "." in name else f"{self.side}.{name}"
        return self.meters.get(key, 0.0)

    def action_points(self) -> int:
        return int(self.scenario.action_points[self.side])

    def fingerprint(self) -> dict[str, Any]:
        """Everything in the view as plain data (for the non-interference tests and debugging)."""
        data = {name: getattr(self, name) for name in self.__slots__ if not name.startswith("_")}
        data.pop("date")
        data.pop("part")
        data["sites"] = tuple(self.sites)
        data.pop("scenario")
        data["log"] = self.log
        return data


class SealedState(GameState):
    """A state whose players' views are made: a change would make them lie, so it refuses any. ``copy()``
    gives a plain ``GameState`` again (the engine changes only its own copy of a turn's state)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a state with players' views is sealed: copy() it before setting {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a state with players' views is sealed: copy() it before deleting {name!r}")


class _Seen(tuple[Site, ...]):
    """Sites already rounded as a photograph shows them."""


def _hide_cargo(ship: Ship) -> Ship:
    if ship.revealed:
        return ship
    return _ship(
        ship.id, ship.name, "unknown", ship.distance, ship.speed, ship.status, "", -1, False, ship.cleared, ship.escort
    )


def _ship(*fields: object) -> Ship:
    """A Ship from all its fields in order, without the keyword handling of ``Ship(...)`` (views are hot)."""
    return tuple.__new__(Ship, fields)


def _hide_torpedo(sub: Submarine) -> Submarine:
    return put(sub, SUB_TORPEDO, False) if sub.nuclear_torpedo else sub


def player_view(state: GameState, side: Side) -> PlayerView:
    """The view of ``side`` (``"us"`` or ``"ussr"``), kept on the state for the next caller (the order check
    reuses what the policy worked out). Making it seals the state (``SealedState``), so it can never change
    under its views."""
    cache = state._views
    if cache is None:
        state._views = cache = {}
        state.__class__ = SealedState  # before the view is read off it: its readers then see one type only
    elif side in cache:
        view: PlayerView = cache[side]
        return view
    view = _open_facts(state, side)
    if side == "us":
        _us_knowledge(view, state)
    else:
        _ussr_knowledge(view, state)
    cache[side] = view
    return view


def _open_facts(state: GameState, side: Side) -> PlayerView:
    """A view with what both sides know alike: the calendar, the public tracks, the offers, its own flags."""
    view = PlayerView.__new__(PlayerView)
    view.side = side
    view.scenario = state.scenario
    view.seed = state.seed
    view.friction = state.friction
    view.turn = state.turn
    turn_def = state.scenario.turns[state.turn]
    view.date = turn_def.date
    view.part = turn_def.part
    view._available = None
    view._ok = {}  # condition -> whether it holds in this view (see orders.available)
    view.over = state.over
    view.outcome = state.outcome
    view.rung = seen_rung(state, side)
    # rung 1 is reached only by a discovery kept secret; higher rungs only by what happened in the open
    view.max_rung = max(view.rung, state.max_rung if state.max_rung >= 2 else 0)
    view.quarantine = state.quarantine
    view.line_nm = state.line_nm
    view.tightened = state.tightened
    view.invaded = state.invaded
    view.castro_alarm = state.castro_alarm
    view.sams = state.sams
    view.bombers = state.bombers
    view.offers = state.offers
    view.agreement = state.agreement
    view.agreement_turn = state.agreement_turn
    view.leaked = state.leaked
    view.history = state.history if state.over else ()  # the true risk of each turn: for the debrief only
    view.flags = state.flags["public"] | state.flags[side]
    meters = state.meters
    view.meters = {k: meters[k] for k in state.scenario.visible_meters[side]}
    view._public_log = state.logs["public"]
    view._own_log = state.logs[side]
    return view


def _us_knowledge(view: PlayerView, state: GameState) -> None:
    """Washington: its own readiness, estimates of the launchers, cargoes once revealed, the alert announced."""
    view.defcon = state.defcon
    view.alert = state.alert_public
    view.invasion_prep = state.invasion_prep
    view.launchers = state.est_launchers
    view.uncertainty = state.est_sigma
    view.tactical = 0  # Washington suspected tactical warheads but could not confirm them (S24)
    view.local_authority = False
    view.ships = tuple([_hide_cargo(s) for s in state.ships])
    view.subs = tuple([_hide_torpedo(s) for s in state.subs])
    view._sites = state.site_intel


def _ussr_knowledge(view: PlayerView, state: GameState) -> None:
    """Moscow: its own forces, an estimate of the invasion force, the DEFCON announced."""
    view.defcon = state.defcon_public
    view.alert = state.alert
    view.invasion_prep = float(state.est_invasion)
    view.launchers = state.launchers
    view.uncertainty = 0.0
    view.tactical = state.tactical
    view.local_authority = state.local_authority
    view.ships = state.ships
    view.subs = state.subs
    view._sites = state.sites


def describe_target(view: PlayerView, target: str) -> str:
    """A ship, submarine or offer an order is for, in words, as this side knows it."""
    for sh in view.ships:
        if sh.id == target:
            return f"{sh.name} ({sh.status}, {sh.distance:,.0f} nm)"
    for sub in view.subs:
        if sub.id == target:
            return f"submarine {sub.name}"
    for offer in view.offers:
        if str(offer.id) == target:
            return f"offer {offer.id}"
    return target
