"""The window's Load, Save, Continue and Settings with hostile files in place, headless: every screen opens,
every bad file is named with its problem, a failed write is a dialog in plain words and the game goes on."""

from __future__ import annotations

import errno
import json
import os

import pygame
import pytest

from game import files
from game.engine.model import Order
from game.saves import autosave, autosave_path, backup_path, save_game, saves_dir
from game.session import Session
from game.settings import Settings
from tests.ui_driver import Driver


def hostile_saves(good: dict) -> dict[str, bytes | None]:
    """Files for the saves folder: name -> bytes (None: made specially), and what they should stay."""
    odd = dict(good, slot="with a NUL\x00 in it")
    label = json.loads(json.dumps(good))
    label["summary"]["label"] = "Tuesday\x00"
    return {
        "fifo.json": None,
        "zero.json": None,
        "dangling.json": None,
        "folder.json": None,
        "nul-slot.json": json.dumps(odd).encode(),
        "nul-label.json": json.dumps(label).encode(),
        "deep.json": b"[" * 20_000 + b"]" * 20_000,
        "digits.json": b"[" + b"9" * 5000 + b"]",
        "empty.json": b"",
        "nan.json": b'{"format": "brinkmanship-save", "version": NaN}',
    }


@pytest.fixture
def world(tmp_path, monkeypatch, scenario):
    """A home with a good save, a damaged autosave over a good backup, and every hostile file."""
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    session = Session.new(scenario, 5, "plausible", ("us",), "historical", mode="single")
    session.commit("us", (Order("u2"),))
    good = json.loads(save_game(session, "A good one").read_text())
    autosave(session)
    session.commit("us", ())
    autosave(session)  # the backup now holds turn 1
    autosave_path().write_bytes(b'{"format": "brinkmanship-save", "version": 1, "sav')
    folder = saves_dir()
    for name, raw in hostile_saves(good).items():
        path = folder / name
        if name == "fifo.json":
            os.mkfifo(path)
        elif name == "zero.json":
            path.symlink_to("/dev/zero")
        elif name == "dangling.json":
            path.symlink_to(folder / "nothing")
        elif name == "folder.json":
            path.mkdir()
        else:
            path.write_bytes(raw)
    (folder / ".autosave.json.abc123.tmp").write_bytes(b"{")  # left by a killed write
    Settings.path().parent.mkdir(parents=True, exist_ok=True)
    Settings.path().write_bytes(b'{"volume": ' * 5000 + b"1" + b"}" * 5000)
    before = {p.name: (p.lstat().st_mode, p.lstat().st_mtime_ns) for p in folder.iterdir()}
    return tmp_path, before


@pytest.fixture
def app(world):
    from game.ui.app import App

    application = App()
    yield application
    application.sound.close()
    pygame.display.quit()


def test_hostile_settings_give_the_defaults_and_a_notice(app):
    d = Driver(app)
    assert d.name == "Notice" and d.scene.heading == "Settings not read"
    assert "nested too deeply" in d.scene.message and "default settings" in d.scene.message
    assert app.settings == Settings()
    d.press(pygame.K_RETURN)
    assert d.name == "TitleScene"
    app.draw()


def test_stale_temporary_files_are_gone_at_start(app):
    assert not [n for n in os.listdir(saves_dir()) if n.endswith(".tmp")]


def test_the_load_screen_lists_every_hostile_file_with_its_problem(app, world):
    _, before = world
    d = Driver(app)
    d.press(pygame.K_RETURN)  # the settings notice
    d.click("Load")
    assert d.name == "LoadScene"
    app.draw()
    rows = {str(path.name): title for title, path in d.scene.list.rows}
    assert {name for name in before if not name.startswith(".")} <= set(rows)
    tips = dict(zip([p.name for _, p in d.scene.list.rows], d.scene.list.tooltips, strict=True))
    assert "not a regular file" in tips["fifo.json"] and "not a regular file" in tips["zero.json"]
    assert "no such file" in tips["dangling.json"] and "control characters" in tips["nul-slot.json"]
    for row in range(len(d.scene.list.rows)):
        d.scene.list.selected = row
        d.scene.load_selected()
        app.draw()
        if d.name == "Notice":
            d.press(pygame.K_RETURN)
        if d.name != "LoadScene":
            break
    after = {p.name: (p.lstat().st_mode, p.lstat().st_mtime_ns) for p in saves_dir().iterdir()}
    assert {k: v for k, v in after.items() if not k.startswith("autosave")} == {
        k: v for k, v in before.items() if not k.startswith((".", "autosave"))
    }


def test_continue_falls_back_to_the_backup_and_says_so(app):
    d = Driver(app)
    d.press(pygame.K_RETURN)
    d.click("Continue")
    assert d.name == "Notice" and d.scene.heading == "Continued from the backup"
    assert str(autosave_path()) in d.scene.message
    assert app.session is not None and app.session.state.turn == 1
    assert json.loads(backup_path().read_text())["summary"]["turn"] == 1


def test_saving_among_hostile_files_and_a_full_disk_is_a_dialog_and_the_game_goes_on(app, monkeypatch):
    d = Driver(app)
    d.press(pygame.K_RETURN)
    d.click("Continue")
    d.press(pygame.K_RETURN)  # the notice

    def no_space(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    real_fill = files._fill
    monkeypatch.setattr(files, "_fill", no_space)
    while d.name != "TurnScene":
        d.press(pygame.K_RETURN)
    d.press(pygame.K_ESCAPE)
    d.click("Save")
    assert d.name == "SaveScene"
    app.draw()
    d.click("Save")
    assert d.name == "Dialog" and d.scene.heading == "The game could not be saved"
    assert "the disk is full" in d.scene.message and str(saves_dir()) in d.scene.message
    d.click("Go on")
    assert d.name == "SaveScene" and app.session is not None
    monkeypatch.setattr(files, "_fill", real_fill)  # room on the disk again
    d.click("Save")
    assert d.name == "Notice" and d.scene.heading == "Saved", (d.scene.heading, d.scene.message)


def test_a_save_named_autosave_is_refused_and_the_replace_prompt_names_the_real_save(app):
    d = Driver(app)
    d.press(pygame.K_RETURN)
    d.click("Continue")
    d.press(pygame.K_RETURN)
    while d.name != "TurnScene":
        d.press(pygame.K_RETURN)
    d.press(pygame.K_ESCAPE)
    d.click("Save")
    d.scene.field.value = "AUTOSAVE"
    d.click("Save")
    assert d.name == "Notice" and "automatic save" in d.scene.message
    d.press(pygame.K_RETURN)
    d.scene.field.value = "a good one"
    d.click("Save")
    assert d.name == "Dialog" and "“A good one”" in d.scene.message


def test_a_settings_change_that_cannot_be_written_is_a_dialog(app):
    d = Driver(app)
    d.press(pygame.K_RETURN)
    Settings.path().unlink()
    Settings.path().mkdir()  # a folder where the file should be
    d.click("Settings")
    d.click("Sound")
    assert d.name == "Dialog" and d.scene.heading == "The settings could not be kept"
    assert "it is a folder" in d.scene.message
    d.click("Go on")
    assert d.name == "SettingsScene" and app.settings.muted


def test_the_seed_field_takes_ascii_digits_only(app):
    d = Driver(app)
    d.press(pygame.K_RETURN)
    d.click("New game")
    d.focus("Seed")
    for _ in range(8):
        d.press(pygame.K_BACKSPACE)
    for ch in "²٣1２7":
        d.press(pygame.K_a, unicode=ch)
    assert d.scene.seed_field.value == "17"
