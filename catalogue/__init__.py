"""山西省部门政府购买服务指导性目录（第二批）: data, lookup, matching and scope verdicts.

    >>> import catalogue
    >>> cat = catalogue.load()
    >>> cat.departments[:3]
    ['发展和改革委员会', '教育', '科技']
    >>> cat.lookup("A170303", "孝义市生态环境局").name
    '环境空气质量监测服务'

Nothing is read at import time, and the modules behind these names are imported on first use:
:func:`load` reads the bundled file on first use and caches it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .exceptions import (
    AmbiguousCode,
    CatalogueError,
    DataError,
    InvalidCode,
    InvalidJobs,
    InvalidText,
    UnknownCode,
    UnknownDepartment,
    WorkerFailed,
)

if TYPE_CHECKING:
    from .api import Catalogue, load
    from .codes import normalise_code
    from .tree import Department, Entry
    from .types import Code

__version__ = "0.1.0"

#: public name -> the module that defines it (imported when the name is first used)
_LAZY = {
    "Catalogue": "api",
    "load": "api",
    "Code": "types",
    "normalise_code": "codes",
    "Department": "tree",
    "Entry": "tree",
}

__all__ = [
    "AmbiguousCode",
    "Catalogue",
    "CatalogueError",
    "Code",
    "DataError",
    "Department",
    "Entry",
    "InvalidCode",
    "InvalidJobs",
    "InvalidText",
    "UnknownCode",
    "UnknownDepartment",
    "WorkerFailed",
    "__version__",
    "load",
    "normalise_code",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'catalogue' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
