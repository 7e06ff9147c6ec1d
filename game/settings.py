"""The player's preferences, kept apart from saves in the user's configuration folder.

A settings file that cannot be read (missing, corrupt, from another version)
gives the defaults, and is left alone until the player changes a setting.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.files import config_dir, write_json

TEXT_SIZES = ("small", "medium", "large", "extra large")
PALETTE_NAMES = ("standard", "colour-blind safe")
ANIMATIONS = ("full", "reduced", "off")


@dataclass
class Settings:
    volume: float = 0.7
    muted: bool = False
    text_size: str = "medium"
    palette: str = "standard"
    animation: str = "full"
    fullscreen: bool = False

    @staticmethod
    def path() -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults for anything missing or wrong."""
        settings = cls()
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return settings
        if not isinstance(data, dict):
            return settings
        for f in fields(cls):
            value = data.get(f.name)
            default = getattr(settings, f.name)
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, float):
                ok = isinstance(value, int | float) and not isinstance(value, bool) and 0.0 <= value <= 1.0
            else:
                ok = value in {"text_size": TEXT_SIZES, "palette": PALETTE_NAMES, "animation": ANIMATIONS}[f.name]
            if ok:
                setattr(settings, f.name, float(value) if isinstance(default, float) else value)
        return settings

    def save(self) -> None:
        write_json(self.path(), asdict(self))
