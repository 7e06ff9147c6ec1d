"""A save file's shape, checked field by field on reading: a save that cannot be used gives ``SaveError``
with one line per problem (and is never changed or deleted)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.ai.doctrine import Personality
from game.engine.record import RECORD_VERSION
from game.files import FileProblem, parse_json, read_json
from game.inputs import SEED_MAX, SEED_MIN
from game.savenames import MAX_NAME

SAVE_FORMAT = "brinkmanship-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 20_000_000
MAX_ORDERS = 40  # a side's orders in one turn; the action points allow far fewer
MAX_TURNS = 500


class SaveError(Exception):
    """A save that cannot be loaded; ``problems`` says why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


LINE = r"^[^\x00-\x1f\x7f]*$"  # text shown on screen: no control characters (pygame refuses a NUL)
Line = Annotated[str, Field(max_length=200, pattern=LINE)]
ScenarioId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class _TermModel(_Strict):
    kind: str = Field(min_length=1, max_length=60)
    secret: bool = False


class _OrderModel(_Strict):
    kind: str = Field(min_length=1, max_length=60)
    target: str = Field(default="", max_length=60)
    terms: list[_TermModel] = Field(default=[], max_length=20)
    deadline: int = Field(default=0, ge=0, le=10)
    reply_to: int = Field(default=0, ge=0, le=100000)


class _TurnModel(_Strict):
    orders: dict[Literal["us", "ussr"], list[_OrderModel]]
    draws: list[float] = Field(max_length=1000)

    @field_validator("orders")
    @classmethod
    def _capped(cls, orders: dict[str, list[_OrderModel]]) -> dict[str, list[_OrderModel]]:
        if any(len(given) > MAX_ORDERS for given in orders.values()):
            raise ValueError(f"more than {MAX_ORDERS} orders for a side in one turn")
        return orders


class _ScenarioRef(_Strict):
    id: ScenarioId
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class _MetaModel(_Strict):
    humans: list[Literal["us", "ussr"]] = Field(default=["us"], min_length=1, max_length=2)
    opponent: Personality = "historical"
    mode: Literal["single", "hotseat", "tutorial", "history"] = "single"
    timer: int = Field(default=0, ge=0, le=3600)

    @field_validator("humans")
    @classmethod
    def _distinct(cls, humans: list[str]) -> list[str]:
        if len(set(humans)) != len(humans):
            raise ValueError("a side is named twice")
        return humans


class RecordModel(_Strict):
    version: int = Field(ge=1, le=RECORD_VERSION)
    scenario: _ScenarioRef
    seed: int = Field(ge=SEED_MIN, le=SEED_MAX)
    friction: Literal["historical", "plausible"]
    meta: _MetaModel = _MetaModel()
    turns: list[_TurnModel] = Field(max_length=MAX_TURNS)


class _SummaryModel(_Strict):
    date: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    label: Line
    turn: int = Field(ge=0, le=MAX_TURNS)
    mode: Line
    sides: Line
    over: bool
    scenario: ScenarioId


class InfoModel(_Strict):
    saved_at: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$")
    slot: Line = Field(max_length=MAX_NAME)
    summary: _SummaryModel


class SaveModel(InfoModel):
    format: Literal["brinkmanship-save"]
    version: int
    record: RecordModel


def field_problems(name: str, exc: ValidationError, base: str = "") -> list[str]:
    out = []
    for err in exc.errors():
        loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"] if p != "[key]")
        loc = (base + loc).lstrip(".") or "(top)"
        msg = {
            "missing": "is required",
            "extra_forbidden": "unknown key",
            "finite_number": "must be a finite number",
        }.get(err["type"])
        if err.get("ctx", {}).get("pattern") == LINE:
            msg = "has control characters, which cannot be shown"
        if msg is None:
            msg = err["msg"].removeprefix("Value error, ")
            msg = msg[0].lower() + msg[1:]
        out.append(f"{name}: {loc}: {msg}")
    return out


def read_save_json(path: Path, raw: bytes | None = None) -> dict[str, Any]:
    """The save's JSON object (from ``raw`` if given), format and version checked (``SaveError`` otherwise)."""
    try:
        data = read_json(path, MAX_SAVE_BYTES) if raw is None else parse_json(path, raw)
    except FileProblem as exc:
        raise SaveError([str(exc)]) from None
    name = str(path)
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError([f"{name}: format: not a Brinkmanship save"])
    version = data.get("version")
    if type(version) is not int:
        raise SaveError([f"{name}: version: must be a whole number"])
    if version > SAVE_VERSION:
        raise SaveError(
            [f"{name}: version: saved by a newer version of the game ({version}; this one reads {SAVE_VERSION})"]
        )
    if version < 1:
        raise SaveError([f"{name}: version: {version} is not a version of the save format (1 to {SAVE_VERSION})"])
    return data
