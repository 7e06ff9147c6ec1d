"""The front ends' rooms stay small, and the rules of play they share are written once (``game.rules_of_play``)."""

from __future__ import annotations

import ast
from pathlib import Path

from game.engine.model import Order
from game.engine.view import player_view
from game.rules_of_play import DANGER_RUNG, danger, line_drawn
from game.session import Session

GAME = Path(__file__).resolve().parent.parent / "game"
FRONT_ENDS = sorted([*(GAME / "ui").rglob("*.py"), *GAME.glob("text*.py"), GAME / "rules_of_play.py"])


def test_no_module_over_400_lines_nor_function_over_60():
    big, long = [], []
    for path in sorted(GAME.rglob("*.py")):
        name = path.relative_to(GAME).as_posix()
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 400:
            big.append(name)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > 60:
                long.append(f"{name}:{node.name}")
    assert not big and not long, (big, long)


def test_the_danger_rule_is_declared_once():
    declared = [p.name for p in FRONT_ENDS if "DANGER_RUNG =" in p.read_text(encoding="utf-8")]
    assert declared == ["rules_of_play.py"]


def test_danger_names_the_brink_and_lets_quiet_orders_pass(scenario):
    view = player_view(Session.new(scenario, 1, "plausible", ("us",)).state, "us")
    why = danger(view, [Order("invade")])
    assert why is not None and why.kind == "rung" and why.rung >= DANGER_RUNG
    assert why.rung_name == scenario.rungs[why.rung].name
    assert danger(view, [Order("excomm")]) is None
    assert danger(view, []) is None


def test_the_quarantine_line_is_on_the_sea_once_proclaimed():
    assert [line_drawn(q) for q in ("none", "proclaimed", "in_force", "lifted")] == [False, True, True, False]
