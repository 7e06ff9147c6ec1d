"""The hostile inputs, generated: every kind of bad file at every place the game reads one, every bad field of
a save and a record, bad settings, scenario shapes, command-line values, keyboard input and save names.

Each case names its target, what is put there and the words its one-line message must hold. ``python
tests/hostile_corpus.py`` prints the count by target.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Payload = bytes | str | Callable[[dict[str, Any]], Any] | list[str]


@dataclass(frozen=True)
class Case:
    target: str  # save, record, settings, scenario, doctrine, narration, variant, argv, prompt, name
    name: str
    payload: Payload  # bytes; "fifo", "zero", "dangling", "folder"; a change to a good save; argv; typed lines
    expected: str

    @property
    def id(self) -> str:
        return f"{self.target}-{self.name}"


SPECIAL = ("fifo", "zero", "dangling", "folder")
FILE_TARGETS = ("save", "record", "settings", "scenario", "doctrine", "narration")


def _file_kinds(target: str) -> list[tuple[str, Payload, str]]:
    """Bad files of every kind, as they would fail at ``target``."""
    toml = target in ("scenario", "doctrine", "narration")
    syntax = "TOML syntax error" if toml else "not valid JSON"
    parsed = "not valid TOML" if toml else "not valid JSON"
    cap = {"save": 20_000_000, "record": 20_000_000, "settings": 64_000}.get(target, 2_000_000)
    missing = "no such file"
    kinds = [
        ("fifo", "fifo", "is not a regular file"),
        ("symlink-to-dev-zero", "zero", "is not a regular file"),
        ("dangling-symlink", "dangling", missing),
        ("folder", "folder", "is a folder, not a file"),
        ("empty", b"", "file is empty"),
        ("blank", b" \n\t\n", "file is empty"),
        ("not-utf8", b"\xff\xfe\x00{", "not UTF-8 text"),
        ("nul-bytes", b"\x00\x00\x00", syntax),
        ("deep-arrays", (b"x = " if toml else b"") + b"[" * 20_000 + b"]" * 20_000, "data nested too deeply"),
        ("too-large", b" " * (cap + 1), "file is larger than"),
        (
            "4301-digits",
            (b"x = " if toml else b"[") + b"7" * 4301 + (b"" if toml else b"]"),
            f"{parsed} (a number of more than 4300 digits",
        ),
        (
            "50000-digits",
            (b"x = " if toml else b"[") + b"7" * 50_000 + (b"" if toml else b"]"),
            f"{parsed} (a number of more than 4300 digits",
        ),
    ]
    if toml:
        kinds += [
            ("deep-tables", b"x = " + b"{ a = " * 10_000 + b"1" + b" }" * 10_000, "data nested too deeply"),
            ("inf", b"x = { y = inf }", "x.y: must be a finite number"),
            ("nan", b"x = [1, nan]", "x[1]: must be a finite number"),
            ("minus-inf", b"x = -inf", "x: must be a finite number"),
            ("1e999", b"x = 1e999", "x: must be a finite number"),
            ("truncated", b'id = "october1962"\n[start\n', syntax),
            ("binary", bytes(range(256)) * 4, "not UTF-8 text"),
        ]
    else:
        top = {
            "save": "format: not a Brinkmanship save",
            "record": "not a saved game or a game record",
            "settings": "not a table of settings",
        }[target]
        kinds += [
            ("deep-objects", b'{"a":' * 10_000 + b"1" + b"}" * 10_000, "data nested too deeply"),
            ("NaN", b'{"a": NaN}', "a: must be a finite number"),
            ("Infinity", b'{"a": [Infinity]}', "a[0]: must be a finite number"),
            ("minus-Infinity", b'{"b": {"c": -Infinity}}', "b.c: must be a finite number"),
            ("1e999", b'{"a": 1e999}', "a: must be a finite number"),
            ("truncated", b'{"format": "brinkmanship-save", "version": 1, "rec', syntax),
            ("a-list", b"[1, 2]", top),
            ("a-number", b"42", top),
            ("a-string", b'"save"', top),
            ("null", b"null", top),
        ]
    return kinds


def with_(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of a save with the value at ``a.b[2].c`` replaced (or removed, for value ``...``)."""
    data = json.loads(json.dumps(data))
    keys = [int(k) if k.isdigit() else k for k in path.replace("[", ".").replace("]", "").split(".")]
    node = data
    for k in keys[:-1]:
        node = node[k]
    if value is ...:
        del node[keys[-1]]
    else:
        node[keys[-1]] = value
    return data


