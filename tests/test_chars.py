"""Character classes: what a check looks for in a text."""

from __future__ import annotations


def test_han_is_found_in_the_bytes_as_the_character_class_finds_it() -> None:
    from catalogue.chars import HAN, has_han

    every = "".join(chr(c) for c in range(0x3000, 0xA100))  # around U+4E00–U+9FFF
    for c in every:
        assert has_han(c) == (HAN.search(c) is not None), hex(ord(c))
    assert has_han("ab\ud800c") is False  # a lone surrogate is no ideograph, and no error
    assert has_han("2024年") and not has_han("２０２４ａｂｃ")
