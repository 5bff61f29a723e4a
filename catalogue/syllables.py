"""The pinyin syllables of ``data/pinyin_syllables.json``: each character's syllables, and the
real words that sound like a word of the lexicon. Read on first use, once.

Homophone slips are read with it in budget-line texts (:mod:`catalogue.homophones`) and in
buyers' names (:mod:`catalogue.agencies`).

    >>> syllables_table()["测"]
    ('ce',)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from . import resources

__all__ = ["real_words", "syllables_table"]


@functools.cache  # one entry: the bundled table (about 4,400 characters)
def _bundled() -> tuple[Mapping[str, tuple[str, ...]], frozenset[str]]:
    data = resources.pinyin_syllables()
    table: dict[str, tuple[str, ...]] = {}
    for syllable, chars in data.syllables.items():
        for ch in chars:
            table[ch] = (*table.get(ch, ()), syllable)
    return table, frozenset(data.words)


def syllables_table() -> Mapping[str, tuple[str, ...]]:
    """character -> its syllables (``'行'`` -> ``('hang', 'xing')``)."""
    return _bundled()[0]


def real_words() -> frozenset[str]:
    """The real words that sound like a word of the lexicon (never read as slips)."""
    return _bundled()[1]
