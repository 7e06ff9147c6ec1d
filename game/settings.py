"""The player's preferences, kept apart from saves in the user's configuration folder.

A settings file that cannot be read (missing, corrupt, a pipe, from another
version) gives the defaults and a notice saying why; it is left alone until
the player changes a setting. A value that is wrong gives its default.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from game.files import FileProblem, config_dir, read_json, write_json

TEXT_SIZES = ("small", "medium", "large", "extra large")
PALETTE_NAMES = ("standard", "colour-blind safe")
ANIMATIONS = ("full", "reduced", "off")
MAX_SETTINGS_BYTES = 64_000
CHOICES = {"text_size": TEXT_SIZES, "palette": PALETTE_NAMES, "animation": ANIMATIONS}


@dataclass
class Settings:
    volume: float = 0.7
    muted: bool = False
    text_size: str = "medium"
    palette: str = "standard"
    animation: str = "full"
    fullscreen: bool = False
    notice: str = field(default="", compare=False, repr=False)  # why the file was not used, if it was not

    @staticmethod
    def path() -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults for anything missing or wrong (``notice`` says what)."""
        settings = cls()
        path = cls.path()
        if not path.exists() and not path.is_symlink():
            return settings
        try:
            data = read_json(path, MAX_SETTINGS_BYTES)
        except FileProblem as exc:
            settings.notice = f"{exc}; the default settings are used."
            return settings
        if not isinstance(data, dict):
            settings.notice = f"{path}: not a table of settings; the default settings are used."
            return settings
        wrong = []
        for f in fields(cls):
            if f.name == "notice" or f.name not in data:
                continue
            value, default = data[f.name], getattr(settings, f.name)
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, float):
                ok = type(value) in (int, float) and 0.0 <= value <= 1.0
            else:
                ok = isinstance(value, str) and value in CHOICES[f.name]
            if ok:
                setattr(settings, f.name, float(value) if isinstance(default, float) else value)
            else:
                wrong.append(f.name)
        if wrong:
            settings.notice = f"{path}: {', '.join(wrong)}: not a value the game knows; the default is used."
        return settings

    def save(self) -> None:
        """Keep the settings (``FileProblem`` if they cannot be written)."""
        write_json(self.path(), {k: v for k, v in asdict(self).items() if k != "notice"})
