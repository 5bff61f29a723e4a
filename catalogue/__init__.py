"""山西省部门政府购买服务指导性目录（第二批）: data, lookup, matching and scope verdicts.

    >>> import catalogue
    >>> cat = catalogue.load()
    >>> cat.departments[:3]
    ['发展和改革委员会', '教育', '科技']
    >>> cat.lookup("A170303", "孝义市生态环境局").name
    '环境空气质量监测服务'

Nothing is read at import time: :func:`load` reads the bundled file on first use and caches it.
"""

from __future__ import annotations

from .codes import Code, normalise_code
from .exceptions import (
    AmbiguousCode,
    CatalogueError,
    DataError,
    InvalidCode,
    InvalidText,
    UnknownCode,
    UnknownDepartment,
)
from .loader import load
from .model import Catalogue, Department, Entry

__version__ = "0.1.0"

__all__ = [
    "AmbiguousCode",
    "Catalogue",
    "CatalogueError",
    "Code",
    "DataError",
    "Department",
    "Entry",
    "InvalidCode",
    "InvalidText",
    "UnknownCode",
    "UnknownDepartment",
    "__version__",
    "load",
    "normalise_code",
]
