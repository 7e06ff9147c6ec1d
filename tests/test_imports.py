"""The engine, the scenario loader and the AI never import pygame (nor does the text mode); no module imports
inside a function, but for the command line's few imports that keep pygame out of the terminal game."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"

# (module, function, module imported): the only imports inside a function. Each loads pygame, which the
# terminal game (play --text, replay, simulate, validate...) never needs; each line says so in a comment.
LAZY = {
    ("game/cli.py", "_run_window", "game.ui.main"),  # the window
    ("game/cli.py", "_draw_chart", "game.ui.export"),  # the debrief's chart, drawn when a debrief is exported
    ("game/cli.py", "cmd_soak", "game.ui.fuzz"),  # random input for the window, after the engine's soak
}


@pytest.mark.parametrize(
    "module",
    [
        "game.engine.resolve",
        "game.scenario.loader",
        "game.ai.doctrine",
        "game.sim",
        "game.textmode",
        "game.history",
        "game.cli",
        "game.kills",
        "game.soak",
    ],
)
def test_module_does_not_import_pygame(module: str) -> None:
    code = f"import sys, {module}; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_check_itself_can_fail() -> None:
    code = "import sys, pygame; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("True")


def test_pygame_is_the_community_edition() -> None:
    import pygame

    assert getattr(pygame, "IS_CE", False)


def function_imports() -> list[tuple[str, str, str, int]]:
    """Every import inside a function in game/: (file, function, module, line)."""
    found = []
    for path in sorted(GAME.rglob("*.py")):
        name = path.relative_to(GAME.parent).as_posix()
        for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Import):
                    found += [(name, func.name, alias.name, node.lineno) for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    found.append((name, func.name, node.module or "", node.lineno))
    return found


def test_no_import_inside_a_function_but_the_listed_ones() -> None:
    found = function_imports()
    stray = [
        f"{f}:{line} {func}() imports {module}" for f, func, module, line in found if (f, func, module) not in LAZY
    ]
    assert not stray, "move these to the top of their module:\n" + "\n".join(stray)
    assert {(f, func, module) for f, func, module, _ in found} == LAZY  # no entry left standing for nothing


def test_each_listed_import_says_why_and_earns_its_place() -> None:
    """Each lazy import carries its reason on its line, and the module it defers does load pygame."""
    for f, _, module, line in function_imports():
        assert "#" in (GAME.parent / f).read_text(encoding="utf-8").splitlines()[line - 1], f"{f}:{line}: why?"
        code = f"import sys, {module}; print('pygame' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip().endswith("True"), f"{module} does not load pygame: import it at the top"
