"""Faults on the way to the disk: a full disk, a folder that cannot be written, a kill in the middle of a
write, names that would collide. The player is told in one line, the game goes on, nothing good is lost."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from game import files
from game.engine.model import Order
from game.files import FileProblem
from game.kills import soak_kills
from game.saves import (
    SaveError,
    autosave,
    autosave_path,
    backup_path,
    continue_game,
    list_saves,
    load_game,
    read_info,
    save_game,
    saves_dir,
    slot_path,
    tidy,
)
from game.session import Session
from game.textmode import TextGame

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def played(scenario, turns: int) -> Session:
    session = Session.new(scenario, 7, "plausible", ("us",), "historical", mode="single")
    for _ in range(turns):
        session.commit("us", (Order("u2"),))
    return session


def temps() -> list[str]:
    return [n for n in os.listdir(saves_dir()) if n.endswith(files.TEMP_SUFFIX)]


# ---------------------------------------------------------------- names


def test_names_in_any_script_are_kept_and_never_share_a_file(scenario):
    session = played(scenario, 1)
    names = ["Хрущёв", "Кеннеди", "肯尼迪", "赫鲁晓夫", "CON", "nul", "con.txt", "Save", "save", "a/b", "..", "☢"]
    paths = {name: save_game(session, name) for name in names}
    assert paths["Save"] == paths["save"]  # the same save, as on a case-insensitive disk
    assert len(set(paths.values())) == len(names) - 1
    assert {read_info(p).slot for p in paths.values()} == set(names) - {"Save"}
    reserved = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
    for path in paths.values():
        assert path.parent == saves_dir() and path.stem.split(".")[0].lower() not in reserved
        assert path.name.isascii() and path != autosave_path()


def test_the_window_names_the_save_that_would_really_be_replaced(scenario):
    save_game(played(scenario, 1), "Save")
    assert read_info(slot_path("save")).slot == "Save"


# ---------------------------------------------------------------- the autosave rotation


def test_a_damaged_autosave_never_replaces_a_good_backup(scenario):
    autosave(played(scenario, 1))
    autosave(played(scenario, 2))
    good_backup = backup_path().read_bytes()
    autosave_path().write_bytes(b'{"format": "brinkmanship-save", "ver')  # cut short by a crash elsewhere
    session, notice = continue_game()
    assert session.state.turn == 1 and "could not be loaded" in notice and str(autosave_path()) in notice
    autosave(played(scenario, 0))  # a new game: the damaged file is replaced, the backup kept
    assert backup_path().read_bytes() == good_backup
    assert continue_game()[0].state.turn == 0


def test_continue_uses_the_backup_when_the_autosave_is_missing(scenario):
    autosave(played(scenario, 1))
    autosave(played(scenario, 2))
    autosave_path().unlink()
    session, notice = continue_game()
    assert session.state.turn == 1 and "no such file" in notice


def test_continue_with_nothing_loadable_lists_both_problems():
    with pytest.raises(SaveError) as caught:
        continue_game()
    first, second = caught.value.problems
    assert first.startswith(str(autosave_path())) and second.startswith(str(backup_path()))


def test_a_write_that_fails_half_way_leaves_both_saves_and_no_temporary_file(scenario, monkeypatch):
    autosave(played(scenario, 1))
    autosave(played(scenario, 2))
    before = autosave_path().read_bytes(), backup_path().read_bytes()

    def half_then_full(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_fill", half_then_full)
    with pytest.raises(FileProblem, match="the disk is full"):
        autosave(played(scenario, 3))
    assert (autosave_path().read_bytes(), backup_path().read_bytes()) == before
    assert temps() == [] and load_game(autosave_path()).state.turn == 2


def test_stale_temporary_files_are_removed_at_start_and_saves_are_not(scenario):
    autosave(played(scenario, 1))
    stale = saves_dir() / ".autosave.json.x1y2.tmp"
    stale.write_bytes(b'{"format": "brinkm')
    keep = saves_dir() / "notes.tmp"  # not one of the game's temporary files
    keep.write_bytes(b"mine")
    assert tidy() == [stale] and keep.exists() and autosave_path().exists()


def test_a_write_never_replaces_what_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target, words in ((fifo, "not a regular file"), (folder, "it is a folder")):
        with pytest.raises(FileProblem, match=words):
            files.write_text(target, "x")
    assert fifo.is_fifo() and folder.is_dir() and sorted(os.listdir(tmp_path)) == ["folder", "pipe"]
    blocked = tmp_path / "file"
    blocked.write_text("a file where a folder should be")
    with pytest.raises(FileProblem, match="a file stands where a folder should be"):
        files.write_text(blocked / "saves" / "x.json", "x")


def test_a_dangling_link_in_the_saves_folder_is_listed_with_its_problem(scenario):
    save_game(played(scenario, 1), "good")
    (saves_dir() / "gone.json").symlink_to(saves_dir() / "nothing.json")
    os.mkfifo(saves_dir() / "pipe.json")
    listed = {info.slot: info.problem for info in list_saves()}
    assert listed["good"] == "" and "no such file" in listed["gone"] and "not a regular file" in listed["pipe"]


# ---------------------------------------------------------------- a full disk


@pytest.fixture
def full_disk(home, monkeypatch):
    """A home on a 64 KiB tmpfs (as root), else a writer that finds the disk full: ``fill()`` fills it."""
    home.mkdir(parents=True, exist_ok=True)
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(home)], capture_output=True
        ).returncode
        == 0
    )

    def no_space(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def fill() -> None:
        if not mounted:
            monkeypatch.setattr(files, "_fill", no_space)
            return
        with open(home / "filler", "wb", buffering=0) as fh, contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 512)

    fill.mounted = mounted
    yield fill
    if mounted:
        subprocess.run(["umount", str(home)], check=True)


def test_a_full_disk_is_reported_in_a_line_and_the_terminal_game_goes_on(scenario, full_disk):
    autosave(played(scenario, 1))
    good = autosave_path().read_bytes()
    full_disk()
    said: list[str] = []
    typed = iter(["e", "e", "q", "yes"])
    TextGame(played(scenario, 1), ask=lambda _: next(typed), say=said.append, clear=False, autosave=True).run()
    failed = [line for line in said if line.startswith("The game could not be saved")]
    assert len(failed) == 3 and all("the disk is full" in line and "\n" not in line for line in failed)
    assert "The game stops here (the player quit)." in said[-1]
    assert autosave_path().read_bytes() == good and temps() == []
    with pytest.raises(FileProblem, match="the disk is full"):
        save_game(played(scenario, 2), "named")
    assert load_game(autosave_path()).state.turn == 1


# ---------------------------------------------------------------- a folder that cannot be written


def _as_another_user() -> list[str] | None:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    as_nobody = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if setpriv else []
    if not as_nobody or subprocess.run([*as_nobody, sys.executable, "-c", "pass"], capture_output=True).returncode:
        return None  # no setpriv, or this Python lives where another user cannot run it (a root-only pyenv)
    return as_nobody


@pytest.fixture
def shared_home(monkeypatch):
    """A home the other user can reach (pytest's own folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="brinkmanship-ro-"))
    folder.chmod(0o755)
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_read_only_folder_gets_a_line_a_turn_and_the_game_plays_to_the_end(scenario, shared_home):
    prefix = _as_another_user()
    if prefix is None:
        pytest.skip("running as root, and no other user can run this Python: a read-only folder cannot be made")
    home, tmp_path = shared_home, shared_home
    autosave(played(scenario, 2))
    good = autosave_path().read_bytes()
    for folder in (home, home / "data", saves_dir()):
        folder.chmod(0o555)
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "BRINKMANSHIP_HOME": str(home),
        "HOME": str(tmp_path),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "game", "play", "--text", "--continue", "--no-clear"],
            input="e\n" * 40,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=300,
        )
    finally:
        for folder in (home, home / "data", saves_dir()):
            folder.chmod(0o755)
    assert done.returncode == 0 and "Traceback" not in done.stdout + done.stderr, done.stderr
    failed = [line for line in done.stdout.splitlines() if line.startswith("The game could not be saved")]
    assert failed and all("cannot be written" in line for line in failed)
    assert "THE END" in done.stdout and autosave_path().read_bytes() == good


