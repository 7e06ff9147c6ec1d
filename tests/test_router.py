"""The window's router: every screen has one name, the window opens screens by name, and a screen is reached
from another through it (``app.go("title")``), never by importing it."""

from __future__ import annotations

import pygame
import pytest

from game.files import FileProblem
from game.session import Session
from game.ui.app import SCENES, App
from game.ui.opening import begin_turn
from game.ui.router import SCENE_NAMES
from game.ui.scene import Dialog, Notice
from game.ui.scenes.debrief import EndScene
from game.ui.scenes.menus import PauseScene, TitleScene
from game.ui.scenes.turn import TurnScene


@pytest.fixture
def app():
    application = App()
    yield application
    application.sound.close()
    pygame.display.quit()


def test_every_name_has_its_screen_and_every_screen_its_name():
    assert tuple(SCENES) == SCENE_NAMES
    assert len(set(SCENES.values())) == len(SCENES)


def test_the_window_opens_on_the_title_screen_by_name(app):
    assert [type(s) for s in app.scenes] == [TitleScene]


def test_go_replaces_every_screen_and_push_opens_one_over_it(app):
    app.session = Session.new(app.scenario, 3, "plausible", ("us",))
    app.go("turn", "us")
    app.push("pause")
    assert [type(s) for s in app.scenes] == [TurnScene, PauseScene]
    assert app.scenes[0].side == "us"
    app.push("notice", "A title", "A message")
    assert isinstance(app.scene, Notice) and app.scene.heading == "A title"
    app.go("title")
    assert [type(s) for s in app.scenes] == [TitleScene]


def test_a_screen_already_made_is_opened_as_it_is_and_takes_no_arguments(app):
    dialog = Dialog(app, "Sure?", "", [("Yes", None)])
    app.push(dialog)
    assert app.scene is dialog
    with pytest.raises(TypeError):
        app.push(dialog, "more")


def test_an_unknown_name_is_refused(app):
    with pytest.raises(KeyError):
        app.go("nowhere")  # type: ignore[arg-type]


def test_a_failed_write_is_told_by_name_from_the_window(app):
    """The window itself knows no screen: a settings file it cannot write is told through the router."""

    def fail() -> None:
        raise FileProblem("the disk is full")

    assert app.guarded(fail, "The settings could not be kept") is False
    assert isinstance(app.scene, Dialog) and app.scene.heading == "The settings could not be kept"
    assert "the disk is full" in app.scene.message


def test_the_timer_finds_the_turn_screen_under_the_menu(app):
    app.session = Session.new(app.scenario, 3, "plausible", ("us", "ussr"), mode="hotseat", timer=60)
    app.go("turn", app.session.to_play())
    app.push("pause")
    assert app.timed_turn() is app.scenes[0]


def test_a_finished_game_opens_its_debrief(app):
    session = Session.new(app.scenario, 5, "plausible", ("us",))
    while not session.over:
        session.commit("us", ())
    app.session = session
    begin_turn(app)
    assert [type(s) for s in app.scenes] == [EndScene]
