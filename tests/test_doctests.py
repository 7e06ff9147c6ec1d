"""Every example written in the game's docstrings runs, and says what it shows."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"
WITH_EXAMPLES = sorted(
    ".".join(path.relative_to(GAME.parent).with_suffix("").parts)
    for path in GAME.rglob("*.py")
    if ">>>" in path.read_text(encoding="utf-8")
)


def test_the_examples_are_found():
    assert {"game.engine.conditions", "game.scenario.loader"} <= set(WITH_EXAMPLES)


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 0, f"{name} mentions >>> but holds no example doctest can run"
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed (run with -s)"
