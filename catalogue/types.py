"""Pydantic types for pipelines that carry budget lines.

``DepartmentName`` resolves any agency form of a department name to the canonical name;
``EntryCode`` normalises a catalogue code and checks its shape; ``BudgetLine`` is a budget line
whose code, if given, must be in its department's list::

    >>> from pydantic import BaseModel, ValidationError
    >>> from catalogue.types import BudgetLine, DepartmentName, EntryCode
    >>> class Row(BaseModel):
    ...     department: DepartmentName
    ...     code: EntryCode
    >>> Row(department="孝义市环保局", code="a17-03-03")
    Row(department='生态环境', code='A170303')
    >>> line = BudgetLine(text="环境空气质量监测", department="生态环境局", code="A170303")
    >>> line.entry.name
    '环境空气质量监测服务'
    >>> try:
    ...     BudgetLine(text="课后服务", department="教育局", code="A170303")
    ... except ValidationError as exc:
    ...     print(exc.errors()[0]["msg"])
    Value error, 代码 A170303 不在部门“教育”的目录中；该代码见于：生态环境、市场监督管理

The types validate against :func:`catalogue.load` (the bundled catalogue, cached).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .api import load
from .codes import check_canonical, is_valid_code, normalise_code
from .exceptions import AmbiguousCode, InvalidCode, UnknownCode, UnknownDepartment

if TYPE_CHECKING:
    from .results import Verdict
    from .tree import Entry

__all__ = ["BudgetLine", "Code", "DepartmentName", "EntryCode"]


def _department(value: str) -> str:
    try:
        return load().resolve_department(value)
    except UnknownDepartment as exc:
        raise ValueError(str(exc)) from None


def _code(value: str) -> str:
    try:
        return normalise_code(value)
    except InvalidCode as exc:
        raise ValueError(str(exc)) from None


#: pydantic type of a catalogue code: normalised on input, shape checked (a value that is no code
#: is left for the shape check to refuse)
Code = Annotated[
    str,
    BeforeValidator(lambda v: normalise_code(v) if isinstance(v, str) and is_valid_code(v) else v),
    AfterValidator(check_canonical),
]
#: a department name in any agency form (孝义市生态环境局, 发改委, 环保局 …) → the canonical name
DepartmentName = Annotated[str, AfterValidator(_department)]
#: a catalogue code in any spelling (``ａ１５０１０１``, ``a15-01-01``) → ``A150101``; shape checked
EntryCode = Annotated[str, AfterValidator(_code)]


class BudgetLine(BaseModel):
    """A budget line: its text, optionally the buying department and the catalogue code it is
    budgeted under. A code must be in the department's list (without a department: in some
    department's list)."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="the project name, optionally with its description")
    department: DepartmentName | None = None
    code: EntryCode | None = None

    @model_validator(mode="after")
    def _code_in_list(self) -> BudgetLine:
        if self.code is None:
            return self
        cat = load()
        if self.department is None:
            if not cat.departments_with(self.code):
                raise ValueError(str(UnknownCode(self.code)))
            return self
        try:
            cat.lookup(self.code, self.department)
        except UnknownCode as exc:
            raise ValueError(str(exc)) from None
        return self

    @property
    def entry(self) -> Entry | None:
        """The catalogue entry of :attr:`code` (``None`` without a code, or when the code is
        shared by several departments and no department is given)."""
        if self.code is None:
            return None
        try:
            return load().get(self.code, self.department)
        except AmbiguousCode:
            return None

    def check(self, limit: int = 5) -> Verdict:
        """The scope verdict for this line (:meth:`catalogue.Catalogue.check`)."""
        return load().check(self.text, department=self.department, limit=limit)
