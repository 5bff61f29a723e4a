"""Buyers' names as users write them, read the way a person reads them.

An agency name is a place and a level (孝义市, 山西省, 国家), a field core (生态环境, 市场监管,
教育体育) and an agency suffix (局, 厅, 委员会, 中心, 所 …), possibly followed by a branch
(…孝义分局, …市场监管所, …调查队). The words are data (``agencies.json``):

* a core of one of the 15 departments makes the agency that department's;
* several cores make a merged bureau (教育体育局, 科学技术和工业信息化局), which buys under
  each of its departments that has a list in the second batch; so does an agency with a second
  nameplate in brackets (发展和改革局（粮食和物资储备局）: one body, two names);
* a branch or an office with no core of its own takes the core of the agency it belongs to;
* a unit word (不动产登记, 调查队) names a department's subordinate unit;
* a core of an agency outside the 15 (公安, 民政, 卫健 …), or a place with an agency suffix,
  is a real buyer with no list in the second batch;
* several names joined by 、 or a comma (市委宣传部、市发改委) are bodies that buy together: each
  is read on its own, and the lists of all of them apply, as for a merged bureau;
* anything else is not an agency name.

    >>> from catalogue import load
    >>> reading = load().read_buyer("吕梁市生态环境局孝义分局")
    >>> reading.departments, reading.kind
    (('生态环境',), 'branch')
    >>> load().read_buyer("孝义市教育科技局").departments
    ('教育', '科技')
    >>> load().read_buyer("孝义市发展和改革局（能源局）").departments
    ('发展和改革委员会', '能源')
    >>> load().read_buyer("孝义市公安局").kind
    'outside'
    >>> load().read_buyer("孝义市委宣传部、孝义市发展和改革局").departments
    ('发展和改革委员会',)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from . import resources
from .chars import PUNCT, nfkc
from .exceptions import UnknownDepartment
from .first_use import on_first_use
from .patterns import Pattern
from .reading import lexicon
from .script import to_simplified
from .syllables import syllables_table
from .text import WordTable, places, without_subtotal

__all__ = ["MAX_NAME_LENGTH", "AgencyReader", "BuyerReading"]

#: a name longer than this is not an agency name (and is not read further)
MAX_NAME_LENGTH = 64
#: suffixes that make an agency proper rather than a subordinate unit
_AGENCY_SUFFIXES = frozenset(
    ("局", "厅", "委", "委员会", "办", "办公室", "部", "部门", "署", "总局", "管理局", "事务局")
)
#: suffixes that name an institution whatever its field (中国人民大学, 龙山高级中学)
_INSTITUTIONS = frozenset(
    (
        "大学", "学院", "学校", "中学", "小学", "幼儿园", "医院", "卫生院", "研究院", "研究所",
        "有限公司", "公司", "集团", "委员会", "管理委员会", "办事处", "人民政府", "中心",
        "服务中心", "协会", "学会", "联合会", "所",
    )
)  # fmt: skip
#: institutions' suffixes that, standing alone in a buyer column, name the kind of unit that
#: buys (中学, 医院): a unit outside the 15 departments, not a mistyped department
_KINDS_OF_UNIT = frozenset(("大学", "学院", "学校", "中学", "小学", "幼儿园", "医院", "卫生院"))
#: the endings of a unit word that is an institution's whole name (孝义市博物馆)
_INSTITUTION_ENDINGS = ("馆", "院", "园", "中心", "站", "所", "团", "队", "台", "库", "校")
#: the kinds of unit a cell that is a unit's whole name ends in (``AgencyReader.unit_cell``)
_UNIT_CELL_ENDINGS = ("中心", "站", "所", "院", "队", "馆")
#: remarks in brackets and trailing words that say which part of the agency's budget it is
_TRAILERS = ("机关本级", "本级", "机关", "单位", "直属")  # 直属机关, 直属单位: the agency's
#: a budget unit's code exported beside its name, at either end: not part of the name
_UNIT_CODE = on_first_use(r"^\s*\d{3,}\s*|\s*\d{3,}\s*$")
#: suffixes that name an agency only after a field (农机部门, 环保部门), and that add nothing
#: after an agency's own suffix (孝义市教育局部门)
_FIELD_SUFFIXES = ("部门",)
#: the suffixes of units that work in a field (…中心, …监测站, …研究院): named for work in one
#: department's field, such a unit is that department's (not a 馆: a memorial hall named for
#: whom it remembers, 周恩来邓颖超纪念馆, is not the veterans' for its 纪念)
_UNIT_SUFFIXES = frozenset(
    ("中心", "服务中心", "站", "总站", "监测站", "院", "研究院", "所", "研究所", "队")
)


#: a name longer than this is not read again for a homophone slip (the work grows with it)
_SLIP_CHARS = 24


#: the end of an area's name inside a unit's name (…开发区公共事业服务中心)
_AREA = on_first_use(r"开发区|高新区|示范区|园区|新区|管委会|管理委员会")
#: field words this long or longer name a unit's field (a one-character word names nothing)
_FIELD_UNIT_CHARS = 2
#: the characters an agency's name ends in when no place or level starts it (…局, …厅, …委,
#: …委员会)
_PROPER = on_first_use("[局厅委]")
#: marks that end a clause before an agency's name (经研究，…; read as 、 once cleaned)
_CLAUSE_MARKS = ("、", "，", ",", "：", ":", "；", ";", "。")
#: a bracket that opens a remark
_OPENING = on_first_use(r"[(（\[【]")


@dataclass(frozen=True, slots=True)
class BuyerReading:
    """What a buyer's name says: the department lists it buys under, and how it was read."""

    written: str
    #: the canonical departments (several for a merged bureau, none for an agency outside)
    departments: tuple[str, ...]
    #: department, agency, branch, merged, subordinate or outside
    kind: str
    #: the field core read (生态环境, 教育体育 …)
    core: str
    #: fields of the agency that have no list in the second batch (体育, 广电 …)
    outside: tuple[str, ...]
    #: how the name was read, in Chinese
    reading: str
    #: the work a subordinate unit is named for, when its name has only its department's unit
    #: words (不动产登记 of 不动产登记大厅; not 市场监管 of 市场监管所); else ''
    work: str = ""
    #: a name read with one character taken as a homophone of the one meant: (the name as
    #: written, the name as read) (生态环竟局, 生态环境局); else ()
    slip: tuple[str, ...] = ()


class _Token(NamedTuple):
    """A word of an agency name (a named tuple: a line's first characters are read as several
    dozen of them, and a tuple is made several times faster than a frozen dataclass)."""

    kind: str  # core, unit, outside, suffix, place, other
    word: str
    start: int
    end: int
    department: str | None = None


