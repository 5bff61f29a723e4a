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
from .results import ExcludedCategory

__all__ = [
    "SCHEMAS",
    "Amendment",
    "CatalogueFile",
    "DepartmentData",
    "ExclusionRule",
    "ExclusionRulesFile",
    "Metadata",
    "NodeData",
    "NoiseFile",
    "RelayNotice",
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
    model_config = ConfigDict(extra="forbid", frozen=True)


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
                        alternation = "|".join(re.escape(t) for t in self.terms[name])
                        expanded = expanded.replace("{" + name + "}", alternation)
                try:
                    _compiles(expanded)
                except ValueError as exc:
                    problems.append(f"{where}.patterns[{k}]：{exc}")
        if problems:
            raise ValueError("；".join(problems))
        return self


#: every bundled data file and the model it is validated against
SCHEMAS: dict[str, type[BaseModel]] = {
    "catalog_second_batch.json": CatalogueFile,
    "noise.json": NoiseFile,
    "synonyms.json": SynonymsFile,
    "exclusion_rules.json": ExclusionRulesFile,
}
