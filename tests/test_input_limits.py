"""Bounded input: JSON, XLSX and the per-line text limit; parsing is bounded everywhere.

- JSON nested 100,000 deep, a 5,000-digit number: a JSON Lines line becomes an error row and the
  rows after it are kept; a JSON array too deep is refused with a clear message.
- XLSX: part sizes (declared and actual), shared strings and text runs are checked while
  streaming, before openpyxl inflates anything. A 300 MB-expanding workbook is refused in under
  5 s and 200 MB (measured on a real subprocess).
- A 1 MB cell is handled in under a second, and the rows around it are kept.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
import xlsx_parts
from click.testing import CliRunner, Result
from xlsx_parts import row, shared_row, write_xlsx

import catalogue
from catalogue.cli import cli
from catalogue.tables import (
    MAX_JSON_DEPTH,
    MAX_JSON_NUMBER,
    MAX_SHARED_STRINGS,
    MAX_XLSX_PART,
    InputError,
    open_table,
)

REPO = Path(__file__).resolve().parent.parent
CAT = catalogue.load()
WORKS = "档案馆维修改造工程"
LISTED = "特种设备安全监测服务"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args])


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def expected(text: str) -> str:
    try:
        return CAT.check(text, None, 3).verdict
    except catalogue.CatalogueError:
        return "error"


# -- JSON ----------------------------------------------------------------------------------------
def test_json_array_nested_100000_deep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run(str(path))
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：") and f"嵌套超过 {MAX_JSON_DEPTH} 层" in result.stderr


def test_json_lines_deep_and_huge_lines_are_error_rows_and_later_rows_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": WORKS}, ensure_ascii=False),
        '{"text": "x", "金额": ' + "9" * 5000 + "}",  # a 5,000-digit integer
        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",  # nested 100,000 deep
        '{"text": "y", "金额": 1.' + "5" * 5000 + "}",  # a 5,000-digit float
        json.dumps({"text": LISTED}, ensure_ascii=False),
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(str(path), "--format", "jsonl")
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["row"] for r in records] == [1, 2, 3, 4, 5]
    assert [r["verdict"] for r in records] == [
        expected(WORKS),
        "error",
        "error",
        "error",
        expected(LISTED),
    ]
    messages = [r["reasons"][0]["message"] for r in records[1:4]]
    assert f"超过 {MAX_JSON_NUMBER} 位" in messages[0] and "5000 位" in messages[0]
    assert f"嵌套超过 {MAX_JSON_DEPTH} 层" in messages[1] and "第 3 行" in messages[1]
    assert f"超过 {MAX_JSON_NUMBER} 位" in messages[2]


def test_a_json_array_element_with_a_huge_number_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(
        f'[{{"text": "{WORKS}"}}, {{"text": "a", "n": {"1" * 5000}}}, "{LISTED}"]', encoding="utf-8"
    )
    with open_table(path) as table:
        rows = list(table)
    assert [(r.number, r.error is not None) for r in rows] == [(1, False), (2, True), (3, False)]
    assert "第 2 个元素" in (rows[1].error or "")


def test_json_depth_within_the_limit_is_read() -> None:
    import io

    nested = "[" * 20 + "]" * 20
    data = f'{{"text": "{WORKS}", "附件": {nested}}}\n'.encode()
    with open_table(io.BytesIO(data), input_format="jsonl") as table:
        (r,) = list(table)
    assert r.error is None and r.text == WORKS


# -- XLSX ----------------------------------------------------------------------------------------
#: run in the child: its own peak resident set at exit. The kernel's ``ru_maxrss`` of a child
#: also counts what the parent (this test process, hundreds of MB late in a run) had when the
#: child was forked, so it does not say what the command itself took; ``VmHWM`` of
#: ``/proc/self/status`` is the peak of the child's own memory since it started the program
_PEAK = """
import atexit, os, sys
def _peak():
    try:
        with open("/proc/self/status") as status:
            kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return
    with open(os.environ["CATALOGUE_TEST_PEAK"], "w") as out:
        out.write(kb)
