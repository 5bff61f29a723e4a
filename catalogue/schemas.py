"""The schemas of the bundled data files, defined once as records that pydantic validates.

Every file in ``data/`` has its record class here: :class:`CatalogueFile` (the catalogue),
:class:`NoiseFile` (what cleaning removes), :class:`SynonymsFile` (synonyms and abbreviations),
:class:`ExclusionRulesFile` (what the law excludes) and the word lists. They are frozen
dataclasses (:mod:`catalogue.records`) whose annotations carry pydantic's constraints:
:mod:`catalogue.resources` validates a file against its class with pydantic when it reads it,
unless the file is the bundled one with its recorded digest. ``catalogue schema --file NAME``
prints the JSON Schema generated from a class; the same schemas ship as ``data/*.schema.json``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import field
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from .codes import check_canonical
from .kinds import ExcludedCategory
from .records import Record, SimpleRecord, describe, record

#: the names of the constrained types the annotations use (made by ``_pydantic_names``): their
#: JSON values are the fields' values (what a trusted file is built with: catalogue.resources)
PLAIN_TYPES = frozenset(("NonEmpty", "StrictCode", "Name", "Word", "Text", "StrictInt"))

if TYPE_CHECKING:  # pydantic reads the annotations with _pydantic_names()
    from pydantic import Field, StrictInt

    NonEmpty = str
    StrictCode = str
    Name = str
    Word = str
    Text = str

__all__ = [
    "PLAIN_TYPES",
    "SCHEMAS",
    "AgenciesFile",
    "AgencyDepartment",
    "Amendment",
    "CatalogueFile",
    "Coordinate",
    "DepartmentData",
    "ExclusionRule",
    "ExclusionRulesFile",
    "LexiconFile",
    "Metadata",
    "NodeData",
    "NoiseFile",
    "ObjectGroup",
    "PinyinSyllablesFile",
    "PlacesFile",
    "RelayNotice",
    "ServiceFamily",
    "SynonymGroup",
    "SynonymsFile",
    "TraditionalFile",
]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or blank")
    return value


def _pydantic_names() -> dict[str, Any]:
    """The constrained types the annotations below name (made when pydantic first reads them:
    see :mod:`catalogue.records`)."""
    from pydantic import AfterValidator, StringConstraints

    not_blank = AfterValidator(_not_blank)
    return {
        "NonEmpty": Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)],
        "StrictCode": Annotated[str, AfterValidator(check_canonical)],
        "Name": Annotated[str, not_blank],
        "Word": Annotated[str, StringConstraints(min_length=1, max_length=40), not_blank],
        "Text": Annotated[str, not_blank],
    }


class _Model(SimpleRecord):
    # a bundled file that is unchanged is not validated (catalogue.resources): pydantic is
    # imported only to validate another file
    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "json_schema_extra": describe,
    }


@record
class RelayNotice(_Model):
    """The local notice that relayed the catalogue to its units."""

    document_number: Annotated[Name, Field(description="文号，如 孝财综〔2022〕12号")]
    title: Annotated[Name, Field(description="转发通知的标题")]
    issuer: Annotated[Name, Field(description="发文机关")]
    printed_by: Annotated[str | None, Field(description="印发机关（办公室）")] = None
    issue_date: Annotated[_dt.date, Field(description="印发日期")]


@record
class Metadata(_Model):
    """Provenance of the catalogue."""

    title: Annotated[Name, Field(description="目录名称")]
    document_number: Annotated[Name, Field(description="印发通知的文号，如 晋财综〔2021〕87号")]
    notice_title: Annotated[Name, Field(description="印发通知的标题")]
    issuer: Annotated[Name, Field(description="发文机关")]
    printed_by: Annotated[str | None, Field(description="印发机关（办公室）")] = None
    issue_date: Annotated[_dt.date, Field(description="印发日期")]
    basis: Annotated[str | None, Field(description="通知所依据的文件")] = None
    framework: Annotated[str | None, Field(description="一级、二级目录所遵循的框架")] = None
    relayed_by: Annotated[RelayNotice | None, Field(description="转发通知")] = None
    source: Annotated[Name, Field(description="本数据转录所依据的文本及其出处")]


@record
class Amendment(_Model):
    """A change the notice makes to another catalogue (not to the 15 department lists)."""

    catalogue: Annotated[Name, Field(description="被修订的目录")]
    department: Annotated[str | None, Field(description="被修订的部门目录；总目录为 null")] = None
    action: Annotated[Literal["rename", "add"], Field(description="rename 修订名称；add 增设")]
    code: Annotated[StrictCode, Field(description="被修订或增设的代码")]
    level: Annotated[StrictInt, Field(ge=1, le=4, description="该代码的级次")]
    old_name: Annotated[str | None, Field(description="修订前的名称（增设为 null）")] = None
    new_name: Annotated[Name, Field(description="修订后或增设的名称")]
    wording: Annotated[Name, Field(description="通知原文")]


@record
class NodeData(_Model):
    """One row of a department's list: a node of its four-level tree."""

    code: Annotated[StrictCode, Field(description="更正后的代码")]
    level: Annotated[StrictInt, Field(ge=1, le=4, description="级次：1 一级目录 … 4 四级目录")]
    name: Annotated[Name, Field(description="更正后的名称")]
    note: Annotated[str | None, Field(description="适用限制，如 仅限集中受理事项")] = None
    source_code: Annotated[str | None, Field(description="原表印的代码（仅当与 code 不同时）")] = (
        None
    )
    source_name: Annotated[str | None, Field(description="原表印的名称（仅当与 name 不同时）")] = (
        None
    )
    correction: Annotated[
        str | None, Field(description="更正的理由（有 source_code 或 source_name 时必填）")
    ] = None
    remark: Annotated[str | None, Field(description="转录说明（不改变代码或名称）")] = None
    source_line: Annotated[StrictInt | None, Field(ge=1, description="该行在来源文本中的行号")] = (
        None
    )


