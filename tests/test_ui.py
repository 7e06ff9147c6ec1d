"""The window, driven headless by synthetic events: whole games by keyboard and by mouse, hot-seat with its
secrets kept, every screen reachable, and a long run of random input without an error."""

from __future__ import annotations

import pygame
import pytest

from tests.ui_driver import Driver

MAX_STEPS = 400


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    from game.ui.app import App

    application = App()
    yield application
    application.sound.close()
    pygame.display.quit()


def new_game(d: Driver, hotseat: bool = False, side: int = 0, keyboard: bool = True) -> None:
    if keyboard:
        d.press(pygame.K_RETURN)  # New game has the focus
        if hotseat:
            d.focus("Mode")
            d.press(pygame.K_RIGHT)  # hot-seat
        elif side:
            d.focus("You lead")
            d.press(pygame.K_RIGHT)  # Khrushchev
        d.focus("Seed")
        for _ in range(6):
            d.press(pygame.K_BACKSPACE)
        for ch in "1962":
            d.press(ord(ch), unicode=ch)
        d.focus("Start")
        d.press(pygame.K_RETURN)
    else:
        d.click("New game")
        if hotseat:
            d.click("Mode")
        d.click("Start")


def play_keyboard(d: Driver) -> list[str]:
    seen = []
    for _ in range(MAX_STEPS):
        name = d.name
        seen.append(name)
        if name == "EndScene":
            return seen
        if name == "TurnScene":
            d.press(pygame.K_RETURN)  # add the order under the cursor
            if d.name == "TargetPicker":
                d.press(pygame.K_RETURN)
            elif d.name in ("NegotiationScene", "Notice"):
                d.press(pygame.K_ESCAPE)
            d.focus("End turn")
            d.press(pygame.K_RETURN)
        elif name == "Dialog" and d.scene.safe is not None:
            assert d.scene.panel.focused.label == "Think again"  # Enter alone never gives dangerous orders
            d.focus("Give the orders")
            d.press(pygame.K_RETURN)
        else:
            d.press(pygame.K_RETURN)  # Begin, I am…, Continue, Give the orders, OK
    raise AssertionError(f"the game did not end: {seen[-10:]}")


def play_mouse(d: Driver) -> list[str]:
    seen = []
    for _ in range(MAX_STEPS):
        name = d.name
        seen.append(name)
        if name == "EndScene":
            return seen
        if name == "TurnScene":
            d.click_row("Orders", 1)  # the first order, under its group's heading: selected, not given
            assert d.name == "TurnScene" and not d.scene.chosen
            d.click("Add")
            if d.name == "TargetPicker":
                d.click_row("Targets", 0)
            elif d.name in ("NegotiationScene",):
                d.click("Back to the situation room")
            elif d.name == "Notice":
                d.click("OK")
            d.click("End turn")
        elif name == "Dialog":
            d.click("Give the orders")
        else:
            d.click(next(w.label for w in d.scene.panel.widgets if hasattr(w, "action")))  # Begin, Continue, OK
    raise AssertionError(f"the game did not end: {seen[-10:]}")


def test_a_game_against_the_ai_by_keyboard(app):
    d = Driver(app)
    new_game(d)
    assert d.name == "BriefingScene"
    seen = play_keyboard(d)
    record = app.session.record
    assert len(record.turns) == len(app.scenario.turns)
    assert record.seed == 1962
    assert record.turns[0]["orders"]["us"] == [{"kind": "excomm"}]
    assert {"TurnScene", "ResolutionScene", "EndScene"} <= set(seen)
    assert any("/ 100" in w for w in ["".join(str(app.session.state.outcome))]) or app.session.over


def test_the_debrief_is_exported_from_the_end_screen(app, tmp_path):
    d = Driver(app)
    new_game(d)
    play_keyboard(d)
    for tab in ("Day by day", "Decisions", "Questions", "Outcome"):
        d.click(tab)
        assert d.scene.tab == tab
    d.click("Export the debrief")
    assert d.name == "Notice"
    pages = list((tmp_path / "data" / "reports").glob("*/debrief.html"))
    assert len(pages) == 1 and (pages[0].parent / "turns.csv").exists()
    assert str(pages[0]) in d.scene.message


