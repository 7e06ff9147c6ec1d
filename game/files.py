"""Where the game keeps its files, and the one way it writes and reads them.

Settings live in the user's configuration folder, saves in the user's data
folder (``platformdirs``); ``BRINKMANSHIP_HOME`` puts both under one folder
instead (the tests use it, and a teacher may, to keep a class's saves on a
USB stick).

Every file the game touches goes through ``write_text`` and ``read_bytes``
(or the JSON/TOML readers over it), so that each fault is handled once:
writes are atomic and never replace anything but a regular file; reads never
block, never read a device or a pipe, and stop at a size cap. A failure is a
``FileProblem`` whose message is one line in plain words.
"""

from __future__ import annotations

import errno
import json
import math
import os
import stat
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import platformdirs

APP = "brinkmanship"
TEMP_SUFFIX = ".tmp"
_WHY = {  # errno -> what it means to a player
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "no permission",
    errno.EPERM: "no permission",
    errno.EROFS: "the disk is read-only",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.EEXIST: "a file stands where a folder should be",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOENT: "no such file",
    errno.ELOOP: "too many symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
}


class FileProblem(Exception):
    """A file that cannot be written or read; ``str()`` is one line naming the file and the problem."""


def config_dir() -> Path:
    home = os.environ.get("BRINKMANSHIP_HOME")
    return Path(home) / "config" if home else Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    home = os.environ.get("BRINKMANSHIP_HOME")
    return Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP, appauthor=False))


def why(exc: OSError, writing: bool = False) -> str:
    """An OS error in plain words."""
    if writing and exc.errno in (errno.EACCES, errno.EPERM):
        return "the folder cannot be written (no permission)"
    return _WHY.get(exc.errno or 0, (exc.strerror or exc.__class__.__name__).lower())


# ---------------------------------------------------------------- writing


def _fill(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd`` and sync it (the seam where the tests inject a full disk)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _sync_dir(folder: Path) -> None:
    """Make a rename durable; some systems cannot open a folder, and then there is nothing to do."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes) -> None:
    """Write a file atomically: a temporary file beside it, synced, then renamed into place.

    Refuses a target that exists and is not a regular file (a device, a pipe, a folder): renaming over
    ``/dev/full`` would replace the device. The temporary file is removed on every failure.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileProblem(f"{path}: cannot be written: {why(exc, writing=True)}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise FileProblem(f"{path}: cannot be written: it is {kind}")
    target = path.resolve() if path.is_symlink() else path
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
        try:
            os.fchmod(fd, 0o644)  # mkstemp makes it private; a report is meant to be handed in
            _fill(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        tmp = None
        _sync_dir(target.parent)
    except OSError as exc:
        raise FileProblem(f"{path}: cannot be written: {why(exc, writing=True)}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: Any) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False))


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove the temporary files that killed writes left in ``folder``; returns them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


# ---------------------------------------------------------------- reading


def read_bytes(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most ``limit`` of them. Opened without blocking (a FIFO would hang a
    plain ``open``), its type checked on the open file, and never read past the cap (``/dev/zero``)."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise FileProblem(_unreadable(path, exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(f"{path}: is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"{path}: is not a regular file (a device, a pipe or a socket), so it is not read")
        if info.st_size > limit:
            raise FileProblem(f"{path}: file is larger than {limit} bytes")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise FileProblem(_unreadable(path, exc)) from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileProblem(f"{path}: file is larger than {limit} bytes")
    return b"".join(chunks)


def _unreadable(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return f"{path}: no such file"
    if exc.errno == errno.EISDIR:
        return f"{path}: is a folder, not a file"
    return f"{path}: cannot be read ({why(exc)})"


def _text(path: Path, raw: bytes) -> str:
    if not raw.strip():
        raise FileProblem(f"{path}: file is empty")
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark, as some editors write, is allowed
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileProblem(f"{path}: not UTF-8 text (bad byte on line {line}, at offset {exc.start})") from None


def _where(parts: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".") or "(top)"


def _walk(data: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every value with its path, without recursion (the data may be nested as deep as the parser allowed)."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        where, value = stack.pop()
        yield where, value
        if isinstance(value, dict):
            stack.extend(((*where, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*where, i), v) for i, v in enumerate(value))


MAX_DEPTH = 64  # no game file nests deeper; some parsers (Python 3.13's json) accept far deeper data


def _check_numbers(path: Path, data: Any) -> None:
    """No game file may hold an infinite or not-a-number value (a bound of ``inf`` is never meant),
    nor be nested deeper than any game file is."""
    for where, value in _walk(data):
        if len(where) > MAX_DEPTH:
            raise FileProblem(f"{path}: data nested too deeply")
        if isinstance(value, float) and not math.isfinite(value):
            raise FileProblem(f"{path}: {_where(where)}: must be a finite number")


def _parse(path: Path, kind: str, parse: Any, text: str) -> Any:
    try:
        data = parse(text)
    except RecursionError:
        raise FileProblem(f"{path}: data nested too deeply") from None
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        if isinstance(exc, tomllib.TOMLDecodeError):
            raise FileProblem(f"{path}: TOML syntax error: {exc}") from None
        raise FileProblem(f"{path}: not valid JSON, perhaps cut short ({exc.msg}, line {exc.lineno})") from None
    except ValueError as exc:  # int() past the digit limit raises a plain ValueError
        detail = "a number of more than 4300 digits" if "digits" in str(exc) else str(exc).splitlines()[0]
        raise FileProblem(f"{path}: not valid {kind} ({detail})") from None
    _check_numbers(path, data)
    return data


def parse_json(path: Path, raw: bytes) -> Any:
    """The JSON value in bytes read from ``path`` (``FileProblem`` if they do not parse)."""
    return _parse(path, "JSON", json.loads, _text(path, raw))


def read_json(path: Path, limit: int) -> Any:
    """The JSON value in a file (``FileProblem`` if it cannot be read or parsed)."""
    return parse_json(path, read_bytes(path, limit))


def read_toml(path: Path, limit: int) -> tuple[dict[str, Any], bytes]:
    """The TOML table in a file and its raw bytes (``FileProblem`` if it cannot be read or parsed)."""
    raw = read_bytes(path, limit)
    return _parse(path, "TOML", tomllib.loads, _text(path, raw)), raw
