"""Matching a budget-line text to level-4 entries.

The text and every entry name are cleaned and canonicalised the same way (:mod:`catalogue.text`)
and cut into overlapping character pairs (bigrams), each weighted by how rare it is among the
entries (inverse document frequency). Two coverages are measured:

* **text coverage** — how much of the text the entry explains: each bigram of the text found in
  the entry's level-4 name counts fully, in its level-3 name 0.7, in its level-2 name 0.5; a
  bigram unknown to the whole catalogue that only joins two explained words is not counted;
* **entry coverage** — how much of the level-4 name the text asks for; of an enumeration
  (大气、水、土壤…) the items the text does not name are not counted.

The score is ``100 × text_coverage^0.6 × entry_coverage^0.4``. See ``docs/matching.md``.

    >>> from catalogue import load
    >>> best = load().match("空气质量监测", department="孝义市生态环境局")[0]
    >>> best.code, best.name
    ('A170303', '环境空气质量监测服务')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .exceptions import InvalidText
from .results import Candidate, Evidence
from .text import _HAN, _PUNCT, _noise_patterns, canon, clean, nfkc, noise

if TYPE_CHECKING:
    from .model import Catalogue, Entry

__all__ = ["MAX_TEXT_LENGTH", "Matcher", "Prepared"]

#: texts are cut to this many characters before matching
MAX_TEXT_LENGTH = 500
LEVEL_WEIGHT = {4: 1.0, 3: 0.7, 2: 0.5}
GENERIC = frozenset({"服务"})
#: weight of an unexplained bigram of a light word (活动, 组织, 前期 …)
LIGHT_WEIGHT = 0.25
TC_EXP = 0.5
#: factors when the text's service type (宣传, 监测 …) agrees / conflicts with the entry's
TYPE_AGREE = 1.1
TYPE_CONFLICT = 0.8
EC_EXP = 0.5
_ENUM_SPLIT = re.compile(r"[、,，]")


def bigrams(text: str) -> list[str]:
    if len(text) == 1:
        return [text]
    return [text[i : i + 2] for i in range(len(text) - 1)]


def _canonical_name(name: str) -> str:
    """An entry name cleaned and canonicalised exactly as texts are (enumeration marks kept)."""
    text, _ = canon().rewrite(nfkc(name))
    _, boiler, _ = _noise_patterns()
    return boiler.sub("", text)


@dataclass(frozen=True)
class _Indexed:
    entry: Entry
    level_bigrams: dict[int, frozenset[str]]  # level -> bigrams of that level's name
    parts: tuple[tuple[str, ...], ...]  # level-4 name: bigrams of each enumeration part
    canonical: dict[int, str]
    weighted_parts: tuple[tuple[tuple[str, float], ...], ...] = ()
    types: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Prepared:
    """A text made ready for matching."""

    original: str
    cleaned: str  # noise removed, before synonyms
    canonical: str  # synonyms rewritten
    rewrites: tuple[tuple[str, str], ...]
    removed: tuple[str, ...]
    agency: str | None
    grams: tuple[str, ...]
    weights: tuple[float, ...] = ()  # idf of each bigram
    light: tuple[bool, ...] = ()  # whether each bigram belongs to a light word
    types: frozenset[str] = frozenset()


class Matcher:
    """The index of a catalogue's level-4 entries. Built once per catalogue, on first use."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._items: list[_Indexed] = []
        df: dict[str, int] = {}
        for entry in catalogue.entries(level=4):
            chain = {e.level: e for e in (entry, *entry.ancestors)}
            canonical = {lv: _canonical_name(chain[lv].name) for lv in (4, 3, 2)}
            level_bigrams = {}
            for lv, name in canonical.items():
                grams: set[str] = set()
                for part in _ENUM_SPLIT.split(
                    _PUNCT.sub(lambda m: "、" if m.group(0) in "、,，" else "", name)
                ):
                    grams.update(bigrams(part))
                level_bigrams[lv] = frozenset(grams - GENERIC) if lv != 4 else frozenset(grams)
            parts = tuple(
                tuple(bigrams(p))
                for p in _ENUM_SPLIT.split(_strip_punct_keep_enum(canonical[4]))
                if p
            )
            item = _Indexed(entry, level_bigrams, parts, canonical)
            self._items.append(item)
            for g in level_bigrams[4] | level_bigrams[3]:
                df[g] = df.get(g, 0) + 1
        n = len(self._items)
        self._idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        self._idf_unknown = math.log(n + 1) + 1.0
        for g in GENERIC:
            self._idf[g] = 0.2
        self._known = frozenset(df)
        self._light = frozenset(
            g for word in noise().get("light_words", ()) for g in bigrams(nfkc(word))
        )
        self._types = tuple(sorted(noise().get("service_types", ()), key=len, reverse=True))
        self._items = [
            replace(
                item,
                weighted_parts=tuple(tuple((g, self.idf(g)) for g in part) for part in item.parts),
                types=self.types_in(item.canonical[4] + " " + item.canonical[3]),
            )
            for item in self._items
        ]
        self._by_department: dict[str, list[_Indexed]] = {}
        #: level-4 bigram -> positions of the entries whose name has it
        self._postings: dict[str, list[int]] = {}
        for pos, item in enumerate(self._items):
            self._by_department.setdefault(item.entry.department, []).append(item)
            for g in item.level_bigrams[4] - GENERIC:
                self._postings.setdefault(g, []).append(pos)

    # -- text ------------------------------------------------------------------------------
    def prepare(self, text: str) -> Prepared:
        """Clean and canonicalise ``text``; raise :class:`InvalidText` for junk."""
        if not isinstance(text, str):
            raise InvalidText(f"预算项目文本应为字符串，得到 {type(text).__name__}")
        if not text.strip():
            raise InvalidText("预算项目文本为空")
        cleaned = clean(text[:MAX_TEXT_LENGTH], self.catalogue.get_department)
        body = cleaned.text
        canonical, rewrites = canon().rewrite(body)
        canonical = _PUNCT.sub("", canonical)
        if not _HAN.search(canonical) and not _HAN.search(nfkc(text)):
            raise InvalidText(f"预算项目文本没有可匹配的中文内容：“{_short(text)}”")
        grams = tuple(bigrams(canonical)) if canonical else ()
        return Prepared(
            original=text,
            cleaned=body,
            canonical=canonical,
            rewrites=rewrites,
            removed=cleaned.removed,
            agency=cleaned.agency,
            grams=grams,
            weights=tuple(map(self.idf, grams)),
            light=tuple(map(self._light.__contains__, grams)),
            types=self.types_in(canonical),
        )

    def types_in(self, text: str) -> frozenset[str]:
        """The service types (宣传, 监测, 规划 …) a canonical text names."""
        return frozenset(t for t in self._types if t in text)

    # -- scoring ---------------------------------------------------------------------------
    def idf(self, gram: str) -> float:
        return self._idf.get(gram, self._idf_unknown)

    def score(self, prepared: Prepared, item: _Indexed) -> tuple[float, float, float]:
        """(score 0–100, text coverage, entry coverage)."""
        grams = prepared.grams
        if not grams:
            return 0.0, 0.0, 0.0
        l4, l3, l2 = item.level_bigrams[4], item.level_bigrams[3], item.level_bigrams[2]
        cover = [1.0 if g in l4 else 0.7 if g in l3 else 0.5 if g in l2 else 0.0 for g in grams]
        total = got = 0.0
        last = len(grams) - 1
        for i, w in enumerate(prepared.weights):
            c = cover[i]
            if c == 0.0:
                # a join between two explained words (坡泥 in 滑坡泥石流) says nothing
                if 0 < i < last and cover[i - 1] > 0 and cover[i + 1] > 0:
                    continue
                if prepared.light[i]:
                    w *= LIGHT_WEIGHT
            total += w
            got += w * c
        tc = got / total if total else 0.0
        present = set(grams)
        den = num = 0.0
        parts = item.weighted_parts
        optional_until = len(parts) - 1 if len(parts) > 1 else 0
        for k, part in enumerate(parts):
            hit = [g in present for g, _ in part]
            pw = pc = 0.0
            end = len(part) - 1
            for i, (_, w) in enumerate(part):
                if not hit[i] and 0 < i < end and hit[i - 1] and hit[i + 1]:
                    continue  # a join between two words the text names (期规 in 中长期规划)
                pw += w
                if hit[i]:
                    pc += w
            if k < optional_until and pc == 0:
                continue
            den += pw
            num += pc
        ec = num / den if den else 0.0
        if tc <= 0 or ec <= 0:
            return 0.0, tc, ec
        score = 100.0 * (tc**TC_EXP) * (ec**EC_EXP)
        if prepared.types and item.types:
            score *= TYPE_AGREE if prepared.types & item.types else TYPE_CONFLICT
        return min(score, 100.0), tc, ec

    def rank(
        self, prepared: Prepared, department: str | None = None
    ) -> list[tuple[float, float, float, _Indexed]]:
        """Every entry with a score above zero, best first (ties in catalogue order).

        Only entries whose level-4 name shares a bigram with the text can score above zero.
        """
        positions: set[int] = set()
        for g in set(prepared.grams):
            positions.update(self._postings.get(g, ()))
        out = []
        for pos in sorted(positions):
            item = self._items[pos]
            if department is not None and item.entry.department != department:
                continue
            s, tc, ec = self.score(prepared, item)
            if s > 0:
                out.append((round(s, 1), tc, ec, item))
        out.sort(key=lambda r: -r[0])  # stable: ties stay in catalogue order
        return out

    def candidate(
        self, prepared: Prepared, ranked: tuple[float, float, float, _Indexed]
    ) -> Candidate:
        score, tc, ec, item = ranked
        entry = item.entry
        evidence = self._evidence(prepared, item)
        terms = "、".join(
            f"“{e.term}”"
            + (f"（{e.via}）" if e.via else "")
            + ("" if e.level == 4 else f"见于{e.level}级“{e.name}”")
            for e in evidence
        )
        why = (
            f"文本中的{terms}与条目相符；" if terms else "文本与条目名称少有共同之处；"
        ) + f"覆盖文本 {tc:.0%}，覆盖条目名称 {ec:.0%}"
        return Candidate(
            department=entry.department,
            code=entry.code,
            name=entry.name,
            path=list(entry.path),
            score=score,
            why=why,
            evidence=evidence,
            restrictions=entry.restrictions,
        )

    def _evidence(self, prepared: Prepared, item: _Indexed) -> list[Evidence]:
        """Maximal runs of the canonical text found in one level's name."""
        text = prepared.canonical
        n = len(text)
        canonical = item.canonical
        names = ((4, canonical[4]), (3, canonical[3]), (2, canonical[2]))
        out: list[Evidence] = []
        chain: dict[int, Entry] | None = None
        i = 0
        while i < n - 1:
            best = None
            pair = text[i : i + 2]
            for lv, name in names:
                if pair not in name:
                    continue
                j = i + 2
                while j < n and text[i : j + 1] in name:
                    j += 1
                if best is None or j - i > best[1] - best[0]:
                    best = (i, j, lv)
            if best is None or text[best[0] : best[1]] in GENERIC:
                i += 1
                continue
            term = text[best[0] : best[1]]
            via = None
            if term not in prepared.cleaned:  # the text said it in other words
                via = next(
                    (f"{v}→{c}" for v, c in prepared.rewrites if c in term or term in c), None
                )
            if chain is None:
                chain = {e.level: e for e in (item.entry, *item.entry.ancestors)}
            out.append(Evidence(term=term, level=best[2], name=chain[best[2]].name, via=via))
            i = best[1]
        return out

    def unexplained(self, prepared: Prepared, candidate: Candidate) -> str:
        """The part of the cleaned text that the candidate's evidence does not cover."""
        rest = prepared.canonical
        for e in candidate.evidence:
            rest = rest.replace(e.term, "、")
        rest = rest.replace("服务", "")
        return "、".join(p for p in rest.split("、") if len(p) >= 2)

    def match(self, text: str, department: str | None = None, limit: int = 5) -> list[Candidate]:
        """Ranked candidates for ``text`` (see :meth:`Catalogue.match`)."""
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"limit must be a positive integer, not {limit!r}")
        dep = None if department is None else self.catalogue.resolve_department(department)
        prepared = self.prepare(text)
        return [self.candidate(prepared, r) for r in self.rank(prepared, dep)[:limit]]


def _strip_punct_keep_enum(text: str) -> str:
    return _PUNCT.sub(lambda m: "、" if any(ch in "、,，" for ch in m.group(0)) else "", text)


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"