@record
class DepartmentData(_Model):
    """A department's list."""

    name: Annotated[Name, Field(description="部门的规范名称（目录所印）")]
    aliases: Annotated[list[Name], Field(description="用户书写的机关名称")] = field(
        default_factory=list
    )
    notes: Annotated[list[str], Field(description="关于该部门目录原表的说明")] = field(
        default_factory=list
    )
    nodes: Annotated[
        list[NodeData], Field(min_length=1, description="目录树的全部节点，按原表顺序")
    ]


@record
class CatalogueFile(_Model):
    """A whole catalogue file."""

    schema_version: Annotated[Literal[1], Field(description="数据格式版本")]
    metadata: Metadata
    amendments: Annotated[list[Amendment], Field(description="通知对其他目录的修订")] = field(
        default_factory=list
    )
    departments: Annotated[list[DepartmentData], Field(min_length=1, description="各部门目录")]


# -- word data -------------------------------------------------------------------------------------


@record
class NoiseFile(_Model):
    """``noise.json``: what budget-line texts carry besides the service, removed before matching."""

    description: Annotated[str, Field(description="说明")]
    provinces: Annotated[list[Word], Field(description="省级地名（不带“省”“市”等后缀）")]
    places: Annotated[list[Word], Field(description="市县区地名（不带后缀）")]
    province_aliases: Annotated[
        list[Word],
        Field(
            description="省级地名的别称（齐鲁、荆楚、三晋、八闽…）：文本中与地名一样读"
            "（“齐鲁粮油”区域品牌推介中的“齐鲁”是地方，不是服务的对象）"
        ),
    ] = field(default_factory=list)
    place_suffixes: Annotated[list[Word], Field(description="地名后缀：省、市、县、区、开发区…")]
    placeholders: Annotated[
        list[Word],
        Field(
            description="示例和草稿里代替地名的占位符（XX、××、某…）：后接地名后缀时与地名"
            "一样读（XX市生态环境局、某县委宣传部）"
        ),
    ] = field(default_factory=list)
    boilerplate: Annotated[
        list[Word], Field(description="公告、程序和经费用语：采购项目、中标公告、经费…")
    ]
    kept: Annotated[
        list[Word],
        Field(description="含有公告、程序用语的内容词，整词保留（“双公示”中的“公示”不是公示公告）"),
    ] = field(default_factory=list)
    periods: Annotated[list[Word], Field(description="期间用语：年度、季度、上半年…")]
    light_words: Annotated[list[Word], Field(description="泛用词：未被条目解释时只轻微拉低得分")]
    service_types: Annotated[list[Word], Field(description="服务类别词：宣传、监测、规划…")]
    activities: Annotated[
        dict[Word, list[Word]], Field(description="每类服务包含的工作环节：服务类别词 → 环节词")
    ]

    def __post_init__(self) -> None:
        """Every key of ``activities`` is a service type; every kept word holds boilerplate or
        ends where a boilerplate phrase starts (数据服务 before 服务费: 数据服务费).

        Run when pydantic validates a file, not when a trusted one is built
        (:func:`catalogue.resources.construct`)."""
        unknown = sorted(set(self.activities) - set(self.service_types))
        if unknown:
            raise ValueError("activities 的键必须是 service_types 中的词：" + "、".join(unknown))
        idle = sorted(
            w
            for w in self.kept
            if not any(
                b in w or any(w.endswith(b[:i]) for i in range(2, len(b))) for b in self.boilerplate
            )
        )
        if idle:
            raise ValueError(
                "kept 中的词既不含 boilerplate 中的用语，也不与其首尾相接，无须保留："
                + "、".join(idle)
            )


