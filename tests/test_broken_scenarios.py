"""Deliberately broken scenarios: each one must give one clear problem line, never a traceback.

Every case copies the real scenario (``scenarios/october1962.toml``) and its
doctrines into pytest's ``tmp_path``, applies one small, explicit text mutation
(or writes raw bytes for the file-level cases), and checks that
``validate_files`` reports the exact line written out in the case, with the
temporary folder put in for ``{dir}``, ``{scenario}``, ``{kennedy}`` and
``{khrushchev}``.

The mutations look for a unique snippet of the real files and fail loudly
(``ScenarioChanged: ... update this test``) when the snippet has gone, so a
change to the scenario cannot silently turn a case into a no-op. Where a value
is being tuned (numbers), the mutation names the table by a stable line (an
``id = ...`` line or a table header) and replaces the whole ``key = ...`` line in
that table, whatever its current value.

Some cases also check that one mistake gives one line only, not a cascade of
follow-on complaints.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.scenario.loader import validate_files

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
SCENARIO = "october1962.toml"
KENNEDY = "doctrines/kennedy.toml"
KHRUSHCHEV = "doctrines/khrushchev.toml"

METER_HELP = (
    "(use us.domestic, us.hawks, us.allies, us.world, ussr.presidium, ussr.castro, ussr.prestige or ussr.world)"
)
HANDLER_LIST = (
    "accept, alert, board, construction, defcon, delegate, disable, dismantle, hail, invade, line, "
    "none, offer, quarantine, recon, reject, remove_bombers, ships, signal_sub, stand_down, strike, subs, "
    "tactical_out, tighten"
)
SOURCE_HELP = "(use chronology ids S1-S60, a seed file name or 'counterfactual')"
NEVER_SET = "is never set by the scenario or the engine"

Mutation = Callable[[str], str]
RawMutation = Callable[[bytes], bytes]


# ---------------------------------------------------------------- mutations


class ScenarioChanged(Exception):
    """A snippet a mutation looks for is not in the real files any more (not a loader bug: update the case)."""


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ScenarioChanged(message + ": update this test")


def _must_be_unique(text: str, snippet: str) -> int:
    found = text.count(snippet)
    _check(found == 1, f"expected {snippet!r} exactly once in the file, found {found}")
    return text.index(snippet)


def replace(old: str, new: str, count: int = 1) -> Mutation:
    """Replace a snippet that must occur exactly ``count`` times."""

    def apply(text: str) -> str:
        found = text.count(old)
        _check(found == count, f"expected {old!r} {count} time(s) in the file, found {found}")
        return text.replace(old, new)

    return apply


def insert_after(line: str, new_lines: str) -> Mutation:
    """Insert ``new_lines`` after the unique whole line ``line``."""

    def apply(text: str) -> str:
        at = _must_be_unique("\n" + text, "\n" + line + "\n") + len(line) + 1
        return text[:at] + new_lines + text[at:]

    return apply


def _key_span(text: str, line: str, key: str) -> tuple[int, int]:
    """Where the line ``key = ...`` is, in the table that holds the unique whole line ``line`` (from that line on)."""
    padded = "\n" + text  # padded[i + 1] == text[i]; a line of text starts after a "\n" of padded
    start = _must_be_unique(padded, "\n" + line + "\n")
    end = padded.find("\n[", start + 1)  # the next table header
    end = len(padded) if end == -1 else end
    at = padded.find("\n" + key + " = ", start, end)
    _check(at != -1, f"no line '{key} = ...' in the table of {line!r}")
    last = text.find("\n", at)
    return at, (len(text) if last == -1 else last + 1)


def set_value(line: str, key: str, value: str) -> Mutation:
    """Set ``key = value`` in the table that holds the unique whole line ``line`` (the key must be there)."""

    def apply(text: str) -> str:
        first, last = _key_span(text, line, key)
        return text[:first] + f"{key} = {value}\n" + text[last:]

    return apply


def drop_key(line: str, key: str) -> Mutation:
    """Remove the line ``key = ...`` from the table that holds the unique whole line ``line``."""

    def apply(text: str) -> str:
        first, last = _key_span(text, line, key)
        return text[:first] + text[last:]

    return apply


def drop_between(start: str, end: str) -> Mutation:
    """Remove everything from the unique snippet ``start`` up to (not including) the unique snippet ``end``."""

    def apply(text: str) -> str:
        a = _must_be_unique(text, start)
        b = _must_be_unique(text, end)
        _check(a < b, f"{start!r} should come before {end!r}")
        return text[:a] + text[b:]

    return apply


def chain(*mutations: Mutation) -> Mutation:
    def apply(text: str) -> str:
        for m in mutations:
            text = m(text)
        return text

    return apply


def prefix(data: bytes) -> RawMutation:
    return lambda raw: data + raw


def cut_inside(table: bytes, into: int) -> RawMutation:
    """Cut the file ``into`` bytes after the (unique) header ``table``: a file truncated mid-table."""

    def apply(raw: bytes) -> bytes:
        _check(raw.count(table) == 1, f"expected {table!r} exactly once")
        return raw[: raw.index(table) + len(table) + into]

    return apply


def cut_after_line(table: bytes, lines: int) -> RawMutation:
    """Cut the file after ``lines`` whole lines of the (unique) table ``table``."""

    def apply(raw: bytes) -> bytes:
        _check(raw.count(table) == 1, f"expected {table!r} exactly once")
        at = raw.index(table) + len(table)
        for _ in range(lines):
            at = raw.index(b"\n", at) + 1
        return raw[:at]

    return apply


# ---------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    id: str
    expected: str  # the problem line; {dir}, {scenario}, {kennedy}, {khrushchev} are filled in
    file: str = SCENARIO  # the file mutated
    mutate: Mutation | None = None
    raw: RawMutation | bytes | None = None
    target: str = SCENARIO  # the path given to the validator


def build(case: Case, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Copy the scenario and its doctrines into ``tmp_path``, break them, and return the path to validate."""
    folder = tmp_path.resolve()  # doctrine paths are reported resolved
    shutil.copy(SCENARIOS / SCENARIO, folder / SCENARIO)
    shutil.copytree(SCENARIOS / "doctrines", folder / "doctrines")
    shutil.copytree(SCENARIOS / "narration", folder / "narration")
    broken = folder / case.file
    if case.mutate is not None:
        text = broken.read_text(encoding="utf-8")
        mutated = case.mutate(text)
        _check(mutated != text, "the mutation changed nothing")
        broken.write_text(mutated, encoding="utf-8")
    if case.raw is not None:
        raw = case.raw if isinstance(case.raw, bytes) else case.raw(broken.read_bytes())
        broken.write_bytes(raw)
    names = {
        "{dir}": str(folder),
        "{scenario}": str(folder / SCENARIO),
        "{kennedy}": str(folder / KENNEDY),
        "{khrushchev}": str(folder / KHRUSHCHEV),
    }
    return folder / case.target, names


