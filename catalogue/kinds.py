"""The names a verdict, a reason and a buyer's reading can have, as ``Literal`` types.

They are the types of fields of the result models (:mod:`catalogue.results`, which exports them
too) and of the exclusion rules' schema (:mod:`catalogue.schemas`); here they are apart from
the models, so that reading the data files does not import the result models.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["BuyerKind", "ExcludedCategory", "ReasonCategory", "VerdictName"]

#: ``skipped`` is for rows of a table that are not budget lines (a header repeated, a column-number
#: row, a 合计/小计 row): they are reported, not judged
VerdictName = Literal["in_scope", "review", "out_of_scope", "error", "skipped"]

#: the kinds of what the law excludes (the categories of the exclusion rules)
ExcludedCategory = Literal[
    "excluded:goods",
    "excluded:works",
    "excluded:financing",
    "excluded:staffing",
    "excluded:transfer",
    "excluded:land",
    "excluded:duty",
]
#: ``buyer`` notes how the buyer was read (a merged bureau, a name at the start of the text); it
#: decides nothing
ReasonCategory = Literal[
    "matched",
    ExcludedCategory,
    "not_listed",
    "other_department",
    "no_service",
    "outside_buyer",
    "ambiguous",
    "skipped",
    "error",
    "buyer",
    "typo",
]
#: how a buyer's name was read
BuyerKind = Literal["department", "agency", "branch", "merged", "subordinate", "outside"]
