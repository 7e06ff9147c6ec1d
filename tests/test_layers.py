"""One direction of dependence: the kernel below the scenario language, both below the AI, front ends on top.

The graph is read from the source with ``ast``, so an import inside a function or under ``TYPE_CHECKING``
counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRONT_ENDS = ("game.ui", "game.textmode", "game.cli", "game.__main__")

# Who may import what of the game (a layer always imports itself); anything else of the game is refused.
ALLOWED = {
    "game.engine": ("game.engine",),
    "game.scenario": ("game.engine", "game.files", "game.resources"),
    "game.ai": ("game.engine",),
}
KERNEL_THIRD_PARTY = {"numpy"}  # the kernel's only dependency outside the standard library


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((ROOT / "game").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[str]:
    """Every module ``name`` imports, by absolute name (``from game.x import y`` is ``game.x.y`` if a module)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


GRAPH = {name: set(_imports(name, path)) for name, path in MODULES.items()}


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _game_imports(package: str) -> Iterator[tuple[str, str]]:
    for name, deps in GRAPH.items():
        if _inside(name, package):
            yield from ((name, dep) for dep in sorted(deps) if _inside(dep, "game"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(package: str) -> None:
    allowed = (package, *ALLOWED[package])
    bad = [f"{name} imports {dep}" for name, dep in _game_imports(package) if not any(_inside(dep, a) for a in allowed)]
    assert not bad, "\n".join(bad)


def test_the_kernel_needs_nothing_but_the_standard_library_and_numpy() -> None:
    bad = [
        f"{name} imports {dep}"
        for name, deps in GRAPH.items()
        if _inside(name, "game.engine")
        for dep in sorted(deps)
        if dep.split(".")[0] not in sys.stdlib_module_names | KERNEL_THIRD_PARTY | {"game"}
    ]
    assert not bad, "\n".join(bad)


def test_the_ai_and_the_scenario_language_know_no_front_end() -> None:
    bad = [
        f"{name} imports {dep}"
        for package in ("game.ai", "game.scenario", "game.engine")
        for name, dep in _game_imports(package)
        if any(_inside(dep, f) for f in FRONT_ENDS)
    ]
    assert not bad, "\n".join(bad)


def _cycles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(GRAPH.get(v, ())):
            if w not in MODULES:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(MODULES):
        if v not in index:
            visit(v)
    return found


def test_the_graph_reads_imports_inside_functions() -> None:
    """The check itself: the session's prelude is imported at the top, the window inside a CLI function."""
    assert "game.prelude" in GRAPH["game.session"]
    assert "game.ui.main" in GRAPH["game.cli"]


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert _cycles() == []


SCENES = "game.ui.scenes"


def test_no_screen_imports_another_they_are_reached_by_name() -> None:
    """Each screen opens another by name (``app.go("title")``); only the registry, ``game.ui.app``, knows them."""
    bad = [f"{name} imports {dep}" for name, dep in _game_imports(SCENES) if _inside(dep, SCENES) and dep != SCENES]
    assert not bad, "\n".join(bad)


def test_the_registry_imports_every_screen_module() -> None:
    """The check above sees the screens' modules: the registry imports each of them."""
    screens = {name for name in MODULES if _inside(name, SCENES) and name != SCENES}
    assert len(screens) >= 8 and screens <= GRAPH["game.ui.app"]


def test_pygame_is_imported_by_the_window_package_only() -> None:
    """Outside ``game.ui`` nothing imports pygame; the command line reaches the window only inside functions,
    each listed in ``tests/test_imports.py``."""
    bad = [name for name, deps in GRAPH.items() if not _inside(name, "game.ui") and "pygame" in deps]
    assert not bad, bad
    assert "pygame" in GRAPH["game.ui.window"]  # the check sees pygame where it is
    reach = {name for name, dep in _game_imports("game") if _inside(dep, "game.ui") and not _inside(name, "game.ui")}
    assert reach == {"game.cli"}, reach