def expected_line(case: Case, names: dict[str, str]) -> str:
    line = case.expected
    for key, value in names.items():
        line = line.replace(key, value)
    return line


NESTED_ARRAYS = "[" * 10_000 + "]" * 10_000
NESTED_TABLES = "{ a = " * 10_000 + "1" + " }" * 10_000
DOCTRINES_LINE = 'doctrines = ["doctrines/kennedy.toml", "doctrines/khrushchev.toml"]'
TOP = 'id = "october1962"'

CASES = [
    # -- wrong types and numbers out of range
    Case(
        "cost_is_a_string",
        "{scenario}: order[0].cost: input should be a valid integer",
        mutate=set_value('id = "excomm"', "cost", '"1"'),
    ),
    Case(
        "distance_is_a_string",
        "{scenario}: submarine[0].distance: input should be a valid number",
        mutate=set_value('id = "b59"', "distance", '"700"'),
    ),
    Case(
        "distance_negative",
        "{scenario}: ship[0].distance: input should be greater than or equal to 0",
        mutate=set_value('id = "aleksandrovsk"', "distance", "-1700"),
    ),
    Case(
        "speed_10_to_the_30",
        "{scenario}: ship[0].speed: input should be less than or equal to 600",
        mutate=set_value('id = "aleksandrovsk"', "speed", str(10**30)),
    ),
    Case(
        "action_points_10_to_the_30",
        "{scenario}: action_points.us: must be between 1 and 10",
        mutate=set_value("[action_points]", "us", str(10**30)),
    ),
    Case(
        "meter_1e30",
        "{scenario}: meters.ussr.castro: must be between 0 and 100",
        mutate=set_value("[meters.ussr]", "castro", "1e30"),
    ),
    Case(
        "rung_level_negative",
        "{scenario}: rung[5].level: input should be greater than or equal to 0",
        mutate=replace("[[rung]]\nlevel = 5\n", "[[rung]]\nlevel = -5\n"),
    ),
    Case(
        "effects_meter_nan",
        "{scenario}: order[0].effects.meters.us.hawks: must be a finite number",
        mutate=set_value('id = "excomm"', "effects", '{ meters = { "us.hawks" = nan } }'),
    ),
    # -- required and unknown keys
    Case("order_label_missing", "{scenario}: order[0].label: is required", mutate=drop_key('id = "excomm"', "label")),
    Case("start_defcon_missing", "{scenario}: start.defcon: is required", mutate=drop_key("[start]", "defcon")),
    Case(
        "start_unknown_key",
        "{scenario}: start.submarines: unknown key",
        mutate=insert_after("[start]", "submarines = 4\n"),
    ),
    Case("top_level_unknown_key", "{scenario}: author: unknown key", mutate=insert_after(TOP, 'author = "me"\n')),
    # -- conditions and handlers
    Case(
        "unknown_condition",
        "{scenario}: order[0].when.rung_mni: unknown condition 'rung_mni'",
        mutate=set_value('id = "excomm"', "when", '{ not_flags = ["crisis_over"], rung_mni = 3 }'),
    ),
    Case(
        "condition_bad_value",
        "{scenario}: order[2].when.quarantine: must be one of none, proclaimed, in_force, lifted (or a list of them)",
        mutate=set_value('id = "lowlevel"', "when", '{ quarantine = "in_fource" }'),
    ),
    Case(
        "condition_meter_unknown_in_event",
        f"{{scenario}}: event[0].when.meter_min.hawks: unknown meter {METER_HELP}",
        mutate=insert_after('id = "u2_photographs"', "when = { meter_min = { hawks = 50 } }\n"),
    ),
    Case(
        "condition_bad_date",
        "{scenario}: event[0].when.date: '1962-13-40' is not a real date",
        mutate=insert_after('id = "u2_photographs"', 'when = { date = "1962-13-40" }\n'),
    ),
    Case(
        "unknown_handler",
        f"{{scenario}}: order[1].handler: unknown handler 'recce' (known: {HANDLER_LIST})",
        mutate=set_value('id = "u2"', "handler", '"recce"'),
    ),
    Case(
        "handler_param_missing",
        "{scenario}: order[1].params.level: is required by handler 'recon'",
        mutate=set_value('id = "u2"', "params", "{}"),
    ),
    Case(
        "handler_param_bad_value",
        "{scenario}: order[1].params.level: must be one of high, low",
        mutate=set_value('id = "u2"', "params", '{ level = "medium" }'),
    ),
    Case(
        "handler_param_unknown",
        "{scenario}: order[1].params.altitude: unknown parameter for handler 'recon'",
        mutate=set_value('id = "u2"', "params", '{ level = "high", altitude = 70000 }'),
    ),
    # -- ids and references
    Case(
        "duplicate_order_id",
        "{scenario}: order[1].id: 'excomm' is already used by order[0]",
        mutate=replace('id = "u2"\n', 'id = "excomm"\n'),
    ),
    Case(
        "duplicate_site_id",
        "{scenario}: site[1].id: 'san_cristobal_1' is already used by site[0]",
        mutate=replace('id = "san_cristobal_2"\n', 'id = "san_cristobal_1"\n'),
    ),
    Case(
        "incident_date_without_turn",
        "{scenario}: incident[0].historical[0]: no turn on 1962-10-31 (am)",
        mutate=set_value('id = "u2_shot_down"', "historical", '[{ date = "1962-10-31", part = "am" }]'),
    ),
    Case(
        "flag_never_set",
        f"{{scenario}}: order[2].when: flag 'crisis_publik' {NEVER_SET}",
        mutate=set_value('id = "lowlevel"', "when", '{ flags = ["crisis_publik"] }'),
    ),
    Case(
        "unknown_source",
        f"{{scenario}}: order[0].source: unknown source 'S99' {SOURCE_HELP}",
        mutate=set_value('id = "excomm"', "source", '"S12, S99"'),
    ),
    Case(
        "event_outside_turns",
        "{scenario}: event[0].date: 1962-12-25 is outside the scenario's turns (1962-10-16 to 1962-11-20)",
        mutate=set_value('id = "u2_photographs"', "date", '"1962-12-25"'),
    ),
    Case(
        "secret_text_without_secret_to",
        "{scenario}: incident[0].secret_to: secret_text and secret_to go together",
        mutate=drop_key('id = "u2_shot_down"', "secret_to"),
    ),
    # -- the calendar
    Case(
        "turn_date_not_real",
        "{scenario}: turn[18].date: '1962-13-40' is not a real date",
        mutate=replace('date = "1962-11-20"\n', 'date = "1962-13-40"\n'),
    ),
    Case(
        "turns_out_of_order",
        "{scenario}: turn[2].date: 1962-10-15 comes before the turn above it (1962-10-17)",
        mutate=replace('date = "1962-10-18"\nlabel', 'date = "1962-10-15"\nlabel'),
    ),
    Case(
        "turn_twice",
        "{scenario}: turn[2].date: 1962-10-17 (day) is already used by turn[1]",
        mutate=replace('date = "1962-10-18"\nlabel', 'date = "1962-10-17"\nlabel'),
    ),
    # -- the ladder and the meters
    Case(
        "rung_level_missing",
        "{scenario}: rung: must list each level 0 to 10 exactly once (missing 5)",
        mutate=drop_between("[[rung]]\nlevel = 5\n", "[[rung]]\nlevel = 6\n"),
    ),
    Case(
        "rung_level_twice",
        "{scenario}: rung: must list each level 0 to 10 exactly once (missing 5; twice 4)",
        mutate=replace("[[rung]]\nlevel = 5\n", "[[rung]]\nlevel = 4\n"),
    ),
    Case(
        "rung_not_an_array",
        "{scenario}: rung: must be an array of tables ([[rung]])",
        mutate=chain(replace("[[rung]]\n", "[[old_rung]]\n", count=11), insert_after(DOCTRINES_LINE, "rung = 5\n")),
    ),
    Case(
        "effects_unknown_meter",
        f"{{scenario}}: order[0].effects.meters.us.hawk: unknown meter {METER_HELP}",
        mutate=set_value('id = "excomm"', "effects", '{ meters = { "us.hawk" = -1 } }'),
    ),
    Case(
        "start_unknown_meter",
        "{scenario}: meters.us.morale: unknown meter",
        mutate=insert_after("[meters.us]", "morale = 50\n"),
    ),
    # -- files that cannot be read as TOML
    Case(
        "not_utf8",
        "{scenario}: not UTF-8 text (bad byte on line 1, at offset 4)",
        raw=prefix(b"# Sc\xe9nario (Latin-1)\n"),
    ),
    Case("empty_file", "{scenario}: file is empty", raw=b""),
    Case("blank_file", "{scenario}: file is empty", raw=b"\n  \n\t\n"),
    Case(
        "truncated_mid_table",
        "{scenario}: TOML syntax error: Expected '=' after a key in a key/value pair (at end of document)",
        raw=cut_inside(b"\n[friction]\n", len("base = 0.02\nper_r")),
    ),
    Case(
        "truncated_after_a_line", "{scenario}: friction.per_rung: is required", raw=cut_after_line(b"\n[friction]\n", 1)
    ),
    Case(
        "syntax_error",
        "{scenario}: TOML syntax error: Illegal character '\\n' (at line 1, column 20)",
        raw=prefix(b'title = "unfinished\n'),
    ),
    Case(
        "deeply_nested_arrays",
        "{scenario}: data nested too deeply",
        mutate=insert_after(TOP, f"nest = {NESTED_ARRAYS}\n"),
    ),
    Case(
        "deeply_nested_tables",
        "{scenario}: data nested too deeply",
        mutate=insert_after(TOP, f"nest = {NESTED_TABLES}\n"),
    ),
    Case("too_large", "{scenario}: file is larger than 2000000 bytes", raw=lambda raw: raw + b"#" * 2_000_000),
    Case("no_such_file", "{dir}/nothing.toml: no such file", target="nothing.toml"),
    Case("folder_not_file", "{dir}/doctrines: is a folder, not a file", target="doctrines"),
    # -- doctrines
    Case(
        "doctrine_unknown_order",
        "{kennedy}: rule[0].order: unknown order 'strike_sites' for side us",
        file=KENNEDY,
        mutate=set_value('id = "strike_when_pressed"', "order", '"strike_sites"'),
    ),
    Case(
        "doctrine_order_of_other_side",
        "{kennedy}: rule[1].order: order 'presidium' belongs to ussr, not to us",
        file=KENNEDY,
        mutate=set_value('id = "hold_back"', "order", '"presidium"'),
    ),
    Case(
        "doctrine_unknown_term",
        "{khrushchev}: rule[4].terms[1].kind: unknown term 'no_invasion_ever'",
        file=KHRUSHCHEV,
        mutate=set_value(
            'id = "offer_under_fire"', "terms", '[{ kind = "withdraw_missiles" }, { kind = "no_invasion_ever" }]'
        ),
    ),
    Case(
        "doctrine_offer_unknown_term",
        "{kennedy}: rule[8].offer.includes: unknown term 'remove_jupiters_turkye'",
        file=KENNEDY,
        mutate=set_value(
            'id = "accept_public_turkey"', "offer", '{ includes = ["withdraw_missiles", "remove_jupiters_turkye"] }'
        ),
    ),
    Case(
        "doctrine_unknown_target",
        "{kennedy}: rule[24].target: unknown target '$shp' (use $offer, $ship or $sub)",
        file=KENNEDY,
        mutate=set_value('id = "board_from_26"', "target", '"$shp"'),
    ),
    Case(
        "doctrine_reserve_unknown_parameter",
        "{khrushchev}: rule[0].reserve: unknown parameter '$reserv'",
        file=KHRUSHCHEV,
        mutate=set_value('id = "accept_with_turkey"', "reserve", '"$reserv"'),
    ),
    Case(
        "doctrine_reserve_not_a_number",
        "{khrushchev}: rule[0].reserve: must be a finite number",
        file=KHRUSHCHEV,
        mutate=set_value('id = "accept_with_turkey"', "reserve", "nan"),
    ),
    Case(
        "doctrine_after_unknown_rule",
        "{khrushchev}: rule[1].after: no rule 'accept_with_turky' in this doctrine",
        file=KHRUSHCHEV,
        mutate=set_value('id = "d28_dismantle"', "after", '"accept_with_turky"'),
    ),
    Case(
        "term_forbids_unknown_order",
        "{scenario}: term[0].forbids: unknown order(s) build_faster",
        mutate=replace(
            'forbids = ["build_accelerate", "build_resume", "ships_run",',
            'forbids = ["build_faster", "build_resume", "ships_run",',
        ),
    ),
    Case(
        "term_done_unknown_condition",
        "{scenario}: term[0].done.flag: unknown condition 'flag'",
        mutate=replace('done = { flags = ["sites_dismantled"] }', 'done = { flag = ["sites_dismantled"] }'),
    ),
    Case(
        "doctrine_unknown_condition",
        "{kennedy}: rule[1].when.not_flag: unknown condition 'not_flag'",
        file=KENNEDY,
        mutate=set_value(
            'id = "hold_back"', "when", '{ flags = ["u2_shot_down"], not_flag = ["retaliation_decided"] }'
        ),
    ),
    Case(
        "doctrine_flag_never_set",
        f"{{kennedy}}: rule[1].when: flag 'u2_shot_dwon' {NEVER_SET}",
        file=KENNEDY,
        mutate=set_value('id = "hold_back"', "when", '{ flags = ["u2_shot_dwon"] }'),
    ),
    Case(
        "doctrine_condition_meter_unknown",
        "{kennedy}: rule[0].when.meter_min.hawk: unknown meter (use domestic, hawks, allies, world or ussr.world)",
        file=KENNEDY,
        mutate=set_value(
            'id = "strike_when_pressed"', "when", '{ flags = ["u2_shot_down"], meter_min = { hawk = "$strike_hawks" } }'
        ),
    ),
    Case(
        "doctrine_unknown_parameter",
        "{kennedy}: rule[0].when.meter_min.hawks: unknown parameter '$strike_hawk'",
        file=KENNEDY,
        mutate=set_value(
            'id = "strike_when_pressed"', "when", '{ flags = ["u2_shot_down"], meter_min = { hawks = "$strike_hawk" } }'
        ),
    ),
    Case(
        "doctrine_bad_side",
        "{kennedy}: side: input should be 'us' or 'ussr'",
        file=KENNEDY,
        mutate=replace('side = "us"\n', 'side = "usa"\n'),
    ),
    Case(
        "doctrine_unknown_key",
        "{kennedy}: leader: unknown key",
        file=KENNEDY,
        mutate=insert_after('side = "us"', 'leader = "JFK"\n'),
    ),
    Case(
        "doctrine_duplicate_rule_id",
        "{kennedy}: rule[1].id: 'strike_when_pressed' is already used by rule[0]",
        file=KENNEDY,
        mutate=replace('id = "hold_back"\n', 'id = "strike_when_pressed"\n'),
    ),
    Case(
        "doctrine_unknown_source",
        f"{{kennedy}}: rule[1].source: unknown source 'S99' {SOURCE_HELP}",
        file=KENNEDY,
        mutate=set_value('id = "hold_back"', "source", '"S40, S99"'),
    ),
    Case(
        "doctrine_personality_param",
        "{khrushchev}: personality.dove.params.patience: is not a parameter of the historical doctrine",
        file=KHRUSHCHEV,
        mutate=set_value("[personality.dove]", "params", "{ fear_prep = 0, patience = 3 }"),
    ),
    Case("doctrine_empty", "{kennedy}: file is empty", file=KENNEDY, raw=b""),
    Case(
        "doctrine_not_utf8",
        "{kennedy}: not UTF-8 text (bad byte on line 1, at offset 2)",
        file=KENNEDY,
        raw=prefix(b"# \xff\n"),
    ),
    Case(
        "doctrine_deeply_nested",
        "{kennedy}: data nested too deeply",
        file=KENNEDY,
        raw=prefix(f"nest = {NESTED_ARRAYS}\n".encode()),
    ),
    Case(
        "doctrine_missing",
        "{scenario}: doctrines[1]: no such file doctrines/krushchev.toml",
        mutate=replace(DOCTRINES_LINE, 'doctrines = ["doctrines/kennedy.toml", "doctrines/krushchev.toml"]'),
    ),
    Case(
        "doctrine_path_nul",
        "{scenario}: doctrines[0]: not a valid file name (it contains a NUL character)",
        mutate=replace(DOCTRINES_LINE, 'doctrines = ["doctrines/kennedy.toml\\u0000", "doctrines/khrushchev.toml"]'),
    ),
    Case(
        "doctrine_path_outside",
        "{scenario}: doctrines[0]: must be a path inside the scenario's folder, not ../doctrines/kennedy.toml",
        mutate=replace(DOCTRINES_LINE, 'doctrines = ["../doctrines/kennedy.toml", "doctrines/khrushchev.toml"]'),
    ),
    Case(
        "param_bool_for_number",
        "{scenario}: order[21].params.raise: must be 1 or -1",
        mutate=set_value('id = "defcon_up"', "params", "{ raise = true, public = true }"),
    ),
    Case(
        "param_out_of_range",
        "{scenario}: order[26].params.kill: must be a number from 0 to 1",
        mutate=set_value('id = "strike_missiles"', "params", '{ aim = "missiles", kill = 85 }'),
    ),
    Case(
        "param_text_for_number",
        "{scenario}: order[28].params.prep: must be a number from 0 to 100",
        mutate=set_value('id = "stand_down_invasion"', "params", '{ prep = "forty" }'),
    ),
    Case(
        "event_part_never_comes",
        "{scenario}: event[19].part: no turn on or after 1962-11-12 has the part 'am', so it can never fire",
        mutate=insert_after('id = "castro_bombers"', 'part = "am"\n'),
    ),
    Case(
        "source_stray_comma",
        "{scenario}: order[0].source: an empty entry in the list of sources (a stray comma?)",
        mutate=set_value('id = "excomm"', "source", '"S12, "'),
    ),
    Case(
        "doctrine_path_is_folder",
        "{dir}/doctrines: is a folder, not a file",
        mutate=replace(DOCTRINES_LINE, 'doctrines = ["doctrines", "doctrines/khrushchev.toml"]'),
    ),
    Case(
        "no_doctrine_for_ussr",
        "{scenario}: doctrines: no historical doctrine for ussr",
        mutate=replace(DOCTRINES_LINE, 'doctrines = ["doctrines/kennedy.toml"]'),
    ),
    Case(
        "doctrine_loaded_twice",
        "{kennedy}: side: a historical doctrine for us is already loaded",
        mutate=replace(DOCTRINES_LINE, DOCTRINES_LINE[:-1] + ', "doctrines/kennedy.toml"]'),
    ),
]

