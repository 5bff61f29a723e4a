"""Regular expressions compiled when a text first needs them.

``re`` compiles a character class of the 21,000 CJK ideographs by filling a map character by
character (about 1 ms), and an alternation of sixty words about as slowly: the largest patterns
of the exclusion rules and of cleaning cost a process more to compile than a whole check, and a
lookup of one line seldom needs them. A :class:`Pattern` knows words one of which every match
has and is compiled only for a text that has one::

    >>> p = Pattern("(?:设备|仪器)(?:购置|采购)")
    >>> p.needs
    ('设备', '仪器')
    >>> p.may_match("环境空气质量监测"), p.may_match("监测设备购置")
    (False, True)
"""

from __future__ import annotations

import re

__all__ = ["Pattern"]


class Pattern:
    """A regular expression compiled when a text first needs it.

    ``needs``: words one of which every match has, so that a text with none of them cannot
    match and the pattern is not compiled for it. Given, or else read from the pattern: the
    words every match starts with, when it shows them (it starts with a plain word, or with a
    group of plain words that is not optional, and has no alternation outside a group); else
    ``None``, and the pattern is compiled for the first text.
    """

    __slots__ = ("_compiled", "needs", "source")

    def __init__(self, source: str, needs: tuple[str, ...] | None = None) -> None:
        self.source = source
        self.needs = needs if needs is not None else _leading_words(source)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        found = self._compiled
        if found is None:
            found = self._compiled = re.compile(self.source)
        return found

    def may_match(self, text: str) -> bool:
        """False only when no match can be in ``text`` (it has none of ``needs``)."""
        if self._compiled is not None or self.needs is None:
            return True
        return any(w in text for w in self.needs)

    def __repr__(self) -> str:
        return f"Pattern({self.source!r})"


#: the characters that make a regular expression more than a plain word
_SPECIAL = frozenset("\\.^$*+?{}[]()|")


def _leading_words(source: str) -> tuple[str, ...] | None:
    """The words one of which every match of ``source`` starts with, when plain to see."""
    depth = 0
    escaped = in_class = False
    for ch in source:  # an alternation outside any group: a match may start anywhere
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
    if source.startswith("(?:"):
        end = source.find(")")
        words = source[3:end].split("|")
        if end < 0 or any(not w or _SPECIAL.intersection(w) for w in words):
            return None
        if source[end + 1 : end + 2] in ("?", "*") or source[end + 1 : end + 3] == "{0":
            return None  # the group may be left out
        return tuple(words)
    plain = ""
    for ch in source:
        if ch in _SPECIAL:
            break
        plain += ch
    if not plain:
        return None
    rest = source[len(plain) :]
    if rest[:1] in ("?", "*") or rest[:2] == "{0":
        plain = plain[:-1]  # its last character may be left out
    return (plain,) if plain else None
