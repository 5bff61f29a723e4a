"""The scope verdict for a budget line: ``in_scope``, ``review`` or ``out_of_scope``.

The decision rule is the table :data:`catalogue.scoring.DECISION` (``docs/matching.md`` §4):
:func:`_decide` goes through it row by row. The buyer decides which lists apply
(:meth:`catalogue.Catalogue.read_buyer`): a department's, the union of a merged bureau's
departments', all of them when no buyer is given, and all of them but never more than ``review``
when the buyer is an agency with no list in the second batch.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from . import scoring
from .chars import has_han, nfkc
from .exceptions import CatalogueError, InvalidText, UnknownDepartment
from .first_use import on_first_use
from .limits import check_limit
from .matching import (
    BESIDE_WORDS,
    SYSTEM_WORDS,
    Matcher,
    Prepared,
    Scored,
    compound_service,
)
from .reading import INCLUDING, lexicon
from .results import Buyer, Candidate, Reason, ReasonCategory, Verdict, VerdictName
from .rules import PURPOSE_WORDS, Hit, ends_in_goods, find_exclusions, list_clause_start
from .script import to_simplified
from .text import (
    NOT_BOUGHT,
    WordTable,
    canon,
    classification_only,
    columns,
    only_boilerplate,
    without_awarded,
    without_classification,
    without_packages,
)
from .tree import Tree

if TYPE_CHECKING:
    from .agencies import BuyerReading

__all__ = ["READING_CACHE_SIZE", "VERDICT_CACHE_SIZE", "Checker", "buyer_result", "error_verdict"]

#: how many rows (text and buyer) one ``check_many`` call remembers the verdict of: budget
#: tables repeat their economic-classification lines (办公费, 差旅费) in every unit; 8,192 keeps
#: a whole county's table (about 10,000 rows, a few thousand distinct) while a million-row
#: input stays flat in memory (2.5 KB a verdict: 20 MB at most). On the budget-table workload
#: (200,000 rows) 85 % of the rows get their verdict here; with 2,048 places, 71 %
VERDICT_CACHE_SIZE = 8192
#: how many texts (checked again for another buyer) and buyer names it remembers: a reading is
#: 8 KB (9 MB for 1,024); on the budget-table workload it spares a third of the texts' reading
#: (18,870 texts read for 29,534 rows checked; with 256 places, 26,000)
READING_CACHE_SIZE = 1024
#: how many texts it remembers having seen, by their hashes. A verdict and a reading are kept in
#: the places above only for a text seen in an earlier row; those of a text not seen before
#: wait in a few places of their own (FRESH_VERDICTS, FRESH_READINGS: a row repeated right
#: away still gets the same object) and are soon forgotten. A table of lines that never come
#: back then keeps almost nothing alive for the garbage collector to go through again and
#: again: on 20,000 distinct lines, keeping every row's verdict and reading made each line a
#: quarter slower, 32 and 4 places for the fresh ones cost 2.5 %. On the budget-table workload
#: (200,000 rows, 18,547 distinct, 3,075 distinct texts) 29,534 rows are checked and 18,870
#: texts read, rather than 28,929 and 18,292 when every row was kept. 16,384 hashes are about
#: 1 MB
SEEN_SIZE = 16384
FRESH_VERDICTS = 32
FRESH_READINGS = 4

_CLAUSES = on_first_use(r"[,，。;；、()（）\[\]【】]|以及|及|和|与|并|含|包括|暨|\+")
_HEAD_END = on_first_use(r"[,，:：;；。]|——|\s+")
#: a label a contract clause or a notice row opens with (服务内容：, 主要内容：; the name of an
#: award notice's main item: 名称：…；服务范围：…): what follows is the line, and its first clause
#: the work bought
_CONTENT_LABEL = on_first_use(
    r"\s*(?:服务内容|服务范围|主要内容|项目内容|采购内容|工作内容|服务事项|需求概况|项目概况"
    r"|(?:采购项目|项目|标的|服务)?名称)\s*[:：]"
)
#: the label of a notice's next field (服务范围：, 服务期限：, 数量：)
_FIELD_LABEL = on_first_use(r"[\u4e00-\u9fff]{2,6}[:：]")
#: a closing bracket at the end of a line that lists two or more items, one clause (a、b)
_LISTING = on_first_use(r"[（(][^（）()，,。；;]*[\u4e00-\u9fff]、[^（）()，,。；;]*[）)]\s*$")
#: an item of a list that is money, not work (技术服务费、专家咨询费、其他支出)
_COST_ITEM = on_first_use(r"(?:费|支出|经费|费用)(?=[、）)]|\s*$)")
#: a programme a project-library row writes before its project (地灾防治专项/县级…技术支撑服务,
#: 规划编制专项-“十五五”…规划编制, 动物疫病防控经费>…抽样检测): two to sixteen characters
#: of words (no digits) and one separator; the project after it is what is bought
_PROGRAMME = on_first_use(
    r"^\s*[\u4e00-\u9fff“”‘’\"《》·]{2,16}\s*(?:-{1,2}|—{1,2}|–|/|／|>|＞)\s*(?=\S)"
)
#: the separators a programme is written before its project with (a line with none has none)
_PROGRAMME_SEPARATORS = "-—–/／>＞"
_PROGRAMME_MARKS = frozenset(_PROGRAMME_SEPARATORS)
#: the words that open a clause giving the policy a purchase follows (按照…要求, 根据…)
_BASIS = "按照|根据|依据|依照"
#: a clause of a notice's or a request's opening that gives the policy or the purpose before
#: what is bought (为做好…, 按照…要求, 根据…, 经局党组研究): what it serves, not what is bought
_PREAMBLE = on_first_use(
    rf"\s*(?:为了?|{_BASIS}|遵照|围绕|结合|贯彻|落实|进一步|经[^,，;；。]{{0,12}}研究)"
)
_CLAUSE_BREAK = on_first_use(r"[,，;；]")
#: where a project name ends and what it does begins (名称：内容, 名称——内容)
_DESCRIPTION = on_first_use(r"[:：]|——")
#: a description that buys something itself (…设备采购项目：采购六参数微型站13套): it says what
#: goods are bought, not a service that the name's hits only frame (采购第三方检测服务 buys one)
_BUYS = on_first_use(r"(?:采购|购置|购买|添置|购进|购入|新购)(?![^，,。；;]*服务)")
_SPACES = on_first_use(r"(\s+)")


def _han_joined(text: str) -> str:
    """``text`` without the spaces between two Chinese characters (a regular expression
    with look-arounds on the CJK range costs 1 ms to compile, on a one-line lookup)."""
    if " " not in text and "\u3000" not in text:
        return text
    pieces = _SPACES.split(text)
    out = [pieces[0]]
    for k in range(1, len(pieces), 2):
        before, after = out[-1][-1:], pieces[k + 1][:1]
        if not ("\u4e00" <= before <= "\u9fff" and "\u4e00" <= after <= "\u9fff"):
            out.append(pieces[k])
        out.append(pieces[k + 1])
    return "".join(out)


_LAW_NOT_LISTED = (
    "财综〔2020〕57号：政府购买服务的内容应在指导性目录范围内；"
    "政府购买服务项目预算应在指导性目录或本部门指导性目录范围内编列"
)
_LAW_BUNDLED = "财政部令第102号 第十条第（三）项；财预〔2017〕87号：严禁将建设工程与服务打包"


def _entry_label(c: Candidate) -> str:
    return f"{c.department} {c.code} {c.name}"


def _entry_reason(category: ReasonCategory, message: str, c: Candidate) -> Reason:
    """A reason whose basis is the entry of ``c``."""
    return Reason(
        category=category,
        message=message,
        basis=_entry_label(c),
        department=c.department,
        code=c.code,
    )


def _matched_reason(c: Candidate) -> Reason:
    note = ("；注意：" + "；".join(c.restrictions)) if c.restrictions else ""
    return _entry_reason(
        "matched",
        f"属于“{c.department}”目录 {c.code}“{c.name}”（{' > '.join(c.path)}）：{c.why}{note}",
        c,
    )


def _excluded_reason(hit: Hit) -> Reason:
    return Reason(
        category=hit.rule.category,  # type: ignore[arg-type]
        message=f"{hit.rule.message}（文本中的“{hit.evidence}”）",
        basis=hit.rule.basis,
        rule=hit.rule.id,
        evidence=hit.evidence,
    )


def _protected(matcher: Matcher, hit: Hit) -> bool:
    """The catalogue names this very wording as a service (房屋和市政基础设施施工…事故调查)."""
    words, _ = canon().rewrite(nfkc(hit.evidence))
    return len(words) >= 3 and matcher.names_contain(words)


def _remainder(s: str, hits: list[Hit]) -> str:
    """The clauses of ``s`` (the line as the rules read it, ``nfkc``: the hits' positions are in
    it) that no hit touches; an item enumerated with 、 after a clause a hit touches is touched
    too (采购检测试剂盒、采样耗材: what is bought goes on), and so is one joined with 和, 及, 与
    or 包括 that is goods itself (…检测试剂盒和布病抗体检测试剂); the work listed before a staffing
    word's role, back to the sentence's start or a service named as such, is what the staff do
    (农业普查及住户调查辅助调查员派遣用工费)."""
    kept = []
    pos = 0
    join = ""  # the words that end the clause before (、, 和 …)
    touched = False
    purpose = False
    spans = [(h.start, h.end) for h in hits]
    for h in hits:
        # (农业普查及住户调查辅助调查员派遣用工费: the staff paid, and the work they do, listed
        # before them up to the sentence's start; no service is bought beside them) but only a
        # role its clause says more of (not 统计专项调查及调查员劳务费) and not back past a
        # service named as such (…受理咨询服务及窗口工作人员劳务派遣)
        if (
            h.category == "excluded:staffing"
            and _ROLE.search(s, 0, h.start)
            and h.start - _after_last(_CLAUSES, s, h.start) >= _MODIFIED_ROLE
        ):
            served = s.rfind(_SERVICE, 0, h.start)
            after = served + len(_SERVICE) if served >= 0 else 0
            start = max(_after_last(_SENTENCE_BREAK, s, h.start), after)
            spans.append((start, h.end))
    for m in [*_CLAUSES.finditer(s), None]:
        end = m.start() if m else len(s)
        if m is not None and end == pos and pos > 0:
            # (…物资，包括消毒药剂: the words that open the next clause join it to the one
            # before the comma)
            join, pos = m.group(), m.end()
            continue
        # (购置…试剂盒和布病抗体检测试剂: goods joined to goods bought are bought too)
        listed = touched and (join == "、" or (join in _GOODS_JOINS and ends_in_goods(s[pos:end])))
        touched = listed or any(start < end and stop > pos for start, stop in spans)
        # what the goods are for (…仪采购，用于土壤和废气应急监测) or what they achieve (提升
        # 粮油质量检验能力) is no service bought beside them; the items it lists go with it
        purpose = (purpose and s[pos - 1 : pos] in _LIST_JOINS) or (
            _PURPOSE_CLAUSE.match(s, pos) is not None
        )
        if not touched and not purpose:
            kept.append(s[pos:end])
        pos = m.end() if m else len(s)
        join = m.group() if m else ""
    return "，".join(k for k in kept if k.strip())


#: a clause that says what something bought is for or achieves, or the policy it follows,
#: not what is bought (为做好…宣传，拟采购…纪念品; 按照…要求; 进一步提升…监测能力)
_PURPOSE_CLAUSE = on_first_use(
    r"\s*(?:" + "|".join(PURPOSE_WORDS) + r"|以便"
    r"|(?:进一步)?(?:提升|提高|增强)[^,，。;；]{0,20}能力"
    r"|为了?(?:做好|贯彻|落实|进一步|提升|提高|加强|推进|保障|确保|满足|改善)"
    r"|满足[^,，。;；]{0,30}?(?:需要|需求)"
    r"|(?:储备|存放|储存|放置|配发|发放|分发)(?:于|在|至|到)|(?:配发|分发|下发)(?:给)?各"
    r"|用途[:：]"
    rf"|{_BASIS})"
)
#: what joins the items of one clause (土壤和废气): the clause goes on after them
_LIST_JOINS = ("和", "及", "与", "、", "以及")
#: what joins goods to the goods a clause buys (…试剂盒和…试剂; …应急物资，包括消毒药剂)
_GOODS_JOINS = (*_LIST_JOINS, *INCLUDING)


#: a role named right before a staffing word (…辅助调查员派遣用工费, …协管员劳务费): whom the
#: money pays
_ROLE = on_first_use(r"[\u4e00-\u9fff]员$")
#: a role and at least two characters that say more of it (辅助调查员: 5; 调查员: 3)
_MODIFIED_ROLE = 5
#: where a sentence or a clause of its own starts: a staffing word's role and the work before it
#: reach back to it
_SENTENCE_BREAK = on_first_use(r"[,，;；。:：]")
#: a service named as such: the work listed before a staffing word's role reaches back to it
_SERVICE = "服务"


def _after_last(pattern: re.Pattern[str], s: str, stop: int) -> int:
    """Where the last match of ``pattern`` in ``s[:stop]`` ends (0 when there is none)."""
    end = 0
    for m in pattern.finditer(s, 0, stop):
        end = m.end()
    return end


#: the fields of a notice's item block that describe a service (服务范围：…)
_SERVICE_FIELDS = on_first_use(r"服务(?:内容|范围|要求|期限|时间|标准|地点)[:：]")


#: a turnkey works contract, and what makes one a bundle with a service
_TURNKEY = on_first_use(r"(?<![a-z])epc(?![a-z])|总承包", re.IGNORECASE)
_OPERATED = on_first_use(r"epc\s*[+＋]\s*o|运营|运维|运行维护", re.IGNORECASE)


#: a closing bracket at the end of a line (…服务（派驻专员按人头计酬）), or with only budget
#: boilerplate after it (…服务（采购纪念品及宣传礼品）项目: ``_explained`` checks the rest)
_CLOSING = on_first_use(r"[（(]([^（）()]+)[）)]([^（）()]*)$")
#: the kinds of hit a bracket can explain a service as: staff, works, an own duty, goods, a
#: subsidy paid out
_EXPLAINING = frozenset(
    ("excluded:staffing", "excluded:works", "excluded:duty", "excluded:goods", "excluded:transfer")
)
#: a bracket that ends in a body names who buys or does the service (…（市学生资助中心）), not
#: what is paid
_BODY_BRACKET = on_first_use(r"(?:中心|站|所|局|办|委|会|院|处|科|队|厅)$")
#: how a bracket says goods are bought (…采购, 发放…), not only counted
_GOODS_BOUGHT = ("采购", "购置", "购买", "购进", "配备", "配置", "发放", "更新", "添置")


#: what parts the items of a bracket's list (站房改造、站点运行维护、数据审核质控)
_ITEMS = on_first_use(r"[、，,；;]")


def _explained(matcher: Matcher, s: str, hits: list[Hit]) -> bool:
    """Whether every hit of ``s`` (as the rules read it) is in its closing bracket, and the
    bracket says what the service named before it is (派驻专员按人头计酬), not what it includes
    as well (含…, or a list with an item of its own that is a service: 站房改造、站点运行维护)."""
    m = _CLOSING.search(s)
    if m is None or not only_boilerplate(m.group(2)) or m.group(1).lstrip().startswith(INCLUDING):
        return False
    inside = m.group(1)
    start = m.start(1)
    for sep in [*_ITEMS.finditer(s, m.start(1), m.end(1)), None]:
        end = sep.start() if sep else m.end(1)
        # an item no hit touches that ends in a service (数据审核质控) is content of its own:
        # the bracket lists what the project includes
        if has_han(s[start:end]) and not any(h.start < end and h.end > start for h in hits):
            part = _prepared(matcher, s[start:end])
            if part is not None and part.reading.heads and not _ends_in_thing(part):
                return False
        start = sep.end() if sep else end
    for h in hits:
        if not m.start(1) <= h.start < h.end <= m.end(1):
            return False
        if h.category not in _EXPLAINING:
            return False
        if h.category == "excluded:transfer" and _BODY_BRACKET.search(inside.strip()):
            return False  # (a fund in a body's name: …学生资助中心 buys, is not paid)
        if h.category == "excluded:goods" and not any(v in inside for v in _GOODS_BOUGHT):
            return False  # goods counted, not bought (（入网仪器412台套）: what is served)
    return True


#: the kinds of word a service ends in (监测, 组织承办), with framing words passed over
_DOING = frozenset(("service", "activity"))


def _listed_with(s: str, rest: str, hits: list[Hit]) -> bool:
    """Whether ``rest`` (what no hit touches) is one item written before the first hit of ``s``
    (as the rules read it) in the same clause, joined to it by a list's words (、, 及, 和, 等)."""
    first = min(h.start for h in hits)
    return "，" not in rest and rest in s[list_clause_start(s, first) : first]


