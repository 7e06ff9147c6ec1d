"""Saved games: named saves and the autosave, as versioned JSON holding the game record.

A save is the record (scenario id and content hash, seed, friction, every
turn's orders and chance draws) plus a small summary that the save menu shows
without replaying the game. Every field is typed and checked on reading; a
save that cannot be used gives ``SaveError`` with one line per problem and is
never changed or deleted.

The autosave is written at the start of every turn. Before it is replaced,
the previous one — if it is a complete save — is copied to the backup, each
write atomic, so at every instant both files are complete: a kill, a power cut
or a full disk leaves the game of the last turn begun (or the one before)
under Continue, and a damaged autosave never replaces a good backup.

A save's name is kept as typed, in any script; its file name is a readable
ASCII part and a hash of the name, so two names never share a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.ai.doctrine import PERSONALITIES
from game.engine.model import LEADER
from game.engine.record import RECORD_VERSION, GameRecord, ReplayError
from game.engine.scenario_types import Scenario
from game.files import (
    FileProblem,
    config_dir,
    data_dir,
    parse_json,
    read_bytes,
    read_json,
    remove_stale_temps,
    write_bytes,
    write_json,
)
from game.inputs import SEED_MAX, SEED_MIN
from game.prelude import replay
from game.scenario.loader import ScenarioError, load_scenario, scenario_by_id
from game.session import Session

SAVE_FORMAT = "brinkmanship-save"
SAVE_VERSION = 1
AUTOSAVE = "autosave"
BACKUP = "autosave.bak"
MAX_SAVE_BYTES = 20_000_000
MAX_NAME = 60
MAX_ORDERS = 40  # a side's orders in one turn; the action points allow far fewer
MAX_TURNS = 500


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
    scenario: str = ""


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_path() -> Path:
    return saves_dir() / f"{AUTOSAVE}.json"


def backup_path() -> Path:
    return saves_dir() / f"{BACKUP}.json"


# ---------------------------------------------------------------- names


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


def name_problem(name: str) -> str | None:
    """Why a save cannot have this name, or None. Names differing only in case are the same save."""
    text = unicodedata.normalize("NFC", name).strip()
    if not text:
        return "A save needs a name."
    if len(text) > MAX_NAME:
        return f"A save's name can have at most {MAX_NAME} characters."
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        return "A save's name cannot hold control characters."
    if _key(text) in (AUTOSAVE, BACKUP):
        return f"“{text}” is the name of the automatic save; choose another name."
    return None


def slot_path(name: str) -> Path:
    """The file of a named save: ASCII letters of the name (never a Windows device name, since a hash
    follows) and 12 hex digits of the name's hash."""
    key = _key(name)
    ascii_part = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_part).strip("-")[:32] or "save"
    return saves_dir() / f"{slug}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}.json"


# ---------------------------------------------------------------- the file's shape

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
    opponent: Literal[PERSONALITIES] = "historical"
    mode: Literal["single", "hotseat", "tutorial", "history"] = "single"
    timer: int = Field(default=0, ge=0, le=3600)

    @field_validator("humans")
    @classmethod
    def _distinct(cls, humans: list[str]) -> list[str]:
        if len(set(humans)) != len(humans):
            raise ValueError("a side is named twice")
        return humans


class _RecordModel(_Strict):
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


class _InfoModel(_Strict):
    saved_at: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$")
    slot: Line = Field(max_length=MAX_NAME)
    summary: _SummaryModel


class _SaveModel(_InfoModel):
    format: Literal["brinkmanship-save"]
    version: int
    record: _RecordModel


def _problems(name: str, exc: ValidationError, base: str = "") -> list[str]:
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


# ---------------------------------------------------------------- reading


def _read(path: Path, raw: bytes | None = None) -> dict[str, Any]:
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


def read_info(path: Path) -> SaveInfo:
    """The summary of a save (``SaveError`` if it is not one)."""
    data = _read(path)
    try:
        info = _InfoModel.model_validate({k: data[k] for k in ("saved_at", "slot", "summary") if k in data})
    except ValidationError as exc:
        raise SaveError(_problems(str(path), exc)) from None
    s = info.summary
    slot = f"{info.slot} (backup)" if path == backup_path() else info.slot
    return SaveInfo(path, slot, info.saved_at, s.date, s.label, s.mode, s.sides, s.over, scenario=s.scenario)


def list_saves() -> list[SaveInfo]:
    """Every save, newest first. A file that cannot be read is listed with its problem (and left untouched),
    so the player learns why it will not load rather than wonder where it went."""
    try:
        paths = sorted(p for p in saves_dir().iterdir() if p.suffix == ".json" and not p.name.startswith("."))
    except OSError:
        return []
    found = []
    for path in paths:
        try:
            found.append(read_info(path))
        except SaveError as exc:
            try:
                when = dt.datetime.fromtimestamp(path.lstat().st_mtime).isoformat(timespec="seconds")
            except (OSError, ValueError, OverflowError):
                when = ""
            found.append(SaveInfo(path, path.stem, when, "", "", "", "", False, exc.problems[0]))
    return sorted(found, key=lambda info: info.saved_at, reverse=True)


