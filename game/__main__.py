"""``python -m game``: see ``game.cli``."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep pygame's greeting out of the command line's output

from game.cli import main  # noqa: E402

sys.exit(main())