def test_a_game_as_khrushchev_by_mouse(app):
    d = Driver(app)
    d.click("New game")
    d.click("You lead")  # to Khrushchev
    assert d.scene.panel.find("You lead").value.startswith("Khrushchev")
    d.click("Start")
    seen = play_mouse(d)
    assert app.session.humans == ("ussr",) and app.session.over
    assert any(turn["orders"]["ussr"] for turn in app.session.record.turns)
    assert "ResolutionScene" in seen


def test_a_hot_seat_game_to_the_end(app):
    d = Driver(app)
    new_game(d, hotseat=True)
    assert d.name == "HandoffScene"
    seen = play_keyboard(d)
    assert app.session.hotseat and app.session.over
    assert seen.count("HandoffScene") >= 2 * (len(app.scenario.turns) - 1)
    orders = app.session.record.turns[0]["orders"]
    assert orders["us"] and orders["ussr"]


def secrets_of(state, side: str) -> list[str]:
    """What only ``side`` may read: its own log entries (reports, secret orders, estimates...)."""
    return [e.text for e in state.logs[side]]


def test_hot_seat_never_draws_the_other_sides_secrets(app):
    from game.ui import text

    d = Driver(app)
    drawn: list[tuple[object, str]] = []
    stop = text.listen(lambda s: drawn.append((d.app.scene.secret_side, s)))
    try:
        new_game(d, hotseat=True)
        checked = 0
        for _ in range(MAX_STEPS):
            if d.name == "EndScene":
                break
            state = app.session.state
            allowed = {
                "us": [e.text for e in state.logs["public"] + state.logs["us"]],
                "ussr": [e.text for e in state.logs["public"] + state.logs["ussr"]],
                None: [e.text for e in state.logs["public"]],
            }
            for showing, line in drawn:
                if len(line) < 16:
                    continue
                for owner in ("us", "ussr"):
                    if showing == owner:
                        continue
                    leaked = [t for t in secrets_of(state, owner) if line in t]
                    if leaked and not any(line in t for t in allowed[showing]):
                        raise AssertionError(f"{owner}'s secret drawn on a {showing} screen: {line!r}")
                checked += 1
            drawn.clear()
            if d.name == "TurnScene":
                # give secret orders: a secret offer through the back channel, and a quiet alert or DEFCON
                d.scene.negotiate(channel="back_channel" if d.scene.side == "us" else "ussr_back_channel")
                if d.name == "NegotiationScene":
                    neg = d.scene
                    neg.include["remove_jupiters_turkey"] = 2 if d.scene.side == "us" else 0
                    neg.include["withdraw_missiles"] = 1
                    neg.send()
                d.focus("End turn")
                d.press(pygame.K_RETURN)
            else:
                d.press(pygame.K_RETURN)
        assert checked > 1000
        assert app.session.over
    finally:
        stop()


def test_every_screen_opens_and_escape_leads_somewhere(app):
    d = Driver(app)
    visited = set()
    for label, expected in (("Settings", "SettingsScene"), ("Load", "LoadScene"), ("New game", "NewGameScene")):
        d.click(label)
        visited.add(d.name)
        assert d.name == expected
        d.press(pygame.K_ESCAPE)
        assert d.name == "TitleScene"
    d.click("Replay history")
    assert d.name == "Dialog"
    d.click("Watch")
    assert d.name == "HistoryScene"
    for _ in range(20):
        d.press(pygame.K_RIGHT)
    assert d.scene.index == len(d.scene.states)  # past the last day: the page of sources and disputes
    d.press(pygame.K_ESCAPE)
    new_game(d)
    d.press(pygame.K_RETURN)
    assert d.name == "TurnScene"
    d.press(pygame.K_n)
    assert d.name == "NegotiationScene"
    d.press(pygame.K_ESCAPE)
    d.press(pygame.K_ESCAPE)
    assert d.name == "PauseScene"
    d.click("Save")
    assert d.name == "SaveScene"
    d.click("Save")
    assert d.name == "Notice"
    d.press(pygame.K_RETURN)
    d.click("Quit to title")
    assert d.name == "TitleScene" and app.session is None
    d.click("Continue")
    assert d.name == "BriefingScene"