def read_record(name: str, data: Any, base: str = "") -> tuple[Scenario, GameRecord]:
    """A game record checked field by field, and the game's own scenario it names (``SaveError``)."""
    try:
        _RecordModel.model_validate(data)
    except ValidationError as exc:
        raise SaveError(_problems(name, exc, base)) from None
    record = GameRecord.from_json(data)
    try:
        scenario = load_scenario(scenario_by_id(record.scenario_id))
    except ScenarioError as exc:
        raise SaveError(
            [f"{name}: {base}scenario.id: scenario '{record.scenario_id}' cannot be loaded", *exc.problems]
        ) from None
    if scenario.content_hash != record.scenario_hash:
        raise SaveError(
            [
                f"{name}: {base}scenario.hash: the scenario '{scenario.id}' has changed since this game "
                "was saved, so the game cannot be replayed"
            ]
        )
    return scenario, record


def replay_record(name: str, scenario: Scenario, record: GameRecord, base: str = "") -> Any:
    """The state a checked record replays to (``SaveError`` if it does not replay)."""
    try:
        return replay(record, scenario)
    except ReplayError as exc:
        raise SaveError([f"{name}: {base}turns: {exc}"]) from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise SaveError([f"{name}: {base}turns: damaged ({exc.__class__.__name__})"]) from None


def load_game(path: Path) -> Session:
    """The session a save holds, replayed to its last turn (``SaveError`` listing the problems)."""
    data = _read(path)
    name = str(path)
    try:
        _SaveModel.model_validate(data)
    except ValidationError as exc:
        raise SaveError(_problems(name, exc)) from None
    scenario, record = read_record(name, data["record"], "record.")
    return Session.resume(scenario, record, replay_record(name, scenario, record, "record."))


# ---------------------------------------------------------------- writing


def _summary(session: Session) -> dict[str, Any]:
    state = session.state
    if session.hotseat:
        mode, sides = "hot-seat", "Kennedy and Khrushchev at one keyboard"
    else:
        human = session.humans[0]
        mode = "against the AI"
        sides = f"{LEADER[human]} against the {session.opponent} {LEADER['ussr' if human == 'us' else 'us']}"
    return {
        "date": state.date,
        "label": state.turn_def.label,
        "turn": state.turn,
        "mode": mode,
        "sides": sides,
        "over": state.over,
        "scenario": session.scenario.id,
    }


def _write(session: Session, path: Path, slot: str) -> Path:
    write_json(
        path,
        {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "slot": slot,
            "summary": _summary(session),
            "record": session.record.to_json(),
        },
    )
    return path


def save_game(session: Session, name: str) -> Path:
    """Write the session under a name (atomically); returns the file. ``FileProblem`` if it cannot be written."""
    problem = name_problem(name)
    if problem:
        raise ValueError(problem)
    return _write(session, slot_path(name), unicodedata.normalize("NFC", name).strip())


def _complete(path: Path) -> bytes | None:
    """The bytes of a save that reads as complete and well-formed (not replayed), else None."""
    try:
        raw = read_bytes(path, MAX_SAVE_BYTES)
        _SaveModel.model_validate(_read(path, raw))
    except (FileProblem, SaveError, ValidationError):
        return None
    return raw


def autosave(session: Session) -> Path:
    """Save at the start of a turn; the autosave before it, if complete, is kept as the backup first."""
    main = autosave_path()
    previous = _complete(main)
    if previous is not None:
        write_bytes(backup_path(), previous)
    return _write(session, main, AUTOSAVE)


def has_game() -> bool:
    """Whether Continue has anything to try."""
    return autosave_path().exists() or backup_path().exists()


def continue_game() -> tuple[Session, str]:
    """The newest game that loads: the autosave, else its backup — then with a notice saying so."""
    try:
        return load_game(autosave_path()), ""
    except SaveError as exc:
        problem = exc.problems[0]
    try:
        session = load_game(backup_path())
    except SaveError as exc:
        raise SaveError([problem, *exc.problems]) from None
    return session, (
        f"The last autosave could not be loaded ({problem}), so the game goes on from its backup, "
        f"saved one turn earlier: {session.state.turn_def.label}."
    )


def tidy() -> list[Path]:
    """At start: remove the temporary files that killed writes left behind (never a save)."""
    return remove_stale_temps(saves_dir()) + remove_stale_temps(config_dir())
