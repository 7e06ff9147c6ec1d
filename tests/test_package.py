"""The wheel is the game: built from the sdist, installed in a fresh environment, it plays from any folder.

One module-scoped build (about 10 s all told): the source tree is copied aside, an sdist is built from the
copy and a wheel from the unpacked sdist (what ``python -m build`` does), without build isolation so that
nothing is downloaded. The wheel goes into a fresh virtual environment that sees the test environment's
dependencies (pygame-ce, numpy, pydantic, platformdirs) through a ``.pth`` file but not its ``game``; every
command then runs from an empty folder, so nothing can come from the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_FOLDERS = ("scenarios", "assets")
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", "*.py[co]", ".*cache", ".hypothesis"
)


def data_files() -> list[str]:
    """Every file the game reads, as a path relative to the source tree (the build tools excepted)."""
    return sorted(
        str(p.relative_to(ROOT))
        for folder in DATA_FOLDERS
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"
    )


def module_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "game").rglob("*.py"))


def sh(
    *cmd: str | Path, cwd: Path, env: dict[str, str] | None = None, input: str | None = None, timeout: int = 120
) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, input=input, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{cmd}: exit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("package")
    src = work / "src"
    shutil.copytree(ROOT, src, ignore=NOT_COPIED)
    dist = work / "dist"
    hook = f"from setuptools import build_meta; print(build_meta.build_sdist({str(dist)!r}))"
    sdist = dist / sh(sys.executable, "-c", hook, cwd=src).stdout.split()[-1]
    with tarfile.open(sdist) as tar:
        tar.extractall(work / "unpacked", filter="data")
    (unpacked,) = (work / "unpacked").iterdir()
    sh(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        dist,
        unpacked,
        cwd=work,
    )
    (wheel,) = dist.glob("*.whl")
    return {"work": work, "sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="module")
def venv(built) -> dict:
    """A fresh environment with the wheel installed, and the environment and folder to run it from."""
    work = built["work"]
    env_dir = work / "venv"
    sh(sys.executable, "-m", "venv", "--without-pip", env_dir, cwd=work)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    sh(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        built["wheel"],
        cwd=work,
    )
    site = Path(sh(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", BRINKMANSHIP_HOME=str(work / "home"))
    return {"python": python, "site": site, "cwd": elsewhere, "env": env, "bin": python.parent}


def test_the_sdist_carries_the_data_and_the_tools(built):
    with tarfile.open(built["sdist"]) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    wanted = (
        data_files()
        + module_files()
        + ["setup.py", "pyproject.toml", "MANIFEST.in", "README.md", "tools/extract_coastline.py"]
    )
    assert not [name for name in wanted if name not in names]


def test_the_wheel_carries_every_module_and_every_data_file(built):
    with zipfile.ZipFile(built["wheel"]) as whl:
        names = set(whl.namelist())
    assert not [m for m in module_files() if m not in names]
    assert not [f for f in data_files() if f"game/data/{f}" not in names]
    for must in (
        "scenarios/october1962.toml",
        "scenarios/doctrines/kennedy.toml",
        "scenarios/narration/october1962.toml",
        "assets/map/caribbean.json",
        "assets/map/LICENSE.txt",
        "assets/fonts/OFL-Inter.txt",
    ):
        assert f"game/data/{must}" in names
    assert "game/py.typed" in names  # PEP 561: a checker reads the game's own type hints
    assert not [n for n in names if n.endswith(".py") and n.startswith("game/data/")]  # the tools stay out
    assert not [n for n in names if not n.startswith(("game/", "brinkmanship-"))]  # nothing outside the package


def test_the_installed_game_finds_its_data_in_the_wheel(venv):
    done = sh(
        venv["python"], "-c", "from game import resources; print(resources.ROOT)", cwd=venv["cwd"], env=venv["env"]
    )
    assert Path(done.stdout.strip()) == venv["site"] / "game" / "data"


def test_validate_from_another_folder(venv):
    done = sh(venv["bin"] / "brinkmanship", "validate", cwd=venv["cwd"], env=venv["env"])
    count = len(list((ROOT / "scenarios").glob("*.toml")))
    assert done.stdout.strip() == f"{count} scenario file(s) valid."


def test_replay_history_plays_as_the_checkout_does(venv):
    args = ("-m", "game", "replay", "--history", "--transcript")
    installed = sh(venv["python"], *args, cwd=venv["cwd"], env=venv["env"])
    checkout = sh(sys.executable, *args, cwd=ROOT, env={**venv["env"], "PYTHONPATH": str(ROOT)})
    assert installed.stdout.startswith("# october1962: the historical path")
    assert installed.stdout == checkout.stdout


def test_a_few_turns_of_the_text_game(venv):
    done = sh(
        venv["python"],
        "-m",
        "game",
        "play",
        "--text",
        "--seed",
        "7",
        cwd=venv["cwd"],
        env=venv["env"],
        input="e\ne\ne\nq\nyes\n",
    )
    assert "The game stops here" in done.stdout and "Traceback" not in done.stderr


FIRST_FRAME = """
import pygame
from game.ui.app import App
app = App()
assert app.step([])
app.map  # the coastline, read from the wheel
colours = {app.screen.get_at((x, y))[:3] for x in range(0, 1280, 16) for y in range(0, 720, 16)}
assert len(colours) > 3, colours
pygame.image.save(app.screen, "first_frame.png")
print(app.screen.get_size())
"""


def test_the_window_draws_its_first_frame(venv):
    done = sh(venv["python"], "-c", FIRST_FRAME, cwd=venv["cwd"], env=venv["env"])
    assert done.stdout.splitlines()[-1] == "(1280, 720)" and (venv["cwd"] / "first_frame.png").stat().st_size > 1000


def test_a_checkout_reads_its_data_in_place():
    from game import resources

    if resources.PACKAGE == ROOT / "game":  # the suite runs from an editable install or the checkout itself
        assert resources.ROOT == ROOT and resources.SCENARIOS == ROOT / "scenarios"


@pytest.mark.parametrize("mode", ["lenient", "strict"])
def test_an_editable_install_reads_the_data_in_place(built, venv, mode):
    """Both of setuptools' editable modes: a finder onto the source (lenient), a tree of links (strict)."""
    work, src = built["work"], built["work"] / "src"
    env_dir = work / f"editable-{mode}"
    sh(sys.executable, "-m", "venv", "--without-pip", env_dir, cwd=work)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    out = work / f"editable-{mode}-wheel"
    hook = (
        f"from setuptools import build_meta; "  # what pip install -e calls
        f"print(build_meta.build_editable({str(out)!r}, {{'editable_mode': {mode!r}}}))"
    )
    wheel = out / sh(sys.executable, "-c", hook, cwd=src).stdout.split()[-1]
    sh(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel, cwd=work)
    site = Path(sh(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).stdout.strip())
    shutil.copy(venv["site"] / "_test_dependencies.pth", site)
    probe = "from game import resources; print(resources.SCENARIOS.resolve() / 'october1962.toml')"
    done = sh(python, "-c", probe, cwd=venv["cwd"], env=venv["env"])
    assert Path(done.stdout.strip()).resolve() == (src / "scenarios" / "october1962.toml").resolve()
    done = sh(python, "-m", "game", "validate", cwd=venv["cwd"], env=venv["env"])
    assert done.stdout.strip().endswith("scenario file(s) valid.")


def test_validate_with_nothing_to_validate_is_an_error(tmp_path, monkeypatch, capsys):
    from game import cli
    from game.scenario import loader

    monkeypatch.setattr(loader, "SCENARIO_DIR", tmp_path)
    assert cli.main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"{tmp_path}: no scenario file (*.toml) to validate\n"


def test_no_module_finds_data_by_climbing_out_of_the_package():
    """Only game/resources.py knows where the data are."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "game").rglob("*.py")
        if any(s in p.read_text(encoding="utf-8") for s in ("parent.parent", "__file__"))
    ]
    assert not offenders