class AgencyReader:
    """Reads buyers' names against the 15 departments (see the module docstring)."""

    #: field word -> the departments whose field has it (made on first use: _field_unit)
    _field_words: dict[str, tuple[str, ...]] | None = None

    def __init__(self, departments: Sequence[str], aliases: Mapping[str, Sequence[str]]) -> None:
        data = resources.agencies()
        self.departments = tuple(departments)
        self._order = {name: i for i, name in enumerate(self.departments)}
        words: dict[str, tuple[str, Any]] = {}
        for word in data.outside:
            words[nfkc(word, lower=False)] = ("outside", None)
        #: suffixes that also name an agency outside the 15 (管理委员会, 人民政府)
        self._outside_suffixes = frozenset(w for w in words if w in data.suffixes)
        for suffix in data.suffixes:
            words[nfkc(suffix, lower=False)] = ("suffix", None)
        for word in data.not_suffixes:  # 出库: an operation that ends like a suffix
            words[nfkc(word, lower=False)] = ("other", None)
        #: department -> the words that name it (for reading a homophone slip in a name)
        self._slip_cores: dict[str, tuple[str, ...]] = {}
        #: syllable -> the characters of those words read so (made on first use)
        self._slip_by_syllable: dict[str, str] | None = None
        for name in self.departments:
            entry = data.departments.get(name)
            cores = [name, *(entry.cores if entry else ())]
            for word in entry.units if entry else ():
                words[nfkc(word, lower=False)] = ("unit", name)
            for word in cores:
                words[nfkc(word, lower=False)] = ("core", name)
            self._slip_cores[name] = tuple(
                dict.fromkeys(nfkc(w, lower=False) for w in cores if len(w) > 1)
            )
        for short in data.abbreviations:  # 教科 = 教育 + 科技: a token for each field
            words[nfkc(short.written, lower=False)] = (
                "merged",
                tuple(
                    ("core", f, f) if f in self._order else ("outside", f, None)
                    for f in short.fields
                ),
            )
        self._words = WordTable(words)
        #: cores that name their department only as a name's first field (建设 of 孝义市建设局,
        #: not of 交通建设管理中心 or 营商环境建设局: another field's construction)
        self._leading_only = frozenset(
            nfkc(word, lower=False)
            for entry in data.departments.values()
            for word in entry.leading_only
        )
        self._suffixes = WordTable(
            dict.fromkeys((nfkc(w, lower=False) for w in data.suffixes), True)
        )
        #: the characters a name can end in (of its suffix, or of its field words)
        self._last_chars = frozenset(w[-1] for w in words) | frozenset(
            _normalise(form)[-1:] for name in self.departments for form in aliases.get(name, ())
        )
        #: the suffixes, for the name before a 和 that joins two bodies' names
        self._suffix_words = tuple(nfkc(w, lower=False) for w in data.suffixes)
        self._branches = frozenset(data.branch_suffixes)
        #: enforcement work a department's own unit does, written after its field
        self._enforcement = frozenset(data.enforcement)
        self._divisions = frozenset(data.division_suffixes)
        self._place_endings = tuple(data.place_endings)
        self._area_endings = tuple(sorted(data.area_endings, key=len, reverse=True))
        #: what an institution outside the 15 is called (医院, 报社): its full name after a
        #: place starts a text as its buyer
        self._institution_kinds = tuple(nfkc(w, lower=False) for w in data.institutions)
        #: the endings of a zone's name (开发区, 园区 …): it has a committee, not a government
        self._zone_endings = tuple(e for e in self._place_endings if e.endswith("区"))
        #: a town's or a subdistrict's government named in full (下堡镇人民政府, 坞城街道办事处):
        #: a place ending that is no zone's, then its government (城镇 is no town)
        towns = "|".join(
            "(?<!城)镇" if e == "镇" else re.escape(e)
            for e in self._place_endings
            if e not in self._zone_endings
        )
        #: (compiled on first use: most lines name no government, and it costs 0.6 ms)
        self._town_pattern = Pattern(
            f"[\\u4e00-\\u9fff]{{2,4}}?(?:{towns})(?:人民政府|办事处)", needs=("人民政府", "办事处")
        )
        #: a zone's committee at the end of a name (…示范区管理委员会, …园区管委会)
        self._zone_committees = tuple(
            e + c for e in self._zone_endings for c in ("管理委员会", "管委会")
        )
        #: a zone's committee named in full (转型综合改革示范区管理委员会…): read with the place
        #: before it, however long the zone's name
        zones = "|".join(re.escape(e) for e in self._zone_endings)
        self._zone_pattern = Pattern(
            f"[\\u4e00-\\u9fff]{{0,12}}?(?:{zones})(?:管理委员会|管委会|工作委员会)",
            needs=("委员会", "管委会"),
        )
        self._branch_words = WordTable(dict.fromkeys(self._branches, True))
        self._levels = WordTable(dict.fromkeys(data.level_prefixes, True))
        self._connectors = frozenset(data.connectors)
        #: the last character of every word -> the lengths of the words it ends, and the
        #: characters of the connectors (skipped when a name is read): a name whose last word
        #: (connectors aside) is none of these words cannot end in a suffix or a field, and is
        #: not read further (of the texts of 20,000 distinct lines read as whole agency names,
        #: three in four are turned away here, each a scan of 20-25 µs spared)
        ends: dict[str, set[int]] = {}
        for word in words:
            ends.setdefault(word[-1], set()).add(len(word))
        self._ends = {c: tuple(sorted(ns)) for c, ns in ends.items()}
        self._connector_chars = frozenset("".join(self._connectors))
        #: whole names (canonical names and the catalogue's aliases) -> department
        self._whole = {
            _normalise(form): name
            for name in self.departments
            for form in (name, *aliases.get(name, ()))
        }
        #: the forms compared by :meth:`nearest`
        self._bases = {
            **{_normalise(w): d for w, (k, d) in words.items() if k == "core" and d},
            **self._whole,
        }

    # -- reading ------------------------------------------------------------------------------
    def read(self, name: object, *, strict: bool = False) -> BuyerReading | None:
        """What ``name`` says as a buyer, or ``None`` when it is not an agency name.

        A buyer column names agencies, so any name that ends in an agency suffix after a place,
        a known field or an institution's suffix (大学, 医院, 有限公司 …) is read as one. With
        ``strict`` (a name inside a budget-line text), a name must also have no more than a
        few unknown characters after its field (not 社区文化活动组织承办)."""
        if not isinstance(name, str):
            return None
        text = _normalise(name)
        if not text or len(text) > MAX_NAME_LENGTH:
            return None
        if not strict and any(mark in name for mark in _JOINT_MARKS + _PAIR_MARKS):
            joint = self._joint(name)
            if joint is not None:
                return joint
        return self._read_one(name, text, strict)

    def unit_cell(self, name: str) -> BuyerReading | None:
        """How ``name``, a whole budget-line cell, reads as the full name of a unit of the 15
        departments (孝义市粮油质量检测站, 孝义市农产品质量安全检验检测中心: a place, the work
        the unit is named for and its kind of unit), or ``None``. A table's subtotal row names
        its unit so; read strictly (:meth:`read`), the work's words after the field are too
        many for an agency named inside a line, but a cell that starts with a place and ends in
        a unit's kind says nothing else."""
        if not any(ending in name for ending in _UNIT_CELL_ENDINGS):
            return None  # (most lines: a look at the raw cell spares normalising it)
        text = _normalise(name)
        # 孝义市粮油质量检测站经费小计: the unit's subtotal row (经费 before the subtotal word, or
        # alone: the unit's money)
        text = without_subtotal(text).removesuffix("经费")
        if not text.endswith(_UNIT_CELL_ENDINGS) or len(text) > MAX_NAME_LENGTH:
            return None
        if places().leading(text) == 0:
            return None  # (a level alone starts many a line: 县级国土空间总体规划编制委托规划院)
        reading = self._read_one(name, text, strict=False)
        if reading is None or reading.kind != "subordinate" or not reading.departments:
            return None
        return reading

    def _read_one(self, name: str, text: str, strict: bool) -> BuyerReading | None:
        """:meth:`read` of one agency's name (``text``: ``name`` normalised)."""
        if not text:
            return None
        if text[-1] not in self._last_chars:  # a name ends in a suffix or a field word,
            return None if strict else self._place_or_area(name, text)  # or is a place's
        if strict and not self._starts(text):
            return None
        reading = self._read(name, text, strict=strict) if self._ends_in_word(text) else None
        if reading is not None and reading.departments and text.endswith(self._zone_committees):
            # a zone's committee (…农业高新技术产业示范区管理委员会) governs its zone, whatever
            # field its name writes: an agency outside the 15, as any zone's committee is
            committee = "管委会" if text.endswith("管委会") else "管理委员会"
            said = f"机关“{text}”（{committee}）在第二批目录中没有部门目录"
            reading = BuyerReading(name, (), "outside", text, (), said)
        if reading is None and text in self._whole:
            dep = self._whole[text]
            return BuyerReading(name, (dep,), "department", dep, (), f"部门名称“{text}” → {dep}")
        if reading is None and not strict:
            return self._place_or_area(name, text)
        if reading is not None and not strict and _OPENING.search(name) is not None:
            return self._nameplates(name, text, reading)
        return reading

    def _joint(self, written: str) -> BuyerReading | None:
        """Bodies that buy together, their names joined by 、 or a comma (市委宣传部、市发改委
        （信用办）), or by 和 or a space after a name's suffix (市总工会和团市委): each read on
        its own, and the lists of all of them apply, in the order written, as for a merged
        bureau. ``None`` when there is one name only (a mark inside brackets is a remark's), or
        when a part is no agency's name (the whole is then read as one name, as before)."""
        parts = _joined_names(nfkc(written, lower=False))
        found: list[BuyerReading] = []
        for part in parts:
            pair = self._pair_of_names(part)
            if pair is not None:
                found += pair
                continue
            if len(parts) == 1:
                return None  # one name: the caller reads it
            one = self._read_one(part, _normalise(part), False)
            if one is None:
                return None
            found.append(one)
        if len(found) < 2:
            return None
        departments = tuple(dict.fromkeys(d for r in found for d in r.departments))
        outside = tuple(
            dict.fromkeys(
                o for r in found for o in (r.outside or (() if r.departments else (r.core,))) if o
            )
        )
        each = "；".join(r.reading for r in found)
        if departments:
            plates = "、".join(departments)
            reading = f"多个机关共同购买（{each}） → 按 {plates} 的目录判断"
        else:
            reading = f"多个机关共同购买（{each}），在第二批目录中都没有部门目录"
        return BuyerReading(
            written,
            departments,
            "merged" if departments else "outside",
            "、".join(r.core for r in found if r.core),
            outside,
            reading,
        )

    def _pair_of_names(self, part: str) -> tuple[BuyerReading, BuyerReading] | None:
        """Two names joined by 和, 与, 及 or a space (孝义市教育局和孝义市科技局,
        中华全国总工会和共青团中央), each read on its own; ``None`` unless the words before the
        mark end in an agency's suffix and both sides read as agency names (工业和信息化局 and
        自然资源和规划局 are one name each: 工业 and 自然资源 end in no suffix)."""
        for i in _outside_brackets(part, _PAIR_MARKS):
            if not 0 < i < len(part) - 1:
                continue
            before, after = part[:i], part[i + 1 :]
            text = _normalise(before)
            if not text.endswith(self._suffix_words):
                continue
            first = self._read_one(before, text, False)
            second = self._read_one(after, _normalise(after), False) if first else None
            if first is not None and second is not None:
                return first, second
        return None

    def _nameplates(
        self,
        written: str,
        text: str,
        reading: BuyerReading,
        remarks: Sequence[str] | None = None,
    ) -> BuyerReading:
        """An agency with a second nameplate in brackets (孝义市发展和改革局（粮食和物资储备局）:
        one body under two names) buys under both names' lists; a remark that is no agency of
        another department (（本级）, （知识产权局） of a 市场监督管理局) changes nothing.
        ``remarks``: the second names (default: the bracketed remarks of ``written``)."""
        if not reading.departments:
            return reading
        added: list[str] = []
        if remarks is None:
            remarks = _remarks(nfkc(written, lower=False))[1]
        for remark in remarks:
            plate = self.read(remark, strict=False)
            if plate is None or plate.kind not in ("agency", "merged"):
                continue  # not an agency's name with its suffix: （统计） is a remark
            added += [d for d in plate.departments if d not in reading.departments + tuple(added)]
        if not added:
            return reading
        departments = reading.departments + tuple(added)
        plates = "、".join(departments)
        return BuyerReading(
            written,
            departments,
            "merged",
            reading.core,
            reading.outside,
            f"机关“{text}”加挂其他机关的牌子（{'、'.join(remarks)}） → 按 {plates} 的目录判断",
        )

    def _place_or_area(self, written: str, text: str) -> BuyerReading | None:
        return self._area(written, text) or self._place(written, text)

    def _area(self, written: str, text: str) -> BuyerReading | None:
        """A buyer named by a protected area, a park or a scenic area alone (铜鼓岭国家级自然保护区,
        热带雨林国家公园): its administration, an agency with no list. Read so only in a buyer
        column: at the start of a text such a name is what the service is done on."""
        ending = next((e for e in self._area_endings if text.endswith(e)), "")
        if not ending or len(text) - len(ending) < 2:
            return None
        return BuyerReading(
            written,
            (),
            "outside",
            "",
            ("管理机构",),
            f"“{text}”指其管理机构，在第二批目录中没有部门目录",
        )

    def _place(self, written: str, text: str) -> BuyerReading | None:
        """A buyer named by its place alone (孝义市, 下堡镇, 孝义经济开发区): that place's
        people's government or management committee, an agency with no list."""
        known = places().leading(text)
        rest = text[known:]  # what no list of places knows (下堡镇)
        if rest:
            ending = next((e for e in self._place_endings if rest.endswith(e)), "")
            own = rest[: len(rest) - len(ending)]
            # a town's own name (下堡 of 下堡镇), or none after a known place (孝义市开发区)
            if not ending or not (2 <= len(own) <= _MAX_PLACE or (known and not own)):
                return None
            if any(token.kind != "other" for token in self._scan(own)):
                return None  # a field or an agency's word in it (生态环境园区): no place's name
        government = "管理委员会" if text.endswith(self._zone_endings) else "人民政府"
        return BuyerReading(
            written,
            (),
            "outside",
            "",
            (government,),
            f"地名“{text}”指该地的{government}，在第二批目录中没有部门目录",
        )

    def _read(
        self,
        written: str,
        text: str,
        *,
        strict: bool = True,
        tokens: list[_Token] | None = None,
    ) -> BuyerReading | None:
        if tokens is None:
            tokens = self._tokens(text)
        units = _units(tokens)
        if not units:
            return None
        if not any(t.kind == "suffix" or self._institution(t) for t in tokens) and any(
            t.kind in ("other", "unit") for t in tokens
        ):
            return None  # a department is named by its cores alone (生态环境, 市监, 教育科技)
        if tokens[-1].kind not in ("suffix", "core", "unit", "outside"):
            return None  # an agency's name ends in its suffix or its field
        if strict and tokens[-1].kind == "core" and len(tokens) > 1:
            found = lexicon().table.get(tokens[-1].word)
            if found is not None and found[0] == "service":
                # fields with no suffix that end in a service word (生态环境规划, 退役军人规划):
                # the planning of a field, not a merged bureau's short name
                return None
        if strict and not all(_plausible(unit) for unit in units):
            # every unit, not only the last: 文旅宣传推介会西安站承办 is an event (…会) and the
            # party that runs it, not a 文旅 agency with a 西安站 and an office
            return None
        if strict and len(units) > 1 and units[-1][-1].kind != "suffix":
            # a unit below an agency has a suffix of its own (…局孝义分局, …局下堡所): a field
            # word after a suffix is content (数据库建设, 队伍建设), not a sub-unit
            return None
        last = len(units) - 1
        unit = units[last]
        suffix = next((t.word for t in reversed(unit) if t.kind == "suffix"), "")
        own = self._content(unit)
        if suffix in self._divisions:
            # a division (…局规划科, 发展改革委规划处) is its agency's, whatever field words its
            # own name has: the agency is the unit before it, or the fields up to a word that
            # ends as an agency's name does (发展改革委, 农委)
            if last > 0:
                own = []
            else:
                closing = next(
                    (k for k, t in enumerate(unit) if t.kind == "core" and t.word[-1] in "委局厅"),
                    None,
                )
                if closing is not None:
                    own = self._content(unit[: closing + 1])
        if own and last > 0 and suffix in _UNIT_SUFFIXES:
            # a unit written after its department's agency (…生态环境局环境应急与事故调查中心,
            # …生态环境厅宣传教育中心) is that agency's, as a division is, though its own name
            # has another department's field word (应急, 教育) or another body's (地震)
            above = units[last - 1]
            theirs = {t.department for t in self._content(above) if t.department is not None}
            if (
                theirs
                and above[-1].kind == "suffix"
                and above[-1].word in _AGENCY_SUFFIXES
                and (
                    not {t.department for t in own if t.department is not None} <= theirs
                    or any(t.kind == "outside" for t in own)  # 应急管理厅地震监测中心
                )
            ):
                own = []
        if strict and not own and _unknown(unit) > _MAX_OTHER:
            return None  # a branch's or an office's own name is short (西固分局, not 杜鹃花…承办)
        inherited = False
        while not own and last > 0:  # a branch or an office of the agency before it
            last -= 1
            own = self._content(units[last])
            inherited = True
        if not own and suffix in _FIELD_SUFFIXES:
            return None  # 部门 after no field (孝义市预算部门, 各部门) names no agency
        if not own:
            placed = any(t.kind == "place" for t in tokens) or self._leveled(text)
            # in a buyer column, an institution's name (…大学, …中心), a longer name ending in
            # an agency's suffix, or two characters or more and an office's suffix, is an
            # agency, known or not (国家公园管理局, 周恩来邓颖超纪念馆, …领导小组办公室, 陆港委);
            # one that looks like a department's is a department's name mistyped (市场局,
            # 退伍军人事务局)
            institution = not strict and (
                (suffix in _INSTITUTIONS and len(text) > len(suffix) + 1)
                or (text == suffix and suffix in _KINDS_OF_UNIT)
                or (
                    len(text) >= len(suffix) + (2 if suffix in _OFFICE_SUFFIXES else 4)
                    and not self._close(text, 1, _LOOKS_LIKE)
                )
            )
            if suffix in _SOCIAL and (placed or not strict):
                return _no_department(written, text, own, suffix, _SOCIAL_BODY)
            if not (suffix and (placed or institution)):
                return None
            core = "".join(t.word for t in unit if t.kind == "other")
            field = self._field_unit(core) if suffix in _UNIT_SUFFIXES else None
            if field is not None:
                # a unit named for work in one department's field (公共信用信息中心,
                # 地质灾害防治中心, 广告监测中心): that department's unit
                department, word = field
                return BuyerReading(
                    written,
                    (department,),
                    "subordinate",
                    core,
                    (),
                    f"单位“{text}”以“{word}”命名，“{word}”属于“{department}”的领域 → "
                    f"按 {department} 的目录判断",
                    core,
                )
            return BuyerReading(
                written,
                (),
                "outside",
                core,
                (),  # no known field: the words are the name of the agency itself
                f"机关“{text}”在第二批目录中没有部门目录",
            )
        if any(t.kind == "suffix" and t.word in _ENTERPRISES for t in unit):
            # a company is no department, whatever field its name has (粮食储备有限公司)
            return _no_department(written, text, own, suffix, "企业")
        if any(
            t.kind == "suffix"
            and t.word in _HIGHER_EDUCATION
            and text[t.start - 1 : t.start] != "科"
            for t in unit
        ):
            # nor is a university or a college (山西农业大学: 农业 names its subject, not its
            # department)
            return _no_department(written, text, own, suffix, "高等学校")
        if suffix in _SOCIAL:
            return _no_department(written, text, own, suffix, _SOCIAL_BODY)
        listed = sorted(
            {t.department for t in own if t.department is not None}, key=self._order.__getitem__
        )
        if len(listed) > 1 and suffix not in _AGENCY_SUFFIXES and _work_between(units[last]):
            # a unit named for a department's work, then more work that names another field
            # (生态环境监测和应急保障中心: 应急保障 is the work of 生态环境's unit), is that
            # department's unit; a merged bureau's name writes the departments side by side
            listed = [next(t.department for t in own if t.department is not None)]
        outside = tuple(dict.fromkeys(t.word for t in own if t.kind in ("outside", "suffix")))
        core = "".join(t.word for t in own)
        enforcing = len(listed) == 1 and bool(outside) and set(outside) <= self._enforcement
        if enforcing:
            # a department's enforcement unit (生态环境保护综合行政执法支队), not a bureau merged
            # with a 综合行政执法局
            outside = ()
        if not listed:
            kind = "outside"
            reading = f"机关“{text}”（{'、'.join(outside)}）在第二批目录中没有部门目录"
        else:
            kind = (
                "subordinate"
                if enforcing
                else self._kind(text, tokens, own, unit, suffix, inherited, len(listed), outside)
            )
            reading = self._explain(text, kind, listed, outside, units, last)
        named_for = kind == "subordinate" and all(t.kind == "unit" for t in own)
        work = core if named_for else ""
        return BuyerReading(written, tuple(listed), kind, core, outside, reading, work)

    def _field_unit(self, core: str) -> tuple[str, str] | None:
        """The one department whose field has the longest field word written in ``core``, and
        that word; ``None`` when no word, or the longest, lies in one department's field alone."""
        if self._field_words is None:
            owners: dict[str, set[str]] = {}
            for department, field in resources.lexicon().fields.items():
                for word in field:
                    if len(word) >= _FIELD_UNIT_CHARS:
                        owners.setdefault(nfkc(word, lower=False), set()).add(department)
            self._field_words = {w: tuple(sorted(d)) for w, d in owners.items()}
        core = _AREA.split(core)[-1]  # 高新技术 of …高新技术产业开发区 names a place, not a field
        found = [w for w in self._field_words if w in core]
        if not found:
            return None
        longest = max(len(w) for w in found)
        words = sorted(w for w in found if len(w) == longest)
        departments = {d for w in words for d in self._field_words[w]}
        if len(departments) != 1:
            return None  # the longest words are several departments' (群众艺术馆): no one's unit
        # another department's field word before it names whose people the work is for: the
        # 就业创业 of 毕业生 is not 退役军人's (毕业生就业创业指导中心): no one's unit
        start = min(core.find(w) for w in words)
        if any(
            core.find(w) + len(w) <= start and set(self._field_words[w]) != departments
            for w in found
        ):
            return None
        return departments.pop(), words[0]

    def _ends_in_word(self, text: str) -> bool:
        """Whether a word of the names (a suffix, a core, a unit word) ends ``text``, or ends
        right before connectors that end it: what a name's last token must be (``_read``)."""
        words = self._words.words
        ends = self._ends
        stop = len(text)
        while stop > 0 and text[stop - 1] in self._connector_chars:
            stop -= 1
        for end in range(len(text), stop - 1, -1):
            for length in ends.get(text[end - 1 : end], ()):
                if length <= end and text[end - length : end] in words:
                    return True
        return False

    def _institution(self, token: _Token) -> bool:
        """Whether a unit word names an institution by itself: it ends in an agency suffix
        (博物馆, 烈士陵园, 不动产登记中心)."""
        return token.kind == "unit" and any(token.word.endswith(s) for s in _INSTITUTION_ENDINGS)

    def _content(self, unit: list[_Token]) -> list[_Token]:
        """The tokens of a unit that name a field: cores, unit words, outside cores (and the
        suffixes that are themselves agencies: 管理委员会, 人民政府) when nothing else does."""
        own = []
        before, end = "", -1  # the kind of the token right before, and where it ends
        for t in unit:
            # 交通建设, 营商环境建设: that field's construction (but 交通运输和建设局: a
            # connector between fields makes each a field of its own)
            other_fields = before in ("outside", "other") and t.start == end
            if t.kind in ("core", "unit", "outside") and not (
                other_fields and t.word in self._leading_only
            ):
                own.append(t)
            before, end = t.kind, t.end
        return own or [t for t in unit if t.kind == "suffix" and t.word in self._outside_suffixes]

    def _kind(
        self,
        text: str,
        tokens: list[_Token],
        own: list[_Token],
        unit: list[_Token],
        suffix: str,
        inherited: bool,
        listed: int,
        outside: tuple[str, ...],
    ) -> str:
        if listed > 1 or (outside and not inherited):
            return "merged"
        if suffix in self._branches and (inherited or len(tokens) > len(unit)):
            return "branch"
        if inherited:
            return "branch" if suffix in self._branches else "subordinate"
        if any(t.kind == "unit" for t in own) or (suffix and suffix not in _AGENCY_SUFFIXES):
            return "subordinate"
        if not suffix and all(t.kind in ("core", "other") for t in tokens):
            return "department"
        return "agency"

    def _explain(
        self,
        text: str,
        kind: str,
        listed: list[str],
        outside: tuple[str, ...],
        units: list[list[_Token]],
        last: int,
    ) -> str:
        deps = "、".join(listed)
        if kind == "department":
            return f"部门名称“{text}” → {deps}"
        if kind == "merged":
            parts = [f"{d}（有第二批目录）" for d in listed]
            parts += [f"{o}（第二批目录没有该部门）" for o in outside]
            return f"合并设立的机关“{text}”：{'、'.join(parts)} → 按 {deps} 的目录判断"
        if kind == "branch" or (kind == "subordinate" and last < len(units) - 1):
            parent = "".join(t.word for unit in units[:-1] for t in unit)
            what = "派出机构" if kind == "branch" else "内设或下属机构"
            return f"{what}“{text}”，属于“{parent}” → {deps}"
        if kind == "subordinate":
            return f"下属单位“{text}” → {deps}"
        return f"机关“{text}” → {deps}"

    def _tokens(self, text: str) -> list[_Token]:
        return list(self._scan(text))

    def _scan(self, text: str) -> Iterator[_Token]:
        """The words of ``text``, left to right (a name is often read only up to its agency's
        suffix)."""
        new = tuple.__new__  # a token of its fields, without the constructor's keyword handling
        place_match = places().match
        word_match = self._words.match
        lexicon_match = lexicon().table.match
        connectors = self._connectors
        only_places = True  # every token so far is a place
        i, n = 0, len(text)
        while i < n:
            hit = word_match(text, i)
            if hit is not None:
                end, found = hit
                kind = found[0]
                if kind == "suffix" and end < n:
                    # a suffix that begins a longer word (社 of 社会, 委 of 委托, 站 of
                    # 站点) is no suffix
                    word = lexicon_match(text, i)
                    if word is not None and word[0] > end:
                        kind = "other"
                if kind == "suffix" and i > 0 and end - i == 1:
                    # ... and so is one that ends a word begun before it (办 of 承办, 主办:
                    # the work an event's organiser does, not an office)
                    word = lexicon_match(text, i - 1)
                    if word is not None and word[0] == end and word[1][0] in _WORK:
                        kind = "other"
                if (
                    kind == "suffix"
                    and text.startswith("长", end)
                    and _titled(text, end + 1)
                    and place_match(text, end) is None
                ):
                    # ... and so is one a title follows (局长, 站长: 环保局长 in an event's
                    # name, 文化站长业务培训), unless a place begins there (生态环境局长治分局)
                    kind = "other"
                if kind == "merged":  # a merged bureau's short name: each of its fields
                    for field_kind, field_word, department in found[1]:
                        yield new(_Token, (field_kind, field_word, i, end, department))
                elif kind != "other" or text[i:end] not in connectors:
                    yield new(_Token, (kind, text[i:end], i, end, found[1]))
                only_places = False
                i = end
                continue
            place_end = place_match(text, i)
            if place_end is not None and place_end < n:
                yield new(_Token, ("place", text[i:place_end], i, place_end, None))
                i = place_end
                continue
            level = self._levels.match(text, i) if only_places else None
            if level is not None and (
                self._leveled(text[i:]) or place_match(text, level[0]) is not None
            ):
                # a level before a field word (省发改委, 市市场监管局) is where, not what
                yield new(_Token, ("place", text[i : level[0]], i, level[0], None))
                i = level[0]
                continue
            word = lexicon_match(text, i)
            if word is not None and self._field_inside(text, i + 1, word[0]):
                # a word of the lines that a field word starts inside (the 水质 of
                # 供水水质监测站, where 质监 would read as 市场监管): the word, not the field
                yield new(_Token, ("other", text[i : word[0]], i, word[0], None))
                only_places = False
                i = word[0]
                continue
            # a single character between cores (教育和体育) is a connector, not a field
            if text[i] not in connectors:
                yield new(_Token, ("other", text[i], i, i + 1, None))
            only_places = False
            i += 1

    def _field_inside(self, text: str, start: int, end: int) -> bool:
        """Whether a field word (a core, a unit word, an outside field) no longer than
        ``text[start - 1:end]`` starts in ``text[start:end]`` and runs past ``end`` (水质 and
        质监; not 城市 and 市场监管 of 坞城市场监管所, a longer word)."""
        match = self._words.match
        for j in range(start, end):
            hit = match(text, j)
            if (
                hit is not None
                and end < hit[0] <= j + end - start + 1
                and hit[1][0] in ("core", "unit", "outside")
            ):
                return True
        return False

    def leading(self, text: str) -> tuple[BuyerReading, int] | None:
        """The agency named at the start of a budget-line text, and where its name ends.

        With the second nameplate that follows it, if one does (``_plate_after``).
        """
        found = self._leading_one(text)
        if found is None:
            # a town's government before a line that writes 局, 厅 or 委 in another word
            # (…镇人民政府拟委托…: 委托 is no 委员会)
            found = self._town_government(text)
            if found is None:
                return None
        return self._plate_after(text, self._without_opener(text, *found), found[1])

    def _without_opener(self, text: str, reading: BuyerReading, end: int) -> BuyerReading:
        """``reading`` of ``text[:end]``, named without the words a minute or a request writes
        before the agency (经研究，同意孝义市农业农村局…: the agency is 孝义市农业农村局; the
        line is read as before, only the name shown is the agency's own). The name starts after
        the last mark that ends a clause, when what comes before the mark is no agency, and at
        the first place or level after it (同意 + 孝义市…), when the name from there reads as
        the same departments."""
        name = text[:end]
        cut = max(name.rfind(mark) for mark in _CLAUSE_MARKS)
        if cut <= 0 or self.read(name[:cut]) is not None:
            return reading
        placed = next(
            (
                j
                for j in range(cut + 1, end)
                if places().named_at(name[j:]) or self._levels.match(name, j) is not None
            ),
            None,
        )
        for start in (cut + 1,) if placed is None else (placed, cut + 1):
            own = self.read(name[start:])
            if own is not None and own.departments == reading.departments:
                return own
        return reading

    def _leading_one(self, text: str) -> tuple[BuyerReading, int] | None:
        """The agency named at the start of a budget-line text, and where its name ends.

        The shortest prefix that reads as an agency of a place or with an agency suffix
        (孝义市生态环境局…), leaving some text after it, and the branch that follows it, if
        one does (…孝义分局); never a unit named after what is bought (…监测站运维)."""
        head = text[: MAX_NAME_LENGTH + 1]
        # a prefix is read as an agency when it starts with a place or a level, or ends in 局,
        # 厅, 委 (委员会): most lines have neither, and need not be read further
        may_be_placed = places().named_at(text) or self._levels.match(text, 0) is not None
        if not may_be_placed and _PROPER.search(head) is None:
            return self._town_unit(text) or self._town_government(text)
        ends = [end for _, end, _ in self._suffixes.find_all(head) if end < len(text)]
        if not ends:
            return None  # no agency name can end before the text does
        # where the last name that can be an agency's ends (with no place or level: after 局,
        # 厅, 委, 委员会)
        last = len(head) if may_be_placed else max(head.rfind(c) + 1 for c in "局厅委会")
        if not self._starts(head):
            return None
        head = head[: ends[-1] + 1]  # what follows the last suffix decides whether it is one
        tokens: list[_Token] = []
        scan = self._scan(head)
        for token in scan:
            tokens.append(token)
            end = token.end
            if end > last:
                break
            # a suffix ends a name, and so does a department's name that takes one of its own
            # (发展和改革委员会, 发改委: the name is one word of the lists, its 委 no suffix token)
            if end >= len(text) or not (
                token.kind == "suffix"
                or (token.kind == "core" and _proper(token.word, end - token.start))
            ):
                continue
            if head.startswith(self._institution_kinds, end):
                continue  # the name goes on to what the unit is: 中心 + 医院, 中心 + 卫生院
            prefix = head[:end]
            ends_proper = _proper(head, end)
            if not (ends_proper or may_be_placed):
                continue
            reading = self._read(prefix, prefix, tokens=tokens)
            if reading is None:
                continue
            placed = places().leading(prefix) > 0 or self._leveled(prefix)
            if placed or ends_proper:
                if self._branch_words.search(head, end) is not None:
                    end = self._branch_end(head, end, scan)
                return reading, end
        return None

    def _plate_after(self, text: str, reading: BuyerReading, end: int) -> tuple[BuyerReading, int]:
        """An agency read at the start of ``text`` (ending at ``end``) and where its name ends,
        with the second nameplate right after it, if one follows: an agency of another of the 15
        departments named in full with its suffix (运城市发展和改革委员会（粮食和物资储备局）…, read
        with its brackets gone, as texts are: one body under two names, as a buyer column writes
        it)."""
        if end >= len(text) or not reading.departments:
            return reading, end
        second = self._leading_one(text[end:])
        if (
            second is None
            or second[0].kind != "agency"
            or not _proper(text, end + second[1])
            or set(second[0].departments) <= set(reading.departments)
        ):
            return reading, end
        plate_end = end + second[1]
        plated = self._nameplates(
            text[:plate_end], _normalise(text[:end]), reading, [text[end:plate_end]]
        )
        return (reading, end) if plated is reading else (plated, plate_end)

    def _town_unit(self, text: str) -> tuple[BuyerReading, int] | None:
        """A unit below an agency named after a town no list knows, at the start of a text
        (韩店市场监管所…, 下堡国土所…), and where its name ends: two or three characters no list
        knows, a department's field word and a branch's suffix (所, 分局, 大队 …) right after
        it, with more text after that."""
        words = self._words
        for start in range(_TOWN_MIN, _TOWN_MAX + 1):
            hit = words.match(text, start)
            if hit is None or hit[1][0] != "core":
                continue
            if any(words.match(text, i) is not None for i in range(start)):
                return None  # the town's name holds a word of the names: not a town's
            suffix = self._branch_words.match(text, hit[0])
            if suffix is None or suffix[0] >= len(text):
                return None
            word = lexicon().table.match(text, hit[0])
            if word is not None and word[0] > suffix[0]:
                return None  # the suffix begins a longer word (所需, 站点)
            name = text[: suffix[0]]
            reading = self._read(name, name)
            if reading is None or not reading.departments:
                return None
            return reading, suffix[0]
        return None

    def _zone_committee(self, text: str) -> bool:
        """Whether ``text`` starts with a zone's committee named in full."""
        zone = self._zone_pattern
        return zone.may_match(text) and zone.compiled.match(text) is not None

    def _town_government(self, text: str) -> tuple[BuyerReading, int] | None:
        """A town's or a subdistrict's government at the start of a text (下堡镇人民政府…,
        坞城街道办事处…): an agency outside the 15, and where its name ends. The town's name
        alone (下堡镇…) says where, not who buys."""
        town = self._town_pattern
        if not town.may_match(text):
            return None
        m = town.compiled.match(text)
        if m is None or m.end() >= len(text):
            return None
        reading = self.read(m.group(0))
        return (reading, m.end()) if reading is not None else None

    def leading_after(self, place: str, text: str) -> tuple[BuyerReading, int] | None:
        """The agency outside the 15 at the start of ``text`` that reads as one only with the
        place names before it (吕梁市 + 消防救援支队…: no 局, 厅 or 委 in its name), or a unit of
        the 15 named by its unit word (兴县 + 价格认证中心…), and where its name ends in
        ``text``. It is named by a known field of its own (消防救援, 档案, or
        公安 that the place names took for 公安县), or an institution's full name (宜昌市 +
        第五人民医院…; ``institutions``): not by a suffix alone (孝义市 + 政府购买…, 孝义市 +
        医院…) or by words no list knows (…财经学院)."""
        first = self._words.match(text, 0)
        near = text[:_UNKNOWN_PLACE]
        unit = first is not None and first[1][0] == "unit"
        if (
            (first is None or first[1][0] not in ("outside", "suffix", "unit"))
            and not any(kind == "outside" for _, _, (kind, _) in self._words.find_all(near))
            and not any(w in near for w in self._institution_kinds)
            and not self._zone_committee(text)
        ):
            return None  # most lines: no field of an outside agency near their start
        found = self.leading(place + text)
        if found is None or found[1] <= len(place):
            return None
        reading = found[0]
        end = found[1] - len(place)
        if unit and reading.kind == "subordinate":
            # a unit of one of the 15 named by its own word right after the place (兴县 +
            # 价格认证中心…) buys what follows its name when that names a service or an object
            # of its own; a unit followed by upkeep alone (孝义市环境监测站 + 运维服务) is what
            # is bought
            if reading.written.endswith(_NOT_UNITS):
                return None  # 孝义市农机学会: a society of the field, not a unit of the bureau
            if any(t.kind in ("service", "object") for t in lexicon().tokens(text[end:])):
                return reading, end
            return None
        if reading.kind != "outside":
            return None
        if not self._names_institution(reading.written.removeprefix(place)):
            known = self._words.words.get(reading.core)
            # a government or a committee named in full is one (太原高新区 + 管委会); 政府
            # alone is not (孝义市 + 政府购买服务…)
            if (known is None or known[0] != "outside") and (
                reading.core not in self._outside_suffixes or len(reading.core) < 3
            ):
                return None
        return reading, end

    def _names_institution(self, name: str) -> bool:
        """Whether ``name`` is the full name of an institution outside the 15: a name of its
        own before what it is (第五人民医院, 日报社), not the kind alone (医院)."""
        return any(name.endswith(w) and len(name) > len(w) for w in self._institution_kinds)

    def _starts(self, text: str) -> bool:
        """Whether ``text`` starts as an agency's name does: with a place, a level (国家, 省),
        a field word, or a zone's committee named without its place (开发区管委会)."""
        first = self._words.match(text, 0)
        if first is not None and first[1][0] != "suffix":
            return True
        if places().match(text, 0) is not None or self._leveled(text):
            return True
        if self._zone_committee(text):
            return True
        # a place no list knows (横琴粤澳深度合作区…) before a field word
        return any(
            kind != "suffix" for _, _, (kind, _) in self._words.find_all(text[:_UNKNOWN_PLACE])
        )

    def _leveled(self, text: str) -> bool:
        """Whether ``text`` starts with a level (国家, 省, 市) followed by a field word: 市场 is
        no level."""
        level = self._levels.match(text, 0)
        if level is None:
            return False
        after = self._words.match(text, level[0])
        return after is not None and after[1][0] != "suffix"

    def _branch_end(self, text: str, end: int, after: Iterable[_Token]) -> int:
        """``end``, or the end of the branch right after it (孝义分局, 下堡市场监管所)."""
        for token in after:
            if token.kind != "suffix":
                continue
            start, stop = token.start, token.end
            if stop < len(text) and token.word in self._branches:
                rest = text[min(places().leading(text, end), start) : start]
                words = self._words.find_all(rest)
                fields = [w for w in words if w[2][0] in ("core", "unit", "merged")]
                named = sum(e - b for b, e, _ in fields)
                if not rest or (fields and len(fields) == len(words) and len(rest) - named <= 3):
                    return stop
            break
        return end

    # -- resolving ----------------------------------------------------------------------------
    def get(self, name: object) -> str | None:
        """The one department of ``name`` (the first of a merged bureau), or ``None``."""
        reading = self.read(name)
        return reading.departments[0] if reading is not None and reading.departments else None

    def resolve(self, name: object) -> str:
        """Like :meth:`get`; raise :class:`UnknownDepartment` when there is none."""
        reading = self.read(name)
        if reading is not None and reading.departments:
            return reading.departments[0]
        raise self.unknown(name, reading)

    def read_slip(self, name: object) -> BuyerReading | None:
        """``name`` read as an agency of one of the 15 departments with one character of a
        department's name typed as a homophone of the one meant (生态环竟局 is 生态环境局,
        市场监督管里局 市场监督管理局: a pinyin input method's commonest slip), or ``None``.
        Asked only of a name :meth:`read` cannot read; the reading says what was read otherwise.

            >>> from catalogue import load
            >>> load().read_buyer("孝义市生态环竟局").departments
            ('生态环境',)
        """
        if not isinstance(name, str):
            return None
        text = _normalise(name)
        if not text or len(text) > _SLIP_CHARS:
            return None
        table = syllables_table()
        swaps = self._slip_swaps(table)
        for i, written in enumerate(text):
            for syllable in table.get(written, ()):
                for ch in swaps.get(syllable, ""):
                    if ch == written:
                        continue
                    meant = text[:i] + ch + text[i + 1 :]
                    reading = self.read(meant)
                    if reading is None or not reading.departments:
                        continue
                    if not any(
                        _covers(meant, core, i)
                        for department in reading.departments
                        for core in self._slip_cores[department]
                    ):
                        continue  # (only a character of a department's name is read otherwise)
                    return dataclasses.replace(
                        reading,
                        written=name,
                        reading=f"{reading.reading}（“{text}”按同音字读作“{meant}”）",
                        slip=(text, meant),
                    )
        return None

    def _slip_swaps(self, table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
        """syllable -> the characters of the departments' names read so (made on first use)."""
        if self._slip_by_syllable is None:
            found: dict[str, set[str]] = {}
            for cores in self._slip_cores.values():
                for core in cores:
                    for ch in core:
                        for syllable in table.get(ch, ()):
                            found.setdefault(syllable, set()).add(ch)
            self._slip_by_syllable = {k: "".join(sorted(v)) for k, v in found.items()}
        return self._slip_by_syllable

    def unknown(self, name: object, reading: BuyerReading | None = None) -> UnknownDepartment:
        """The error for a name that gives no department of the second batch."""
        note = reading.reading if reading is not None else None
        return UnknownDepartment(name, self.nearest(name), self.departments, note=note)

    def nearest(self, name: object, limit: int = 3) -> list[str]:
        """Up to ``limit`` canonical names closest to ``name`` (none for an agency whose field
        has no list: 财政局 is not near anything)."""
        if not isinstance(name, str):
            return []
        text = _normalise(name)[:MAX_NAME_LENGTH]
        reading = self._read(text, text, strict=False) if text else None
        if reading is not None and not reading.departments and reading.outside:
            return []
        return self._close(text, limit)

    def _close(self, text: str, limit: int, least: float = 50) -> list[str]:
        """Up to ``limit`` canonical names whose names look like ``text`` (normalised), with a
        similarity of at least ``least``."""
        # compare without the place and the agency suffixes: every "…局" would otherwise look
        # close to 财政局
        text = text[places().leading(text) :]
        changed = True
        while changed:
            changed = False
            for suffix in sorted(_AGENCY_SUFFIXES, key=len, reverse=True):
                if text.endswith(suffix) and len(text) > len(suffix):
                    text = text[: -len(suffix)]
                    changed = True
                    break
        if not text:
            return []
        # rapidfuzz only here: a name that reads well never needs it, and importing it costs a
        # process about 9 ms
        from rapidfuzz import fuzz, process

        out: list[str] = []
        for key, score, _ in process.extract(
            text, list(self._bases), scorer=fuzz.partial_ratio, limit=None
        ):
            canonical = self._bases[key]
            if score >= least and canonical not in out:
                out.append(canonical)
            if len(out) == limit:
                break
        return out


#: the kinds of lexicon word a one-character suffix may end (办 of 承办, 举办) that make it no
#: suffix: work done, not a unit (校 of 学校, an object, stays the suffix of 中学校)
_WORK = frozenset(("service", "activity"))


def _covers(text: str, word: str, i: int) -> bool:
    """Whether ``word``, where it first stands in ``text``, covers position ``i``."""
    start = text.find(word)
    return 0 <= start <= i < start + len(word)


def _titled(text: str, i: int) -> bool:
    """Whether ``text`` at ``i`` can follow a title (局长, 站长): its end, a character that is
    not Chinese (a closing quote, a comma), or a service or activity word (培训, 业务培训)."""
    if i >= len(text) or not "\u4e00" <= text[i] <= "\u9fff":
        return True
    word = lexicon().table.match(text, i)
    return word is not None and word[1][0] in _WORK


#: suffixes of bodies that are no unit of a bureau, though named after its field: societies,
#: associations and firms (农机学会, 农机合作社, 建筑业协会, 粮油公司) buy nothing for it
_NOT_UNITS = ("协会", "学会", "联合会", "公司", "集团", "厂", "社")

#: a name this similar to a department's (fuzz.partial_ratio, without place and suffix) is
#: that department's name mistyped, not another agency: 退伍军人事务局 scores 83 against
#: 退役军人事务, 国家公园管理局 at most 67 against any
_LOOKS_LIKE = 75
#: the suffixes of a government office (not of a unit or an institution): a short name of
#: two characters and one of these that looks like no department's (陆港委, 侨务办) is an
#: office outside the 15
_OFFICE_SUFFIXES = frozenset({"局", "厅", "委", "委员会", "办", "办公室", "管委会"})
#: the suffixes of a company's name (a company, a branch of one, a group)
_ENTERPRISES = frozenset({"有限公司", "公司", "分公司", "集团"})
#: universities and colleges: no department's unit whatever field their names have (an academy
#: of sciences, 科学院, is no college)
_HIGHER_EDUCATION = frozenset({"大学", "学院"})
#: self-governing and social bodies: no government department whatever field their names have
#: (石像村村民委员会, 山西省建筑业协会, 农机专业合作社)
_SOCIAL = frozenset(
    (
        "村民委员会", "居民委员会", "村委会", "居委会", "协会", "学会", "商会", "促进会",
        "研究会", "联合会", "专业合作社", "合作社", "联合社", "基金会",
    )
)  # fmt: skip
#: how long a place no list knows may be before an agency's field word
_UNKNOWN_PLACE = 14
#: how long a town's name no list knows is before its unit's field word (韩店, 梧桐, 高阳镇;
#: 全国先进 is no town)
_TOWN_MIN, _TOWN_MAX = 2, 3
#: how many characters of no known word a unit may have after its first field word
_MAX_OTHER = 2
#: a town's or a zone's own name before its ending (下堡 of 下堡镇, 梧桐 of 梧桐镇) is this
#: long at most: a longer run is not a place's name
_MAX_PLACE = 6


#: what a self-governing or social body is called in a reading
_SOCIAL_BODY = "基层群众自治组织、社会组织或合作社"


def _no_department(
    written: str, text: str, own: list[_Token], suffix: str, what: str
) -> BuyerReading:
    """A body that is no government department whatever field its name has: a company
    (粮食储备有限公司), a self-governing or social body (村民委员会, 协会, 合作社)."""
    return BuyerReading(
        written,
        (),
        "outside",
        "".join(t.word for t in own),
        (suffix,),
        f"{what}“{text}”不是政府部门，在第二批目录中没有部门目录",
    )


def _proper(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends as an agency's name with no place before it must: in 局, 厅,
    委, 委员会 or its short form 管委会."""
    return text[end - 1 : end] in ("局", "厅", "委") or text.endswith(("委员会", "管委会"), 0, end)


def _plausible(unit: list[_Token]) -> bool:
    """Whether a unit reads as an agency: an unknown place may stand before its field, but
    after the field only a few characters no list knows (城市规划和建设局, not
    社区文化活动组织承办)."""
    seen_field = False
    other = 0
    for token in unit:
        if token.kind in ("core", "unit", "outside"):
            seen_field = True
        elif token.kind == "other" and seen_field:
            other += len(token.word)
    return other <= _MAX_OTHER


def _unknown(unit: list[_Token]) -> int:
    """How many characters of a unit no list knows."""
    return sum(len(t.word) for t in unit if t.kind == "other")


def _work_between(unit: list[_Token]) -> bool:
    """Whether words of no list lie between the first department's name in ``unit`` and the
    next department's (监测 in 生态环境监测和应急保障: connectors are no tokens)."""
    named = [i for i, t in enumerate(unit) if t.department is not None]
    if not named:
        return False
    first = unit[named[0]].department
    for i in named[1:]:
        if unit[i].department != first:
            return any(t.kind == "other" for t in unit[named[0] + 1 : i])
    return False


def _units(tokens: list[_Token]) -> list[list[_Token]]:
    """The tokens cut after each suffix: one list per agency unit of the name."""
    units: list[list[_Token]] = [[]]
    for token in tokens:
        units[-1].append(token)
        if token.kind == "suffix":
            units.append([])
    return [u for u in units if u]


#: the marks between the names of bodies that buy together (市委宣传部、市发改委)
_JOINT_MARKS = "、，,;；"
#: the words (and spaces) that join two names in a joint cell (…、中华全国总工会和共青团中央)
_PAIR_MARKS = "和与及 \u3000"
#: the brackets a remark is written in (a mark inside them is the remark's)
_OPENING_MARKS = "(（[【"
_CLOSING_MARKS = ")）]】"


def _outside_brackets(text: str, marks: str) -> Iterator[int]:
    """The positions in ``text`` of the characters of ``marks`` that stand outside brackets (a
    mark inside brackets is a remark's: 发展和改革局（粮食、物资储备局）)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPENING_MARKS:
            depth += 1
        elif ch in _CLOSING_MARKS:
            depth = max(depth - 1, 0)
        elif not depth and ch in marks:
            yield i


def _joined_names(text: str) -> list[str]:
    """The names of ``text`` split at the marks of ``_JOINT_MARKS`` outside brackets, without
    empty ones."""
    parts: list[str] = []
    start = 0
    for i in _outside_brackets(text, _JOINT_MARKS):
        parts.append(text[start:i])
        start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _remarks(text: str) -> tuple[str, list[str]]:
    """``text`` without its remarks in (outermost) brackets, and the remarks, in order:
    孝义市发展和改革局（能源局） is 孝义市发展和改革局 and [能源局]."""
    if _OPENING.search(text) is None:
        return text, []
    kept: list[str] = []
    remarks: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in _OPENING_MARKS:
            if not depth:
                start = i + 1
            depth += 1
        elif ch in _CLOSING_MARKS and depth:
            depth -= 1
            if not depth and i > start:
                remarks.append(text[start:i])
        elif not depth:
            kept.append(ch)
    return "".join(kept), remarks


def _normalise(name: str) -> str:
    """NFKC, no punctuation or bracketed remarks, no trailing 本级/机关."""
    text, _ = _remarks(to_simplified(nfkc(name, lower=False)))  # 孝义市应急管理局（本级）
    text = _UNIT_CODE.sub("", text)  # 101001 孝义市生态环境局, 孝义市工业和信息化局 104001
    text = PUNCT.sub("", text)
    for suffix in _FIELD_SUFFIXES:
        if text.endswith(suffix) and _PROPER.search(text[-len(suffix) - 1 : -len(suffix)]):
            text = text[: -len(suffix)]  # 孝义市教育局部门: the agency itself
    changed = text.endswith(_TRAILERS)
    while changed:
        changed = False
        for trailer in _TRAILERS:
            if text.endswith(trailer) and len(text) > len(trailer):
                text = text[: -len(trailer)]
                changed = True
    return text
