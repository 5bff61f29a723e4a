"""The schemas of the bundled data files, defined once as pydantic models.

Every file in ``data/`` has its model here: :class:`CatalogueFile` (the catalogue),
:class:`NoiseFile` (what cleaning removes), :class:`SynonymsFile` (synonyms and abbreviations)
and :class:`ExclusionRulesFile` (what the law excludes). :mod:`catalogue.resources` validates
each file against its model when it reads it. ``catalogue schema --file NAME`` prints the JSON
Schema generated from a model; the same schemas ship as ``data/*.schema.json``.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    model_validator,
)

from .codes import check_canonical
from .kinds import ExcludedCategory

__all__ = [
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
    "PlacesFile",
    "RelayNotice",
    "ServiceFamily",
    "SynonymGroup",
    "SynonymsFile",
]

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)]
StrictCode = Annotated[str, AfterValidator(check_canonical)]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or blank")
    return value


Name = Annotated[str, AfterValidator(_not_blank)]


class _Model(BaseModel):
    # defer_build: the validators are built when a file is validated, not at import (about
    # 12 ms for the twenty models); a bundled file that is unchanged is not validated
    # (catalogue.resources)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class RelayNotice(_Model):
    """The local notice that relayed the catalogue to its units."""

    document_number: Name = Field(description="文号，如 孝财综〔2022〕12号")
    title: Name = Field(description="转发通知的标题")
    issuer: Name = Field(description="发文机关")
    printed_by: str | None = Field(default=None, description="印发机关（办公室）")
    issue_date: _dt.date = Field(description="印发日期")


class Metadata(_Model):
    """Provenance of the catalogue."""

    title: Name = Field(description="目录名称")
    document_number: Name = Field(description="印发通知的文号，如 晋财综〔2021〕87号")
    notice_title: Name = Field(description="印发通知的标题")
    issuer: Name = Field(description="发文机关")
    printed_by: str | None = Field(default=None, description="印发机关（办公室）")
    issue_date: _dt.date = Field(description="印发日期")
    basis: str | None = Field(default=None, description="通知所依据的文件")
    framework: str | None = Field(default=None, description="一级、二级目录所遵循的框架")
    relayed_by: RelayNotice | None = Field(default=None, description="转发通知")
    source: Name = Field(description="本数据转录所依据的文本及其出处")


class Amendment(_Model):
    """A change the notice makes to another catalogue (not to the 15 department lists)."""

    catalogue: Name = Field(description="被修订的目录")
    department: str | None = Field(default=None, description="被修订的部门目录；总目录为 null")
    action: Literal["rename", "add"] = Field(description="rename 修订名称；add 增设")
    code: StrictCode = Field(description="被修订或增设的代码")
    level: StrictInt = Field(ge=1, le=4, description="该代码的级次")
    old_name: str | None = Field(default=None, description="修订前的名称（增设为 null）")
    new_name: Name = Field(description="修订后或增设的名称")
    wording: Name = Field(description="通知原文")


class NodeData(_Model):
    """One row of a department's list: a node of its four-level tree."""

    code: StrictCode = Field(description="更正后的代码")
    level: StrictInt = Field(ge=1, le=4, description="级次：1 一级目录 … 4 四级目录")
    name: Name = Field(description="更正后的名称")
    note: str | None = Field(default=None, description="适用限制，如 仅限集中受理事项")
    source_code: str | None = Field(default=None, description="原表印的代码（仅当与 code 不同时）")
    source_name: str | None = Field(default=None, description="原表印的名称（仅当与 name 不同时）")
    correction: str | None = Field(
        default=None, description="更正的理由（有 source_code 或 source_name 时必填）"
    )
    remark: str | None = Field(default=None, description="转录说明（不改变代码或名称）")
    source_line: StrictInt | None = Field(default=None, ge=1, description="该行在来源文本中的行号")


class DepartmentData(_Model):
    """A department's list."""

    name: Name = Field(description="部门的规范名称（目录所印）")
    aliases: list[Name] = Field(default_factory=list, description="用户书写的机关名称")
    notes: list[str] = Field(default_factory=list, description="关于该部门目录原表的说明")
    nodes: list[NodeData] = Field(min_length=1, description="目录树的全部节点，按原表顺序")


class CatalogueFile(_Model):
    """A whole catalogue file."""

    schema_version: Literal[1] = Field(description="数据格式版本")
    metadata: Metadata
    amendments: list[Amendment] = Field(default_factory=list, description="通知对其他目录的修订")
    departments: list[DepartmentData] = Field(min_length=1, description="各部门目录")


