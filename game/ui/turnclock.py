"""The hot-seat turn timer: one player's time, running on every screen of that player's turn.

It belongs to the window, not to the turn screen, so that opening Negotiate or the pause menu
does not stop it. In the last ``WARN_SECONDS`` it turns to the warning colour and sounds once;
at zero the window seals the orders given so far and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Side

WARN_SECONDS = 20.0


@dataclass
class TurnClock:
    side: Side
    turn: int  # the game turn it times: a clock never carries over to the next turn or the other player
    left: float
    warned: bool = False

    @property
    def warning(self) -> bool:
        return 0 < self.left <= WARN_SECONDS

    def tick(self, dt: float) -> str:
        """Advance by ``dt`` seconds: "warn" on entering the last seconds, "up" at zero, else ""."""
        if self.left <= 0:
            return ""
        self.left = max(0.0, self.left - dt)
        if self.left == 0:
            return "up"
        if self.warning and not self.warned:
            self.warned = True
            return "warn"
        return ""

    def text(self) -> str:
        seconds = int(self.left + 0.999)  # 0:01 shows until the last instant, never 0:00 before it is up
        return f"{seconds // 60}:{seconds % 60:02d} left"
