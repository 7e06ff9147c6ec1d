"""What every opponent is: a policy that chooses a turn's orders from a player's view."""

from __future__ import annotations

from typing import Any, Protocol

from game.engine.model import Order


class Policy(Protocol):
    """Chooses one side's orders. It receives only that side's view; any dice are injected."""

    uses_dice: bool  # whether ``choose`` draws from the ``rng`` it is given (a doctrine never does)

    def choose(self, view: Any, rng: Any = None) -> tuple[Order, ...]: ...