@record
class SynonymGroup(_Model):
    """Variants that mean one canonical word."""

    canonical: Annotated[Word, Field(description="改写成的规范写法")]
    variants: Annotated[list[Word], Field(min_length=1, description="各种写法")]
    kind: Annotated[
        Literal["synonym", "abbreviation", "alias"],
        Field(description="synonym 同义词；abbreviation 缩写或简称；alias 别称或旧称"),
    ] = "synonym"


@record
class SynonymsFile(_Model):
    """``synonyms.json``: synonyms and abbreviations rewritten before matching."""

    description: Annotated[str, Field(description="说明")]
    groups: Annotated[list[SynonymGroup], Field(description="同义词组")]
    kept: Annotated[
        list[Word],
        Field(
            description="原样保留的词：其中不再读出别的写法"
            "（“推进乡村振兴”中的“推进”，其中没有“进乡村”）"
        ),
    ] = field(default_factory=list)

    def __post_init__(self) -> None:
        """A written form is rewritten one way: it stands in one group only, as a variant or
        as the canonical form; a word kept as it is stands in no group.

        Run when pydantic validates a file, not when a trusted one is built
        (:func:`catalogue.resources.construct`)."""
        problems = []
        seen: dict[str, int] = {}
        for i, group in enumerate(self.groups):
            for word in dict.fromkeys([group.canonical, *group.variants]):
                first = seen.setdefault(word, i)
                if first != i:
                    problems.append(f"groups[{i}]：“{word}”已在 groups[{first}] 中")
        for word in self.kept:
            if word in seen:
                problems.append(f"kept：“{word}”已在 groups[{seen[word]}] 中")
        if problems:
            raise ValueError("；".join(problems))


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"正则表达式无效：{exc}") from None
    return pattern


