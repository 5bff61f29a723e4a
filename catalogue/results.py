"""What matching and checking return: candidates, reasons and verdicts.

These are pydantic models, so ``model_dump(mode="json")`` gives the records the CLI, the batch
check and the reconciliation service emit. They are immutable all the way down (frozen models,
tuples rather than lists), because the same result is handed out again for a text seen before.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .kinds import BuyerKind, ExcludedCategory, ReasonCategory, VerdictName

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


class _Model(BaseModel):
    # defer_build: the validators and serialisers are built on first use, not at import (about
    # 7 ms for the five models); verdicts are made without validation (catalogue.trusted)
    model_config = ConfigDict(frozen=True, defer_build=True)


class Evidence(_Model):
    """One piece of a candidate's explanation: a term of the text found in the entry."""

    term: str = Field(description="the term as found in the cleaned text")
    level: int = Field(description="the level whose name holds the term (1–4)")
    name: str = Field(description="that level's name")
    via: str | None = Field(default=None, description="the synonym or abbreviation applied, if any")


class Candidate(_Model):
    """A ranked level-4 entry for a text."""

    department: str
    code: str
    name: str
    path: tuple[str, ...]
    score: float = Field(ge=0, le=100, description="0–100, higher is closer")
    why: str = Field(description="the explanation in one line of Chinese")
    evidence: tuple[Evidence, ...] = ()
    restrictions: tuple[str, ...] = Field(default=(), description="notes that limit the entry")


class Reason(_Model):
    """One reason for a verdict."""

    category: ReasonCategory
    message: str = Field(description="the reason in Chinese")
    basis: str = Field(description="the entry matched, or the rule and its legal source")
    rule: str | None = Field(default=None, description="id of the exclusion rule, if one fired")
    evidence: str | None = Field(default=None, description="the words of the text that fired it")
    department: str | None = None
    code: str | None = None


class Buyer(_Model):
    """A buyer's name as written, and the department lists it buys under."""

    written: str = Field(description="the name as written")
    departments: tuple[str, ...] = Field(
        description="the canonical departments whose lists apply (several for a merged bureau, "
        "none for an agency outside the 15)"
    )
    kind: BuyerKind = Field(
        description="department, agency (孝义市生态环境局), branch (…分局, …所), merged "
        "(教育体育局), subordinate (不动产登记中心), outside (an agency with no list in the "
        "second batch)"
    )
    from_text: bool = Field(
        default=False, description="whether the buyer was read from the start of the text"
    )
    core: str | None = Field(default=None, description="the field core read (生态环境, 教育体育 …)")
    reading: str = Field(description="how the name was read, in Chinese")


class Verdict(_Model):
    """The verdict for one budget line."""

    text: str
    department: str | None = Field(
        description="the canonical department whose list decided (or the buyer's only "
        "department), or null"
    )
    verdict: VerdictName
    reasons: tuple[Reason, ...]
    candidates: tuple[Candidate, ...]
    buyer: Buyer | None = Field(default=None, description="how the buyer was read, if one was")

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None
