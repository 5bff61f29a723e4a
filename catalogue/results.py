"""What matching and checking return: candidates, reasons and verdicts.

They are frozen, keyword-only dataclasses (:class:`catalogue.records.FrozenRecord`) with pydantic's
model methods: ``model_dump(mode="json")`` gives the records the CLI, the batch check and the
reconciliation service emit, ``model_json_schema()`` their JSON Schema. They are immutable all
the way down (frozen, tuples rather than lists), because the same result is handed out again
for a text seen before.

    >>> import catalogue
    >>> verdict = catalogue.load().check("环境空气质量监测", department="孝义市生态环境局")
    >>> verdict.verdict, verdict.best.code, verdict.buyer.kind
    ('in_scope', 'A170303', 'agency')
    >>> verdict.model_dump(mode="json")["reasons"][0]["category"]
    'matched'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from .kinds import BuyerKind, ExcludedCategory, ReasonCategory, VerdictName
from .records import FrozenRecord

if TYPE_CHECKING:  # pydantic reads the annotations (catalogue.records)
    from pydantic import Field

__all__ = [
    "Buyer",
    "BuyerKind",
    "Candidate",
    "Evidence",
    "ExcludedCategory",
    "Reason",
    "ReasonCategory",
    "Verdict",
    "VerdictName",
]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Evidence(FrozenRecord):
    """One piece of a candidate's explanation: a term of the text found in the entry."""

    term: Annotated[str, Field(description="the term as found in the cleaned text")]
    level: Annotated[int, Field(description="the level whose name holds the term (1–4)")]
    name: Annotated[str, Field(description="that level's name")]
    via: Annotated[str | None, Field(description="the synonym or abbreviation applied, if any")] = (
        None
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Candidate(FrozenRecord):
    """A ranked level-4 entry for a text."""

    department: str
    code: str
    name: str
    path: tuple[str, ...]
    score: Annotated[float, Field(ge=0, le=100, description="0–100, higher is closer")]
    why: Annotated[str, Field(description="the explanation in one line of Chinese")]
    evidence: tuple[Evidence, ...] = ()
    restrictions: Annotated[tuple[str, ...], Field(description="notes that limit the entry")] = ()


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Reason(FrozenRecord):
    """One reason for a verdict."""

    category: ReasonCategory
    message: Annotated[str, Field(description="the reason in Chinese")]
    basis: Annotated[str, Field(description="the entry matched, or the rule and its legal source")]
    rule: Annotated[str | None, Field(description="id of the exclusion rule, if one fired")] = None
    evidence: Annotated[str | None, Field(description="the words of the text that fired it")] = None
    department: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Buyer(FrozenRecord):
    """A buyer's name as written, and the department lists it buys under."""

    written: Annotated[str, Field(description="the name as written")]
    departments: Annotated[
        tuple[str, ...],
        Field(
            description="the canonical departments whose lists apply (several for a merged "
            "bureau, none for an agency outside the 15)"
        ),
    ]
    kind: Annotated[
        BuyerKind,
        Field(
            description="department, agency (孝义市生态环境局), branch (…分局, …所), merged "
            "(教育体育局, or several bodies buying together: 市委宣传部、市发改委), subordinate "
            "(不动产登记中心), outside (an agency with no list in the second batch)"
        ),
    ]
    from_text: Annotated[
        bool, Field(description="whether the buyer was read from the start of the text")
    ] = False
    core: Annotated[str | None, Field(description="the field core read (生态环境, 教育体育 …)")] = (
        None
    )
    reading: Annotated[str, Field(description="how the name was read, in Chinese")]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Verdict(FrozenRecord):
    """The verdict for one budget line."""

    text: str
    department: Annotated[
        str | None,
        Field(
            description="the canonical department whose list decided (or the buyer's only "
            "department), or null"
        ),
    ]
    verdict: VerdictName
    reasons: tuple[Reason, ...]
    candidates: tuple[Candidate, ...]
    buyer: Annotated[Buyer | None, Field(description="how the buyer was read, if one was")] = None

    @property
    def best(self) -> Candidate | None:
        """The first candidate, or ``None``."""
        return self.candidates[0] if self.candidates else None