def test_closing_the_window_keeps_the_game(app, tmp_path):
    from game.saves import autosave_path

    d = Driver(app)
    new_game(d)
    d.press(pygame.K_RETURN)
    d.focus("End turn")
    d.press(pygame.K_RETURN)
    d.press(pygame.K_RETURN)  # Continue after the resolution
    turn = app.session.state.turn
    app.step([pygame.event.Event(pygame.QUIT)])
    assert not app.running and autosave_path().exists()
    from game.saves import load_game

    assert load_game(autosave_path()).state.turn == turn


def test_settings_change_the_look_and_are_kept(app):
    from game.settings import Settings

    d = Driver(app)
    d.click("Settings")
    d.click("Colours")
    d.click("Text size")
    assert app.palette.name == "colour-blind safe"
    assert Settings.load().palette == "colour-blind safe" and Settings.load().text_size == "large"
    assert app.fonts.scale > 1.0


def test_random_input_across_all_scenes(app):
    """20,000 random events, fed in small batches, from every screen the game has."""
    from game.ui.app import App
    from game.ui.fuzz import run_random_input

    app.sound.close()
    result = run_random_input(App, 20_000, seed=7)
    assert result["events"] >= 20_000
    assert {"TitleScene", "NewGameScene", "TurnScene", "SettingsScene"} <= set(result["screens"])


def test_a_classroom_scenario_is_chosen_on_the_new_game_screen(app):
    d = Driver(app)
    d.click("New game")
    for _ in range(6):
        if d.scene.panel.find("Scenario").value.startswith("Black Saturday"):
            break
        d.click("Scenario")
    d.click("Mode")  # hot-seat
    d.click("Turn timer")  # 2 minutes
    d.click("Start")
    assert app.scenario.id == "black_saturday" and app.session.record.meta["timer"] == 120
    d.press(pygame.K_RETURN)  # I am Kennedy
    d.press(pygame.K_RETURN)  # the briefing
    assert d.name == "TurnScene" and app.session.state.date == "1962-10-26" and 119 < d.scene.time_left <= 120
    app.step([], dt=60.0)
    app.step([], dt=61.0)  # the time is up: the orders given so far are sealed, and the players are told
    assert d.name == "Notice" and "sealed" in d.scene.message
    d.press(pygame.K_RETURN)
    assert d.name == "HandoffScene" and d.scene.side == "ussr"
    d.press(pygame.K_RETURN)  # I am Khrushchev
    assert d.name == "BriefingScene" and d.scene.side == "ussr"  # each player is briefed before a first order


def test_a_game_in_progress_resumes_at_the_turn_not_the_briefing(app):
    d = Driver(app)
    new_game(d)
    d.press(pygame.K_RETURN)  # the briefing
    d.focus("End turn")
    d.press(pygame.K_RETURN)
    d.press(pygame.K_RETURN)  # Continue after the resolution
    assert d.name == "TurnScene" and app.session.record.turns
    d.press(pygame.K_ESCAPE)
    d.click("Quit to title")
    d.click("Continue")
    assert d.name == "TurnScene" and d.scene.side == "us"


def test_dialog_buttons_show_their_whole_labels(app):
    d = Driver(app)
    d.click("Replay history")
    assert d.name == "Dialog"
    font = app.fonts.get("ui_bold", 17)
    for button in d.scene.panel.widgets:
        assert font.size(button.label)[0] <= button.rect.width - 12, button.label


