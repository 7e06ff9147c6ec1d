"""The ladder's floor, and the ladder as each side can know it.

The forces' posture sets a floor the ladder cannot fall below: a crisis made
public, a quarantine, readiness raised, troops ashore, a nuclear shot. A
settlement holds it down to the quarantine's rung, even after a nuclear shot
(it is a step, not a lock); troops still ashore keep it at ground combat until
they are withdrawn.

Readiness counts as announced, so a quiet raise never moves the ladder. Where
the rung stands only because of a flag one side cannot see (Washington's
discovery, kept from Moscow until the speech), that side sees the floor its
own knowledge sets.
"""

from __future__ import annotations

from typing import Any

from game.engine.model import Side


def posture_floor(s: Any, side: Side | None = None) -> int:
    """The lowest rung the posture allows, from every flag (``side`` None) or from those ``side`` can see.

    Readiness counts as it was announced: a quiet raise adds to the risk of an incident (friction reads
    the true readiness) but not to the ladder, which is the confrontation as the world can see it.
    """
    flags = s.flagset(side)
    floor = 0
    if "discovered" in flags:
        floor = 1
    if "crisis_public" in flags:
        floor = 2
    if s.quarantine in ("proclaimed", "in_force"):
        floor = 3
    if s.defcon_public <= 3 or s.alert_public >= 1:
        floor = max(floor, 4)
    if s.defcon_public <= 2 or s.alert_public >= 2:
        floor = max(floor, 5)
    if "nuclear_used" in flags:
        floor = 9
    if s.agreement is not None:
        floor = min(floor, 3)
    if s.invaded:
        floor = max(floor, 8)
    return floor


def seen_rung(s: Any, side: Side) -> int:
    """The rung as ``side`` can know it: the truth, unless only a flag hidden from it holds the rung up."""
    floor = posture_floor(s)
    if s.rung > floor:
        return int(s.rung)  # held up by what happened in the open
    return posture_floor(s, side)
