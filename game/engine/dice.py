"""The game's one source of chance: a seeded numpy PCG64 whose state lives in ``GameState.rng``.

Each turn's resolution loads that state into a ``Dice``, draws, records every
draw (the record keeps them, as OpenSpiel keeps chance moves) and stores the
new state back. One bit generator object is reused for speed; its whole state
is overwritten before every use, so nothing carries over between games.
"""

from __future__ import annotations

import numpy as np

RngState = tuple[int, int, int, int]

_BITGEN = np.random.PCG64(0)
_GENERATOR = np.random.Generator(_BITGEN)
_LOADED: list[RngState | None] = [None]  # the state _BITGEN holds now, if a Dice put it there


def seed_state(seed: int) -> RngState:
    """The generator state that seed ``seed`` gives."""
    raw = np.random.PCG64(seed).state
    return (raw["state"]["state"], raw["state"]["inc"], raw["has_uint32"], raw["uinteger"])


class Dice:
    """Draws from the state's generator and remembers each draw."""

    __slots__ = ("draws", "_random", "_normal")

    def __init__(self, rng: RngState) -> None:
        if _LOADED[0] is not rng:  # a game played turn after turn hands back the very tuple we stored
            _BITGEN.state = {
                "bit_generator": "PCG64",
                "state": {"state": rng[0], "inc": rng[1]},
                "has_uint32": rng[2],
                "uinteger": rng[3],
            }
        _LOADED[0] = None
        self.draws: list[float] = []
        self._random = _GENERATOR.random
        self._normal = _GENERATOR.standard_normal

    def random(self) -> float:
        """A uniform draw in [0, 1)."""
        value = self._random()
        self.draws.append(value)
        return value

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.random() < p

    def normal(self) -> float:
        """A standard normal draw."""
        value = float(self._normal())
        self.draws.append(value)
        return value

    def pick(self, weights: list[float]) -> int:
        """An index chosen with the given (positive) weights."""
        total = sum(weights)
        x = self.random() * total
        for i, w in enumerate(weights):
            x -= w
            if x < 0:
                return i
        return len(weights) - 1

    def state(self) -> RngState:
        """The generator's state now; remembered, so that the next turn need not load it again."""
        raw = _BITGEN.state
        state = (raw["state"]["state"], raw["state"]["inc"], raw["has_uint32"], raw["uinteger"])
        _LOADED[0] = state
        return state