@record
class ExclusionRule(_Model):
    """One rule of what may never be bought as a service."""

    id: Annotated[Word, Field(description="规则标识，如 goods.acquisition")]
    category: Annotated[ExcludedCategory, Field(description="类别")]
    source: Annotated[list[Word], Field(min_length=1, description="所依据的法规（sources 中的键）")]
    message: Annotated[Text, Field(description="命中时的理由")]
    patterns: Annotated[
        list[str], Field(min_length=1, description="正则表达式；{NAME} 代入 terms 中的词表")
    ]
    unless_after: Annotated[list[Word], Field(description="紧接命中处之后则不算")] = field(
        default_factory=list
    )
    unless_before: Annotated[list[Word], Field(description="紧挨命中处之前则不算")] = field(
        default_factory=list
    )
    unless_text: Annotated[list[Word], Field(description="文本含有则整条规则不适用")] = field(
        default_factory=list
    )
    unless_service_after: Annotated[
        bool,
        Field(
            description="命中处之后、同一分句中是目录中的服务时不算：命中的词只说明资金从哪里来"
            "（“省转移支付……食用农产品监督抽检项目”买的是抽检）；服务后面紧接资金、经费时仍算"
            "（“转移支付文物保护资金”是一笔资金）"
        ),
    ] = False


@record
class ExclusionRulesFile(_Model):
    """``exclusion_rules.json``: goods, works, financing, staffing, transfers and land."""

    description: Annotated[str, Field(description="说明")]
    sources: Annotated[dict[Word, Text], Field(description="法规原文：键 → 条文")]
    negations: Annotated[
        list[Word], Field(description="否定词：同一分句内出现在命中处之前则不算命中")
    ]
    negations_after: Annotated[
        list[Word],
        Field(
            description=(
                "后置的否定：同一分句内出现在命中处之后则不算命中"
                "（“仪器设备由甲方提供”“治理工程另行立项”“加固施工不在本项目范围”）"
            )
        ),
    ]
    terms: Annotated[dict[Word, list[Word]], Field(description="词表：规则中写作 {NAME}")]
    rules: Annotated[list[ExclusionRule], Field(min_length=1, description="规则，按顺序检查")]

    def __post_init__(self) -> None:
        """Rule ids are unique, sources and word lists named exist, patterns compile.

        Run when pydantic validates a file, not when a trusted one is built
        (:func:`catalogue.resources.construct`)."""
        problems = []
        ids = set()
        for i, rule in enumerate(self.rules):
            where = f"rules[{i}]（{rule.id}）"
            if rule.id in ids:
                problems.append(f"{where}：规则标识重复")
            ids.add(rule.id)
            for name in rule.source:
                if name not in self.sources:
                    problems.append(f"{where}：source 中的“{name}”不在 sources 中")
            for k, pattern in enumerate(rule.patterns):
                expanded = pattern
                for name in re.findall(r"\{([A-Z_]+)\}", pattern):
                    if name not in self.terms:
                        problems.append(f"{where}.patterns[{k}]：词表 {{{name}}} 不在 terms 中")
                    else:
                        # longest first, as catalogue.rules compiles it: re's cache keeps this
                        words = sorted(self.terms[name], key=len, reverse=True)
                        alternation = "|".join(re.escape(t) for t in words)
                        expanded = expanded.replace("{" + name + "}", alternation)
                try:
                    _compiles(expanded)
                except ValueError as exc:
                    problems.append(f"{where}.patterns[{k}]：{exc}")
        if problems:
            raise ValueError("；".join(problems))


@record
class PlacesFile(_Model):
    """``places.json``: names of China's administrative divisions, removed from the start of a
    text or an agency name."""

    description: Annotated[str, Field(description="说明")]
    source: Annotated[Text, Field(description="名称的来源")]
    names: Annotated[list[Word], Field(min_length=1, description="全称：常州市、利通区、忠县…")]
    short: Annotated[list[Word], Field(description="简称：常州、利通…（至少两个字）")]

    def __post_init__(self) -> None:
        """Short forms have two characters at least.

        Run when pydantic validates a file, not when a trusted one is built
        (:func:`catalogue.resources.construct`)."""
        bad = [s for s in self.short if len(s) < 2]
        if bad:
            raise ValueError("简称至少两个字：" + "、".join(bad[:10]))


