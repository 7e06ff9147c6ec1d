"""The game's window with every screen it can open: the one module that imports all the screens, so that
each screen reaches the others by name (``game.ui.router``) and none imports another."""

from __future__ import annotations

from game.scenario.loader import DEFAULT_SCENARIO
from game.ui.router import Scenes
from game.ui.scene import Notice
from game.ui.scenes.debrief import EndScene
from game.ui.scenes.history import HistoryScene
from game.ui.scenes.menus import PauseScene, TitleScene
from game.ui.scenes.negotiate import NegotiationScene
from game.ui.scenes.newgame import NewGameScene
from game.ui.scenes.play import BriefingScene, HandoffScene, ResolutionScene
from game.ui.scenes.saving import LoadScene, SaveScene, write_failed
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.turn import TurnScene
from game.ui.window import BASE_SIZE, Window

SCENES: Scenes = {
    "title": TitleScene,
    "new_game": NewGameScene,
    "load": LoadScene,
    "save": SaveScene,
    "settings": SettingsScene,
    "pause": PauseScene,
    "history": HistoryScene,
    "handoff": HandoffScene,
    "briefing": BriefingScene,
    "turn": TurnScene,
    "negotiate": NegotiationScene,
    "resolution": ResolutionScene,
    "end": EndScene,
    "notice": Notice,
    "write_failed": write_failed,
}


class App(Window):
    """The window that knows every screen by name."""

    def __init__(self, scenario_name: str = DEFAULT_SCENARIO, size: tuple[int, int] = BASE_SIZE) -> None:
        super().__init__(SCENES, scenario_name, size)
