"""Values typed by a player or given on the command line, checked where they enter.

Python's digit test is true for '²' and other characters that ``int()`` refuses,
and ``int()`` accepts '٣' (Arabic-Indic three) and signs and underscores; a
number typed at the keyboard is ASCII decimal digits and nothing else.
Seeds have one range, the same for a new game, a save and a record.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable

SEED_MIN = 0
SEED_MAX = 2**63 - 1  # what the dice accept and a save can hold
MAX_DIGITS = 19  # enough for any seed; a longer number is refused before int() is asked
_DIGITS = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


def parse_digits(text: str) -> int | None:
    """The number typed, if it is ASCII decimal digits only (at most 19 of them), else None."""
    text = text.strip()
    return int(text) if _DIGITS.fullmatch(text) else None


def seed_problem(value: object) -> str | None:
    """Why a seed cannot be used, or None."""
    if type(value) is not int:
        return "must be a whole number"
    if not SEED_MIN <= value <= SEED_MAX:
        return f"must be from {SEED_MIN} to {SEED_MAX}"
    return None


def seed_arg(text: str) -> int:
    """``--seed``: digits only, within the seeds' range."""
    value = parse_digits(text)
    if value is None or seed_problem(value):
        raise argparse.ArgumentTypeError(f"must be a whole number from {SEED_MIN} to {SEED_MAX}, not {text!r}")
    return value


def count_arg(low: int, high: int) -> Callable[[str], int]:
    """An argparse type for a whole number from ``low`` to ``high`` (a count, a number of seconds)."""

    def parse(text: str) -> int:
        value = parse_digits(text)
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}, not {text!r}")
        return value

    return parse


def seconds_arg(text: str) -> float:
    """A duration: a finite number of seconds, more than 0 and at most a day."""
    try:
        value = float(text) if len(text) <= 32 else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= 86_400):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0 and at most 86400, not {text!r}")
    return value
