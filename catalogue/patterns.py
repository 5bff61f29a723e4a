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
from collections.abc import Iterator

__all__ = ["Pattern"]


class Pattern:
    """A regular expression compiled when a text first needs it.

    ``needs``: words one of which every match has, so that a text with none of them cannot
    match and the pattern is not compiled for it. Given, or else read from the pattern when it
    shows them (``_leading_words``); else ``None``, and the pattern is compiled for the first
    text.
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
    r"""Words one of which every match of ``source`` has, when plain to see; ``None`` when
    there are none to see. Of an alternation outside any group, those of every alternative;
    else those of the first element every match has that shows them: a run of plain
    characters, or a group of plain words, that may not be left out (look-arounds, character
    classes and what may be left out are passed over). The first, because a pattern names
    what it is about first (the goods before the verb that buys them: 采购 is in most lines,
    a goods word in few, and a pattern is compiled for a line that has its words).

    >>> _leading_words("(?<![a-z])epc(?![a-z])"), _leading_words("(?:行政)?执法(?:检查|巡查)")
    (('epc',), ('执法',))
    >>> _leading_words("人员派遣|派遣(?:费|经费)"), _leading_words("(?:[a-z]{1,6}员、)*招聘")
    (('人员派遣', '派遣'), ('招聘',))
    >>> _leading_words("(?:人员|[a-z]{1,4}员)(?:临时)?(?:招聘|聘用)(?!会)")
    ('招聘', '聘用')
    >>> _leading_words("[a-z]+\\d") is None
    True
    """
    branches = _alternatives(source)
    if branches is None:
        return None
    if len(branches) > 1:
        words: list[str] = []
        for branch in branches:
            found = _leading_words(branch)
            if found is None:
                return None
            words.extend(found)
        return tuple(dict.fromkeys(words))
    elements = _elements(source)
    if elements is None:
        return None
    run = ""
    for kind, body, quantifier in elements:
        optional = quantifier[:1] in ("?", "*") or quantifier[:2] == "{0"
        if kind == "char" and not optional:
            run += body
            if not quantifier:
                continue  # the run goes on
        if run:
            return (run,)
        if kind == "group" and not optional and body.startswith("(?:"):
            words = body[3:-1].split("|")
            if all(w and not _SPECIAL.intersection(w) for w in words):
                return tuple(words)
    return (run,) if run else None


def _elements(source: str) -> list[tuple[str, str, str]] | None:
    """The elements of a regular expression with no alternation outside a group, in order:
    ``(kind, text, quantifier)``, kind ``char`` (a plain character), ``group``, ``look`` (a
    look-around) or ``other`` (a class, an escape, ``.``, an anchor); ``None`` when it is not
    read so simply."""
    out: list[tuple[str, str, str]] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "(":
            end = _group_end(source[i:])
            if end is None:
                return None
            body = source[i : i + end + 1]
            kind = "look" if body.startswith(("(?=", "(?!", "(?<=", "(?<!")) else "group"
            if kind == "group" and body.startswith("(?") and not body.startswith(("(?:", "(?P<")):
                return None  # inline flags and the like
            i += end + 1
        elif ch == "[":
            j = i + 1
            if source[j : j + 1] == "^":
                j += 1
            if source[j : j + 1] == "]":
                j += 1
            while j < n and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            if j >= n:
                return None
            body, kind, i = source[i : j + 1], "other", j + 1
        elif ch == "\\":
            if i + 1 >= n:
                return None
            size = {"u": 6, "x": 4, "U": 10}.get(source[i + 1], 2)
            body, kind, i = source[i : i + size], "other", i + size
        elif ch in ".^$":
            body, kind, i = ch, "other", i + 1
        elif ch in "?*+{)|":
            return None  # a quantifier of nothing, or what the splitting should have taken
        else:
            body, kind, i = ch, "char", i + 1
        quantifier = ""
        if i < n and source[i] in "?*+{":
            if source[i] == "{":
                close = source.find("}", i)
                if close < 0:
                    return None
                quantifier, i = source[i : close + 1], close + 1
            else:
                quantifier, i = source[i], i + 1
            if i < n and source[i] in "?+":  # lazy or possessive
                quantifier, i = quantifier + source[i], i + 1
        if kind == "look" and quantifier:
            return None
        out.append((kind, body, quantifier))
    return out


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """The characters of ``source`` that shape it — ``(``, ``)`` and ``|`` outside character
    classes and escapes — with where they stand and the depth of groups after them."""
    depth = 0
    escaped = in_class = False
    for i, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[ch]
            yield i, ch, depth


def _alternatives(source: str) -> list[str] | None:
    """``source`` split at the ``|`` outside any group and character class; ``None`` if its
    parentheses do not balance."""
    out = []
    last = depth = 0
    for i, ch, depth in _structure(source):
        if depth < 0:
            return None
        if ch == "|" and depth == 0:
            out.append(source[last:i])
            last = i + 1
    if depth != 0:
        return None
    out.append(source[last:])
    return out


def _group_end(source: str) -> int | None:
    """Where the group that opens ``source`` closes (its ``)``), or ``None``."""
    for i, ch, depth in _structure(source):
        if ch == ")" and depth == 0:
            return i
    return None
