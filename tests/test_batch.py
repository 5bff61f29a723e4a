"""The batch library: readers, column detection, streaming, records, CSV safety, pydantic types.

No verdict is written down here: the matcher is tuned elsewhere, so every expected verdict is
asked of the library (:func:`expected`) and these tests check the mechanics — rows kept, in
order, numbered as the source numbers them, read in the right encoding.
"""

from __future__ import annotations

import builtins
import codecs
import io
import itertools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import catalogue
from catalogue.report import (
    ADDED_COLUMNS,
    FAIL_ON,
    REASON_LABELS,
    RECORD_FIELDS,
    Summary,
    check_rows,
    csv_cells,
    csv_header,
    main_entry,
    main_reason,
    neutralise,
    record,
    verdict_label,
)
from catalogue.tables import InputError, InputRow, open_table
from catalogue.types import BudgetLine, DepartmentName, EntryCode

CAT = catalogue.load()
LISTED = ("特种设备安全监测服务", "市场监督管理")  # in_scope with its department
WORKS = "档案馆维修改造工程"  # out_of_scope: works
WAGES = "编外聘用人员工资福利"  # out_of_scope: staffing


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def rows_of(source: Any, **kw: Any) -> list[InputRow]:
    with open_table(source, **kw) as table:
        return list(table)


def expected(text: str, department: str | None = None) -> str:
    """The verdict the library gives a line (``error`` when it refuses the text)."""
    try:
        return CAT.check(text, department, 3).verdict
    except catalogue.CatalogueError:
        return "error"


def verdicts_of(source: Any, department: str | None = None, **kw: Any) -> list[dict[str, Any]]:
    with open_table(source, **kw) as table:
        return [record(r, v) for r, v in check_rows(CAT, table, department)]


# -- encodings -----------------------------------------------------------------------------------
CSV_TEXT = f"项目名称,部门\n{LISTED[0]},{LISTED[1]}\n{WORKS},住建局\n{WAGES},\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8-sig"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
    ],
)
def test_encodings_detected(tmp_path: Path, encoding: str, expected: str) -> None:
    path = write(tmp_path, "t.csv", CSV_TEXT, encoding)
    with open_table(path) as table:
        assert table.encoding == expected
        assert table.columns == ["项目名称", "部门"]  # no BOM left in the first header
        rows = list(table)
    assert [r.text for r in rows] == [LISTED[0], WORKS, WAGES]
    assert [r.department for r in rows] == [LISTED[1], "住建局", None]
    assert [r.number for r in rows] == [2, 3, 4]  # the file's own line numbers


def test_gb18030_only_characters(tmp_path: Path) -> None:
    # 𠀀 (U+20000) and € exist in GB18030 but not in GBK's two-byte range
    text = "项目名称\n档案整理服务𠀀€\n"
    path = write(tmp_path, "t.csv", text, "gb18030")
    assert [r.text for r in rows_of(path)] == ["档案整理服务𠀀€"]


def test_forced_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", CSV_TEXT, "gb18030")
    with pytest.raises(InputError, match="utf-8"):
        open_table(path, encoding="utf-8")
    assert len(rows_of(path, encoding="gbk")) == 3
    with pytest.raises(InputError, match="未知的编码"):
        open_table(path, encoding="no-such-codec")


# -- delimiters, headers, columns ------------------------------------------------------------------
def test_tsv_by_extension_and_sniffed(tmp_path: Path) -> None:
    tsv = "项目名称\t金额\n档案馆维修改造工程\t1,200\n"
    for name in ("t.tsv", "t.txt"):
        with open_table(write(tmp_path, name, tsv)) as table:
            assert table.input_format == "tsv"
            assert [r.cells for r in table] == [("档案馆维修改造工程", "1,200")]


def test_header_below_title_rows(tmp_path: Path) -> None:
    text = (
        "2024年项目支出预算表\n部门名称：孝义经济开发区管理委员会,,\n单位：万元\n"
        "项目名称,合计\nA,1\nB,2\n"
    )
    with open_table(write(tmp_path, "t.csv", text)) as table:
        assert table.columns == ["项目名称", "合计"]
        assert table.department_column is None
        assert table.header_row == 4
        assert [(r.number, r.text) for r in table] == [(5, "A"), (6, "B")]