def _ends_in_thing(prepared: Prepared) -> bool:
    """Whether the last word of ``prepared``, framing and qualifying words passed over, is a
    thing (an object, goods, a run the lexicon lacks), not a service or one of its steps."""
    last = prepared.reading.last_word(("modifier", "qualifier", "sep"))
    return last is not None and last.kind not in _DOING


def _turnkey(s: str, hits: list[Hit]) -> bool:
    """Whether ``s`` (as the rules read it) fired a works rule and is a turnkey contract (EPC,
    总承包) that does not also run what it builds."""
    if not any(h.category == "excluded:works" for h in hits):
        return False
    return _TURNKEY.search(s) is not None and _OPERATED.search(s) is None


def _prepared(matcher: Matcher, text: str) -> Prepared | None:
    try:
        prepared = matcher.prepare(text)
    except InvalidText:
        return None
    return prepared if prepared.has_content else None


class _Reading:
    """What a text says whatever the buyer it is checked for: the prepared text, the project
    name before a description, the exclusion rules it fires and the clauses they leave."""

    __slots__ = (
        "_outside",
        "_outside_read",
        "_rest_excluded",
        "_searchable",
        "head",
        "hits",
        "listed",
        "matcher",
        "prepared",
        "project",
        "rest",
        "text",
        "work",
    )

    def __init__(self, matcher: Matcher, text: Any, work: str = "") -> None:
        self.matcher = matcher
        self.prepared = matcher.prepare(text)  # (junk of any type is refused here)
        self.text: str = text
        #: the work of the buyer's name put before the text (``_read_as``), or ""
        self.work = work
        self._searchable: str | None = None  # worked out once, when first asked
        self._outside: tuple[str, str] | None = None  # (the same)
        self._outside_read = False
        self.listed = False  # whether the head is a name before the list of what it includes
        self.head = self._head(text)
        self.project = self._project(text)
        # the rules read Chinese words as written together: a space a cell puts between them
        # (监测设备 采购安装, 水质自动站 建设) does not part them; who won the award is not
        # read (湖南工程职业技术学院 names no works)
        ruled = _han_joined(without_awarded(without_classification(text)))
        hits = find_exclusions(ruled, self.prepared.reading)
        if work and ruled.startswith(work):
            # the work put before the text names the buyer, not what is bought: 建设工程 of a
            # 建设工程质量安全监督站 is no works the line buys
            hits = [h for h in hits if h.start >= len(work)]
        self.hits = [h for h in hits if not _protected(matcher, h)]
        if self.hits and self._described(ruled):
            self.hits = []
        self.rest = None
        self._rest_excluded: bool | None = None  # worked out once, when first asked
        if self.hits:
            ruled = nfkc(ruled)  # as the rules read it: the hits' positions are in it
            rest = _remainder(ruled, self.hits)
            prepared = _prepared(matcher, rest) if rest and has_han(rest) else None
            # a bundle needs a service beside what is excluded: 口蹄疫 left of 疫苗采购, or
            # 四川省发展 left of a 发展和改革委员会 cut at 和, names none
            self.rest = prepared if prepared is not None and prepared.reading.heads else None
            if (
                self.rest is not None
                and any(h.rule.id.endswith(".specification") for h in self.hits)
                and _SERVICE_FIELDS.search(ruled) is None
            ):
                # a notice's item block with a good's or a works' own fields (品牌：, 规格型号：,
                # 施工工期：) and none of a service's describes that good or works whole: its
                # name and its use (名称：…监测设备；…用途：隐患点监测预警) are no service beside it
                self.rest = None
            if self.rest is not None and _turnkey(ruled, self.hits):
                # a turnkey contract (EPC, 总承包) builds the whole project it names, the
                # services written in its name (治理, 管控) included: works, no bundle; one that
                # also runs what it builds (EPC+O, …及运营) is a bundle
                self.rest = None
            if (
                self.rest is not None
                and all(h.category == "excluded:goods" for h in self.hits)
                and _listed_with(ruled, rest, self.hits)
                and _ends_in_thing(self.rest)
            ):
                # what is left is an item listed with the goods in the clause that buys them
                # and ends in a thing, not a service (巡诊车 of 巡诊车及便携式彩超设备购置,
                # 虫情测报灯 of 虫情测报灯、孢子捕捉仪等…设备购置): goods bought too, no service
                # beside them
                self.rest = None
            if self.rest is not None and _explained(matcher, ruled, self.hits):
                # a closing bracket that says what the named service is (入企服务（派驻专员按人头
                # 计酬）, 宣传服务（新建文化长廊）): what is really bought, no bundle; one that
                # says what it includes (（含设备采购）) is a bundle
                self.rest = None

    def searchable(self) -> str:
        """The text as the word lists are looked for in it (``_searchable``), once per text: a
        batch decides a reading again for each buyer of the same line."""
        if self._searchable is None:
            self._searchable = _searchable(self.text)
        return self._searchable

    def outside_field(self) -> tuple[str, str] | None:
        """The first word of the text that names the field of a body with no list, and that
        body (``_outside_field``), once per text: a no-buyer line asks it twice."""
        if not self._outside_read:
            self._outside = _outside_field(self.searchable())
            self._outside_read = True
        return self._outside

    def _described(self, text: str) -> bool:
        """Whether what ``text`` buys is written after a name that fired the rules: a project
        name, then ：or —— and what is done (高素质农民培育工程：委托培训机构开展…培训;
        监测站点建设项目（主要内容：…土壤采样监测，不含站点建设）). The content decides when every
        hit lies in the name and the content names a service and fires no rule itself."""
        m = _DESCRIPTION.search(text)
        if m is None or any(h.end > m.start() for h in self.hits):
            return False
        content = text[m.end() :]
        if _BUYS.search(NOT_BOUGHT.sub("", content)):
            return False  # the description buys goods itself
        prepared = _prepared(self.matcher, content) if has_han(content) else None
        if prepared is None or not any(h.kind == "service" for h in prepared.reading.heads):
            # (a description whose work the second batch does not list, 落架维修 of a 修缮
            # 工程, says nothing against the name)
            return False
        return not any(
            not _protected(self.matcher, h) for h in find_exclusions(content, prepared.reading)
        )

    def bundled(self, departments: tuple[str, ...] | None) -> Scored | None:
        """The listed service the rest names (of ``departments``), if any: among the rest's
        best BUNDLE_CANDIDATES, the first that scores IN_SCOPE or more and is of the rest's own
        kind of service (SURE_SERVICE). An entry only near it (小麦一喷三防 of …种植补助 is near
        a test, no test) is no listed service."""
        if self.rest is None:
            return None
        ranked = self.ranked(
            departments, scoring.BUNDLE_CANDIDATES, prepared=self.rest, floor=scoring.IN_SCOPE
        )
        sure = (s for s in ranked if s.service >= scoring.SURE_SERVICE)
        return next((s for s in sure if s.score >= scoring.IN_SCOPE), None)

    def rest_excluded(self) -> bool:
        """Whether the clauses no hit touches are excluded too (快检试剂 beside 快检设备购置:
        goods and goods, not a listed service bundled with goods). Asked only of a rest that
        matches an entry well enough to count (once per text: a batch decides a reading again
        for each buyer of the same line)."""
        if self._rest_excluded is None:
            rest = self.rest
            self._rest_excluded = rest is not None and any(
                not _protected(self.matcher, h)
                for h in find_exclusions(rest.original, rest.reading)
            )
        return self._rest_excluded

    def _head(self, text: str) -> Prepared | None:
        """The first clause of ``text``, when more follows it and it has something of its own
        to match: a project name followed by its description."""
        text = without_packages(text).strip()  # (包1：…；包2：…: the first lot, not 包1)
        label = _CONTENT_LABEL.match(text)
        if label is not None:  # (服务内容：…: what follows the label is the line)
            text = text[label.end() :]
        m = _HEAD_END.search(text)
        # (a listing has a 、 in it: most lines need no search for one)
        listing = _LISTING.search(text) if "、" in text else None
        listed = False
        if (
            listing is not None
            and (m is None or m.start() >= listing.start())
            and self._services_listed(text[listing.start() :])
        ):
            # a name, then a closing bracket that lists the services it includes (舆情监测（全网
            # 信息监测、舆情日报、突发舆情研判）): the name is the project the list describes
            listed = True
            end = listing.start()
        elif m is None or not has_han(text[m.end() :]):
            return None
        else:
            end = m.start()
        head = _prepared(self.matcher, text[:end])
        if head is None or len(head.canonical) < 4:
            return None
        if (
            not listed
            and m is not None
            and not m.group().strip()
            # (名称：… 服务范围：…: a notice's labelled name, the next field after a space)
            and (label is None or _FIELD_LABEL.match(text, m.end()) is None)
            and _other_service(self.matcher, head, self.prepared)
        ):
            # a first clause set apart by a space only, whose service is of another kind
            # than the line's (加强统计人才队伍建设 2026年度统计专业职称评审组织: a goal, then
            # the line), is no project name that the rest describes
            return None
        self.listed = listed
        return head

    def _services_listed(self, bracket: str) -> bool:
        """Whether a bracket's list is one of services: a service of the second batch's
        kinds, and no goods, costs or services it does not list (水电、通讯、差旅 are what a
        station's upkeep pays), nor the field of a body with no list (医疗机构院感监测 of a
        生态环境监测 is a health body's), nor money (技术服务费、其他支出: a breakdown of the
        budget, not of the work)."""
        listed = _prepared(self.matcher, bracket)
        if listed is None:
            return False
        tokens = listed.reading.tokens
        return (
            any(t.kind == "service" for t in listed.reading.heads)
            and not any(t.kind in ("unlisted", "goods") for t in tokens)
            and _outside_field(_searchable(bracket)) is None
            and _COST_ITEM.search(bracket) is None
        )

    def _project(self, text: str) -> Prepared | None:
        """The project after the programme a project-library row writes first, or what a
        notice's opening buys after its policy and purpose (:meth:`_after_preamble`), when it
        names a service of its own: neither dilutes what is bought."""
        m = None if _PROGRAMME_MARKS.isdisjoint(text) else _PROGRAMME.match(text)
        if m is None:
            return self._after_preamble(text)
        if not has_han(text[m.end() :]):
            return None
        if m.group().rstrip(" " + _PROGRAMME_SEPARATORS).endswith(("类", "服务")):
            # a budget's category (保障运转类-…工作经费) or a kind of service (财务会计审计服务—…)
            # says what the row is, not a programme it is part of
            return None
        project = _prepared(self.matcher, text[m.end() :])
        if project is None or not any(h.kind == "service" for h in project.reading.heads):
            return None
        return project

    def _after_preamble(self, text: str) -> Prepared | None:
        """What a notice's opening sentence buys after the clauses of policy and purpose it
        begins with (为提高…质量，拟…委托…开展许可现场核查), when it names a service."""
        if not _PREAMBLE.match(text):
            return None
        pos = 0
        while (m := _CLAUSE_BREAK.search(text, pos)) is not None and _PREAMBLE.match(
            text, pos, m.start()
        ):
            pos = m.end()
        if not pos or not has_han(text[pos:]):
            return None
        bought = _prepared(self.matcher, text[pos:])
        if bought is None or not any(h.kind == "service" for h in bought.reading.heads):
            return None
        return bought

    def ranked(
        self,
        departments: tuple[str, ...] | None,
        limit: int,
        exclude: tuple[str, ...] = (),
        prepared: Prepared | None = None,
        floor: float = 0.0,
    ) -> list[Scored]:
        """The best entries (of ``departments``; not of ``exclude``) for the text, or for its
        project name when that fits better: a description does not dilute the name it
        describes. ``departments`` are the buyer's. ``floor`` (with ``prepared``): only an entry
        that scores at least this matters (see :meth:`Matcher.rank`)."""
        matcher = self.matcher
        buyer = departments or ()
        found = matcher.rank(
            prepared or self.prepared, departments, limit, exclude=exclude, buyer=buyer, floor=floor
        )
        if prepared is None:
            for part in (self.head, self.project):
                if part is None:
                    continue
                better = matcher.rank(part, departments, limit, exclude=exclude, buyer=buyer)
                if (
                    better
                    and (not found or better[0].score > found[0].score)
                    # the project alone must find the entry the whole row finds: the
                    # programme often names the object (水污染防治—…断面水质采样分析), and so
                    # does the purpose of a notice's opening
                    and (part is self.head or not found or better[0].model is found[0].model)
                    # a name before the list of what it includes is the project, but another
                    # entry it finds alone does not overturn the one the whole line finds
                    and not (
                        part is self.head
                        and self.listed
                        and found
                        and found[0].score >= scoring.IN_SCOPE
                        and better[0].model is not found[0].model
                    )
                ):
                    found = better
        if departments is None and prepared is None and len(found) > 1:
            found = _field_first(self.matcher, found)
        return found

    def candidate(self, scored: Scored) -> Candidate:
        return self.matcher.candidate(scored.prepared, scored)


