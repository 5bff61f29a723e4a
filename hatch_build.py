"""Build hook of the wheel: compiles the modules that read, rank and decide a line with mypyc.

A line never seen before spends nearly all its time in these modules (``benchmarks/
distinct_lines.py``); compiled, they check such lines about 1.7 times as fast, with the same
verdicts byte for byte (``tests/test_packaging.py`` compares them on the labelled texts). The
Python sources stay in the wheel beside the extension modules, which Python imports first.

mypyc (part of mypy) turns the type-annotated modules into C extensions, and the build compiles
them with the C compiler Python was built with. Set ``CATALOGUE_PURE_PYTHON=1`` to build a
pure-Python wheel instead (no compiler, no mypy; slower on lines never seen before). An editable
install is never compiled: it runs the sources it points to.

Nothing is written into the source tree: mypyc works on a copy of the package in a temporary
folder, and the compiled modules are put in the wheel from there.
"""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: the mypy that compiles them (mypyc refuses code that its mypy finds a type error in: a release
#: with new checks could refuse this code, so the build takes the release it was tested with)
MYPY = "mypy==2.4.1"
#: set to 1 (or true, yes) for a pure-Python wheel
PURE_ENV = "CATALOGUE_PURE_PYTHON"

_SETUP = """\
import sys
from setuptools import setup
from mypyc.build import mypycify

files = sys.argv[1:]
setup(
    name="catalogue-compiled",
    ext_modules=mypycify(["--ignore-missing-imports", *files], opt_level="3"),
    script_args=["build_ext", "--build-lib", "lib", "--build-temp", "tmp"],
)
"""


def pure() -> bool:
    """Whether a pure-Python wheel was asked for (``CATALOGUE_PURE_PYTHON``)."""
    return os.environ.get(PURE_ENV, "").strip().lower() in ("1", "true", "yes")


class CompileHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles ``catalogue.build.COMPILABLE`` into the wheel (not for an editable install)."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        return [] if pure() else [MYPY, "setuptools>=70"]

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable" or pure():
            return
        source = Path(self.root) / "catalogue"
        # the modules to compile: catalogue.build.COMPILABLE (that module imports nothing of
        # the package, so it runs on its own here)
        compiled = tuple(runpy.run_path(str(source / "build.py"))["COMPILABLE"])
        work = Path(tempfile.mkdtemp(prefix="catalogue-mypyc-"))
        try:
            self._compile(source, work, compiled, build_data)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)  # (on success: once the wheel is written)
            raise
        self._work = work

    def _compile(
        self, source: Path, work: Path, compiled: tuple[str, ...], build_data: dict[str, Any]
    ) -> None:
        """Compile ``compiled`` from a copy of ``source`` in ``work`` and add the extension
        modules to ``build_data``."""
        # the copy is what mypyc reads (no project file beside it for setuptools to read) and
        # where it writes; the compiled modules are taken from it into the wheel, whose own copy
        # of the folder is removed with it once the wheel is written
        package = work / "catalogue"
        shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
        (work / "setup.py").write_text(_SETUP, encoding="utf-8")
        files = [f"catalogue/{name}.py" for name in compiled]
        result = subprocess.run(
            [sys.executable, "setup.py", *files],
            cwd=work,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        if result.returncode != 0:
            raise RuntimeError(
                "compiling the matcher with mypyc failed (set CATALOGUE_PURE_PYTHON=1 to build a "
                f"pure-Python wheel instead):\n{result.stdout}\n{result.stderr}"
            )
        lib = work / "lib"
        built = sorted(p for p in lib.rglob("*") if p.is_file())
        names = {p.name.split(".", 1)[0] for p in (lib / "catalogue").iterdir()}
        missing = sorted(set(compiled) - names)
        if missing:
            raise RuntimeError(f"mypyc built no extension for: {', '.join(missing)}")
        for path in built:
            build_data["force_include"][str(path)] = path.relative_to(lib).as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
