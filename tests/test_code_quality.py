"""The code stays as the project keeps it: ruff clean (lint and format), and typed (mypy, with
the settings of pyproject.toml: the package ships ``py.typed``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: what ruff looks at (the package, its tests, benchmarks, doc examples and tools)
LINTED = ["catalogue", "tests", "benchmarks", "docs", "tools"]
FORMATTED = ["catalogue", "tests", "benchmarks"]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("ruff")  # a dev dependency
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_ruff_finds_nothing() -> None:
    result = _ruff("check", "--no-cache", *LINTED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted() -> None:
    result = _ruff("format", "--check", "--no-cache", *FORMATTED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing(tmp_path: Path) -> None:
    pytest.importorskip("mypy")  # a dev dependency
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path)],  # packages: pyproject
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_cached_property_in_the_compiled_modules() -> None:
    """A class mypyc compiles has no ``__dict__``: a ``functools.cached_property`` on it is
    computed again at every use (the lexicon's table of steps: 170 µs a use, a tenth of a line's
    time). The modules of ``catalogue.build.COMPILABLE`` keep what they make once in attributes
    of their own."""
    from catalogue.build import COMPILABLE

    decorator = re.compile(r"@(?:functools\.)?cached_property\b")
    using = [
        name
        for name in COMPILABLE
        if decorator.search((REPO / "catalogue" / f"{name}.py").read_text(encoding="utf-8"))
    ]
    assert using == []
