"""The shape of a scenario file and of a doctrine file, as pydantic models.

Pydantic checks types, ranges and unknown keys and reports every problem with
its path; the closed vocabularies (sides, channels, cargoes, site kinds…) are the
engine's own ``Literal`` types from ``engine.model``, so a file and the code are
held to the same words; ``loader.py`` adds the checks that need the whole file (unique ids,
references between parts, condition vocabulary) and turns both into
``file: key.path: what is wrong`` lines.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from game.engine.model import Audience, Channel, DeclaredCargo, LineNm, Part, Phase, Side, SiteKind

Id = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)
Date = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
Text = Field(min_length=1, max_length=2000)
Pct = Field(ge=0, le=100)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class TurnModel(Strict):
    date: str = Date
    part: Part = "day"
    label: str = Text
    days: float = Field(gt=0, le=14)


class RungModel(Strict):
    level: int = Field(ge=0, le=10)
    name: str = Text
    text: str = Text


class StartModel(Strict):
    rung: int = Field(ge=0, le=10)
    defcon: int = Field(ge=1, le=5)
    alert: int = Field(ge=0, le=2)
    line_nm: LineNm
    invasion_prep: float = Pct
    castro_alarm: float = Pct
    tactical: int = Field(ge=0, le=1000)
    bombers: int = Field(ge=0, le=1000)
    sams: int = Field(ge=0, le=1000)
    flags: list[str] = []
    us_flags: list[str] = []
    ussr_flags: list[str] = []


class SiteModel(Strict):
    id: str = Id
    name: str = Text
    kind: SiteKind
    launchers: int = Field(ge=1, le=16)
    readiness: float = Pct
    known: bool = False
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)


class ShipModel(Strict):
    id: str = Id
    name: str = Text
    cargo: DeclaredCargo
    distance: float = Field(ge=0, le=5000)
    speed: float = Field(gt=0, le=600)
    tactical: int = Field(default=0, ge=0, le=1000)  # tactical nuclear warheads it lands on arrival


class SubModel(Strict):
    id: str = Id
    name: str = Text
    distance: float = Field(ge=0, le=5000)
    nuclear_torpedo: bool


class EffectsModel(Strict):
    rung: int = Field(default=0, ge=-10, le=10)
    rung_min: int = Field(default=0, ge=0, le=10)
    meters: dict[str, float] = {}
    flags: list[str] = []
    us_flags: list[str] = []
    ussr_flags: list[str] = []
    clear_flags: list[str] = []
    castro_alarm: float = Field(default=0.0, ge=-100, le=100)
    invasion_prep: float = Field(default=0.0, ge=-100, le=100)


class OrderModel(Strict):
    id: str = Id
    side: Side
    label: str = Text
    help: str = Text
    cost: int = Field(ge=0, le=4)
    phase: Phase
    group: str = ""
    handler: str
    params: dict[str, Any] = {}
    when: dict[str, Any] = {}
    effects: EffectsModel = EffectsModel()
    risk: float = Field(default=0.0, ge=0, le=1)
    visibility: Literal["public", "own", "both"] = "public"
    log: str = ""
    diminishing: bool = False  # given again, its political effects are halved each time
    source: str = Text


class EventModel(Strict):
    id: str = Id
    at: Literal["dawn", "dusk"] = "dawn"
    force: list[str] = []  # orders carried out as the event happens, whatever the leaders want
    date: str = Date
    part: Literal["", "am", "pm"] = ""
    on: str = ""  # the day it happened, when a turn of several days holds it (the log line is dated so)
    when: dict[str, Any] = {}
    visibility: Audience
    text: str = Text
    effects: EffectsModel = EffectsModel()
    source: str = Text


class WhenModel(Strict):
    date: str = Date
    part: Part = "day"


class IncidentModel(Strict):
    id: str = Id
    weight: float = Field(ge=0, le=1000)
    when: dict[str, Any] = {}
    visibility: Audience
    text: str = Text
    effects: EffectsModel = EffectsModel()
    historical: list[WhenModel] = []
    responder: Literal["", Side] = ""
    secret_text: str = ""
    secret_to: Literal["", Side] = ""
    source: str = Text


class TermModel(Strict):
    id: str = Id
    label: str = Text
    by: Side
    value: float = Field(ge=0, le=10)
    may_be_secret: bool = False
    public_meters: dict[str, float] = {}
    leak_meters: dict[str, float] = {}
    forbids: list[str] = []  # orders void while the term is agreed
    done: dict[str, Any] | None = None  # the condition that says the term has been carried out
    due: int = Field(default=0, ge=0, le=20)  # turns after the agreement by which it must be done


class FrictionModel(Strict):
    base: float = Field(ge=0, le=1)
    per_rung: float = Field(ge=0, le=1)
    per_defcon: float = Field(ge=0, le=1)
    per_alert: float = Field(ge=0, le=1)
    castro: float = Field(ge=0, le=1)
    local_authority: float = Field(ge=0, le=1)
    held_ship: float = Field(ge=0, le=1)
    sub_near_line: float = Field(ge=0, le=1)
    escorted_ship: float = Field(ge=0, le=1)
    cap: float = Field(ge=0, le=1)
    settled: float = Field(ge=0, le=1)
    spiral_from: int = Field(ge=0, le=11)
    max_incidents: int = Field(ge=1, le=10)
    leak_per_knower: float = Field(ge=0, le=1)
    knowers: dict[Channel, int]
    knowers_growth: int = Field(ge=0, le=100)


class ConstructionRules(Strict):
    per_day: float = Field(ge=0, le=100)
    accelerate: float = Field(ge=1, le=5)
    irbm_cap_without_missiles: float = Pct


class CastroRules(Strict):
    per_day: float = Field(ge=-50, le=50)
    quarantine_per_day: float = Field(ge=-50, le=50)
    prep_per_day: float = Field(ge=-50, le=50)
    settled_per_day: float = Field(ge=-50, le=50)
    low_level: float = Field(ge=-50, le=50)


class ForcesRules(Strict):
    prep_decay_settled: float = Field(ge=0, le=100)
    hawks_per_launcher_day: float = Field(ge=0, le=10)


class IntelRules(Strict):
    sigma_start: float = Field(ge=0, le=50)
    sigma_min: float = Field(ge=0, le=50)
    sigma_max: float = Field(ge=0, le=50)
    sigma_growth: float = Field(ge=0, le=50)
    high_factor: float = Field(ge=0, le=1)
    low_factor: float = Field(ge=0, le=1)
    invasion_sigma: float = Field(ge=0, le=100)


class ScoringRules(Strict):
    secret_factor: float = Field(ge=0, le=1)
    victory_margin: float = Field(ge=0, le=20)
    prestige_base: list[float] = Field(min_length=4, max_length=4)
    concession_cost: float = Field(ge=0, le=10)
    concession_gain: float = Field(ge=0, le=10)
    bombers_penalty: float = Field(ge=0, le=20)
    invasion_cost: float = Field(ge=0, le=20)
    ussr_security_base: float = Field(ge=0, le=20)
    pledge_value: float = Field(ge=0, le=20)
    jupiters_value: float = Field(ge=0, le=20)
    struck_cost: float = Field(ge=0, le=20)
    invaded_security: float = Field(ge=0, le=20)


class TimeOutRules(Strict):
    invasion_prep_min: float = Pct
    war_chance: float = Field(ge=0, le=1)
    war_chance_local: float = Field(ge=0, le=1)
    text_war: str = Text
    text_invasion: str = Text
    text_fait_accompli: str = Text
    text_stalemate: str = Text


class OverTexts(Strict):
    nuclear_war: str = Text
    settlement: str = Text
    invasion: str = Text
    capitulation_us: str = Text
    capitulation_ussr: str = Text


class RulesModel(Strict):
    quarantine_delay_turns: int = Field(ge=0, le=10)
    transient_flags: list[str]
    construction: ConstructionRules
    castro: CastroRules
    forces: ForcesRules
    intel: IntelRules
    scoring: ScoringRules
    time_out: TimeOutRules
    over: OverTexts


class BriefingModel(Strict):
    advisers: str = Text
    knows: str = Text
    wants: str = Text
    fears: str = Text


class DayModel(Strict):
    date: str = Date
    part: Part = "day"
    title: str = Field(min_length=1, max_length=80)
    text: str = Text
    us: str = Text
    ussr: str = Text
    sources: list[str] = Field(min_length=1)


class DebriefModel(Strict):
    questions: list[str] = Field(min_length=3, max_length=10)


class NarrationModel(Strict):
    day: list[DayModel] = Field(min_length=1)
    debrief: DebriefModel


class TermSpec(Strict):
    kind: str = Id
    secret: bool = False


class RuleModel(Strict):
    id: str = Id
    when: dict[str, Any] = {}
    order: str = Id
    target: str = ""
    offer: dict[str, Any] | None = None
    terms: list[TermSpec] = []
    deadline: int = Field(default=0, ge=0, le=4)
    reply: bool = False
    pressure_min: float | str | None = None  # the pressure the leader must feel (see ai.appraisal)
    pressure_max: float | str | None = None
    reserve: float | str | None = None  # an answer weighed: worth plus pressure against this reserve
    chance: float | str | None = None  # a course the record shows him torn over, taken this often
    after: str = ""  # only in a turn when the rule of this id has chosen its order
    why: str = Text
    source: str = Text


class PersonalityModel(Strict):
    name: str = Text
    summary: str = Text
    params: dict[str, float] = {}
    rule: list[RuleModel] = []


class DoctrineModel(Strict):
    side: Side
    name: str = Text
    summary: str = Text
    params: dict[str, float] = {}
    rule: list[RuleModel] = Field(min_length=1)
    personality: dict[str, PersonalityModel] = {}