# ---------------------------------------------------------------- kills


def test_kills_at_random_moments_and_mid_write_always_leave_a_game_to_continue():
    figures = soak_kills(6, seed=11)
    assert figures["failures"] == []
    assert figures["continued"] >= figures["runs"] - 1 >= 3  # a kill before the first save leaves nothing to continue


def test_a_killed_game_continues_at_its_last_save_and_plays_to_the_end(home):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRINKMANSHIP_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    game = subprocess.Popen(
        [sys.executable, "-m", "game", "play", "--text", "--seed", "9", "--no-clear"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        text=True,
    )
    game.stdin.write("e\n" * 3)
    game.stdin.flush()
    for line in game.stdout:  # the 4th turn's screen comes after its autosave
        if "turn 4 of 19" in line:
            break
    game.kill()
    game.wait()
    game.stdout.close()
    game.stdin.close()
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "--text", "--continue", "--no-clear"],
        input="e\n" * 40,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    first_screen = done.stdout.split("=" * 78)[1]
    assert "FRIDAY 19 OCTOBER" in first_screen and "turn 4 of 19" in first_screen
    assert "THE END" in done.stdout


def test_report_out_and_replay_save_that_cannot_be_written_give_one_line(scenario, tmp_path, capsys):
    from game.cli import main

    record = tmp_path / "record.json"
    assert main(["replay", "--history", "--save", str(record)]) == 0
    capsys.readouterr()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    os.mkfifo(tmp_path / "pipe.json")
    runs = [
        (["report", str(record), "--out", str(blocked / "out")], "a file stands where a folder should be"),
        (["replay", "--history", "--save", str(tmp_path)], "it is a folder"),
        (["replay", "--history", "--save", str(tmp_path / "pipe.json")], "it is not a regular file"),
    ]
    for argv, words in runs:
        assert main(argv) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and words in err[0] and "Traceback" not in err[0], err
    assert (tmp_path / "pipe.json").is_fifo() and blocked.read_text() == "not a folder"


def test_a_scenario_id_is_looked_up_only_in_the_games_folder(scenario, tmp_path, monkeypatch):
    from game.scenario.loader import SCENARIO_DIR, scenario_path

    path = save_game(played(scenario, 1), "here")
    (tmp_path / "october1962").mkdir()
    (tmp_path / "october1962.toml").write_text("not a scenario")
    monkeypatch.chdir(tmp_path)
    assert scenario_path("october1962") == SCENARIO_DIR / "october1962.toml"
    assert scenario_path("./october1962.toml") == Path("./october1962.toml")  # a path, given as one
    assert load_game(path).state.turn == 1
