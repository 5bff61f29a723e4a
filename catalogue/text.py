"""Budget-line text as it is written, made ready for matching.

Two steps, both driven by data files in ``data/``:

* :func:`clean` removes what is not the service: width and punctuation variants, years and
  periods, place and agency prefixes, procurement and budget boilerplate (``noise.json``);
* :class:`Canon` rewrites synonyms and abbreviations to one canonical form (``synonyms.json``),
  the same way for texts and for entry names, and says which rewrites it applied.

    >>> from catalogue.text import clean
    >>> clean("孝义市2024年度环境空气质量监测服务采购项目（第二次）").text
    '环境空气质量监测'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property

from . import resources
from .chars import HAN, PUNCT, nfkc
from .schemas import SynonymsFile

__all__ = ["Canon", "Cleaned", "canon", "clean", "noise_patterns"]

_BRACKETED = re.compile(r"[（(\[【〔]([^（()）\]】〕]*)[)）\]】〕]")
_YEAR_RANGE = re.compile(
    r"(?:19|20)\d{2}\s*(?:年度?)?\s*(?:[-—–~～至到]\s*(?:(?:19|20)?\d{2})\s*(?:年度?)?)?"
)
_MONTHS = re.compile(r"\d{1,2}\s*[-—–~～至到]?\s*\d{0,2}\s*月份?")
_ORDINAL_BRACKET = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+(?:次|期|批|包|标段)|[一二三四五六七八九十\d]+期|包\d+|标段\d+|项目编号.*|编号.*|\d+)$"
)
_DIGITS = re.compile(r"\d+")
_TRAILING_ORDINAL = re.compile(
    r"(?:第[一二三四五六七八九十\d]+(?:次|期|批|包|标段)|[一二三四五六七八九十]期|包\d+|标段\d+)"
)


@cache
def noise_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(leading place name, procurement and budget boilerplate, leading period) of
    ``noise.json``."""
    data = resources.noise()
    names = sorted({*data.provinces, *data.places}, key=len, reverse=True)
    suffixes = sorted(data.place_suffixes, key=len, reverse=True)
    place = re.compile(
        "^(?:(?:"
        + "|".join(map(re.escape, names))
        + ")(?:"
        + "|".join(map(re.escape, suffixes))
        + ")?|全(?:省|市|县|区))"
    )
    words = sorted(data.boilerplate, key=len, reverse=True)
    boiler = re.compile("|".join(map(re.escape, words)))
    periods = sorted(data.periods, key=len, reverse=True)
    period = re.compile("^(?:" + "|".join(map(re.escape, periods)) + ")")
    return place, boiler, period


@dataclass(frozen=True)
class Cleaned:
    """A cleaned text and what was taken out of it."""

    text: str
    removed: tuple[str, ...] = field(default_factory=tuple)
    agency: str | None = None


def clean(text: str, agency_of: Callable[[str], str | None] | None = None) -> Cleaned:
    """Remove noise from a budget-line text.

    ``agency_of`` is an optional callable mapping a leading agency name (孝义市生态环境局) to a
    canonical department; when the text starts with one, it is removed and reported as
    ``agency``.
    """
    place, boiler, period = noise_patterns()
    removed: list[str] = []
    s = nfkc(text)

    def drop_bracket(m: re.Match[str]) -> str:
        inner = PUNCT.sub("", m.group(1))
        inner_clean = _YEAR_RANGE.sub("", inner)
        if not inner_clean or _ORDINAL_BRACKET.match(inner_clean):
            removed.append(m.group(0))
            return " "
        return " " + m.group(1) + " "

    s = _BRACKETED.sub(drop_bracket, s)
    for rx, label in ((_YEAR_RANGE, "年份"), (_MONTHS, "月份")):
        s, n = rx.subn(" ", s)
        if n:
            removed.append(label)
    s = PUNCT.sub("", s)
    agency = None
    # leading place names, agency names and periods, in any order
    changed = True
    while changed and s:
        changed = False
        for prefix in (place, period, _LOCAL_UNIT, _OPENING):
            m = prefix.match(s)
            if m and len(s) > m.end():
                removed.append(m.group(0))
                s = s[m.end() :]
                changed = True
                break
        if changed:
            continue
        if agency_of is not None:
            m = _AGENCY.match(s)
            if m and len(s) > m.end():
                found = agency_of(m.group(0))
                if found is not None:
                    agency = agency or found
                    removed.append(m.group(0))
                    s = s[m.end() :]
                    changed = True
    s2 = boiler.sub("", s)
    s2 = _TRAILING_ORDINAL.sub("", s2)
    s2 = s2[:-1] if s2.endswith("的") and len(s2) > 1 else s2  # 关于…的成交公告
    if s2 != s:
        removed.append("套话")
    s = s2
    # a trailing period word (…服务年度) and leftover digits
    s = _DIGITS.sub("", s) if HAN.search(s) else s
    return Cleaned(text=s, removed=tuple(removed), agency=agency)


_AGENCY = re.compile(r"^[\u4e00-\u9fff]{2,14}?(?:委员会|事务局|管理局|局|厅|委)")
#: a leading town or street office, with its government (下堡镇, 梧桐镇人民政府, 新义街道办事处);
#: not 城镇 or 新型城镇, which are words
_LOCAL_UNIT = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,3}(?<!城)镇|[\u4e00-\u9fff]{2,4}街道(?:办事处)?)(?:人民政府)?"
)
#: how a notice title opens (关于孝义市…的中标公告)
_OPENING = re.compile(r"^关于")


@dataclass(frozen=True)
class Canon:
    """Rewrites synonyms and abbreviations to canonical forms."""

    groups: tuple[tuple[str, str, str], ...]  # (variant, canonical, kind), longest variant first

    @classmethod
    def from_data(cls, data: SynonymsFile) -> Canon:
        pairs = []
        for group in data.groups:
            for variant in group.variants:
                pairs.append((nfkc(variant), group.canonical, group.kind))
        pairs.sort(key=lambda p: (-len(p[0]), p[0]))
        return cls(tuple(pairs))

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        """One alternation of every variant, longest first."""
        return re.compile("|".join(re.escape(v) for v, _, _ in self.groups))

    @cached_property
    def _table(self) -> dict[str, str]:
        """Variant → canonical form (the later of two equal variants wins)."""
        return {v: c for v, c, _ in self.groups}

    def rewrite(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """``text`` with every variant replaced by its canonical form, and the rewrites made."""
        pattern = self._pattern
        if pattern.search(text) is None:
            return text, ()
        table = self._table
        applied: dict[tuple[str, str], None] = {}  # an ordered set

        def sub(m: re.Match[str]) -> str:
            canonical = table[m.group(0)]
            applied[m.group(0), canonical] = None
            return canonical

        return pattern.sub(sub, text), tuple(applied)


@cache
def canon() -> Canon:
    """The canonicaliser of ``data/synonyms.json``."""
    return Canon.from_data(resources.synonyms())
