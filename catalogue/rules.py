"""Exclusion rules: what may never be bought as a service (``data/exclusion_rules.json``).

Each rule has a category (``excluded:goods``, ``excluded:works`` …), patterns, the exceptions
that read like a careful officer rather than a keyword grep (服务采购 is not goods, 工程师 is not
works, 招聘会 is not hiring staff), and the legal text it rests on. A negation in the same clause
(不含设备采购, 非工程类) cancels a hit.

    >>> from catalogue.rules import find_exclusions
    >>> [h.rule.id for h in find_exclusions("档案馆维修改造工程")]
    ['works.build', 'works.project']
    >>> find_exclusions("特种设备检验检测服务（不含设备采购）")
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import resources
from .chars import PUNCT, nfkc
from .first_use import on_first_use
from .patterns import Pattern
from .reading import Reading, lexicon
from .schemas import ExclusionRulesFile
from .text import boilerplate

__all__ = ["PURPOSE_WORDS", "Hit", "Rule", "find_exclusions", "list_clause_start", "rules"]

#: clause boundaries: a negation reaches no further than its clause
_CLAUSE_END = frozenset(",，。;；:：、!！?？()（）[]【】+")
#: ... and the ends of a clause that a list goes on through (its 、, 及, 和 do not end it)
_LIST_CLAUSE_END = _CLAUSE_END - {"、", "+"}
#: words that join two things bought (…工程及监测服务): what follows is another clause
_CONJUNCTIONS = ("以及", "及", "和", "与", "并")
#: negations of one character only count right before the hit (非工程类, 无设备)
_ONE_CHAR = 1
#: how far before a hit a negation reaches, and how far after it its exceptions are read
_BEFORE = 12
_AFTER = 32
#: a short name in quotes right after a rule's words (“双公示”)
_QUOTED = on_first_use(r"[“\"][^”\"]{1,12}[”\"]")
#: the categories whose hit is not a hit when a listed service of the catalogue follows it in
#: the same clause: the works, goods, duty or financing are then the object of that service
#: (房屋市政工程安全生产应急救援服务; 建设工程质量检测; 行政处罚案卷评查; PPP项目绩效评价)
_OBJECT_OF_SERVICE = frozenset(
    ("excluded:works", "excluded:goods", "excluded:duty", "excluded:financing")
)
#: but not when they are the means by which something is had (融资租赁方式引入…直升机, 以PPP模式
#: 实施…): the service after them is then what the means buys
_MEANS = ("方式", "模式", "形式")


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    message: str
    basis: str
    patterns: tuple[Pattern, ...]
    unless_after: tuple[str, ...]
    unless_before: tuple[str, ...]
    unless_text: tuple[str, ...] = ()
    #: not a hit when a listed service follows in the clause (the words name where the money
    #: comes from, not what is bought)
    unless_service_after: bool = False


@dataclass(frozen=True)
class Hit:
    """A rule that fired on a text, and where."""

    rule: Rule
    start: int
    end: int
    evidence: str

    @property
    def category(self) -> str:
        return self.rule.category


class _RuleSet:
    """The compiled rules, their negations and (once they pay) their screens."""

    __slots__ = (
        "_by_id",
        "_by_word",
        "_checked",
        "_firsts",
        "_screens",
        "gated",
        "negations",
        "negations_after",
        "rules",
        "terms",
    )

    def rule(self, rule_id: str) -> Rule | None:
        """The rule of that id, or ``None`` (a rule file without it)."""
        return self._by_id.get(rule_id)

    def __init__(
        self,
        rules: tuple[Rule, ...],
        negations: tuple[str, ...],
        terms: dict[str, str],
        negations_after: tuple[str, ...] = (),
    ) -> None:
        self.rules = rules
        self._by_id = {rule.id: rule for rule in rules}
        self.negations = negations
        self.negations_after = negations_after
        #: each term of the rule file (GOODS, STRUCT …) as the alternation its patterns use
        self.terms = terms
        self._checked = 0
        self._screens: tuple[re.Pattern[str] | None, ...] | None = None
        # the words one of which every match of a pattern has (``Pattern.needs``), found in a
        # text in one pass (:meth:`possible`) rather than pattern by pattern: 133 patterns
        # need 253 different words (the goods list's 88 in three patterns), and most lines
        # have none of them
        by_word: dict[str, list[Pattern]] = {}
        for rule in rules:
            for pattern in rule.patterns:
                for word in pattern.needs or ():
                    by_word.setdefault(word, []).append(pattern)
        self._by_word = {w: tuple(ps) for w, ps in by_word.items()}
        firsts: dict[str, list[str]] = {}
        for word in sorted(by_word):
            firsts.setdefault(word[0], []).append(word)
        self._firsts = {c: tuple(ws) for c, ws in firsts.items()}
        #: per rule: whether every pattern of it needs words (it cannot fire on a text that
        #: has none of them, and its screen need not be searched)
        self.gated = tuple(all(p.needs is not None for p in r.patterns) for r in rules)

    def possible(self, text: str) -> set[Pattern]:
        """The patterns whose needed words ``text`` has (those that need none not included)."""
        out: set[Pattern] = set()
        firsts = self._firsts
        by_word = self._by_word
        for i, ch in enumerate(text):
            words = firsts.get(ch)
            if words is not None:
                for word in words:
                    if text.startswith(word, i):
                        out.update(by_word[word])
        return out

    def screens(self) -> tuple[re.Pattern[str] | None, ...]:
        """Per rule, one pattern that matches where any of its patterns does (``None``: no
        screen). Compiled after the first ``_SCREEN_AFTER`` texts: until then the patterns are
        searched one by one, which finds the same and spares a process that checks a few lines
        the compiling (0.85 ms)."""
        if self._screens is not None:
            return self._screens
        self._checked += 1
        if self._checked <= _SCREEN_AFTER:
            return (None,) * len(self.rules)
        self._screens = tuple(_screen(r.patterns) for r in self.rules)
        return self._screens


#: how many texts are checked before the screens are compiled
_SCREEN_AFTER = 64


#: a rule of more patterns than this is screened by one alternation of them all. Two patterns
#: are searched faster one by one: each starts with words the regular expression engine looks
#: for directly, their alternation does not (goods.acquisition: 1.2 µs a line, rather than 5.1
#: screened); and their alternation would cost a new process 2.4 ms to compile
_SCREENED = 2


#: nor a rule whose patterns are longer than this: they hold word lists ({GOODS}: 88 words), and
#: in one alternation the engine no longer looks for their first characters directly
#: (goods.acquisition, 1,362 characters: 7.3 µs a line screened, 2.3 µs pattern by pattern;
#: the longest of the screened rules, staffing, is 264 characters)
_SCREEN_CHARS = 500


def _screen(lazy: tuple[Pattern, ...]) -> re.Pattern[str] | None:
    """One alternation of ``patterns``: it finds a match if and only if one of them would, so a
    rule whose screen finds nothing cannot fire. ``None`` if the patterns do not combine (inline
    flags) or need no combining."""
    if len(lazy) <= _SCREENED or sum(len(p.source) for p in lazy) > _SCREEN_CHARS:
        return None
    patterns = [p.compiled for p in lazy]
    if any(p.flags != re.UNICODE for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:
        return None


@cache
def _load() -> _RuleSet:
    return compile_rules(resources.exclusion_rules())


def compile_rules(data: ExclusionRulesFile) -> _RuleSet:
    """Compile the rules of a validated exclusion-rule file."""
    terms = {
        name: "|".join(re.escape(t) for t in sorted(words, key=len, reverse=True))
        for name, words in data.terms.items()
    }
    out = []
    for raw in data.rules:
        patterns = []
        for p in raw.patterns:
            for name, alt in terms.items():
                p = p.replace("{" + name + "}", alt)
            patterns.append(Pattern(p))
        out.append(
            Rule(
                id=raw.id,
                category=raw.category,
                message=raw.message,
                basis="；".join(data.sources[s].rstrip("。") for s in raw.source) + "。",
                patterns=tuple(patterns),
                unless_after=tuple(raw.unless_after),
                unless_before=tuple(raw.unless_before),
                unless_text=tuple(raw.unless_text),
                unless_service_after=raw.unless_service_after,
            )
        )
    negations = tuple(sorted(data.negations, key=len, reverse=True))
    return _RuleSet(tuple(out), negations, terms, tuple(data.negations_after))


def rules() -> tuple[Rule, ...]:
    """The exclusion rules, in file order."""
    return _load().rules


def _clause_start(text: str, position: int, ends: frozenset[str] = _CLAUSE_END) -> int:
    """Where the clause of ``text[position]`` starts (after the last of ``ends`` before it)."""
    for i in range(position - 1, -1, -1):
        if text[i] in ends:
            return i + 1
    return 0


def list_clause_start(text: str, position: int) -> int:
    """Where the clause of ``text[position]`` starts when a list (its 、) does not end it."""
    return _clause_start(text, position, _LIST_CLAUSE_END)


#: a one-character negation that makes a word with the character after it is that word, not a
#: negation (免疫苗: 免疫 vaccine, the immunising one; 无害化, 非遗)
_BOUND = {"免": "疫", "无": "害人", "非": "遗"}
#: words that end in a one-character negation and negate nothing (强免 is 强制免疫, vaccination:
#: 强免先打后补 is the subsidy for it)
_ENDS_UNNEGATED = ("强免",)


def _negated(
    text: str,
    start: int,
    end: int,
    clause_start: int,
    negations: tuple[str, ...],
    after: tuple[str, ...] = (),
) -> bool:
    """Whether a hit at ``text[start:end]`` is negated in its clause: by a negation of several
    characters in the ``_BEFORE`` characters before it (不含学员往返交通及生活补助), one of one
    character right before it (非工程类), 除……外 around it, or one of ``after`` later in its
    clause (治理工程另行立项)."""
    if after and _negated_after(text, end, after):
        return True
    before = text[max(clause_start, start - _BEFORE) : start]
    for neg in negations:
        if len(neg) == _ONE_CHAR:
            if (
                before.endswith(neg)
                and neg != "除"
                and text[start : start + 1] not in _BOUND.get(neg, "")
                and not before.endswith(_ENDS_UNNEGATED)
            ):
                return True
            if neg == "除" and neg in before and "外" in text[end : end + 4]:
                return True
        elif neg in before:
            return True
    return text[end : end + 2] == "除外"


def _negated_after(text: str, end: int, negations: tuple[str, ...]) -> bool:
    """Whether the clause of a hit ending at ``end`` goes on to say it is not bought (仪器设备
    由甲方提供, 治理工程另行立项: ``negations_after`` of the rule file)."""
    clause = text[end : end + _AFTER]
    for i, ch in enumerate(clause):
        if ch in _CLAUSE_END:
            clause = clause[:i]
            break
    return any(neg in clause for neg in negations)


def _past_boilerplate(after: str) -> str:
    """``after`` without the procurement and budget wording it starts with: in
    “购置监测设备服务采购项目” the 服务 after 设备 belongs to 服务采购, not to the equipment."""
    table = boilerplate()
    while (found := table.match(after, 0)) is not None and found[1]:
        after = after[found[0] :]
    return after


#: who does the work, written between what fired a rule and what is bought of it
#: (执法检查第三方专家技术服务: technical service to an inspection, by outside experts)
_WHO = ("第三方专业机构", "第三方机构", "第三方专家", "第三方", "专业机构", "专家")


def _past_quoted(after: str) -> str:
    """``after`` without the short name in quotes it starts with (行政处罚“双公示”信息: what
    follows the name is what the rule's words are of)."""
    quoted = _QUOTED.match(after)
    return after if quoted is None else after[quoted.end() :]


def _past_who(after: str) -> str:
    """``after`` without the words for who does the work that it starts with."""
    for who in _WHO:
        if after.startswith(who):
            return after[len(who) :]
    return after


def _serves(text: str, end: int, bought: bool = False) -> bool:
    """Whether a listed service of the catalogue follows ``end`` in its clause. With ``bought``,
    the service must be what is bought, not what a fund is for: a service right before 资金 or
    经费 (转移支付文物保护资金) names a fund's purpose."""
    window = text[end : end + _AFTER]
    for i, ch in enumerate(window):
        if ch in _CLAUSE_END or window.startswith(_CONJUNCTIONS + PURPOSE_WORDS, i):
            window = window[:i]
            break
    services = [t for t in lexicon().tokens(window) if t.kind == "service"]
    if services and _FOR_USE.match(window, services[-1].end) is not None:
        return False  # 无人机 地灾巡查用: what the goods are for, not a service bought
    if services and _goods().search(window, services[-1].end) is not None:
        return False  # 工业机器人实训工作站: the service names the goods after it
    if not bought or not services:
        return bool(services)
    return not window[services[-1].end :].startswith(_FUNDS)


#: what follows goods bought to say what they are for (购买无人机用于地灾巡查): a service after
#: it is their use, not what is bought
PURPOSE_WORDS = ("用于", "用作", "专用于", "以用于")  # (not 供: 供水, 供电 are objects)
#: a service word followed by 用 and nothing more (地灾巡查用): what the goods before are for
_FOR_USE = on_first_use(r"(?:专)?用(?:途)?\s*$")
#: what a fund is called: a service right before it is what the fund is for
_FUNDS = ("资金", "经费", "专项资金", "专项经费", "补助")
#: a rule's hit that is a buying verb alone (购置): a service after it that is part of the name
#: of what is bought (购置微型空气质量监测站20台) serves nothing; only one after that name does
_BARE_VERBS = frozenset(("购置",))
_NAME_END = on_first_use(r"[\s,，。;；、:：()（）]|\d|及|和|与|并")


def ends_in_goods(s: str) -> bool:
    """Whether ``s`` ends in goods: a goods word of the rules (their term ``GOODS``), perhaps
    with 等 or a count after it (布病抗体检测试剂, 测厚仪等, 试剂盒200盒).

    >>> ends_in_goods("布病抗体检测试剂"), ends_in_goods("抗体检测服务")
    (True, False)
    """
    return _goods_at_end().search(s) is not None


@cache
def _goods_at_end() -> re.Pattern[str]:
    goods = _load().terms["GOODS"]
    return re.compile(rf"(?:{goods})等?(?:[一二两三四五六七八九十百千\d]+[\u4e00-\u9fff]?)?\s*$")


@cache
def _goods() -> re.Pattern[str]:
    """The goods words of the exclusion rules (their term ``GOODS``), as one pattern."""
    return re.compile(_load().terms["GOODS"])


def _object_end(s: str, m: re.Match[str]) -> int:
    """Where the name of what ``m`` (a bare buying verb) buys ends: at a clause break, a
    number (20台) or a conjunction."""
    found = _NAME_END.search(s, m.end())
    return found.start() if found is not None else len(s)


#: a policy's publicity joined to what fired a rule as a second item (…标牌制作及政策宣传,
#: …建设并开展政策宣传): the thing before is bought beside it, not the policy's topic
_SECOND_ITEM = on_first_use(r"(?:及|和|并|与|以及)(?:开展)?(?:政策|新政)")


#: the services that explain a policy
_EXPLAINING = "解读|宣讲|宣传|宣贯|讲解"
#: a character that does not end a clause, and one that does (the policy patterns below)
_IN_CLAUSE = "[^。；;，,:：()（）]"
_CLAUSE_BREAK = "[。；;，,:：()（）]"
#: what a policy explained is about: the words before 政策 and a service that explains it, in a
#: list or the same clause, are its topic, not a thing bought (老旧小区改造、保障房配租政策解读,
#: 住房公积金缴存提取政策进社区解读, 农机购置补贴政策宣传; a new policy, 新政, as well:
#: 老旧小区改造和物业管理新政解读宣传). Compiled on first use, by a line that writes 政策 or 新政
#: (0.3 ms a one-line lookup need not pay)
_POLICY_TOPIC = Pattern(
    rf"{_IN_CLAUSE}{{0,24}}?(?:政策|新政)(?:法规)?{_IN_CLAUSE}{{0,6}}?(?:{_EXPLAINING}|培训)",
    needs=("政策", "新政"),
)
#: ... or the policy comes later in the clause and a service that explains it before (讲解
#: 公积金提取、老旧小区改造等新出台的房屋城建政策), or the policy ends the clause and the next
#: one explains it (围绕…老旧小区改造政策，制作解读动漫和宣传手册)
_POLICY_LATER = Pattern(
    rf"{_IN_CLAUSE}{{0,24}}?(?:政策|新政)(?:法规)?"
    rf"(?:(?P<next>[，,]{_IN_CLAUSE}{{0,12}}?(?:{_EXPLAINING}))"
    rf"|{_IN_CLAUSE}{{0,6}}?(?={_CLAUSE_BREAK}|$))",
    needs=("政策", "新政"),
)
_EXPLAINED_BEFORE = on_first_use(_EXPLAINING)


def _policy_explained(s: str, start: int, end: int) -> bool:
    """Whether what fired at ``s[start:end]`` is the topic of a policy written later in its
    clause, which a service explains: in the clause after, or before it in its own clause."""
    later = _POLICY_LATER.compiled.match(s, end)
    if later is None:
        return False
    if later.group("next") is not None:
        return True
    return _EXPLAINED_BEFORE.search(s, list_clause_start(s, start), start) is not None


def _word_end(text: str, start: int, end: int) -> int:
    """``end``, or the end of a lexicon word that starts inside ``text[start:end]`` and runs
    past it: the evidence of a rule is shown in whole words (购置执法车辆, not 购置执法车)."""
    table = lexicon().table
    out = end
    for i in range(start, end):
        found = table.match(text, i)
        if found is not None and found[0] > out:
            out = found[0]
    return out


#: the title of a document, a law or a standard (《军人抚恤优待条例》): what it is called
_TITLE = on_first_use(r"《[^《》]*》")
#: a title that ends in a purchase or a project names what is bought, not a document
_PROJECT_TITLE = on_first_use(r"(?:采购|购置|购买|购进|添置|工程|施工|项目)》")


#: the rules that name a whole fund (a transfer's source, a programme's or a protection fund, a
#: works programme's): in a bracket that closes a line naming something else (…隐患调查项目（中央
#: 地质灾害防治资金）, …监督抽检经费（中央转移支付）), the fund says where the money comes from,
#: not what is bought; a bracket that names a subsidy (…规划服务（既有建筑节能改造奖补资金）)
#: fires the transfer rule as it always does
_FUND_RULES = frozenset(("transfer.source", "transfer.programme", "transfer.fund", "works.project"))
#: the line's last bracket, when it names a fund (its last words 资金, 经费, 转移支付) and
#: only framing words follow it
_FUND_BRACKET = on_first_use(
    r"[（(]([^（）()]{1,40}?(?:资金|经费|转移支付))[）)](?:项目|经费|资金)?\s*$"
)


def _fund_source(s: str) -> tuple[int, int] | None:
    """Where the line's closing bracket names the fund paying for what comes before it (the
    span of its content), if it does and something comes before it."""
    if not s.endswith(("）", ")", "目", "费", "金")):
        return None
    m = _FUND_BRACKET.search(s)
    if m is None or not PUNCT.sub("", s[: m.start()]):
        return None
    return m.start(1), m.end(1)


def _titles(s: str) -> list[tuple[int, int]]:
    """Where the titles in ``s`` are (their brackets inside). A title that is the whole line
    (《环境监测车采购》), or that names a purchase or a project (…《超声波探伤仪购置》), is the
    line's own name, what it buys: not a document's."""
    if "《" not in s:
        return []
    found = [(m.start(), m.end()) for m in _TITLE.finditer(s)]
    if len(found) == 1 and not PUNCT.sub("", s[: found[0][0]] + s[found[0][1] :]):
        return []
    return [(a, b) for a, b in found if _PROJECT_TITLE.search(s, a, b) is None]


def find_exclusions(text: str, reading: Reading | None = None) -> list[Hit]:
    """The exclusion rules that fire on ``text`` (at most one hit per rule), in file order; with
    the ``reading`` of the line, also goods or works named as what the line is (its last words,
    with no service after them: 救灾帐篷, 应急物资)."""
    s = nfkc(text)
    ruleset = _load()
    hits: list[Hit] = []
    policy = _POLICY_TOPIC.may_match(s)  # (a line that writes 政策)
    titles = _titles(s)
    source: tuple[int, int] | None = None  # the closing bracket's fund, read when first asked
    source_read = False
    possible = ruleset.possible(s)
    for rule, screen, gated in zip(ruleset.rules, ruleset.screens(), ruleset.gated, strict=True):
        if gated and possible.isdisjoint(rule.patterns):
            continue  # none of its patterns' words: it cannot fire
        if screen is not None and screen.search(s) is None:
            continue
        if rule.unless_text and any(u in s for u in rule.unless_text):
            continue
        for pattern in rule.patterns:
            if pattern.needs is not None and pattern not in possible:
                continue
            found = None
            for m in pattern.compiled.finditer(s):
                after = _past_who(_past_quoted(_past_boilerplate(s[m.end() : m.end() + _AFTER])))
                before = s[max(0, m.start() - _BEFORE) : m.start()]
                if after.startswith(rule.unless_after):
                    continue
                if before.endswith(rule.unless_before):
                    continue
                start = m.start()
                if titles and any(a <= start < b for a, b in titles):
                    continue  # 《军人抚恤优待条例》: a document's title, not what is bought
                if rule.id in _FUND_RULES:
                    if not source_read:
                        source, source_read = _fund_source(s), True
                    if source is not None and source[0] <= start < source[1]:
                        continue  # the fund that pays for what the line names before it
                if _negated(
                    s,
                    start,
                    m.end(),
                    _clause_start(s, start),
                    ruleset.negations,
                    ruleset.negations_after,
                ):
                    continue
                if (
                    policy
                    and _SECOND_ITEM.match(s, m.end()) is None
                    and (
                        _POLICY_TOPIC.compiled.match(s, m.end())
                        or _policy_explained(s, m.start(), m.end())
                    )
                ):
                    continue
                if (
                    rule.category in _OBJECT_OF_SERVICE
                    and not s.startswith(_MEANS, m.end())
                    and _serves(s, _object_end(s, m) if m.group(0) in _BARE_VERBS else m.end())
                ):
                    continue
                if rule.unless_service_after and _serves(s, m.end(), bought=True):
                    continue
                end = _word_end(s, m.start(), m.end())
                found = Hit(rule, m.start(), end, s[m.start() : end])
                break
            if found is not None:
                hits.append(found)
                break
    if reading is not None and not hits:
        head = _named_as(reading, s)
        if head is not None:
            hits.append(head)
    return hits


#: a line that ends in a service word and 员 (群测群防员, 巡护员, 统计员) names the people who do
#: it: what is paid is staff (not in brackets: 现场核查（委托审查员） says who does the service
#: bought); up to this many characters of the unknown run that starts with 员 (员,
#: 员补主: a slip of 员补助) count
_PERSON_TAIL = 3

#: steps that build something: the last word of a line with no service in it (农业产业强镇建设)
_BUILT = frozenset(("建设",))


#: a line that ends in buying (储备粮采购, 粮食收购项目): with no service in it, what it names is
#: what is bought, unless it buys a 服务 (…辅导员服务采购项目)
#: ... and a line that begins with buying (采购小麦…, 购置…): after a place or a year at most
_BOUGHT_AT_START = on_first_use(r"^[\s\d年度至\-—~～]*(?:采购|购置|购买|收购)")
_BOUGHT_AT_END = on_first_use(r"(?<!服务)(?:采购|购置|购买|收购)(?:项目|资金|经费)?\s*$")


#: a list in brackets (…排查(燃气管网、桥梁)): when the line's last word is in it, what the
#: service before it is done on, not what the line is; a bracket that says what is included
#: (（含…）) is not one
_BRACKETED_LIST = on_first_use(r"[(（](?!含|包括|包含)([^()（）]*[、,，][^()（）]*)[)）]")


def _named_as(reading: Reading, text: str) -> Hit | None:
    """Goods or works that a line is, by its last words (Chinese names end in what they are):
    a line whose last clause ends in a goods word (帐篷, 物资, 药剂) or a works word (工程,
    改造), with only framing or qualifying words after it."""
    last = reading.last_word(("modifier", "qualifier"))
    if last is not None and last.kind == "sep":
        last = None  # the last clause has no word of its own
    if (
        last is not None
        and last.kind == "unknown"
        and last.text.startswith("员")
        and len(last.text) <= _PERSON_TAIL
    ):
        i = reading.tokens.index(last)
        doer = reading.tokens[i - 1].text + last.text[0] if i > 0 else ""
        at = text.rfind(doer) if doer else -1
        opened = max(text.rfind("(", 0, at), text.rfind("（", 0, at))
        inside = opened > max(text.rfind(")", 0, at), text.rfind("）", 0, at))
        if at >= 0 and reading.tokens[i - 1].kind == "service" and not inside:
            # 群测群防员, 巡护员, 监测员补贴: the people who do the service, paid as staff
            rule = _load().rule("staffing")
            if rule is not None:
                return Hit(rule, _last_item(reading, text, doer), len(text), doer)
    if last is not None and last.kind == "activity" and last.text in _BUILT and not reading.heads:
        kind = "works"  # 强镇建设, 消防站建设: with no service in the line, something is built
    elif (
        last is not None
        and last.kind == "object"
        and not reading.heads
        and _BOUGHT_AT_END.search(text) is not None
    ):
        kind = "goods"  # 储备粮采购: with no service in the line, the thing named is bought
    elif (
        _BOUGHT_AT_START.match(text) is not None
        and "服务" not in text[: _purpose_at(text)]  # (购买…“诚信质量万里行”服务 buys a service)
        # (the heads are in the order written: the first is the one that may come before)
        and (not reading.heads or reading.heads[0].start >= _purpose_at(reading.text))
        and (first := next((t for t in reading.tokens if t.kind == "object"), None)) is not None
    ):
        # 采购小麦、玉米储备粮1.5万吨，用于…: with no service in the line before what it is
        # for, what a line that begins by buying names is what is bought
        kind, last = "goods", first
    elif last is None or last.kind not in ("goods", "works"):
        return None
    else:
        kind = last.kind
        # the last list in brackets: the line's last word is in it, if in any (only framing
        # words after it)
        notes = list(_BRACKETED_LIST.finditer(text))
        note = notes[-1] if notes else None
        if (
            note is not None
            and reading.heads
            and last.text in note.group(1)
            and not any(h.text in note.group(1) for h in reading.heads)
        ):
            return None  # 安全隐患排查(燃气管网、桥梁): what the service is done on, listed
    before = reading.text[max(0, last.start - _BEFORE) : last.start]
    if (
        any(neg in before for neg in _load().negations if len(neg) > 1)
        or before.endswith(tuple(neg for neg in _load().negations if len(neg) == 1))
        or _negated_after(reading.text, last.end, _load().negations_after)
    ):
        return None  # 不含设备, 非工程, 设备由甲方提供
    wanted = "goods.named" if kind == "goods" else "works.project"
    rule = _load().rule(wanted)
    if rule is None or (rule.unless_before and before.endswith(rule.unless_before)):
        return None  # 抢救性记录工程, 惠民工程: a programme, as the rule itself reads it
    return Hit(rule, _last_item(reading, text, last.text), len(text), last.text)


def _purpose_at(text: str) -> int:
    """Where the first purpose word (用于 …) of ``text`` is; its length when it has none."""
    found = [at for w in PURPOSE_WORDS if (at := text.find(w)) >= 0]
    return min(found, default=len(text))


#: what joins the items a line buys (隐患排查及整改施工)
_JOINS = on_first_use("|".join(_CONJUNCTIONS) + "|[、,，;；]")


def _last_item(reading: Reading, text: str, word: str) -> int:
    """Where the item that ends in ``word`` (the goods or works a line ends in) begins in
    ``text``: after the last join before it when a service of the line comes before that join
    (隐患排查及整改施工: the 施工 is one item, the 隐患排查 another, for the verdict to weigh as a
    bundle); else 0, the whole line."""
    at = text.rfind(word)
    if at <= 0:
        return 0
    joins = list(_JOINS.finditer(text, 0, at))
    if not joins:
        return 0
    start = joins[-1].end()
    head = text[: joins[-1].start()]
    return start if any(h.text in head for h in reading.heads) else 0
