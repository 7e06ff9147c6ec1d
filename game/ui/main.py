"""Opening the window: ``python -m game`` with no command, or ``python -m game play``."""

from __future__ import annotations

from game.session import Session
from game.tutorial import TutorialRole
from game.ui.app import App
from game.ui.opening import start_session, start_tutorial


def run_window(scenario_name: str, session: Session | None, tutorial: TutorialRole | None = None) -> int:
    """Open the game's window (on the title screen, straight into ``session``, or into the tutorial)."""
    app = App(scenario_name)
    if session is not None:
        start_session(app, session)
    elif tutorial is not None:
        start_tutorial(app, tutorial)
    app.run()
    return 0