def test_a_damaged_save_is_listed_and_says_why_it_will_not_load(app):
    from game.saves import saves_dir

    saves_dir().mkdir(parents=True, exist_ok=True)
    bad = saves_dir() / "broken.json"
    bad.write_bytes(b'{"format": "brinkmanship-save", "version": 1, "record": {')
    d = Driver(app)
    d.click("Load")
    assert d.name == "LoadScene" and "cannot be read" in d.scene.list.rows[0][0]
    d.click_row("Saved games", 0)
    assert d.name == "LoadScene"  # a click selects; a double-click opens
    d.click_row("Saved games", 0)  # the second click, soon after the first
    assert d.name == "Notice" and d.scene.heading == "This save cannot be loaded"
    assert str(bad) in d.scene.message
    assert bad.read_bytes().startswith(b'{"format"')  # left as it was


def test_saving_over_a_save_asks_first(app):
    from game.saves import list_saves

    d = Driver(app)
    new_game(d)
    d.press(pygame.K_RETURN)  # the briefing
    for _ in range(2):
        d.press(pygame.K_ESCAPE)
        d.click("Save")
        d.click("Save")
    assert d.name == "Dialog" and d.scene.heading == "Replace this save?"
    d.click("Keep it")
    assert d.name == "SaveScene"
    d.click_row("Saves to replace", 0)
    d.click("Save")
    d.click("Replace")
    assert d.name == "Notice" and [i.slot for i in list_saves() if i.slot != "autosave"] == ["Tuesday 16 October"]


def test_a_term_cut_short_on_its_row_is_whole_in_the_help_line(app):
    d = Driver(app)
    new_game(d)
    d.press(pygame.K_RETURN)  # the briefing
    d.press(pygame.K_n)
    assert d.name == "NegotiationScene"
    label = max((t.label for t in app.scenario.terms.values()), key=len)  # too long for its row at 1280×720
    d.focus(label)
    assert label[1:] in d.scene.tooltip() and "conceded by" in d.scene.tooltip()


def test_the_turn_timer_runs_on_every_screen_of_the_turn_and_warns(app):
    from game.ui import text

    d = Driver(app)
    d.click("New game")
    d.click("Mode")  # hot-seat
    d.click("Turn timer")  # 2 minutes
    d.click("Start")
    d.press(pygame.K_RETURN)  # I am Kennedy
    d.press(pygame.K_RETURN)  # the briefing
    assert d.name == "TurnScene" and 119 < d.scene.time_left <= 120
    d.press(pygame.K_n)
    assert d.name == "NegotiationScene"
    for _ in range(50):
        app.step([], dt=1.0)
    assert 69 <= app.turn_clock.left <= 70  # Negotiate did not stop the clock
    d.press(pygame.K_ESCAPE)
    d.press(pygame.K_ESCAPE)
    assert d.name == "PauseScene"
    played: list[str] = []
    app.sound.play = played.append
    drawn: list[str] = []
    stop = text.listen(drawn.append)
    try:
        for _ in range(52):
            app.step([], dt=1.0)
    finally:
        stop()
    assert d.name == "PauseScene" and app.turn_clock.warning  # the pause menu did not stop it either
    assert played == ["warning"] and any("0:18 left" in line for line in drawn)
    for _ in range(20):
        app.step([], dt=1.0)
    assert d.name == "Notice" and "Kennedy's time ran out" in d.scene.message
    assert len(app.session.committed) == 1 or app.session.record.turns


def test_the_aftermath_runs_from_the_menu(app, scenario):
    from game.ai.doctrine import doctrine_policy
    from game.session import Session
    from game.ui.opening import start_session

    session = Session.new(scenario, 1962, "historical", ("us",), "historical")
    kennedy = doctrine_policy(scenario, "us")
    while not session.in_aftermath:
        session.commit("us", kennedy.choose(session.view("us")))
    d = Driver(app)
    start_session(app, session)
    while d.name != "TurnScene":
        d.press(pygame.K_RETURN)
    d.press(pygame.K_ESCAPE)
    d.click("Let the aftermath run")
    assert d.name == "ResolutionScene" and app.session.over
    assert app.session.state.date == "1962-11-20"