@record
class AgencyDepartment(_Model):
    """How one department's agencies are named."""

    cores: Annotated[
        list[Word], Field(min_length=1, description="领域的写法：生态环境、环境保护、环保…")
    ]
    units: Annotated[
        list[Word], Field(description="只属于该部门的下属单位用词：不动产登记、调查队…")
    ] = field(default_factory=list)
    leading_only: Annotated[
        list[Word],
        Field(
            description="cores 中只在名称里没有别的领域写在它前面时才指该部门的写法：建设"
            "（孝义市建设局是住建局；交通建设管理中心、营商环境建设局、数字政府建设服务中心"
            "是别的领域的建设）"
        ),
    ] = field(default_factory=list)
    merged_fields: Annotated[
        list[Word],
        Field(
            description="cores 中并入该部门的机关的领域写法，只是该部门领域的一部分：知识产权局"
            "是市场监管部门的机关，但“知识产权行业规划服务”只是知识产权的规划，不是整个市场监管"
            "领域的"
        ),
    ] = field(default_factory=list)


@record
class AgencyAbbreviation(_Model):
    """A merged bureau's short name, one character or two per field (教科 = 教育 + 科技)."""

    written: Annotated[Word, Field(description="简称：教科、科工信、农水…")]
    fields: Annotated[
        list[Word],
        Field(
            min_length=2,
            description="依次是哪些领域：部门名称（教育、科技…）"
            "或 outside 中的领域写法（体育、水利…）",
        ),
    ]


