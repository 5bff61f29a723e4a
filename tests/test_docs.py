"""Docs that cannot drift: every command example of README.md and docs/*.md shows what the tool
prints (regenerate with ``python docs/examples/update_docs.py``), and every command listed in
them parses."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
HINT = "out of date: regenerate with python docs/examples/update_docs.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_docs", REPO / "docs" / "examples" / "update_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_docs"] = module
    spec.loader.exec_module(module)
    return module


docs = _load()

EXAMPLES = [
    block
    for path in docs.documents()
    for block in docs.blocks(path, path.read_text(encoding="utf-8"))
    if block.is_example and not block.skipped
]


def _id(block: object) -> str:
    return f"{block.path.relative_to(REPO).as_posix()}:{block.start}"  # type: ignore[attr-defined]


def test_there_are_examples() -> None:
    files = {block.path.name for block in EXAMPLES}
    assert "cli.md" in files
    commands = {line.split()[2] for b in EXAMPLES for line in b.lines if line.startswith("$ cat")}
    assert {"departments", "lookup", "search", "show", "tree", "entries", "info", "check"} <= (
        commands
    )


@pytest.mark.parametrize("block", EXAMPLES, ids=_id)
def test_example_shows_what_the_tool_prints(block: object) -> None:
    assert docs.regenerate(block) == block.lines, HINT  # type: ignore[attr-defined]


def test_example_report() -> None:
    text = docs.EXAMPLE_REPORT.read_text(encoding="utf-8")
    assert docs.updated(docs.EXAMPLE_REPORT) == text, HINT


LISTED = docs.listed_commands()


@pytest.mark.parametrize(
    "command", LISTED, ids=[f"{p.relative_to(REPO).as_posix()}:{n}" for p, n, _ in LISTED]
)
def test_listed_command_parses(command: tuple[Path, int, str]) -> None:
    docs.parse_only(command[2])


def test_a_listed_command_that_does_not_parse_is_caught() -> None:
    import click

    for bad in ("catalogue lookup 环境 --bogus", "catalogue nosuch", "catalogue tree -l 9"):
        with pytest.raises(click.ClickException):
            docs.parse_only(bad)
    docs.parse_only("catalogue --catalogue x.json show A1501 -d 发改委 > out.txt")


# -- the conventions ----------------------------------------------------------------------------
def _block(*lines: str) -> object:
    return docs.Block(REPO / "x.md", 1, list(lines), False)


def test_prefix_convention_keeps_as_many_lines() -> None:
    full = docs.regenerate(_block("$ catalogue departments"))
    assert len(full) == 1 + 18
    shown = _block("$ catalogue departments", "stale", "stale", "…", "")
    assert docs.regenerate(shown) == ["$ catalogue departments", *full[1:3], "…", ""]


def test_exit_status_head_and_redirect() -> None:
    block = _block(
        "$ catalogue show A999999",
        "$ echo $?",
        "",
        "$ catalogue departments --format jsonl | head -1",
        "$ catalogue departments > x.txt",
        "$ echo $?",
    )
    out = docs.regenerate(block)
    assert out[:4] == [
        "$ catalogue show A999999",
        "错误：代码 A999999 不在第二批目录的任何部门中",
        "$ echo $?",
        "1",
    ]
    assert out[4] == ""  # the separating blank line is kept
    assert out[6].startswith('{"name":"发展和改革委员会"') and out[7].startswith("$ catalogue dep")
    assert out[8:] == ["$ echo $?", "0"]


@pytest.mark.parametrize("command", ["ls -l", "catalogue serve", "catalogue x && rm y"])
def test_commands_that_are_not_run(command: str) -> None:
    with pytest.raises(docs.ExampleError):
        docs.regenerate(_block(f"$ {command}"))


def test_not_run_marker(tmp_path: Path) -> None:
    text = "a\n<!-- not run：不会结束 -->\n```\n$ catalogue serve\nshown\n```\n"
    (block,) = docs.blocks(tmp_path / "x.md", text)
    assert block.skipped and block.lines == ["$ catalogue serve", "shown"]


def test_check_mode_fails_on_a_stale_doc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "stale.md"
    doc.write_text("```\n$ catalogue tree -d 科技 -l 1\n【科技】\n```\n", encoding="utf-8")
    monkeypatch.setattr(docs, "documents", lambda: [doc])
    monkeypatch.setattr(docs, "EXAMPLE_REPORT", docs.EXAMPLE_REPORT)
    assert docs.main(["--check"]) == 1
    assert docs.main([]) == 0
    assert doc.read_text(encoding="utf-8") == (
        "```\n$ catalogue tree -d 科技 -l 1\n【科技】\nA  公共服务\n```\n"
    )
    assert docs.main(["--check"]) == 0


def test_update_readme_check_runs_in_ci() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\.venv/bin/python docs/examples/update_readme\.py --check$", ci, re.M)
    result = subprocess.run(
        [sys.executable, str(REPO / "docs" / "examples" / "update_readme.py"), "--check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- the README ---------------------------------------------------------------------------------
def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert blocks[:2] == [
        "python3 -m venv .venv && .venv/bin/pip install . "
        '&& .venv/bin/catalogue lookup "环境影响评价"',
        "python3 -m venv .venv && .venv/bin/pip install '.[dev]' && .venv/bin/python -m pytest",
    ]
    assert readme.index(blocks[0]) < readme.index("## ")


def test_docs_name_the_distribution() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install shanxi-gpos-catalogue" in readme
    assert "spaCy" in readme  # cannot share an environment with PyPI's catalogue
    # (docs/batch.md and the XLSX message of catalogue/tables.py belong to the table reader)
    for path in [REPO / "README.md", *(REPO / "docs" / n for n in ("cli.md", "index.md"))]:
        # a line that warns against the wrong command may show it
        text = "\n".join(
            line for line in path.read_text(encoding="utf-8").splitlines() if "不要用" not in line
        )
        wrong = re.findall(r"pip install[^\n`]*'catalogue\[", text)
        wrong += re.findall(r"pip install +catalogue\b", text)
        assert wrong == [], f"{path.name}: install hints use the distribution's name"
