"""How this copy of the package was built: which of its modules mypyc compiled.

The wheel's build (``hatch_build.py`` beside the package's folder) compiles :data:`COMPILABLE`
into C extensions unless ``CATALOGUE_PURE_PYTHON=1`` is set; an editable install and a source
checkout run the Python sources. The verdicts are the same either way; compiled, lines never
seen before are checked about 1.7 times as fast (``docs/batch.md``).

>>> from catalogue.build import COMPILABLE, compiled, describe
>>> set(compiled()) <= set(COMPILABLE)
True
>>> describe() in ("mypyc 编译", "纯 Python") or describe().startswith("部分编译")
True
"""

from __future__ import annotations

__all__ = ["COMPILABLE", "compiled", "describe"]

#: the modules the wheel's build compiles: a line's reading (text, reading, agencies, patterns,
#: rules), its ranking (matching, scoring) and the decision (verdict). Read by ``hatch_build.py``
#: (this module imports nothing of the package, so the build can run it on its own)
COMPILABLE = (
    "agencies",
    "matching",
    "patterns",
    "reading",
    "rules",
    "scoring",
    "text",
    "verdict",
)


def compiled() -> tuple[str, ...]:
    """The modules of :data:`COMPILABLE` that are extension modules in this copy (found on
    the import path, not imported)."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    out = []
    for name in COMPILABLE:
        spec = find_spec(f"{__package__}.{name}")
        origin = spec.origin if spec is not None else None
        if origin is not None and origin.endswith(tuple(EXTENSION_SUFFIXES)):
            out.append(name)
    return tuple(out)


def describe() -> str:
    """In words, as ``catalogue --version`` says it: ``mypyc 编译`` (all of :data:`COMPILABLE`),
    ``纯 Python`` (none) or ``部分编译（…）`` (some: a build to look into)."""
    found = compiled()
    if len(found) == len(COMPILABLE):
        return "mypyc 编译"
    if not found:
        return "纯 Python"
    return f"部分编译（{'、'.join(found)}）"