def _field_first(matcher: Matcher, found: list[Scored]) -> list[Scored]:
    """``found`` (no buyer, best first) with its best entry put after one of the same kind of
    service scoring within ``MARGIN`` of it, from the department whose field holds most of the
    line's object (at least ``OBJECT_IN_FIELD``), when the best names no object of its own (a
    media-publicity entry, 新媒体制作维护宣传服务, says how, not about what: 保障性住房政策解读
    宣传片 is the housing bureau's publicity), or names little of the line's (entry coverage
    below ``NAMED_OBJECT``) and neither names nor holds in its department's field most of it
    (国土空间规划从业人员培训服务 shares only 从业人员 with 星级饭店和旅行社从业人员培训, which
    is culture and tourism's). No score changes; the verdict is decided on the entry put first,
    as for any line."""
    top = found[0]
    if not top.prepared.names_object:
        return found
    if top.model.parts and (
        top.entry_coverage >= scoring.NAMED_OBJECT
        or matcher.field_share(top) >= scoring.OBJECT_IN_FIELD
    ):
        return found  # it names the line's object, or its department's field holds it
    shares = matcher.field_shares(top.prepared)
    if not shares:
        return found
    most = max(shares.values())
    for i, other in enumerate(found[1:], 1):
        if top.score - other.score > scoring.MARGIN:
            break
        d = other.model.department
        share = shares.get(d, 0.0)
        if (
            d != top.model.department
            and share >= scoring.OBJECT_IN_FIELD
            and share >= most
            and other.service >= scoring.SAME_FAMILY
        ):
            return [other, *found[:i], *found[i + 1 :]]
    return found


