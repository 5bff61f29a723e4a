"""Exclusion rules: what may never be bought as a service (``data/exclusion_rules.json``).

Each rule has a category (``excluded:goods``, ``excluded:works`` …), patterns, the exceptions
that read like a careful officer rather than a keyword grep (服务采购 is not goods, 工程师 is not
works, 招聘会 is not hiring staff), and the legal text it rests on. A negation in the same clause
(不含设备采购, 非工程类) cancels a hit.

    >>> from catalogue.rules import find_exclusions
    >>> [h.rule.id for h in find_exclusions("档案馆维修改造工程")]
    ['works.build', 'works.project']
    >>> find_exclusions("特种设备检验检测服务（不含设备采购）")
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import resources
from .chars import nfkc
from .schemas import ExclusionRulesFile
from .text import noise_patterns

__all__ = ["Hit", "Rule", "find_exclusions", "rules"]

#: clause boundaries: a negation reaches no further than its clause
_CLAUSE_END = re.compile(r"[,，。;；:：、!！?？()（）\[\]【】]")
#: negations of one character only count right before the hit (非工程类, 无设备)
_ONE_CHAR = 1


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    message: str
    basis: str
    patterns: tuple[re.Pattern[str], ...]
    unless_after: tuple[str, ...]
    unless_before: tuple[str, ...]
    unless_text: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """A rule that fired on a text, and where."""

    rule: Rule
    start: int
    end: int
    evidence: str

    @property
    def category(self) -> str:
        return self.rule.category


@dataclass(frozen=True)
class _RuleSet:
    rules: tuple[Rule, ...]
    negations: tuple[str, ...]
    #: per rule, one pattern that matches where any of its patterns does (None: no screen)
    screens: tuple[re.Pattern[str] | None, ...]


def _screen(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One alternation of ``patterns``: it finds a match if and only if one of them would, so a
    rule whose screen finds nothing cannot fire. ``None`` if the patterns do not combine (inline
    flags) or need no combining."""
    if len(patterns) < 2 or any(p.flags != re.UNICODE for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:
        return None


@cache
def _load() -> _RuleSet:
    return compile_rules(resources.exclusion_rules())


def compile_rules(data: ExclusionRulesFile) -> _RuleSet:
    """Compile the rules of a validated exclusion-rule file."""
    terms = {
        name: "|".join(re.escape(t) for t in sorted(words, key=len, reverse=True))
        for name, words in data.terms.items()
    }
    out = []
    for raw in data.rules:
        patterns = []
        for p in raw.patterns:
            for name, alt in terms.items():
                p = p.replace("{" + name + "}", alt)
            patterns.append(re.compile(p))
        out.append(
            Rule(
                id=raw.id,
                category=raw.category,
                message=raw.message,
                basis="；".join(data.sources[s] for s in raw.source),
                patterns=tuple(patterns),
                unless_after=tuple(raw.unless_after),
                unless_before=tuple(raw.unless_before),
                unless_text=tuple(raw.unless_text),
            )
        )
    negations = tuple(sorted(data.negations, key=len, reverse=True))
    return _RuleSet(tuple(out), negations, tuple(_screen(r.patterns) for r in out))


def rules() -> tuple[Rule, ...]:
    """The exclusion rules, in file order."""
    return _load().rules


def _negated(text: str, start: int, end: int, negations: tuple[str, ...]) -> bool:
    clause_start = start
    while clause_start > 0 and not _CLAUSE_END.match(text[clause_start - 1]):
        clause_start -= 1
    before = text[clause_start:start]
    for neg in negations:
        if len(neg) == _ONE_CHAR:
            if before.endswith(neg) and neg != "除":
                return True
            if neg == "除" and neg in before and "外" in text[end : end + 4]:
                return True
        elif neg in before[-10:]:
            return True
    return text[end : end + 2] == "除外"


def _past_boilerplate(after: str) -> str:
    """``after`` without the procurement and budget wording it starts with: in
    “购置监测设备服务采购项目” the 服务 after 设备 belongs to 服务采购, not to the equipment."""
    _, boiler, _ = noise_patterns()
    while m := boiler.match(after):
        if not m.end():
            break
        after = after[m.end() :]
    return after


def find_exclusions(text: str) -> list[Hit]:
    """The exclusion rules that fire on ``text`` (at most one hit per rule), in file order."""
    s = nfkc(text)
    ruleset = _load()
    hits: list[Hit] = []
    for rule, screen in zip(ruleset.rules, ruleset.screens, strict=True):
        if screen is not None and screen.search(s) is None:
            continue
        if any(u in s for u in rule.unless_text):
            continue
        for pattern in rule.patterns:
            found = None
            for m in pattern.finditer(s):
                after = _past_boilerplate(s[m.end() :])
                before = s[: m.start()]
                if any(after.startswith(u) for u in rule.unless_after):
                    continue
                if any(before.endswith(u) for u in rule.unless_before):
                    continue
                if _negated(s, m.start(), m.end(), ruleset.negations):
                    continue
                found = Hit(rule, m.start(), m.end(), m.group(0))
                break
            if found is not None:
                hits.append(found)
                break
    return hits
