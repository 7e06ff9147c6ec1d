"""The new-game screen: scenario, mode, side, opponent, friction, turn timer and seed."""

from __future__ import annotations

import random
from collections.abc import Callable

from game.ai.doctrine import PERSONALITIES
from game.engine.model import LEADER, SIDES, Side
from game.engine.setup import FRICTIONS
from game.inputs import parse_digits
from game.scenario.loader import DEFAULT_SCENARIO, all_scenario_paths
from game.scenario.reading import read_toml
from game.session import Session
from game.ui.opening import start_session
from game.ui.scene import Scene, column, content_top
from game.ui.widgets import Button, Choice, TextField
from game.ui.window import Window

TIMERS = ("off", "2 minutes", "3 minutes", "5 minutes")


def scenario_titles() -> list[tuple[str, str]]:
    """(id, title) of every scenario in the folder, the main one first, read without loading them."""
    out = []
    for path in all_scenario_paths():
        data, _, _ = read_toml(path)
        if data is None:
            continue
        out.append((path.stem, str(data.get("title", path.stem))))
    return sorted(out, key=lambda item: (item[0] != DEFAULT_SCENARIO, item[1]))


class NewGameScene(Scene):
    title = "New game"
    seed_field: TextField  # made by the first layout, before anything reads it

    def __init__(self, app: Window) -> None:
        super().__init__(app)
        self.scenarios = scenario_titles()
        ids = [i for i, _ in self.scenarios]
        current = ids.index(app.scenario_name) if app.scenario_name in ids else 0
        self.values = {"scenario": current, "mode": 0, "side": 0, "opponent": 0, "friction": 1, "timer": 0}
        self.seed = random.randrange(1, 100000)

    def choices(self) -> list[tuple[str, str, list[str], str, bool]]:
        """Each choice of the screen: its key, label, options, help, and whether it applies in this mode."""
        hotseat = self.values["mode"] == 1
        return [
            ("scenario", "Scenario", [title for _, title in self.scenarios],
             "The whole crisis; a 45-minute lesson; Black Saturday in 15 minutes; or a what-if.", True),
            ("mode", "Mode", ["against the computer", "hot-seat (two players)"],
             "Against the computer, or two players taking turns at one keyboard.", True),
            ("side", "You lead", [f"{LEADER['us']} (United States)", f"{LEADER['ussr']} (Soviet Union)"],
             "The leader you play against the computer.", not hotseat),
            ("opponent", "Opponent", list(PERSONALITIES),
             "historical: as the record shows him; hawk: listens to the generals; dove: looks for a way out.",
             not hotseat),
            ("friction", "Friction", list(FRICTIONS),
             "historical: the incidents of 27 October happen that day; plausible: incidents are drawn from the "
             "risk, turn by turn.", True),
            ("timer", "Turn timer", list(TIMERS), "Hot-seat only: each player has this long to give orders.",
             hotseat),
        ]  # fmt: skip

    def setter(self, key: str) -> Callable[[int], None]:
        def change(index: int) -> None:
            self.values[key] = index
            if key == "mode":
                self.layout()
                self.panel.focus = 1

        return change

    def layout(self) -> None:
        if self.panel.widgets:  # keep what was typed when the screen is rebuilt
            self.seed = parse_digits(self.seed_field.value) or 0
        self.panel.clear()
        rects = column(self.app, 9, width=560, height=42, gap=9, top=content_top(self.app))
        add = self.panel.add
        for rect, (key, label, options, tip, enabled) in zip(rects, self.choices(), strict=False):
            add(Choice(rect, label, options, self.values[key], self.setter(key), tip, enabled=enabled))
        tip = "The game's dice: the same seed gives the same draws, so a whole class can face the same crisis."
        self.seed_field = add(
            TextField(rects[6], "Seed", str(self.seed), limit=9, digits=True, tooltip=tip + " Type a number.")
        )
        add(Button(rects[7], "Start", self.start, "Begin the game.", style="primary"))
        add(Button(rects[8], "Back", self.back, "Return to the title screen."))

    def start(self) -> None:
        self.seed = parse_digits(self.seed_field.value) or 0
        self.app.use_scenario(self.scenarios[self.values["scenario"]][0])
        hotseat = self.values["mode"] == 1
        humans: tuple[Side, ...] = SIDES if hotseat else (SIDES[self.values["side"]],)
        timer = (0, 120, 180, 300)[self.values["timer"]] if hotseat else 0
        session = Session.new(
            self.app.scenario,
            self.seed,
            FRICTIONS[self.values["friction"]],
            humans,
            PERSONALITIES[self.values["opponent"]],
            timer=timer,
            mode="hotseat" if hotseat else "single",
        )
        start_session(self.app, session)

    def back(self) -> None:
        self.app.pop()