def test_header_names_normalised(tmp_path: Path) -> None:
    text = "序号, 项目 名称（必填） ,预算单位,项目概况\n1,课后服务,教育局,学生托管\n"
    with open_table(write(tmp_path, "t.csv", text)) as table:
        assert table.text_column == " 项目 名称（必填） "
        assert table.department_column == "预算单位"
        assert table.description_column == "项目概况"
        (row,) = table
    assert row.text == "课后服务，学生托管" and row.department == "教育局"


def test_english_headers(tmp_path: Path) -> None:
    text = "Name,Department,Description\nx,教育,y\n"
    with open_table(write(tmp_path, "t.csv", text)) as table:
        assert (table.text_column, table.department_column, table.description_column) == (
            "Name",
            "Department",
            "Description",
        )


def test_given_columns(tmp_path: Path) -> None:
    text = "摘要,科目,经办单位,备注\n档案整理,a,教育局,纸质档案\n"
    path = write(tmp_path, "t.csv", text)
    with open_table(
        path, text_column="科目", department_column="经办单位", description_column="备注"
    ) as table:
        (row,) = table
    assert (row.text, row.department) == ("a，纸质档案", "教育局")
    with pytest.raises(InputError, match=r"找不到部门列“部门”.*“摘要”、“科目”"):
        open_table(path, department_column="部门")


def test_department_column_not_detected_when_told(tmp_path: Path) -> None:
    text = "项目名称,单位\nx,孝义经济开发区管理委员会\n"
    path = write(tmp_path, "t.csv", text)
    assert rows_of(path)[0].department == "孝义经济开发区管理委员会"
    assert rows_of(path, detect_department=False)[0].department is None
    assert rows_of(path, detect_department=False, department_column="单位")[0].department


def test_missing_text_column_lists_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "标题\n金额,科目,备注\n1,2,3\n")
    with pytest.raises(InputError) as info:
        open_table(path)
    message = str(info.value)
    assert "找不到项目名称列" in message and "“金额”、“科目”、“备注”" in message
    with pytest.raises(InputError, match="找不到项目名称列“项目”"):
        open_table(path, text_column="项目")


def test_empty_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="空"):
        open_table(write(tmp_path, "t.csv", b""))
    assert rows_of(write(tmp_path, "t.json", "[]")) == []
    assert rows_of(write(tmp_path, "t.jsonl", "\n\n")) == []


# -- rows in = rows out ------------------------------------------------------------------------
def test_ragged_rows(tmp_path: Path) -> None:
    text = "项目名称,金额,备注\n短行\n长行,1,2,多余1,多余2,,\n正常,1,2\n"
    rows = rows_of(write(tmp_path, "t.csv", text))
    assert [r.cells for r in rows] == [("短行", "", ""), ("长行", "1", "2"), ("正常", "1", "2")]
    assert rows[1].extra == ("多余1", "多余2")


def test_blank_lines(tmp_path: Path) -> None:
    """Empty lines are not rows; a line of separators only is a skipped row (空行); a row whose
    project name is empty while another cell is filled is an error row."""
    text = f"项目名称,部门,金额\n\n{WORKS},,\n\r\n,,\n   ,,\n{WAGES},,\n,,12\n\n"
    path = write(tmp_path, "t.csv", text)
    rows = rows_of(path)
    assert [(r.number, r.text) for r in rows] == [(3, WORKS), (5, ""), (6, ""), (7, WAGES), (8, "")]
    assert [r.skip for r in rows] == [None, "空行", "空行", None, None]
    records = verdicts_of(path)
    assert [r["verdict"] for r in records] == [
        expected(WORKS), "skipped", "skipped", expected(WAGES), "error",
    ]  # fmt: skip
    assert [r["row"] for r in records] == [3, 5, 6, 7, 8]
    assert records[1]["reasons"][0]["category"] == "skipped"
    assert records[4]["reasons"][0]["category"] == "error"


def test_one_megabyte_cell(tmp_path: Path) -> None:
    big = "档案整理服务" * 175_000  # > 1 MB in UTF-8
    text = f"项目名称,备注\n{WORKS},a\n{big},b\n{WAGES},c\n"
    path = write(tmp_path, "t.csv", text)
    records = verdicts_of(path)
    assert len(records) == 3
    assert [r["row"] for r in records] == [2, 3, 4]
    assert len(records[1]["text"]) == len(big)
    assert [r["verdict"] for r in records] == [expected(WORKS), expected(big), expected(WAGES)]


