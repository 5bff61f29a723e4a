"""``catalogue check`` through CliRunner: formats, encodings, robustness, exit codes, the example.

Rows in = rows out and input order are asserted in every case. No verdict is written down here:
the matcher is tuned elsewhere, so expected verdicts are asked of the library (:func:`expected`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import catalogue
from catalogue.cli import cli
from catalogue.report import RECORD_FIELDS, verdict_label
from catalogue.tables import install_hint

CAT = catalogue.load()
REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "docs" / "examples"
LISTED = ("特种设备安全监测服务", "市场监管局")
WORKS = "档案馆维修改造工程"
WAGES = "编外聘用人员工资福利"
VERDICTS = {"in_scope", "review", "out_of_scope", "error", "skipped"}


def expected(text: str, department: str | None = None) -> str:
    """The verdict the library gives a line (``error`` when it refuses the text)."""
    try:
        return CAT.check(text, department, 3).verdict
    except catalogue.CatalogueError:
        return "error"


def run(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(cli, ["check", *args], input=input)


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def ok(*args: str, input: bytes | str | None = None, code: int = 0) -> Result:
    result = run(*args, input=input)
    no_traceback(result)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def fails(*args: str, input: bytes | str | None = None) -> str:
    result = run(*args, input=input)
    no_traceback(result)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith(("错误：", "Usage:")), result.stderr
    return result.stderr


def jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return str(path)


TEXTS = [WORKS, LISTED[0], WAGES, "档案整理服务", "三化三制绩效工资"]
TABLE = "项目名称,部门,金额\n" + "".join(
    f"{t},{LISTED[1] if t == LISTED[0] else ''},{n}\n" for n, t in enumerate(TEXTS, 1)
)


# -- formats ----------------------------------------------------------------------------------
def test_jsonl_records(tmp_path: Path) -> None:
    records = jsonl(ok(write(tmp_path, "t.csv", TABLE), "--format", "jsonl"))
    assert [r["row"] for r in records] == [2, 3, 4, 5, 6]  # the file's own line numbers
    assert [r["text"] for r in records] == TEXTS
    for r, text in zip(records, TEXTS, strict=True):
        assert list(r) == list(RECORD_FIELDS)
        assert r["verdict"] in VERDICTS and r["reasons"]
        for c in r["candidates"]:
            assert set(c) == {"department", "code", "name", "path", "score", "why"}
        verdict = CAT.check(text, LISTED[1] if text == LISTED[0] else None, 3)
        assert (r["verdict"], r["label"]) == (verdict.verdict, verdict_label(verdict))
        # the buyer as lookup --format json reads it: only the row with a department has one
        expected = verdict.buyer.model_dump(mode="json") if verdict.buyer else None
        assert r["buyer"] == expected
        assert (r["buyer"] is None) == (text != LISTED[0])


def test_json_array_output_matches_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", TABLE)
    as_json = json.loads(ok(path, "--format", "json").stdout)
    assert as_json == jsonl(ok(path, "--format", "jsonl"))
    empty = write(tmp_path, "e.csv", "项目名称\n")
    assert json.loads(ok(empty, "--format", "json").stdout) == []


def test_table_report(tmp_path: Path) -> None:
    result = ok(write(tmp_path, "t.csv", TABLE))
    out = result.stdout
    rows = re.findall(r"^ +(\d+)  \S+（(\w+)）\s+(.+)$", out, flags=re.MULTILINE)
    assert [(int(n), text) for n, _, text in rows] == list(enumerate(TEXTS, 2))
    assert all(v in VERDICTS for _, v, _ in rows)
    assert "汇总：共 5 行" in out and "理由类别" in out
    assert result.stderr.startswith("共 5 行：")  # the summary on stderr too
    assert "已检查" not in result.stderr  # no progress bar when stderr is not a terminal


def test_csv_output_keeps_columns_and_neutralises(tmp_path: Path) -> None:
    text = (
        "项目名称,部门,金额,备注\n"
        f'{WORKS},,-12.5,=HYPERLINK("http://evil")\n'
        "=cmd|' /C calc'!A0,,+1+1,@SUM(A1:A9)\n"
        f"{WAGES},,3\n"
        f"{LISTED[0]},{LISTED[1]},4,ok,额外\n"
    )
    out = ok(write(tmp_path, "t.csv", text), "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "项目名称", "部门", "金额", "备注", "verdict", "label", "department", "entry_department",
        "code", "entry", "score", "reason", "candidates",
    ]  # fmt: skip
    assert len(rows) == 5
    assert rows[1][:4] == [WORKS, "", "-12.5", '\'=HYPERLINK("http://evil")']
    assert rows[2][:4] == ["'=cmd|' /C calc'!A0", "", "'+1+1", "'@SUM(A1:A9)"]
    assert rows[3][:4] == [WAGES, "", "3", ""]  # short row padded
    assert rows[4][-1] == "额外"  # a cell beyond the header is kept, after the added columns
    assert [r[4] for r in rows[1:]] == [
        expected(WORKS), rows[2][4], expected(WAGES), expected(*LISTED),
    ]  # fmt: skip
    listed = CAT.check(*LISTED, 3)
    if listed.verdict == "in_scope" and listed.best:
        best = listed.best
        # the entry's own department stands beside its code
        assert rows[4][7:10] == [best.department, best.code, best.name]
    for row in rows:
        assert all(not c or c[0] not in "=+@" for c in row)


def test_excel_bom_and_output_file(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", TABLE)
    out = tmp_path / "out.csv"
    result = ok(path, "--excel", "--output", str(out))
    assert result.stdout == ""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(TEXTS) and rows[0][3] == "verdict"
    assert ok(path, "--excel", "--format", "csv").stdout.startswith("\ufeff")
    assert "--excel" in fails(path, "--excel", "--format", "jsonl")
    assert "输入文件本身" in fails(path, "--format", "csv", "--output", path)


def test_output_to_file_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    ok(write(tmp_path, "t.csv", TABLE), "--format", "jsonl", "-o", str(out))
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(TEXTS)


# -- inputs -------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    records = jsonl(ok(write(tmp_path, "t.csv", TABLE, encoding), "--format", "jsonl"))
    assert [r["text"] for r in records] == TEXTS


def test_forced_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", TABLE, "gb18030")
    assert len(jsonl(ok(path, "--format", "jsonl", "--encoding", "gbk"))) == len(TEXTS)
    assert "utf-8" in fails(path, "--encoding", "utf-8")
    assert "未知的编码" in fails(path, "--encoding", "klingon")


def test_tsv(tmp_path: Path) -> None:
    path = write(tmp_path, "t.tsv", TABLE.replace(",", "\t"))
    assert [r["text"] for r in jsonl(ok(path, "--format", "jsonl"))] == TEXTS
    as_csv = write(tmp_path, "t.dat", TABLE.replace(",", "\t"))
    records = jsonl(ok(as_csv, "--format", "jsonl", "--input-format", "tsv"))
    assert [r["text"] for r in records] == TEXTS


def test_ragged_and_blank_lines(tmp_path: Path) -> None:
    text = (
        f"标题\n\n项目名称,部门,金额\n{WORKS}\n\n,,\n{WAGES},,1,2,3\n\n\n{LISTED[0]},{LISTED[1]}\n"
    )
    records = jsonl(ok(write(tmp_path, "t.csv", text), "--format", "jsonl"))
    assert [(r["row"], r["text"], r["verdict"]) for r in records] == [
        (4, WORKS, expected(WORKS)),
        (6, "", "skipped"),  # a line of separators only: an empty row
        (7, WAGES, expected(WAGES)),
        (10, LISTED[0], expected(*LISTED)),
    ]


def test_one_megabyte_cell(tmp_path: Path) -> None:
    big = "档案整理服务" * 175_000
    text = f"项目名称\n{WORKS}\n{big}\n{WAGES}\n"
    records = jsonl(ok(write(tmp_path, "t.csv", text), "--format", "jsonl"))
    assert [r["row"] for r in records] == [2, 3, 4] and len(records[1]["text"]) == len(big)
    report = ok(write(tmp_path, "t.csv", text)).stdout
    assert max(len(line) for line in report.splitlines()) < 1000  # the report cuts long texts
    assert f"（共 {len(big)} 字）" in report


def test_binary_junk(tmp_path: Path) -> None:
    junk = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8
    err = fails(write(tmp_path, "t.csv", junk))
    assert "二进制" in err
    err = fails(input=junk)
    assert "二进制" in err and "标准输入" in err


def test_xlsx_with_title_rows(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目支出"
    for row in [
        ["2024年项目支出预算表"],
        ["单位：万元"],
        ["项目名称", "预算单位", "金额"],
        [WORKS, "住建局", 1.5],
        [LISTED[0], LISTED[1], 2],
        [WAGES, None, 3],
    ]:
        ws.append(row)
    wb.create_sheet("附表").append(["项目", "x"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    records = jsonl(ok(str(path), "--format", "jsonl"))
    assert [r["text"] for r in records] == [WORKS, LISTED[0], WAGES]
    assert [r["row"] for r in records] == [4, 5, 6]  # the Excel rows
    assert [r["verdict"] for r in records] == [
        expected(WORKS, "住建局"), expected(*LISTED), expected(WAGES),
    ]  # fmt: skip
    out = ok(str(path), "--format", "csv").stdout
    assert out.splitlines()[1].startswith(f"{WORKS},住建局,1.5,{expected(WORKS, '住建局')}")
    assert "工作表“项目支出”" in ok(str(path)).stdout
    assert jsonl(ok(str(path), "--sheet", "附表", "--format", "jsonl")) == []  # header only
    assert "没有工作表" in fails(str(path), "--sheet", "不存在")


def test_xlsx_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # makes `import openpyxl` fail
    err = fails(str(path))
    assert install_hint("xlsx") in err
    assert re.search(r"pip install '[\w.-]+\[xlsx\]'", err)


def test_jsonl_and_json_array_input(tmp_path: Path) -> None:
    lines = [{"text": WORKS}, {"text": LISTED[0], "department": LISTED[1]}, {"text": WAGES}]
    body = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n"
    path = write(tmp_path, "t.jsonl", body)
    texts = [WORKS, LISTED[0], WAGES]
    assert [r["text"] for r in jsonl(ok(path, "--format", "jsonl"))] == texts
    path = write(tmp_path, "t.json", json.dumps(lines, ensure_ascii=False))
    records = jsonl(ok(path, "--format", "jsonl"))
    assert [r["text"] for r in records] == texts
    assert [r["verdict"] for r in records] == [
        expected(WORKS), expected(LISTED[0], LISTED[1]), expected(WAGES),
    ]  # fmt: skip


def test_stdin(tmp_path: Path) -> None:
    body = "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in TEXTS) + "\n"
    assert [r["text"] for r in jsonl(ok("-", "--format", "jsonl", input=body))] == TEXTS
    assert [r["text"] for r in jsonl(ok("--format", "jsonl", input=body))] == TEXTS  # no FILE
    got = jsonl(ok("-", "--format", "jsonl", input=TABLE.encode("gb18030")))
    assert [r["text"] for r in got] == TEXTS


def test_description_column_joined(tmp_path: Path) -> None:
    text = "项目名称,项目概况\n监测服务,特种设备安全\n档案整理,\n"
    records = jsonl(ok(write(tmp_path, "t.csv", text), "--format", "jsonl"))
    assert [r["text"] for r in records] == ["监测服务，特种设备安全", "档案整理"]


# -- departments ------------------------------------------------------------------------------
def test_unknown_department_rows_continue(tmp_path: Path) -> None:
    text = f"项目名称,单位\n{WORKS},火星\n{LISTED[0]},{LISTED[1]}\n{WAGES},天王星\n"
    result = ok(write(tmp_path, "t.csv", text), "--format", "jsonl")
    records = jsonl(result)
    assert [r["verdict"] for r in records] == ["error", expected(*LISTED), "error"]
    assert "无法识别的部门" in records[0]["reasons"][0]["message"]
    assert "无法判断 2" in result.stderr


def test_department_option(tmp_path: Path) -> None:
    text = f"项目名称,单位\n{LISTED[0]},火星\n{LISTED[0]},\n"
    path = write(tmp_path, "t.csv", text)
    # --department alone: one department for every row, the 单位 column is not used
    records = jsonl(ok(path, "-d", "市场监管局", "--format", "jsonl"))
    assert [r["verdict"] for r in records] == [expected(LISTED[0], "市场监管局")] * 2
    # with --department-column the column wins and --department fills the empty cells
    records = jsonl(
        ok(path, "-d", "市场监管局", "--department-column", "单位", "--format", "jsonl")
    )
    assert [r["verdict"] for r in records] == ["error", expected(LISTED[0], "市场监管局")]
    assert "无法识别的部门" in fails(path, "-d", "火星")


@pytest.mark.parametrize("buyer", ["孝义市财政局", "孝义市教育体育局", "吕梁市生态环境局孝义分局"])
def test_department_option_is_the_buyer_as_lookup_reads_it(tmp_path: Path, buyer: str) -> None:
    """An agency with no list of its own, a merged bureau and a branch office are buyers: every
    row is judged as ``lookup -d`` judges it (at most review for the first)."""
    texts = [LISTED[0], "校园安全教育培训", WORKS]
    path = write(tmp_path, "t.csv", "项目名称\n" + "".join(f"{t}\n" for t in texts))
    records = jsonl(ok(path, "-d", buyer, "--format", "jsonl"))
    assert [r["verdict"] for r in records] == [expected(t, buyer) for t in texts]
    if not catalogue.load().read_buyer(buyer).departments:
        assert "in_scope" not in [r["verdict"] for r in records]


# -- exit codes ---------------------------------------------------------------------------------
def test_fail_on(tmp_path: Path) -> None:
    texts = [LISTED[0], WORKS]
    excluded = write(tmp_path, "b.csv", "项目名称\n" + "".join(f"{t}\n" for t in texts))
    broken = write(tmp_path, "c.csv", f"项目名称,部门,金额\n{LISTED[0]},{LISTED[1]},1\n,,2\n")
    verdicts = [expected(t) for t in texts]
    ok(excluded)  # default: never
    ok(excluded, "--fail-on", "never")
    code = 1 if {"out_of_scope", "error"} & set(verdicts) else 0
    result = ok(excluded, "--fail-on", "out_of_scope", "--format", "jsonl", code=code)
    assert len(jsonl(result)) == 2  # every row is still written
    assert ("--fail-on out_of_scope" in result.stderr) == bool(code)
    ok(excluded, "--fail-on", "review", code=1 if set(verdicts) - {"in_scope"} else 0)
    ok(broken, "--fail-on", "out_of_scope", code=1)  # an error row fails both thresholds
    ok(broken, "--fail-on", "review", code=1)
    ok(broken)


def test_bad_input_exit_2(tmp_path: Path) -> None:
    assert "找不到文件" in fails(str(tmp_path / "missing.csv"))
    assert "目录" in fails(str(tmp_path))
    err = fails(write(tmp_path, "t.csv", "金额,科目,备注\n1,2,3\n"))
    assert "找不到项目名称列" in err and "“金额”、“科目”、“备注”" in err
    assert "“不存在”" in fails(write(tmp_path, "u.csv", TABLE), "--text-column", "不存在")
    assert ".xls" in fails(write(tmp_path, "t.xls", b"\xd0\xcf\x11\xe0" + b"\x01" * 64))
    assert "空" in fails(write(tmp_path, "e.csv", b""))
    assert "顶层应是数组" in fails(write(tmp_path, "t.json", "{}"))
    fails(write(tmp_path, "v.csv", TABLE), "--format", "xml")
    fails(write(tmp_path, "w.csv", TABLE), "--limit", "0")


def test_determinism(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", TABLE)
    for fmt in ("table", "jsonl", "csv"):
        first, second = ok(path, "--format", fmt), ok(path, "--format", fmt)
        assert first.stdout == second.stdout and first.stderr == second.stderr


def test_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", f"项目名称\n{LISTED[0]}\n")
    (record,) = jsonl(ok(path, "--format", "jsonl", "--limit", "1"))
    assert len(record["candidates"]) <= 1


def test_help() -> None:
    out = CliRunner().invoke(cli, ["check", "--help"]).stdout
    for option in (
        "--text-column", "--department-column", "--fail-on", "--excel", "--sheet",
        "--header-row", "--skip-rows", "--no-header", "xlsx",
    ):  # fmt: skip
        assert option in out
    assert "130" in out and "143" in out  # the exit codes of an interruption


# -- the worked example -------------------------------------------------------------------------
README = EXAMPLES / "README.md"
COMMAND = "catalogue check docs/examples/table12.csv"
ROW = re.compile(r"^ {0,3}(\d+)  \S+（(\w+)）\s+(.+)$", flags=re.MULTILINE)


def test_example_table12(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example is the table as published: a two-row header, a 1…7 column-number row and two
    subtotal rows named after the agency — skipped, not judged, so ``--fail-on`` sees only the
    62 budget lines."""
    monkeypatch.chdir(REPO)
    with open(EXAMPLES / "table12.csv", encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    source = [(n, r[0]) for n, r in enumerate(lines, 1) if n > 8]
    assert len(source) == 62
    records = jsonl(ok("docs/examples/table12.csv", "--format", "jsonl"))
    assert [r["row"] for r in records] == list(range(5, 71))  # the file's own line numbers
    skipped = [r for r in records if r["verdict"] == "skipped"]
    assert [r["row"] for r in skipped] == [5, 6, 7, 8]
    assert all(r["reasons"][0]["category"] == "skipped" for r in skipped)
    judged = [r for r in records if r["verdict"] != "skipped"]
    assert [(r["row"], r["text"]) for r in judged] == source
    assert all(r["verdict"] in VERDICTS - {"skipped", "error"} and r["reasons"] for r in judged)
    for r in judged:
        assert r["verdict"] == expected(r["text"])
    # a clean real table: the layout rows never make --fail-on fail
    result = run("docs/examples/table12.csv", "--fail-on", "out_of_scope", "--format", "jsonl")
    failing = sum(r["verdict"] in ("out_of_scope", "error") for r in judged)
    assert result.exit_code == (1 if failing else 0)
    assert f"有 {failing} 行" in result.stderr if failing else True


def test_example_readme_shows_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """README.md shows the command and the report it prints: same rows, same texts, same order.
    (Verdicts and scores follow the matching, which is still tuned; regenerate the block with
    ``python docs/examples/update_readme.py``, check it with ``--check``.)"""
    monkeypatch.chdir(REPO)
    readme = README.read_text(encoding="utf-8")
    assert f"$ {COMMAND}\n" in readme
    block = readme.split("<!-- report:begin -->", 1)[1].split("<!-- report:end -->", 1)[0]
    printed = ok(*COMMAND.split()[2:]).stdout
    documented = [(int(n), t.strip()) for n, _, t in ROW.findall(block)]
    actual = [(int(n), t.strip()) for n, _, t in ROW.findall(printed)]
    assert len(actual) == 66
    assert documented == actual
    lines = block.splitlines()
    start = lines.index(f"$ {COMMAND}") + 1
    assert lines[start : start + 3] == printed.splitlines()[:3]  # the heading of the report
    assert "汇总：共 66 行" in block


def test_progress_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from catalogue.cli import check as check_module

    monkeypatch.setattr(check_module, "_isatty", lambda stream: True)
    shown = check_module._Progress(to_terminal=False)
    shown._start -= 5
    shown._last -= 5
    shown.update(1234)
    shown.done()
    assert "已检查 1234 行" in capsys.readouterr().err
    hidden = check_module._Progress(to_terminal=True)  # results scroll on the same terminal
    hidden._start -= 5
    hidden._last -= 5
    hidden.update(1234)
    assert capsys.readouterr().err == ""
