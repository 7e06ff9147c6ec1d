"""The help line under the turn screen always weighs the order the player is looking at: the one the keyboard
cursor is on after a key press, the one pointed at after the mouse moves, even when the list has scrolled
under a mouse left resting on it."""

from __future__ import annotations

import re

import pygame
import pytest

from tests.ui_driver import Driver


@pytest.fixture
def turn(tmp_path, monkeypatch):  # noqa: ANN201 - the window open on a turn, with a list longer than its box
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    from game.session import Session
    from game.ui.app import App
    from game.ui.scenes.turn import TurnScene

    app = App(size=(1024, 640))
    app.settings.text_size = "extra large"
    app.apply_settings()
    app.session = Session.new(app.scenario, 4, "plausible", ("us",))
    app.go(TurnScene(app, "us"))
    yield app
    app.sound.close()
    pygame.display.quit()


def point_at_row(app, box, row: int) -> None:  # noqa: ANN001 - App, ListBox
    y = box.rect.top + 4 + (row - box.top) * box.row_height + box.row_height // 2
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(box.rect.left + 30, y), rel=(0, 0), buttons=(0, 0, 0))])


def test_the_help_line_follows_the_keyboard_under_a_resting_mouse_and_the_mouse_when_it_moves(turn):
    d = Driver(turn)
    box = d.scene.orders
    assert len(box.rows) > box.visible  # the list scrolls at this size
    assert d.scene.panel.focused is box
    pointed = box.top + box.visible - 1  # the last row in sight, not the one the cursor is on
    point_at_row(turn, box, pointed)
    assert pointed != box.selected and d.scene.tooltip() == box.tooltips[pointed]
    last = max(i for i, (_, payload) in enumerate(box.rows) if payload is not None)
    while box.selected < last:  # the cursor runs down the whole list; the list scrolls under the mouse
        d.press(pygame.K_DOWN)
        assert d.scene.tooltip() == box.tooltips[box.selected], box.rows[box.selected][0]
    assert box.top > 0
    point_at_row(turn, box, box.top)  # the mouse moves: pointing wins again
    assert box.top != box.selected and d.scene.tooltip() == box.tooltips[box.top]
    d.press(pygame.K_UP)
    assert d.scene.tooltip() == box.tooltips[box.selected]


def test_after_a_key_the_help_line_is_the_focused_widgets_not_the_one_under_the_mouse(turn):
    d = Driver(turn)
    box = d.scene.orders
    point_at_row(turn, box, box.selected + 1)
    d.focus("Add")  # the focus leaves the list by Tab; the mouse still rests on the list
    assert d.scene.tooltip() == d.scene.add_button.tooltip


def test_at_1024x640_with_extra_large_text_the_help_line_keeps_every_orders_figures(turn):
    """The figures come first (cost, the rung it climbs to, the risk it makes) and the drawn help line, three
    lines at most, cuts the description, never them; a cut says so with an ellipsis."""
    from game.ui import text

    d = Driver(turn)
    box = d.scene.orders
    orders = [i for i, (_, payload) in enumerate(box.rows) if payload is not None]
    cut = 0
    for i in orders:
        drawn: list[str] = []
        stop = text.listen(drawn.append)
        try:
            turn.draw_tooltip(turn.screen, box.tooltips[i])
        finally:
            stop()
        shown, tip = " ".join(drawn), box.tooltips[i]
        figures = re.findall(r"(?:Cost|Ladder: up to rung|Risk this turn): [^.]*\.", tip)
        assert figures and all(f in shown for f in figures), (box.rows[i][0], figures, shown)
        cut += shown.endswith("…")
    assert cut > 0  # some help is long enough at this size to be cut, and says so