atexit.register(_peak)
from catalogue.cli import main
main(sys.argv[1:])
"""


def measure(args: list[str]) -> tuple[int, float, float, str]:
    """Run the CLI in a subprocess: exit code, seconds, peak RSS in MB, stderr."""
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", _PEAK, "check", *args],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "CATALOGUE_TEST_PEAK": str(peak_file)},
        )
        assert proc.stderr is not None
        stderr = proc.stderr.read().decode("utf-8")
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        # without /proc (not Linux): the kernel's figure, an upper bound
        kb = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    return proc.returncode, seconds, kb / 1024, stderr


SHARED_STRING = "<si><t>档案整理服务档案整理服务档案整理服务档案整理服务</t></si>"


def shared_strings(total: int) -> object:
    """Shared-string chunks adding up to about ``total`` bytes, generated as they are written."""
    chunk = SHARED_STRING * 4096
    size = len(chunk.encode())
    return (chunk for _ in range(total // size + 1))


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook of about 1 MB whose shared strings expand to 300 MB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    write_xlsx(path, [shared_row(1, 0), shared_row(2, 1)], shared_strings(300 * 1024 * 1024))
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("xl/sharedStrings.xml").file_size > 300 * 1000 * 1000
    assert path.stat().st_size < 2 * 1024 * 1024
    return path


def test_a_300mb_expanding_xlsx_is_refused_quickly_in_little_memory(bomb: Path) -> None:
    code, seconds, rss, stderr = measure([str(bomb)])
    assert code == 2, stderr
    assert stderr.startswith("错误：") and "压缩炸弹" in stderr and "Traceback" not in stderr
    assert seconds < 5, seconds
    assert rss < 200, rss
    print(f"300 MB bomb (declared size): refused in {seconds:.2f} s, peak RSS {rss:.0f} MB")


def lie_about_size(path: Path, part: str, size: int) -> None:
    """Rewrite the declared (uncompressed) size of ``part`` in the local header and the central
    directory, as a crafted file would."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    local = data.find(b"PK\x03\x04")  # the first local header
    while local >= 0:
        n = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + n] == name:
            struct.pack_into("<I", data, local + 22, size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        n = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + n] == name:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_an_xlsx_lying_about_its_expanded_size_is_refused(tmp_path: Path) -> None:
    """The central directory says 4 KB; the data inflates to 300 MB. Reading stops at the
    declared size, which does not check out: refused as broken, quickly, in little memory."""
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in [
            ("[Content_Types].xml", xlsx_parts.CONTENT_TYPES),
            ("_rels/.rels", xlsx_parts.ROOT_RELS),
            ("xl/workbook.xml", xlsx_parts.WORKBOOK),
            ("xl/_rels/workbook.xml.rels", xlsx_parts.WORKBOOK_RELS),
            (
                "xl/worksheets/sheet1.xml",
                xlsx_parts.SHEET_HEAD + shared_row(1, 0) + xlsx_parts.SHEET_TAIL,
            ),
        ]:
            zf.writestr(name, text)
        with zf.open("xl/sharedStrings.xml", "w") as sst:
            for chunk in shared_strings(300 * 1024 * 1024):
                sst.write(chunk.encode())  # type: ignore[attr-defined]
    lie_about_size(path, "xl/sharedStrings.xml", 4096)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("xl/sharedStrings.xml").file_size == 4096
    code, seconds, rss, stderr = measure([str(path)])
    assert code == 2, stderr
    assert "不是可读的 XLSX" in stderr and "Traceback" not in stderr
    assert seconds < 5 and rss < 200, (seconds, rss)


def test_too_many_shared_strings_are_refused_while_streaming(tmp_path: Path) -> None:
    """Under the part limits, but more strings than the shared-string table may hold: counted
    while the part streams by."""
    tiny = "<si><t>x</t></si>" * 100_000
    path = write_xlsx(tmp_path / "many.xlsx", [shared_row(1, 0)], (tiny for _ in range(12)))
    with pytest.raises(InputError, match=f"共享字符串超过 {MAX_SHARED_STRINGS:,} 个"):
        open_table(path)


def test_a_huge_text_run_is_refused(tmp_path: Path) -> None:
    big = "档" * (300 * 1024)  # longer than any Excel cell can be
    path = write_xlsx(tmp_path / "run.xlsx", [row(1, "项目名称"), row(2, big)])
    with pytest.raises(InputError, match="单元格文字"):
        open_table(path)


def test_a_part_declared_too_big_is_refused_before_reading(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row(1, "项目名称"), row(2, WORKS)])
    lie_about_size(path, "xl/worksheets/sheet1.xml", MAX_XLSX_PART + 1)
    with pytest.raises(InputError, match="压缩炸弹"):
        open_table(path)


def test_a_dtd_is_refused(tmp_path: Path) -> None:
    laughs = '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    path = write_xlsx(tmp_path / "dtd.xlsx", [shared_row(1, 0)], [laughs + "<si><t>&b;</t></si>"])
    with pytest.raises(InputError, match="DTD"):
        open_table(path)


def test_rows_beyond_excel_are_refused(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = write_xlsx(
        tmp_path / "far.xlsx", [row(1, "项目名称"), row(2, WORKS), row(5_000_000, LISTED)]
    )
    start = time.monotonic()
    with open_table(path) as table, pytest.raises(InputError, match="1,048,576"):
        list(table)
    assert time.monotonic() - start < 10


def test_an_ordinary_workbook_still_reads(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = write_xlsx(
        tmp_path / "ok.xlsx",
        [shared_row(1, 0, 1), shared_row(3, 2, 3)],
        [
            "<si><t>项目名称</t></si><si><t>金额</t></si>",
            f"<si><t>{WORKS}</t></si><si><t>12</t></si>",
        ],
    )
    with open_table(path) as table:
        assert (table.columns, table.amount_column) == (["项目名称", "金额"], "金额")
        assert [(r.number, r.text) for r in table] == [(3, WORKS)]


# -- a 1 MB cell -------------------------------------------------------------------------------
def test_a_one_megabyte_cell_is_handled_in_under_a_second(tmp_path: Path) -> None:
    """The library refuses a text longer than its per-line limit (``InvalidText``), which
    ``check_many`` turns into an error row; the CLI keeps the rows around it and stays fast."""
    big = "档案整理服务" * 175_000  # > 1 MB in UTF-8
    path = tmp_path / "t.csv"
    path.write_text(f"项目名称,金额\n{WORKS},1\n{big},2\n{LISTED},3\n", encoding="utf-8")
    run(str(path), "--format", "jsonl")  # warm the matcher's indexes
    start = time.monotonic()
    result = run(str(path), "--format", "jsonl")
    elapsed = time.monotonic() - start
    no_traceback(result)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["row"] for r in records] == [2, 3, 4]
    assert [r["verdict"] for r in records] == [expected(WORKS), expected(big), expected(LISTED)]
    assert len(records[1]["text"]) == len(big)
    if records[1]["verdict"] == "error":
        assert records[1]["reasons"][0]["category"] == "error"
    assert elapsed < 1.0, elapsed
    print(f"1 MB cell: {elapsed:.2f} s for the table, verdict {records[1]['verdict']}")
