"""What the orders at sea do to the ships and the submarines, written once.

The handlers (``engine.handlers``) carry these changes out and add what goes with them (the log, the flags,
the meters); the risk forecast (``friction.forecast_risk``) makes the same changes to a side's view, so the
ships held at the line and the submarines near it count in the preview as they will in the draw.
"""

from __future__ import annotations

from game.engine.model import UNDER_WAY, Ship, Submarine, replace

CONTRABAND = ("missiles", "warheads", "military")


def is_contraband(cargo: str, tightened: bool) -> bool:
    """On the quarantine's list: weapons always, oil once the list is tightened."""
    return cargo in CONTRABAND or (tightened and cargo == "oil")


def hailed(ship: Ship, tightened: bool) -> Ship | None:
    """The ship let through after a hail, or None: a ship carrying contraband refuses and stays at the line."""
    if is_contraband(ship.cargo, tightened):
        return None
    return replace(ship, status="sailing", cleared=True)


def boarded(ship: Ship, tightened: bool) -> Ship:
    """A boarded ship: escorted away if it carries contraband, else cleared to sail on; its cargo is seen."""
    if is_contraband(ship.cargo, tightened):
        return replace(ship, status="diverted", revealed=True)
    return replace(ship, status="sailing", cleared=True, revealed=True)


def disabled(ship: Ship) -> Ship:
    """A ship fired on and stopped dead."""
    return replace(ship, status="disabled", revealed=True)


def surfaced(subs: tuple[Submarine, ...], target: str) -> tuple[Submarine, ...]:
    """The submarines after the one signalled with practice depth charges comes up."""
    return tuple(replace(sub, status="surfaced") if sub.id == target else sub for sub in subs)


def subs_sent(
    subs: tuple[Submarine, ...], ships: tuple[Ship, ...], escort: bool
) -> tuple[tuple[Submarine, ...], tuple[Ship, ...]]:
    """Every submarine not surfaced sent to shadow the weapons ships still at sea (``escort``), or home."""
    free = [sub.id for sub in subs if sub.status != "surfaced"]
    new_subs = tuple(
        replace(sub, status="escorting" if escort else "withdrawn") if sub.id in free else sub for sub in subs
    )
    new_ships = []
    for sh in ships:
        if not escort:
            sh = replace(sh, escort="") if sh.escort else sh
        elif free and not sh.escort and sh.cargo in CONTRABAND and sh.status in UNDER_WAY:
            sh = replace(sh, escort=free.pop(0))
        new_ships.append(sh)
    return new_subs, tuple(new_ships)


def with_ship(ships: tuple[Ship, ...], ship: Ship) -> tuple[Ship, ...]:
    """The ships with ``ship`` in place of the one of its id."""
    return tuple(ship if sh.id == ship.id else sh for sh in ships)
