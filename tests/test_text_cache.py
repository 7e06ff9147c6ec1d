"""The text caches keep a font's lines for that font only: a font freed and a new one made (the text size
changed, a map drawn at another scale) may take the old one's id, and must not be handed its lines."""

from __future__ import annotations

import pygame

from game.ui import text


def test_a_new_font_is_never_given_a_freed_fonts_lines():
    pygame.font.init()
    words = "San Cristóbal and Sagua la Grande"
    for _ in range(50):
        big = pygame.font.Font(None, 48)
        text.render(big, words, (255, 255, 255))
        text.wrap(big, words, 200)
        del big  # its id is free for the next font to take
        small = pygame.font.Font(None, 12)
        assert text.render(small, words, (255, 255, 255)).get_size() == small.size(words)
        assert text.wrap(small, words, 200) == [words]
