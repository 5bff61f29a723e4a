"""The browsing commands through CliRunner: exact output, formats, exit codes, docs coverage."""

from __future__ import annotations

import ast
import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

import catalogue
from catalogue.cli import COMMANDS, cli
from catalogue.cli.browse import DATA_FILES
from catalogue.cli.chinese import ChineseCommand, display_width
from catalogue.resources import data_path
from catalogue.schemas import CatalogueFile

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    # help is laid out to the terminal's width: as on an 80-column terminal (click keeps two
    # columns free), whatever the terminal running the tests
    return CliRunner().invoke(cli, list(args), env=env, terminal_width=78)


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def fails(code: int, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.stderr


# -- show ---------------------------------------------------------------------------------------
SHOW_A180601 = """\
代码      A180601
名称      山西省政务中心政务服务窗口受理咨询服务
部门      发展和改革委员会
级次      4（四级目录）
路径      公共服务 > 其他公共服务 > 政务服务窗口受理服务 > 山西省政务中心政务服务窗口受理咨询服务
上级      A1806  政务服务窗口受理服务（仅限集中受理事项）
适用限制  仅限集中受理事项（A1806）
原表行号  1582
同码部门  自然资源
下级      无
"""

SHOW_A1806 = """\
代码      A1806
名称      政务服务窗口受理服务
部门      自然资源
级次      3（三级目录）
路径      公共服务 > 其他公共服务 > 政务服务窗口受理服务
上级      A18  其他公共服务
适用限制  仅限集中受理事项（A1806）
原表名称  政务服务窗口受理服务 (仅限集中受理事项)
更正理由  括号内文字是适用限制，不是名称的一部分：移入 note，用户可见。
原表行号  1680
同码部门  发展和改革委员会
下级      1 项
  A180601  不动产登记业务窗口受理服务
"""

SHOW_A140102 = (
    "代码      A140102\n"
    "名称      地质灾害普适性、专业性监测预警服务\n"
    "部门      自然资源\n"
    "级次      4（四级目录）\n"
    "路径      公共服务 > 灾害防治及应急管理服务 > 防灾减灾预警、预报服务"
    " > 地质灾害普适性、专业性监测预警服务\n"
    """\
上级      A1401  防灾减灾预警、预报服务
原表代码  A040102
更正理由  代码误印：其上级为 A1401（防灾减灾预警、预报服务），同级为 A140101，应为 A140102。
原表行号  1647
下级      无
"""
)


def test_show_exact() -> None:
    assert ok("show", "A180601", "-d", "发改委") == SHOW_A180601
    assert ok("show", "a18 06 01", "--department", "孝义市发展和改革委员会") == SHOW_A180601
    assert ok("show", "A1806", "-d", "规划和自然资源局") == SHOW_A1806
    # unique in the catalogue: no department needed
    assert ok("show", "Ａ１４０１０２") == SHOW_A140102


def test_show_json() -> None:
    record = json.loads(ok("show", "A070102", "-d", "粮食局", "--format", "json"))
    entry = catalogue.load().lookup("A070102", "粮食和物资储备")
    assert record == {
        **entry.to_dict(),
        "parent_name": "科技研发与推广服务",
        "children": [],
        "other_departments": ["科技"],
    }
    assert record["source_code"] == "A070101"
    record = json.loads(ok("show", "A0701", "-d", "粮食局", "--format", "json"))
    assert record["children"] == [
        {"code": "A070101", "name": "节粮技术推广服务", "note": None},
        {"code": "A070102", "name": "绿色储粮新技术推广服务", "note": None},
        {"code": "A070103", "name": "新型粮食加工工艺推广服务", "note": None},
    ]


def test_show_json_is_not_ascii_escaped() -> None:
    out = ok("show", "A", "-d", "教育", "--format", "json")
    assert "公共服务" in out and "\\u" not in out


def test_show_ambiguous() -> None:
    err = fails(1, "show", "A180601")
    assert err == (
        "错误：代码 A180601 在 2 个部门的目录中都有，请指定部门：发展和改革委员会、自然资源\n"
    )


def test_show_unknown() -> None:
    assert fails(1, "show", "A999999") == "错误：代码 A999999 不在第二批目录的任何部门中\n"
    assert fails(1, "show", "A150101", "-d", "教育局") == (
        "错误：代码 A150101 不在部门“教育”的目录中；该代码见于：发展和改革委员会、粮食和物资储备\n"
    )
    # the misprinted code is not an entry
    assert fails(1, "show", "A040102", "-d", "自然资源").startswith("错误：代码 A040102 不在")


@pytest.mark.parametrize("code", ["", "   ", "€", "x" * 10000, "B01", "A1", "160601", "A1501011"])
def test_show_malformed_code(code: str) -> None:
    err = fails(2, "show", code)
    assert err.startswith("错误：不是目录代码：")
    assert "应为 A、A00、A0000 或 A000000" in err
    assert len(err) < 120


@pytest.mark.parametrize("department", ["火星", "", "  ", "€", "x" * 10000])
def test_show_unknown_department(department: str) -> None:
    err = fails(2, "show", "A150101", "-d", department)
    assert err.startswith("错误：无法识别的部门：")
    assert "第二批目录的 15 个部门：发展和改革委员会、" in err
    assert len(err) < 300


def test_show_unknown_department_names_nearest() -> None:
    err = fails(2, "show", "A150101", "-d", "市场局")
    assert "最接近的是：市场监督管理" in err


# -- tree ---------------------------------------------------------------------------------------
TREE_EDUCATION = """\
【教育】
A  公共服务
  A18  其他公共服务
    A1801  对外合作与交流服务
      A180101  留学生交流服务
    A1803  档案服务
      A180301  大学生档案管理服务
"""

TREE_NDRC_3 = """\
【发展和改革委员会】
A  公共服务
  A15  公共信息与宣传服务
    A1501  公共信息服务
    A1502  公共公益宣传服务
    A1503  公共公益展览服务
  A16  行业管理服务
    A1601  行业规划服务
    A1603  行业统计分析服务
  A18  其他公共服务
    A1806  政务服务窗口受理服务（仅限集中受理事项）
"""


def test_tree_exact() -> None:
    assert ok("tree", "-d", "教育") == TREE_EDUCATION
    assert ok("tree", "-d", "教育局", "--format", "table") == TREE_EDUCATION
    assert ok("tree", "-d", "发改委", "--level", "3") == TREE_NDRC_3
    assert ok("tree", "-d", "科技", "-l", "1") == "【科技】\nA  公共服务\n"


def test_tree_all_departments() -> None:
    out = ok("tree")
    blocks = out.rstrip("\n").split("\n\n")
    cat = catalogue.load()
    assert [b.split("\n")[0] for b in blocks] == [f"【{d}】" for d in cat.departments]
    body = [line for b in blocks for line in b.split("\n")[1:]]
    assert len(body) == 458
    for line, entry in zip(body, cat, strict=True):
        indent = "  " * (entry.level - 1)
        note = f"（{entry.note}）" if entry.note else ""
        assert line == f"{indent}{entry.code}  {entry.name}{note}"
    level2 = ok("tree", "--level", "2")
    assert len(level2.strip().split("\n")) == 15 * 2 + 14 + len(cat.entries(level=2))


def test_tree_json() -> None:
    data = json.loads(ok("tree", "-d", "教育", "--format", "json"))

    def leaf(code: str, name: str) -> dict[str, Any]:
        return {"code": code, "level": 4, "name": name, "note": None, "children": []}

    assert data == [
        {
            "department": "教育",
            "tree": {
                "code": "A",
                "level": 1,
                "name": "公共服务",
                "note": None,
                "children": [
                    {
                        "code": "A18",
                        "level": 2,
                        "name": "其他公共服务",
                        "note": None,
                        "children": [
                            {
                                "code": "A1801",
                                "level": 3,
                                "name": "对外合作与交流服务",
                                "note": None,
                                "children": [leaf("A180101", "留学生交流服务")],
                            },
                            {
                                "code": "A1803",
                                "level": 3,
                                "name": "档案服务",
                                "note": None,
                                "children": [leaf("A180301", "大学生档案管理服务")],
                            },
                        ],
                    }
                ],
            },
        }
    ]
    everything = json.loads(ok("tree", "--format", "json", "--level", "2"))
    assert [d["department"] for d in everything] == catalogue.load().departments
    assert all(c["children"] == [] for d in everything for c in d["tree"]["children"])


def test_tree_errors() -> None:
    assert fails(2, "tree", "-d", "水利局").startswith("错误：“水利局”不是第二批目录的部门：")
    for bad in ("0", "5", "x"):
        assert "--level" in fails(2, "tree", "--level", bad)


# -- entries ------------------------------------------------------------------------------------
ENTRIES_STATISTICS = """\
部门  代码     级次  名称                                限制  原表所印
----  -------  ----  ----------------------------------  ----  ----------------------
统计  A        1     公共服务
统计  A15      2     公共信息与宣传服务
统计  A1502    3     公共公益宣传服务                          名称“公共信息宣传服务”
统计  A150201  4     统计信息宣传服务
统计  A16      2     行业管理服务
统计  A1601    3     行业规划服务
统计  A160101  4     统计发展规划编制服务
统计  A1602    3     行业调查与处置服务
统计  A160201  4     公共安全评价调查服务
统计  A160202  4     公众生态环境评价调查服务
统计  A160203  4     统计专项调查服务
统计  A1604    3     行业职业资格准入和水平评价管理服务
统计  A160401  4     统计专业技术资格考试服务
统计  A160402  4     统计专业职称评审服务
共 14 条。
"""


def test_entries_table_is_the_default() -> None:
    assert ok("entries", "-d", "统计局") == ENTRIES_STATISTICS
    out = ok("entries", "-d", "粮食局", "-l", "4")
    assert "粮食和物资储备  A070102  4     绿色储粮新技术推广服务" in out
    assert "代码 A070101" in out
    assert out.endswith("共 13 条。\n")


def test_entries_jsonl_whole_catalogue() -> None:
    lines = ok("entries", "--format", "jsonl").splitlines()
    assert len(lines) == 458
    records = [json.loads(line) for line in lines]
    cat = catalogue.load()
    assert records == [e.to_dict() for e in cat]
    required = {"department", "code", "level", "name", "parent", "path", "note"}
    assert all(required | {"source_code", "source_name"} <= r.keys() for r in records)
    assert sum(r["level"] == 4 for r in records) == 247
    assert list(dict.fromkeys(r["department"] for r in records)) == cat.departments
    assert "\\u" not in "".join(lines)
    printed = {
        (r["department"], r["code"]): (r["source_code"], r["source_name"])
        for r in records
        if r["source_code"] or r["source_name"]
    }
    assert printed == {
        ("发展和改革委员会", "A1806"): (None, "政务服务窗口受理服务 (仅限集中受理事项)"),
        ("工业和信息化", "A1502"): (None, "公共信息与宣传服务"),
        ("自然资源", "A14"): (None, "灾害防治及应急管理 服务"),
        ("自然资源", "A140102"): ("A040102", None),
        ("自然资源", "A1609"): (None, "行业人才培养"),
        ("自然资源", "A1806"): (None, "政务服务窗口受理服务 (仅限集中受理事项)"),
        ("住房和城乡建设", "A160601"): ("160601", None),
        ("生态环境", "A14"): (None, "灾害防治及应急管理 服务"),
        ("生态环境", "A160602"): (
            None,
            "危险废物监督管理指南服务, 固体废物污染控制标准规范制定服务",
        ),
        ("生态环境", "A17"): (None, "技术型公共服务"),
        ("文化和旅游", "A1604"): (None, "行业职业资格准入和水 平评价管理服务"),
        ("文化和旅游", "A17"): (None, "技术型公共服务"),
        ("应急", "A14"): (None, "灾害防治及应急管理 服务"),
        ("市场监督管理", "A1702"): (None, "检验检测检测及认证服务"),
        ("统计", "A1502"): (None, "公共信息宣传服务"),
        ("粮食和物资储备", "A070102"): ("A070101", None),
        ("粮食和物资储备", "A070103"): ("A070102", None),
    }
    for r in records:
        if r["level"] > 1:
            assert r["parent"] == r["code"][: {2: 1, 3: 3, 4: 5}[r["level"]]]
        assert len(r["path"]) == r["level"] and r["path"][-1] == r["name"]


def test_entries_jsonl_filters() -> None:
    lines = ok("entries", "-d", "教育", "--level", "4", "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == [
        {
            "department": "教育",
            "code": "A180101",
            "level": 4,
            "name": "留学生交流服务",
            "parent": "A1801",
            "path": ["公共服务", "其他公共服务", "对外合作与交流服务", "留学生交流服务"],
            "note": None,
            "restrictions": [],
            "is_leaf": True,
            "source_code": None,
            "source_name": None,
            "correction": None,
            "remark": None,
            "source_line": 1587,
        },
        {
            "department": "教育",
            "code": "A180301",
            "level": 4,
            "name": "大学生档案管理服务",
            "parent": "A1803",
            "path": ["公共服务", "其他公共服务", "档案服务", "大学生档案管理服务"],
            "note": None,
            "restrictions": [],
            "is_leaf": True,
            "source_code": None,
            "source_name": None,
            "correction": None,
            "remark": None,
            "source_line": 1592,
        },
    ]
    assert len(ok("entries", "-l", "4", "--format", "jsonl").splitlines()) == 247
    assert len(ok("entries", "-l", "1", "--format", "jsonl").splitlines()) == 15


def test_entries_json() -> None:
    data = json.loads(ok("entries", "-d", "科技", "--format", "json"))
    assert [(r["code"], r["name"]) for r in data] == [
        ("A", "公共服务"),
        ("A07", "科技公共服务"),
        ("A0701", "科技研发与推广服务"),
        ("A070101", "科技研发公共服务"),
        ("A070102", "科技研发数据服务"),
    ]
    assert all(r["department"] == "科技" for r in data)


def test_entries_errors() -> None:
    assert fails(2, "entries", "-d", "xyz").startswith("错误：无法识别的部门：“xyz”")
    assert "--format" in fails(2, "entries", "--format", "csv")
    assert "--level" in fails(2, "entries", "--level", "9")


# -- departments --------------------------------------------------------------------------------
def test_departments_json() -> None:
    data = json.loads(ok("departments", "--format", "json"))
    raw = json.loads(data_path().read_text(encoding="utf-8"))
    assert data == [
        {
            "name": d["name"],
            "entries": sum(n["level"] == 4 for n in d["nodes"]),
            "nodes": len(d["nodes"]),
            "aliases": d["aliases"],
            "notes": d["notes"],
        }
        for d in raw["departments"]
    ]
    assert [d["name"] for d in data][:3] == ["发展和改革委员会", "教育", "科技"]
    assert sum(d["entries"] for d in data) == 247
    assert {d["name"]: d["entries"] for d in data}["生态环境"] == 44


def test_departments_jsonl() -> None:
    lines = ok("departments", "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == json.loads(ok("departments", "--format", "json"))


def test_departments_table() -> None:
    lines = ok("departments").splitlines()
    assert re.fullmatch(r"序号  部门 +四级目录  别名", lines[0])
    assert len(lines) == 2 + 15 + 1
    assert lines[2].startswith("1     发展和改革委员会  14        发展和改革委、")
    assert lines[3] == (
        "2     教育              2         教育局、教育厅、教育委员会、教委、教育和体育局、教体局"
    )
    assert lines[15] == "14    能源              7         能源局"
    assert lines[-1] == "共 15 个部门，四级目录 247 条。"


DEPARTMENTS_RESOLVE = """\
名称      吕梁市应急管理局
类别      机关
部门      应急

名称      运城市财政局
类别      第二批目录没有部门目录的机关
部门      （无：与全部部门的目录比较，最多判为复核）
"""


def test_departments_resolve_table() -> None:
    out = ok("departments", "--resolve", "吕梁市应急管理局", "--resolve", "运城市财政局")
    # the reading line explains; the rest is compared whole
    kept = [line for line in out.splitlines(keepends=True) if not line.startswith("读法")]
    assert "".join(kept) == DEPARTMENTS_RESOLVE
    assert out.count("读法") == 2


def test_departments_resolve_json_is_the_library_reading() -> None:
    cat = catalogue.load()
    one = json.loads(ok("departments", "--resolve", "生态环境局", "--format", "json"))
    assert one == cat.read_buyer("生态环境局").model_dump(mode="json")
    assert one["departments"] == ["生态环境"]
    names = ["省发改委", "运城市财政局"]
    options = [word for name in names for word in ("--resolve", name)]
    many = json.loads(ok("departments", *options, "--format", "json"))
    assert [b["written"] for b in many] == names
    assert [b["kind"] for b in many] == ["agency", "outside"]
    lines = ok("departments", *options, "--format", "jsonl")
    assert [json.loads(line) for line in lines.splitlines()] == many


def test_departments_resolve_unknown_name() -> None:
    err = fails(2, "departments", "--resolve", "火星")
    assert err.startswith("错误：无法识别的部门：“火星”。")


# -- info ---------------------------------------------------------------------------------------
def test_info_table() -> None:
    out = ok("info")
    lines = out.splitlines()
    assert lines[0] == "山西省部门政府购买服务指导性目录（第二批）"
    for line in [
        "文号      晋财综〔2021〕87号",
        "发文机关  山西省财政厅",
        "印发      山西省财政厅办公室",
        "印发日期  2021-12-30",
        "转发      孝财综〔2022〕12号（孝义市财政局，2022-01-27）",
        "数据文件  随包附带",
        "统计      15 个部门，458 个节点，四级目录 247 条，更正 17 处",
        "通知对其他目录的修订（4 项）：",
        "  1. 山西省政府购买服务指导性目录：A1803 展览服务 → 公共档案服务",
        "     原文：将《山西省政府购买服务指导性目录》“A1803展览服务”修订为“A1803公共档案服务”。",
        "  4. 山西省部门政府购买服务指导性目录（第一批）“人力资源和社会保障”部门目录："
        "增设四级目录 A170101 技能评估服务",
        "部门目录说明：",
    ]:
        assert line in lines, line
    assert any(line.startswith("  生态环境：A1703 下代码由 A170305 跳至 A170307") for line in lines)


def test_info_json() -> None:
    data = json.loads(ok("info", "--format", "json"))
    cat = catalogue.load()
    assert data["file"] is None
    assert data["metadata"] == json.loads(data_path().read_text(encoding="utf-8"))["metadata"]
    assert data["counts"] == {"departments": 15, "nodes": 458, "entries": 247, "corrections": 17}
    assert data["amendments"] == [a.model_dump(mode="json") for a in cat.amendments]
    assert len(data["amendments"]) == 4
    noted = [d["department"] for d in data["department_notes"]]
    assert noted == ["教育", "生态环境", "粮食和物资储备"]


# -- schema -------------------------------------------------------------------------------------
def test_schema_command() -> None:
    out = ok("schema")
    expected = json.dumps(CatalogueFile.model_json_schema(), ensure_ascii=False, indent=2)
    assert out == expected + "\n"
    assert json.loads(out)["title"] == "CatalogueFile"


def test_shipped_schema_file_is_the_generated_schema() -> None:
    shipped = (REPO / "data" / "catalog_second_batch.schema.json").read_text(encoding="utf-8")
    hint = "regenerate: catalogue schema > data/catalog_second_batch.schema.json"
    assert shipped == ok("schema"), hint


# -- the global --catalogue option --------------------------------------------------------------
def test_catalogue_option_uses_another_file(tmp_path: Path) -> None:
    raw = json.loads(data_path().read_text(encoding="utf-8"))
    small = copy.deepcopy(raw)
    small["departments"] = small["departments"][1:2]
    path = tmp_path / "small.json"
    path.write_text(json.dumps(small, ensure_ascii=False), encoding="utf-8")
    out = ok("--catalogue", str(path), "departments", "--format", "json")
    assert [d["name"] for d in json.loads(out)] == ["教育"]
    assert ok("--catalogue", str(path), "tree") == TREE_EDUCATION
    assert f"数据文件  {path}" in ok("--catalogue", str(path), "info").splitlines()
    # the same through the environment
    result = run("tree", env={"CATALOGUE_FILE": str(path)})
    assert result.exit_code == 0 and result.stdout == TREE_EDUCATION
    assert fails(1, "--catalogue", str(path), "show", "A150101").startswith("错误：代码 A150101")


def test_catalogue_option_copy_of_bundled(tmp_path: Path) -> None:
    path = tmp_path / "copy.json"
    shutil.copyfile(data_path(), path)
    assert ok("--catalogue", str(path), "entries", "--format", "jsonl") == ok(
        "entries", "--format", "jsonl"
    )


def _science(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["departments"][2]["nodes"]


BAD_CATALOGUES = {
    "not json": ("{", "不是合法的 JSON"),
    "not utf-8": (b"\xff\xfe\x00", "不是 UTF-8"),
    "wrong schema": (lambda d: d.pop("metadata"), "不符合目录数据格式：metadata"),
    "duplicate code": (
        lambda d: _science(d).append(dict(_science(d)[4])),
        "部门“科技”第 6 个节点 A070102：代码重复",
    ),
    "bad code shape for level": (
        lambda d: _science(d)[4].update(level=2),
        "部门“科技”第 5 个节点 A070102：代码形如 A070102，与级次 2 不符",
    ),
    "missing parent": (
        lambda d: _science(d).pop(1),
        "部门“科技”第 2 个节点 A0701：上级 A07 不在该部门目录中",
    ),
    "empty name": (
        lambda d: _science(d)[3].update(name=""),
        "departments[2]（科技）.nodes[3].name",
    ),
}


@pytest.mark.parametrize("case", list(BAD_CATALOGUES))
@pytest.mark.parametrize("command", ["departments", "info", "tree", "entries", "show A"])
def test_bad_catalogue_file_exits_2(tmp_path: Path, case: str, command: str) -> None:
    content, expected = BAD_CATALOGUES[case]
    path = tmp_path / "bad.json"
    if callable(content):
        data = json.loads(data_path().read_text(encoding="utf-8"))
        content(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    err = fails(2, "--catalogue", str(path), *command.split())
    assert err.startswith(f"错误：{path}: ")
    assert expected in err
    assert err.count("\n") == 1


def test_missing_catalogue_file(tmp_path: Path) -> None:
    err = fails(2, "--catalogue", str(tmp_path / "nope.json"), "departments")
    assert err.startswith("错误：") and "无法读取目录文件" in err


# -- help and registration ----------------------------------------------------------------------
def english_click_phrases() -> list[str]:
    """The phrases of click's own English: every message click marks for translation (cut at
    its placeholders), and the words of its help that it does not mark."""
    messages: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
            ):
                messages |= {
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                }
    phrases = {"[OPTIONS]", "COMMAND [ARGS]", "required", "INTEGER", "FILENAME", "BOOLEAN"}
    for message in messages:
        for part in re.split(r"\{[^}]*\}|%\([^)]*\)[sd]", message):
            part = part.strip(" '\"\n\t():.")
            words = re.findall(r"[A-Za-z]+", part)
            if len(words) >= 2 or (len(words) == 1 and part[:1].isupper() and len(part) >= 5):
                phrases.add(part)
    assert {"Usage", "Options", "Show this message and exit", "default", "No such option"} & phrases
    return sorted(phrases)


ENGLISH = english_click_phrases()


def english_in(text: str) -> list[str]:
    return [p for p in ENGLISH if re.search(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])", text)]


GROUP_HELP = """\
用法：catalogue [选项] 命令 [参数]...

  山西省部门政府购买服务指导性目录（第二批）：查询目录，判断预算项目能否作为政
  府购买服务。

选项：
  --catalogue 文件  使用另一个同格式的目录文件（默认：随包附带的第二批目录）。
                    [环境变量：CATALOGUE_FILE]
  --version         显示版本并退出。
  -h, --help        显示本帮助并退出。

命令：
  check        检查整张预算表：每个预算项目能否作为政府购买服务。
  departments  列出 15 个部门（按目录顺序）、各部门四级目录条数和常见机关写
               法。
  entries      列出目录节点（按目录顺序）；--format jsonl 每行一个 JSON 对象。
  info         目录的出处（文号、发文机关、日期、转发通知、文本来源）、统计、
               对其他目录的修订。
  lookup       判断一个预算项目能否作为政府购买服务：判定、理由和候选条目。
  schema       输出数据文件的 JSON Schema（由 pydantic 生成）。
  search       按关键词、名称片段或拼音首字母查找目录条目（如 dzzh 查“地质灾
               害”）。
  serve        启动 OpenRefine 对账服务（Reconciliation Service API 0.2）。
  show         显示一个目录代码：名称、路径、上下级、适用限制和原表更正。
  tree         按级次缩进显示目录树；不指定部门时依次显示 15 个部门。
"""

TREE_HELP = """\
用法：catalogue tree [选项]

  按级次缩进显示目录树；不指定部门时依次显示 15 个部门。

选项：
  -d, --department 部门  部门：规范名称或任何机关写法（孝义市生态环境局、发改
                         委、环保局…）。
  -l, --level N          只显示到该级次为止（1–4），默认显示全部四级。
                         [取值：1–4]
  --format [table|json]  输出格式：table 供人阅读；json 供程序读取。
                         [默认：table]
  -h, --help             显示本帮助并退出。
"""


def test_group_help_exact() -> None:
    assert ok("--help") == GROUP_HELP
    assert ok("-h") == GROUP_HELP


def test_bare_catalogue_prints_the_help_once_and_exits_0() -> None:
    result = run()
    assert result.exit_code == 0
    assert result.stdout == GROUP_HELP
    assert result.stderr == ""


def test_command_help_exact() -> None:
    assert ok("tree", "--help") == TREE_HELP


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_help_is_chinese(name: str) -> None:
    out = ok(name, "--help")
    assert out.startswith(f"用法：catalogue {name} [选项]")
    assert "\n选项：\n" in out
    assert "-h, --help" in out and "显示本帮助并退出。" in out
    assert english_in(out) == []
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    as_written = (command.help or "").splitlines()  # paragraphs marked \b are not wrapped
    for line in out.splitlines():
        assert display_width(line) <= 78 or line.strip() in map(str.strip, as_written), line


def test_help_width_follows_the_terminal() -> None:
    narrow = CliRunner().invoke(cli, ["--help"], terminal_width=50).stdout
    assert max(display_width(line) for line in narrow.splitlines()) <= 50
    assert narrow.replace("\n", "").replace(" ", "") == GROUP_HELP.replace("\n", "").replace(
        " ", ""
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_help_list_shows_each_commands_own_first_line(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.name == name
    assert COMMANDS[name][2] == command.get_short_help_str(limit=200)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_chinese(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, ChineseCommand), f"{name}: @click.command(cls=ChineseCommand)"


def test_help_imports_no_command_module() -> None:
    code = (
        "import sys; from catalogue.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('catalogue.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = out.stdout.strip().splitlines()[-1]
    assert loaded == (
        "['catalogue.cli', 'catalogue.cli.chinese', 'catalogue.cli.common', 'catalogue.exceptions']"
    )


def test_the_console_script_freezes_the_collector_as_it_ends() -> None:
    """``run`` (the console script, ``python -m catalogue``) leaves its objects out of the
    interpreter's last collection at exit; ``main``, called from a program, does not touch that
    program's collector. Both exit as the command does."""
    code = (
        "import gc, sys; from catalogue import cli\n"
        "sys.argv[1:] = ['show', 'A180601', '-d', '发改委']\n"
        "try:\n    cli.{}()\nexcept SystemExit as exc:\n    print(exc.code)\n"
        "print(gc.get_freeze_count() > 0)"
    )
    ends = {}
    for name in ("run", "main"):
        out = subprocess.run(
            [sys.executable, "-c", code.format(name)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
        ends[name] = out.stdout.splitlines()[-2:]
    assert ends == {"run": ["0", "True"], "main": ["0", "False"]}
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'catalogue = "catalogue.cli:run"' in pyproject
    assert (REPO / "catalogue" / "__main__.py").read_text(encoding="utf-8").split() == [
        "from",
        ".cli",
        "import",
        "run",
        "run()",
    ]


#: modules each command must not import: what it does not use costs start-up time
NOT_IMPORTED = {
    ("departments",): ["catalogue.matching", "catalogue.verdict", "catalogue.results"],
    ("show", "A180601", "-d", "发改委"): [
        "catalogue.matching",
        "catalogue.verdict",
        "catalogue.results",
    ],
    ("tree", "-d", "发改委"): ["catalogue.matching", "catalogue.verdict", "catalogue.results"],
    ("lookup", "环境影响评价"): ["catalogue.tables", "catalogue.workbook", "catalogue.search"],
}
#: no command above imports these: pydantic is for validating a file that is not the bundled
#: one, and for dumping records to JSON; rapidfuzz for suggesting a department name
NEVER_IMPORTED = [
    "openpyxl",
    "pydantic",
    "rapidfuzz",
    "catalogue.server",
    "catalogue.app",
    "catalogue.reconcile",
]


@pytest.mark.parametrize("args", sorted(NOT_IMPORTED))
def test_a_command_imports_only_what_it_uses(args: tuple[str, ...]) -> None:
    code = (
        "import sys; from catalogue.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(out.stdout.strip().splitlines()[-1]))
    assert "catalogue.cli" in loaded
    assert not loaded & {*NOT_IMPORTED[args], *NEVER_IMPORTED}


def test_version() -> None:
    """The version, and how this copy was built (the sources here; the installed wheel's
    ``mypyc 编译`` is checked by tests/test_packaging.py)."""
    from catalogue.build import describe

    assert ok("--version") == (
        f"catalogue {catalogue.__version__}（shanxi-gpos-catalogue，{describe()}）\n"
    )


def test_every_command_is_documented() -> None:
    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## catalogue (\S+)", doc, flags=re.MULTILINE))
    missing = sorted(set(COMMANDS) - headings)
    assert not missing, f"commands without a '## catalogue NAME' section in docs/cli.md: {missing}"
    assert {"departments", "show", "tree", "entries", "info", "schema"} <= set(COMMANDS)


# -- usage errors -------------------------------------------------------------------------------
def test_usage_error_in_chinese_with_usage_and_help() -> None:
    assert fails(2, "tree", "--level", "5") == (
        "错误：--level 的取值“5”无效，应为整数，取值 1–4。\n"
        "用法：catalogue tree [选项]\n"
        "帮助：catalogue tree --help\n"
    )


LOOKUP_USAGE = "用法：catalogue lookup [选项] TEXT\n帮助：catalogue lookup --help\n"
GROUP_USAGE = "用法：catalogue [选项] 命令 [参数]...\n帮助：catalogue --help\n"
USAGE_ERRORS = [
    (["lookup"], "错误：缺少参数 TEXT。\n" + LOOKUP_USAGE),
    (["lookup", "x", "--bogus"], "错误：没有选项 --bogus。\n" + LOOKUP_USAGE),
    (
        ["lookup", "x", "--limt", "3"],
        "错误：没有选项 --limt。是不是要用：--limit？\n" + LOOKUP_USAGE,
    ),
    (["lookup", "x", "--limit"], "错误：选项 --limit 需要一个值。\n" + LOOKUP_USAGE),
    (
        ["lookup", "x", "-n", "x"],
        "错误：--limit 的取值“x”无效，应为整数，取值 1–50。\n" + LOOKUP_USAGE,
    ),
    (
        ["lookup", "x", "-n", "0"],
        "错误：--limit 的取值“0”无效，应为整数，取值 1–50。\n" + LOOKUP_USAGE,
    ),
    (["lookup", "a", "b"], "错误：多余的参数：b\n" + LOOKUP_USAGE),
    (["lookup", "a", "b", "c"], "错误：多余的参数：b c\n" + LOOKUP_USAGE),
    (
        ["lookup", "x", "--format", "xml"],
        "错误：--format 的取值“xml”无效，可选：table、json。\n" + LOOKUP_USAGE,
    ),
    (
        ["nosuch"],
        "错误：没有命令“nosuch”。可用的命令：" + "、".join(sorted(COMMANDS)) + "\n" + GROUP_USAGE,
    ),
    (["--bogus"], "错误：没有选项 --bogus。\n" + GROUP_USAGE),
    (["--catalogue", "x.json"], "错误：缺少命令。\n" + GROUP_USAGE),
    (["--catalogue"], "错误：选项 --catalogue 需要一个值。\n" + GROUP_USAGE),
    (["--catalogue", "."], "错误：--catalogue 的取值“.”无效，应为文件路径。\n" + GROUP_USAGE),
    (
        ["serve", "--quiet=3"],
        "错误：选项 --quiet 不带取值。\n"
        "用法：catalogue serve [选项]\n帮助：catalogue serve --help\n",
    ),
    (
        ["entries", "--format", "csv"],
        "错误：--format 的取值“csv”无效，可选：table、jsonl、json。\n"
        "用法：catalogue entries [选项]\n帮助：catalogue entries --help\n",
    ),
    (
        ["schema", "--file", "x.json"],
        "错误：--file 的取值“x.json”无效，可选："
        + "、".join(DATA_FILES)
        + "。\n用法：catalogue schema [选项]\n帮助：catalogue schema --help\n",
    ),
]


@pytest.mark.parametrize(
    ("args", "expected"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS]
)
def test_usage_errors_exact(args: list[str], expected: str) -> None:
    assert fails(2, *args) == expected


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_common_usage_errors_of_every_command_are_chinese(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    takes_any = any(isinstance(p, click.Argument) and p.nargs == -1 for p in command.params)
    extra = [] if takes_any else [[name, "x", "y"]]
    for args in ([name, "--bogus"], [name, "--format"], [name, "--department"], *extra):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr, args
        assert english_in(result.stderr) == [], (args, result.stderr)


def test_interrupt_is_reported_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    from catalogue.cli import browse

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(browse, "get_catalogue", interrupted)
    result = run("departments")
    assert result.exit_code == 130
    assert result.stderr == "已中断。\n"
