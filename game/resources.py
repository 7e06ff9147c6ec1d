"""Where the game's data live: the one place that answers, however the game was installed.

The data sit in two top-level folders of the source tree: ``scenarios/`` (the scenario files, with
``doctrines/`` and ``narration/`` beside them) and ``assets/`` (``fonts/`` with their licences, ``map/`` with
the coastline and its licence). The sounds are synthesised at start-up, so there are none to find.

- **A wheel** (``pip install .``, ``pipx install .``, a built wheel): the build copies both folders into the
  package, as ``game/data/scenarios/`` and ``game/data/assets/`` (see ``setup.py``), and they are found
  through ``importlib.resources``.
- **An editable install or a source checkout**: the package has no ``data/`` folder, and the folders are
  read where they are, beside the package, so an edit to a scenario is seen at once.

Everything else asks this module: ``SCENARIOS``, ``FONTS`` and ``MAP_FILE`` are plain paths. The game runs
from a folder on disk (a zipped package is not supported: pygame opens fonts by path).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE = Path(str(files("game")))
"""The ``game`` package's folder."""


def data_root() -> Path:
    """The folder holding ``scenarios/`` and ``assets/``: inside the package once built, else the checkout."""
    built = PACKAGE / "data"
    if built.is_dir():
        return built
    checkout = PACKAGE.parent
    if (checkout / "scenarios").is_dir() and (checkout / "assets").is_dir():
        return checkout
    return built  # missing: the errors name the path where a wheel would have put the data


ROOT = data_root()
SCENARIOS = ROOT / "scenarios"
FONTS = ROOT / "assets" / "fonts"
MAP_FILE = ROOT / "assets" / "map" / "caribbean.json"