# A misspelt word of the engine's own vocabulary (engine.vocabulary, and the Literals of engine.model that the
# schema uses): refused with one line naming the file, the field and the words it may be.
ENGINE_WORDS = [
    Case(
        "quarantine_status_misspelt",
        "{scenario}: order[12].params.status: must be one of proclaimed, lifted",
        mutate=replace('params = { status = "proclaimed" }', 'params = { status = "proclamed" }'),
    ),
    Case(
        "mode_of_another_handler",
        "{scenario}: order[35].params.mode: must be one of continue, accelerate, halt",
        mutate=set_value('help = "Start work on the sites again."', "params", '{ mode = "turn_back" }'),
    ),
    Case(
        "engine_flag_misspelt",
        f"{{scenario}}: order[2].when: flag 'u2_flwn' {NEVER_SET}",
        mutate=set_value('id = "lowlevel"', "when", '{ flags = ["u2_flwn"] }'),
    ),
    Case(
        "engine_meter_misspelt",
        "{scenario}: order[2].when.meter_min.us.hawk: unknown meter (use domestic, hawks, allies, world or ussr.world)",
        mutate=set_value('id = "lowlevel"', "when", '{ meter_min = { "us.hawk" = 50 } }'),
    ),
    Case(
        "offer_status_misspelt",
        "{khrushchev}: rule[9].when.offer_sent.status: unknown status 'opne' "
        "(use open, accepted, rejected, expired or closed)",
        file=KHRUSHCHEV,
        mutate=replace(
            'includes = ["withdraw_missiles"], status = ["open"]', 'includes = ["withdraw_missiles"], status = ["opne"]'
        ),
    ),
    Case(
        "offer_channel_misspelt",
        "{khrushchev}: rule[9].when.offer_sent.channel: unknown channel 'secret' (use public, private or back)",
        file=KHRUSHCHEV,
        mutate=replace('offer_sent = { channel = ["private"]', 'offer_sent = { channel = ["secret"]'),
    ),
    Case(
        "cargo_misspelt",
        "{scenario}: ship[0].cargo: input should be 'missiles', 'warheads', 'military', 'oil' or 'general'",
        mutate=set_value('id = "aleksandrovsk"', "cargo", '"warhead"'),
    ),
    Case(
        "side_misspelt",
        "{scenario}: order[1].side: input should be 'us' or 'ussr'",
        mutate=set_value('id = "u2"', "side", '"usa"'),
    ),
    Case(
        "channel_misspelt",
        "{scenario}: friction.knowers.privat.[key]: input should be 'public', 'private' or 'back'",
        mutate=replace("private = 12, back = 5 }", "privat = 12, back = 5 }"),
    ),
]
CASES += ENGINE_WORDS

