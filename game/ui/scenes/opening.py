"""Opening a game in the window: a new one, a tutorial, a save, or the autosave Continue resumes."""

from __future__ import annotations

from game.saves import SaveError, autosave_path, load_game, read_info
from game.scenario.loader import DEFAULT_SCENARIO
from game.session import Session
from game.ui.scene import Notice


def start_session(app, session: Session, guide=None) -> None:  # noqa: ANN001 - App, Guide
    """Open a game: its briefing (or the hand-off, in hot-seat) comes first."""
    from game.ui.scenes.play import begin_turn

    app.use_scenario(session.scenario.id, session.scenario)
    app.session = session
    app.guide = guide
    app.autosave()
    begin_turn(app)


def start_tutorial(app, side: str) -> None:  # noqa: ANN001 - App
    """Replay history: watch the record, or lead one side with the record shown and explained."""
    from game.history import HISTORY_SEED
    from game.tutorial import TUTORIAL_FRICTION, Guide
    from game.ui.scenes.history import HistoryScene

    app.use_scenario(DEFAULT_SCENARIO)  # the whole crisis, whichever scenario was played last
    if side == "watch":
        app.go(HistoryScene(app))
        return
    session = Session.new(app.scenario, HISTORY_SEED, TUTORIAL_FRICTION, (side,), "historical", mode="tutorial")
    start_session(app, session, Guide(app.scenario, side))


def open_save(app, path) -> None:  # noqa: ANN001 - App, Path
    """Open a save (see ``start_loaded``)."""
    try:
        session = load_game(path)
    except SaveError as exc:
        app.push(Notice(app, "This save cannot be loaded", "\n".join(exc.problems[:6])))
        return
    start_loaded(app, session)


def start_loaded(app, session: Session) -> None:  # noqa: ANN001 - App
    """Play a loaded game on; a tutorial game comes back as a tutorial, with its guide and the record."""
    from game.tutorial import Guide

    tutorial = session.record.meta.get("mode") == "tutorial"
    start_session(app, session, Guide.resume(session.scenario, session.record) if tutorial else None)


def game_in_progress(app) -> bool:  # noqa: ANN001 - App
    """Whether loading would replace an unfinished game: the one open now, or the one Continue would resume."""
    if app.session is not None:
        return not app.session.over
    try:
        return not read_info(autosave_path()).over
    except SaveError:
        return False
