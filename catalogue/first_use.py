"""Module-level regular expressions compiled when they are first used, not at import.

A module's expressions compiled at import cost every process the time to compile them all: about
14 ms for this package's, most of it classes of Chinese characters, which ``re`` fills a map for
character by character. A lookup of one line uses a fifth of them.

This module is not compiled by mypyc (:data:`catalogue.build.COMPILABLE`): its object binds the
compiled expression's methods to itself, which a compiled class cannot.
"""

from __future__ import annotations

import re
from typing import AnyStr, cast

__all__ = ["on_first_use"]

#: what a compiled expression is asked for: bound to the instance when it is compiled, so that
#: later calls go straight to the compiled expression's own methods
_METHODS = (
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class _OnFirstUse:
    """A module's regular expression, compiled when it is first used (see ``on_first_use``)."""

    def __init__(self, source: str | bytes, flags: int) -> None:
        self.pattern = source
        self._flags = flags

    def __getattr__(self, name: str) -> object:
        # called only for a name not yet bound: the first use compiles and binds them all
        if name.startswith("__") or name == "_flags":
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"on_first_use({self.pattern!r})"


def on_first_use(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, done when the expression is first used, not at import.
    After the first use, each method is the compiled expression's own, bound to the object, so
    a call costs what it costs on the compiled expression.

    >>> quantity = on_first_use("[0-9]+个")
    >>> quantity.pattern
    '[0-9]+个'
    >>> quantity.sub("", "12个乡镇")
    '乡镇'
    """
    return cast("re.Pattern[AnyStr]", _OnFirstUse(source, flags))
