"""The one build step pyproject.toml cannot declare: the wheel carries the game's data.

The data stay in the top-level ``scenarios/`` and ``assets/`` folders of the source tree; a build copies them
into the package as ``game/data/scenarios/`` and ``game/data/assets/``, where ``game/resources.py`` finds them
in an installed wheel. An editable install copies nothing: ``game/resources.py`` reads the folders in place
(in setuptools' strict editable mode the link tree links them, through ``get_output_mapping``).
Everything else (metadata, dependencies, packages) is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA_FOLDERS = ("scenarios", "assets")
NOT_DATA = (".py", ".pyc", ".pyo")  # a script among the data is a tool (tools/), never part of the game


def data_files() -> list[Path]:
    """Every file of the data folders the game may read."""
    out = []
    for folder in DATA_FOLDERS:
        if not (HERE / folder).is_dir():
            raise SystemExit(f"{HERE / folder}: missing; the wheel would have no data")
        for path in sorted((HERE / folder).rglob("*")):
            parts = path.relative_to(HERE).parts
            if path.is_file() and path.suffix not in NOT_DATA and not any(
                    p == "__pycache__" or p.startswith(".") for p in parts):
                out.append(path)
    return out


class build_py_with_data(build_py):
    """``build_py``, and the data folders as ``<build>/game/data/``."""

    def _data_mapping(self) -> dict[str, str]:
        target = Path(self.build_lib) / "game" / "data"
        return {str(target / path.relative_to(HERE)): str(path) for path in data_files()}

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        shutil.rmtree(Path(self.build_lib) / "game" / "data", ignore_errors=True)  # nothing stale in a wheel
        for dest, source in self._data_mapping().items():
            Path(dest).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *self._data_mapping()]

    def get_output_mapping(self) -> dict[str, str]:
        return {**super().get_output_mapping(), **self._data_mapping()}


setup(cmdclass={"build_py": build_py_with_data})
