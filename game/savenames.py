"""Where the saves live and what they are called: the autosave and its backup, and a named save's file.

A save's name is kept as typed, in any script; its file name is a readable
ASCII part and a hash of the name, so two names never share a file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from game.files import data_dir

AUTOSAVE = "autosave"
BACKUP = "autosave.bak"
MAX_NAME = 60


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_path() -> Path:
    return saves_dir() / f"{AUTOSAVE}.json"


def backup_path() -> Path:
    return saves_dir() / f"{BACKUP}.json"


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
