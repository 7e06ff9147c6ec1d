"""Every screen at the extreme window sizes and text scales: no widget overlaps another, leaves the window or
sits in the strip kept for the help line; neither does a text box a screen reports drawing (``scene.boxes``,
the debrief's and the turn screen's); every piece of text a screen reports with the box it belongs in
(``scene.inside``: the ladder's rungs) stays in that box and off the others; and no internal id reaches the
screen."""

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
            inside = getattr(scene, "inside", [])
            if name.startswith("TurnScene") and not any(words.startswith("rung ") for words, _, _ in inside):
                problems.append(f"{name}: the turn screen reported no ladder rungs drawn; the check saw nothing")
            problems += inside_problems(name, inside)
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


def inside_problems(name: str, inside: list[tuple[str, pygame.Rect, pygame.Rect]]) -> list[str]:
    """What is wrong with text drawn in boxes: a piece outside its box, or over a piece of another box (a
    rung's row holds its own lines, which overlap it, and no other's)."""
    problems = [
        f"{name}: {words!r} {rect} is outside its box {box}" for words, rect, box in inside if not box.contains(rect)
    ]
    for i, (words, rect, box) in enumerate(inside):
        for other, rect2, box2 in inside[i + 1 :]:
            if rect.colliderect(rect2) and rect2 != box and rect != box2:
                problems.append(f"{name}: {words!r} {rect} overlaps {other!r} {rect2}")
    return problems


LADDER_SIZES = [(1024, 640), (1280, 720), (1366, 768), (1920, 1080), (2560, 1440), (3840, 2160)]


@pytest.mark.parametrize("size", LADDER_SIZES)
def test_every_rung_row_is_separate_and_the_current_rung_in_sight(tmp_path, monkeypatch, size):
    """At every window size and text scale and on every rung, the ladder's rows neither overlap nor spill
    out of their boxes or the ladder's; the current rung and its neighbours are always shown, and a ladder
    shown in part says which rungs are above and below."""
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path))
    from types import SimpleNamespace

    from game.session import Session
    from game.settings import TEXT_SIZES
    from game.ui.app import App
    from game.ui.scenes.turn import TurnScene
    from game.ui.situation import draw_ladder

    app = App(size=size)
    problems = []
    try:
        app.session = Session.new(app.scenario, 4, "plausible", ("us",))
        for scale in TEXT_SIZES:
            app.settings.text_size = scale
            app.apply_settings()
            rect = TurnScene(app, "us").areas()["ladder"]
            for rung in range(11):
                inside = draw_ladder(pygame.Surface(size), app, SimpleNamespace(rung=rung), rect, 0.0)
                where = f"{size} {scale} rung {rung}"
                problems += inside_problems(where, inside)
                shown = {int(words[5:]) for words, _, _ in inside if words.startswith("rung ")}
                if not {max(0, rung - 1), rung, min(10, rung + 1)} <= shown:
                    problems.append(f"{where}: shows rungs {sorted(shown)}")
                cues = [words for words, _, _ in inside if words.startswith(("↑", "↓"))]
                if len(cues) != (max(shown) < 10) + (min(shown) > 0):
                    problems.append(f"{where}: rungs {sorted(shown)} shown with the cues {cues}")
    finally:
        app.sound.close()
        pygame.display.quit()
    assert not problems, "\n".join(problems[:20])


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
