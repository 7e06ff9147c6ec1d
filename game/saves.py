"""Saved games: named saves and the autosave, as versioned JSON holding the game record.

A save is the record (scenario id and content hash, seed, friction, every
turn's orders and chance draws) plus a small summary that the save menu shows
without replaying the game. Every field is typed and checked on reading
(``game.saveformat``); where the files are and what they are called is ``game.savenames``.

The autosave is written at the start of every turn. Before it is replaced,
the previous one — if it is a complete save — is copied to the backup, each
write atomic, so at every instant both files are complete: a kill, a power cut
or a full disk leaves the game of the last turn begun (or the one before)
under Continue, and a damaged autosave never replaces a good backup.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.engine.model import LEADER
from game.engine.record import GameRecord, ReplayError
from game.engine.scenario_types import Scenario
from game.files import FileProblem, config_dir, read_bytes, remove_stale_temps, write_bytes, write_json
from game.prelude import replay
from game.saveformat import (
    MAX_SAVE_BYTES,
    SAVE_FORMAT,
    SAVE_VERSION,
    InfoModel,
    RecordModel,
    SaveError,
    SaveModel,
    field_problems,
    read_save_json,
)
from game.savenames import AUTOSAVE, autosave_path, backup_path, name_problem, saves_dir, slot_path
from game.scenario.loader import load_scenario, scenario_by_id
from game.scenario.reading import ScenarioError
from game.session import Session

__all__ = [  # what the rest of the game uses of saves, wherever it is declared
    "MAX_SAVE_BYTES",
    "SaveError",
    "SaveInfo",
    "autosave",
    "autosave_path",
    "backup_path",
    "continue_game",
    "has_game",
    "list_saves",
    "load_game",
    "name_problem",
    "read_info",
    "read_record",
    "replay_record",
    "save_game",
    "saves_dir",
    "slot_path",
    "tidy",
]


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


def read_info(path: Path) -> SaveInfo:
    """The summary of a save (``SaveError`` if it is not one)."""
    data = read_save_json(path)
    try:
        info = InfoModel.model_validate({k: data[k] for k in ("saved_at", "slot", "summary") if k in data})
    except ValidationError as exc:
        raise SaveError(field_problems(str(path), exc)) from None
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
        RecordModel.model_validate(data)
    except ValidationError as exc:
        raise SaveError(field_problems(name, exc, base)) from None
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
    data = read_save_json(path)
    name = str(path)
    try:
        SaveModel.model_validate(data)
    except ValidationError as exc:
        raise SaveError(field_problems(name, exc)) from None
    scenario, record = read_record(name, data["record"], "record.")
    return Session.resume(scenario, record, replay_record(name, scenario, record, "record."))


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
        SaveModel.model_validate(read_save_json(path, raw))
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