@record
class AgenciesFile(_Model):
    """``agencies.json``: how buyers' names are read (place, field core, agency suffix)."""

    description: Annotated[str, Field(description="说明")]
    departments: Annotated[
        dict[Word, AgencyDepartment], Field(description="部门 → 该部门机关的写法")
    ]
    outside: Annotated[
        list[Word], Field(description="没有第二批目录的机关的领域写法：公安、民政、卫健…")
    ]
    enforcement: Annotated[
        list[Word],
        Field(
            description="执法工作的写法（综合行政执法）：写在一个部门的领域之后，是该部门的执法队伍"
            "（生态环境保护综合行政执法支队是生态环境的下属单位），不是合并设立的另一个机关"
        ),
    ] = field(default_factory=list)
    suffixes: Annotated[
        list[Word], Field(min_length=1, description="机关后缀：局、厅、委员会、中心…")
    ]
    branch_suffixes: Annotated[list[Word], Field(description="派出机构后缀：分局、所、大队…")]
    division_suffixes: Annotated[
        list[Word],
        Field(
            description="内设机构后缀：司、处、科、股…；内设机构沿用所在机关的领域，名称中的其他领域词不另算（孝义市发展和改革局规划科是发展和改革局的）"
        ),
    ] = field(default_factory=list)
    place_endings: Annotated[
        list[Word],
        Field(
            description="只写地名的购买主体是该地的人民政府或管委会：名称是一串地名（孝义市），或以这些字结尾的乡镇、街道、园区名（下堡镇、城关街道）"
        ),
    ] = field(default_factory=list)
    area_endings: Annotated[
        list[Word],
        Field(
            description="只写保护地、公园、风景区名称的购买主体（某某国家级自然保护区）是其管理机构，"
            "在第二批目录之外；只在购买主体一栏这样读（文本开头的这类名称是所购服务的对象）"
        ),
    ] = field(default_factory=list)
    institutions: Annotated[
        list[Word],
        Field(
            description="名称以这些字结尾的单位（某某人民医院、某某日报社）是第二批目录之外的事业单位；"
            "文本开头写出地名和这样的全称时，它就是购买主体（宜昌市第五人民医院医疗废物处置）"
        ),
    ] = field(default_factory=list)
    not_suffixes: Annotated[
        list[Word],
        Field(
            description="以机关后缀的字结尾、却是一项作业而不是机关的词（出库、入库：“县级储备粮出库质量检验”"
            "不是一个叫“县级储备粮出库”的单位），和以这些字结尾的普通词（全部、内部、干部：“……规划、全部通过评审”"
            "不是一个叫“……规划全部”的机关）；读名称时整词读出，不当作后缀"
        ),
    ] = field(default_factory=list)
    abbreviations: Annotated[
        list[AgencyAbbreviation],
        Field(
            description="合并设立的机关的简称，每个领域取一两个字（教科局 = 教育科技局，科工信局 = "
            "科学技术和工业信息化局）：按其中每个领域读"
        ),
    ] = field(default_factory=list)
    level_prefixes: Annotated[list[Word], Field(description="级次前缀：国家、省、市…")]
    connectors: Annotated[list[Word], Field(description="领域之间的连接字：和、与、及…")]

    def __post_init__(self) -> None:
        """A word names one department, or is outside; branch and division suffixes are suffixes;
        an institution's name ends in a suffix.

        Run when pydantic validates a file, not when a trusted one is built
        (:func:`catalogue.resources.construct`)."""
        owner: dict[str, str] = {}
        problems = []
        for name, dep in self.departments.items():
            for word in (*dep.cores, *dep.units):
                if owner.setdefault(word, name) != name:
                    problems.append(f"“{word}”同时属于“{owner[word]}”和“{name}”")
            stray = sorted(set(dep.leading_only) - set(dep.cores))
            if stray:
                problems.append(f"“{name}”的 leading_only 不在它的 cores 中：" + "、".join(stray))
        for word in self.outside:
            if word in owner:
                problems.append(f"“{word}”既是“{owner[word]}”的写法，又列在 outside 中")
        for key in ("branch_suffixes", "division_suffixes"):
            missing = sorted(set(getattr(self, key)) - set(self.suffixes))
            if missing:
                problems.append(f"{key} 中的后缀不在 suffixes 中：" + "、".join(missing))
        # an institution's name is read up to its suffix: the word must end in one
        unread = sorted(w for w in self.institutions if not w.endswith(tuple(self.suffixes)))
        if unread:
            problems.append(
                "institutions 中的单位名称不以 suffixes 中的后缀结尾：" + "、".join(unread)
            )
        # an abbreviation is a word of its own, and each of its fields is known
        for i, short in enumerate(self.abbreviations):
            where = f"abbreviations[{i}]（{short.written}）"
            if short.written in owner or short.written in self.outside:
                problems.append(f"{where}：简称已是一个领域写法")
            unknown = [
                f for f in short.fields if f not in self.departments and f not in self.outside
            ]
            if unknown:
                problems.append(f"{where}：“{'、'.join(unknown)}”既不是部门名称，也不在 outside 中")
        # a word that is no suffix is listed because it ends like one
        idle = sorted(w for w in self.not_suffixes if not w.endswith(tuple(self.suffixes)))
        if idle:
            problems.append("not_suffixes 中的词不以 suffixes 中的后缀结尾：" + "、".join(idle))
        if problems:
            raise ValueError("；".join(problems))


@record
class ServiceFamily(_Model):
    """Words that name one kind of service."""

    id: Annotated[Word, Field(description="服务族标识，如 监测")]
    label: Annotated[Word, Field(description="服务族的名称，如 监测、检测、检验")]
    words: Annotated[list[Word], Field(min_length=1, description="该族服务的各种说法")]
    related: Annotated[list[Word], Field(description="相近的服务族（标识）")] = field(
        default_factory=list
    )
    activities: Annotated[
        list[Word], Field(description="该类服务本身包含的工作环节（站点运维、采样分析…）")
    ] = field(default_factory=list)
    subject_in_lists: Annotated[
        bool,
        Field(
            description="列在另一项服务之前、以顿号隔开时，是那项服务的对象而不是一项服务（“应急体系建设、安全生产……规划编制和评估服务”是对体系建设的规划和评估）"
        ),
    ] = False
    mixed: Annotated[
        bool,
        Field(
            description="该族的说法是不同的工作（保护与利用、传承与修复）：写在对象之前时不能互相代替（“规划编制单位人员”说的是“规划从业人员”，“开发利用”说的不是“保护”）"
        ),
    ] = False


