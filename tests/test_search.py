"""catalogue.search and ``catalogue search``: what is found, in which order; the pinyin table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pydantic import ValidationError

import catalogue
import catalogue.chars
from catalogue.chars import HAN
from catalogue.cli import cli
from catalogue.exceptions import DataError, InvalidText, UnknownDepartment
from catalogue.search import (
    MAX_QUERY_LENGTH,
    TABLE_FILE,
    Hit,
    PinyinInitialsFile,
    SearchIndex,
    build_table,
    initials_table,
    search,
    table_text,
)

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "data" / TABLE_FILE


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load()


def found(hits: list[Hit]) -> list[tuple[str, str, str]]:
    return [(h.entry.department, h.entry.code, h.match) for h in hits]


# -- the library --------------------------------------------------------------------------------
def test_initials(cat: catalogue.Catalogue) -> None:
    hits = search(cat, "dzzh")
    assert [h.entry.name for h in hits] == [
        "地质灾害隐患综合识别服务",
        "地质灾害汛前排查、汛中巡查、汛后检查服务",
        "地质灾害群测群防服务",
        "地质灾害气象风险预警服务",
        "地质灾害普适性、专业性监测预警服务",
        "地质灾害防治技术支撑体系服务",
        "地质灾害装备储备、供应服务",
        "地质灾害灾情调查评估服务",
        "地质灾害防治宣传服务",
    ]
    assert {h.match for h in hits} == {"initials"}
    assert {h.entry.department for h in hits} == {"自然资源"}


def test_ranking_exact_prefix_substring_initials_then_catalogue_order(
    cat: catalogue.Catalogue,
) -> None:
    hits = search(cat, "统计专项调查服务")
    assert found(hits) == [("统计", "A160203", "exact")]
    hits = search(cat, "统计")
    kinds = [h.match for h in hits]
    assert kinds == sorted(kinds, key=["exact", "prefix", "substring", "initials"].index)
    assert kinds[0] == "prefix" and "substring" in kinds
    order = {e.key: n for n, e in enumerate(cat)}
    for kind in set(kinds):
        same = [order[h.entry.key] for h in hits if h.match == kind]
        assert same == sorted(same)
    # a term of letters that is also text of no name is read as initials only
    assert {h.match for h in search(cat, "tj")} == {"initials"}


def test_every_entry_is_found_by_its_name_and_its_initials(cat: catalogue.Catalogue) -> None:
    index = SearchIndex(cat)
    table = initials_table()
    for entry in cat.entries(level=4):
        first = index.search(entry.name, department=entry.department)[0]
        assert (first.entry, first.match) == (entry, "exact")
        key = "".join(c for c in catalogue.chars.nfkc(entry.name) if c.isalnum())
        letters = "".join(table[c][0] if HAN.fullmatch(c) else c for c in key)
        hits = index.search(letters, department=entry.department)
        assert entry in [h.entry for h in hits], (entry, letters)


def test_normal_form_and_several_terms(cat: catalogue.Catalogue) -> None:
    # full width, no punctuation, upper case
    assert found(search(cat, "ＤＺＺＨ")) == found(search(cat, "dzzh"))
    assert found(search(cat, "地质灾害普适性专业性监测预警服务")) == [
        ("自然资源", "A140102", "exact")
    ]
    # every term must be in the name; the worst match ranks the entry
    assert found(search(cat, "环境 监测")) == [("生态环境", "A170303", "substring")]
    assert found(search(cat, "环境，空气")) == found(search(cat, "环境 空气"))
    assert found(search(cat, "环境空气 jc")) == [("生态环境", "A170303", "initials")]
    assert search(cat, "环境 dzzh") == []


def test_department_levels_and_limit(cat: catalogue.Catalogue) -> None:
    everywhere = search(cat, "宣传服务")
    assert len({h.entry.department for h in everywhere}) > 5
    one = search(cat, "宣传服务", department="孝义市规划和自然资源局")
    assert [(h.entry.code, h.entry.name) for h in one] == [
        ("A150201", "地质灾害防治宣传服务"),
        ("A150202", "不动产登记公共公益宣传服务"),
    ]
    assert all(h.entry.level == 4 for h in everywhere)
    levels = {h.entry.level for h in search(cat, "服务", all_levels=True)}
    assert levels == {1, 2, 3, 4}
    assert search(cat, "公共服务", all_levels=True)[0].entry.level == 1
    assert search(cat, "服务", limit=3) == search(cat, "服务")[:3]


def test_to_dict(cat: catalogue.Catalogue) -> None:
    hit = search(cat, "统计专项调查服务")[0]
    assert hit.to_dict() == {**hit.entry.to_dict(), "match": "exact"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "搜索词为空"),
        ("   ", "搜索词为空"),
        ("€", "搜索词中没有文字：“€”"),
        ("、、", "搜索词中没有文字：“、、”"),
        ("地" * (MAX_QUERY_LENGTH + 1), f"搜索词过长：{MAX_QUERY_LENGTH + 1} 个字符"),
        (None, "搜索词应为字符串，得到 NoneType"),
    ],
)
def test_bad_queries(cat: catalogue.Catalogue, query: object, message: str) -> None:
    with pytest.raises(InvalidText) as caught:
        search(cat, query)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_unknown_department(cat: catalogue.Catalogue) -> None:
    with pytest.raises(UnknownDepartment):
        search(cat, "服务", department="财政局")


# -- the pinyin table ---------------------------------------------------------------------------
def test_table_is_valid_and_covers_the_catalogue(cat: catalogue.Catalogue) -> None:
    data = PinyinInitialsFile.model_validate_json(TABLE.read_bytes())
    assert list(data.initials) == sorted(data.initials)
    table = initials_table()
    names = "".join(e.name for e in cat)
    missing = sorted({c for c in HAN.findall(names) if c not in table})
    assert missing == []
    assert table["地"] == "d" and set(table["行"]) >= {"h", "x"}
    assert TABLE.read_text(encoding="utf-8") == table_text(data)  # the layout of the file


def test_schema_command_knows_the_table() -> None:
    from catalogue.cli.browse import DATA_FILES, schema_text

    assert TABLE_FILE in DATA_FILES
    assert json.loads(schema_text(TABLE_FILE)) == PinyinInitialsFile.model_json_schema()


def test_shipped_schema_is_the_models() -> None:
    shipped = (REPO / "data" / "pinyin_initials.schema.json").read_text(encoding="utf-8")
    expected = json.dumps(PinyinInitialsFile.model_json_schema(), ensure_ascii=False, indent=2)
    hint = "regenerate: catalogue schema --file {0} > data/{0}".format(
        "pinyin_initials.json > data/pinyin_initials.schema.json"
    )
    assert shipped == expected + "\n", hint


def test_table_is_what_pypinyin_generates() -> None:
    pytest.importorskip("pypinyin", reason="checking the table needs pypinyin (the dev extra)")
    assert TABLE.read_text(encoding="utf-8") == table_text(build_table()), (
        "regenerate: python -m catalogue.search"
    )


@pytest.mark.parametrize(
    ("initials", "error"),
    [
        ({"A": "地"}, "not a lower-case letter"),
        ({"d": "地x"}, "not Chinese characters"),
        ({"d": "地地"}, "listed twice"),
        ({"z": "质", "d": "地"}, "alphabetical order"),
    ],
)
def test_table_model_refuses(initials: dict[str, str], error: str) -> None:
    with pytest.raises(ValidationError, match=error):
        PinyinInitialsFile(source="", characters="", initials=initials)


def test_a_broken_table_is_a_data_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from catalogue import search as module

    bad = tmp_path / TABLE_FILE
    bad.write_text('{"source": "", "characters": "", "initials": {"d": "x"}}', encoding="utf-8")
    monkeypatch.setattr(module, "data_path", lambda name: bad)
    module.initials_table.cache_clear()
    try:
        with pytest.raises(DataError, match="不符合拼音首字母表格式：initials"):
            module.initials_table()
    finally:
        module.initials_table.cache_clear()


# -- the command --------------------------------------------------------------------------------
def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["search", *args], terminal_width=78)


DZZH = """\
序号  部门      代码     名称                                      匹配
----  --------  -------  ----------------------------------------  ----------
1     自然资源  A010101  地质灾害隐患综合识别服务                  拼音首字母
2     自然资源  A010102  地质灾害汛前排查、汛中巡查、汛后检查服务  拼音首字母
3     自然资源  A010201  地质灾害群测群防服务                      拼音首字母
4     自然资源  A140101  地质灾害气象风险预警服务                  拼音首字母
5     自然资源  A140102  地质灾害普适性、专业性监测预警服务        拼音首字母
6     自然资源  A140201  地质灾害防治技术支撑体系服务              拼音首字母
7     自然资源  A140301  地质灾害装备储备、供应服务                拼音首字母
8     自然资源  A140601  地质灾害灾情调查评估服务                  拼音首字母
9     自然资源  A150201  地质灾害防治宣传服务                      拼音首字母
共 9 条。
"""

ALL_LEVELS = """\
序号  部门      代码     级次  名称                                      匹配
----  --------  -------  ----  ----------------------------------------  --------
1     自然资源  A010101  4     地质灾害隐患综合识别服务                  名称开头
2     自然资源  A010102  4     地质灾害汛前排查、汛中巡查、汛后检查服务  名称开头
共 9 条，列出前 2 条（--limit 可调整）。
"""


def test_command_table() -> None:
    result = run("dzzh")
    assert (result.exit_code, result.stdout, result.stderr) == (0, DZZH, "")
    result = run("地质灾害", "-d", "国土资源局", "--all-levels", "-n", "2")
    assert (result.exit_code, result.stdout, result.stderr) == (0, ALL_LEVELS, "")


def test_command_json_is_the_librarys(cat: catalogue.Catalogue) -> None:
    expected = [h.to_dict() for h in search(cat, "监测 服务", department="生态环境局")]
    result = run("监测", "服务", "-d", "生态环境局", "--format", "json", "-n", "500")
    assert result.exit_code == 0 and json.loads(result.stdout) == expected
    result = run("监测", "服务", "-d", "生态环境局", "--format", "jsonl", "-n", "3")
    assert [json.loads(line) for line in result.stdout.splitlines()] == expected[:3]


def test_command_nothing_found() -> None:
    result = run("xyzq")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "错误：没有名称与“xyzq”相符的四级目录条目\n"
    result = run("xyzq", "--format", "json")
    assert (result.exit_code, result.stdout) == (1, "[]\n")


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["  "], "错误：搜索词为空"),
        (["€"], "错误：搜索词中没有文字：“€”"),
        (["服务", "-d", "财政局"], "错误：“财政局”不是第二批目录的部门"),
        ([], "错误：缺少参数 关键词。"),
        (["x", "-n", "0"], "错误：--limit 的取值“0”无效，应为整数，取值 1–500。"),
    ],
)
def test_command_bad_input(args: list[str], first_line: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(first_line)
    assert "Traceback" not in result.stderr