def error_verdict(text: object, message: str, department: str | None = None) -> Verdict:
    """The verdict of a row that cannot be checked: ``error``, with the reason."""
    return Verdict(
        text=text if isinstance(text, str) else "",
        department=department,
        verdict="error",
        reasons=(Reason(category="error", message=message, basis="输入"),),
        candidates=(),
    )


def _other_service(matcher: Matcher, head: Prepared, whole: Prepared) -> bool:
    """Whether the line's main service is a listed service of a kind unrelated to the main
    service of its first clause ``head``, or a service the second batch does not list that
    the first clause does not name (统计联网直报平台 软件开发: software is what is bought)."""
    if any(h.kind == "unlisted" for h in whole.reading.main) and not any(
        h.kind == "unlisted" for h in head.reading.main
    ):
        return True
    mains = [h for h in whole.reading.main if h.kind == "service" and h.family is not None]
    heads = {h.family for h in head.reading.main if h.family is not None}
    if not mains or not heads:
        return False
    related = matcher.lexicon.related
    near = heads.union(*(related.get(f, ()) for f in heads))
    return all(h.family not in near for h in mains)


def _read_as(text: Any, buyer: BuyerReading | None) -> tuple[Any, str]:
    """The text as matched for ``buyer``, and the work put before it: in simplified characters
    (:mod:`catalogue.script`), after the work a unit is named for (不动产登记 of 不动产登记中心),
    when the text does not say it, since the unit buys for that work (its publicity, its
    hotline), as when the unit's name begins the text. Not when that work is a kind of service
    (推广 of 农业技术推广中心) and the text names services of other kinds only (病虫害监测点运行
    维护): the text says what is bought."""
    if type(text) is not str:
        return text, ""  # (refused when it is read)
    text = to_simplified(text)  # 環境監測 is 环境监测
    work = buyer.work if buyer is not None else ""
    if work and work not in text and has_han(text):
        kinds = _service_kinds(work)
        if kinds:
            heads = lexicon().read(text).heads
            if heads and not any(h.family in kinds for h in heads):
                return text, ""
        return work + text, work
    return text, ""


@lru_cache(maxsize=256)
def _service_kinds(work: str) -> frozenset[str]:
    """The kinds of service a unit's work names (推广 of 农业技术推广; none of 不动产登记).
    Bounded: the buyers of all labelled texts name 106 distinct works, and a miss costs one
    reading of a short word (about 10 µs)."""
    return frozenset(h.family for h in lexicon().read(work).heads if h.family is not None)


def _names_the_thing(top: Scored) -> bool:
    """Whether the line names every object word of an entry whose name has no service word of
    its own: the entry is a named thing (a campaign, “诚信质量万里行”服务, whose service only
    its level-3 name says), and a line that names it names what is bought, though it writes no
    service word either (诚信质量万里行活动)."""
    m = top.model
    if any(h in m.name for h in m.head_texts):
        return False  # the entry's name says its service: the line must say one too
    keys = top.prepared.keys
    words = [w for part in m.parts for w in part if w.token.kind != "qualifier"]
    return bool(words) and all(not keys.isdisjoint(w.keys) for w in words)


def _bare_service_rival(reading: _Reading, top: Scored, department: str) -> Scored | None:
    """For a line with no buyer whose best entry is ``top``: another department's entry of
    the same kind of service that scores at least REVIEW, when the line names a service but
    no object that says which (宣传, 评审, 检测服务); ``None`` when something does say it —
    a word of the line's object, a qualifier the entry names (安全 of 安全宣传), the
    department's name (统计专项调查), the entry's own compound service word that the other's
    name lacks (执法监测), a service word no other entry's name has (评残), or a kind of service
    only the top entry is (村晚 beside a 大赛)."""
    prepared = reading.prepared
    model = top.model
    if any(
        not qualifier and word.token.kind != "unknown" and word.weight > scoring.NAME_WEIGHT
        for word, (_, _, _, _, _, qualifier) in zip(prepared.words, prepared.infos, strict=True)
    ):
        # a word of the line's object says which: a word the lexicon knows (a run the lexicon
        # lacks, 反邪教, says nothing of whose list it is; nor does a service word of a quoted
        # campaign's name, weighed as a name: 宣传周 of “宪法宣传周”普法宣传活动)
        return None
    if reading.matcher.names_department(prepared, department):
        return None
    others = reading.ranked(None, 1, exclude=(department,))
    if not others:
        return None
    if any(
        model.position in full and others[0].model.position not in full
        for full in (info[1] for info in prepared.infos)
    ):
        return None  # ... or a word the entry's name has and the rival's lacks (安全 of 安全宣传)
    if model.generic:
        # an entry about its department's whole field scores high on a line with no object
        # for nothing the line says (业务培训 and 退役军人职业技能培训服务): another
        # department's entry of the same kind of service is a rival from KIND_REVIEW
        if others[0].score < scoring.KIND_REVIEW or others[0].service < scoring.SAME_FAMILY:
            return None
    elif others[0].score < scoring.REVIEW:
        return None
    rival = others[0].model
    heads = prepared.reading.heads
    related = reading.matcher.lexicon.related
    kinds = set(model.families).union(*(related.get(f, ()) for f in model.families))
    own_kind = any(
        h.family in model.families and h.family not in rival.families for h in heads
    ) and not any(h.family in rival.families and h.family not in kinds for h in heads)
    own_word = any(
        (h.text in model.head_texts and compound_service(h.text))
        # a service word only the top entry's name has (评残 of 评残等级鉴定; of 信息服务, its
        # 信息: 服务 says nothing)
        or (len(_bare(h.text)) > 1 and reading.matcher.entries_named(_bare(h.text)) == 1)
        for h in heads
        if h.text not in rival.entry.name
    )
    return None if own_kind or own_word else others[0]


def _bare(service: str) -> str:
    """A service word without the 服务 it ends in (信息服务 -> 信息)."""
    return service.removesuffix("服务") or service


def buyer_result(reading: BuyerReading, from_text: bool = False) -> Buyer:
    """The :class:`~catalogue.results.Buyer` of a reading (made without validation: the
    reading is the library's own); one object for the rows of the same buyer (it is
    immutable)."""
    key = (reading, from_text)
    found = _buyers.get(key)
    if found is None:
        if len(_buyers) >= _BUYERS:
            _buyers.clear()
        found = _buyers[key] = _new_buyer(reading, from_text)
    return found


#: the buyers of verdicts made so far: a table names a few dozen buyers (a batch remembers
#: 1,024 readings of buyers' names at most); a Buyer is about 1 KB with its reading
_BUYERS = 1024
_buyers: dict[tuple[BuyerReading, bool], Buyer] = {}


def _new_buyer(reading: BuyerReading, from_text: bool) -> Buyer:
    return Buyer(
        written=reading.written,
        departments=reading.departments,
        kind=reading.kind,  # type: ignore[arg-type]
        from_text=from_text,
        core=reading.core or None,
        reading=reading.reading,
    )


def _decide(reading: _Reading, text: str, buyer: BuyerReading | None, limit: int) -> Verdict:
    """The verdict for a read text and a read buyer (``None``: none given)."""
    found = _Decision(reading, text, buyer, limit).decide()
    if (
        buyer is None
        and found.verdict in ("review", "out_of_scope")
        # a field of a body with no list (反诈, 饮水安全) makes the line no department's
        and reading.outside_field() is None
        and reading.prepared.agency is None
    ):
        return _as_its_fields(reading, text, found, limit) or found
    return found


def _as_its_fields(reading: _Reading, text: str, found: Verdict, limit: int) -> Verdict | None:
    """A line with no buyer, for review or not listed only for want of certainty, whose object
    lies in one department's field, read as that department's: ``in_scope`` when it is for that
    department's buyer, with the same first entry (乡村旅游带头人培训: 乡村旅游 lies in 文化和
    旅游's field alone, and 文化和旅游行业人才队伍培训服务 is its entry). A person who reads a
    line with no buyer asks whose field it is about, as the ranking does for review
    (``OBJECT_IN_FIELD``); ``None``: not so (another reason decided, the object is of no field
    or of two, or that department's buyer would not make it in scope)."""
    if not found.candidates or any(
        r.category not in ("ambiguous", "not_listed") for r in found.reasons
    ):
        return None
    prepared = reading.prepared
    if not prepared.names_object:
        return None
    top = found.candidates[0]
    shares = reading.matcher.field_shares(prepared)
    share = shares.get(top.department, 0.0)
    if share < scoring.OBJECT_IN_FIELD or sum(v >= share for v in shares.values()) > 1:
        return None
    buyer = Tree.read_buyer(reading.matcher.tree, top.department)
    theirs = _Decision(reading, text, buyer, limit).decide()
    # (in scope for that buyer is in scope under that department's list, with a first entry)
    if theirs.verdict != "in_scope" or theirs.candidates[0].code != top.code:
        return None
    words = [
        word
        for _, _, _, fields, word, qualifier in prepared.infos
        if not qualifier and fields.get(top.department, 0.0) > 0
    ]
    note = Reason(
        category="buyer",
        message=(
            f"未指定购买主体：文本的对象属于“{top.department}”的领域，按该部门的目录判断；"
            "购买主体不是该部门时须另行核对"
        ),
        basis=f"文本中的“{'、'.join(dict.fromkeys(words))}”属于“{top.department}”的领域",
    )
    return Verdict(
        text=text,
        department=top.department,
        verdict="in_scope",
        reasons=(*theirs.reasons, note),
        candidates=theirs.candidates,
        buyer=None,
    )


