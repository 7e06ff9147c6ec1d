"""``python -m game soak --kills N``: kill the game with SIGKILL, then check that Continue works.

Each run plays the terminal game or, one run in two, the window (with no display:
the same scenes, played by pressing Enter and ending each turn) — a new game, or
the last one continued — and kills it: every other run at a random moment, the others in the middle of a
save write — when a save's temporary file appears, with every ``fsync``
slowed by ``strace`` where it is installed so the kill lands inside the
write. After each kill the stale temporary file must be removed at start and
Continue must give the game of the last save that was completed (the one on
disk), never an older one.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from game import resources
from game.files import TEMP_SUFFIX
from game.saves import SaveError, autosave_path, continue_game, has_game, tidy

IMPORT_ROOT = resources.PACKAGE.parent  # the folder holding the ``game`` package, for the child's imports
RANDOM_OUTPUT_BYTES = 40_000  # about what a whole game prints: a kill from start-up to the last screen
WINDOW_OUTPUT_BYTES = 600  # a little less than the window's child prints in a whole game (a line a screen)
STRACE_DELAY_US = 300_000  # each fsync slowed by 0.3 s: a kill sent when the temporary file appears lands mid-write


def _turn_on_disk(path: Path) -> int | None:
    """The turn the autosave on disk was written at, if it is there and parses."""
    try:
        return int(json.loads(path.read_bytes())["summary"]["turn"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _temps(folder: Path) -> list[str]:
    try:
        return [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return []


def kill_once(home: Path, resume: bool, mid_write: bool, rng: random.Random, window: bool = False) -> dict[str, Any]:
    """Start the terminal game (or the window), kill it, and say what the kill left (``mid_write``: whether it
    landed in a write)."""
    env = {**os.environ, "BRINKMANSHIP_HOME": str(home), "PYTHONPATH": str(IMPORT_ROOT)}
    seed = rng.randrange(10**6)
    if window:
        command = [sys.executable, "-c", f"from game.ui.fuzz import play_window; play_window({seed}, {resume})"]
    else:
        command = [sys.executable, "-m", "game", "play", "--text", "--no-clear", "--seed", str(seed)]
        if resume:
            command.append("--continue")
    strace = shutil.which("strace") if mid_write else None
    if strace:
        command = [strace, "-f", "-qq", "-o", os.devnull, "-e", f"inject=fsync:delay_enter={STRACE_DELAY_US}", *command]
    saves = home / "data" / "saves"
    env["PYTHONUNBUFFERED"] = "1"  # the output shows how far the game is, byte by byte
    game = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL if mid_write else subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=home,
        start_new_session=True,
    )
    assert game.stdin is not None  # both pipes are asked for above
    try:
        game.stdin.write(b"e\n" * 400)
        game.stdin.flush()
    except BrokenPipeError:
        pass
    landed = False
    if mid_write:  # watch for a save's temporary file (no sleep: the write may last a millisecond)
        while game.poll() is None and not landed:
            landed = bool(_temps(saves))
    else:  # a random moment, measured in the game's own output: from start-up to the last screen
        wanted = rng.randrange(WINDOW_OUTPUT_BYTES if window else RANDOM_OUTPUT_BYTES)
        assert isinstance(game.stdout, io.BufferedReader)  # a pipe, buffered by default
        while wanted > 0 and (chunk := game.stdout.read1(wanted)):
            wanted -= len(chunk)
    exited = game.poll()
    if exited is None:
        os.killpg(game.pid, signal.SIGKILL)
    game.wait()
    for pipe in (game.stdin, game.stdout):
        if pipe is not None:
            pipe.close()
    return {"exited": exited, "mid_write": landed and exited is None, "temps": _temps(saves)}


@contextmanager
def _scratch_home() -> Iterator[Path]:
    """A scratch folder for the runs' saves and settings, as ``BRINKMANSHIP_HOME``; removed afterwards."""
    home = Path(tempfile.mkdtemp(prefix="brinkmanship-kills-"))
    old_home = os.environ.get("BRINKMANSHIP_HOME")
    os.environ["BRINKMANSHIP_HOME"] = str(home)
    try:
        yield home
    finally:
        if old_home is None:
            os.environ.pop("BRINKMANSHIP_HOME", None)
        else:
            os.environ["BRINKMANSHIP_HOME"] = old_home
        shutil.rmtree(home, ignore_errors=True)


def soak_kills(runs: int, seed: int = 0) -> dict[str, Any]:
    """Start ``runs`` games, kill each (unless it ends first) and continue it; the figures, and a line for every
    run that went wrong."""
    rng = random.Random(seed)
    figures: dict[str, Any] = {
        "runs": 0,
        "finished": 0,
        "mid_write": 0,
        "continued": 0,
        "from_backup": 0,
        "stale_removed": 0,
        "failures": [],
    }
    start = time.perf_counter()
    resume = False
    with _scratch_home() as home:
        for i in range(runs):
            before = _turn_on_disk(autosave_path())
            run = kill_once(home, resume, mid_write=i % 2 == 1, rng=rng, window=i % 4 >= 2)
            figures["runs"] += run["exited"] is None
            figures["finished"] += run["exited"] == 0
            figures["mid_write"] += run["mid_write"]
            if run["exited"] not in (None, 0):
                figures["failures"].append(f"run {i + 1}: the game stopped by itself with exit code {run['exited']}")
            removed = tidy()
            figures["stale_removed"] += len(removed)
            if len(removed) != len(run["temps"]):
                figures["failures"].append(f"run {i + 1}: {len(run['temps'])} temporary files, {len(removed)} removed")
            if not has_game():
                resume = False
                continue
            on_disk = _turn_on_disk(autosave_path())
            try:
                session, notice = continue_game()
            except SaveError as exc:
                figures["failures"].append(f"run {i + 1}: Continue failed: {exc.problems[0]}")
                resume = False
                continue
            figures["from_backup"] += bool(notice)
            went_back = resume and before is not None and on_disk is not None and on_disk < before
            if session.state.turn == on_disk and not notice and not went_back:
                figures["continued"] += 1
            else:
                figures["failures"].append(
                    f"run {i + 1}: Continue gave turn {session.state.turn}; the last completed "
                    f"save is of turn {on_disk} (before the run: {before})"
                )
            resume = run["exited"] is None and rng.random() < 0.75  # now and then a new game over the old one
    figures["seconds"] = round(time.perf_counter() - start, 1)
    return figures
