"""Reading a cleaned text as a person does: the service, the object it is done on, and the rest.

Lines and entry names are read the same way, with the word knowledge of ``lexicon.json``:

* ``service`` — what is done (监测, 抽检, 宣传, 规划 …), with its service family;
* ``unlisted`` — a service the second batch does not list (物业, 保洁, 审计 …);
* ``activity`` — a step a kind of service includes (站点运维 of 监测, 编制 of 规划 …);
* ``object`` — what it is done on (特种设备, 食品, 地质灾害 …); a narrower word is read as its
  broader one (电梯 → 特种设备);
* ``qualifier`` — a light word that qualifies an object (安全, 质量, 公共 …);
* ``modifier`` — wording that frames a line without changing it (活动, 第三方, 试点 …);
* ``goods`` / ``works`` — words that name goods or works (设备, 工程 …);
* ``unknown`` — a run of characters no list knows (read as part of the object).

    >>> from catalogue.reading import lexicon
    >>> [(t.text, t.kind, t.key) for t in lexicon().tokens("电梯夏季检验")]
    [('电梯', 'object', '特种设备'), ('夏季', 'unknown', '夏季'), ('检验', 'service', '检验')]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple, cast

from . import index_cache, resources
from .chars import nfkc
from .first_use import on_first_use
from .schemas import LexiconFile
from .text import WordTable, index_key

__all__ = ["Family", "Lexicon", "Reading", "Token", "bigrams", "lexicon"]

#: characters that join the items of an enumeration or coordinated clauses when they stand
#: between words (大气、水、土壤; 调查与监测; 统计及价格监测)
SEPARATORS = frozenset("、,，和与及或暨并+/")
#: token kinds that are services (what is done)
SERVICE_KINDS = frozenset(("service", "unlisted"))
#: the words that may stand between a service and a step of it that the second batch does not
#: list on its own (案件 in 法律援助案件代理), and how many
#: (not a modifier: 宣传平台运营 is running the platform; a step word between is passed too:
#: 污水处理站点第三方运营 is running the stations)
_PAST = frozenset(("unknown", "activity"))
_BETWEEN = 2
#: how many words of where, how or what about an event may stand between the day it is held on
#: and its event word (环境日生态文明主题嘉年华活动: 生态, 文明, 嘉年华); framing words (主题, 现场)
#: are not counted
_DAY_REACH = 3
#: words that say how long or how often a service runs (7×24小时 read without its digits,
#: 全天候, 实时, 日常): no object of it
_WHEN = frozenset(("小时", "全天候", "实时", "全时段", "全天", "全年", "常态化", "日常"))


def _when(word: str) -> bool:
    """Whether ``word`` only says how long or how often a service runs."""
    word = word.strip("×*xX")
    return word in _WHEN


#: framing words that say who does the work, passed as well, uncounted (处理设施第三方运营 is
#: running the treatment facilities, by a third party; 入企服务专班帮办, the task force's help
#: with procedures), as are 的 and qualifiers (污水处理站的日常运营: the daily running)
_AGENTS = frozenset(("第三方", "委托", "委托第三方", "社会化", "外包", "的", "专班"))
#: verbs that only introduce the work named after them (对处理设施进行日常运营: the running is
#: the treatment's, as in 处理设施日常运营): passed between a service and a step of it
_LIGHT_VERBS = frozenset(("进行", "开展", "实施"))
#: words that say which part of a service's work a step is (规划纲要专题调研: the plan's
#: thematic research is a step of the plan): passed between a service and a step of it
_PARTS = frozenset(("专题", "专项"))
#: the framing words that say a service is done as activities (宣传教育活动运营): passed
#: between the service and a step of it
_ACTIVITIES = frozenset(("活动", "系列活动", "主题活动"))
#: the word that calls a service the work (三查工作): passed between a service and support of it
#: (三查工作第三方技术支撑) or a step of it the second batch does not list on its own
_WORK = frozenset(("工作",))
#: the last character of a day, week or month a campaign is held on (环境日, 宣传周, 安全生产月)
_PERIODS = frozenset("日周月")
#: support given to the service right before it: that service is what is bought (事故调查技术
#: 支撑 is accident investigation, 应急救援技术保障服务 is rescue; 技术支撑 or 保障服务 alone
#: is a service of its own: 会议保障服务 is no listed one)
_SUPPORT = frozenset(("技术支撑", "保障服务", "支撑服务", "技术保障"))
#: what a framing word (进基层) is the campaign of, in the lexicon (进基层活动)
_CAMPAIGN_WORD = "活动"
#: the kinds of word a line read as such a campaign has (what is taken, where, and how)
_TAKEN = frozenset(("object", "qualifier", "modifier", "sep"))
#: a month of a campaign (月活动, 月系列活动) right after a service is that service's campaign
#: month, not publicity: 集中免疫月活动 is the vaccination drive (after an object it is
#: publicity: 安全生产月活动)
_CAMPAIGN = frozenset(("月活动", "月主题活动", "月系列活动", "月启动仪式", "月启动式"))
#: running (运营) the service platform of the service before it, passed over (科技研发公共服务
#: 平台运营: the research service, delivered through its platform)
_RUN = frozenset(("运营",))
#: the kinds of service whose platforms are media of their own (宣传平台, 新媒体平台, 舆情平台);
#: an information-sharing platform (共享平台) delivers the data service it shares
_MEDIA_FAMILIES = frozenset(("宣传", "新媒体", "传播", "舆情"))
_PLATFORMS = frozenset(
    ("平台", "服务平台", "公共服务平台", "技术服务平台", "公共技术服务平台", "研发平台", "服务")
)


class Token(NamedTuple):
    """A word of a read text (a named tuple: a line is read as a few dozen of them, and a tuple
    is made, hashed and compared several times faster than a frozen dataclass)."""

    text: str  # as written in the (cleaned, canonical) text
    kind: str  # service, unlisted, activity, object, qualifier, modifier, goods, works, unknown
    key: str  # what it is read as: the word, or the broader object of a narrower one
    family: str | None  # the service family of a service word
    start: int
    end: int
    #: the coordinate words a compound stands for (食品药品 → 食品, 药品)
    items: tuple[str, ...] = ()


#: the upkeep of goods: at the end of a line, after the goods, what the line buys
_UPKEEP = frozenset(("维保", "维护", "运维", "维修", "保养", "检修", "运行维护", "维护保养"))


#: services bought for an event or a job, not the job itself: at the end of a line, after a
#: service, what the line buys (…宣传活动餐饮服务, …培训学员接送)
_AUXILIARY = frozenset(("餐饮服务", "餐饮", "用餐", "就餐", "工作餐", "用车", "接送"))


def _bought_at_end(tokens: Sequence[Token]) -> Token | None:
    """The word that ends a line and says it buys something other than the service before it,
    as an unlisted service: a service bought for a job (…活动 餐饮服务), or the upkeep of goods
    right after them (仪器 维保); ``None`` when the line does not end so."""
    words = [t for t in tokens if t.kind != "modifier"]
    if len(words) < 2:
        return None
    last = words[-1]
    if last.text in _AUXILIARY and any(t.kind == "service" for t in words[:-1]):
        return Token(last.text, "unlisted", last.text, None, last.start, last.end)
    if words[-2].kind == "goods" and last.text in _UPKEEP:
        goods, upkeep = words[-2], last
        # the two as one word (仪器维保): not the step of a service its upkeep word alone is
        # (维保 of 监测: a monitoring station's upkeep is part of monitoring)
        text = goods.text + upkeep.text
        return Token(text, "unlisted", text, None, goods.start, upkeep.end)
    return None


@dataclass(frozen=True, slots=True)
class Reading:
    """A text read as its services and their objects.

    The text is cut into conjuncts at separators (大气、水、土壤隐患排查; 统计及价格监测). In each
    conjunct the head is the run of service words that ends it (…监测服务 → 监测; 检验检测 →
    检验, 检测); the words before it are its object, service words among them too (地质灾害
    *防治*宣传 → 宣传 on 地质灾害防治). A conjunct with no service takes the next one's (大气、
    水、土壤 → 隐患排查)."""

    text: str
    tokens: tuple[Token, ...]
    #: the head services of the conjuncts, in order, each once
    heads: tuple[Token, ...]
    #: the head of the last conjunct: the line's main service
    main: tuple[Token, ...]
    #: per conjunct, the words of its object (objects, qualifiers, unknown runs, service words
    #: that are not heads, goods and works)
    parts: tuple[tuple[Token, ...], ...]
    #: activity words (站点运维, 编制 …) and framing words (活动, 第三方 …)
    activities: tuple[Token, ...]
    modifiers: tuple[Token, ...]

    @property
    def objects(self) -> tuple[Token, ...]:
        """The object words of every conjunct."""
        return tuple(t for part in self.parts for t in part)

    @property
    def has_content(self) -> bool:
        """Whether the text names a service or an object at all (qualifiers alone name none:
        一般公共服务 says what kind, not what)."""
        return bool(
            self.heads or self.activities or any(t.kind != "qualifier" for t in self.objects)
        )

    def last_word(self, passing: Collection[str]) -> Token | None:
        """The last word of the text whose kind is not one of ``passing`` (framing words at
        the end passed over), or ``None``."""
        for token in reversed(self.tokens):
            if token.kind not in passing:
                return token
        return None


@dataclass(frozen=True, slots=True)
class Family:
    """A service family of ``lexicon.json``."""

    id: str
    label: str
    words: frozenset[str]
    related: frozenset[str]
    activities: frozenset[str]
    #: listed before another service (应急体系建设、…规划编制), the family's word is that
    #: service's object
    subject_in_lists: bool = False
    #: its words are different works (保护 and 利用, 传承 and 修复): one of them written
    #: before an object does not stand for another (``Matcher`` reads a service word of a line
    #: before its main one as naming an entry's word of its family, but not of this one)
    mixed: bool = False


def bigrams(word: str) -> tuple[str, ...]:
    """The overlapping character pairs of ``word`` (the word itself when it has one
    character)."""
    if len(word) < 2:
        return (word,) if word else ()
    # slices in a list (compiled by mypyc, 0.75 µs for a word of 14 characters, where joining
    # each character to the next with ``map(operator.add, …)`` takes 1.9 µs; in Python the two
    # are as fast)
    return tuple([word[i : i + 2] for i in range(len(word) - 1)])


#: the services that create a work (创作, 创编)
_CREATING = frozenset(("创作", "研究创作", "创编", "编创", "作品创作"))
#: what an evaluation looks at when it is named after the work evaluated (评估…能力建设项目成效:
#: the results of the capacity project)
_OUTCOMES = frozenset(("成效", "效果", "绩效", "实施效果", "实施成效", "运行效果", "运行成效"))
#: the family of the services that evaluate
_EVALUATING = "评估"


class Lexicon:
    """The word knowledge of ``lexicon.json``, as one table of words."""

    def __init__(
        self,
        data: LexiconFile | None,
        extra_objects: Iterable[str] = (),
        *,
        stored: tuple[Any, ...] | None = None,
    ) -> None:
        """``stored``: the tables of :meth:`stored` data, read back (``data`` is then ``None``
        and read when first asked for)."""
        self._data: LexiconFile | None = data
        #: the words reversed, and their lengths by their first two characters (made on first
        #: use: only a line with no service read from its start is read from its end)
        self._reversed: tuple[dict[str, Any], dict[str, tuple[int, ...]]] | None = None
        # made on first use, kept here: compiled (mypyc), the class has no __dict__ for a
        # cached_property, which would build the table again at every use (170 µs and 460 µs)
        self._works_made: dict[str, str] | None = None
        self._step_owners_made: dict[str, frozenset[str]] | None = None
        if stored is not None:
            table, two, singles, families, related = stored
            self.families: dict[str, Family] = {k: Family(*f) for k, f in families.items()}
            self._table: WordTable[tuple[str, str, str | None, tuple[str, ...]]] = (
                WordTable.restored(table)
            )
            self.table = self._table
            self._words = self._table.words
            self._by_two: dict[str, tuple[int, ...]] = two
            self._singles: dict[str, tuple[str, str, str | None, tuple[str, ...]]] = singles
            self.related: dict[str, frozenset[str]] = related
            return
        if data is None:
            raise ValueError("a lexicon needs its data or stored tables")
        self.families = {}
        words: dict[str, tuple[str, str, str | None, tuple[str, ...]]] = {}

        def put(word: str, kind: str, key: str | None = None, family: str | None = None) -> None:
            word = nfkc(word)
            words.setdefault(word, (kind, nfkc(key) if key else word, family, ()))

        for family in data.services:
            self.families[family.id] = Family(
                family.id,
                family.label,
                frozenset(nfkc(w) for w in family.words),
                frozenset(family.related),
                frozenset(nfkc(w) for w in family.activities),
                family.subject_in_lists,
                family.mixed,
            )
            for word in family.words:
                put(word, "service", family=family.id)
        for word in data.unlisted:
            put(word, "unlisted")
        for word in data.goods:
            put(word, "goods")
        for word in data.works:
            put(word, "works")
        for group in data.objects:
            put(group.term, "object")
            for word in group.narrower:
                put(word, "object", group.term)
        for coordinate in data.coordinates:
            word = nfkc(coordinate.compound)
            items = tuple(nfkc(i) for i in coordinate.items)
            listed = words.get(word)
            if listed is not None and listed[0] == "service":
                # a service word of a family that joins services of others (监测预警: 监测 and
                # 预警) keeps its family and is also each of its items'
                words[word] = (*listed[:3], items)
            elif listed is None:
                first = words.get(items[0])
                if first is not None and first[0] == "service":  # 评审鉴定评估
                    words[word] = ("service", word, first[2], items)
                else:
                    words[word] = ("object", word, None, items)
        for family in data.services:
            for word in family.activities:
                put(word, "activity")
        for word in data.qualifiers:
            put(word, "qualifier")
        for word in data.modifiers:
            put(word, "modifier")
        for field_words in data.fields.values():
            for word in field_words:
                put(word, "object")
        for word in extra_objects:
            put(word, "object")
        for word in data.opaque:
            put(word, "object")  # 营商环境: one word, whatever its parts name
        self._table = WordTable(words)
        #: every word the lexicon knows, with what it is read as (a word -> its kind, key,
        #: family and items)
        self.table = self._table
        # the table's own lookups, inlined in :meth:`tokens` (one scan per line read): the
        # lengths of the words by their first two characters, and the words of one character
        self._words = self._table.words
        by_two: dict[str, set[int]] = {}
        for word in self._words:
            if len(word) > 1:
                by_two.setdefault(word[:2], set()).add(len(word))
        self._by_two = {k: tuple(sorted(v, reverse=True)) for k, v in by_two.items()}
        self._singles = {w: v for w, v in self._words.items() if len(w) == 1}
        #: service family -> the families related to it (both ways)
        self.related = {
            f.id: frozenset(
                {*f.related, *(g.id for g in self.families.values() if f.id in g.related)}
            )
            for f in self.families.values()
        }

    @property
    def data(self) -> LexiconFile:
        """The content of ``lexicon.json`` (read when first asked for, if the lexicon was
        read back from a prepared index)."""
        if self._data is None:
            self._data = resources.lexicon()
        return self._data

    def stored(self) -> tuple[object, ...]:
        """The lexicon as plain data (for a prepared index on disk)."""
        families = {
            k: (f.id, f.label, f.words, f.related, f.activities, f.subject_in_lists, f.mixed)
            for k, f in self.families.items()
        }
        return self._table.stored(), self._by_two, self._singles, families, self.related

    @classmethod
    def restored(cls, stored: object) -> Lexicon:
        """The lexicon of :meth:`stored` data (of the bundled ``lexicon.json``)."""
        return cls(None, stored=cast("tuple[Any, ...]", stored))

    def tokens(self, text: str) -> tuple[Token, ...]:
        """The words of ``text`` (cleaned and canonical), longest known word first; runs of
        unknown characters are one ``unknown`` token each, and a separator that is not part
        of a known word is a ``sep`` token. A word matched longest first that ends inside a
        longer service word is cut back (企业安全 + 体检 is read 企业 + 安全体检: the service
        word names the work more closely, see :func:`_service_split`)."""
        out = _scan(text, self._words, self._by_two.get, self._singles.get)
        words = self._words
        k = len(out) - 2
        while k >= 0:
            split = _service_split(text, out[k], out[k + 1], words)
            if split is not None:
                out[k : k + 2] = split
            k -= 1
        return tuple(out)

    def _backward(self, text: str) -> tuple[Token, ...]:
        """The words of ``text`` matched longest first from its end (the head of a Chinese
        compound is its last word: 广场 + 文化活动, where matching from the start reads
        广场文化 + 活动): the reversed text scanned with the reversed words."""
        reversed_words = self._reversed
        if reversed_words is None:
            words = {word[::-1]: found for word, found in self._words.items()}
            by_two: dict[str, set[int]] = {}
            for word in words:
                if len(word) > 1:
                    by_two.setdefault(word[:2], set()).add(len(word))
            lengths = {k: tuple(sorted(v, reverse=True)) for k, v in by_two.items()}
            reversed_words = self._reversed = (words, lengths)
        words, lengths = reversed_words
        n = len(text)
        new = tuple.__new__
        out = [
            new(
                Token,
                (
                    t.text[::-1],
                    t.kind,
                    t.key[::-1] if t.kind in ("unknown", "sep") else t.key,
                    t.family,
                    n - t.end,
                    n - t.start,
                    t.items,
                ),
            )
            for t in _scan(text[::-1], words, lengths.get, self._singles.get)
        ]
        out.reverse()
        return tuple(out)

    def read(self, text: str) -> Reading:
        """``text`` (cleaned and canonical) read as its services and their objects."""
        tokens = self.tokens(text)
        if not any(t.kind in SERVICE_KINDS for t in tokens):
            # no service read from the start: matched from the end, a service may show
            # (广场文化活动 is 广场 + 文化活动); taken when it leaves few characters unknown
            back = self._backward(text)
            if any(t.kind in SERVICE_KINDS for t in back):
                unknown = sum(t.end - t.start for t in tokens if t.kind == "unknown")
                unknown_back = sum(t.end - t.start for t in back if t.kind == "unknown")
                if unknown_back <= unknown + 2:
                    tokens = back
        if any(t.kind == "unlisted" for t in tokens):
            # where a campaign goes (宣传进机关食堂, read 进基层食堂): an unlisted word right after
            # a framing word the lexicon names a campaign after (进基层 + 活动, as _campaign reads
            # it) is the place the campaign goes to, not a service bought there (食堂)
            tokens = tuple(
                t._replace(kind="modifier")
                if t.kind == "unlisted"
                and k
                and tokens[k - 1].kind == "modifier"
                and self.family_of(tokens[k - 1].text + _CAMPAIGN_WORD) is not None
                else t
                for k, t in enumerate(tokens)
            )
        # (most lines have no 的: no reading)
        served = self._owner_before_of(tokens) if "的" in text else None
        conjuncts: list[list[Token]] = []
        current: list[Token] = []
        for token in tokens:
            if token.kind == "sep":
                if current:
                    conjuncts.append(current)
                    current = []
            elif token.items and token.kind == "service" and self._listed_apart(token):
                # two services of unrelated kinds written as one word (宣传培训) are two
                # services, as if written with 及: publicity, and training
                items = self._item_tokens(token)
                current.append(items[0])
                for item in items[1:]:
                    conjuncts.append(current)
                    current = [item]
            else:
                current.append(token)
        if current:
            conjuncts.append(current)
        for conjunct in conjuncts:
            # a work named before the service that creates it (公益广告创作, 短视频创作) is what
            # is created, not a service of its own: the word is read as the work it is (作品).
            # Made (宣传片制作) it stays publicity: every publicity entry buys that
            for k in range(len(conjunct) - 1):
                token, after = conjunct[k], conjunct[k + 1]
                if token.kind == "service" and after.kind == "service" and after.text in _CREATING:
                    work = self.works().get(token.text)
                    if work is not None:
                        conjunct[k] = token._replace(kind="object", key=work, family=None)
            # an evaluation followed by the works it looks at and their results (评估医疗废物
            # 收集处置能力建设项目成效) evaluates: the services between are what is evaluated
            o = next((k for k, t in enumerate(conjunct) if t.text in _OUTCOMES), 0)
            e = next(
                (
                    k
                    for k in range(o - 1, -1, -1)
                    if conjunct[k].kind == "service" and conjunct[k].family == _EVALUATING
                ),
                o,  # no outcome word, or no evaluation before it
            )
            for k in range(e + 1, o):
                t = conjunct[k]
                if t.kind in SERVICE_KINDS:
                    conjunct[k] = t._replace(kind="object", key=t.text, family=None)
        heads_of: list[tuple[Token, ...]] = []
        parts: list[tuple[Token, ...]] = []
        #: per conjunct: whether words no lexicon knows follow its last service (宣传折页)
        noun_after: list[bool] = []
        activities: list[Token] = []
        modifiers: list[Token] = []
        implies, joins = self._implies, self._joins
        for conjunct in conjuncts:
            last = len(conjunct) - 1
            while last >= 0 and conjunct[last].kind not in SERVICE_KINDS:
                last -= 1
            if last < 0:  # no service: every word is an object, a step or framing
                part = []
                for token in conjunct:
                    kind = token.kind
                    if kind == "activity":
                        activities.append(token)
                    elif kind == "modifier":
                        modifiers.append(token)
                    else:
                        part.append(token)
                heads_of.append(())
                parts.append(tuple(part))
                noun_after.append(False)
                continue
            # a service word that is a step of the service before it (监测数据采集) is that
            # service's activity, unless the two are kinds of service that join as one head
            # (测评调查 is a 调查 as much as a 测评)
            # (a step the second batch does not list as a service of its own also past a word
            # between them: 法律援助案件代理 is legal aid given as representation in cases, where
            # a listed service after a word is that word's: 保护满意率调查 is a survey)
            demoted: set[int] = set()
            while last > 0:
                before = last - 1
                platform = False  # 运营 of a service's platform (…服务平台运营)
                # support of the service before it is that service's also past a word between
                # (地质灾害防治驻县技术支撑: the prevention work, supported from within the county)
                if conjunct[last].kind == "unlisted" or conjunct[last].text in _SUPPORT:
                    if conjunct[last].text in _RUN:
                        # a service's platform (服务平台, 公共服务平台), not a media platform
                        # (宣传平台, 新媒体平台: running that is a service of its own)
                        k = before  # past who runs it (委托, 第三方)
                        while k > 0 and conjunct[k].text in _AGENTS:
                            k -= 1
                        j = k
                        # (past a word of what kind it is: 研发公共平台)
                        while j > 0 and (
                            conjunct[j].text in _PLATFORMS or conjunct[j].kind == "qualifier"
                        ):
                            j -= 1
                        run = {t.text for t in conjunct[j + 1 : k + 1]}
                        # a platform of a kind of service that is not media (应急救援处置平台,
                        # 共享平台) is how the service is delivered; a media platform (宣传平台)
                        # is run for its own sake
                        platform = bool(run) and (
                            "服务" in run
                            or "平台" not in run
                            or (
                                conjunct[j].kind == "service"
                                and conjunct[j].family not in _MEDIA_FAMILIES
                            )
                        )
                    words = 0  # unknown words passed (who does it, 第三方, is no word between)
                    while before > 0 and (
                        conjunct[before].text in _AGENTS
                        or conjunct[before].text in _LIGHT_VERBS
                        or conjunct[before].kind == "qualifier"
                        # the activities the service is done as (宣传教育活动运营: running the
                        # publicity's activities); not other framing words (融媒体中心运营,
                        # 新媒体平台运营: running a centre or a platform is a service of its own)
                        or (
                            conjunct[before].kind == "modifier"
                            and conjunct[before].text in _ACTIVITIES
                        )
                        # the work the support is for (三查工作第三方技术支撑: the inspections)
                        or conjunct[before].text in _WORK
                        or (conjunct[before].kind in _PAST and words < _BETWEEN)
                        # the facility that is run (污水处理终端委托运营: running the terminals
                        # is the treatment's running)
                        or (
                            conjunct[before].kind == "goods"
                            and conjunct[last].kind == "unlisted"
                            and words < _BETWEEN
                        )
                        or (platform and conjunct[before].text in _PLATFORMS)
                    ):
                        words += conjunct[before].kind in _PAST or conjunct[before].kind == "goods"
                        before -= 1
                supports = (
                    (conjunct[last].text in _SUPPORT or (platform and conjunct[last].text in _RUN))
                    and conjunct[before].kind == "service"
                ) or (conjunct[last].text in _CAMPAIGN and conjunct[last - 1].kind == "service")
                if not supports and (
                    not implies(conjunct[before], conjunct[last])
                    or joins(conjunct[before], conjunct[last])
                ):
                    # a step of the service before it also past how long or how often it runs
                    # (网络舆情7×24小时监测: the monitoring of public opinion, round the clock),
                    # and past another step of that service (地方标准立项评审会: approval and
                    # review meeting are both steps of the standard); past other words a listed
                    # service is theirs (保护满意率调查 is a survey)
                    k, words = before, 0
                    while (
                        k > 0
                        and (
                            (
                                conjunct[k].kind in ("unknown", "qualifier")
                                and _when(conjunct[k].text)
                            )
                            or conjunct[k].text in _AGENTS
                            or conjunct[k].text in _PARTS
                            or (
                                conjunct[k].kind == "activity"
                                and self._step_of(conjunct[k - 1], conjunct[k])
                            )
                        )
                        and words < _BETWEEN
                    ):
                        k -= 1
                        words += 1
                    if (
                        k == before
                        or not implies(conjunct[k], conjunct[last])
                        or joins(conjunct[k], conjunct[last])
                    ):
                        owner = _owner_of_steps(conjunct, last, implies, joins)
                        if owner is None:
                            break
                        # service words that are all steps of one before them (投诉调查处理:
                        # the complaint is investigated and dealt with) are that one's
                        demoted.update(range(owner + 1, last + 1))
                        last = owner
                        continue
                    before = k
                demoted.add(last)
                last = before
            first = last
            k = last - 1
            while k >= 0:
                if conjunct[k].kind == "activity":  # 新媒体制作维护宣传: 维护 is a step
                    k -= 1
                    continue
                if not joins(conjunct[k], conjunct[first]):
                    break
                first = k
                k -= 1
            noun_after.append(
                last < len(conjunct) - 1 and all(t.kind == "unknown" for t in conjunct[last + 1 :])
            )
            heads_of.append(tuple(t for t in conjunct[first : last + 1] if t.kind in SERVICE_KINDS))
            part = []
            for k, token in enumerate(conjunct):
                kind = token.kind
                if first <= k <= last and kind in SERVICE_KINDS:
                    continue
                if kind == "activity" or k in demoted:
                    activities.append(token)
                elif kind == "modifier":
                    modifiers.append(token)
                else:
                    part.append(token)
            parts.append(tuple(part))
        # a conjunct that is only a step of the service before it, one the second batch does not
        # list on its own (档案整理与托管: the files are kept as well as sorted), or support of it
        # (代储及调运保障服务: the stores are moved when needed, and that is the storage's;
        # 汛中巡查及汛后复核技术支撑: the patrols, supported), is that service's activity, not a
        # service of its own; the conjunct may say when (汛后)
        for k in range(1, len(heads_of)):
            head, previous = heads_of[k], heads_of[k - 1]
            if (
                head
                and previous
                and all(t.kind == "qualifier" for t in parts[k])
                and all(
                    h.text in _SUPPORT
                    or (h.kind == "unlisted" and any(implies(p, h) for p in previous))
                    for h in head
                )
            ):
                activities.extend(head)
                heads_of[k] = ()
        # a service word before a noun no lexicon knows, listed beside another such noun that a
        # service follows, names a thing, and that service is done on both (宣传折页、挂图设计
        # 印制: the leaflets and the charts are designed and printed)
        for k in range(len(heads_of) - 1):
            if (
                noun_after[k]
                and heads_of[k + 1]
                and parts[k + 1]
                and all(t.kind == "unknown" for t in parts[k + 1])
            ):
                parts[k] = parts[k] + heads_of[k]
                heads_of[k] = ()
        # listed before another service, a word like 体系建设 is what that service is done on
        # (应急体系建设、安全生产…规划编制和评估: the planning of the emergency system)
        if len(heads_of) > 1:
            families = self.families
            later = False  # whether a later conjunct has a head that is a service of its own
            for k in range(len(heads_of) - 1, -1, -1):
                head = heads_of[k]
                if not head:
                    continue
                subject = all(t.family and families[t.family].subject_in_lists for t in head)
                if subject and later:
                    parts[k] = parts[k] + head
                    heads_of[k] = ()
                elif not subject:
                    later = True
        # a conjunct with no service takes the next one's, else the one before it
        following: tuple[Token, ...] = ()
        for k in range(len(heads_of) - 1, -1, -1):
            if heads_of[k]:
                following = heads_of[k]
            elif following:
                heads_of[k] = following
        if len(heads_of) == 1:
            heads = main = heads_of[0]
            if len(heads) > 1:
                heads = tuple(dict.fromkeys(heads))
        else:
            heads = tuple(dict.fromkeys(t for head in heads_of for t in head))
            # the main service is the last one the line buys, not one it says the service
            # includes (…健康疗养，含食宿和康复理疗: the stay is part of the convalescence)
            included = _included(conjuncts)
            bought = [h for h, inc in zip(heads_of, included, strict=True) if h and not inc]
            main = bought[-1] if bought else next((h for h in reversed(heads_of) if h), ())
        if served is not None and served not in heads:
            # the service the rest is done for (职称评审 of 职称评审的材料审查) is one of the
            # line's services, not the object of them
            heads = (served, *heads)
            parts = [tuple(t for t in part if t is not served) for part in parts]
        if not heads and activities:
            # no service word, only steps, all of them steps of one kind of service (断面水质加密
            # 采样及实验室分析: sampling and analysis are monitoring), counting an object that is
            # also a step (空气自动站运行维护: running the station is monitoring, not waste
            # treatment, whose step 运行维护 also is): that service, when there are two or more
            # steps
            owned = (self._owners_named(t.text) for part in parts for t in part)
            stepped = [kinds for kinds in owned if kinds]
            step = self._steps_of(activities, stepped) if stepped else None
            if step is None and len(activities) > 1:
                step = self._steps_of(activities)
            if step is not None:
                activities = [a for a in activities if a is not step[0]]
                heads = main = (step[0]._replace(kind="service", family=step[1]),)
        if not heads:
            # no service: a campaign (安全知识进社区进农村, with no step either: see _campaign)
            # or an event on a publicised day (环境日广场主题活动: see _day_event) is read as the
            # service its lexicon word names (进基层活动, 日主题活动: kinds of publicity)
            named = None if activities else self._campaign(tokens, modifiers)
            if named is None:
                named = self._day_event(tokens, modifiers)
            if named is not None:
                m, word, family = named
                service = m._replace(text=word, kind="service", key=word, family=family)
                heads = main = (service,)
                modifiers = [x for x in modifiers if x is not m]
        upkeep = _bought_at_end(tokens)
        if upkeep is not None:
            # the line ends in the upkeep of goods it names (监测仪器维保, 监控设备维护), or in a
            # service bought for the job before it (…宣传活动餐饮服务): that is what it buys, a
            # service the second batch does not list, whatever the job or the goods serve
            main = (upkeep,)
            if all(h.text != upkeep.text for h in heads):
                heads = (*heads, upkeep)
        return Reading(text, tokens, heads, main, tuple(parts), tuple(activities), tuple(modifiers))

    def _campaign(
        self, tokens: Sequence[Token], modifiers: list[Token]
    ) -> tuple[Token, str, str] | None:
        """For a line with no service: its last framing word, the lexicon word of the campaign it
        names (进基层 + 活动) and that word's family, when what is taken before it is knowledge of a
        kind (a qualifier: 安全知识, 法律常识) and every other word is read (特派员进村入户 says who
        goes, not what is taken); else ``None`` (戏曲进基层 takes a show there: it is the show)."""
        if any(t.kind not in _TAKEN for t in tokens):
            return None
        for m in reversed(modifiers):
            word = m.text + _CAMPAIGN_WORD
            family = self.family_of(word)
            if family is None:
                continue
            if not any(t.kind == "qualifier" and t.end <= m.start for t in tokens):
                break
            return m, word, family
        return None

    def _day_event(
        self, tokens: Sequence[Token], modifiers: list[Token]
    ) -> tuple[Token, str, str] | None:
        """For a line with no service: its last event word (活动, 主题活动) when it follows a day,
        week or month the line names (环境日, 宣传周, 主题日) past at most :data:`_DAY_REACH` words
        of where, how or what about (广场, 快闪, 生态文明) and any framing words (主题, 现场),
        with the lexicon word of that day's event (日主题活动, a kind of publicity) and its
        family; else ``None``."""
        for m in reversed(modifiers):
            if m.text not in _ACTIVITIES:
                continue
            at = next((k for k, t in enumerate(tokens) if t.start == m.start), None)
            if at is None:
                break
            k = at - 1
            words = 0  # words of where, how or what about passed; framing words are free
            while k >= 0 and tokens[k].kind in ("unknown", "object", "modifier"):
                day = tokens[k]
                if (
                    day.kind in ("object", "modifier")
                    and len(day.text) > 2
                    and day.text[-1] in _PERIODS
                ) or (
                    # 防灾减灾 + 日: the day of what is named before it
                    day.text in _PERIODS and k > 0 and tokens[k - 1].kind == "object"
                ):
                    word = day.text[-1] + m.text
                    family = self.family_of(word)
                    return None if family is None else (m, word, family)
                if day.kind != "modifier":
                    words += 1
                    if words > _DAY_REACH:
                        break
                k -= 1
            break
        return None

    def _listed_apart(self, token: Token) -> bool:
        """Whether a compound service word stands for services of unrelated kinds (宣传培训:
        宣传 and 培训), not for one service named twice (检验检测, 宣传推广)."""
        families = []
        for item in token.items:
            found = self._words.get(item)
            if found is None or found[0] != "service" or found[2] is None:
                return False
            families.append(found[2])
        first = families[0]
        related = self.related.get(first, frozenset())
        return any(f != first and f not in related for f in families[1:])

    def family_of(self, word: str) -> str | None:
        """The service family of ``word`` (``None``: not a service word of the lexicon).

        >>> lexicon().family_of("抽检"), lexicon().family_of("粮食")
        ('监测', None)
        """
        found = self._words.get(nfkc(word))
        return found[2] if found is not None and found[0] == "service" else None

    def _item_tokens(self, token: Token) -> list[Token]:
        """The items of a compound service word, each a service word of its own, where the
        compound has it (an item not written in it takes the compound's place)."""
        out = []
        for item in token.items:
            kind, key, family, _ = self._words[item]
            at = token.text.find(item)
            start, end = (
                (token.start, token.end)
                if at < 0
                else (token.start + at, token.start + at + len(item))
            )
            out.append(Token(item, kind, key, family, start, end))
        return out

    def works(self) -> dict[str, str]:
        """Service word -> the object it also names as a narrower word (公益广告, 宣传片 ->
        作品): a kind of publicity, and a work that can be made. Made once."""
        if self._works_made is None:
            self._works_made = self._make_works()
        return self._works_made

    def _make_works(self) -> dict[str, str]:
        words = self._words
        out: dict[str, str] = {}
        for group in self.data.objects:
            for word in group.narrower:
                w = nfkc(word)
                found = words.get(w)
                if found is not None and found[0] == "service":
                    out[w] = nfkc(group.term)
        return out

    def step_owners(self) -> dict[str, frozenset[str]]:
        """Step word -> the kinds of service it is a step of. Made once."""
        if self._step_owners_made is None:
            self._step_owners_made = self._make_step_owners()
        return self._step_owners_made

    def _make_step_owners(self) -> dict[str, frozenset[str]]:
        owners: dict[str, set[str]] = {}
        for family in self.families.values():
            for step in family.activities:
                owners.setdefault(step, set()).add(family.id)
        return {step: frozenset(ids) for step, ids in owners.items()}

    def _owners_named(self, word: str) -> frozenset[str]:
        """The kinds of service an object word names a step of, as itself or as the step it
        ends in (空气自动站 ends in 自动站, a step of monitoring); empty for most words."""
        owners = self.step_owners()
        for start in range(len(word) - 1):
            found = owners.get(word[start:])
            if found:
                return found
        return frozenset()

    def _steps_of(
        self, activities: list[Token], objects: Sequence[frozenset[str]] = ()
    ) -> tuple[Token, str] | None:
        """The last of ``activities`` and the one kind of service that every one of them is a
        step of and that every set in ``objects`` holds (the kinds of service an object that
        names a step is a step of: :meth:`_owners_named`), or ``None``."""
        common: set[str] | None = None
        step_owners = self.step_owners()
        for owners in (*(step_owners.get(a.text) for a in activities), *objects):
            if not owners:
                return None
            common = set(owners) if common is None else common & owners
            if not common:
                return None
        if not common or len(common) > 1:
            return None
        return activities[-1], next(iter(common))

    def _owner_before_of(self, tokens: tuple[Token, ...]) -> Token | None:
        """The service word before 的 that every service word after it is of the kind of (the
        same family or a related one) or a step of, or ``None``: what is done for a service is
        that service (职称评审的材料审查、评委会组织: the review, organised; 资格考试考点的
        监考、巡考: the exam), and the line names it as a service, not as the object of what
        follows. A service of another kind after 的 is done on the first (标准的宣贯培训 is
        training), and so is one the second batch does not list (监测站的物业管理)."""
        for k in range(len(tokens) - 2, 0, -1):
            if tokens[k].text != "的":
                continue
            owner = tokens[k - 1]
            if owner.kind != "service" or owner.family is None:
                continue
            services = [t for t in tokens[k + 1 :] if t.kind in SERVICE_KINDS]
            kinds = {owner.family, *self.related[owner.family]}
            if services and all(
                (t.kind == "service" and t.family in kinds) or self._implies(owner, t)
                for t in services
            ):
                return owner
            return None
        return None

    def _joins(self, before: Token, head: Token) -> bool:
        """Whether two adjacent service words are one head (检验检测, 调查评估, 展示展演)."""
        if before.kind not in SERVICE_KINDS:
            return False
        if before.family is None or head.family is None:
            return before.family is None and head.family is None
        return before.family == head.family or head.family in self.related[before.family]

    def _step_of(self, before: Token, after: Token) -> bool:
        """Whether the word ``after`` (a step word) is a step of the service ``before``."""
        return (
            before.kind == "service"
            and before.family is not None
            and after.text in self.families[before.family].activities
        )

    def _implies(self, before: Token, after: Token) -> bool:
        """Whether the service word ``after`` is a step of the service ``before`` (监测 →
        数据采集)."""
        return after.kind in SERVICE_KINDS and self._step_of(before, after)

    def extended(self, extra_objects: Iterable[str]) -> Lexicon:
        """This lexicon with more object words (the words of the entry names)."""
        return Lexicon(self.data, extra_objects)


@cache
def lexicon() -> Lexicon:
    """The lexicon of ``data/lexicon.json`` (read back from a prepared index of an earlier
    process when there is one: under 1 ms rather than 3; see :mod:`catalogue.index_cache`)."""
    key = index_key("lexicon-2", ("lexicon.json",))
    return index_cache.prepared(key, Lexicon.restored, lambda: Lexicon(resources.lexicon()))


def _owner_of_steps(
    conjunct: list[Token],
    last: int,
    implies: Callable[[Token, Token], bool],
    joins: Callable[[Token, Token], bool],
) -> int | None:
    """The position of the service word, in the run of service words that ends at ``last``,
    of which every service word after it is a step (投诉 of 投诉调查处理: 调查 and 处理 are steps
    of complaint handling), or ``None``."""
    start = last
    while start > 0 and conjunct[start - 1].kind == "service":
        start -= 1
    for owner in range(last - 2, start - 1, -1):
        head = conjunct[owner]
        if all(
            implies(head, conjunct[k]) and not joins(head, conjunct[k])
            for k in range(owner + 1, last + 1)
        ):
            return owner
    return None


def _scan(
    text: str,
    words: dict[str, Any],
    lengths_at: Callable[[str], tuple[int, ...] | None],
    single: Callable[[str], Any],
) -> list[Token]:
    """The tokens of ``text`` matched longest first from its start against ``words`` (whose
    lengths by their first two characters ``lengths_at`` gives, and the words of one character
    ``single``); runs of unknown characters are one ``unknown`` token each, a separator that is
    no part of a word a ``sep`` token."""
    out: list[Token] = []
    append = out.append
    # a token of its seven fields, made without the keyword handling of the constructor
    new = tuple.__new__
    i, n = 0, len(text)
    unknown_start = -1
    while i < n:
        found = None
        lengths = lengths_at(text[i : i + 2])
        if lengths is not None:
            for length in lengths:
                end = i + length
                if end <= n:
                    found = words.get(text[i:end])
                    if found is not None:
                        break
        if found is None:
            found = single(text[i])
            end = i + 1
        if found is None:
            if text[i] in SEPARATORS:
                if unknown_start >= 0:
                    out.extend(_unknown(text, unknown_start, i))
                    unknown_start = -1
                append(new(Token, (text[i], "sep", text[i], None, i, i + 1, ())))
            elif unknown_start < 0:
                unknown_start = i
            i += 1
            continue
        if unknown_start >= 0:
            out.extend(_unknown(text, unknown_start, i))
            unknown_start = -1
        kind, key, family, items = found
        append(new(Token, (text[i:end], kind, key, family, i, end, items)))
        i = end
    if unknown_start >= 0:
        out.extend(_unknown(text, unknown_start, n))
    return out


def _service_split(
    text: str, before: Token, after: Token, words: dict[str, Any]
) -> tuple[Token, Token] | None:
    """``before`` and ``after`` read again where the end of ``before`` and the whole of
    ``after`` make a longer service word and the rest of ``before`` is a word of its own
    (企业安全 + 体检 -> 企业 + 安全体检, a check of safety, not a medical check-up); ``None``
    when they do not, or when the longer word is of the same family as ``after`` (环境满意度 +
    调查 stays: 满意度调查 reads the same service and would leave the object shorter)."""
    if after.kind != "service" or before.kind not in ("object", "qualifier"):
        return None
    for cut in range(before.start + 1, before.end):
        head = words.get(text[cut : after.end])
        if head is None or head[0] != "service" or head[2] == after.family:
            continue
        rest = words.get(text[before.start : cut])
        if rest is None:
            continue
        new = tuple.__new__
        kind, key, family, items = rest
        first = new(Token, (text[before.start : cut], kind, key, family, before.start, cut, items))
        kind, key, family, items = head
        return first, new(Token, (text[cut : after.end], kind, key, family, cut, after.end, items))
    return None


def _unknown(text: str, start: int, end: int) -> list[Token]:
    """The tokens of a run of characters no word list knows: one ``unknown`` token, save that
    a stretch of Latin letters and digits in it (pcr, cnas, robotstudio: a specialist's term
    for how the work is done, not what it is done on) is a ``modifier`` of its own."""
    new = tuple.__new__
    run = text[start:end]
    if not any("a" <= c <= "z" for c in run):
        # a festival's name (三月三歌圩节, 泼水节, 桃花节: a run ending in 节) is when and what
        # for, as a day's name is: framing, not what the service is done on
        festival = len(run) >= _FESTIVAL and run[-1] == "节" and run[-2:] not in _NOT_FESTIVALS
        return [new(Token, (run, "modifier" if festival else "unknown", run, None, start, end, ()))]
    return [
        new(
            Token,
            (m[0], "unknown" if m["other"] else "modifier", m[0], None, m.start(), m.end(), ()),
        )
        for m in _LATIN_RUNS.finditer(text, start, end)
    ]


#: the fewest characters of a festival's name (泼水节)
_FESTIVAL = 3
#: words ending in 节 that name no festival (各环节, 全季节)
_NOT_FESTIVALS = frozenset(
    ("环节", "细节", "季节", "章节", "关节", "情节", "调节", "礼节", "脱节", "小节")
)
#: a run no word list knows, in pieces: Latin letters (and digits after them), and the rest
_LATIN_RUNS = on_first_use(r"[a-z][a-z0-9]*|(?P<other>[^a-z]+)")


#: the words that open what a service includes (…疗养，含食宿; …监测服务（包括采样、分析）):
#: the reading's conjuncts and the verdict's closing brackets (``verdict._explained``) read them
INCLUDING = ("含", "包括", "包含", "另含", "其中")


def _included(conjuncts: Sequence[Sequence[Token]]) -> list[bool]:
    """Per conjunct: whether it is part of what a service is said to include, opened by 含,
    包括… and running to the end of the line (含食宿和康复理疗: both; the text as read parts
    its clauses with 、 as it parts a list's items, so no clause end stops it)."""
    included: list[bool] = []
    for conjunct in conjuncts:
        opens = bool(conjunct) and conjunct[0].text in INCLUDING
        included.append(opens or (bool(included) and included[-1]))
    return included
