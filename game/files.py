"""Where the game keeps its files, and how it writes them: atomically, so nothing is ever half-written.

Settings live in the user's configuration folder, saves in the user's data
folder (``platformdirs``); ``BRINKMANSHIP_HOME`` puts both under one folder
instead (the tests use it, and a teacher may, to keep a class's saves on a
USB stick).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

APP = "brinkmanship"


def config_dir() -> Path:
    home = os.environ.get("BRINKMANSHIP_HOME")
    return Path(home) / "config" if home else Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    home = os.environ.get("BRINKMANSHIP_HOME")
    return Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP, appauthor=False))


def write_text(path: Path, text: str) -> None:
    """Write a file atomically: a temporary file beside it, flushed and synced, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a report is meant to be handed in
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, data: Any) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1))
