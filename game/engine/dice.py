"""The game's one source of chance: a seeded numpy PCG64 whose state lives in ``GameState.rng``.

Each turn's resolution loads that state into a ``Dice``, draws, records every
draw (the record keeps them, as OpenSpiel keeps chance moves) and stores the
new state back. Each ``Dice`` owns its bit generator, so two games (or two
threads) never share one.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.random.bit_generator import ISeedSequence

RngState = tuple[int, int, int, int]


class _NoSeed(ISeedSequence):
    """Seeds a bit generator whose state is overwritten at once: zeros, without the ~6 µs a SeedSequence
    spends mixing entropy (a Dice is made every turn); numpy's bit generators accept any ISeedSequence."""

    def generate_state(self, n_words: int, dtype: Any = np.uint32) -> Any:
        return np.zeros(n_words, dtype=dtype)


_NO_SEED = _NoSeed()


def seed_state(seed: int) -> RngState:
    """The generator state that seed ``seed`` gives."""
    raw = np.random.PCG64(seed).state
    return (raw["state"]["state"], raw["state"]["inc"], raw["has_uint32"], raw["uinteger"])


class Dice:
    """Draws from a generator of its own, loaded with ``rng``, and remembers each draw."""

    __slots__ = ("draws", "_bitgen", "_random", "_normal")

    def __init__(self, rng: RngState) -> None:
        bitgen = np.random.PCG64(_NO_SEED)  # type: ignore[arg-type]  # numpy's stubs name SeedSequence only
        bitgen.state = {
            "bit_generator": "PCG64",
            "state": {"state": rng[0], "inc": rng[1]},
            "has_uint32": rng[2],
            "uinteger": rng[3],
        }
        generator = np.random.Generator(bitgen)
        self.draws: list[float] = []
        self._bitgen = bitgen
        self._random = generator.random
        self._normal = generator.standard_normal

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
        """The generator's state now."""
        raw = self._bitgen.state
        return (raw["state"]["state"], raw["state"]["inc"], raw["has_uint32"], raw["uinteger"])
