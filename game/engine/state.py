"""The complete game state: everything true about the crisis, secrets included.

``GameState`` is treated as immutable: ``apply`` works on ``copy()`` and never
touches its input. Fields hold ints, floats, strings, tuples of frozen
dataclasses, frozensets and small dicts that are copied on write, so a copy is
cheap (no deep copy). Only ``engine`` code builds or changes states; the front
ends and the AI see a ``PlayerView``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, get_type_hints

from game.engine.model import (
    OPERATING,
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
    Visibility,
)
from game.engine.scenario_types import Scenario, TurnDef


class GameState:
    """All of the game's truth at the start of a turn (or at its end, when ``over``)."""

    # No __slots__: a state is copied once a turn, and copying its __dict__ is the fastest way there is.
    # The annotations down to ``fired`` are the state's fields, declared here only: ``STATE_FIELDS``, the blank
    # state, the serializer and the invariants are derived from them, so adding a field is adding a line here.
    # A field given a value here starts every game with it (an immutable value: states share them).

    friction: Friction
    seed: int
    turn: int = 0
    over: bool = False
    rung: int
    max_rung: int
    defcon: int
    defcon_public: int
    alert: int
    alert_public: int
    quarantine: QuarantineStatus = "none"
    line_nm: int
    tightened: bool = False
    quarantine_turn: int = -1
    invasion_prep: float
    invaded: bool = False
    castro_alarm: float
    tactical: int
    local_authority: bool = False
    bombers: int
    sams: int
    irbm_missiles: bool = False
    ships: tuple[Ship, ...]
    subs: tuple[Submarine, ...]
    sites: tuple[Site, ...]
    site_intel: tuple[Site, ...]  # the sites as last photographed by the US
    meters: dict[str, float]
    flags: dict[Visibility, frozenset[str]]
    est_launchers: int = 0
    est_sigma: float
    est_invasion: int
    offers: tuple[Offer, ...] = ()
    agreement: tuple[Term, ...] | None = None
    agreement_turn: int = -1
    leaked: tuple[tuple[str, int], ...] = ()
    outcome: Outcome | None = None
    logs: dict[Visibility, tuple[LogEntry, ...]]
    seq: int = 0
    rng: tuple[int, int, int, int]
    draws: tuple[float, ...] = ()
    history: tuple[tuple[int, int, float], ...] = ()
    fired: frozenset[str] = frozenset()
    # Not fields: what the state is a state of, and a cache.
    scenario: Scenario
    _views: dict[str, Any] | None  # the players' views of this state, made on demand (see engine.view)

    def copy(self) -> GameState:
        """A new state sharing the immutable parts; the small dicts are copied."""
        new = GameState.__new__(GameState)
        new.__dict__.update(self.__dict__)
        new.meters = dict(self.meters)
        new.flags = dict(self.flags)
        new.logs = dict(self.logs)
        new._views = None
        return new

    # -- the fact interface shared with PlayerView (see engine.conditions) --

    @property
    def turn_def(self) -> TurnDef:
        return self.scenario.turns[self.turn]  # the last turn is never passed: the game ends on it

    @property
    def date(self) -> str:
        return self.scenario.turns[self.turn].date  # not through turn_def: the log asks for it on every line

    @property
    def part(self) -> str:
        return self.scenario.turns[self.turn].part

    @property
    def launchers(self) -> int:
        """Operational medium-range launchers: the truth, counted afresh (a dozen sites; no memo to go stale)."""
        count = 0
        for site in self.sites:  # Site.operational, inline: this runs several times a turn
            if site.kind == "mrbm" and site.readiness >= 100.0 and site.status in OPERATING:
                count += site.launchers
        return count

    def has_flag(self, name: str, side: Side | None) -> bool:
        flags = self.flags
        if name in flags["public"]:
            return True
        if side is None:
            return name in flags["us"] or name in flags["ussr"]
        return name in flags[side]

    def flagset(self, side: Side | None) -> frozenset[str]:
        """The flags ``side`` can see (all of them for ``None``), made afresh: a memo could outlive a change."""
        flags = self.flags
        if side is None:
            return flags["public"].union(flags["us"], flags["ussr"])
        return flags["public"] | flags[side]

    def meter(self, side: Side | None, name: str) -> float:
        if "." in name:
            return self.meters[name]
        return self.meters[f"{side}.{name}"]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GameState):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in STATE_FIELDS) and (
            self.scenario.id == other.scenario.id
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<GameState turn={self.turn} date={self.date} rung={self.rung} over={self.over}>"


STATE_FIELDS: tuple[str, ...] = tuple(name for name in GameState.__annotations__ if name not in ("scenario", "_views"))
# Each field's declared type, resolved once: what the serializer writes by and the invariants check against.
STATE_TYPES: Mapping[str, Any] = MappingProxyType(
    {k: v for k, v in get_type_hints(GameState).items() if k in STATE_FIELDS}
)


# The value each field starts a game with, where the declaration gives one.
STATE_DEFAULTS: Mapping[str, Any] = MappingProxyType(
    {k: vars(GameState)[k] for k in STATE_FIELDS if k in vars(GameState)}
)


def blank_state(scenario: Scenario, **fields: Any) -> GameState:
    """A state with every field set from ``fields`` or, failing that, its declared starting value (used by
    ``new_game`` and the JSON loader)."""
    state = GameState.__new__(GameState)
    missing = [f for f in STATE_FIELDS if f not in fields and f not in STATE_DEFAULTS]
    if missing:
        raise ValueError("missing state fields: " + ", ".join(missing))
    unknown = sorted(fields.keys() - STATE_TYPES.keys())
    if unknown:
        raise ValueError("unknown state fields: " + ", ".join(unknown))
    for name in STATE_FIELDS:
        setattr(state, name, fields[name] if name in fields else STATE_DEFAULTS[name])
    state.scenario = scenario
    state._views = None
    return state
