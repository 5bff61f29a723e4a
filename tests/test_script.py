"""Traditional characters are read as simplified ones (catalogue.script)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import catalogue
from catalogue import resources
from catalogue.schemas import TraditionalFile
from catalogue.script import TABLE_FILE, build_table, table_text, to_simplified
from catalogue.search import search

REPO = Path(__file__).resolve().parent.parent


def test_traditional_characters_are_read_as_simplified_ones() -> None:
    assert to_simplified("環境監測服務") == "环境监测服务"
    assert to_simplified("國土空間總體規劃編制") == "国土空间总体规划编制"
    # one character for one: positions in a line stay where they were
    line = "電梯、鍋爐等特種設備檢驗檢測（2025年）"
    assert len(to_simplified(line)) == len(line)
    # simplified text, Latin letters and digits are left as they are
    assert to_simplified("水质监测PM2.5") == "水质监测PM2.5"
    assert to_simplified("") == ""


def test_characters_of_the_simplified_set_are_kept() -> None:
    # 乾 is a traditional form of 干, but also a simplified character of its own (乾县, 乾隆)
    assert to_simplified("乾县文体中心信息化建设项目") == "乾县文体中心信息化建设项目"
    table = resources.traditional().simplified
    for char in table:
        with pytest.raises(UnicodeEncodeError):
            char.encode("gb2312")


def test_the_table_is_valid_and_what_opencc_gives() -> None:
    table = resources.traditional()
    assert isinstance(table, TraditionalFile)
    assert len(table.simplified) > 2500
    raw = json.loads((REPO / "data" / TABLE_FILE).read_text(encoding="utf-8"))
    TraditionalFile.model_validate(raw)  # the shipped file passes its own checks
    pytest.importorskip("opencc", reason="checking the table needs opencc (the dev extra)")
    assert (REPO / "data" / TABLE_FILE).read_text(encoding="utf-8") == table_text(build_table())


@pytest.mark.parametrize(
    "bad, why",
    [
        ({"環": "环境"}, "not one Chinese character"),
        ({"a": "环"}, "not one Chinese character"),
        ({"環": "環"}, "also a simplified character"),
        ({"環": "环", "环": "x"}, "not one Chinese character"),
        ({"環": "环", "還": "環"}, "also a simplified character"),
        ({"監": "监", "環": "环"}, "code point order"),
    ],
)
def test_a_bad_table_is_refused(bad: dict[str, str], why: str) -> None:
    with pytest.raises(ValueError, match=why):
        TraditionalFile.model_validate({"source": "s", "characters": "c", "simplified": bad})


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load()


@pytest.mark.parametrize(
    "traditional, simplified, buyer",
    [
        ("非物質文化遺產保護傳承傳播服務", "非物质文化遗产保护传承传播服务", None),
        ("電梯、鍋爐等特種設備檢驗檢測", "电梯、锅炉等特种设备检验检测", "市場監管局"),
        ("國土空間總體規劃編制服務", "国土空间总体规划编制服务", None),
        ("辦公設備購置", "办公设备购置", "環保局"),
    ],
)
def test_a_line_in_traditional_script_gets_the_verdict_of_its_simplified_form(
    cat: catalogue.Catalogue, traditional: str, simplified: str, buyer: str | None
) -> None:
    simple_buyer = None if buyer is None else to_simplified(buyer)
    got = cat.check(traditional, buyer)
    want = cat.check(simplified, simple_buyer)
    assert got.text == traditional  # the verdict shows the line as written
    assert (got.verdict, got.department) == (want.verdict, want.department)
    assert [c.code for c in got.candidates] == [c.code for c in want.candidates]
    assert [r.category for r in got.reasons] == [r.category for r in want.reasons]
    assert [c.code for c in cat.match(traditional, buyer)] == [
        c.code for c in cat.match(simplified, simple_buyer)
    ]


def test_a_buyer_in_traditional_script_is_read(cat: catalogue.Catalogue) -> None:
    assert cat.resolve_department("發改委") == "发展和改革委员会"
    assert cat.read_buyer("孝義市文化廣電旅遊局").departments == ("文化和旅游",)
    assert cat.check("水質監測", "環保局").verdict == "in_scope"


def test_search_reads_a_traditional_query(cat: catalogue.Catalogue) -> None:
    assert [h.entry.code for h in search(cat, "統計信息")] == [
        h.entry.code for h in search(cat, "统计信息")
    ]
    assert search(cat, "統計信息")
