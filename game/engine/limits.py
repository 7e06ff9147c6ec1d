"""Two rules of the world that several parts of the engine apply, each written once.

Every meter, Castro's alarm, the invasion's preparation and Moscow's estimate of it stay within 0–100
(``clamp``). A submarine is near the quarantine line when it is on station (patrolling or escorting, not
surfaced nor gone home) within ``NEAR_LINE_NM`` of it: the condition ``sub_near_line``, the risk of an
incident and the US order to signal a submarine all ask ``subs_near_line``.
"""

from __future__ import annotations

from typing import Any

from game.engine.model import ON_STATION, Submarine

NEAR_LINE_NM = 250.0


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    """``value`` held within ``low``–``high`` (0–100 unless told)."""
    return min(high, max(low, value))


def subs_near_line(facts: Any) -> tuple[Submarine, ...]:
    """The submarines near the line, in a state (the truth) or a view (a side's knowledge)."""
    line = facts.line_nm
    return tuple(sub for sub in facts.subs if sub.status in ON_STATION and abs(sub.distance - line) <= NEAR_LINE_NM)