def test_multiline_quoted_cell(tmp_path: Path) -> None:
    text = '项目名称,备注\n"办公楼\n维修工程",a\nx,b\n'
    assert [r.text for r in rows_of(write(tmp_path, "t.csv", text))] == ["办公楼\n维修工程", "x"]


# -- junk ---------------------------------------------------------------------------------------
def test_binary_with_nul(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match=r"NUL.*二进制"):
        open_table(path)


def test_binary_without_nul(tmp_path: Path) -> None:
    junk = bytes((i * 37 + 11) % 255 + 1 for i in range(4096))  # no NUL, not UTF-8, not GB18030
    with pytest.raises(InputError, match="二进制"):
        open_table(write(tmp_path, "t.csv", junk))


def test_nul_far_into_the_file(tmp_path: Path) -> None:
    data = ("项目名称\n" + "档案整理服务\n" * 200_000).encode() + b"\x00tail\n"
    with pytest.raises(InputError, match="NUL"):
        open_table(write(tmp_path, "t.csv", data))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("t.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 100, ".xls"),
        ("t.csv", b"%PDF-1.4\n", "PDF"),
        ("t.xlsx", "项目名称\nx\n".encode(), "不是有效的 XLSX"),
        ("t.xlsx", b"PK\x03\x04garbage", "不是可读的 XLSX"),
    ],
)
def test_not_a_table(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        open_table(write(tmp_path, name, data))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到文件"):
        open_table(tmp_path / "none.csv")
    with pytest.raises(InputError, match="目录"):
        open_table(tmp_path)


# -- XLSX ---------------------------------------------------------------------------------------
def make_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


BUDGET_SHEET = [
    ["2024年项目支出预算表（本年预算）"],
    ["部门名称：孝义经济开发区管理委员会"],
    [None, None, None],
    ["项目名称", "合计", "部门"],
    [WORKS, 14.82, "住建局"],
    [None, None, None],
    [LISTED[0], 45.0, LISTED[1]],
    [WAGES, 3, None, "多余"],
]


def test_xlsx_title_row_above_header(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "t.xlsx", {"表十二": BUDGET_SHEET, "其他": [["x"]]})
    with open_table(path) as table:
        assert (table.input_format, table.sheet, table.encoding) == ("xlsx", "表十二", None)
        assert table.columns == ["项目名称", "合计", "部门"]
        rows = list(table)
    assert [r.cells for r in rows] == [
        (WORKS, "14.82", "住建局"),
        (LISTED[0], "45", LISTED[1]),
        (WAGES, "3", ""),
    ]
    assert [r.number for r in rows] == [5, 7, 8]  # the Excel row numbers
    assert rows[2].extra == ("多余",)
    records = verdicts_of(path)
    assert [r["verdict"] for r in records] == [
        expected(WORKS, "住建局"), expected(LISTED[0], LISTED[1]), expected(WAGES),
    ]  # fmt: skip


def test_xlsx_sheets(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "t.xlsx", {"封面": [["封面"]], "数据": [["名称"], ["x"]]})
    assert [r.text for r in rows_of(path, sheet="数据")] == ["x"]
    assert [r.text for r in rows_of(path, sheet="2")] == ["x"]
    with pytest.raises(InputError, match=r"没有工作表“表三”.*封面、数据"):
        open_table(path, sheet="表三")
    with pytest.raises(InputError, match="找不到项目名称列"):
        open_table(path)  # the first sheet has no table


def test_xlsx_from_a_stream(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "t.xlsx", {"s": [["项目名称"], [WORKS]]})
    assert [r.text for r in rows_of(io.BytesIO(path.read_bytes()))] == [WORKS]
    # a workbook saved with the wrong extension is still read as XLSX
    other = write(tmp_path, "t.csv", path.read_bytes())
    assert [r.text for r in rows_of(other)] == [WORKS]
    with pytest.raises(InputError, match="--input-format xlsx"):
        open_table(other, input_format="csv")


def test_xlsx_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_xlsx(tmp_path / "t.xlsx", {"s": [["项目名称"], ["x"]]})
    real_import = builtins.__import__

    def no_openpyxl(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError("No module named 'openpyxl'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "openpyxl", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    with pytest.raises(InputError, match=r"pip install 'shanxi-gpos-catalogue\[xlsx\]'"):
        open_table(path)


# -- JSON ---------------------------------------------------------------------------------------
def test_jsonl(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": WORKS}, ensure_ascii=False),
        "",
        json.dumps({"text": LISTED[0], "department": "市场监管局", "amount": 3.5}),
        "not json",
        "42",
        json.dumps(WAGES, ensure_ascii=False),
        json.dumps({"text": None, "department": "孝义经济开发区管理委员会"}, ensure_ascii=False),
    ]
    path = write(tmp_path, "t.jsonl", "\n".join(lines) + "\n")
    records = verdicts_of(path)
    assert [r["row"] for r in records] == [1, 3, 4, 5, 6, 7]  # the file's lines
    assert [r["verdict"] for r in records] == [
        expected(WORKS),
        expected(LISTED[0], "市场监管局"),
        "error",
        "error",
        expected(WAGES),
        "error",
    ]
    assert "文件第 4 行" in records[2]["reasons"][0]["message"]
    assert "不是 JSON 对象或字符串" in records[3]["reasons"][0]["message"]


def test_jsonl_first_line_must_parse(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不是 JSON Lines"):
        open_table(write(tmp_path, "t.jsonl", "{oops\n"))


def test_json_array(tmp_path: Path) -> None:
    data = [
        {"项目名称": WORKS, "单位": "住建局"},
        WAGES,
        {"项目名称": LISTED[0], "单位": "市场监管局"},
    ]
    path = write(tmp_path, "t.json", json.dumps(data, ensure_ascii=False))
    with open_table(path) as table:
        assert (table.text_column, table.department_column) == ("项目名称", "单位")
        rows = list(table)
    assert [r.text for r in rows] == [WORKS, WAGES, LISTED[0]]
    assert [r.number for r in rows] == [1, 2, 3]  # the elements of the array
    assert [r["verdict"] for r in verdicts_of(path)] == [
        expected(WORKS, "住建局"), expected(WAGES), expected(LISTED[0], "市场监管局"),
    ]  # fmt: skip


def test_json_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="顶层应是数组"):
        open_table(write(tmp_path, "t.json", '{"rows": []}'))
    # one JSON object per line in a .json file is read as JSON Lines
    with open_table(write(tmp_path, "t.json", '{"text": "a"}\n{"text": "b"}\n')) as table:
        assert table.input_format == "jsonl"
        assert [(r.number, r.text) for r in table] == [(1, "a"), (2, "b")]
    with pytest.raises(InputError, match="第 1 行第 2 列"):
        open_table(write(tmp_path, "t.json", '{oops}\n{"text": "b"}\n'))
    with pytest.raises(InputError, match="第一行的键：“amount”"):
        open_table(write(tmp_path, "t.json", '[{"amount": 1}]'))


def test_format_sniffed_from_content() -> None:
    for data, fmt in [
        (b'[{"text": "x"}]', "json"),
        (b'  {"text": "x"}\n', "jsonl"),
        (codecs.BOM_UTF8 + b'{"text": "x"}\n', "jsonl"),
        ("项目名称\tx\n1\t2\n".encode(), "tsv"),
        ("项目名称,x\n1,2\n".encode(), "csv"),
    ]:
        with open_table(io.BytesIO(data)) as table:
            assert table.input_format == fmt
            assert len(list(table)) == 1


# -- checking -----------------------------------------------------------------------------------
def test_check_rows_keeps_order_around_error_rows() -> None:
    rows = [
        InputRow(1, (WORKS,), (), WORKS, None),
        InputRow(2, ("",), (), "", None, "坏行"),
        InputRow(3, ("",), (), "", None, "又一个坏行"),
        InputRow(4, (LISTED[0],), (), LISTED[0], "市场监管局"),
        InputRow(5, ("",), (), "", None, "末尾坏行"),
    ]
    out = list(check_rows(CAT, rows))
    assert [r.number for r, _ in out] == [1, 2, 3, 4, 5]
    assert [v.verdict for _, v in out] == [
        expected(WORKS), "error", "error", expected(LISTED[0], "市场监管局"), "error",
    ]  # fmt: skip
    assert out[1][1].reasons[0].message == "坏行"


def test_unknown_department_rows_do_not_stop_the_run() -> None:
    rows = [
        InputRow(1, (), (), WORKS, "火星"),
        InputRow(2, (), (), WAGES, "发改委"),
        InputRow(3, (), (), "", None),
        InputRow(4, (), (), WORKS, "孝义经济开发区管理委员会"),  # a real agency: no error
    ]
    out = [record(r, v) for r, v in check_rows(CAT, rows)]
    assert [r["verdict"] for r in out] == [
        "error", expected(WAGES, "发改委"), "error", expected(WORKS, "孝义经济开发区管理委员会")
    ]  # fmt: skip
    assert "无法识别的部门" in out[0]["reasons"][0]["message"]
    assert out[1]["department"] == "发展和改革委员会"


def test_default_department() -> None:
    rows = [InputRow(1, (), (), LISTED[0], None), InputRow(2, (), (), LISTED[0], "教育局")]
    out = list(check_rows(CAT, rows, department="市场监管局"))
    assert [v.department for _, v in out] == ["市场监督管理", "教育"]
    with pytest.raises(catalogue.UnknownDepartment):
        check_rows(CAT, rows, department="火星")


def test_streaming_is_lazy() -> None:
    """Rows are read only as verdicts are taken: an endless input works."""
    endless = (InputRow(n, (), (), WORKS, None) for n in itertools.count(1))
    first = list(itertools.islice(check_rows(CAT, endless), 3))
    assert [r.number for r, _ in first] == [1, 2, 3]
    texts = itertools.cycle([WORKS, {"text": WAGES}])
    assert len(list(itertools.islice(CAT.check_many(texts), 4))) == 4


def test_record_shape() -> None:
    (pair,) = check_rows(CAT, [InputRow(7, (), (), LISTED[0], LISTED[1])])
    rec = record(*pair)
    assert list(rec) == list(RECORD_FIELDS)
    assert rec["row"] == 7 and rec["department"] == "市场监督管理"
    assert rec["buyer"]["written"] == LISTED[1] and rec["buyer"]["departments"] == ["市场监督管理"]
    assert rec["label"] == verdict_label(pair[1])
    assert rec["candidates"] and all(
        set(c) == {"department", "code", "name", "path", "score", "why"} for c in rec["candidates"]
    )
    assert json.loads(json.dumps(rec)) == rec
    verdict = CAT.check(LISTED[0], LISTED[1], 3)
    if verdict.verdict == "in_scope":
        assert main_entry(pair[1])[:2] == (verdict.best.department, verdict.best.code)  # type: ignore[index,union-attr]
        assert main_reason(pair[1]).category == "matched"  # type: ignore[union-attr]


def test_an_exclusion_decides_before_the_buyer_read_from_the_text() -> None:
    # land money is land money whoever pays it: the label names the exclusion, and the buyer
    # read from the text stays among the reasons
    verdict = CAT.check("太原理工大学土地划拨款")
    assert verdict.verdict == "out_of_scope"
    assert [r.category for r in verdict.reasons][:2] == ["outside_buyer", "excluded:land"]
    assert main_reason(verdict).category == "excluded:land"  # type: ignore[union-attr]
    assert verdict_label(verdict) == "不得作为政府购买服务"


def test_the_documented_record_fields_are_the_records() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "batch.md").read_text("utf-8")
    start = doc.index("| `row` |")
    table = doc[start : doc.index("\n\n", start)].splitlines()
    assert tuple(line.split("`")[1] for line in table) == RECORD_FIELDS


def test_summary_and_fail_on() -> None:
    rows = [
        InputRow(1, (), (), LISTED[0], LISTED[1]),
        InputRow(2, (), (), WORKS, None),
        InputRow(3, (), (), "", None),
    ]
    summary = Summary()
    checked = list(check_rows(CAT, rows))
    for _, verdict in checked:
        summary.add(verdict)
    assert summary.rows == 3
    labels, categories = summary.labelled()
    counts = Counter(verdict_label(v) for _, v in checked)
    assert {label: n for label, n in labels if n} == dict(counts)
    works = CAT.check(WORKS, None, 3)
    for category in {r.category for r in works.reasons}:
        assert dict(categories)[f"{REASON_LABELS[category]}（{category}）"] >= 1
    verdicts = [v.verdict for _, v in checked]
    assert summary.failing("never") == 0
    assert summary.failing("out_of_scope") == sum(v in ("out_of_scope", "error") for v in verdicts)
    assert summary.failing("review") == sum(v != "in_scope" for v in verdicts)
    assert set(FAIL_ON) == {"never", "out_of_scope", "review"}
    assert "共 3 行" in summary.text()


# -- CSV safety ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("1e5", "1e5"),
        ("档案=整理", "档案=整理"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


def test_csv_header_and_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "项目名称,verdict,=cmd\n=1+2,x,y,z\n")
    with open_table(path) as table:
        header = csv_header(table)
        (pair,) = check_rows(CAT, table)
    assert header[:3] == ["项目名称", "verdict", "'=cmd"]
    assert header[3:] == ["check_verdict", *ADDED_COLUMNS[1:]]
    cells = csv_cells(*pair)
    assert cells[0] == "'=1+2" and cells[3] == pair[1].verdict and cells[-1] == "z"
    assert cells[4] == verdict_label(pair[1])


# -- pydantic types -----------------------------------------------------------------------------
class Line(BaseModel):
    department: DepartmentName
    code: EntryCode


def test_department_name_and_entry_code() -> None:
    line = Line(department="吕梁市发展和改革委员会", code="ａ１５-01-01")
    assert (line.department, line.code) == ("发展和改革委员会", "A150101")
    with pytest.raises(ValidationError, match="不是第二批目录的部门"):
        Line(department="孝义经济开发区管理委员会", code="A150101")
    with pytest.raises(ValidationError, match="不是目录代码"):
        Line(department="教育", code="B01")


def test_budget_line() -> None:
    line = BudgetLine(text="环境空气质量监测", department="孝义市生态环境局", code="a170303")
    assert line.department == "生态环境" and line.code == "A170303"
    assert line.entry is not None and line.entry.name == "环境空气质量监测服务"
    assert line.check().verdict in ("in_scope", "review", "out_of_scope")
    assert BudgetLine(text="x").entry is None
    assert BudgetLine(text="x", code="A150201").entry is None  # shared code, no department
    with pytest.raises(ValidationError, match="不在部门“教育”的目录中"):
        BudgetLine(text="x", department="教育局", code="A170303")
    with pytest.raises(ValidationError, match="不在第二批目录的任何部门中"):
        BudgetLine(text="x", code="A999999")
    rows = [{"text": WORKS, "department": "住建局", "code": None}]
    assert [BudgetLine(**r).department for r in rows] == ["住房和城乡建设"]


def test_pandas_recipe() -> None:
    """The recipe of docs/batch.md, on a DataFrame when pandas is installed."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": [WORKS, LISTED[0]], "department": [None, "市场监管局"]})
    records = df[["text", "department"]].to_dict("records")
    df["verdict"] = [v.verdict for v in CAT.check_many(records)]
    assert list(df["verdict"]) == [expected(WORKS), expected(LISTED[0], "市场监管局")]


def test_batch_doc_examples() -> None:
    import doctest

    doc = Path(__file__).resolve().parent.parent / "docs" / "batch.md"
    result = doctest.testfile(
        str(doc), module_relative=False, optionflags=doctest.ELLIPSIS, encoding="utf-8"
    )
    assert result.failed == 0
    assert result.attempted >= 10


def test_module_doctests() -> None:
    import doctest

    import catalogue.report
    import catalogue.tables
    import catalogue.types

    for module in (catalogue.tables, catalogue.report, catalogue.types):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0


def test_json_lines_of_a_repeated_verdict_are_the_records_of_each_row() -> None:
    from catalogue.report import JsonLines

    cat = catalogue.load()
    rows = [
        InputRow(n, (text,), (), text, "生态环境")
        for n, text in enumerate(["环境空气质量监测", "办公楼维修工程", "环境空气质量监测"], 1)
    ]
    verdicts = list(cat.check_many([{"text": r.text, "department": r.department} for r in rows]))
    assert verdicts[0] is verdicts[2]  # the repeated row shares its verdict
    lines = JsonLines(size=1)
    got = [lines.line(r, v) for r, v in zip(rows, verdicts, strict=True)]
    expected = [
        json.dumps(record(r, v), ensure_ascii=False, separators=(",", ":"))
        for r, v in zip(rows, verdicts, strict=True)
    ]
    assert got == expected
    assert [json.loads(line)["row"] for line in got] == [1, 2, 3]