# -- word data -------------------------------------------------------------------------------------
Word = Annotated[str, StringConstraints(min_length=1, max_length=40), AfterValidator(_not_blank)]
Text = Annotated[str, AfterValidator(_not_blank)]


class NoiseFile(_Model):
    """``noise.json``: what budget-line texts carry besides the service, removed before matching."""

    description: str = Field(description="说明")
    provinces: list[Word] = Field(description="省级地名（不带“省”“市”等后缀）")
    places: list[Word] = Field(description="市县区地名（不带后缀）")
    place_suffixes: list[Word] = Field(description="地名后缀：省、市、县、区、开发区…")
    boilerplate: list[Word] = Field(description="公告、程序和经费用语：采购项目、中标公告、经费…")
    periods: list[Word] = Field(description="期间用语：年度、季度、上半年…")
    light_words: list[Word] = Field(description="泛用词：未被条目解释时只轻微拉低得分")
    service_types: list[Word] = Field(description="服务类别词：宣传、监测、规划…")
    activities: dict[Word, list[Word]] = Field(
        description="每类服务包含的工作环节：服务类别词 → 环节词"
    )

    @model_validator(mode="after")
    def _activities_name_service_types(self) -> NoiseFile:
        unknown = sorted(set(self.activities) - set(self.service_types))
        if unknown:
            raise ValueError("activities 的键必须是 service_types 中的词：" + "、".join(unknown))
        return self


class SynonymGroup(_Model):
    """Variants that mean one canonical word."""

    canonical: Word = Field(description="改写成的规范写法")
    variants: list[Word] = Field(min_length=1, description="各种写法")
    kind: Literal["synonym", "abbreviation", "alias"] = Field(
        default="synonym", description="synonym 同义词；abbreviation 缩写或简称；alias 别称或旧称"
    )


class SynonymsFile(_Model):
    """``synonyms.json``: synonyms and abbreviations rewritten before matching."""

    description: str = Field(description="说明")
    groups: list[SynonymGroup] = Field(description="同义词组")


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"正则表达式无效：{exc}") from None
    return pattern


class ExclusionRule(_Model):
    """One rule of what may never be bought as a service."""

    id: Word = Field(description="规则标识，如 goods.acquisition")
    category: ExcludedCategory = Field(description="类别")
    source: list[Word] = Field(min_length=1, description="所依据的法规（sources 中的键）")
    message: Text = Field(description="命中时的理由")
    patterns: list[str] = Field(min_length=1, description="正则表达式；{NAME} 代入 terms 中的词表")
    unless_after: list[Word] = Field(default_factory=list, description="紧接命中处之后则不算")
    unless_before: list[Word] = Field(default_factory=list, description="紧挨命中处之前则不算")
    unless_text: list[Word] = Field(default_factory=list, description="文本含有则整条规则不适用")


class ExclusionRulesFile(_Model):
    """``exclusion_rules.json``: goods, works, financing, staffing, transfers and land."""

    description: str = Field(description="说明")
    sources: dict[Word, Text] = Field(description="法规原文：键 → 条文")
    negations: list[Word] = Field(description="否定词：同一分句内出现在命中处之前则不算命中")
    terms: dict[Word, list[Word]] = Field(description="词表：规则中写作 {NAME}")
    rules: list[ExclusionRule] = Field(min_length=1, description="规则，按顺序检查")

    @model_validator(mode="after")
    def _references_resolve(self) -> ExclusionRulesFile:
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
        return self


class PlacesFile(_Model):
    """``places.json``: names of China's administrative divisions, removed from the start of a
    text or an agency name."""

    description: str = Field(description="说明")
    source: Text = Field(description="名称的来源")
    names: list[Word] = Field(min_length=1, description="全称：常州市、利通区、忠县…")
    short: list[Word] = Field(description="简称：常州、利通…（至少两个字）")

    @model_validator(mode="after")
    def _short_forms_have_two_characters(self) -> PlacesFile:
        bad = [s for s in self.short if len(s) < 2]
        if bad:
            raise ValueError("简称至少两个字：" + "、".join(bad[:10]))
        return self


class AgencyDepartment(_Model):
    """How one department's agencies are named."""

    cores: list[Word] = Field(min_length=1, description="领域的写法：生态环境、环境保护、环保…")
    units: list[Word] = Field(
        default_factory=list, description="只属于该部门的下属单位用词：不动产登记、调查队…"
    )


