"""The schema of a catalogue file, defined once as pydantic models.

``catalogue schema`` prints the JSON Schema generated from :class:`CatalogueFile`; the same schema
ships as ``data/catalog_second_batch.schema.json``.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from .codes import _check_canonical

__all__ = ["Amendment", "CatalogueFile", "DepartmentData", "Metadata", "NodeData", "RelayNotice"]

SCHEMA_VERSION = 1

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)]
StrictCode = Annotated[str, AfterValidator(_check_canonical)]


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
