"""The encoding of a text table is decided from the whole file, and garbled text
is never judged. A file whose lines mix GB18030 and UTF-8 (two exports pasted together) is read
line by line as what each line is; a line that cannot be told is refused naming it; Big5 and
UTF-16 (with or without a BOM) are recognised or refused, never silently misread."""

from __future__ import annotations

import codecs
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from catalogue.cli import cli
from catalogue.tables import InputError, open_table

GB_ROWS = ["档案整理服务", "环境空气质量监测服务", "特种设备安全监测服务"]
UTF8_ROWS = ["档案馆维修改造工程", "编外聘用人员工资福利", "学生课后服务"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args])


def texts_of(
    data: bytes, **kw: object
) -> tuple[str | None, list[tuple[int, str]], tuple[str, ...]]:
    with open_table(io.BytesIO(data), **kw) as table:  # type: ignore[arg-type]
        return table.encoding, [(r.number, r.text) for r in table], table.notes


def pasted(first: str, second: str) -> bytes:
    """Two exports of the same table pasted together: a GB18030 part and a UTF-8 part."""
    parts = {
        "gb18030": ("项目名称,金额\n" + "".join(f"{t},1\n" for t in GB_ROWS)).encode("gb18030"),
        "utf-8": "".join(f"{t},2\n" for t in UTF8_ROWS).encode("utf-8"),
    }
    if first == "utf-8":  # the header travels with the first part
        parts["utf-8"] = ("项目名称,金额\n" + "".join(f"{t},2\n" for t in UTF8_ROWS)).encode()
        parts["gb18030"] = "".join(f"{t},1\n" for t in GB_ROWS).encode("gb18030")
    return parts[first] + parts[second]


@pytest.mark.parametrize("first", ["gb18030", "utf-8"])
def test_mixed_lines_are_each_read_as_what_they_are(first: str) -> None:
    second = "utf-8" if first == "gb18030" else "gb18030"
    encoding, rows, notes = texts_of(pasted(first, second))
    assert encoding == "utf-8+gb18030"
    expected = (GB_ROWS + UTF8_ROWS) if first == "gb18030" else (UTF8_ROWS + GB_ROWS)
    assert [t for _, t in rows] == expected  # no mojibake, nothing dropped, same order
    assert [n for n, _ in rows] == [2, 3, 4, 5, 6, 7]
    (note,) = notes
    assert "混有两种编码" in note and "第 5 行" in note and "--encoding" in note


