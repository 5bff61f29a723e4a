"""What a report says: one label per meaning everywhere, every candidate
naming its department, the format taken from ``-o``'s extension, and the XLSX report as Excel
opens it (read back with openpyxl: cells, fills, frozen header, autofilter, the 汇总 chart)."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import typing
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import catalogue
from catalogue.cli import cli
from catalogue.report import (
    LABELS,
    REASON_LABELS,
    label,
    main_entry,
    meaning,
    next_candidates,
    verdict_label,
)
from catalogue.results import ReasonCategory, VerdictName
from catalogue.tables import install_hint

CAT = catalogue.load()
WORKS = "档案馆维修改造工程"
LISTED = ("特种设备安全监测服务", "市场监管局")
TEXTS = [WORKS, "档案整理服务", "环境影响评价", "编外聘用人员工资福利", "学生课后服务"]
VERDICTS = typing.get_args(VerdictName)
CATEGORIES = typing.get_args(ReasonCategory)


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["check", *args], input=input)


# -- labels ---------------------------------------------------------------------------------------
def test_every_verdict_and_category_has_exactly_one_label() -> None:
    assert len(set(LABELS.values())) == len(LABELS)  # one label per meaning, no two alike
    assert set(REASON_LABELS) == set(CATEGORIES)
    for verdict in VERDICTS:
        for category in (*CATEGORIES, None):
            got = label(verdict, category)
            assert got in LABELS.values()
            assert got == LABELS[meaning(verdict, category)]
            if verdict == "out_of_scope":
                if category is not None and category.startswith("excluded:"):
                    assert got == "不得作为政府购买服务"
                elif category == "not_listed":
                    assert got == "第二批目录未列入"
                elif category == "other_department":
                    assert got == "仅列入其他部门目录"
                elif category in ("no_service", "outside_buyer"):
                    assert got == LABELS[category]
                else:  # no deciding reason: the weaker claim, never "the law excludes it"
                    assert got == "第二批目录未列入"
            else:
                assert (
                    got
                    == {
                        "in_scope": "属于第二批目录",
                        "review": "需人工复核",
                        "error": "无法判断",
                        "skipped": LABELS["skipped"],
                    }[verdict]
                )


def test_labels_tell_the_law_from_the_list() -> None:
    assert label("out_of_scope", "excluded:works") != label("out_of_scope", "not_listed")
    assert "不得" not in label("out_of_scope", "not_listed")
    assert "不得" not in label("out_of_scope", "other_department")


def test_the_same_label_in_every_output(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "项目名称,部门\n" + "".join(f"{t},\n" for t in TEXTS) + f"{LISTED[0]},{LISTED[1]}\n",
        encoding="utf-8",
    )
    wanted = [verdict_label(CAT.check(t, None, 3)) for t in TEXTS]
    wanted.append(verdict_label(CAT.check(*LISTED, 3)))
    records = [json.loads(x) for x in run(str(path), "--format", "jsonl").stdout.splitlines()]
    assert [r["label"] for r in records] == wanted
    rows = list(csv.DictReader(io.StringIO(run(str(path), "--format", "csv").stdout)))
    assert [r["label"] for r in rows] == wanted
    report = run(str(path)).stdout
    shown = re.findall(r"^ +\d+  (\S+)（\w+）", report, flags=re.MULTILINE)
    assert shown == wanted


# -- departments of candidates -------------------------------------------------------------------
def test_every_candidate_names_its_department(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("项目名称\n" + "".join(f"{t}\n" for t in TEXTS), encoding="utf-8")
    records = [json.loads(x) for x in run(str(path), "--format", "jsonl").stdout.splitlines()]
    for r in records:
        assert all(c["department"] in CAT.departments for c in r["candidates"])
    rows = list(csv.DictReader(io.StringIO(run(str(path), "--format", "csv").stdout)))
    for text, r in zip(TEXTS, rows, strict=True):
        verdict = CAT.check(text, None, 3)
        entry = main_entry(verdict)
        # the code sits beside the department it belongs to
        assert (r["entry_department"], r["code"]) == ((entry[0], entry[1]) if entry else ("", ""))
        others = next_candidates(verdict)
        assert r["candidates"].count("；") == max(0, len(others) - 1)
        for c in others:
            assert f"{c.department} {c.code} {c.name}" in r["candidates"]


# -- the output format ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("r.csv", "csv"),
        ("r.jsonl", "jsonl"),
        ("r.json", "json"),
        ("r.xlsx", "xlsx"),
        ("r.txt", "table"),
    ],
)
def test_the_format_follows_the_output_extension(tmp_path: Path, name: str, fmt: str) -> None:
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    table = tmp_path / "t.csv"
    table.write_text(f"项目名称\n{WORKS}\n", encoding="utf-8")
    target = tmp_path / name
    assert run(str(table), "-o", str(target)).exit_code == 0
    data = target.read_bytes()
    if fmt == "csv":
        assert data.decode().splitlines()[0].startswith("项目名称,verdict,label")
    elif fmt == "jsonl":
        assert json.loads(data)["row"] == 2
    elif fmt == "json":
        assert json.loads(data)[0]["row"] == 2
    elif fmt == "xlsx":
        assert zipfile.is_zipfile(target)
    else:
        assert data.decode().startswith("预算项目检查：")


def test_an_explicit_format_wins_over_the_extension(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(f"项目名称\n{WORKS}\n", encoding="utf-8")
    target = tmp_path / "r.csv"
    assert run(str(table), "-o", str(target), "--format", "jsonl").exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["row"] == 2
    result = run(str(table), "-o", str(tmp_path / "r.xlsx"), "--excel")
    assert result.exit_code == 2 and "--excel" in result.stderr
    assert run(str(table), "-o", str(tmp_path / "e.csv"), "--excel").exit_code == 0
    assert (tmp_path / "e.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# -- the workbook ----------------------------------------------------------------------------------
REAL = (
    "2024年项目支出预算表\n部门名称：孝义市生态环境局\n"
    "项目名称,预算单位,金额（万元）,备注\n"
    ",,,说明\n"
    "1,2,3,4\n"
    "孝义市生态环境局,孝义市生态环境局,161,\n"
    + "".join(f"{t},孝义市生态环境局,{n}.5,\n" for n, t in enumerate(TEXTS, 10))
    + '"=HYPERLINK(""http://x"")",教育局,1,\n'
    + f"{LISTED[0]},{LISTED[1]},3,\x1b[31m红\n"
    + "合计,,161,\n"
)


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    pytest.importorskip("openpyxl")
    table = tmp_path / "预算.csv"
    table.write_text(REAL, encoding="gb18030")
    target = tmp_path / "结果.xlsx"
    result = run(str(table), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target


def test_the_workbook_keeps_the_table_and_adds_the_verdicts(workbook_path: Path) -> None:
    import openpyxl

    from catalogue.workbook import ADDED_HEADERS, FILLS

    wb = openpyxl.load_workbook(workbook_path)
    assert wb.sheetnames == ["检查结果", "汇总"]
    ws = wb["检查结果"]
    header = [c.value for c in ws[1]]
    assert header == ["项目名称", "预算单位", "金额（万元）", "备注", *ADDED_HEADERS]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    col = {name: i for i, name in enumerate(header)}
    assert [r[col["行号"]] for r in rows] == list(range(4, 4 + len(rows)))  # the CSV's lines
    # the table's own cells, as they were (numbers as numbers, a formula as text)
    texts = [r[0] for r in rows]
    assert texts[3:8] == TEXTS
    assert [r[col["金额（万元）"]] for r in rows[3:8]] == [10.5, 11.5, 12.5, 13.5, 14.5]
    formula_row = 8 + 2  # header + 3 layout rows + 5 texts, then the formula
    cell = ws.cell(formula_row, 1)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    assert ws.cell(formula_row + 1, col["备注"] + 1).value == "\\x1b[31m红"
    # one fill per meaning, on the 判定 cell
    fills = {}
    for n in range(2, len(rows) + 2):
        verdict_cell = ws.cell(n, col["判定"] + 1)
        meaning_of = {v: k for k, v in LABELS.items()}[verdict_cell.value]
        fills[meaning_of] = verdict_cell.fill.fgColor.rgb[-6:]
        assert fills[meaning_of] == FILLS[meaning_of]
    assert len(set(FILLS.values())) == len(FILLS)
    assert ws.cell(2, col["理由"] + 1).alignment.wrap_text
    # verdicts and entries agree with the library
    for n, text in enumerate(TEXTS):
        r = rows[3 + n]
        verdict = CAT.check(text, "孝义市生态环境局", 3)
        assert r[col["判定"]] == verdict_label(verdict)
        entry = main_entry(verdict)
        assert (r[col["条目部门"]] or "", r[col["条目代码"]] or "") == (
            (entry[0], entry[1]) if entry else ("", "")
        )
        for c in next_candidates(verdict):
            assert f"{c.department} {c.code} {c.name}" in (r[col["其他候选"]] or "")
    skipped = [r[col["行号"]] for r in rows if r[col["判定"]] == LABELS["skipped"]]
    assert skipped == [4, 5, 6, 4 + len(rows) - 1]


def test_the_summary_sheet_totals_and_charts(workbook_path: Path) -> None:
    import openpyxl

    ws = openpyxl.load_workbook(workbook_path)["汇总"]
    cells = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(cells) if r[0] == "判定")
    assert cells[head][2] == "金额合计（金额（万元））"
    block = {r[0]: r for r in cells[head + 1 : head + 1 + len(LABELS)]}
    assert set(block) == set(LABELS.values())
    total_rows = sum(r[1] for r in block.values())
    assert total_rows == 3 + len(TEXTS) + 2 + 1
    amounts = sum(r[2] or 0 for r in block.values())
    assert amounts == pytest.approx(
        10.5 + 11.5 + 12.5 + 13.5 + 14.5 + 1 + 3
    )  # skipped rows left out
    assert block[LABELS["skipped"]][1] == 4 and block[LABELS["skipped"]][2] is None
    assert any(r[0] == "理由类别" for r in cells)
    assert any(r[0] and str(r[0]).startswith("部门（“预算单位”列）") for r in cells)
    # the chart: openpyxl does not read charts back, so look in the package
    with zipfile.ZipFile(workbook_path) as zf:
        names = zf.namelist()
        charts = [n for n in names if n.startswith("xl/charts/chart")]
        assert charts
        rels = zf.read("xl/worksheets/_rels/sheet2.xml.rels").decode()
        assert "drawing" in rels
        assert "<barChart>" in zf.read(charts[0]).decode()


def test_a_workbook_without_an_amount_column_counts_rows_only(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    table = tmp_path / "t.csv"
    table.write_text("项目名称\n" + "".join(f"{t}\n" for t in TEXTS), encoding="utf-8")
    target = tmp_path / "r.xlsx"
    assert run(str(table), "--format", "xlsx", "-o", str(target)).exit_code == 0
    cells = list(openpyxl.load_workbook(target)["汇总"].iter_rows(values_only=True))
    assert "只统计行数" in cells[1][0]


def test_a_huge_cell_fits_excel(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    big = "档案整理服务" * 10_000  # 60,000 characters: more than an Excel cell holds
    table = tmp_path / "t.jsonl"
    table.write_text(json.dumps({"项目名称": big}, ensure_ascii=False) + "\n", encoding="utf-8")
    target = tmp_path / "r.xlsx"
    assert run(str(table), "-o", str(target)).exit_code == 0
    value = openpyxl.load_workbook(target)["检查结果"].cell(2, 1).value
    assert len(value) <= 32_767 and value.endswith("已截断）")


def test_xlsx_to_a_pipe(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    table = tmp_path / "t.csv"
    table.write_text(f"项目名称\n{WORKS}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(table), "--format", "xlsx"])
    assert result.exit_code == 0
    assert zipfile.is_zipfile(io.BytesIO(result.stdout_bytes))


def test_without_openpyxl_the_message_names_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    table = tmp_path / "t.csv"
    table.write_text(f"项目名称\n{WORKS}\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name, *a)
    )
    result = run(str(table), "-o", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 2
    assert install_hint("xlsx") in result.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_install_hint_reads_the_distribution_name() -> None:
    from importlib import metadata

    hint = install_hint("xlsx")
    name = re.fullmatch(r"pip install '([\w.-]+)\[xlsx\]'", hint)
    assert name
    try:
        extras = metadata.metadata(name.group(1)).get_all("Provides-Extra") or []
    except metadata.PackageNotFoundError:
        pytest.skip("not installed as a distribution")
    assert "xlsx" in extras