class _Decision:
    """One verdict in the making: the reasons found so far, the entries that may be shown and
    the candidates made of them.

    A class, not a function with nested ones: compiled, nested functions that call each other
    share their function's frame, which holds them in turn, so every verdict left a reference
    cycle behind (about 20 objects a line, the ranked entries with them) that only the garbage
    collector freed: on 8,000 distinct lines its young collections ran 661 times and freed
    368,279 objects (now 365 times, 238 objects; the lines check about 5% faster). An object's
    bound methods make no cycle: all of it is freed with the verdict.
    """

    __slots__ = (
        "buyer",
        "departments",
        "from_text",
        "limit",
        "made",
        "named_thing",
        "order",
        "ranked",
        "reading",
        "reasons",
        "shown",
        "text",
    )

    def __init__(
        self, reading: _Reading, text: str, buyer: BuyerReading | None, limit: int
    ) -> None:
        prepared = reading.prepared
        from_text = False
        if buyer is None and prepared.agency is not None:
            buyer, from_text = prepared.agency, True
        self.reading = reading
        self.text = text
        self.buyer = buyer
        self.from_text = from_text
        self.limit = limit
        self.departments: tuple[str, ...] = buyer.departments if buyer is not None else ()
        self.reasons: list[Reason] = []
        #: the entries that may be shown; a candidate (with its explanation) is made only for
        #: those shown and those a reason names (on 20,000 distinct lines, 3,400 of 40,800 were
        #: made for nothing: another department's best entry of a line in scope, the one
        #: candidate too many)
        self.shown: list[Scored] = []
        self.made: dict[int, Candidate] = {}
        # best first; an entry the ranking put before better-scoring ones (``Matcher.rank``: a
        # specific entry before its department's whole-field one) stays before them
        self.order: dict[int, float] = {}
        self.ranked: list[Scored] = []
        # the line names no service but all of an entry that is a named thing: it names the
        # service
        self.named_thing = False

    def _shown_order(self, scored: Scored) -> float:
        return -self.order.get(id(scored), scored.score)

    def _own_first(self, scored: Scored) -> tuple[bool, float]:
        # the verdict is about the buyer's list: its entries first, the one the verdict names
        # at their head (another department's entry after them, unless the verdict is that
        # the line is that department's)
        return scored.model.department not in self.departments, self._shown_order(scored)

    def _where_named(self, buyer: BuyerReading) -> str:
        """Where the line names its buyer: at its start (孝义市生态环境局2025年…), as the last
        column of a table row pasted as one cell (…|地质灾害防治知识宣传|古交市河口镇人民政府),
        or in a column of its own inside one (项目 购买主体 承接主体 金额)."""
        cols = columns(self.text)
        if cols and cols[-1] == buyer.written and len(cols) > 1:
            return "末列"
        if buyer.written in cols[1:]:
            return "中单列一栏"
        return "开头"

    def candidate(self, scored: Scored) -> Candidate:
        made = self.made
        found = made.get(id(scored))
        if found is None:
            found = made[id(scored)] = self.reading.candidate(scored)
        return found

    def verdict(self, kind: VerdictName, department: str | None = None) -> Verdict:
        departments = self.departments
        reasons = self.reasons
        buyer = self.buyer
        if kind == "in_scope" and self.reading.prepared.typos:
            # a match made only by reading a character otherwise: the line as written is a
            # person's to confirm
            reasons.append(
                Reason(
                    category="ambiguous",
                    message="文本按同音字改读后才与条目相符，须人工确认原文的写法",
                    basis=_typo_basis(self.reading.prepared.typos),
                )
            )
            kind, department = "review", None
        if kind == "in_scope" and buyer is not None and buyer.slip:
            # whose list applies was read only by reading a character of the buyer's name
            # otherwise: the name as written is a person's to confirm
            reasons.append(
                Reason(
                    category="ambiguous",
                    message="购买主体的名称按同音字改读后才读出部门，须人工确认原文的写法",
                    basis=f"购买主体“{buyer.written}”",
                )
            )
            kind = "review"
        if kind == "in_scope" and buyer is None:
            outside = self.reading.outside_field()
            if outside is not None:
                # no buyer, and the line names the field of a body with no list of the second
                # batch (反诈 of 公安, 饮水安全 of 水利): whose the line is, a person says
                reasons.append(_outside_field_reason(*outside))
                kind, department = "review", None
        if kind == "in_scope":
            own = _own_use_word(self.reading.searchable())
            if own is not None:
                # the buyer's own office, canteen, equipment or staff: its own upkeep, which no
                # department's list of the second batch holds (a person confirms: the line may
                # be about many bodies' buildings, or buy a listed service for the public too)
                reasons.append(_own_use_reason(own))
                kind = "review"
        if department is None and len(departments) == 1:
            department = departments[0]
        candidate = self.candidate
        return Verdict(
            text=self.text,
            department=department,
            verdict=kind,
            reasons=tuple(reasons),
            candidates=tuple(
                [
                    candidate(s)
                    for s in sorted(
                        self.shown,
                        key=self._own_first
                        if departments
                        and not any(r.category == "other_department" for r in reasons)
                        else self._shown_order,
                    )[: self.limit]
                ]
            ),
            buyer=buyer_result(buyer, self.from_text) if buyer is not None else None,
        )

    def only_near(self, best: Candidate) -> Verdict | None:
        """Review when the best entry scores IN_SCOPE but the line is about another aspect of
        its object (价格 where the entry names 质量: ``_other_aspect``), the line's main service
        is only near the entry's (``Matcher.sure``), or the line also buys work on an
        information system (平台建设及检测服务); ``None`` when it is the entry's kind of service
        and nothing else."""
        ranked = self.ranked
        matcher = self.reading.matcher
        aspects = _other_aspect(self.reading.searchable(), best.name)
        if aspects is not None:
            self.reasons.append(_other_aspect_reason(best, *aspects))
            return self.verdict("review", best.department)
        if (
            not self.named_thing
            and not matcher.sure(ranked[0])
            and not self._named_by_head(ranked[0])
        ):
            self.reasons.append(_near_service_reason(best))
            return self.verdict("review", best.department)
        beside = _system_work(ranked[0].prepared)
        for removed in ranked[0].prepared.removed:
            # a closing bracket the reading set aside for the service before it may list
            # upkeep or building of an information system bought with it (科技数据服务（门户网站
            # 运维、…）); a lease it lists is the service's own means (（含场地租赁及食宿）), a
            # system it names a topic (培训（编程调试与系统集成应用）)
            inside = _BRACKET_INSIDE.match(removed)
            if inside is not None and has_han(inside.group(1)):
                part = _prepared(matcher, inside.group(1))
                if part is not None:
                    beside.extend(w for w in _system_work(part) if _system_upkeep(w))
        if not beside:
            return None
        self.reasons.append(_beside_unlisted_reason(best, beside))
        return self.verdict("review", best.department)

    def _named_by_head(self, top: Scored) -> bool:
        """Whether the project name before a description (地表水断面委托监测：…水质采样分析)
        names the entry's kind of service: the name says what is bought, the description the
        work it takes, whose last word need not be the entry's service."""
        head = self.reading.head
        if head is None or top.prepared is head:
            return False
        matcher = self.reading.matcher
        scored = matcher.score(head, top.model, self.departments)
        return scored is not None and scored.score > 0 and matcher.sure(scored)

    def _object_whole(self, best_score: float) -> bool:
        """Whether a best entry between REVIEW and IN_SCOPE is a match all the same: the line's
        main service is the entry's kind of service, the line names a word of the entry's own
        object, and the entry's name or its department's field explains ``WHOLE_OBJECT`` of the
        line's object (what is left unexplained is how the line is framed: places, events,
        wrappers)."""
        if not scoring.REVIEW <= best_score < scoring.IN_SCOPE or not self.ranked:
            return False
        top = self.ranked[0]
        matcher = self.reading.matcher
        return (
            matcher.sure(top)
            and matcher.names_own_object(top)
            and matcher.field_share(top) >= scoring.WHOLE_OBJECT
        )

    def decide(self) -> Verdict:
        """The verdict."""
        reading = self.reading
        text = self.text
        buyer = self.buyer
        from_text = self.from_text
        departments = self.departments
        prepared = reading.prepared
        outside = buyer is not None and not departments
        scope = departments or None
        reasons = self.reasons
        shown = self.shown
        order = self.order
        candidate = self.candidate
        verdict = self.verdict
        only_near = self.only_near

        if from_text and buyer is not None:
            reasons.append(
                Reason(
                    category="buyer" if departments else "outside_buyer",
                    message=f"文本{self._where_named(buyer)}的机关名称表明购买主体：{buyer.reading}",
                    basis=f"文本中的机关名称“{buyer.written}”",
                    department=departments[0] if len(departments) == 1 else None,
                )
            )
        elif buyer is not None and buyer.kind == "merged":
            reasons.append(
                Reason(
                    category="buyer",
                    message=buyer.reading,
                    basis=f"购买主体“{buyer.written}”",
                )
            )
        if buyer is not None and buyer.slip:
            reasons.append(
                Reason(
                    category="typo",
                    message=f"购买主体“{buyer.slip[0]}”按同音字读作“{buyer.slip[1]}”"
                    "（疑为输入时选错了同音字）",
                    basis=f"购买主体“{buyer.written}”",
                )
            )
        if buyer is not None and reading.work:  # read after its work (never a buyer from the text)
            reasons.append(
                Reason(
                    category="buyer",
                    message=f"购买主体“{buyer.written}”以其工作命名：文本按“{buyer.work}”的事项理解",
                    basis=f"购买主体“{buyer.written}”",
                )
            )

        if prepared.typos:
            reasons.append(
                Reason(
                    category="typo",
                    message="文本中"
                    + "，".join(
                        f"“{written}”按同音字读作“{read}”" for written, read in prepared.typos
                    )
                    + "（疑为输入时选错了同音字）",
                    basis=_typo_basis(prepared.typos),
                )
            )

        # a cell with nothing to buy in it: an agency name, a code, a number, framing words alone,
        # or a functional classification alone (2110301 大气: a heading or subtotal row of a table)
        if not prepared.has_content or (not prepared.reading.heads and classification_only(text)):
            what = (
                "文本只有机关或部门名称、代码、数字或“技术支持”“服务费”这样的泛称"
                if not prepared.has_content
                else "文本只是预算支出功能分类科目（代码和名称），是表格的标题或小计行"
            )
            reasons.append(
                Reason(
                    category="no_service",
                    message=f"{what}，没有写明要购买的服务，不是可判断的预算项目",
                    basis="财政部令第102号 第二条：政府购买服务的对象是服务事项",
                )
            )
            return verdict("out_of_scope")

        ranked = self.ranked = reading.ranked(scope, self.limit)
        named_thing = self.named_thing = (
            bool(ranked) and not prepared.reading.heads and _names_the_thing(ranked[0])
        )
        shown.extend(ranked)
        running = 0.0
        for scored in reversed(ranked):
            running = max(running, scored.score)
            order[id(scored)] = running
        best = candidate(ranked[0]) if ranked else None
        best_score = best.score if best is not None else 0.0

        hits = reading.hits
        if hits:
            reasons.extend(_excluded_reason(h) for h in hits)
            listed = reading.bundled(scope)
            if listed is not None and not reading.rest_excluded():
                rest_best = reading.candidate(listed)
                reasons.append(_matched_reason(rest_best))
                reasons.append(
                    Reason(
                        category="ambiguous",
                        message="该项目把目录内的服务与不得作为政府购买服务的内容打包在一起，"
                        "须拆分后由人工确认",
                        basis=_LAW_BUNDLED,
                    )
                )
                return verdict("review")
            return verdict("out_of_scope")

        if (
            not prepared.reading.heads
            and best is not None
            and best_score >= scoring.REVIEW
            and not named_thing
        ):
            # the line names no service: what is bought, a person says
            reasons.append(_uncertain_reason(best))
            return verdict("review")

        if outside:
            closest = best if best_score >= scoring.REVIEW else None
            if closest is None and reading.outside_field() is None:
                # below REVIEW, an entry of the kind of service the line ends in (≥ KIND_REVIEW)
                # is still the closest listed service for a person to weigh (分散供养特困人员健康
                # 体检 for a 民政局: 优抚对象体检), as for a buyer with a list whose entry of that
                # kind names another object; not when the line names the field of a body with
                # no list (禁毒宣传 for a 公安局)
                kind = _of_its_kind(ranked)
                if kind is not None and _ends_in_its_service(reading):
                    closest = candidate(kind)
            if closest is not None:
                reasons.append(
                    _entry_reason(
                        "outside_buyer",
                        f"第二批目录没有该购买主体的部门目录（{buyer.reading}）；"  # type: ignore[union-attr]
                        f"最接近的是“{closest.department}”目录 {closest.code}“{closest.name}”："
                        f"{closest.why}。该事项能否由此机关购买，须人工确认",
                        closest,
                    )
                )
                return verdict("review", closest.department)
            reasons.append(_not_listed_reason(None, best, buyer))
            return verdict("out_of_scope")

        if departments:
            # what the buyer's list scores, against another department's: its best score, which
            # the first entry need not have (an entry put first for naming the line's object)
            strength = max([best_score, *(scored.score for scored in ranked)])
            # another department's entry matters to a best of IN_SCOPE or more only when it
            # scores MARGIN more, which no score (at most 100) does over a best above 100 - MARGIN:
            # then the other departments are not ranked (the buyer's best is the verdict's either
            # way: on the lines of benchmarks/check_latency.py, 318 of the 342 that ranked them)
            if best_score >= scoring.IN_SCOPE and strength + scoring.MARGIN > 100.0:
                others = []
            else:
                others = reading.ranked(None, 1, exclude=departments)
            other_scored = others[0] if others else None
            if (
                other_scored is not None
                and other_scored.model.generic
                and (
                    not prepared.names_object
                    or (
                        ranked
                        and not ranked[0].model.generic
                        and ranked[0].entry_coverage >= scoring.NAMED_OBJECT
                    )
                )
            ):
                # another department's entry about its whole field, for a line that names no
                # object (十五五规划 for a 发改局): nothing says the line is in that field; nor for
                # a line whose object the buyer's own entry names (粮油供需状况调查 for a 粮食局:
                # 社会粮油供需平衡调查服务, not 统计专项调查服务)
                other_scored = None
            other_score = other_scored.score if other_scored is not None else 0.0
            elsewhere = other_scored is not None and other_score >= scoring.IN_SCOPE
            # the buyer's best names no object of its own that the line has (环境统计调查分析服务
            # for a 生态环境局: its 环境 is the bureau's own name), another department's entry names
            # one and scores more (公众生态环境评价调查服务 for 公众生态环境满意度调查): whose the
            # line is, a person says
            matcher = reading.matcher
            outnamed = (
                elsewhere
                and bool(ranked)
                and other_scored is not None
                and other_score > strength
                and not other_scored.model.generic
                and matcher.names_own_object(other_scored)
                and not matcher.names_own_object(ranked[0])
                # ... unless the line names the buyer's trade and the other entry is for its
                # own department's trade, which the line does not name (能源系列工程师职称评审
                # for a 能源局: not 工业和信息化领域经济师、工程师职称评审服务)
                and not (
                    matcher.names_department(prepared, ranked[0].model.department)
                    and matcher.names_own_trade(other_scored)
                    and not matcher.names_department(prepared, other_scored.model.department)
                )
            )
            if (
                best is not None
                and (best_score >= scoring.IN_SCOPE or self._object_whole(best_score))
                and not (elsewhere and other_score >= strength + scoring.MARGIN)
                and not outnamed
            ):
                near = only_near(best)
                if near is not None:
                    return near
                reasons.append(_matched_reason(best))
                return verdict("in_scope", best.department)
            other = None
            if other_scored is not None:
                shown.append(other_scored)
                if elsewhere:  # a reason names it
                    other = candidate(other_scored)
            if (
                other is not None
                and elsewhere
                and (
                    other_score >= strength + 2 * scoring.MARGIN
                    or (strength < scoring.REVIEW and other_score >= strength + scoring.MARGIN)
                )
                # the buyer's own list buys this kind of service (its best entry ≥ REVIEW, of the
                # line's main service): whether this object is its field, a person says
                and not (best_score >= scoring.REVIEW and reading.matcher.sure(ranked[0]))
                # a line with a service and no object (资格考试组织 for an 应急局) says nothing
                # that puts it in the other department's field: when the buyer's list has an
                # entry of that kind of service, whose object it is, a person says (below)
                and not (not prepared.names_object and _of_its_kind(ranked) is not None)
            ):
                if (
                    ranked
                    and ranked[0].score >= scoring.KIND_REVIEW
                    and reading.matcher.sure(ranked[0])
                    and other_scored is not None
                    and not reading.matcher.names_own_object(other_scored)
                    and not reading.matcher.names_department(
                        prepared, other_scored.model.department
                    )
                ):
                    # the other entry wins on its department's field words alone (广场 of 文化
                    # 和旅游, for a 发改委's 广场集中宣传活动; 油气管道 of 能源, for its 管道保护
                    # 宣传): it names no object of its own that the line has, the line does not
                    # name its department (退役军人优待政策宣传 is 退役军人's), and the buyer's
                    # list has an entry of the line's kind of service. Whose field the object
                    # is, a person says
                    reasons.append(_kind_reason(candidate(ranked[0])))
                    reasons.append(_other_department_reason(departments, other, weaker=True))
                    return verdict("review")
                reasons.append(_other_department_reason(departments, other))
                if from_text:  # the buyer was only read from the text: a person confirms
                    reasons.append(_uncertain_reason(other))
                    return verdict("review", other.department)
                return verdict("out_of_scope")
            if (
                best is not None
                and best_score >= scoring.REVIEW
                and elsewhere
                and other is not None
            ):
                if best_score >= scoring.IN_SCOPE:
                    reasons.append(_matched_reason(best))
                reasons.append(_other_department_reason(departments, other, weaker=True))
                reasons.append(_uncertain_reason(best))
                return verdict("review")
        elif best is not None and (
            best_score >= scoring.IN_SCOPE or self._object_whole(best_score)
        ):
            near = only_near(best)
            if near is not None:
                return near
            rival = _bare_service_rival(reading, ranked[0], best.department)
            if rival is not None:
                shown.append(rival)
                other = candidate(rival)
                services = "、".join(dict.fromkeys(h.text for h in prepared.reading.heads))
                unknown = "、".join(
                    dict.fromkeys(w.token.text for w in prepared.words if w.token.kind == "unknown")
                )
                what = (
                    f"文本只写了服务（{services}）和不属于任何部门领域的“{unknown}”，没有写明"
                    "属于哪个部门的对象"
                    if unknown
                    else f"文本只写了服务（{services}），没有写明对象"
                )
                reasons.append(
                    Reason(
                        category="ambiguous",
                        message=f"{what}，也没有购买主体；"
                        f"{best.department} {best.code}“{best.name}”和 {other.department} "
                        f"{other.code}“{other.name}”等多个部门的目录都有这类服务，须人工确认",
                        basis=f"{_entry_label(best)}；{_entry_label(other)}",
                    )
                )
                return verdict("review")
            reasons.append(_matched_reason(best))
            rivals = [
                candidate(c)
                for c in shown[1:]
                if c.model.department != best.department
                and c.score >= scoring.IN_SCOPE
                and c.score > best_score - scoring.MARGIN / 2
            ]
            if rivals:
                reasons.append(
                    Reason(
                        category="ambiguous",
                        message="其他部门也列有相近条目："
                        + "；".join(f"{c.department} {c.code}“{c.name}”" for c in rivals)
                        + "。请按购买主体确认",
                        basis="；".join(_entry_label(c) for c in rivals),
                    )
                )
            return verdict("in_scope", best.department)
        # nothing decided yet: a near match goes to a person, no match is not listed
        if best is not None and best_score >= scoring.REVIEW:
            reasons.append(_uncertain_reason(best))
            return verdict("review")
        # the first of the buyer's entries shown that is of the kind of service the line ends in
        kind = _of_its_kind(ranked)
        whose = None
        if kind is not None and _ends_in_its_service(reading):
            if departments:
                whose = "目录有这类服务"
            elif _only_one_lists(reading.matcher, prepared, kind, text):
                whose = "目录有这类服务（第二批目录只有该部门列有这类服务）"
            elif _in_its_field(reading.matcher, kind):
                whose = "目录有这类服务（文本的对象属于该部门的领域）"
            elif _service_in_its_field(reading.matcher, prepared, kind):
                whose = "目录有这类服务（文本所写的服务属于该部门的领域）"
        if kind is not None and whose is not None:
            shown_kind = candidate(kind)
            reasons.append(_kind_reason(shown_kind, whose))
            return verdict("review")
        nearest = (
            _of_its_object(ranked, departments)
            if departments and not any(t.kind == "unlisted" for t in prepared.reading.tokens)
            else None
        )
        if nearest is not None:
            shown_near = candidate(nearest)
            reasons.append(
                _entry_reason(
                    "ambiguous",
                    f"“{shown_near.department}”目录有这个对象的相近服务：{shown_near.code}"
                    f"“{shown_near.name}”（{shown_near.why}）；所买的服务是否属于该条目须人工确认",
                    shown_near,
                )
            )
            return verdict("review")
        reasons.append(_not_listed_reason(departments, best, buyer))
        return verdict("out_of_scope")