def _at(path: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    """A change to a good save: the value at ``a.b[2].c`` replaced (``...`` removes it)."""

    def change(data: dict[str, Any]) -> Any:
        return with_(data, path, value)

    return change


def _record_changes(prefix: str) -> list[tuple[str, Payload, str]]:
    """Bad fields of a game record (at ``prefix`` in a save: ``record.``)."""
    p = prefix
    return [
        (f"record-{name}" if p else name, change, expected)
        for name, change, expected in [
            ("seed-string", _at(f"{p}seed", "42"), f"{p}seed: input should be a valid integer"),
            ("seed-float", _at(f"{p}seed", 42.0), f"{p}seed: input should be a valid integer"),
            ("seed-bool", _at(f"{p}seed", True), f"{p}seed: input should be a valid integer"),
            ("seed-negative", _at(f"{p}seed", -5), f"{p}seed: input should be greater than or equal to 0"),
            ("seed-2-to-the-63", _at(f"{p}seed", 2**63), f"{p}seed: input should be less than or equal to"),
            ("seed-10-to-the-40", _at(f"{p}seed", 10**40), f"{p}seed: input should be less than or equal to"),
            ("seed-missing", _at(f"{p}seed", ...), f"{p}seed: is required"),
            ("version-0", _at(f"{p}version", 0), f"{p}version: input should be greater than or equal to 1"),
            ("version-99", _at(f"{p}version", 99), f"{p}version: input should be less than or equal to 1"),
            ("version-minus-7", _at(f"{p}version", -7), f"{p}version: input should be greater than or equal to 1"),
            ("friction-unknown", _at(f"{p}friction", "chaotic"), f"{p}friction: input should be"),
            (
                "orders-a-list",
                _at(f"{p}turns[0].orders", []),
                f"{p}turns[0].orders: input should be a valid dictionary",
            ),
            ("orders-a-string", _at(f"{p}turns[0].orders", "u2"), f"{p}turns[0].orders: input should be a valid dict"),
            (
                "orders-of-a-side-a-string",
                _at(f"{p}turns[0].orders.us", "u2"),
                f"{p}turns[0].orders.us: input should be a valid list",
            ),
            ("orders-unknown-side", _at(f"{p}turns[0].orders.nato", []), f"{p}turns[0].orders.nato: input should be"),
            (
                "orders-too-many",
                _at(f"{p}turns[0].orders.us", [{"kind": "u2"}] * 41),
                f"{p}turns[0].orders: more than 40 orders for a side",
            ),
            (
                "order-kind-number",
                _at(f"{p}turns[0].orders.us[0].kind", 7),
                f"{p}turns[0].orders.us[0].kind: input should be a valid string",
            ),
            (
                "order-deadline-huge",
                _at(f"{p}turns[0].orders.us[0].deadline", 10**30),
                f"{p}turns[0].orders.us[0].deadline: input should be less than or equal to 10",
            ),
            (
                "order-unknown",
                _at(f"{p}turns[1].orders.us[0].kind", "launch_everything"),
                f"{p}turns: turn 2: the recorded orders are not legal",
            ),
            ("draw-tampered", _at(f"{p}turns[1].draws[0]", 0.123456), f"{p}turns: turn 2: the chance draws differ"),
            (
                "draw-string",
                _at(f"{p}turns[1].draws[0]", "nan"),
                f"{p}turns[1].draws[0]: input should be a valid number",
            ),
            ("turns-a-dict", _at(f"{p}turns", {}), f"{p}turns: input should be a valid list"),
            (
                "turns-501",
                _at(f"{p}turns", [{"orders": {}, "draws": []}] * 501),
                f"{p}turns: list should have at most 500 items",
            ),
            ("scenario-id-path", _at(f"{p}scenario.id", "../../etc/passwd"), f"{p}scenario.id: string should match"),
            ("scenario-id-absolute", _at(f"{p}scenario.id", "/etc/passwd"), f"{p}scenario.id: string should match"),
            ("scenario-id-toml", _at(f"{p}scenario.id", "october1962.toml"), f"{p}scenario.id: string should match"),
            (
                "scenario-id-unknown",
                _at(f"{p}scenario.id", "october1963"),
                f"{p}scenario.id: scenario 'october1963' cannot be loaded",
            ),
            (
                "scenario-hash",
                _at(f"{p}scenario.hash", "0" * 64),
                f"{p}scenario.hash: the scenario 'october1962' has changed",
            ),
            ("meta-timer-string", _at(f"{p}meta.timer", "120"), f"{p}meta.timer: input should be a valid integer"),
            ("meta-timer-huge", _at(f"{p}meta.timer", 10**6), f"{p}meta.timer: input should be less than or equal"),
            ("meta-timer-negative", _at(f"{p}meta.timer", -1), f"{p}meta.timer: input should be greater than"),
            ("meta-humans-twice", _at(f"{p}meta.humans", ["us", "us"]), f"{p}meta.humans: a side is named twice"),
            ("meta-humans-empty", _at(f"{p}meta.humans", []), f"{p}meta.humans: list should have at least 1 item"),
            ("meta-humans-nato", _at(f"{p}meta.humans", ["nato"]), f"{p}meta.humans[0]: input should be"),
            ("meta-opponent", _at(f"{p}meta.opponent", "god"), f"{p}meta.opponent: input should be"),
            ("meta-extra", _at(f"{p}meta.cheat", True), f"{p}meta.cheat: unknown key"),
            ("meta-a-list", _at(f"{p}meta", []), f"{p}meta: input should be a valid dictionary"),
        ]
    ]


def _save_changes() -> list[tuple[str, Payload, str]]:
    return [
        ("version-0", _at("version", 0), "version: 0 is not a version of the save format"),
        ("version-minus-7", _at("version", -7), "version: -7 is not a version of the save format"),
        ("version-99", _at("version", 99), "version: saved by a newer version of the game (99"),
        ("version-string", _at("version", "1"), "version: must be a whole number"),
        ("version-float", _at("version", 1.0), "version: must be a whole number"),
        ("format-other", _at("format", "something-else"), "format: not a Brinkmanship save"),
        ("slot-nul", _at("slot", "a\x00b"), "slot: has control characters"),
        ("slot-newline", _at("slot", "a\nb"), "slot: has control characters"),
        ("slot-long", _at("slot", "x" * 1000), "slot: string should have at most"),
        ("slot-number", _at("slot", 7), "slot: input should be a valid string"),
        ("label-nul", _at("summary.label", "Tuesday\x00"), "summary.label: has control characters"),
        ("sides-escape", _at("summary.sides", "\x1b[2J"), "summary.sides: has control characters"),
        ("summary-missing", _at("summary", ...), "summary: is required"),
        ("summary-turn-string", _at("summary.turn", "3"), "summary.turn: input should be a valid integer"),
        ("summary-over-string", _at("summary.over", "no"), "summary.over: input should be a valid boolean"),
        ("saved-at-words", _at("saved_at", "yesterday"), "saved_at: string should match"),
        ("unknown-key", _at("cheat", True), "cheat: unknown key"),
        ("record-missing", _at("record", ...), "record: is required"),
        ("record-a-list", _at("record", []), "record: input should be a valid dictionary"),
        *_record_changes("record."),
    ]


def _settings_values() -> list[tuple[str, Payload, str]]:
    def settings(**values: Any) -> bytes:
        return json.dumps(values).encode()

    return [
        ("volume-string", settings(volume="loud"), "volume: not a value the game knows"),
        ("volume-5", settings(volume=5), "volume: not a value the game knows"),
        ("volume-minus", settings(volume=-0.5), "volume: not a value the game knows"),
        ("volume-bool", settings(volume=True), "volume: not a value the game knows"),
        ("text-size-number", settings(text_size=3), "text_size: not a value the game knows"),
        ("palette-null", settings(palette=None), "palette: not a value the game knows"),
        ("animation-list", settings(animation=["full"]), "animation: not a value the game knows"),
        ("fullscreen-string", settings(fullscreen="yes"), "fullscreen: not a value the game knows"),
        ("muted-number", settings(muted=1), "muted: not a value the game knows"),
    ]


VARIANT_HEAD = 'base = "october1962"\nid = "variant"\n'


def _variants() -> list[tuple[str, Payload, str]]:
    """Scenario shapes the merge of a variant over its base must refuse with a line, not a traceback."""

    def v(text: str) -> bytes:
        return (VARIANT_HEAD + text).encode()

    return [
        ("remove-ids-numbers", v("remove = { event = [1, 2] }"), "remove.event[0]: must be an id (a string)"),
        ("remove-ids-tables", v("remove = { event = [{ a = 1 }] }"), "remove.event[0]: must be an id (a string)"),
        ("remove-ids-lists", v("remove = { order = [[1]] }"), "remove.order[0]: must be an id (a string)"),
        ("remove-a-string", v('remove = { event = "x" }'), "remove.event: must be one of"),
        ("remove-unknown-section", v("remove = { rung = [] }"), "remove.rung: must be one of"),
        ("remove-not-a-table", v("remove = 3"), "remove: must be a table of id lists"),
        ("remove-unknown-id", v('remove = { event = ["nothing_of_that_name"] }'), "remove.event: no event"),
        ("base-number", b'base = 7\nid = "variant"\n', "base: must name another scenario"),
        ("base-path", b'base = "../october1962"\nid = "variant"\n', "base: must name another scenario"),
        ("base-missing", b'base = "nothing_here"\nid = "variant"\n', "base: scenario 'nothing_here' cannot be read"),
        ("event-a-number", v("event = 5\nremove = { event = [] }"), "remove.event: the base's event is not a list"),
        ("event-id-a-number", v("[[event]]\nid = 7\n"), ".id: input should be a valid string"),
        ("last-date-number", v("last_date = 5"), "last_date: '5' is not a real date"),
        ("last-date-words", v('last_date = "soon"'), "last_date: 'soon' is not a real date"),
        (
            "condition-inf",
            v('[[event]]\nid = "x"\ndate = "1962-10-20"\nwhen = { meter_min = { "us.hawks" = inf } }\n'),
            "event[0].when.meter_min.us.hawks: must be a finite number",
        ),
        ("doctrines-numbers", v("doctrines = [1, 2]"), "doctrines[0]: input should be a valid string"),
    ]


def _argv() -> list[tuple[str, Payload, str]]:
    bad = "must be a whole number from"
    return [
        ("seed-negative", ["play", "--text", "--seed", "-5"], bad),
        ("seed-2-to-the-63", ["play", "--text", "--seed", str(2**63)], bad),
        ("seed-superscript", ["play", "--text", "--seed", "²"], bad),
        ("seed-arabic-digits", ["play", "--text", "--seed", "٣٤"], bad),
        ("seed-underscores", ["play", "--text", "--seed", "1_000"], bad),
        ("seed-5000-digits", ["play", "--text", "--seed", "9" * 5000], bad),
        ("timer-negative", ["play", "--timer", "-1"], bad),
        ("timer-a-day", ["play", "--timer", "86400"], bad),
        ("games-negative", ["simulate", "--games", "-5"], bad),
        ("games-zero", ["simulate", "--games", "0"], bad),
        ("workers-zero", ["simulate", "--workers", "0"], bad),
        ("soak-games-negative", ["soak", "--games", "-3"], bad),
        ("soak-events-negative", ["soak", "--events", "-1"], bad),
        ("soak-kills-negative", ["soak", "--kills", "-1"], bad),
        ("soak-seconds-inf", ["soak", "--seconds", "inf"], "must be a number of seconds"),
        ("bench-seconds-nan", ["bench", "--seconds", "nan"], "must be a number of seconds"),
        ("bench-seconds-zero", ["bench", "--seconds", "0"], "must be a number of seconds"),
        ("bench-seconds-huge", ["bench", "--seconds", "1e400"], "must be a number of seconds"),
    ]


def _prompts() -> list[tuple[str, Payload, str]]:
    unknown = "Unknown command"
    return [
        ("superscript-two", ["²"], unknown),
        ("arabic-three", ["٣"], unknown),
        ("fullwidth-one", ["１"], unknown),
        ("5000-digits", ["9" * 5000], unknown),
        ("remove-superscript", ["r ²"], unknown),
        ("help-superscript", ["h ²"], unknown),
        ("help-huge", ["h " + "9" * 19], "No such order"),
        ("order-huge", ["9" * 19], "No such order"),
        ("remove-arabic", ["r ٣"], unknown),
        ("minus-one", ["-1"], unknown),
        ("nul", ["\x00"], unknown),
    ]


def _names() -> list[tuple[str, Payload, str]]:
    return [
        ("autosave", "autosave", "is the name of the automatic save"),
        ("autosave-capitals", "AutoSave", "is the name of the automatic save"),
        ("autosave-backup", "autosave.bak", "is the name of the automatic save"),
        ("empty", "   ", "A save needs a name"),
        ("nul", "a\x00b", "cannot hold control characters"),
        ("escape", "\x1b[2J", "cannot hold control characters"),
        ("too-long", "x" * 61, "at most 60 characters"),
    ]


def corpus() -> list[Case]:
    """Every hostile input, in a fixed order."""
    cases = [Case(t, name, payload, expected) for t in FILE_TARGETS for name, payload, expected in _file_kinds(t)]
    groups: dict[str, list[tuple[str, Payload, str]]] = {
        "save": _save_changes(),
        "record": _record_changes(""),
        "settings": _settings_values(),
        "variant": _variants(),
        "argv": _argv(),
        "prompt": _prompts(),
        "name": _names(),
    }
    for target, items in groups.items():
        cases += [Case(target, name, payload, expected) for name, payload, expected in items]
    return cases


if __name__ == "__main__":
    found = corpus()
    for target, n in Counter(c.target for c in found).items():
        print(f"{target:<10} {n}")
    print(f"{'total':<10} {len(found)}")
