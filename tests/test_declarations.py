"""One declaration per concept: the state's fields, the statuses, the engine's words, a submarine near the line.

Each concept is written once (``GameState``'s annotations, the ``Literal`` types of ``engine.model``,
``engine.vocabulary``, ``engine.limits``); these tests hold every reader to that one declaration, so a new
field, status or flag cannot be half added.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import get_args

import pytest

from game.engine.conditions import compile_condition
from game.engine.friction import incident_probability
from game.engine.handlers import HANDLERS
from game.engine.invariants import broken_invariants
from game.engine.limits import NEAR_LINE_NM, clamp, subs_near_line
from game.engine.model import (
    OFFER_STATUSES,
    QUARANTINE_STATUSES,
    SHIP_STATUSES,
    SITE_STATUSES,
    SUB_STATUSES,
    Friction,
    Part,
    Submarine,
    replace,
)
from game.engine.predicates import PREDICATES
from game.engine.serialize import state_from_json, state_to_json
from game.engine.setup import FRICTIONS
from game.engine.state import STATE_DEFAULTS, STATE_FIELDS, GameState, blank_state
from game.engine.turn import Turn
from game.engine.view import PlayerView, player_view
from game.engine.vocabulary import ENGINE_FLAG_PREFIXES, ENGINE_FLAGS, METERS, SCENARIO_FLAGS_READ
from game.prelude import new_game
from game.resources import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "game" / "engine"


def _source(*folders: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.py")))


# -- the state's fields ------------------------------------------------------------------------------------------


def test_the_fields_are_the_annotations_of_the_state():
    declared = [name for name in GameState.__annotations__ if name not in ("scenario", "_views")]
    assert list(STATE_FIELDS) == declared and len(declared) == len(set(declared)) > 30
    assert "STATE_FIELDS = (" not in (ENGINE / "state.py").read_text(encoding="utf-8")


def test_a_field_added_to_the_declaration_is_written_read_and_checked(tmp_path):
    """Add one annotated line to a copy of the engine: the serializer and the invariants know it at once."""
    shutil.copytree(ROOT / "game", tmp_path / "game", ignore=shutil.ignore_patterns("__pycache__"))
    state_py = tmp_path / "game" / "engine" / "state.py"
    text = state_py.read_text(encoding="utf-8")
    anchor = "    fired: frozenset[str] = frozenset()\n"
    assert text.count(anchor) == 1, "the last field's line changed: update this test"
    state_py.write_text(text.replace(anchor, anchor + "    hotline: tuple[Offer, ...] = ()\n"), encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import json
        from game.engine.invariants import broken_invariants
        from game.engine.model import Offer, Term
        from game.engine.serialize import state_from_json, state_to_json
        from game.prelude import new_game
        from game.scenario.loader import load_scenario

        scenario = load_scenario({str(SCENARIOS / "october1962.toml")!r})
        s = new_game(scenario, 3, "plausible").copy()
        assert s.hotline == ()
        s.hotline = (Offer(1, "ussr", "back", (Term("pledge", True),), 2, status="accepted"),)
        back = state_from_json(json.loads(json.dumps(state_to_json(s))), scenario)
        assert back.hotline == s.hotline and back == s and broken_invariants(back) == []
        s.hotline = (s.hotline[0]._replace(status="acepted"),)
        assert any(p.startswith("hotline ") for p in broken_invariants(s)), broken_invariants(s)
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_a_blank_state_takes_the_declared_starting_values(scenario):
    given = {name: getattr(new_game(scenario, 1, "plausible"), name) for name in STATE_FIELDS}
    required = {k: v for k, v in given.items() if k not in STATE_DEFAULTS}
    s = blank_state(scenario, **required)
    assert {name: getattr(s, name) for name in STATE_DEFAULTS} == dict(STATE_DEFAULTS)
    assert {"turn", "over", "outcome", "offers", "fired"} <= STATE_DEFAULTS.keys()
    with pytest.raises(ValueError, match="missing state fields: rung"):
        blank_state(scenario, **{k: v for k, v in required.items() if k != "rung"})
    with pytest.raises(ValueError, match="unknown state fields: mood"):
        blank_state(scenario, **required, mood=3)


def test_a_save_with_a_field_no_longer_declared_or_lacking_a_defaulted_one_loads(scenario):
    s = new_game(scenario, 2, "historical")
    data = json.loads(json.dumps(state_to_json(s)))
    data["retired_field"] = 7  # written by an older version
    del data["history"]  # not yet written by an older version: takes its declared starting value
    back = state_from_json(data, scenario)
    assert back == s and not hasattr(back, "retired_field")


def test_agreement_turn_is_read_by_the_duties_of_a_settlement():
    """Kept: the duties of an agreement fall due counted from it (engine.settlement, the duty_due condition)."""
    readers = re.findall(r"\.agreement_turn\b(?!\s*=[^=])", _source(ENGINE))
    assert len(readers) >= 3


def test_the_invariants_catch_a_misspelt_status_the_checker_cannot_see(scenario):
    s = new_game(scenario, 1, "plausible").copy()
    assert broken_invariants(s) == []
    s = s.copy()  # the check read the players' views off the state, which seals it
    s.ships = (replace(s.ships[0], status="helld"), *s.ships[1:])  # replace() takes any keyword: no type check
    assert any(p.startswith("ships ") and "declared type" in p for p in broken_invariants(s))
    s = new_game(scenario, 1, "plausible").copy()
    s.quarantine = "in force"
    assert [p for p in broken_invariants(s) if p.startswith("quarantine in force")]


def test_the_view_s_slots_are_its_annotations(scenario):
    assert PlayerView.__slots__ == tuple(PlayerView.__annotations__)
    view = player_view(new_game(scenario, 1, "plausible"), "us")
    printed = view.fingerprint()
    public = {name for name in PlayerView.__slots__ if not name.startswith("_")} - {"date", "part", "scenario"}
    assert public <= printed.keys() and {"sites", "log"} <= printed.keys()


# -- statuses ----------------------------------------------------------------------------------------------------


def test_every_status_the_engine_writes_is_a_declared_one():
    """``replace(x, status=...)`` is not checked by mypy: the source is held to the Literals here."""
    source = _source(ENGINE, ROOT / "game" / "ai")
    written = set(re.findall(r'status="(\w+)"', source)) | set(re.findall(r'status="\w+" if \w+ else "(\w+)"', source))
    declared = set(SHIP_STATUSES) | set(SUB_STATUSES) | set(SITE_STATUSES) | set(OFFER_STATUSES)
    assert written and written <= declared, written - declared
    assert set(re.findall(r'\.quarantine = "(\w+)"', source)) <= set(QUARANTINE_STATUSES)


def test_a_condition_accepts_exactly_the_declared_quarantine_statuses_and_parts():
    for key, declared in (("quarantine", QUARANTINE_STATUSES), ("part", get_args(Part))):
        check = PREDICATES[key][0]
        assert [v for v in declared if check(v) is not None] == [], key
        assert check("blockade") is not None and check([*declared, "dusk"]) is not None, key


# -- the engine's words ------------------------------------------------------------------------------------------


def test_the_vocabulary_holds_every_flag_and_meter_the_engine_names():
    """Each flag the engine sets is declared, each declared one is set, each one it tests is declared."""
    source = _source(ENGINE)
    plain = set(re.findall(r'set_flag\(\s*"(\w+)"', source))
    plain |= set(re.findall(r'set_flag\(\s*"\w+" if [^\n]*? else "(\w+)"', source))  # u2 or low-level, and so on
    assert plain == ENGINE_FLAGS
    named = set(re.findall(r'(?:set_flag\(|flag = )\s*f"(\w+?)\{', source))
    assert named == set(ENGINE_FLAG_PREFIXES)
    read = set(re.findall(r'has_flag\("(\w+)"', source))
    assert read and all(f in ENGINE_FLAGS | SCENARIO_FLAGS_READ or f.startswith(ENGINE_FLAG_PREFIXES) for f in read)
    meters = set(re.findall(r'meter\(\s*(?:None, )?"(\w+\.\w+)"', _source(ENGINE, ROOT / "game" / "ai")))
    assert meters and meters <= {f"{side}.{name}" for side, names in METERS.items() for name in names}


# -- a submarine near the line, and the clamp --------------------------------------------------------------------


def _subs_at(scenario, *subs: Submarine):
    s = new_game(scenario, 1, "plausible").copy()
    s.quarantine, s.line_nm, s.subs = "in_force", 500, subs
    return s


SEA = (
    Submarine("a", "A", 500.0 - NEAR_LINE_NM, False),  # at the edge: near
    Submarine("b", "B", 749.0, False, "escorting"),
    Submarine("c", "C", 751.0, False),  # just beyond
    Submarine("d", "D", 500.0, False, "surfaced"),
    Submarine("e", "E", 500.0, False, "withdrawn"),
)


@pytest.mark.parametrize(("subs", "near"), [(SEA, ("a", "b")), (SEA[2:], ())], ids=["two near", "none near"])
def test_the_three_askers_agree_on_a_submarine_near_the_line(scenario, subs, near):
    s = _subs_at(scenario, *subs)
    assert tuple(sub.id for sub in subs_near_line(s)) == near
    assert compile_condition({"sub_near_line": True}, "t", [])(s, None) == bool(near)
    assert compile_condition({"sub_near_line": False}, "t", [])(s, None) == (not near)
    view = player_view(s, "us")
    assert HANDLERS["signal_sub"][0](view, scenario.orders["signal_sub"]) == near
    alone = incident_probability(_subs_at(scenario))
    per_sub = scenario.friction.sub_near_line
    assert incident_probability(s) == pytest.approx(min(scenario.friction.cap, alone + per_sub * len(near)))


def test_meters_castro_and_the_invasion_stay_within_0_to_100(scenario):
    assert (clamp(-3.0), clamp(50.5), clamp(140.0), clamp(25.0, 0.0, 20.0)) == (0.0, 50.5, 100.0, 20.0)
    turn = Turn(new_game(scenario, 1, "plausible"), {"us": (), "ussr": ()})
    turn.meter("us.hawks", 500.0)
    turn.castro(-500.0)
    assert turn.s.meters["us.hawks"] == 100.0 and turn.s.castro_alarm == 0.0
    source = _source(ENGINE)
    assert "min(100.0, max(0.0" not in source and "min(100, max(0" not in source


def test_a_friction_setting_is_one_of_the_declared_ones(scenario):
    assert get_args(Friction) == FRICTIONS == ("historical", "plausible")
    assert new_game(scenario, 1, "historical").friction == "historical"
    with pytest.raises(ValueError, match="friction must be one of historical, plausible, not 'realistic'"):
        new_game(scenario, 1, "realistic")
