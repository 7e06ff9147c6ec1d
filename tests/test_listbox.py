"""A list's headings stay inside the list: a narrow list (1024×640, extra-large text) once cut "SHIPS,
QUARANTINE AND READINESS" at its edge without saying so."""

from __future__ import annotations

import pygame

from game.ui import text
from game.ui.listbox import ListBox
from game.ui.theme import PALETTES, TEXT_SCALES, Fonts


class _Look:
    palette = PALETTES["standard"]
    fonts = Fonts(TEXT_SCALES["extra large"])


def test_a_heading_wider_than_its_list_is_cut_with_an_ellipsis_inside_it():
    pygame.font.init()
    look = _Look()
    heading = "Ships, quarantine and readiness"
    box = ListBox(pygame.Rect(0, 0, 200, 160), "Orders", [(heading, None), ("U-2 reconnaissance", "u2")])
    drawn: list[str] = []
    stop = text.listen(drawn.append)
    try:
        box.draw(pygame.Surface((400, 200)), look, True, False)
    finally:
        stop()
    shown = next(words for words in drawn if words.startswith("SHIPS"))
    bold = look.fonts.get("ui_bold", 13)
    assert shown.endswith("…") and shown != heading.upper()
    assert bold.size(shown)[0] <= box.rect.width - 8
