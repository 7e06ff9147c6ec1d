"""The scenario's numbers as the kernel's typed records: the first morning, the pieces on the board, each
order's handler parameters and the ``[rules]`` (rates, thresholds, scoring, endings).

``game.scenario`` builds them from the validated TOML; the engine reads them by attribute, so the type checker
follows every read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine.model import Channel, DeclaredCargo, LineNm, ShipOrder, SiteKind
from game.engine.vocabulary import ConstructionMode, QuarantineOrder, ReconLevel, StrikeAim, SubsMode


@dataclass(frozen=True, slots=True)
class StartState:
    """The tracks and forces on the first morning (``[start]``)."""

    rung: int
    defcon: int
    alert: int
    line_nm: int
    invasion_prep: float
    castro_alarm: float
    tactical: int
    bombers: int
    sams: int
    flags: tuple[str, ...] = ()
    us_flags: tuple[str, ...] = ()
    ussr_flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SiteDef:
    id: str
    name: str
    kind: SiteKind
    launchers: int
    readiness: float
    known: bool  # photographed before the game begins
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class ShipDef:
    id: str
    name: str
    cargo: DeclaredCargo
    distance: float
    speed: float
    tactical: int = 0  # tactical nuclear warheads it lands on arrival


@dataclass(frozen=True, slots=True)
class SubDef:
    id: str
    name: str
    distance: float
    nuclear_torpedo: bool


@dataclass(frozen=True, slots=True)
class OrderParams:
    """An order's handler parameters, typed: each handler reads those it declares (``handlers.HANDLERS``),
    the others keep these defaults. The scenario's ``raise`` is ``raise_`` here (a Python keyword)."""

    level: ReconLevel = "high"  # recon
    status: Literal["", QuarantineOrder] = ""  # quarantine
    nm: Literal[0, LineNm] = 0  # line
    raise_: int = 0  # defcon, alert: +1 one step up the readiness, -1 one down
    public: bool = True  # defcon, alert: announced or not
    aim: Literal["", StrikeAim] = ""  # strike
    kill: float = 0.8  # strike: the chance of destroying each site
    prep: float = 0.0  # stand_down: how much invasion preparation is undone
    mode: Literal["", ConstructionMode, ShipOrder, SubsMode] = ""  # construction, ships, subs
    local: bool = False  # delegate
    channel: Channel = "private"  # offer, accept


NO_PARAMS = OrderParams()


@dataclass(frozen=True, slots=True)
class Construction:
    per_day: float
    accelerate: float
    irbm_cap_without_missiles: float


@dataclass(frozen=True, slots=True)
class CastroDrift:
    per_day: float
    quarantine_per_day: float
    prep_per_day: float
    settled_per_day: float
    low_level: float


@dataclass(frozen=True, slots=True)
class Forces:
    prep_decay_settled: float
    hawks_per_launcher_day: float


@dataclass(frozen=True, slots=True)
class Intel:
    sigma_start: float
    sigma_min: float
    sigma_max: float
    sigma_growth: float
    high_factor: float
    low_factor: float
    invasion_sigma: float


@dataclass(frozen=True, slots=True)
class ScoringRules:
    secret_factor: float
    victory_margin: float
    prestige_base: tuple[float, ...]
    concession_cost: float
    concession_gain: float
    bombers_penalty: float
    invasion_cost: float
    ussr_security_base: float
    pledge_value: float
    jupiters_value: float
    struck_cost: float
    invaded_security: float


@dataclass(frozen=True, slots=True)
class TimeOut:
    invasion_prep_min: float
    war_chance: float
    war_chance_local: float
    text_war: str
    text_invasion: str
    text_fait_accompli: str
    text_stalemate: str


@dataclass(frozen=True, slots=True)
class Endings:
    """The closing lines of each ending."""

    nuclear_war: str
    settlement: str
    invasion: str
    capitulation_us: str
    capitulation_ussr: str


@dataclass(frozen=True, slots=True)
class Rules:
    """The scenario's ``[rules]``: the rates and thresholds of the world, the scoring and the endings."""

    quarantine_delay_turns: int
    transient_flags: tuple[str, ...]
    construction: Construction
    castro: CastroDrift
    forces: Forces
    intel: Intel
    scoring: ScoringRules
    time_out: TimeOut
    over: Endings
