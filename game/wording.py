"""The engine's messages in the player's words: an order's or a term's id becomes its title.

The engine names orders by id (``build_halt: cannot be given with build_accelerate``), which
suits logs and tests; both front ends pass its messages through ``plain`` before showing them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.scenario_types import Scenario

IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|'[a-z0-9_]+'")


def plain(scenario: Scenario, message: str) -> str:
    """``message`` with every order and term id replaced by its title (quotes dropped)."""
    titles = {**{k: t.label for k, t in scenario.terms.items()}, **{k: o.label for k, o in scenario.orders.items()}}
    head, sep, rest = message.partition(": ")
    if sep and head in titles:  # "u2: given twice": a one-word id leads most messages
        message = f"{titles[head]}: {rest}"

    def title(match: re.Match[str]) -> str:
        word = match.group(0).strip("'")
        return f"“{titles[word]}”" if word in titles else match.group(0).strip("'").replace("_", " ")

    return IDENTIFIER.sub(title, message)


def plain_all(scenario: Scenario, messages: list[str]) -> str:
    """Several messages as one paragraph."""
    return "; ".join(plain(scenario, m) for m in messages)


def with_year(label: str, year: str = "1962") -> str:
    """A turn's label with its year where a date carries it: 'Friday 26 October 1962, afternoon and evening'."""
    if year in label:
        return label
    day, comma, rest = label.partition(",")
    return f"{day} {year}{comma}{rest}"


def defcon_words(defcon: int) -> str:
    """US readiness for the status bar. At DEFCON 2 only Strategic Air Command stood there in 1962 (and in the
    game's own words): the rest of the forces stayed at DEFCON 3."""
    if defcon == 2:
        return "SAC at DEFCON 2, other US forces DEFCON 3"
    return f"US DEFCON {defcon}"
