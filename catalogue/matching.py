"""Matching a budget-line text to level-4 entries.

The text and every entry name are cleaned and canonicalised the same way (:mod:`catalogue.text`)
and cut into overlapping character pairs (bigrams), each weighted by how rare it is among the
entries (inverse document frequency). Two coverages are measured:

* **text coverage** — how much of the text the entry explains: each bigram of the text found in
  the entry's level-4 name counts fully, in its level-3 name 0.7, in its level-2 name 0.5, an
  activity word the entry's kind of service implies (研究 and 编制 of a 规划服务, ``noise.json``
  ``activities``) 0.7. An unexplained bigram is left out when it joins two explained ones, when
  no entry has it and it only touches an explained word (a cut of the tokeniser), or when it
  names the entry's own department (发改, 住建 …); one of a light word counts a quarter;
* **entry coverage** — how much of the level-4 name the text asks for; of an enumeration
  (大气、水、土壤…) the items the text does not name are not counted.

The score is ``100 × √(text_coverage × entry_coverage)``, × 1.1 when the text's kind of service
(宣传, 监测 …) agrees with the entry's, × 0.8 when it conflicts. See ``docs/matching.md``.

    >>> from catalogue import load
    >>> best = load().match("空气质量监测", department="孝义市生态环境局")[0]
    >>> best.code, best.name
    ('A170303', '环境空气质量监测服务')
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import resources
from .chars import has_han, nfkc, strip_punct
from .exceptions import InvalidText
from .limits import check_limit
from .results import Candidate, Evidence
from .text import canon, clean, noise_patterns

if TYPE_CHECKING:
    from .tree import Entry, Tree

__all__ = ["MAX_TEXT_LENGTH", "Matcher", "Prepared", "Ranked"]

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
#: factor for an entry named after its own department's field (统计发展规划…) when the text
#: names another department's field (农业农村…) and not the entry's
FIELD_CONFLICT = 0.6
EC_EXP = 0.5
#: cover of a text word that the entry's kind of service implies (编制 and 研究 of a 规划服务)
IMPLIED = 0.7
#: how many canonical texts the matcher keeps the scoring work of
MEMO_SIZE = 2048
_ENUM_SPLIT = re.compile(r"[、,，]")


def bigrams(text: str) -> list[str]:
    if len(text) == 1:
        return [text]
    return [text[i : i + 2] for i in range(len(text) - 1)]


def _canonical_name(name: str) -> str:
    """An entry name cleaned and canonicalised exactly as texts are (enumeration marks kept)."""
    text, _ = canon().rewrite(nfkc(name))
    _, boiler, _ = noise_patterns()
    return boiler.sub("", text)


@dataclass(frozen=True)
class _Indexed:
    entry: Entry
    level_bigrams: dict[int, frozenset[str]]  # level -> bigrams of that level's name
    parts: tuple[tuple[str, ...], ...]  # level-4 name: bigrams of each enumeration part
    canonical: dict[int, str]
    weighted_parts: tuple[tuple[tuple[str, float], ...], ...] = ()
    types: frozenset[str] = frozenset()
    position: int = 0  # in catalogue order
    generic: bool = False  # whether the level-4 name has a generic bigram (服务)
    own_field: bool = False  # whether the level-4 name names its own department (统计…)


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
    #: service type -> bitmask of the positions of the bigrams of the activity words it implies
    implied: dict[str, int] = field(default_factory=dict)
    #: department -> positions of the bigrams that name that department (发改, 住建 …)
    mentions: dict[str, frozenset[int]] = field(default_factory=dict)
    known: tuple[bool, ...] = ()  # whether each bigram occurs in some entry's name
    #: positions of the bigrams that straddle 服务 (理服 in 整理服务)
    straddle: frozenset[int] = frozenset()
    #: departments whose field the text names by a word only their entries use (农业农村 …)
    fields: frozenset[str] = frozenset()
    #: scoring work shared by the rankings of this text, and of every text with the same
    #: canonical form (filled by the matcher)
    memo: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)


class Matcher:
    """The index of a catalogue's level-4 entries. Built once per catalogue, on first use."""

    def __init__(self, catalogue: Tree) -> None:
        self.catalogue = catalogue
        self._items: list[_Indexed] = []
        df: dict[str, int] = {}
        for entry in catalogue.entries(level=4):
            chain = {e.level: e for e in (entry, *entry.ancestors)}
            canonical = {lv: _canonical_name(chain[lv].name) for lv in (4, 3, 2)}
            level_bigrams = {}
            for lv, name in canonical.items():
                grams: set[str] = set()
                for part in _ENUM_SPLIT.split(strip_punct(name, keep_enumeration=True)):
                    grams.update(bigrams(part))
                level_bigrams[lv] = frozenset(grams - GENERIC) if lv != 4 else frozenset(grams)
            parts = tuple(
                tuple(bigrams(p))
                for p in _ENUM_SPLIT.split(strip_punct(canonical[4], keep_enumeration=True))
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
        noise = resources.noise()
        self._light = frozenset(g for word in noise.light_words for g in bigrams(nfkc(word)))
        self._types = tuple(sorted(noise.service_types, key=len, reverse=True))
        activities = {
            kind: sorted({_canonical_name(w) for w in words}, key=lambda w: (-len(w), w))
            for kind, words in noise.activities.items()
        }
        #: service type -> the activity words it implies, as one pattern (longest first)
        self._activities = tuple(
            (kind, _alternation(words)) for kind, words in sorted(activities.items())
        )
        self._any_activity = _alternation([w for ws in activities.values() for w in ws])
        self._department_words = dict(_department_words(catalogue))
        self._department_rx = _alternation(list(self._department_words))
        #: canonical text -> its scoring work: every quantity the ranking uses is a function of
        #: the canonical text, so texts that differ only in noise (2024年…, …经费) share it
        self._memo: Callable[[str], dict[object, Any]] = lru_cache(maxsize=MEMO_SIZE)(
            lambda canonical: {}
        )
        self._items = [
            replace(
                item,
                weighted_parts=tuple(tuple((g, self.idf(g)) for g in part) for part in item.parts),
                types=self.types_in(item.canonical[4] + " " + item.canonical[3]),
                position=pos,
                generic=bool(item.level_bigrams[4] & GENERIC),
                own_field=any(
                    w in item.canonical[4]
                    for w, dep in self._department_words.items()
                    if dep == item.entry.department
                ),
            )
            for pos, item in enumerate(self._items)
        ]
        #: department words no other department's entry uses, and not so short that they
        #: turn up inside other words (能源 in 新能源汽车) unless they are abbreviations (住建):
        #: naming one names that department's field
        abbreviations = {c for _, c, kind in canon().groups if kind == "abbreviation"}
        self._field_words = tuple(
            w
            for w, dep in self._department_words.items()
            if (len(w) >= 3 or w in abbreviations)
            and not any(
                w in item.canonical[4] for item in self._items if item.entry.department != dep
            )
        )
        #: level-4 bigram -> (position of an entry whose name has it, which bigrams of the
        #: name it is, numbered across the enumeration parts)
        self._name_postings: dict[str, list[tuple[int, int]]] = {}
        self._name_generic: dict[int, int] = {}
        for pos, item in enumerate(self._items):
            bit = 1
            for part in item.parts:
                for g in part:
                    if g in GENERIC:
                        self._name_generic[pos] = self._name_generic.get(pos, 0) | bit
                    else:
                        postings = self._name_postings.setdefault(g, [])
                        if postings and postings[-1][0] == pos:
                            postings[-1] = (pos, postings[-1][1] | bit)
                        else:
                            postings.append((pos, bit))
                    bit <<= 1
        #: (entry position, bigrams of its name a text has) -> entry coverage
        self._entry_coverage: Callable[[int, int], float] = lru_cache(maxsize=1 << 16)(
            self._entry_coverage_of
        )
        #: the attributes the scoring loops read, by entry position (a list index is cheaper
        #: than an attribute chain in the hottest loops)
        self._departments = [item.entry.department for item in self._items]
        self._types_of = [item.types for item in self._items]
        self._has_generic = [item.generic for item in self._items]
        self._own_field = [item.own_field for item in self._items]
        #: the canonical level-4 names, one per line: a term without a line break is in this
        #: text exactly when it is in one of the names
        self._names = "\n".join(item.canonical[4] for item in self._items)
        #: level-3 / level-2 bigram -> the groups of entries sharing a name of that level
        self._postings3: dict[str, list[int]] = {}
        self._postings2: dict[str, list[int]] = {}
        self._group3: list[int] = []
        self._group2: list[int] = []
        groups: dict[tuple[int, frozenset[str]], int] = {}
        for item in self._items:
            for level, postings, members in (
                (3, self._postings3, self._group3),
                (2, self._postings2, self._group2),
            ):
                names = item.level_bigrams[level] - GENERIC
                key = (level, names)
                if key not in groups:
                    groups[key] = len(groups)
                    for g in names:
                        postings.setdefault(g, []).append(groups[key])
                members.append(groups[key])

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
        canonical = strip_punct(canonical)
        if not has_han(canonical) and not has_han(text):
            raise InvalidText(f"预算项目文本没有可匹配的中文内容：“{_short(text)}”")
        grams = tuple(bigrams(canonical)) if canonical else ()
        straddle = _straddling(canonical)
        return Prepared(
            original=text,
            cleaned=body,
            canonical=canonical,
            rewrites=rewrites,
            removed=cleaned.removed,
            agency=cleaned.agency,
            grams=grams,
            straddle=straddle,
            weights=tuple(
                self._idf["服务"] if i in straddle else self.idf(g) for i, g in enumerate(grams)
            ),
            light=tuple(map(self._light.__contains__, grams)),
            types=self.types_in(canonical),
            implied=self._implied(canonical),
            mentions=(mentions := self._mentions(canonical)),
            known=tuple(g in self._known for g in grams),
            fields=frozenset(self._department_words[w] for w in self._field_words if w in canonical)
            if mentions
            else frozenset(),
            memo=self._memo(canonical),
        )

    def _implied(self, canonical: str) -> dict[str, int]:
        """Service type -> bitmask of the bigram positions of the activity words it implies."""
        if not self._any_activity.search(canonical):
            return {}
        out = {}
        for kind, rx in self._activities:
            mask = 0
            for m in rx.finditer(canonical):
                mask |= ((1 << (m.end() - 1 - m.start())) - 1) << m.start()
            if mask:
                out[kind] = mask
        return out

    def _mentions(self, canonical: str) -> dict[str, frozenset[int]]:
        """Department -> bigram positions of the text that name it (发改, 住建 …)."""
        found: dict[str, set[int]] = {}
        for m in self._department_rx.finditer(canonical):
            dep = self._department_words[m.group(0)]
            found.setdefault(dep, set()).update(range(m.start(), m.end() - 1))
        return {k: frozenset(v) for k, v in found.items()}

    def types_in(self, text: str) -> frozenset[str]:
        """The service types (宣传, 监测, 规划 …) a canonical text names."""
        return frozenset(t for t in self._types if t in text)

    # -- scoring ---------------------------------------------------------------------------
    def idf(self, gram: str) -> float:
        return self._idf.get(gram, self._idf_unknown)

    def _coverages(self, prepared: Prepared, positions: Iterable[int]) -> list[float]:
        """The text coverage of the entries at ``positions``.

        Which bigrams of the text an entry explains, and how, is a handful of bitmasks over the
        text's bigram positions, built from the postings of the text's bigrams; entries that
        explain the same words the same way share one computation.
        """
        masks = self._masks(prepared)
        level4, level3, level2, generic = masks.level4, masks.level3, masks.level2, masks.generic
        group3, group2, types_of, departments = (
            self._group3,
            self._group2,
            self._types_of,
            self._departments,
        )
        has_generic = self._has_generic
        implied_any = bool(prepared.implied)
        mentions = prepared.mentions
        memo = masks.coverage
        out = []
        for pos in positions:
            a = level4.get(pos, 0)
            if has_generic[pos]:
                a |= generic
            b = level3.get(group3[pos], 0) & ~a
            c = level2.get(group2[pos], 0) & ~(a | b)
            types = types_of[pos]
            implied = masks.implied(types) & ~a if implied_any and types else 0
            department = departments[pos]
            buyer = department if department in mentions else None
            key = (a, b, c, implied, buyer)
            tc = memo.get(key)
            if tc is None:
                tc = memo[key] = _coverage_of_masks(prepared, masks, a, b, c, implied, buyer)
            out.append(tc)
        return out

    def _entry_coverage_of(self, pos: int, hit: int) -> float:
        """How much of the level-4 name of the entry at ``pos`` the text names (0–1), given
        ``hit``: which bigrams of the name (numbered across its enumeration parts) the text has.

        A bigram joining two named words (期规 in 中长期规划) is left out; of an enumeration
        (大气、水、土壤…) the parts the text does not name are left out, except the last."""
        parts = self._items[pos].weighted_parts
        optional_until = len(parts) - 1 if len(parts) > 1 else 0
        den = num = 0.0
        start = 0
        for k, part in enumerate(parts):
            pw = pc = 0.0
            end = len(part) - 1
            for i, (_, w) in enumerate(part):
                b = start + i
                if hit >> b & 1:
                    pw += w
                    pc += w
                elif not (0 < i < end and hit >> (b - 1) & 1 and hit >> (b + 1) & 1):
                    pw += w
            start += len(part)
            if k < optional_until and pc == 0:
                continue
            den += pw
            num += pc
        return num / den if den else 0.0

    def _masks(self, prepared: Prepared) -> _Masks:
        """Per level, which bigram positions of the text each entry (or group of entries
        sharing a level-3 or level-2 name) has. Computed once per prepared text."""
        found = prepared.memo.get(_MASKS)
        if found is not None:
            return found  # type: ignore[no-any-return]
        where: dict[str, int] = {}
        for i, g in enumerate(prepared.grams):
            where[g] = where.get(g, 0) | (1 << i)
        level4: dict[int, int] = {}
        level3: dict[int, int] = {}
        level2: dict[int, int] = {}
        generic = 0
        named: dict[int, int] = {}  # entry position -> which bigrams of its name the text has
        for g, mask in where.items():
            if g in GENERIC:
                generic |= mask
                continue
            for pos, own in self._name_postings.get(g, ()):
                named[pos] = named.get(pos, 0) | own
                level4[pos] = level4.get(pos, 0) | mask
            for postings, acc in ((self._postings3, level3), (self._postings2, level2)):
                for key in postings.get(g, ()):
                    acc[key] = acc.get(key, 0) | mask
        straddle = 0
        for i in prepared.straddle:
            straddle |= 1 << i
        unknown = light = 0
        for i, (k, lw) in enumerate(zip(prepared.known, prepared.light, strict=True)):
            if not k:
                unknown |= 1 << i
            if lw:
                light |= 1 << i
        if generic:
            for pos, own in self._name_generic.items():
                if pos in level4:
                    named[pos] = named.get(pos, 0) | own
        masks = _Masks(
            prepared.implied,
            level4,
            level3,
            level2,
            generic,
            unknown,
            light,
            prepared.mentions,
            named,
            straddle,
        )
        prepared.memo[_MASKS] = masks
        return masks

    def rank(
        self,
        prepared: Prepared,
        department: str | None = None,
        limit: int | None = None,
        *,
        exclude: str | None = None,
    ) -> list[tuple[float, float, float, _Indexed]]:
        """The entries with a score above zero, best first (ties in catalogue order): all of
        them, or the first ``limit``. ``department`` keeps only that department's entries,
        ``exclude`` leaves that department's out.

        Only entries whose level-4 name shares a bigram with the text can score above zero.
        With a ``limit`` the entry coverage is worked out only for entries that can still make
        the cut: the score never exceeds ``100 × √text_coverage × type factor``, so entries are
        taken in that bound's order and the search stops once the bound falls below the last
        score kept. The result is the same as ranking everything and cutting.
        """
        key = (_RANKED, department, limit, exclude)
        found = prepared.memo.get(key)
        if found is None:
            found = prepared.memo[key] = self._rank(prepared, department, limit, exclude)
        return list(found)

    def _rank(
        self, prepared: Prepared, department: str | None, limit: int | None, exclude: str | None
    ) -> tuple[tuple[float, float, float, _Indexed], ...]:
        out: list[tuple[float, float, float, _Indexed]] = []
        best: list[float] = []  # the best ``limit`` scores so far, a heap
        cut = -1.0  # the score of the last entry kept, once ``limit`` are kept
        bounds = self._bounds(prepared)
        named = self._masks(prepared).named
        if department is not None:
            by_department = prepared.memo.get(_BOUNDS_BY_DEPARTMENT)
            if by_department is None:
                by_department = prepared.memo[_BOUNDS_BY_DEPARTMENT] = {}
                for b in bounds:
                    by_department.setdefault(self._departments[b[1]], []).append(b)
            bounds = by_department.get(department, [])
        for bound, pos, tc in bounds:
            if bound < cut:
                break
            item = self._items[pos]
            dep = self._departments[pos]
            if (department is not None and dep != department) or dep == exclude:
                continue
            ec = self._entry_coverage(pos, named[pos])
            if ec <= 0:
                continue
            score = round(_combine(prepared, item, tc, ec), 1)
            out.append((score, tc, ec, item))
            if limit is not None:
                heapq.heappush(best, score)
                if len(best) > limit:
                    heapq.heappop(best)
                if len(best) == limit:
                    cut = best[0]  # the limit-th best score so far
        out.sort(key=_rank_key)
        return tuple(out if limit is None else out[:limit])

    def _bounds(self, prepared: Prepared) -> list[tuple[float, int, float]]:
        """(rounded upper bound of the score, position, text coverage) of every entry that
        shares a level-4 bigram with the text and explains some of it, highest bound first,
        then in catalogue order. Computed once per prepared text."""
        found = prepared.memo.get(_BOUNDS)
        if found is not None:
            return found  # type: ignore[no-any-return]
        positions = list(self._masks(prepared).level4)
        bounds = []
        types, fields, mentions = prepared.types, prepared.fields, prepared.mentions
        for pos, tc in zip(positions, self._coverages(prepared, positions), strict=True):
            if tc > 0:
                bound = 100.0 * (tc**TC_EXP)
                if types:
                    item_types = self._types_of[pos]
                    if item_types:
                        bound *= TYPE_AGREE if types & item_types else TYPE_CONFLICT
                if fields and self._own_field[pos] and self._departments[pos] not in mentions:
                    bound *= FIELD_CONFLICT
                bounds.append((round(min(bound, 100.0), 1), pos, tc))
        bounds.sort(key=lambda b: (-b[0], b[1]))
        prepared.memo[_BOUNDS] = bounds
        return bounds

    def candidate(
        self, prepared: Prepared, ranked: tuple[float, float, float, _Indexed]
    ) -> Candidate:
        key = (_CANDIDATE, prepared.cleaned, ranked[3].position)
        found = prepared.memo.get(key)
        if found is None:
            found = prepared.memo[key] = self._candidate(prepared, ranked)
        return found  # type: ignore[no-any-return]

    def _candidate(
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

    def names_contain(self, words: str) -> bool:
        """Whether a level-4 entry name, canonicalised, contains ``words``."""
        if "\n" in words:  # could straddle two names of the joined list
            return any(words in item.canonical[4] for item in self._items)
        return words in self._names

    def match(self, text: str, department: str | None = None, limit: int = 5) -> list[Candidate]:
        """Ranked candidates for ``text`` (see :meth:`Catalogue.match`)."""
        check_limit(limit)
        dep = None if department is None else self.catalogue.resolve_department(department)
        prepared = self.prepare(text)
        return [self.candidate(prepared, r) for r in self.rank(prepared, dep, limit)]


_BOUNDS = object()
_BOUNDS_BY_DEPARTMENT = object()
_MASKS = object()
_RANKED = object()
_CANDIDATE = object()
L3, L2 = LEVEL_WEIGHT[3], LEVEL_WEIGHT[2]


@dataclass
class _Masks:
    """The bitmasks of one text (see :meth:`Matcher._masks`)."""

    implied_by: dict[str, int]  # service type -> positions of the activity words it implies
    level4: dict[int, int]  # entry position -> positions its level-4 name has (not 服务)
    level3: dict[int, int]  # level-3 group -> positions
    level2: dict[int, int]  # level-2 group -> positions
    generic: int  # positions of 服务
    unknown: int  # positions of bigrams no entry name has
    light: int  # positions of bigrams of light words
    mentions: dict[str, frozenset[int]]  # department -> positions that name it
    named: dict[int, int]  # entry position -> bigrams of its level-4 name the text has
    straddle: int  # positions of the pairs that straddle 服务 (理服 in 整理服务)
    coverage: dict[tuple[int, int, int, int, str | None], float] = field(default_factory=dict)
    _implied: dict[frozenset[str], int] = field(default_factory=dict)

    def mention(self, department: str) -> int:
        mask = 0
        for i in self.mentions.get(department, ()):
            mask |= 1 << i
        return mask

    def implied(self, types: frozenset[str]) -> int:
        mask = self._implied.get(types)
        if mask is None:
            mask = 0
            for kind in types:
                mask |= self.implied_by.get(kind, 0)
            self._implied[types] = mask
        return mask


#: (score, text coverage, entry coverage, entry) of a ranked entry
Ranked = tuple[float, float, float, _Indexed]


def _rank_key(r: Ranked) -> tuple[float, int]:
    return (-r[0], r[3].position)


def _coverage_of_masks(
    prepared: Prepared, masks: _Masks, a: int, b: int, c: int, implied: int, buyer: str | None
) -> float:
    """The text coverage of an entry that has the bigrams ``a`` in its level-4 name, ``b`` in
    its level-3 name, ``c`` in its level-2 name, and implies the activity words ``implied``.

    The rules (see the module docstring): an unexplained bigram is left out when
    it names the buying department, joins two explained ones, or is unknown to the catalogue
    and only touches an explained word; an unexplained light word counts a quarter.
    """
    cov = a | b | c | implied
    named = (a | b | c) & ~masks.straddle
    skip = ~cov & (
        ((cov << 1) & (cov >> 1))
        | (masks.unknown & ((named << 1) | (named >> 1)))
        | (masks.mention(buyer) if buyer is not None else 0)
    )
    light = masks.light
    total = got = 0.0
    bit = 1
    for w in prepared.weights:
        if cov & bit:
            cv = 1.0 if a & bit else L3 if b & bit else L2 if c & bit else 0.0
            if implied & bit and cv < IMPLIED:
                cv = IMPLIED
            total += w
            got += w * cv
        elif not skip & bit:
            total += w * LIGHT_WEIGHT if light & bit else w
        bit <<= 1
    return got / total if total else 0.0


def _combine(prepared: Prepared, item: _Indexed, tc: float, ec: float) -> float:
    """The score from the two coverages and the service types."""
    if tc <= 0 or ec <= 0:
        return 0.0
    score = 100.0 * (tc**TC_EXP) * (ec**EC_EXP)
    if prepared.types and item.types:
        score *= TYPE_AGREE if prepared.types & item.types else TYPE_CONFLICT
    if prepared.fields and item.own_field and item.entry.department not in prepared.mentions:
        score *= FIELD_CONFLICT
    return min(score, 100.0)


def _straddling(text: str) -> frozenset[int]:
    """Positions of the bigrams of ``text`` that straddle the generic word 服务 (理服 in
    整理服务, 务站 in 服务站): they are cuts of the tokeniser and weigh like 服务 itself."""
    out = set()
    start = text.find("服务")
    while start >= 0:
        if start > 0:
            out.add(start - 1)
        if start + 2 < len(text):
            out.add(start + 1)
        start = text.find("服务", start + 1)
    return frozenset(out)


def _alternation(words: list[str]) -> re.Pattern[str]:
    """One pattern matching any of ``words``, longest first (never matches if empty)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, ordered)) if ordered else r"(?!x)x")


def _department_words(catalogue: Tree) -> tuple[tuple[str, str], ...]:
    """(word, department) for every name of every department, canonical, longest first."""
    pairs = set()
    for name in catalogue.departments:
        dep = catalogue.department(name)
        for form in (dep.name, *dep.aliases):
            word = _canonical_name(form)
            if len(word) >= 2:
                pairs.add((word, dep.name))
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"
