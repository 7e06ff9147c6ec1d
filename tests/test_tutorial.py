"""Replay history as a tutorial: the record followed to the end, a step off the path, the same words in the
terminal and in the window."""

from __future__ import annotations

import pygame
import pytest

from game.history import HISTORY_SEED
from game.session import Session
from game.textmode import TextGame, watch_history
from game.tutorial import TUTORIAL_FRICTION, Guide, HistoricalPath, day_text
from tests.test_textmode import scripted


@pytest.fixture(scope="module")
def path(scenario):
    return HistoricalPath(scenario)


def text_tutorial(scenario, side, script, path):
    out: list[str] = []
    session = Session.new(scenario, HISTORY_SEED, TUTORIAL_FRICTION, (side,), "historical", mode="tutorial")
    game = TextGame(session, ask=scripted(script), say=out.append, clear=False, guide=Guide(scenario, side, path))
    return game.run(), "\n".join(out), game


@pytest.mark.parametrize("side", ["us", "ussr"])
def test_following_the_record_reaches_the_settlement_of_28_october(scenario, path, side):
    state, text, game = text_tutorial(scenario, side, ["f", "e"] * 40, path)
    assert state.outcome.kind == "settlement" and state.outcome.date == "1962-10-28"
    assert {t.kind: t.secret for t in state.outcome.terms}["remove_jupiters_turkey"] is True
    assert state.leaked == () and state.over and state.date == "1962-11-20"
    assert state == path.states[-1]
    assert "Off the historical path" not in text and text.count("On the historical path.") >= 18
    first = scenario.days[("1962-10-16", "day")]
    assert first.text in text and "THE RECORD" in text and "Sources: S" in text


def test_stepping_off_the_path_changes_what_follows(scenario, path):
    # Kennedy follows the record until 21 October, then gives no orders: no speech, no quarantine.
    script = ["f", "e"] * 6 + ["e"] * 40
    state, text, game = text_tutorial(scenario, "us", script, path)
    assert "Off the historical path" in text
    assert state != path.states[-1]
    assert state.quarantine != path.states[-1].quarantine or state.outcome != path.states[-1].outcome
    assert game.guide.divergence(state).score > 0


def test_watching_prints_every_day_with_its_narration_and_sources(scenario):
    out: list[str] = []
    watch_history(scenario, ask=scripted([]), say=out.append)
    text = "\n".join(out)
    for (date, part), page in scenario.days.items():
        assert page.text in text, (date, part)
    assert text.count("Sources:") == len(scenario.turns)
    assert "WASHINGTON ONLY" in text and "MOSCOW ONLY" in text
    # Sources by their titles in the chronology's key, never a commissioning document
    assert "S43: R. Dallek" in text and "seed 0" not in text and ".txt" not in text


def test_every_day_of_the_calendar_has_its_page(scenario):
    assert set(scenario.days) == {(t.date, t.part) for t in scenario.turns}
    assert len(scenario.questions) >= 4


def test_the_window_tutorial_shows_the_same_narration_and_follows_the_record(tmp_path, monkeypatch, scenario):
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    from game.ui import text
    from game.ui.app import App
    from game.ui.opening import start_tutorial
    from tests.ui_driver import Driver

    app = App()
    drawn: list[str] = []
    stop = text.listen(drawn.append)
    try:
        start_tutorial(app, "us")
        d = Driver(app)
        d.press(pygame.K_RETURN)  # the briefing
        assert d.name == "TurnScene" and d.scene.tab == "Record"
        d.focus("Paper")  # the tutorial's page: scroll down through it as a student would
        for _ in range(8):
            d.press(pygame.K_DOWN)
        page = day_text(scenario, app.session.view("us"))
        shown = " ".join(drawn)
        for line in page:
            assert all(word in shown for word in line.split()[:12]), line
        for _ in range(60):
            if d.name == "EndScene":
                break
            if d.name == "TurnScene":
                d.click("Follow the record")
                d.click("End turn")
            else:
                d.press(pygame.K_RETURN)
        assert app.session.state.outcome.kind == "settlement"
        assert app.guide.divergence(app.session.view("us")).on_path
    finally:
        stop()
        app.sound.close()
        pygame.display.quit()


def test_the_tutorial_keeps_its_place(tmp_path, monkeypatch):
    """Continued, a tutorial is still a tutorial (its record, its count of days off the path); Replay history
    plays the whole crisis whatever was played before; a finished game continues only into its debrief."""
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    from game.scenario.loader import DEFAULT_SCENARIO
    from game.ui.app import App
    from game.ui.opening import start_tutorial
    from game.ui.scenes.menus import TitleScene
    from tests.ui_driver import Driver

    app = App()
    d = Driver(app)
    try:
        app.use_scenario("classroom45")  # a lesson was played last
        start_tutorial(app, "us")
        assert app.scenario.id == DEFAULT_SCENARIO and app.session.state.date == "1962-10-16"
        d.press(pygame.K_RETURN)  # the briefing
        d.focus("End turn")  # no orders: a day off the record's path
        d.press(pygame.K_RETURN)
        d.press(pygame.K_RETURN)  # Continue after the resolution
        assert d.name == "TurnScene"
        off = app.guide.turns_off
        assert off == 1
        d.press(pygame.K_ESCAPE)
        d.click("Quit to title")
        app.guide = None
        d.click("Continue")
        assert d.name == "TurnScene" and d.scene.tab == "Record" and app.guide.turns_off == off
        d.scene.panel.find("Follow the record")
        assert any("How far apart" in str(item) for item in d.scene.panel.find("Paper").items)
        while not app.session.over:  # to the end, then back to the title
            app.session.commit("us", ())
        app.autosave()
        app.session = None
        app.go(TitleScene(app))
        d.click("Continue")
        assert d.name == "EndScene"  # the debrief, not the last turn replayed
    finally:
        app.sound.close()
        pygame.display.quit()
