"""Department names as users write them, resolved to the 15 canonical names.

Budget tables name the buyer as an agency with a place prefix and an agency suffix
(孝义市生态环境局, 山西省生态环境厅), by an abbreviation (发改委) or by an older name (环保局).
Resolution normalises the text, then looks for the longest tail of it that is a known name::

    >>> from catalogue import load
    >>> load().resolve_department("吕梁市发展和改革委员会")
    '发展和改革委员会'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from .chars import nfkc
from .exceptions import UnknownDepartment

__all__ = ["DepartmentResolver", "normalise_department_text"]

#: agency suffixes accepted after any canonical name or alias
AGENCY_SUFFIXES = ("局", "厅", "委", "委员会", "部", "部门", "办", "分局", "事务局")
_BRACKETS = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")
_TRAILERS = re.compile(r"(本级|机关|机关本级|单位)$")
_SPACE = re.compile(r"[\s\u3000]+")


def normalise_department_text(name: str) -> str:
    """NFKC, no spaces, no bracketed remarks, no trailing 本级/机关."""
    text = nfkc(name, lower=False)
    text = _BRACKETS.sub("", text)
    text = _SPACE.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _TRAILERS.sub("", text)
    return text


class DepartmentResolver:
    """Maps agency names to canonical department names."""

    def __init__(self, aliases: Mapping[str, Iterable[str]]) -> None:
        self.canonical: tuple[str, ...] = tuple(aliases)
        keys: dict[str, str] = {}
        bases: dict[str, str] = {}
        for canonical, names in aliases.items():
            for base in (canonical, *names):
                base = normalise_department_text(base)
                bases.setdefault(base, canonical)
                for form in (base, *(base + s for s in AGENCY_SUFFIXES)):
                    keys.setdefault(form, canonical)
        self._keys = keys
        self._bases = bases
        self._longest = max(map(len, keys))

    def get(self, name: str) -> str | None:
        """The canonical name for ``name``, or ``None``."""
        if not isinstance(name, str):
            return None
        text = normalise_department_text(name)
        if not text:
            return None
        if text in self._keys:
            return self._keys[text]
        # the longest tail that is a known name: 孝义市生态环境局 -> 生态环境局
        for start in range(max(0, len(text) - self._longest), len(text)):
            found = self._keys.get(text[start:])
            if found is not None and len(text) - start >= 2:
                return found
        return None

    def resolve(self, name: object) -> str:
        """The canonical name for ``name``; raise :class:`UnknownDepartment` if there is none."""
        if isinstance(name, str):
            found = self.get(name)
            if found is not None:
                return found
        raise UnknownDepartment(name, self.nearest(name), self.canonical)

    def nearest(self, name: object, limit: int = 3) -> list[str]:
        """Up to ``limit`` canonical names closest to ``name``."""
        if not isinstance(name, str):
            return []
        text = normalise_department_text(name)[:200]
        # compare without the agency suffix: every "…局" would otherwise look close to 财政局
        for suffix in sorted(AGENCY_SUFFIXES, key=len, reverse=True):
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                break
        if not text:
            return []
        out: list[str] = []
        for key, score, _ in process.extract(
            text, list(self._bases), scorer=fuzz.partial_ratio, limit=None
        ):
            canonical = self._bases[key]
            if score >= 50 and canonical not in out:
                out.append(canonical)
            if len(out) == limit:
                break
        return out
