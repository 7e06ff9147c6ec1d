"""Saved games: named slots and the autosave, as versioned JSON holding the game record.

A save is the record (scenario id and content hash, seed, friction, every
turn's orders and chance draws) plus a small summary that the save menu shows
without replaying the game. Writes are atomic; the autosave keeps the previous
one as a backup. A save that cannot be used gives ``SaveError`` with one line
per problem and is never changed or deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine.model import LEADER
from game.engine.record import GameRecord, ReplayError
from game.files import data_dir, write_json
from game.scenario.loader import ScenarioError, load_scenario, scenario_path
from game.session import Session

SAVE_FORMAT = "brinkmanship-save"
SAVE_VERSION = 1
AUTOSAVE = "autosave"
MAX_SAVE_BYTES = 20_000_000


class SaveError(Exception):
    """A save that cannot be loaded; ``problems`` says why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SaveInfo:
    """What the save menu shows of a save, read without replaying it."""

    path: Path
    slot: str
    saved_at: str
    date: str
    label: str
    mode: str
    sides: str
    over: bool
    problem: str = ""  # why the file cannot be loaded; empty for a good save


def saves_dir() -> Path:
    return data_dir() / "saves"


def slot_path(slot: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9 _-]", "", slot).strip()[:40] or "save"
    return saves_dir() / f"{safe}.json"


def _summary(session: Session) -> dict[str, Any]:
    state = session.state
    if session.hotseat:
        mode, sides = "hot-seat", "Kennedy and Khrushchev at one keyboard"
    else:
        human = session.humans[0]
        mode = "against the AI"
        sides = f"{LEADER[human]} against the {session.opponent} {LEADER['ussr' if human == 'us' else 'us']}"
    return {"date": state.date, "label": state.turn_def.label, "turn": state.turn, "mode": mode, "sides": sides,
            "over": state.over, "scenario": session.scenario.id}


def save_game(session: Session, slot: str) -> Path:
    """Write the session to a named slot (atomically); returns the file."""
    path = autosave_path() if slot == AUTOSAVE else slot_path(slot)
    write_json(path, {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        "slot": slot,
        "summary": _summary(session),
        "record": session.record.to_json(),
    })
    return path


def autosave_path() -> Path:
    return saves_dir() / f"{AUTOSAVE}.json"


def autosave(session: Session) -> Path:
    """Save at the start of a turn; the autosave before it is kept as a backup."""
    path = autosave_path()
    if path.exists():
        path.replace(path.with_name(f"{AUTOSAVE}.bak.json"))
    return save_game(session, AUTOSAVE)


def _read(path: Path) -> dict[str, Any]:
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError([f"{name}: no such file"]) from None
    except IsADirectoryError:
        raise SaveError([f"{name}: is a folder, not a save"]) from None
    except OSError as exc:
        raise SaveError([f"{name}: cannot be read ({exc.strerror})"]) from None
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError([f"{name}: file is larger than {MAX_SAVE_BYTES} bytes"])
    if not raw.strip():
        raise SaveError([f"{name}: file is empty"])
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SaveError([f"{name}: not UTF-8 text (bad byte at offset {exc.start})"]) from None
    except json.JSONDecodeError as exc:
        raise SaveError([f"{name}: not valid JSON, perhaps cut short ({exc.msg}, line {exc.lineno})"]) from None
    except RecursionError:
        raise SaveError([f"{name}: data nested too deeply"]) from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError([f"{name}: format: not a Brinkmanship save"])
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError([f"{name}: version: must be a whole number"])
    if version > SAVE_VERSION:
        raise SaveError([f"{name}: version: saved by a newer version of the game ({version}; this one reads "
                         f"{SAVE_VERSION})"])
    return data


def read_info(path: Path) -> SaveInfo:
    """The summary of a save (``SaveError`` if it is not one)."""
    data = _read(path)
    summary = data.get("summary") if isinstance(data.get("summary"), dict) else {}
    return SaveInfo(path, str(data.get("slot", path.stem)), str(data.get("saved_at", "")), str(summary.get("date", "")),
                    str(summary.get("label", "")), str(summary.get("mode", "")), str(summary.get("sides", "")),
                    bool(summary.get("over", False)))


def list_saves() -> list[SaveInfo]:
    """Every save, newest first. A file that cannot be read is listed with its problem (and left untouched),
    so the player learns why it will not load rather than wonder where it went."""
    found = []
    for path in saves_dir().glob("*.json"):
        try:
            found.append(read_info(path))
        except SaveError as exc:
            when = dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
            found.append(SaveInfo(path, path.stem, when, "", "", "", "", False, exc.problems[0]))
    return sorted(found, key=lambda info: info.saved_at, reverse=True)


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


class _ScenarioRef(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class _RecordModel(_Strict):
    version: int = Field(ge=1)
    scenario: _ScenarioRef
    seed: int = Field(ge=0, le=2**63)
    friction: Literal["historical", "plausible"]
    meta: dict[str, Any] = {}
    turns: list[_TurnModel] = Field(max_length=500)


class _SaveModel(_Strict):
    format: str
    version: int
    saved_at: str = ""
    slot: str = Field(default="", max_length=80)
    summary: dict[str, Any] = {}
    record: _RecordModel


def _problems(name: str, exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"] if p != "[key]").lstrip(".")
        msg = {"missing": "is required", "extra_forbidden": "unknown key",
               "finite_number": "must be a finite number"}.get(err["type"], err["msg"][0].lower() + err["msg"][1:])
        out.append(f"{name}: {loc}: {msg}")
    return out


def load_game(path: Path) -> Session:
    """The session a save holds, replayed to its last turn (``SaveError`` listing the problems)."""
    data = _read(path)
    name = str(path)
    try:
        _SaveModel.model_validate(data)
    except ValidationError as exc:
        raise SaveError(_problems(name, exc)) from None
    record = GameRecord.from_json(data["record"])
    try:
        scenario = load_scenario(scenario_path(record.scenario_id))
    except ScenarioError as exc:
        raise SaveError([f"{name}: record.scenario.id: scenario '{record.scenario_id}' cannot be loaded",
                         *exc.problems]) from None
    if scenario.content_hash != record.scenario_hash:
        raise SaveError([f"{name}: record.scenario.hash: the scenario '{scenario.id}' has changed since this game "
                         "was saved, so the game cannot be replayed"])
    try:
        return Session.resume(scenario, record)
    except ReplayError as exc:
        raise SaveError([f"{name}: record.turns: {exc}"]) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SaveError([f"{name}: record.turns: damaged ({exc.__class__.__name__})"]) from None
