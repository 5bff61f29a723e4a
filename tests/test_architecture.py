"""The module map of docs/architecture.md is the code's: imports only run downward."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "catalogue"
DOC = REPO / "docs" / "architecture.md"


def documented_layers() -> dict[str, int]:
    """module -> layer, read from the table of docs/architecture.md."""
    rows = re.findall(r"^\| (\d+) \| `(catalogue[\w.]*)` \|", DOC.read_text("utf-8"), re.M)
    return {module: int(layer) for layer, module in rows}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(source: str, name: str, is_package: bool = False) -> list[tuple[str, list[str], int]]:
    """(module imported, names imported from it, line) for every import of a catalogue module
    in ``source`` (the code of module ``name``), wherever it stands (functions and
    ``TYPE_CHECKING`` blocks too)."""
    package = name if is_package else name.rpartition(".")[0]
    known = modules()
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names if a.name.startswith("catalogue")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("catalogue"):
                continue
            names = [a.name for a in node.names]
            # ``from . import x`` may name a submodule
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
            out += [(s, [], node.lineno) for s in subs]
            names = [n for n in names if f"{target}.{n}" not in known]
            if names or not subs:
                out.append((target, names, node.lineno))
    return out


def module_imports(module: str) -> list[tuple[str, list[str], int]]:
    path = modules()[module]
    return imports(path.read_text("utf-8"), module, path.name == "__init__.py")


def upward(module: str, found: list[tuple[str, list[str], int]]) -> list[str]:
    """The imports of ``module`` that do not run downward in the documented map."""
    layers = documented_layers()
    out = []
    for target, _, line in found:
        if target == "catalogue":
            continue  # the package root: exceptions and lazily resolved names only
        if target not in layers:
            out.append(f"{module}:{line} imports {target}, which is not in the map")
        elif layers[target] >= layers[module]:
            out.append(
                f"{module} (layer {layers[module]}) imports {target} (layer {layers[target]}) "
                f"at line {line}: imports must run downward"
            )
    return out


def test_every_module_is_in_the_map_and_the_map_names_only_modules() -> None:
    layers = documented_layers()
    found = set(modules()) - {"catalogue"}
    assert found - set(layers) == set(), "add these modules to docs/architecture.md"
    assert set(layers) - found == set(), "docs/architecture.md names modules that do not exist"


@pytest.mark.parametrize("module", sorted(set(modules()) - {"catalogue"}))
def test_imports_run_downward(module: str) -> None:
    assert upward(module, module_imports(module)) == []


@pytest.mark.parametrize("module", sorted(modules()))
def test_no_private_name_is_imported_from_another_module(module: str) -> None:
    for target, names, line in module_imports(module):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"{module}:{line} imports private {private} from {target}"


def test_the_package_root_imports_only_the_exceptions_eagerly() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text("utf-8"))
    eager = [
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.level and node.module
    ]
    assert eager == ["exceptions"]


def test_the_check_reports_upward_sideways_unknown_and_private_imports() -> None:
    """The check itself, on code that breaks each rule."""
    source = (
        "from .api import Catalogue\n"  # upward
        "def f():\n    from . import exceptions, rules\n"  # a submodule, itself, in a function
        "from .agencies import AgencyReader\n"  # the same layer as rules: sideways
        "import catalogue.nowhere\n"  # not in the map
    )
    problems = upward("catalogue.rules", imports(source, "catalogue.rules"))
    assert len(problems) == 4
    named = sorted(p.split(" imports ")[1].split(",")[0].split(" ")[0] for p in problems)
    assert named == ["catalogue.agencies", "catalogue.api", "catalogue.nowhere", "catalogue.rules"]
    private = imports("from .matching import _Indexed, Matcher", "catalogue.verdict")
    assert private == [("catalogue.matching", ["_Indexed", "Matcher"], 1)]