def _of_its_kind(ranked: list[Scored]) -> Scored | None:
    """The first of ``ranked`` (from the best) that is of the line's kind of service (a service
    of the same family or the same word) and scores at least ``KIND_REVIEW``."""
    for s in ranked:
        if s.score >= scoring.KIND_REVIEW and s.service >= scoring.SAME_FAMILY:
            return s
    return None


def _of_its_object(ranked: list[Scored], departments: tuple[str, ...]) -> Scored | None:
    """The first of ``ranked`` that is the buyer's, names the line's object (entry coverage at
    least ``NAMED_OBJECT``), is of the same or a related kind of service and scores at least
    ``KIND_REVIEW``: the buyer's list has the nearest service for what the line is about
    (能源消费统计数据会审会 for a 能源局: its energy statistics analysis)."""
    for s in ranked:
        if (
            s.model.department in departments
            and s.score >= scoring.KIND_REVIEW
            and s.service >= scoring.RELATED_FAMILY
            and s.entry_coverage >= scoring.NAMED_OBJECT
        ):
            return s
    return None


def _typo_basis(typos: tuple[tuple[str, str], ...]) -> str:
    written = "、".join(f"“{w}”" for w, _ in typos)
    return f"原文的{written}不是词表中的词语；改读的词语拼音相同（不计声调）"


