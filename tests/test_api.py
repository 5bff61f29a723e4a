"""The library API: loading, validation errors, lookup, departments, the tree, junk input."""

from __future__ import annotations

import copy
import doctest
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import source_doctests
from pydantic import TypeAdapter, ValidationError

import catalogue
import catalogue.agencies
import catalogue.build
import catalogue.codes
import catalogue.exceptions
import catalogue.homophones
import catalogue.patterns
import catalogue.records
import catalogue.resources
import catalogue.results
import catalogue.text
import catalogue.tree
from catalogue import (
    AmbiguousCode,
    CatalogueError,
    DataError,
    Entry,
    InvalidCode,
    UnknownCode,
    UnknownDepartment,
)
from catalogue.resources import data_path


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load()


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return json.loads(data_path().read_text(encoding="utf-8"))


# -- loading ------------------------------------------------------------------------------------
def test_load_is_cached(cat: catalogue.Catalogue) -> None:
    assert catalogue.load() is cat
    assert catalogue.load(None) is cat
    assert cat.path is None
    assert len(cat) == 458
    assert len(cat.entries(level=4)) == 247


def test_load_a_copy(tmp_path: Path, cat: catalogue.Catalogue) -> None:
    copy_path = tmp_path / "copy.json"
    shutil.copyfile(data_path(), copy_path)
    other = catalogue.load(copy_path)
    assert other is not cat
    assert catalogue.load(str(copy_path)) is other
    assert other.path == str(copy_path)
    assert [e.to_dict() for e in other] == [e.to_dict() for e in cat]


def test_changed_file_is_read_again(tmp_path: Path, raw: dict[str, Any]) -> None:
    path = tmp_path / "cat.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    first = catalogue.load(path)
    changed = copy.deepcopy(raw)
    changed["departments"] = changed["departments"][:1]
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    second = catalogue.load(path)
    assert second is not first
    assert second.departments == ["发展和改革委员会"]


