"""The engine's own words, declared once: the meters it keeps, the flags it sets, its handlers' parameters.

A scenario file may name only these (besides the flags it sets itself): the loader checks every file
against this module, so a misspelt meter, flag or parameter value is refused with one line instead of a
rule that silently never fires. The engine's code sets and reads the same names (a test holds it to this
list).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, get_args

from game.engine.model import CHANNELS, LINE_NMS, ShipOrder

# The political meters of each side, 0–100 (a scenario gives each its starting value); keyed by side, looked
# up by what a file says.
METERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "us": ("domestic", "hawks", "allies", "world"),
        "ussr": ("presidium", "castro", "prestige", "world"),
    }
)

# Flags the engine itself sets (see handlers, negotiation, resolve, world)...
ENGINE_FLAGS = frozenset(
    {
        "u2_flown",
        "lowlevel_flown",
        "sub_signalled",
        "hail_refused",
        "contraband_seized",
        "ship_fired_on",
        "construction_accelerated",
        "run_the_line",
        "line_run",
        "line_crossed",
        "hailed_through",
        "agreement",
        "crisis_over",
        "invasion_holds",
        "beachhead",
    }
)
# ...and the families it names after a side, a term or an offer (each prefix ends with "_").
ENGINE_FLAG_PREFIXES = (
    "offer_from_",
    "rejected_by_",
    "deadline_passed_",
    "term_",
    "leaked_",
    "conceded_",
    "agreement_broken_by_",
)
# Flags the engine tests that only a scenario sets: the crisis made public, a nuclear weapon used.
SCENARIO_FLAGS_READ = frozenset({"crisis_public", "nuclear_used"})

# The values a handler's parameter takes, by handler and parameter.
QuarantineOrder = Literal["proclaimed", "lifted"]
ReconLevel = Literal["high", "low"]
StrikeAim = Literal["sams", "missiles"]
ConstructionMode = Literal["continue", "accelerate", "halt"]
SubsMode = Literal["escort", "withdraw"]
PARAM_CHOICES: Mapping[str, Mapping[str, tuple[object, ...]]] = MappingProxyType(
    {
        "recon": {"level": get_args(ReconLevel)},
        "quarantine": {"status": get_args(QuarantineOrder)},
        "line": {"nm": LINE_NMS},
        "strike": {"aim": get_args(StrikeAim)},
        "construction": {"mode": get_args(ConstructionMode)},
        "ships": {"mode": get_args(ShipOrder)},
        "subs": {"mode": get_args(SubsMode)},
        "offer": {"channel": CHANNELS},
        "accept": {"channel": CHANNELS},
    }
)
RAISE_STEPS = (1, -1)  # "defcon" and "alert" move one step up or down


def is_engine_flag(flag: str) -> bool:
    """Whether the engine itself may set this flag."""
    return flag in ENGINE_FLAGS or flag.startswith(ENGINE_FLAG_PREFIXES)
