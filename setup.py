"""The one build step pyproject.toml cannot declare: the wheel carries the game's data.

The data stay in the top-level ``scenarios/`` and ``assets/`` folders of the source tree; a build copies them
into the package as ``game/data/scenarios/`` and ``game/data/assets/``, where ``game/resources.py`` finds them
in an installed wheel. An editable install copies nothing: ``game/resources.py`` reads the folders in place.
Everything else (metadata, dependencies, packages) is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA_FOLDERS = ("scenarios", "assets")
NOT_DATA = shutil.ignore_patterns("__pycache__", "*.py", "*.py[co]", ".*")


class build_py_with_data(build_py):
    """``build_py``, then the data folders copied into ``<build>/game/data/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "game" / "data"
        shutil.rmtree(target, ignore_errors=True)  # a file removed from the tree must leave the next wheel too
        for folder in DATA_FOLDERS:
            source = HERE / folder
            if not source.is_dir():
                raise SystemExit(f"{source}: missing; the wheel would have no data")
            shutil.copytree(source, target / folder, ignore=NOT_DATA, dirs_exist_ok=False)


setup(cmdclass={"build_py": build_py_with_data})
