"""Where a fact may come from: a chronology source id (S1…S60) or a seed document.

The ids are those of ``shared/history/CHRONOLOGY.md``; the seed file names are
the two documents the game was commissioned from.
"""

from __future__ import annotations

import re

SEED_FILES = ("000_54ffb5483dc5e994.txt", "003_b4264a1aa56388c1.txt")
CHRONOLOGY_IDS = frozenset(f"S{n}" for n in range(1, 61))
_SPLIT = re.compile(r"\s*[,;]\s*")


def source_problem(source: str) -> str | None:
    """None if every part of ``source`` names a known source, else what is wrong."""
    for part in _SPLIT.split(source.strip()):
        if not part:
            return "an empty entry in the list of sources (a stray comma?)"
        if part not in CHRONOLOGY_IDS and part not in SEED_FILES:
            return f"unknown source '{part}' (use chronology ids S1-S60 or a seed file name)"
    return None


def source_ids(source: str) -> list[str]:
    return [p for p in _SPLIT.split(source.strip()) if p]