def _only_one_lists(matcher: Matcher, prepared: Prepared, kind: Scored, text: str) -> bool:
    """Whether the line's main kind of service is listed by one department only, the entry's
    (入企服务: only 工业和信息化 lists it): with no buyer, that department is whose the line
    most likely is."""
    if any(t.kind == "goods" for t in prepared.reading.tokens) or _PURCHASE_AT_END.search(text):
        return False  # 救灾物资储备采购: what is bought is goods, whoever stocks them
    families = {h.family for h in prepared.reading.main if h.family is not None}
    return bool(families) and all(
        matcher.family_departments(f) == {kind.model.department} for f in families
    )


def _in_its_field(matcher: Matcher, kind: Scored) -> bool:
    """With no buyer, whether the line names an object that lies mostly in the field of the
    department whose entry does its kind of service (乡村旅游、民宿 of 文化和旅游, for a
    培训班 and 文化和旅游行业人才队伍培训服务): that department is whose the line most likely
    is, as the buyer's is when one is named."""
    return kind.prepared.names_object and matcher.field_share(kind) >= scoring.OBJECT_IN_FIELD


def _service_in_its_field(matcher: Matcher, prepared: Prepared, kind: Scored) -> bool:
    """With no buyer, whether a compound service word of the line lies wholly in the field
    of the department whose entry does its kind of service (满意度调查, 抽样调查 of 统计: a
    satisfaction survey of anything is a survey such a department buys). A bare word (调查,
    评价) says nothing of whose it is."""
    department = kind.model.department
    return any(
        compound_service(h.text)
        and matcher.word_fields(h.text).get(department, 0.0) >= scoring.HEAD_IN_FIELD
        for h in prepared.reading.heads
    )


#: a line that ends in a purchase (…储备采购, …轮换采购项目) buys what is named before it
_PURCHASE_AT_END = on_first_use(r"(?:采购|购置|购买)(?:项目)?\s*$")


def _ends_in_its_service(reading: _Reading) -> bool:
    """Whether the line ends in its main service (:func:`_ends_in_service`), or its project name
    before a description does: the description's verb comes before its object (粮油消费结构
    调查服务：委托…抽样调查城乡居民…粮油消费及市场购销量), the name says what is bought."""
    head = reading.head
    return _ends_in_service(reading.prepared) or (
        head is not None and not reading.listed and _ends_in_service(head)
    )


def _ends_in_service(prepared: Prepared) -> bool:
    """Whether the line ends in its main service, with only framing or qualifying words after
    it (书法艺术公益培训, 农贸市场快检服务): what it buys is that service. A line that ends in
    something else (档案密集架采购, 救援队员招聘经费) buys that."""
    reading = prepared.reading
    last = reading.last_word(("modifier", "qualifier", "sep", "activity"))
    if last is not None and any(last is h for h in reading.main):
        return True
    # an event read as the service its day or campaign names (环境日…活动承办: the day's
    # publicity) stands where its event word does, a framing word after the line's last other
    # word; a service read from steps (…收集、压缩和转运) is not one of these
    events = {t.start for t in reading.tokens if t.kind == "modifier"}
    return any(h.start in events and (last is None or h.start > last.start) for h in reading.main)


def _other_department_reason(
    departments: tuple[str, ...], other: Candidate, weaker: bool = False
) -> Reason:
    """Another department's entry covers the line; ``weaker``: the buyer's list has an entry
    that covers it less well (the line goes to review), not none."""
    mine = "、".join(departments)
    if weaker:
        said = f"“{mine}”目录中的条目不如它相符"
        return _entry_reason(
            "other_department",
            f"更符合“{other.department}”目录 {other.code}“{other.name}”（{other.why}），{said}",
            other,
        )
    return _entry_reason(
        "other_department",
        f"只列在“{other.department}”目录 {other.code}“{other.name}”（{other.why}），"
        f"不在“{mine}”目录中",
        other,
    )


def _kind_reason(c: Candidate, whose: str = "目录有这类服务") -> Reason:
    """The buyer's list (or, with no buyer, the department ``whose`` says) has an entry of the
    line's kind of service, ``c``; whether the line's object is that entry's, a person says."""
    return _entry_reason(
        "ambiguous",
        f"“{c.department}”{whose}：{c.code}“{c.name}”（{c.why}）；"
        "文本所写的对象条目没有写明，是否属于该条目须人工确认",
        c,
    )


def _near_service_reason(best: Candidate) -> Reason:
    return _entry_reason(
        "ambiguous",
        f"与 {best.department} {best.code}“{best.name}”相近（{best.why}），但所购买的服务与条目的"
        "服务只是相近而不相同，须人工确认",
        best,
    )


#: work done on a system named just before it, framing or qualifying words between (平台年度运维,
#: 平台的日常运行维护)
_SYSTEM_STEPS = frozenset({"运维", "维护", "运行维护", "升级", "建设", "开发", "升级开发"})
#: a system built, the verb first (建设…信息平台, 搭建…管理系统): the line's first word, whose
#: object runs to a system named last
#: the kinds of word that name work done (a service, a step of one, one the batch does not list)
_WORK_KINDS = frozenset({"service", "activity", "unlisted"})
_SYSTEM_BUILT = frozenset({"建设", "开发", "委托开发", "搭建", "构建", "升级", "升级改造", "新建"})


#: what a bracket the reading set aside holds (（…）, and any wrapping words after it)
_BRACKET_INSIDE = on_first_use(r"[（(]([^（）()]*)[）)]")


def _system_upkeep(work: str) -> bool:
    """Whether ``work`` (one of :func:`_system_work`'s) is work on a system: it names the system
    and the step (网站运维, 平台建设), not a lease or a system's topic alone."""
    return any(s in work for s in SYSTEM_WORDS) and any(s in work for s in _SYSTEM_STEPS)


def _system_work(prepared: Prepared) -> list[str]:
    """The line's work on an information system, which the second batch does not list
    (平台建设, 系统开发, 信息系统运维; 平台 and 运维 with framing or qualifying words between:
    平台年度运维, 平台的日常运行维护),
    its leasing (快检车租赁) and a base set up (培训基地建设): bought beside a listed service,
    part of the money is not for that service."""
    reading = prepared.reading
    found = [
        h.text
        for h in reading.heads
        if h.kind == "unlisted" and any(w in h.text for w in BESIDE_WORDS)
    ]
    words = [t for t in reading.tokens if t.kind not in ("modifier", "qualifier")]
    # the first work the line names (建设…信息平台; 委托软件公司开发…平台: who does it before)
    first = next((t for t in reading.tokens if t.kind in _WORK_KINDS), None)
    if (
        first is not None
        and first.text in _SYSTEM_BUILT
        and len(words) > 1
        and any(w in reading.tokens[-1].text for w in SYSTEM_WORDS)
        and not any(t.kind == "sep" for t in words)
    ):
        found.append(f"{first.text}…{reading.tokens[-1].text}")  # 建设…信息平台: a system built
    system = None
    for token in reading.tokens:
        if system is not None and token.kind not in ("modifier", "qualifier"):
            if token.text in _SYSTEM_STEPS:
                found.append(reading.text[system.start : token.end])
            system = None
        if token.kind in ("modifier", "unlisted") and any(w in token.text for w in SYSTEM_WORDS):
            system = token  # 平台, 信息系统: the next word that is not framing may be work on it
    return found


def _beside_unlisted_reason(best: Candidate, beside: list[str]) -> Reason:
    words = "、".join(f"“{w}”" for w in dict.fromkeys(beside))
    return _entry_reason(
        "ambiguous",
        f"与 {best.department} {best.code}“{best.name}”相符（{best.why}），但同一行还购买"
        f"第二批目录没有的{words}，两者一起购买，须人工确认能否拆分",
        best,
    )


def _uncertain_reason(best: Candidate) -> Reason:
    return _entry_reason(
        "ambiguous",
        f"与 {best.department} {best.code}“{best.name}”部分相符（{best.why}），"
        "不足以确定，须人工确认",
        best,
    )


def _not_listed_reason(
    departments: tuple[str, ...] | None, best: Candidate | None, buyer: BuyerReading | None
) -> Reason:
    if departments:
        where = "“" + "、".join(departments) + "”目录"
    elif buyer is not None:
        where = "第二批目录（该购买主体没有部门目录，已与全部部门的目录比较）"
    else:
        where = "第二批目录的任何部门"
    nearest = ""
    if best is not None:
        nearest = (
            f"；最接近的条目是 {best.department} {best.code}“{best.name}”"
            f"（{best.why}），相差太远，不能认定"
        )
    return Reason(
        category="not_listed",
        message=f"{where}中没有涵盖该项目的条目{nearest}。第二批目录未列入的事项，"
        "可能列在第一批目录或总目录中，须另行核对",
        basis=_LAW_NOT_LISTED,
        department=departments[0] if departments and len(departments) == 1 else None,
    )


@cache
def _own_use() -> WordTable[bool]:
    """The words that say a line is for the buying body itself (``lexicon.json``'s
    ``own_use``), read once."""
    return WordTable(dict.fromkeys((nfkc(w) for w in lexicon().data.own_use), True))


@cache
def _outside_fields() -> WordTable[str]:
    """Word -> the body with no list of the second batch whose field it names
    (``lexicon.json``'s ``outside_fields``), read once."""
    return WordTable(
        {
            nfkc(word): body
            for body, words in lexicon().data.outside_fields.items()
            for word in words
        }
    )


def _own_use_word(text: str) -> str | None:
    """The first own-use word of ``text`` (``_searchable``), or ``None``; not after 进:
    宣传进机关食堂 takes a campaign to other bodies' canteens."""
    for start, end, _ in _own_use().find_all(text):
        if not start or text[start - 1] != "进":
            return text[start:end]
    return None