def test_mixed_file_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "pasted.csv"
    path.write_bytes(pasted("gb18030", "utf-8"))
    result = run(str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == GB_ROWS + UTF8_ROWS
    assert "注意：" in result.stderr and "逐行" in result.stderr
    report = run(str(path)).stdout
    assert "UTF-8 与 GB18030 混合" in report.splitlines()[0]


def test_a_broken_line_in_a_mixed_file_is_refused_naming_it(tmp_path: Path) -> None:
    """A UTF-8 line with a cut character would read as GB18030 mojibake: refuse, name the line,
    offer --encoding."""
    broken = "环境监测".encode() + "服".encode()[:2] + "务,2\n".encode()
    data = pasted("gb18030", "utf-8") + broken
    with pytest.raises(InputError, match=r"第 8 行.*--encoding"):
        open_table(io.BytesIO(data))
    path = tmp_path / "broken.csv"
    path.write_bytes(data)
    result = run(str(path))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("错误：") and "第 8 行" in result.stderr
    assert "--encoding" in result.stderr and "Traceback" not in result.stderr


def test_a_line_neither_utf8_nor_gb18030_is_refused_naming_it() -> None:
    data = "项目名称\n档案整理服务\n".encode() + b"\xff\xfe\xfa,1\n"
    with pytest.raises(InputError, match=r"第 3 行既不是 UTF-8 也不是 GB18030.*--encoding"):
        open_table(io.BytesIO(data))


def test_whole_file_decides_a_gb18030_file_with_a_utf8_looking_line() -> None:
    """Short GB18030 text can happen to be valid UTF-8 (住 is D7 A1, Hebrew ס in UTF-8); it is read
    as GB18030, in a GB18030 file and in a file of its own."""
    assert "住".encode("gb18030").decode("utf-8") == "\u05e1"
    data = "项目名称\n".encode("gb18030") + "住\n档案整理服务\n".encode("gb18030")
    encoding, rows, notes = texts_of(data)
    assert encoding == "gb18030" and notes == ()
    assert [t for _, t in rows] == ["住", "档案整理服务"]
    encoding, rows, _ = texts_of("name\n住\n".encode("gb18030"))
    assert (encoding, rows) == ("gb18030", [(2, "住")])


def test_utf8_with_latin_letters_stays_utf8() -> None:
    """é (C3 A9) would read as 茅 in GB18030: valid UTF-8 that does not look misread stays UTF-8,
    in a file of its own and in a mixed file."""
    encoding, rows, _ = texts_of("name\nCafé service,1\n".encode())
    assert (encoding, rows) == ("utf-8-sig", [(2, "Café service")])
    data = "项目名称\n档案整理服务\n".encode("gb18030") + "Café 服务\n".encode()
    encoding, rows, _ = texts_of(data)
    assert encoding == "utf-8+gb18030" and [t for _, t in rows] == ["档案整理服务", "Café 服务"]


BIG5 = (
    "項目名稱,部門\n環境監測服務,環保局\n檔案整理服務,檔案館\n特種設備安全監測服務,市場監督管理局\n"
)


def test_big5_is_recognised_and_refused_with_the_override_named(tmp_path: Path) -> None:
    data = BIG5.encode("big5")
    assert data.decode("gb18030", "replace") != BIG5  # GB18030 alone would misread it
    with pytest.raises(InputError, match=r"Big5.*--encoding big5"):
        open_table(io.BytesIO(data))
    path = tmp_path / "big5.csv"
    path.write_bytes(data)
    result = run(str(path))
    assert result.exit_code == 2 and "Big5" in result.stderr and result.stdout == ""
    # the override reads it as Big5 (the header is traditional, so it is named)
    result = run(str(path), "--encoding", "big5", "--text-column", "項目名稱", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == ["環境監測服務", "檔案整理服務", "特種設備安全監測服務"]
    # traditional characters are read as simplified ones: the verdicts of the simplified lines
    assert [(r["verdict"], r["department"]) for r in records] == [
        ("in_scope", "生态环境"),
        ("review", None),
        ("in_scope", "市场监督管理"),
    ]


def test_text_gb18030_does_not_read_as_chinese_is_refused() -> None:
    """Shift-JIS decodes as GB18030 but reads as nonsense: refused rather than judged."""
    data = ("項目名,金額\n" + "ファイル整理サービス,1\n" * 5).encode("shift_jis")
    with pytest.raises(InputError, match=r"--encoding"):
        open_table(io.BytesIO(data))


TABLE = "项目名称,金额\n档案整理服务,1\n环境空气质量监测服务,2\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TABLE.encode("utf-16"), "utf-16"),  # with a BOM (Excel's "Unicode text")
        (codecs.BOM_UTF16_BE + TABLE.encode("utf-16-be"), "utf-16"),
        (TABLE.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (TABLE.encode("utf-16-be"), "utf-16-be"),
        (TABLE.encode("utf-32"), "utf-32"),
    ],
    ids=["utf-16-bom-le", "utf-16-bom-be", "utf-16-le", "utf-16-be", "utf-32"],
)
def test_utf16_with_and_without_bom(data: bytes, encoding: str) -> None:
    got, rows, _ = texts_of(data)
    assert got == encoding
    assert [t for _, t in rows] == ["档案整理服务", "环境空气质量监测服务"]


def test_utf16_without_bom_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"  # Excel's "Unicode text": UTF-16, tab-separated
    path.write_bytes(TABLE.replace(",", "\t").encode("utf-16-le"))
    result = run(str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == [
        "档案整理服务",
        "环境空气质量监测服务",
    ]


def test_forced_encoding_that_fails_names_the_line() -> None:
    data = "name\n档案整理\n环境监测\n".encode("gb18030")
    with pytest.raises(InputError, match=r"--encoding utf-8 无法解码第 2 行"):
        open_table(io.BytesIO(data), encoding="utf-8")


def test_plain_files_are_unchanged() -> None:
    for codec, name in (("utf-8", "utf-8-sig"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")):
        got, rows, notes = texts_of(TABLE.encode(codec))
        assert (got, notes) == (name, ())
        assert [t for _, t in rows] == ["档案整理服务", "环境空气质量监测服务"]


def test_mixed_decoding_keeps_multiline_cells_and_crlf() -> None:
    data = (
        '项目名称,备注\r\n"档案\r\n整理",1\r\n'.encode("gb18030") + '环境监测,"a\r\nb"\r\n'.encode()
    )
    encoding, rows, _ = texts_of(data)
    assert encoding == "utf-8+gb18030"
    assert [(n, t) for n, t in rows] == [(2, "档案\r\n整理"), (4, "环境监测")]


def test_the_cli_message_names_encoding_override_in_help() -> None:
    out = CliRunner().invoke(cli, ["check", "--help"]).stdout
    assert "--encoding" in out and re.search("GB18030", out)