BY_ID = {c.id: c for c in CASES}
assert len(BY_ID) == len(CASES), "two cases share an id"


def _params(cases: list[Case]) -> list:
    return [pytest.param(c, id=c.id) for c in cases]


# ---------------------------------------------------------------- tests


def test_the_real_scenario_is_valid() -> None:
    assert validate_files([SCENARIOS / SCENARIO]) == []


def test_an_untouched_copy_is_valid(tmp_path: Path) -> None:
    path, _ = build(Case("untouched", ""), tmp_path)
    assert validate_files([path]) == []


@pytest.mark.parametrize("case", _params(CASES))
def test_broken_scenario(case: Case, tmp_path: Path) -> None:
    path, names = build(case, tmp_path)
    problems = validate_files([path])
    assert expected_line(case, names) in problems


def _run_validate(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "game", "validate", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


CLI_CASES = [
    "cost_is_a_string",
    "not_utf8",
    "empty_file",
    "truncated_mid_table",
    "deeply_nested_arrays",
    "doctrine_unknown_order",
    "no_such_file",
    "rung_not_an_array",
    "doctrine_path_nul",
]


@pytest.mark.parametrize("case", _params([BY_ID[i] for i in CLI_CASES]))
def test_validate_command(case: Case, tmp_path: Path) -> None:
    path, names = build(case, tmp_path)
    done = _run_validate(path)
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    assert done.returncode == 1
    assert expected_line(case, names) in output.splitlines()


def test_validate_command_on_the_untouched_scenario(tmp_path: Path) -> None:
    path, _ = build(Case("untouched", ""), tmp_path)
    done = _run_validate(path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "1 scenario file(s) valid.\n", "")


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    three = Case(
        "three",
        "",
        mutate=chain(
            set_value('id = "excomm"', "cost", '"1"'),
            set_value('id = "u2"', "source", '"S43, S99"'),
            insert_after("[start]", "submarines = 4\n"),
        ),
    )
    path, names = build(three, tmp_path)
    scenario = names["{scenario}"]
    assert sorted(validate_files([path])) == sorted(
        [
            f"{scenario}: order[0].cost: input should be a valid integer",
            f"{scenario}: order[1].source: unknown source 'S99' {SOURCE_HELP}",
            f"{scenario}: start.submarines: unknown key",
        ]
    )


def test_a_doctrine_problem_is_reported_once(tmp_path: Path) -> None:
    case = BY_ID["doctrine_unknown_order"]
    path, names = build(case, tmp_path)
    assert validate_files([path]) == [expected_line(case, names)]


FOLLOW_ON = [
    Case(
        "turn_days_is_a_string",
        "{scenario}: turn[0].days: input should be a valid number",
        mutate=set_value('label = "Tuesday 16 October"', "days", '"1"'),
    ),
    Case(
        "incident_weight_10_to_the_30",
        "{scenario}: incident[0].weight: input should be less than or equal to 1000",
        mutate=set_value('id = "u2_shot_down"', "weight", str(10**30)),
    ),
    Case(
        "turn_date_not_real_in_the_middle",
        "{scenario}: turn[2].date: '1962-13-40' is not a real date",
        mutate=replace('date = "1962-10-18"\nlabel', 'date = "1962-13-40"\nlabel'),
    ),
]


@pytest.mark.parametrize("case", _params(FOLLOW_ON))
def test_one_mistake_gives_one_line(case: Case, tmp_path: Path) -> None:
    path, names = build(case, tmp_path)
    assert validate_files([path]) == [expected_line(case, names)]


@pytest.mark.parametrize("case", _params(ENGINE_WORDS))
def test_a_misspelt_engine_word_gives_one_line(case: Case, tmp_path: Path) -> None:
    path, names = build(case, tmp_path)
    assert validate_files([path]) == [expected_line(case, names)]


def test_byte_order_mark(tmp_path: Path) -> None:
    """A BOM (as some Windows editors write) is accepted."""
    case = Case(
        "byte_order_mark",
        "{scenario}: starts with a byte-order mark (BOM); save it as UTF-8 without one",
        raw=prefix(b"\xef\xbb\xbf"),
    )
    path, names = build(case, tmp_path)
    assert validate_files([path]) == []