def _outside_field(text: str) -> tuple[str, str] | None:
    """The first word of ``text`` (``_searchable``) that names the field of a body with no
    list, and that body; or ``None``."""
    found = _outside_fields().find_all(text)
    if not found:
        return None
    start, end, body = found[0]
    return text[start:end], body


#: quotation marks and title marks, which may split a word (“八五”普法)
_QUOTES = on_first_use(r"[“”\"‘’'《》「」『』〈〉]")


def _searchable(text: str) -> str:
    """``text`` as the word lists are looked for in it: without what it says it does not buy
    (不含…), without who won a notice's award (山西省水文水资源勘测院 names no field of the
    line) and without quotation marks."""
    return _QUOTES.sub("", NOT_BOUGHT.sub("", without_awarded(text)))


def _outside_field_reason(written: str, body: str) -> Reason:
    return Reason(
        category="ambiguous",
        message=(
            f"没有购买主体，文本写的“{written}”属于{body}的领域，第二批目录没有这一机关的部门目录；"
            "所买的是否属于相符的条目、由哪个部门购买，须人工确认"
        ),
        basis=_LAW_NOT_LISTED,
    )


#: aspects of a thing that a line or an entry may be about: a line about one of them that
#: names none of its entry's is about something else of the same object (电线电缆市场价格监测
#: is price monitoring, not 工业产品质量风险监测服务), though it names the object
_ASPECTS = ("质量", "价格")


def _other_aspect(text: str, name: str) -> tuple[str, str] | None:
    """The aspect ``text`` names and the one entry ``name`` names instead, when ``text`` names
    none of the entry's; ``None`` otherwise."""
    mine = [a for a in _ASPECTS if a in text]
    theirs = [a for a in _ASPECTS if a in name]
    if mine and theirs and not any(a in mine for a in theirs):
        return mine[0], theirs[0]
    return None


def _other_aspect_reason(best: Candidate, written: str, named: str) -> Reason:
    return Reason(
        category="ambiguous",
        message=(
            f"文本说的是对象的“{written}”，{best.department} {best.code}“{best.name}”说的是"
            f"“{named}”：对象相同，所买的未必是这项服务，须人工确认"
        ),
        basis=_entry_label(best),
        department=best.department,
        code=best.code,
    )


def _own_use_reason(written: str) -> Reason:
    return Reason(
        category="ambiguous",
        message=(
            f"文本写的似是购买方机关自身的需要（“{written}”）：机关自己的办公场所、食堂、自用设备和"
            "干部职工的事项不是向社会提供的公共服务，第二批目录的部门清单没有列入（可能列在总目录"
            "的政府履职辅助性服务中）；须人工确认所买的是否是面向社会的服务"
        ),
        basis=_LAW_NOT_LISTED,
    )


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _LRU(Generic[K, V]):
    """The ``size`` most recently used items of a mapping."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        if len(self._items) > self._size:
            self._items.popitem(last=False)


class Checker:
    """Verdicts for budget lines: reads the buyer, reads the text, asks the matcher, decides.

    :meth:`catalogue.Catalogue.check` and :meth:`~catalogue.Catalogue.check_many` are this
    class's; it is the only place that reads buyers for a check and calls the matcher.
    """

    def __init__(self, tree: Tree, matcher: Matcher) -> None:
        self.tree = tree
        self.matcher = matcher
        #: buyer name -> how it reads: a name is read in 6–10 µs, and the lines of a process
        #: come from a few dozen buyers; a reading is about 1 KB, 1,024 are 1 MB (a name that
        #: is no agency's is read again each time, and raises)
        self._buyers: dict[str, BuyerReading] = {}

    def check(self, text: Any, department: Any = None, limit: Any = 5) -> Verdict:
        """See :meth:`catalogue.Catalogue.check` (the arguments are checked here, whatever
        their type: hence ``Any``)."""
        check_limit(limit)
        buyer = None if department is None else self._buyer(department)
        return _decide(_Reading(self.matcher, *_read_as(text, buyer)), text, buyer, limit)

    def _buyer(self, name: Any) -> BuyerReading:
        """``tree.read_buyer(name)``, once per name that reads as a buyer."""
        if type(name) is not str:
            return Tree.read_buyer(self.tree, name)
        found = self._buyers.get(name)
        if found is None:
            found = Tree.read_buyer(self.tree, name)
            if len(self._buyers) >= _BUYERS:
                self._buyers.clear()
            self._buyers[name] = found
        return found

    def check_many(
        self, rows: Iterable[Any], department: Any = None, limit: Any = 3, jobs: Any = 1
    ) -> Iterator[Verdict]:
        """Verdicts for ``rows`` (strings, or dicts with ``text`` and optional ``department`` and
        ``error``), one per row, in order, streamed. A row that cannot be checked, or that
        carries an ``error`` (a line of a table that could not be read), gets verdict ``error``.

        Budget tables repeat lines (办公费, the same project across units): a row seen before gets
        the verdict it got then (the same frozen :class:`Verdict` object), and a text seen before
        with another buyer is not read again. What is remembered is bounded
        (:data:`VERDICT_CACHE_SIZE`, :data:`READING_CACHE_SIZE`), so memory stays constant however
        many rows there are.

        ``jobs``: how many processes check the rows never seen before (``0``, or more than there
        are CPUs: one per CPU; ``1``, the default: this process alone). See
        :func:`catalogue.parallel.check_many`: the verdicts are the same, in the same order; an
        input with few new rows is checked here alone."""
        check_limit(limit)
        serial = type(jobs) is int and jobs == 1
        if not serial:
            # imported only when asked for: multiprocessing costs a one-line lookup 10 ms
            from . import parallel

            workers = parallel.workers(jobs)
            serial = workers == 1
        if department is not None:
            Tree.read_buyer(self.tree, department)  # an unknown default is refused at once
        batch = _Batch(self, limit)
        if serial:
            return batch.run(rows, department)
        return parallel.check_many(self, batch, rows, department, limit, workers)


class _Batch:
    """The checks of one :meth:`Checker.check_many` call, with what they remember."""

    def __init__(self, checker: Checker, limit: int) -> None:
        self.tree = checker.tree
        self.matcher = checker.matcher
        self.limit = limit
        self.verdicts: _LRU[tuple[str, str | None], Verdict] = _LRU(VERDICT_CACHE_SIZE)
        self.readings: _LRU[str | tuple[str, str], _Reading] = _LRU(READING_CACHE_SIZE)
        self.buyers: _LRU[str, BuyerReading | UnknownDepartment] = _LRU(READING_CACHE_SIZE)
        #: the hashes of the texts seen, and the verdicts and readings of texts not seen before
        #: (see SEEN_SIZE)
        self.seen: dict[int, None] = {}
        self.fresh_verdicts: _LRU[tuple[str, str | None], Verdict] = _LRU(FRESH_VERDICTS)
        self.fresh_readings: _LRU[str | tuple[str, str], _Reading] = _LRU(FRESH_READINGS)

    def run(self, rows: Iterable[Any], default: str | None) -> Iterator[Verdict]:
        for row in rows:
            found = self.recall(row, default)
            yield self.answer(*found) if type(found) is tuple else found  # type: ignore[misc]

    def recall(self, row: Any, default: str | None) -> Verdict | tuple[str, str | None, bool]:
        """The verdict of ``row`` when it is known without reading the text (an ``error`` row, a
        row that is not plain strings, a row seen before); else ``(text, department, known)``
        for :meth:`answer` (``known``: the text was seen in an earlier row). The parallel path
        (:mod:`catalogue.parallel`) asks this of every row and has the others answered by its
        workers, then tells :meth:`remember` what they said."""
        if isinstance(row, dict):
            text = row.get("text")
            error = row.get("error")
            if error is not None:
                return error_verdict(text, str(error))
            department = row.get("department") or default
        else:
            text, department = row, default
        if type(text) is not str or not (department is None or type(department) is str):
            return self._check(text, department, False)  # not a plain string: not remembered
        key = (text, department)
        verdict = self.verdicts.get(key)
        if verdict is None:
            verdict = self.fresh_verdicts.get(key)
            if verdict is not None:
                self.verdicts.put(key, verdict)  # it came back: remembered for longer
                return verdict
            h = hash(text)
            seen = self.seen
            known = h in seen
            if not known:
                if len(seen) >= SEEN_SIZE:
                    seen.clear()
                seen[h] = None
            return (text, department, known)
        return verdict

    def answer(self, text: str, department: str | None, known: bool) -> Verdict:
        """The verdict of a row :meth:`recall` did not know, remembered."""
        verdict = self._check(text, department, known)
        self.remember(text, department, known, verdict)
        return verdict

    def remember(self, text: str, department: str | None, known: bool, verdict: Verdict) -> None:
        """Remember the verdict of a row :meth:`recall` did not know."""
        (self.verdicts if known else self.fresh_verdicts).put((text, department), verdict)

    def _check(self, text: Any, department: Any, known: bool) -> Verdict:
        try:
            buyer = None if department is None else self._buyer(department)
            read, work = _read_as(text, buyer)
            return _decide(self._reading(read, work, known), text, buyer, self.limit)
        except (CatalogueError, ValueError) as exc:
            shown = None if isinstance(exc, UnknownDepartment) else department
            return error_verdict(text, str(exc), shown)

    def _buyer(self, name: Any) -> BuyerReading:
        """``tree.read_buyer(name)``, once per name."""
        if type(name) is not str:
            return Tree.read_buyer(self.tree, name)
        found = self.buyers.get(name)
        if found is None:
            try:
                found = Tree.read_buyer(self.tree, name)
            except UnknownDepartment as exc:
                found = exc.with_traceback(None)  # kept: no frames to hold on to
            self.buyers.put(name, found)
        if isinstance(found, UnknownDepartment):
            raise found.with_traceback(None)  # raised again: no traceback to grow
        return found

    def _reading(self, text: Any, work: str, known: bool) -> _Reading:
        """The reading of ``text`` (after ``work``, see ``_read_as``), once per text and work
        (``known``: seen in an earlier row)."""
        if type(text) is not str:
            return _Reading(self.matcher, text)
        key = (text, work) if work else text
        reading = self.readings.get(key)
        if reading is None:
            reading = self.fresh_readings.get(key)
            if reading is not None:
                self.readings.put(key, reading)  # it came back: remembered for longer
            else:
                reading = _Reading(self.matcher, text, work)
                (self.readings if known else self.fresh_readings).put(key, reading)
        return reading
