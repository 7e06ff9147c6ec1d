"""Opening a game in the window — a new one, a tutorial, a save, or the autosave Continue resumes — and
moving it on to its next screen; every screen is reached by name (``game.ui.router``)."""

from __future__ import annotations

from pathlib import Path

from game.history import HISTORY_SEED
from game.saves import SaveError, autosave_path, load_game, read_info
from game.scenario.loader import DEFAULT_SCENARIO
from game.session import Session
from game.tutorial import TUTORIAL_FRICTION, Guide, TutorialRole
from game.ui.scene import Notice
from game.ui.window import Window


def begin_turn(app: Window) -> None:
    """Show the next screen of the game: the hand-off in hot-seat, else the briefing or the turn.

    The briefing card describes the crisis as it stands when play begins, so it
    comes before each side's first orders, never when a game in progress is resumed.
    """
    session = app.game
    if session.over:
        app.go("end")
        return
    side = session.to_play()
    briefing = not session.record.turns
    if session.hotseat:
        app.go("handoff", side, briefing)
    elif briefing:
        app.go("briefing", side)
    else:
        app.go("turn", side)


def start_session(app: Window, session: Session, guide: Guide | None = None) -> None:
    """Open a game: its briefing (or the hand-off, in hot-seat) comes first."""
    app.use_scenario(session.scenario.id, session.scenario)
    app.session = session
    app.guide = guide
    app.autosave()
    begin_turn(app)


def start_tutorial(app: Window, side: TutorialRole) -> None:
    """Replay history: watch the record, or lead one side with the record shown and explained."""
    app.use_scenario(DEFAULT_SCENARIO)  # the whole crisis, whichever scenario was played last
    if side == "watch":
        app.go("history")
        return
    session = Session.new(app.scenario, HISTORY_SEED, TUTORIAL_FRICTION, (side,), "historical", mode="tutorial")
    start_session(app, session, Guide(app.scenario, side))


def open_save(app: Window, path: Path) -> None:
    """Open a save (see ``start_loaded``)."""
    try:
        session = load_game(path)
    except SaveError as exc:
        app.push(Notice(app, "This save cannot be loaded", "\n".join(exc.problems[:6])))
        return
    start_loaded(app, session)


def start_loaded(app: Window, session: Session) -> None:
    """Play a loaded game on; a tutorial game comes back as a tutorial, with its guide and the record."""
    tutorial = session.record.meta.get("mode") == "tutorial"
    start_session(app, session, Guide.resume(session.scenario, session.record) if tutorial else None)


def game_in_progress(app: Window) -> bool:
    """Whether loading would replace an unfinished game: the one open now, or the one Continue would resume."""
    if app.session is not None:
        return not app.session.over
    try:
        return not read_info(autosave_path()).over
    except SaveError:
        return False