@record
class ObjectGroup(_Model):
    """An object and the narrower words that name a kind of it."""

    term: Annotated[Word, Field(description="上位词，如 特种设备")]
    narrower: Annotated[list[Word], Field(min_length=1, description="下位词，如 电梯、锅炉")]


@record
class Coordinate(_Model):
    """A compound of coordinate words (食品药品 = 食品、药品)."""

    compound: Annotated[Word, Field(description="复合词")]
    items: Annotated[list[Word], Field(min_length=2, description="并列的词")]


@record
class LexiconFile(_Model):
    """``lexicon.json``: the word knowledge matching reads lines and entries with."""

    description: Annotated[str, Field(description="说明")]
    services: Annotated[list[ServiceFamily], Field(min_length=1, description="服务族")]
    unlisted: Annotated[list[Word], Field(description="第二批目录没有的常见服务")]
    qualifiers: Annotated[list[Word], Field(description="修饰对象的泛用词")]
    modifiers: Annotated[list[Word], Field(description="框架用语")]
    goods: Annotated[list[Word], Field(description="表示货物的中心词")]
    works: Annotated[list[Word], Field(description="表示工程的中心词")]
    objects: Annotated[list[ObjectGroup], Field(description="对象词的上下位关系")]
    fields: Annotated[dict[Word, list[Word]], Field(description="部门 → 领域用词")]
    coordinates: Annotated[list[Coordinate], Field(description="并列复合词")]
    field_nouns: Annotated[
        list[Word],
        Field(
            description="接在部门名称后仍指该部门整个领域的词（统计 + 信息 = 统计信息）：对象只是"
            "这样的词的条目，与对象只是部门名称的条目一样，以整个部门领域为对象"
        ),
    ] = field(default_factory=list)
    opaque: Annotated[
        list[Word],
        Field(
            description="字面含有别的词、却不是那个意思的词（营商环境说的是营商，不是生态环境的"
            "环境）：整词读作对象，词里的字不与条目的词相符"
        ),
    ] = field(default_factory=list)
    own_use: Annotated[
        list[Word],
        Field(
            description="表示购买方本机关自身需要的写法（机关办公楼、局机关食堂、本局自用）：写有"
            "这些词的行买的是机关自己的后勤，不是第二批部门目录中的公共服务"
        ),
    ] = field(default_factory=list)
    outside_fields: Annotated[
        dict[Word, list[Word]],
        Field(
            description="第二批目录没有部门目录的机关（公安、卫生健康、水利……）→ 它们领域的用词："
            "不写购买主体、写了这些词的行所买的可能是那个机关的事项，最多判为复核"
        ),
    ] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Family ids are unique, a word has one role, related families exist.

        Run when pydantic validates a file, not when a trusted one is built
        (:func:`catalogue.resources.construct`)."""
        problems = []
        ids = [f.id for f in self.services]
        if len(set(ids)) != len(ids):
            problems.append("服务族标识重复")
        role: dict[str, str] = {}
        lists = [(f"services[{f.id}]", f.words) for f in self.services] + [
            ("unlisted", self.unlisted),
            ("qualifiers", self.qualifiers),
            ("modifiers", self.modifiers),
            ("goods", self.goods),
            ("works", self.works),
        ]
        for where, words in lists:
            for word in words:
                if role.setdefault(word, where) != where:
                    problems.append(f"“{word}”同时在 {role[word]} 和 {where} 中")
        for family in self.services:
            unknown = sorted(set(family.related) - set(ids))
            if unknown:
                problems.append(
                    f"services[{family.id}].related 中的“{'、'.join(unknown)}”不是服务族"
                )
        if problems:
            raise ValueError("；".join(problems))


#: every bundled data file and the model it is validated against
@record
class PinyinSyllablesFile(_Model):
    """``pinyin_syllables.json``: the syllables homophone slips are read by
    (:mod:`catalogue.homophones`; generated by ``python -m catalogue.homophones``)."""

    source: Annotated[str, Field(description="生成方式（工具、版本、选项）")]
    characters: Annotated[str, Field(description="表中收录哪些汉字")]
    syllables: Annotated[
        dict[str, str], Field(description="音节（小写字母，不计声调，ü 写作 v）→ 读这个音的汉字")
    ]
    words: Annotated[
        list[str],
        Field(
            description="与词表词语只差一个同音字的真实词语（督察之于督查、主场之于驻场）："
            "原文这样写就是这个意思，不按错别字改读"
        ),
    ]

    def __post_init__(self) -> None:
        """Syllables are lower-case letters in order, each with Chinese characters listed once;
        the words are sorted, each once, of two Chinese characters or more.

        Run when pydantic validates a file, not when a trusted one is built
        (:func:`catalogue.resources.construct`)."""
        for syllable, chars in self.syllables.items():
            if not syllable.isascii() or not syllable.isalpha() or not syllable.islower():
                raise ValueError(f"key {syllable!r} is not a syllable of lower-case letters")
            bad = [c for c in chars if not _is_han(c)]
            if bad:
                raise ValueError(f"{syllable}: not Chinese characters: {''.join(bad[:10])!r}")
            if len(set(chars)) != len(chars):
                raise ValueError(f"{syllable}: a character is listed twice")
        if list(self.syllables) != sorted(self.syllables):
            raise ValueError("syllables must be in alphabetical order")
        bad = [w for w in self.words if len(w) < 2 or not all(_is_han(c) for c in w)]
        if bad:
            raise ValueError(f"not words of two Chinese characters or more: {bad[:5]!r}")
        if self.words != sorted(set(self.words)):
            raise ValueError("words must be sorted, each once")


@record
class TraditionalFile(_Model):
    """``traditional.json``: traditional characters and the simplified character each is read
    as (:mod:`catalogue.script`; generated by ``python -m catalogue.script``)."""

    source: Annotated[str, Field(description="生成方式（工具、版本、选项）")]
    characters: Annotated[str, Field(description="表中收录哪些汉字")]
    simplified: Annotated[
        dict[str, str], Field(description="繁体字 → 按哪个简体字读（一字对一字）")
    ]

    def __post_init__(self) -> None:
        """Each key and value is one Chinese character, a key is not its own value nor any
        key's value (a simplified character is never read as another), and the keys are in
        code point order.

        Run when pydantic validates a file, not when a trusted one is built
        (:func:`catalogue.resources.construct`)."""
        values = set(self.simplified.values())
        for trad, simp in self.simplified.items():
            if len(trad) != 1 or len(simp) != 1 or not _is_han(trad) or not _is_han(simp):
                raise ValueError(f"{trad!r} → {simp!r}: not one Chinese character each")
            if trad == simp or trad in values:
                raise ValueError(f"{trad!r} is also a simplified character of the table")
        if list(self.simplified) != sorted(self.simplified):
            raise ValueError("traditional characters must be in code point order")


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


SCHEMAS: dict[str, type[Record]] = {
    "catalog_second_batch.json": CatalogueFile,
    "noise.json": NoiseFile,
    "synonyms.json": SynonymsFile,
    "exclusion_rules.json": ExclusionRulesFile,
    "places.json": PlacesFile,
    "agencies.json": AgenciesFile,
    "lexicon.json": LexiconFile,
    "pinyin_syllables.json": PinyinSyllablesFile,
    "traditional.json": TraditionalFile,
}