class AgenciesFile(_Model):
    """``agencies.json``: how buyers' names are read (place, field core, agency suffix)."""

    description: str = Field(description="说明")
    departments: dict[Word, AgencyDepartment] = Field(description="部门 → 该部门机关的写法")
    outside: list[Word] = Field(description="没有第二批目录的机关的领域写法：公安、民政、卫健…")
    suffixes: list[Word] = Field(min_length=1, description="机关后缀：局、厅、委员会、中心…")
    branch_suffixes: list[Word] = Field(description="派出机构后缀：分局、所、大队…")
    division_suffixes: list[Word] = Field(
        default_factory=list,
        description="内设机构后缀：司、处、科、股…；内设机构沿用所在机关的领域，"
        "名称中的其他领域词不另算（孝义市发展和改革局规划科是发展和改革局的）",
    )
    place_endings: list[Word] = Field(
        default_factory=list,
        description="只写地名的购买主体是该地的人民政府或管委会：名称是一串地名（孝义市），"
        "或以这些字结尾的乡镇、街道、园区名（下堡镇、城关街道）",
    )
    level_prefixes: list[Word] = Field(description="级次前缀：国家、省、市…")
    connectors: list[Word] = Field(description="领域之间的连接字：和、与、及…")

    @model_validator(mode="after")
    def _words_belong_to_one_side(self) -> AgenciesFile:
        owner: dict[str, str] = {}
        problems = []
        for name, dep in self.departments.items():
            for word in (*dep.cores, *dep.units):
                if owner.setdefault(word, name) != name:
                    problems.append(f"“{word}”同时属于“{owner[word]}”和“{name}”")
        for word in self.outside:
            if word in owner:
                problems.append(f"“{word}”既是“{owner[word]}”的写法，又列在 outside 中")
        for key in ("branch_suffixes", "division_suffixes"):
            missing = sorted(set(getattr(self, key)) - set(self.suffixes))
            if missing:
                problems.append(f"{key} 中的后缀不在 suffixes 中：" + "、".join(missing))
        if problems:
            raise ValueError("；".join(problems))
        return self


class ServiceFamily(_Model):
    """Words that name one kind of service."""

    id: Word = Field(description="服务族标识，如 监测")
    label: Word = Field(description="服务族的名称，如 监测、检测、检验")
    words: list[Word] = Field(min_length=1, description="该族服务的各种说法")
    related: list[Word] = Field(default_factory=list, description="相近的服务族（标识）")
    activities: list[Word] = Field(
        default_factory=list, description="该类服务本身包含的工作环节（站点运维、采样分析…）"
    )
    subject_in_lists: bool = Field(
        default=False,
        description="列在另一项服务之前、以顿号隔开时，是那项服务的对象而不是一项服务"
        "（“应急体系建设、安全生产……规划编制和评估服务”是对体系建设的规划和评估）",
    )


class ObjectGroup(_Model):
    """An object and the narrower words that name a kind of it."""

    term: Word = Field(description="上位词，如 特种设备")
    narrower: list[Word] = Field(min_length=1, description="下位词，如 电梯、锅炉")


class Coordinate(_Model):
    """A compound of coordinate words (食品药品 = 食品、药品)."""

    compound: Word = Field(description="复合词")
    items: list[Word] = Field(min_length=2, description="并列的词")


class LexiconFile(_Model):
    """``lexicon.json``: the word knowledge matching reads lines and entries with."""

    description: str = Field(description="说明")
    services: list[ServiceFamily] = Field(min_length=1, description="服务族")
    unlisted: list[Word] = Field(description="第二批目录没有的常见服务")
    qualifiers: list[Word] = Field(description="修饰对象的泛用词")
    modifiers: list[Word] = Field(description="框架用语")
    goods: list[Word] = Field(description="表示货物的中心词")
    works: list[Word] = Field(description="表示工程的中心词")
    objects: list[ObjectGroup] = Field(description="对象词的上下位关系")
    fields: dict[Word, list[Word]] = Field(description="部门 → 领域用词")
    coordinates: list[Coordinate] = Field(description="并列复合词")
    field_nouns: list[Word] = Field(
        default_factory=list,
        description="接在部门名称后仍指该部门整个领域的词（统计 + 信息 = 统计信息）：对象只是"
        "这样的词的条目，与对象只是部门名称的条目一样，以整个部门领域为对象",
    )

    @model_validator(mode="after")
    def _each_word_has_one_role(self) -> LexiconFile:
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
        return self


#: every bundled data file and the model it is validated against
SCHEMAS: dict[str, type[BaseModel]] = {
    "catalog_second_batch.json": CatalogueFile,
    "noise.json": NoiseFile,
    "synonyms.json": SynonymsFile,
    "exclusion_rules.json": ExclusionRulesFile,
    "places.json": PlacesFile,
    "agencies.json": AgenciesFile,
    "lexicon.json": LexiconFile,
}