# -- every DataError case -----------------------------------------------------------------------
def _write(tmp_path: Path, content: bytes | str | dict[str, Any]) -> Path:
    path = tmp_path / "bad.json"
    if isinstance(content, dict):
        content = json.dumps(content, ensure_ascii=False)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _edit(raw: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(raw)
    change(data)
    return data


def _science(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The nodes of 科技 (departments[2]): A, A07, A0701, A070101, A070102."""
    return data["departments"][2]["nodes"]


BAD_FILES: list[tuple[str, Callable[[dict[str, Any]], Any], list[str]]] = [
    ("not json", lambda raw: '{"schema_version": 1,', ["不是合法的 JSON", "第 1 行"]),
    ("empty file", lambda raw: b"", ["不是合法的 JSON"]),
    ("not utf-8", lambda raw: "{}".encode("utf-16"), ["不是 UTF-8"]),
    ("top level not an object", lambda raw: "[]", ["不符合目录数据格式", "(top level)"]),
    (
        "wrong schema: level not an integer",
        lambda raw: _edit(raw, lambda d: _science(d)[3].update(level="四")),
        ["不符合目录数据格式", "departments[2]（科技）.nodes[3].level"],
    ),
    (
        "wrong schema: level a boolean",
        lambda raw: _edit(raw, lambda d: _science(d)[0].update(level=True)),
        ["departments[2]（科技）.nodes[0].level"],
    ),
    (
        "wrong schema: level a float",
        lambda raw: _edit(raw, lambda d: _science(d)[3].update(level=4.0)),
        ["departments[2]（科技）.nodes[3].level"],
    ),
    (
        "wrong schema: a department without nodes",
        lambda raw: _edit(raw, lambda d: d["departments"][2].update(nodes=[])),
        ["departments[2]（科技）.nodes"],
    ),
    (
        "wrong schema: missing field",
        lambda raw: _edit(raw, lambda d: d["metadata"].pop("title")),
        ["metadata.title", "Field required"],
    ),
    (
        "wrong schema: unknown field",
        lambda raw: _edit(raw, lambda d: _science(d)[1].update(colour="red")),
        ["departments[2]（科技）.nodes[1].colour"],
    ),
    (
        "wrong schema: no departments",
        lambda raw: _edit(raw, lambda d: d.update(departments=[])),
        ["departments"],
    ),
    (
        "code not a code",
        lambda raw: _edit(raw, lambda d: _science(d)[4].update(code="B070102")),
        ["departments[2]（科技）.nodes[4].code", "B070102"],
    ),
    (
        "code not canonical",
        lambda raw: _edit(raw, lambda d: _science(d)[4].update(code="a070102")),
        ["departments[2]（科技）.nodes[4].code", "a070102"],
    ),
    (
        "duplicate (department, code)",
        lambda raw: _edit(raw, lambda d: _science(d).append(dict(_science(d)[4]))),
        ["部门“科技”", "A070102", "代码重复"],
    ),
    (
        "duplicate department",
        lambda raw: _edit(raw, lambda d: d["departments"][2].update(name="教育")),
        ["部门“教育”重复"],
    ),
    (
        "code shape does not match level",
        lambda raw: _edit(raw, lambda d: _science(d)[4].update(level=3)),
        ["部门“科技”第 5 个节点 A070102", "与级次 3 不符"],
    ),
    (
        "missing parent",
        lambda raw: _edit(raw, lambda d: _science(d).pop(2)),
        ["部门“科技”", "A070101", "上级 A0701 不在该部门目录中"],
    ),
    (
        "empty name",
        lambda raw: _edit(raw, lambda d: _science(d)[4].update(name="")),
        ["departments[2]（科技）.nodes[4].name", "empty or blank"],
    ),
    (
        "blank name",
        lambda raw: _edit(raw, lambda d: _science(d)[4].update(name=" \u3000 ")),
        ["departments[2]（科技）.nodes[4].name", "empty or blank"],
    ),
    (
        "correction missing",
        lambda raw: _edit(raw, lambda d: _science(d)[4].update(source_code="A07O102")),
        ["部门“科技”第 5 个节点 A070102", "没有更正理由"],
    ),
    (
        "source value equal to corrected value",
        lambda raw: _edit(
            raw, lambda d: _science(d)[4].update(source_name="科技研发数据服务", correction="x")
        ),
        ["source_name 与 name 相同"],
    ),
]


@pytest.mark.parametrize(
    ("make", "expected"), [(m, e) for _, m, e in BAD_FILES], ids=[c for c, _, _ in BAD_FILES]
)
def test_bad_file_raises_data_error(
    tmp_path: Path,
    raw: dict[str, Any],
    make: Callable[[dict[str, Any]], Any],
    expected: list[str],
) -> None:
    path = _write(tmp_path, make(raw))
    with pytest.raises(DataError) as info:
        catalogue.load(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    for part in expected:
        assert part in message
    assert isinstance(info.value, ValueError) and isinstance(info.value, CatalogueError)
    assert info.value.path == str(path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="无法读取目录文件"):
        catalogue.load(tmp_path / "missing.json")
    with pytest.raises(DataError, match="无法读取目录文件"):
        catalogue.load(tmp_path)  # a directory


# -- get and lookup -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "code", ["A150101", "Ａ１５０１０１", " a15 01 01 ", "a150101", "A15-01-01"]
)
def test_lookup_normalises_codes(cat: catalogue.Catalogue, code: str) -> None:
    entry = cat.lookup(code, "粮食和物资储备")
    assert entry.key == ("粮食和物资储备", "A150101")
    assert entry.name == "粮食信息服务"
    assert cat.get(code, "粮食局") is entry


def test_lookup_unique_code_without_department(cat: catalogue.Catalogue) -> None:
    entry = cat.lookup("A140102")
    assert entry.key == ("自然资源", "A140102")
    assert cat.get("a140102") is entry


def test_entry_fields(cat: catalogue.Catalogue) -> None:
    entry = cat.lookup("A160601", "住建局")
    assert entry.to_dict() == {
        "department": "住房和城乡建设",
        "code": "A160601",
        "level": 4,
        "name": "住建行业标准制修订辅助服务",
        "parent": "A1606",
        "path": ["公共服务", "行业管理服务", "行业标准制修订服务", "住建行业标准制修订辅助服务"],
        "note": None,
        "restrictions": [],
        "is_leaf": True,
        "source_code": "160601",
        "source_name": None,
        "correction": entry.correction,
        "remark": None,
        "source_line": 1727,
    }
    assert entry.correction and "A1606" in entry.correction


def test_ambiguous_code(cat: catalogue.Catalogue) -> None:
    with pytest.raises(AmbiguousCode) as info:
        cat.lookup("A180601")
    assert info.value.departments == ("发展和改革委员会", "自然资源")
    assert "发展和改革委员会、自然资源" in str(info.value)
    assert isinstance(info.value, LookupError)
    with pytest.raises(AmbiguousCode):
        cat.get("A180601")  # get does not hide ambiguity
    assert cat.departments_with("A180601") == ["发展和改革委员会", "自然资源"]
    # the same code is a different service in different departments
    assert cat.lookup("A150201", "发改委").name == "发展和改革委员会公益宣传服务"
    assert cat.lookup("A150201", "自然资源").name == "地质灾害防治宣传服务"


def test_unknown_code(cat: catalogue.Catalogue) -> None:
    with pytest.raises(UnknownCode) as info:
        cat.lookup("A999999")
    assert isinstance(info.value, LookupError)
    assert str(info.value) == "代码 A999999 不在第二批目录的任何部门中"
    with pytest.raises(UnknownCode) as info:
        cat.lookup("A150101", "教育")
    assert info.value.department == "教育"
    assert str(info.value) == (
        "代码 A150101 不在部门“教育”的目录中；该代码见于：发展和改革委员会、粮食和物资储备"
    )
    assert cat.get("A999999") is None
    assert cat.get("A150101", "教育") is None


@pytest.mark.parametrize("code", ["", "   ", "€", "x" * 10000, "B01", "A1", "A1501011", "160601"])
def test_invalid_code(cat: catalogue.Catalogue, code: str) -> None:
    with pytest.raises(InvalidCode) as info:
        cat.lookup(code)
    assert isinstance(info.value, ValueError) and isinstance(info.value, CatalogueError)
    assert "不是目录代码" in str(info.value)
    assert len(str(info.value)) < 100  # a 10,000-character input is not echoed in full
    assert cat.get(code) is None
    assert cat.get(code, "教育") is None


@pytest.mark.parametrize("code", [None, 150101, b"A150101", ["A150101"]])
def test_non_string_code_raises(cat: catalogue.Catalogue, code: Any) -> None:
    with pytest.raises(InvalidCode, match="目录代码应为字符串"):
        cat.lookup(code)
    with pytest.raises(InvalidCode):
        cat.get(code)


def test_unknown_department_through_get(cat: catalogue.Catalogue) -> None:
    with pytest.raises(UnknownDepartment):
        cat.get("A150101", "财政局")


# -- departments --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("孝义市生态环境局", "生态环境"),
        ("山西省生态环境厅", "生态环境"),
        ("吕梁市发展和改革委员会", "发展和改革委员会"),
        ("发改委", "发展和改革委员会"),
        ("发改局", "发展和改革委员会"),
        ("住建局", "住房和城乡建设"),
        ("住房和城乡建设局", "住房和城乡建设"),
        ("工信局", "工业和信息化"),
        ("科技局", "科技"),
        ("教育局", "教育"),
        ("自然资源局", "自然资源"),
        ("规划和自然资源局", "自然资源"),
        ("农业农村局", "农业农村"),
        ("文化和旅游局", "文化和旅游"),
        ("文旅局", "文化和旅游"),
        ("退役军人事务局", "退役军人"),
        ("应急管理局", "应急"),
        ("市场监督管理局", "市场监督管理"),
        ("市场监管局", "市场监督管理"),
        ("统计局", "统计"),
        ("能源局", "能源"),
        ("粮食和物资储备局", "粮食和物资储备"),
        ("粮食局", "粮食和物资储备"),
        ("环保局", "生态环境"),
        ("国土资源局", "自然资源"),
        ("安监局", "应急"),
        ("孝义市环保局", "生态环境"),
        ("孝义市应急管理局（本级）", "应急"),
        ("  孝义市 市场监管局 ", "市场监督管理"),
        ("教育", "教育"),
    ],
)
def test_department_aliases(cat: catalogue.Catalogue, name: str, canonical: str) -> None:
    assert cat.resolve_department(name) == canonical
    assert cat.get_department(name) == canonical
    assert cat.department(name).name == canonical


def test_canonical_names_resolve_to_themselves(cat: catalogue.Catalogue) -> None:
    for name in cat.departments:
        assert cat.resolve_department(name) == name
        assert cat.resolve_department(name + "局") == name


def test_unknown_department_lists_nearest_and_known(cat: catalogue.Catalogue) -> None:
    with pytest.raises(UnknownDepartment) as info:
        cat.resolve_department("市场局")
    exc = info.value
    assert isinstance(exc, LookupError) and isinstance(exc, CatalogueError)
    assert exc.nearest[0] == "市场监督管理"
    assert exc.known == tuple(cat.departments)
    assert "最接近的是：市场监督管理" in str(exc)
    assert "第二批目录的 15 个部门：发展和改革委员会、教育、科技" in str(exc)


@pytest.mark.parametrize(
    ("name", "first"),
    [("生态局", "生态环境"), ("退伍军人事务局", "退役军人"), ("市场局", "市场监督管理")],
)
def test_nearest_departments(cat: catalogue.Catalogue, name: str, first: str) -> None:
    assert cat.get_department(name) is None
    assert cat.nearest_departments(name)[0] == first


@pytest.mark.parametrize("name", ["财政局", "水利局", "孝义市公安局办公室"])
def test_nearest_is_not_padded_with_unrelated_departments(
    cat: catalogue.Catalogue, name: str
) -> None:
    # a shared agency suffix (局) alone does not make a department "near"
    nearest = cat.nearest_departments(name)
    assert "发展和改革委员会" not in nearest and "教育" not in nearest


@pytest.mark.parametrize("name", ["", "   ", "€", "x" * 10000, None, 3])
def test_junk_department(cat: catalogue.Catalogue, name: Any) -> None:
    with pytest.raises(UnknownDepartment) as info:
        cat.resolve_department(name)
    assert len(str(info.value)) < 300
    assert cat.get_department(name) is None
    with pytest.raises(UnknownDepartment):
        cat.department(name)
    if name is not None:  # department=None means "any department"
        with pytest.raises(UnknownDepartment):
            cat.entries(department=name)
        with pytest.raises(UnknownDepartment):
            cat.lookup("A150101", name)


# -- the tree -----------------------------------------------------------------------------------
def test_hierarchy_returns_entries(cat: catalogue.Catalogue) -> None:
    leaf = cat.lookup("A180601", "发改委")
    assert isinstance(leaf.parent, Entry) and leaf.parent.code == "A1806"
    assert [e.code for e in leaf.ancestors] == ["A1806", "A18", "A"]
    assert all(isinstance(e, Entry) and e.department == "发展和改革委员会" for e in leaf.ancestors)
    assert leaf.path == ("公共服务", "其他公共服务", "政务服务窗口受理服务", leaf.name)
    assert leaf.is_leaf and leaf.children == [] and leaf.descendants == []
    assert leaf.restrictions == ["仅限集中受理事项"]
    root = cat.lookup("A", "教育")
    assert root.parent is None and root.ancestors == []
    assert [(e.code, e.name) for e in root.descendants] == [
        ("A18", "其他公共服务"),
        ("A1801", "对外合作与交流服务"),
        ("A180101", "留学生交流服务"),
        ("A1803", "档案服务"),
        ("A180301", "大学生档案管理服务"),
    ]
    assert all(isinstance(e, Entry) for e in root.descendants)
    assert not root.is_leaf


def test_hierarchy_by_code(cat: catalogue.Catalogue) -> None:
    parent = cat.parent("A070102", "粮食局")
    assert isinstance(parent, Entry) and parent.key == ("粮食和物资储备", "A0701")
    assert [e.code for e in cat.children("A0701", "粮食局")] == ["A070101", "A070102", "A070103"]
    assert all(isinstance(e, Entry) for e in cat.children("A0701", "粮食局"))
    assert [e.code for e in cat.ancestors("A070102", "粮食局")] == ["A0701", "A07", "A"]
    assert [e.code for e in cat.descendants("A07", "科技")] == ["A0701", "A070101", "A070102"]
    assert cat.is_leaf("A070102", "科技") is True
    assert cat.is_leaf("A07", "科技") is False
    assert cat.parent("A", "科技") is None
    with pytest.raises(AmbiguousCode):
        cat.children("A0701")
    with pytest.raises(UnknownCode):
        cat.parent("A999999", "科技")


def test_entries_filters_and_order(cat: catalogue.Catalogue) -> None:
    science = cat.entries(department="科技局")
    assert [e.code for e in science] == ["A", "A07", "A0701", "A070101", "A070102"]
    assert science == cat.department("科技").entries()
    assert [e.department for e in cat.entries(level=1)] == cat.departments
    assert len(cat.entries(level=2)) + len(cat.entries(level=3)) == 458 - 247 - 15
    assert sorted(cat.entries()) == cat.entries()
    for level in (0, 5, True, "4"):
        with pytest.raises(ValueError):
            cat.entries(level=level)  # type: ignore[arg-type]


def test_entry_identity(cat: catalogue.Catalogue) -> None:
    a = cat.lookup("A1501", "发改委")
    b = cat.lookup("A1501", "粮食局")
    assert a != b and a.code == b.code
    assert a == cat.lookup("a1501", "发展和改革委员会")
    assert len({a, b, cat.lookup("A1501", "发改局")}) == 2


# -- the Code type ------------------------------------------------------------------------------
def test_code_pydantic_type() -> None:
    adapter = TypeAdapter(catalogue.Code)
    assert adapter.validate_python("ａ１５ ０１") == "A1501"
    with pytest.raises(ValidationError):
        adapter.validate_python("B01")
    assert catalogue.normalise_code(" ａ１５０１０１ ") == "A150101"


# -- doctests -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "module",
    [
        catalogue,
        catalogue.codes,
        catalogue.tree,
        catalogue.resources,
        catalogue.agencies,
        catalogue.exceptions,
        catalogue.patterns,
        catalogue.build,
        catalogue.records,
        catalogue.results,
        catalogue.homophones,
        catalogue.text,
    ],
    ids=lambda m: m.__name__,
)
def test_doctests(module: Any) -> None:
    result = source_doctests.testmod(module)
    assert result.failed == 0
    assert result.attempted > 0


def test_build_says_which_modules_are_extension_modules() -> None:
    """``catalogue.build.compiled`` names exactly the modules imported from an extension module
    (found without importing them: the same answer as importing them)."""
    import importlib
    import importlib.machinery

    found = catalogue.build.compiled()
    for name in catalogue.build.COMPILABLE:
        module = importlib.import_module(f"catalogue.{name}")
        extension = str(module.__file__).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
        assert (name in found) == extension, name
    if not found:
        assert catalogue.build.describe() == "纯 Python"
    elif len(found) == len(catalogue.build.COMPILABLE):
        assert catalogue.build.describe() == "mypyc 编译"
    else:
        assert catalogue.build.describe() == f"部分编译（{'、'.join(found)}）"


def test_python_api_doc_examples() -> None:
    doc = Path(__file__).resolve().parent.parent / "docs" / "python-api.md"
    result = doctest.testfile(
        str(doc), module_relative=False, optionflags=doctest.ELLIPSIS, encoding="utf-8"
    )
    assert result.failed == 0
    assert result.attempted > 30
