"""Real table layouts. Multi-row headers, a column-number row, 合计/小计 rows and
subtotals named after an agency are reported as ``skipped`` with the reason, not judged;
``--header-row``, ``--skip-rows`` and ``--no-header`` override the detection; ``row`` is the
source's own row number; bare strings are accepted; ``--fail-on`` is not tripped by the layout.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import catalogue
from catalogue.cli import cli
from catalogue.tables import InputError, open_table, parse_row_numbers

CAT = catalogue.load()
WORKS = "档案馆维修改造工程"
LISTED = "特种设备安全监测服务"
CLEAN = "档案整理服务"


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["check", *args], input=input)


def records(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code in (0, 1), result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def expected(text: str, department: str | None = None) -> str:
    try:
        return CAT.check(text, department, 3).verdict
    except catalogue.CatalogueError:
        return "error"


REAL = (
    "2024年项目支出预算表（本年预算）\n"  # 1
    "部门名称：孝义市生态环境局\n"  # 2
    "单位：万元\n"  # 3
    "项目名称,合计,2024年财政拨款,,,财政专户管理资金,单位资金\n"  # 4: the header
    ",,一般公共预算,政府性基金预算,国有资本经营预算,,\n"  # 5: its second row
    "1,2,3,4,5,6,7\n"  # 6: column numbers
    "孝义市生态环境局,100.00,100.00,,,,\n"  # 7: the agency's total
    f"{WORKS},60.00,60.00,,,,\n"  # 8
    "\n"  # 9: blank
    f"{LISTED},30.00,30.00,,,,\n"  # 10
    "小 计,90.00,90.00,,,,\n"  # 11
    "项目名称,合计,2024年财政拨款,,,财政专户管理资金,单位资金\n"  # 12: header repeated
    f"{CLEAN},10.00,10.00,,,,\n"  # 13
    ",,,,,,\n"  # 14: an empty row
    ",5.00,5.00,,,,\n"  # 15: no project name but an amount: an error
    "合计：,100.00,100.00,,,,\n"  # 16
)


def test_the_layout_rows_of_a_real_table_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(REAL, encoding="gb18030")
    with open_table(path) as table:
        assert (table.header_row, table.amount_column) == (4, "合计")
        rows = list(table)
    assert [r.number for r in rows] == [5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16]
    skips = {r.number: r.skip for r in rows if r.skip}
    assert sorted(skips) == [5, 6, 7, 11, 12, 14, 16]
    assert "多行表头" in skips[5] and "列序号" in skips[6] and "孝义市生态环境局" in skips[7]
    assert "小 计" in skips[11] and "表头" in skips[12] and skips[14] == "空行"
    assert "合计" in skips[16]
    got = records(run(str(path), "--format", "jsonl"))
    assert [r["row"] for r in got] == [5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16]
    by_row = {r["row"]: r for r in got}
    for n in skips:
        assert by_row[n]["verdict"] == "skipped" and by_row[n]["candidates"] == []
        assert by_row[n]["reasons"][0]["category"] == "skipped"
        assert by_row[n]["label"] == "已跳过（非预算项目）"
    assert by_row[8]["verdict"] == expected(WORKS)
    assert by_row[10]["verdict"] == expected(LISTED)
    assert by_row[13]["verdict"] == expected(CLEAN)
    assert by_row[15]["verdict"] == "error"  # an empty name beside an amount stays an error


def test_the_same_layout_in_a_worksheet_uses_excel_row_numbers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "2024年项目支出预算表"
    ws["A2"] = "部门名称：孝义经济开发区管理委员会"
    ws.append(["项目名称", "合计", "2024年财政拨款", None, None])  # row 3
    ws.append([None, None, "一般公共预算", "政府性基金预算", "国有资本经营预算"])
    ws.append([1, 2, 3, 4, 5])
    ws.append(["孝义经济开发区管理委员会", 11001.81, 10726.23, 275.58])
    ws.append([WORKS, 94.85, 94.85])  # row 7
    ws.append([])  # row 8: empty in Excel, not a row
    ws.append([LISTED, 45, 45])  # row 9
    path = tmp_path / "t.xlsx"
    wb.save(path)
    got = records(run(str(path), "--format", "jsonl"))
    assert [(r["row"], r["verdict"] == "skipped") for r in got] == [
        (4, True), (5, True), (6, True), (7, False), (9, False),
    ]  # fmt: skip


def test_agency_subtotals_are_told_from_projects(tmp_path: Path) -> None:
    lines = [
        "项目名称,金额",
        "孝义市疾病预防控制中心,12",  # an agency (a place and an agency suffix) with an amount
        "孝义市人民医院,30",
        "山西省生态环境厅,5",
        "数据中心,8",  # a project: no place name
        "市民服务中心运行经费,3",  # a project: budget words
        "孝义市生态环境局",  # no amount: judged
    ]
    with open_table(io.BytesIO("\n".join(lines).encode())) as table:
        skipped = {r.text: r.skip is not None for r in table}
    assert skipped == {
        "孝义市疾病预防控制中心": True,
        "孝义市人民医院": True,
        "山西省生态环境厅": True,
        "数据中心": False,
        "市民服务中心运行经费": False,
        "孝义市生态环境局": False,
    }


def test_a_subtotal_named_by_the_department_column(tmp_path: Path) -> None:
    data = f"项目名称,单位,金额\n教育局,教育局,100\n{CLEAN},教育局,100\n".encode()
    with open_table(io.BytesIO(data)) as table:
        assert [r.skip is not None for r in table] == [True, False]


# -- overriding the detection --------------------------------------------------------------------
def test_header_row_names_the_header(tmp_path: Path) -> None:
    text = f"项目,说明\n甲,乙\n项目名称,金额\n{WORKS},1\n"
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with open_table(path) as table:  # detection takes the first row that fits
        assert table.header_row == 1
    with open_table(path, header_row=3) as table:
        assert (table.header_row, table.columns) == (3, ["项目名称", "金额"])
        assert [(r.number, r.text) for r in table] == [(4, WORKS)]
    got = records(run(str(path), "--header-row", "3", "--format", "jsonl"))
    assert [r["row"] for r in got] == [4]
    result = run(str(path), "--header-row", "2")
    assert result.exit_code == 2 and "第 2 行" in result.stderr and "“甲”" in result.stderr
    assert run(str(path), "--header-row", "0").exit_code == 2
    result = run(str(path), "--header-row", "9")
    assert result.exit_code == 2 and "不到 9 行" in result.stderr


def test_skip_rows_replaces_the_detection(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(REAL, encoding="utf-8")
    got = records(run(str(path), "--skip-rows", "5-7,12", "--format", "jsonl"))
    skipped = [r["row"] for r in got if r["verdict"] == "skipped"]
    assert skipped == [5, 6, 7, 12]  # only those: 小计 and 合计 are judged now
    assert all(r["reasons"][0]["message"] == "按 --skip-rows 跳过" for r in got if r["row"] == 5)
    got = records(run(str(path), "--skip-rows", "none", "--format", "jsonl"))
    assert not any(r["verdict"] == "skipped" for r in got)
    result = run(str(path), "--skip-rows", "5-x")
    assert result.exit_code == 2 and "--skip-rows" in result.stderr


def test_parse_row_numbers() -> None:
    assert parse_row_numbers("5, 6，10-12") == {5, 6, 10, 11, 12}
    assert parse_row_numbers("none") == frozenset() == parse_row_numbers("")
    for bad in ("0", "a", "5-3", "1-9999999"):
        with pytest.raises(InputError):
            parse_row_numbers(bad)


def test_no_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"{WORKS},住建局,1\n{CLEAN},,2\n", encoding="utf-8")
    got = records(run(str(path), "--no-header", "--format", "jsonl"))
    assert [(r["row"], r["text"]) for r in got] == [(1, WORKS), (2, CLEAN)]
    path.write_text(f"1,{WORKS}\n2,{CLEAN}\n", encoding="utf-8")
    for column in ("2", "B"):
        got = records(run(str(path), "--no-header", "--text-column", column, "--format", "jsonl"))
        assert [r["text"] for r in got] == [WORKS, CLEAN]
    result = run(str(path), "--no-header", "--text-column", "项目名称")
    assert result.exit_code == 2 and "列号" in result.stderr
    result = run(str(path), "--no-header", "--text-column", "9")
    assert result.exit_code == 2 and "超出" in result.stderr
    assert run(str(path), "--no-header", "--header-row", "2").exit_code == 2
    csv_out = run(str(path), "--no-header", "--text-column", "2", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("第1列,第2列,verdict")


# -- bare strings ---------------------------------------------------------------------------------
def test_json_lines_of_bare_strings_need_no_input_format(tmp_path: Path) -> None:
    body = "\n".join(json.dumps(t, ensure_ascii=False) for t in (WORKS, LISTED, CLEAN)) + "\n"
    for name in ("t.txt", "t.dat"):
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        got = records(run(str(path), "--format", "jsonl"))
        assert [(r["row"], r["text"]) for r in got] == [(1, WORKS), (2, LISTED), (3, CLEAN)]
    got = records(run("-", "--format", "jsonl", input=body.encode("gb18030")))
    assert [r["text"] for r in got] == [WORKS, LISTED, CLEAN]
    # a CSV whose first cell is quoted is still a CSV
    quoted = '"项目名称","金额"\n"档案整理服务","1"\n'
    got = records(run("-", "--format", "jsonl", input=quoted.encode()))
    assert [r["text"] for r in got] == [CLEAN]


def test_a_json_list_of_strings(tmp_path: Path) -> None:
    body = json.dumps([WORKS, LISTED], ensure_ascii=False)
    for source in (tmp_path / "t.json", tmp_path / "t.txt"):
        source.write_text(body, encoding="utf-8")
        got = records(run(str(source), "--format", "jsonl"))
        assert [(r["row"], r["text"]) for r in got] == [(1, WORKS), (2, LISTED)]
    got = records(run("--format", "jsonl", input=body.encode()))
    assert [r["text"] for r in got] == [WORKS, LISTED]


# -- --fail-on on a clean real table ------------------------------------------------------------
def test_layout_rows_never_trip_fail_on(tmp_path: Path) -> None:
    """The same budget lines with and without a real table's layout rows give the same exit
    code under every threshold: header rows, column numbers and subtotals are not failures."""
    lines = [WORKS, LISTED, CLEAN]
    plain = tmp_path / "plain.csv"
    plain.write_text("项目名称,金额\n" + "".join(f"{t},1\n" for t in lines), encoding="utf-8")
    real = tmp_path / "real.csv"
    real.write_text(
        "预算表\n部门名称：孝义市生态环境局\n项目名称,金额,其中\n,,财政拨款\n1,2,3\n"
        "孝义市生态环境局,3,3\n" + "".join(f"{t},1,1\n" for t in lines) + "合计,3,3\n",
        encoding="utf-8",
    )
    for threshold in ("never", "out_of_scope", "review"):
        a = run(str(plain), "--fail-on", threshold)
        b = run(str(real), "--fail-on", threshold)
        assert a.exit_code == b.exit_code, (threshold, a.stderr, b.stderr)
    # a table whose budget lines all pass fails no threshold, layout rows or not
    passing = [t for t in lines if expected(t) == "in_scope"]
    if passing:
        clean = tmp_path / "clean.csv"
        clean.write_text(
            "项目名称,金额\n1,2\n" + "".join(f"{t},1\n" for t in passing) + "合计,9\n",
            encoding="utf-8",
        )
        assert run(str(clean), "--fail-on", "review").exit_code == 0
