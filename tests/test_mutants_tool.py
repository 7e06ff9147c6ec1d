"""``tools/mutants.py`` (run by hand, not here: it takes minutes) still names functions the engine has, so a
rename cannot leave it measuring nothing."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_tool():
    spec = importlib.util.spec_from_file_location("mutants_tool", ROOT / "tools" / "mutants.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_function_the_families_name_is_in_its_module():
    tool = load_tool()
    for family, stem, functions in tool.FAMILIES:
        tree = ast.parse((ROOT / "game" / "engine" / f"{stem}.py").read_text(encoding="utf-8"))
        defined = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert set(functions) <= defined, (family, set(functions) - defined)


def test_mutmut_names_map_back_to_the_functions_and_the_sample_is_a_spread():
    tool = load_tool()
    assert tool._function("game.engine.friction.x_draw_incidents__mutmut_12") == "draw_incidents"
    assert tool._function("game.engine.handlers.x__subs__mutmut_3") == "_subs"
    assert tool._function("game.engine.dice.xǁDiceǁpick__mutmut_7") == "pick"
    assert "game.engine.dice.xǁ*ǁpick__mutmut_*[05]" in tool.patterns(5)
    assert [tool._verdict(code) for code in (1, 0, 33, 36)] == ["killed", "survived", "untested", "killed"]
