"""Invariants of the bundled data, the corrections of domain.md §1, faithfulness to the source."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from pathlib import Path

import pytest

import catalogue
from catalogue.codes import CODE_LENGTHS, parent_code
from catalogue.resources import data_path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seed" / "000_b74160a094e36784.txt"

DEPARTMENTS = [
    "发展和改革委员会",
    "教育",
    "科技",
    "工业和信息化",
    "自然资源",
    "住房和城乡建设",
    "生态环境",
    "农业农村",
    "文化和旅游",
    "退役军人",
    "应急",
    "市场监督管理",
    "统计",
    "能源",
    "粮食和物资储备",
]


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(data_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load()


def node(raw: dict, department: str, code: str) -> dict:
    (dep,) = [d for d in raw["departments"] if d["name"] == department]
    (found,) = [n for n in dep["nodes"] if n["code"] == code]
    return found


# -- invariants ---------------------------------------------------------------------------------
def test_fifteen_departments_in_catalogue_order(raw: dict, cat: catalogue.Catalogue) -> None:
    assert [d["name"] for d in raw["departments"]] == DEPARTMENTS
    assert cat.departments == DEPARTMENTS


def test_counts(raw: dict) -> None:
    nodes = [n for d in raw["departments"] for n in d["nodes"]]
    assert len(nodes) == 458
    assert sum(n["level"] == 4 for n in nodes) == 247
    per_department = {
        d["name"]: sum(n["level"] == 4 for n in d["nodes"]) for d in raw["departments"]
    }
    assert per_department == {
        "发展和改革委员会": 14,
        "教育": 2,
        "科技": 2,
        "工业和信息化": 17,
        "自然资源": 21,
        "住房和城乡建设": 23,
        "生态环境": 44,
        "农业农村": 19,
        "文化和旅游": 14,
        "退役军人": 19,
        "应急": 12,
        "市场监督管理": 33,
        "统计": 7,
        "能源": 7,
        "粮食和物资储备": 13,
    }


def test_codes_unique_per_department_and_shape_matches_level(raw: dict) -> None:
    shape = re.compile(r"A(?:\d{2}){0,3}")
    for dep in raw["departments"]:
        codes = [n["code"] for n in dep["nodes"]]
        assert [c for c, k in Counter(codes).items() if k > 1] == [], dep["name"]
        for n in dep["nodes"]:
            assert shape.fullmatch(n["code"]), (dep["name"], n["code"])
            assert len(n["code"]) == CODE_LENGTHS[n["level"]], (dep["name"], n["code"])


def test_every_parent_present_and_listed_before_its_children(raw: dict) -> None:
    for dep in raw["departments"]:
        seen: set[str] = set()
        assert dep["nodes"][0]["code"] == "A"
        for n in dep["nodes"]:
            up = parent_code(n["code"])
            assert up is None or up in seen, (dep["name"], n["code"])
            seen.add(n["code"])


def test_no_empty_names_and_corrections_explained(raw: dict) -> None:
    for dep in raw["departments"]:
        assert dep["name"].strip()
        for n in dep["nodes"]:
            assert n["name"].strip() == n["name"] and n["name"], (dep["name"], n["code"])
            assert " " not in n["name"], (dep["name"], n["code"])
            if n.get("source_code") or n.get("source_name"):
                assert n.get("correction"), (dep["name"], n["code"])


def test_every_level4_entry_is_a_leaf_and_every_inner_node_has_children(
    cat: catalogue.Catalogue,
) -> None:
    for entry in cat:
        if entry.level == 4:
            assert entry.is_leaf and entry.children == []
        else:
            assert entry.children, entry


def test_level1_is_public_services_everywhere(cat: catalogue.Catalogue) -> None:
    roots = cat.roots()
    assert [r.department for r in roots] == DEPARTMENTS
    assert {r.name for r in roots} == {"公共服务"}


def test_aliases_unique_across_departments(raw: dict) -> None:
    owners: dict[str, str] = {}
    for dep in raw["departments"]:
        for alias in dep["aliases"]:
            assert owners.setdefault(alias, dep["name"]) == dep["name"], alias


# -- corrections of domain.md §1 ------------------------------------------------------------
@pytest.mark.parametrize(
    ("department", "code", "field", "printed"),
    [
        ("自然资源", "A140102", "source_code", "A040102"),
        ("住房和城乡建设", "A160601", "source_code", "160601"),
        ("粮食和物资储备", "A070102", "source_code", "A070101"),
        ("粮食和物资储备", "A070103", "source_code", "A070102"),
        ("自然资源", "A14", "source_name", "灾害防治及应急管理 服务"),
        ("生态环境", "A14", "source_name", "灾害防治及应急管理 服务"),
        ("应急", "A14", "source_name", "灾害防治及应急管理 服务"),
        ("文化和旅游", "A1604", "source_name", "行业职业资格准入和水 平评价管理服务"),
        ("生态环境", "A17", "source_name", "技术型公共服务"),
        ("文化和旅游", "A17", "source_name", "技术型公共服务"),
        ("工业和信息化", "A1502", "source_name", "公共信息与宣传服务"),
        ("统计", "A1502", "source_name", "公共信息宣传服务"),
        ("自然资源", "A1609", "source_name", "行业人才培养"),
        ("市场监督管理", "A1702", "source_name", "检验检测检测及认证服务"),
        ("发展和改革委员会", "A1806", "source_name", "政务服务窗口受理服务 (仅限集中受理事项)"),
        ("自然资源", "A1806", "source_name", "政务服务窗口受理服务 (仅限集中受理事项)"),
    ],
)
def test_correction_recorded_with_printed_value(
    raw: dict, cat: catalogue.Catalogue, department: str, code: str, field: str, printed: str
) -> None:
    assert node(raw, department, code)[field] == printed
    entry = cat.lookup(code, department)
    assert getattr(entry, field) == printed
    assert entry.corrected and entry.correction


@pytest.mark.parametrize(
    ("department", "code", "name"),
    [
        ("自然资源", "A140102", "地质灾害普适性、专业性监测预警服务"),
        ("住房和城乡建设", "A160601", "住建行业标准制修订辅助服务"),
        ("自然资源", "A14", "灾害防治及应急管理服务"),
        ("文化和旅游", "A1604", "行业职业资格准入和水平评价管理服务"),
        ("生态环境", "A17", "技术性公共服务"),
        ("文化和旅游", "A17", "技术性公共服务"),
        ("工业和信息化", "A1502", "公共公益宣传服务"),
        ("统计", "A1502", "公共公益宣传服务"),
        ("自然资源", "A1609", "行业人才培养服务"),
        ("市场监督管理", "A1702", "检验检疫检测及认证服务"),
        ("粮食和物资储备", "A1702", "检验检疫检测及认证服务"),
        ("发展和改革委员会", "A1806", "政务服务窗口受理服务"),
        ("自然资源", "A1806", "政务服务窗口受理服务"),
        ("自然资源", "A140601", "地质灾害灾情调查评估服务"),
    ],
)
def test_corrected_value(cat: catalogue.Catalogue, department: str, code: str, name: str) -> None:
    assert cat.lookup(code, department).name == name


def test_grain_codes_read_in_name_order_and_empty_row_dropped(cat: catalogue.Catalogue) -> None:
    a0701 = cat.lookup("A0701", "粮食和物资储备")
    assert [(c.code, c.name, c.source_code) for c in a0701.children] == [
        ("A070101", "节粮技术推广服务", None),
        ("A070102", "绿色储粮新技术推广服务", "A070101"),
        ("A070103", "新型粮食加工工艺推广服务", "A070102"),
    ]
    assert any("2063" in n for n in cat.department("粮食和物资储备").notes)


def test_centralised_acceptance_is_a_restriction_not_a_name(cat: catalogue.Catalogue) -> None:
    for department in ("发展和改革委员会", "自然资源"):
        a1806 = cat.lookup("A1806", department)
        assert a1806.note == "仅限集中受理事项"
        assert "仅限" not in a1806.name
        for child in a1806.children:
            assert child.restrictions == ["仅限集中受理事项"]
    assert [e.key for e in cat if e.note] == [
        ("发展和改革委员会", "A1806"),
        ("自然资源", "A1806"),
    ]


def test_misplaced_name_after_page_break_is_a_remark_not_a_correction(
    cat: catalogue.Catalogue,
) -> None:
    entry = cat.lookup("A140601", "自然资源")
    assert not entry.corrected
    assert entry.remark and "1656" in entry.remark


def test_eco_environment_gap_not_filled(cat: catalogue.Catalogue) -> None:
    codes = [c.code for c in cat.lookup("A1703", "生态环境").children]
    assert "A170305" in codes and "A170307" in codes
    assert "A170306" not in codes
    assert cat.get("A170306", "生态环境") is None
    assert any("A170306" in n for n in cat.department("生态环境").notes)


def test_misprinted_codes_are_not_entries(cat: catalogue.Catalogue) -> None:
    assert cat.get("A040102", "自然资源") is None
    with pytest.raises(catalogue.InvalidCode):
        cat.lookup("160601", "住房和城乡建设")


def test_every_correction_is_listed(cat: catalogue.Catalogue) -> None:
    assert len(cat.corrections()) == 17
    for entry in cat.corrections():
        assert entry.source_code != entry.code and entry.source_name != entry.name


# -- amendments ---------------------------------------------------------------------------------
def test_amendments(cat: catalogue.Catalogue) -> None:
    got = [
        (a.catalogue, a.department, a.action, a.code, a.old_name, a.new_name)
        for a in cat.amendments
    ]
    assert got == [
        ("山西省政府购买服务指导性目录", None, "rename", "A1803", "展览服务", "公共档案服务"),
        (
            "山西省部门政府购买服务指导性目录（第一批）",
            "人力资源和社会保障",
            "rename",
            "A030401",
            "技能人才评价服务",
            "人才服务",
        ),
        (
            "山西省部门政府购买服务指导性目录（第一批）",
            "人力资源和社会保障",
            "add",
            "A1701",
            None,
            "技术评审鉴定评估服务",
        ),
        (
            "山西省部门政府购买服务指导性目录（第一批）",
            "人力资源和社会保障",
            "add",
            "A170101",
            None,
            "技能评估服务",
        ),
    ]
    for a in cat.amendments:
        assert a.code in a.wording and a.new_name in a.wording
    # the amendments change other catalogues, not the 15 lists
    assert "人力资源和社会保障" not in cat.departments


def test_metadata(cat: catalogue.Catalogue) -> None:
    meta = cat.metadata
    assert meta.document_number == "晋财综〔2021〕87号"
    assert meta.issuer == "山西省财政厅"
    assert meta.issue_date.isoformat() == "2021-12-30"
    assert meta.relayed_by is not None
    assert meta.relayed_by.document_number == "孝财综〔2022〕12号"
    assert meta.relayed_by.issue_date.isoformat() == "2022-01-27"


# -- faithfulness to the source -------------------------------------------------------------
@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    if not SEED.is_file():
        pytest.skip(f"source text not available: {SEED}")
    return SEED.read_text(encoding="utf-8").split("\n")


def table_region(lines: list[str]) -> tuple[int, int]:
    """0-based [start, end) of the catalogue table in the source."""
    start = lines.index("山西省部门政府购买服务指导性目录(第二批)")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("信息公开选项"))
    return start, end


def test_every_node_printed_as_recorded(raw: dict, source_lines: list[str]) -> None:
    start, end = table_region(source_lines)
    region = "\n".join(source_lines[start:end])
    for dep in raw["departments"]:
        for n in dep["nodes"]:
            printed_code = n.get("source_code") or n["code"]
            printed_name = n.get("source_name") or n["name"]
            assert printed_code in region and printed_name in region, (dep["name"], n["code"])
            # the row the data points to holds the printed code (and, but for the one page break
            # that put the name on the line before, the printed name)
            line = n["source_line"]
            assert start < line <= end, (dep["name"], n["code"])
            cells = [c.strip() for c in source_lines[line - 1].split("\t")]
            assert cells[0] == printed_code, (dep["name"], n["code"], cells)
            if printed_name not in cells:
                assert n.get("remark"), (dep["name"], n["code"])
                assert printed_name in [c.strip() for c in source_lines[line - 2].split("\t")]


def test_every_row_of_the_source_is_in_the_data(raw: dict, source_lines: list[str]) -> None:
    start, end = table_region(source_lines)
    used = {n["source_line"] for d in raw["departments"] for n in d["nodes"]}
    headers = []
    unused_code_rows = []
    for i in range(start + 1, end):
        first = source_lines[i].split("\t")[0].strip()
        if first in DEPARTMENTS:
            headers.append(first)
        elif re.fullmatch(r"A?\d*", first) and first and i + 1 not in used:
            unused_code_rows.append(i + 1)
    assert headers == DEPARTMENTS
    # the only printed code row left out is the empty row of the shifted grain codes
    assert [source_lines[i - 1].strip() for i in unused_code_rows] == ["A070103"]


# -- documentation ------------------------------------------------------------------------------
def test_every_correction_is_in_the_docs(cat: catalogue.Catalogue) -> None:
    doc = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    rows = [line for line in doc.splitlines() if line.startswith("| ")]
    corrections = cat.corrections()
    assert corrections
    for e in corrections:
        matching = [r for r in rows if r.startswith(f"| {e.department} | {e.code} | {e.level} |")]
        assert len(matching) == 1, (e.department, e.code)
        row = matching[0]
        for value in (e.source_code, e.source_name):
            if value is not None:
                assert f" {value} " in row or f" {value}（" in row, (e.key, value)
        assert (e.code if e.source_code is not None else e.name) in row
        assert e.correction is not None and e.correction in row
    assert f"共 {len(corrections)} 处" in doc


def test_department_notes_and_amendments_are_in_the_docs(cat: catalogue.Catalogue) -> None:
    doc = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    for name in cat.departments:
        for note in cat.department(name).notes:
            assert note in doc
    for a in cat.amendments:
        assert a.wording in doc


def test_every_schema_field_is_in_the_docs() -> None:
    from catalogue import schemas as schema

    doc = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    models = [
        schema.CatalogueFile,
        schema.Metadata,
        schema.RelayNotice,
        schema.Amendment,
        schema.DepartmentData,
        schema.NodeData,
    ]
    for model in models:
        assert model.__name__ in doc
        for field in dataclasses.fields(model):
            assert f"| `{field.name}` |" in doc, (model.__name__, field.name)
