"""Every screen at the extreme window sizes and text scales: no widget overlaps another, leaves the window or
sits in the strip kept for the help line; neither does a text box a screen reports drawing (``scene.boxes``,
the debrief's); and no internal id reaches the screen."""

from __future__ import annotations

import re

import pygame
import pytest

from game.ui import text

SIZES = [((1024, 640), "extra large"), ((1920, 1080), "medium"), ((1280, 720), "small")]
IDENTIFIER = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")  # build_halt, remove_jupiters_turkey: never for a player's eyes


def screens(app):  # noqa: ANN001, ANN201 - App; yields (name, scene) with each screen open in turn
    from game.session import Session
    from game.ui.scene import Dialog
    from game.ui.scenes.debrief import EndScene
    from game.ui.scenes.history import HistoryScene
    from game.ui.scenes.menus import PauseScene, TitleScene
    from game.ui.scenes.negotiate import NegotiationScene
    from game.ui.scenes.newgame import NewGameScene
    from game.ui.scenes.play import BriefingScene, HandoffScene, ResolutionScene
    from game.ui.scenes.saving import LoadScene, SaveScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.turn import TargetPicker, TurnScene

    for scene in (TitleScene(app), NewGameScene(app), SettingsScene(app), LoadScene(app), HistoryScene(app)):
        app.go(scene)
        yield type(scene).__name__, scene
    app.session = Session.new(app.scenario, 4, "plausible", ("us",))
    for factory in (lambda: HandoffScene(app, "us"), lambda: BriefingScene(app, "us")):
        app.go(factory())
        yield type(app.scene).__name__, app.scene
    turn = TurnScene(app, "us")
    app.go(turn)
    for tab in turn.tabs:
        turn.tab_setter(tab)()
        yield f"TurnScene/{tab}", turn
    for scene in (
        NegotiationScene(app, turn),
        PauseScene(app),
        SaveScene(app),
        Dialog(
            app,
            "Are you sure?",
            "These orders take the ladder to rung 8. " * 3,
            [("Think again", None), ("Give the orders", None)],
            "danger",
            safe=0,
        ),
        TargetPicker(app, "Hail a ship", [("The Poltava", "x")] * 9, lambda t: None),
    ):
        app.push(scene)
        yield type(scene).__name__, scene
        app.pop()
    result = app.session.commit("us", ())
    app.go(ResolutionScene(app, result))
    yield "ResolutionScene", app.scene
    while not app.session.over:
        app.session.commit("us", ())
    end = EndScene(app)
    app.go(end)
    for tab in end.tabs:
        end.show(tab)()
        yield f"EndScene/{tab}", end
    end.exported = "/a/folder/for/the/debrief"  # the line that says where the export went
    end.show("Outcome")()
    yield "EndScene/Outcome exported", end


@pytest.mark.parametrize(("size", "scale"), SIZES)
def test_no_widget_overlaps_or_leaves_the_window(tmp_path, monkeypatch, size, scale):
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    from game.ui.app import App
    from game.ui.scene import help_height

    app = App(size=size)
    app.settings.text_size = scale
    app.apply_settings()
    window = pygame.Rect((0, 0), size)
    drawn: list[str] = []
    stop = text.listen(drawn.append)
    problems = []
    try:
        for name, scene in screens(app):
            app.step([])
            widgets = list(scene.panel.widgets)
            free = pygame.Rect(0, size[1] - help_height(app), size[0], help_height(app))
            for i, w in enumerate(widgets):
                if not window.contains(w.rect):
                    problems.append(f"{name}: {w.describe()!r} {w.rect} leaves the window")
                if w.rect.colliderect(free):
                    problems.append(f"{name}: {w.describe()!r} {w.rect} sits under the help line {free}")
                for other in widgets[i + 1 :]:
                    if w.rect.colliderect(other.rect):
                        problems.append(f"{name}: {w.describe()!r} overlaps {other.describe()!r}")
            boxes = getattr(scene, "boxes", [])
            if name.startswith("EndScene/Outcome") and len(boxes) < 4:
                problems.append(f"{name}: the debrief reported {len(boxes)} text boxes drawn; the check saw nothing")
            problems += box_problems(name, boxes, widgets, window, free)
    finally:
        stop()
        app.sound.close()
        pygame.display.quit()
    assert not problems, "\n".join(problems[:20])
    ids = sorted({m for line in drawn for m in IDENTIFIER.findall(re.sub(r"\S*/\S*", "", line))})  # not in paths
    assert not ids, f"internal ids drawn: {ids}"


def box_problems(
    name: str, boxes: list[tuple[str, pygame.Rect]], widgets: list, window: pygame.Rect, free: pygame.Rect
) -> list[str]:
    """What is wrong with the text boxes a screen drew: outside the window, under the help line, over a widget
    or over one another."""
    problems = []
    for i, (words, rect) in enumerate(boxes):
        if not window.contains(rect):
            problems.append(f"{name}: text {words!r} {rect} leaves the window")
        if rect.colliderect(free):
            problems.append(f"{name}: text {words!r} {rect} sits under the help line {free}")
        problems += [
            f"{name}: text {words!r} {rect} overlaps {w.describe()!r} {w.rect}"
            for w in widgets
            if rect.colliderect(w.rect)
        ]
        problems += [
            f"{name}: text {words!r} overlaps text {other!r}" for other, r in boxes[i + 1 :] if rect.colliderect(r)
        ]
    return problems


def test_debrief_questions_scroll_with_a_cue_by_keyboard_and_wheel(tmp_path, monkeypatch):
    """At the smallest window with the largest text the questions do not fit: the page says there is more,
    and Down (once the page has the focus) or the wheel brings the last question into view."""
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    from game.session import Session
    from game.ui.app import App
    from game.ui.paper import Paper
    from game.ui.scenes.debrief import EndScene

    app = App(size=(1024, 640))
    app.settings.text_size = "extra large"
    app.apply_settings()
    try:
        app.session = Session.new(app.scenario, 4, "plausible", ("us",))
        while not app.session.over:
            app.session.commit("us", ())
        end = EndScene(app)
        app.go(end)
        end.show("Questions")()
        number = f"{len(end.report.questions)}. "  # how the last question's first line begins

        def frame(events):  # noqa: ANN001, ANN202 - the strings drawn by one frame after ``events``
            drawn: list[str] = []
            stop = text.listen(drawn.append)
            try:
                app.dirty = True
                app.step(events)
            finally:
                stop()
            return drawn

        first = frame([])
        assert any("more below" in line for line in first)
        assert not any(line.startswith(number) for line in first)  # the last question is out of sight
        page = next(w for w in end.panel.widgets if isinstance(w, Paper))
        down = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="")
        while end.panel.focused is not page:
            end.panel.handle(down)
        for _ in range(len(end.report.questions)):
            end.panel.handle(down)
        scrolled = frame([])
        assert any(line.startswith(number) for line in scrolled)
        assert not any("more below" in line for line in scrolled)
        page.offset = 0
        for _ in range(len(end.report.questions)):
            page.wheel(-1)  # the wheel turned towards the player
        assert any(line.startswith(number) for line in frame([]))
    finally:
        app.sound.close()
        pygame.display.quit()
