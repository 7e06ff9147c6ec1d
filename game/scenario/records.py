"""The validated sections as the kernel's typed records (``engine.parameters``): the start, each order's
parameters and the ``[rules]``. Lists become tuples, so that nothing the engine reads can be changed."""

from __future__ import annotations

from typing import Any

from game.engine.parameters import (
    CastroDrift,
    Construction,
    Endings,
    Forces,
    Intel,
    OrderParams,
    Rules,
    ScoringRules,
    StartState,
    TimeOut,
)
from game.scenario import schema


def start_state(start: schema.StartModel) -> StartState:
    flags = {key: tuple(getattr(start, key)) for key in ("flags", "us_flags", "ussr_flags")}
    return StartState(**(start.model_dump() | flags))


def order_params(params: dict[str, Any]) -> OrderParams:
    """An order's parameters as the handler's typed record; the unknown ones were reported by ``check_params``."""
    known = {("raise_" if key == "raise" else key): value for key, value in params.items()}
    known = {key: value for key, value in known.items() if key in OrderParams.__dataclass_fields__}
    for key in ("kill", "prep"):
        if isinstance(known.get(key), int | float):
            known[key] = float(known[key])
    return OrderParams(**known)


def rules(r: schema.RulesModel) -> Rules:
    """The ``[rules]`` table as the kernel's record, section by section."""
    scoring = r.scoring.model_dump() | {"prestige_base": tuple(r.scoring.prestige_base)}
    return Rules(
        r.quarantine_delay_turns,
        tuple(r.transient_flags),
        Construction(**r.construction.model_dump()),
        CastroDrift(**r.castro.model_dump()),
        Forces(**r.forces.model_dump()),
        Intel(**r.intel.model_dump()),
        ScoringRules(**scoring),
        TimeOut(**r.time_out.model_dump()),
        Endings(**r.over.model_dump()),
    )
