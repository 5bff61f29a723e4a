"""Catalogue codes: normalisation, shape and level.

A code is ``A`` (level 1), ``A`` and two digits (level 2), four digits (level 3) or six digits
(level 4)::

    >>> from catalogue.codes import normalise_code, level_of
    >>> normalise_code(" ａ１５０１０１ ")
    'A150101'
    >>> level_of("A1501")
    3
    >>> parent_code("A150101")
    'A1501'
"""

from __future__ import annotations

from .chars import nfkc
from .exceptions import InvalidCode
from .first_use import on_first_use

__all__ = [
    "CODE_LENGTHS",
    "check_canonical",
    "is_valid_code",
    "level_of",
    "normalise_code",
    "parent_code",
]

#: length of a code at each level
CODE_LENGTHS = {1: 1, 2: 3, 3: 5, 4: 7}
_LEVEL_BY_LENGTH = {v: k for k, v in CODE_LENGTHS.items()}
_SHAPE = on_first_use(r"A(?:\d{2}){0,3}")
_JUNK = on_first_use(r"[\s\-_.·、，,]+")


def normalise_code(code: object) -> str:
    """Return ``code`` in canonical form, or raise :class:`InvalidCode`.

    Full-width characters, spaces, separators and lower case are accepted.

    >>> normalise_code("a15-01-01")
    'A150101'
    >>> normalise_code("B01")
    Traceback (most recent call last):
    ...
    catalogue.exceptions.InvalidCode: 不是目录代码：“B01”（应为 A、A00、A0000 或 A000000）
    """
    if not isinstance(code, str):
        raise InvalidCode(f"目录代码应为字符串，得到 {type(code).__name__}")
    text = _JUNK.sub("", nfkc(code)).upper()
    if not _SHAPE.fullmatch(text):
        shown = code if len(code) <= 40 else code[:40] + "…"
        raise InvalidCode(f"不是目录代码：“{shown}”（应为 A、A00、A0000 或 A000000）")
    return text


def is_valid_code(code: object) -> bool:
    """Whether ``code`` normalises to a well-formed code."""
    try:
        normalise_code(code)
    except InvalidCode:
        return False
    return True


def level_of(code: str) -> int:
    """The level (1–4) of a canonical code."""
    try:
        return _LEVEL_BY_LENGTH[len(code)]
    except KeyError:
        raise InvalidCode(f"不是目录代码：“{code}”") from None


def parent_code(code: str) -> str | None:
    """The code of the parent level, or ``None`` for the level-1 code ``A``."""
    level = level_of(code)
    return None if level == 1 else code[: CODE_LENGTHS[level - 1]]


def check_canonical(code: str) -> str:
    """``code`` if it is a canonical code; raise ``ValueError`` (for pydantic) otherwise."""
    if not _SHAPE.fullmatch(code):
        raise ValueError(f"not a catalogue code: {code!r} (expected A, A00, A0000 or A000000)")
    return code
