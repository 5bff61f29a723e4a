"""The exception family of the catalogue.

Every error the library raises on purpose is a :class:`CatalogueError`. Each subclass also
inherits the built-in exception that fits it, so callers may catch either family::

    >>> import catalogue
    >>> try:
    ...     catalogue.load().lookup("A999999", department="教育")
    ... except LookupError as exc:
    ...     print(type(exc).__name__)
    UnknownCode
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousCode",
    "CatalogueError",
    "DataError",
    "InvalidCode",
    "InvalidJobs",
    "InvalidText",
    "UnknownCode",
    "UnknownDepartment",
    "WorkerFailed",
]


class CatalogueError(Exception):
    """Base class of every error raised by :mod:`catalogue`."""


class DataError(CatalogueError, ValueError):
    """A catalogue file is unreadable, not JSON, not of the schema, or breaks an invariant."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class InvalidCode(CatalogueError, ValueError):
    """A string that cannot be a catalogue code (not ``A``, ``A00``, ``A0000`` or ``A000000``)."""


class InvalidText(CatalogueError, ValueError):
    """A budget-line text that cannot be matched (not a string, or empty after cleaning)."""


class InvalidJobs(CatalogueError, ValueError):
    """A number of worker processes that is not a non-negative integer (``check_many(jobs=…)``)."""


class WorkerFailed(CatalogueError, RuntimeError):
    """A worker process of a parallel ``check_many`` stopped before it answered (killed, out of
    memory) or could not start."""


class UnknownCode(CatalogueError, LookupError):
    """A well-formed code that no department (or not the given department) lists."""

    def __init__(self, code: str, department: str | None = None, *, suggestion: str = "") -> None:
        self.code = code
        self.department = department
        where = f"部门“{department}”的目录" if department else "第二批目录的任何部门"
        msg = f"代码 {code} 不在{where}中"
        if suggestion:
            msg += f"；{suggestion}"
        super().__init__(msg)

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0])


class AmbiguousCode(CatalogueError, LookupError):
    """A code that several departments use, asked for without a department."""

    def __init__(self, code: str, departments: Sequence[str]) -> None:
        self.code = code
        self.departments = tuple(departments)
        super().__init__(
            f"代码 {code} 在 {len(self.departments)} 个部门的目录中都有，请指定部门："
            + "、".join(self.departments)
        )

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownDepartment(CatalogueError, LookupError):
    """A department name that resolves to none of the 15 departments."""

    def __init__(
        self,
        name: object,
        nearest: Sequence[str],
        known: Sequence[str],
        *,
        note: str | None = None,
    ) -> None:
        self.name = name
        self.nearest = tuple(nearest)
        self.known = tuple(known)
        #: how the name was read, when it is an agency with no list in the second batch
        self.note = note
        shown = name if not isinstance(name, str) or len(name) <= 40 else name[:40] + "…"
        msg = f"无法识别的部门：“{shown}”"
        if note:
            msg = f"“{shown}”不是第二批目录的部门：{note}"
        if self.nearest:
            msg += "；最接近的是：" + "、".join(self.nearest)
        msg += "。第二批目录的 15 个部门：" + "、".join(self.known)
        super().__init__(msg)

    def __str__(self) -> str:
        return str(self.args[0])
