"""catalogue.homophones: homophone slips read otherwise, and how a verdict says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import catalogue
from catalogue import resources
from catalogue.exceptions import DataError
from catalogue.homophones import (
    TABLE_FILE,
    Corrector,
    real_words,
    syllables_table,
    table_text,
)
from catalogue.reading import lexicon
from catalogue.schemas import PinyinSyllablesFile

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "data" / TABLE_FILE


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load()


# -- the table ----------------------------------------------------------------------------------
def test_table_is_valid_and_covers_the_lexicon() -> None:
    data = resources.parse(TABLE_FILE, TABLE.read_bytes(), trust=False)
    assert isinstance(data, PinyinSyllablesFile)
    table = syllables_table()
    words = "".join(lexicon().table.words)
    missing = sorted({c for c in words if "\u4e00" <= c <= "\u9fff" and c not in table})
    assert missing == []
    assert table["测"] == ("ce",) and set(table["行"]) >= {"hang", "xing"}
    assert TABLE.read_text(encoding="utf-8") == table_text(data)  # the layout of the file


def test_real_words_are_never_words_of_the_lexicon() -> None:
    assert {"督察", "主场", "报到"} <= real_words()
    assert not real_words() & set(lexicon().table.words)


def test_table_is_what_pypinyin_and_jieba_generate() -> None:
    pytest.importorskip("pypinyin", reason="checking the table needs pypinyin (the dev extra)")
    pytest.importorskip("jieba", reason="checking the table needs jieba (the dev extra)")
    # in a process of its own: jieba's dictionary (349,046 words) is read to make the table, and
    # the memory it took would stay with this one
    code = "from catalogue.homophones import *; print(table_text(build_table()), end='')"
    made = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, check=True, encoding="utf-8"
    ).stdout
    assert TABLE.read_text(encoding="utf-8") == made, "regenerate: python -m catalogue.homophones"


@pytest.mark.parametrize(
    ("syllables", "words", "error"),
    [
        ({"Ce": "测"}, [], "lower-case letters"),
        ({"ce": "测x"}, [], "not Chinese characters"),
        ({"ce": "测测"}, [], "listed twice"),
        ({"ce": "测", "an": "案"}, [], "alphabetical order"),
        ({"ce": "测"}, ["督察", "主场"], "sorted"),
        ({"ce": "测"}, ["测"], "two Chinese characters"),
    ],
)
def test_a_damaged_table_is_refused_with_the_reason(
    tmp_path: Path, syllables: dict[str, str], words: list[str], error: str
) -> None:
    path = tmp_path / TABLE_FILE
    data = {"source": "", "characters": "", "syllables": syllables, "words": words}
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(DataError, match=error):
        resources.read(TABLE_FILE, path)


# -- reading slips ------------------------------------------------------------------------------
WORDS = {"监测": "service", "检测": "service", "档案": "object", "数据服务": "service"}


@pytest.mark.parametrize(
    ("text", "runs", "bounds", "read", "slips"),
    [
        ("水质监侧", [(2, 4)], (), "水质监测", (("监侧", "监测"),)),
        ("大学生档按", [(3, 5)], (), "大学生档案", (("档按", "档案"),)),
        # a word made beyond the run ends where a word of the text ends
        ("科技数居服务", [(2, 4)], (0, 2, 4, 6), "科技数据服务", (("数居服务", "数据服务"),)),
        ("科技数居服务", [(2, 4)], (0, 2, 4), "科技数居服务", ()),  # 服务 does not end there
        # the slip explains the whole run: four unknown characters are no slip of one word
        ("案件监侧处理", [(0, 4)], (), "案件监侧处理", ()),
        # a real word is written as meant (督察 is no slip of 督查, which is not a word here)
        ("督察", [(0, 2)], (), "督察", ()),
        ("水质监侧", [], (), "水质监侧", ()),  # no unknown run, nothing read again
        ("ab监侧", [(0, 2)], (), "ab监侧", ()),  # letters have no homophones
    ],
)
def test_a_run_is_read_as_one_slip_or_as_written(
    text: str,
    runs: list[tuple[int, int]],
    bounds: tuple[int, ...],
    read: str,
    slips: tuple[tuple[str, str], ...],
) -> None:
    assert Corrector(WORDS).correct(text, runs, bounds) == (read, slips)


@pytest.mark.parametrize(
    ("text", "tail", "read", "slips"),
    [
        # the end of the last word, where the service would be: read as a slip of a service
        ("避险转移监侧", (0, 6), "避险转移监测", (("监侧", "监测"),)),
        ("避险转移监侧", None, "避险转移监侧", ()),  # only the run named as the tail
        # an object word is not read at the end of a run: only a service is
        ("避险转移档按", (0, 6), "避险转移档按", ()),
    ],
)
def test_the_end_of_a_lines_last_word_may_be_a_slip_of_a_service(
    text: str,
    tail: tuple[int, int] | None,
    read: str,
    slips: tuple[tuple[str, str], ...],
) -> None:
    assert Corrector(WORDS).correct(text, [(0, len(text))], (), tail) == (read, slips)


def test_only_words_of_what_is_bought_are_made() -> None:
    # framing words and qualifiers are not what a slip is read as
    assert Corrector({"活动": "modifier", "公共": "qualifier"}).correct("活冻", [(0, 2)]) == (
        "活冻",
        (),
    )


# -- the verdict --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "buyer", "written", "meant", "code"),
    [
        ("水质监侧", None, "监侧", "监测", "A170304"),
        ("土壤污染监侧", "孝义市生态环境局", "监侧", "监测", "A170308"),
        ("大学生档按", "教育局", "档按", "档案", "A180301"),
        ("计量检订", "市场监督管理局", "检订", "检定", "A170204"),
        # a query that names a service (统计) and ends in a slip, where its main service is
        ("统计规化", None, "规化", "规划", "A160101"),
        # the end of a line's last word, where its service would be, after a name (避险转移)
        ("防汛避险转移演炼", "孝义市应急管理局", "演炼", "演练", "A010401"),
        ("智能制造企业人才陪训", "孝义市工业和信息化局", "陪训", "培训", "A030202"),
    ],
)
def test_a_slip_is_read_otherwise_said_and_sent_to_a_person(
    cat: catalogue.Catalogue,
    text: str,
    buyer: str | None,
    written: str,
    meant: str,
    code: str,
) -> None:
    verdict = cat.check(text, buyer)
    assert verdict.verdict == "review"  # never in_scope on a reading the text does not have
    assert verdict.candidates[0].code == code
    (typo,) = [r for r in verdict.reasons if r.category == "typo"]
    assert f"“{written}”按同音字读作“{meant}”" in typo.message
    assert any(r.category == "ambiguous" and "同音字" in r.message for r in verdict.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "城市供水水质督察抽检服务",  # a line that names a service is read as written
        "“六五”环境日主场活动策划执行",  # 主场 is a word, not a slip of 驻场
        "环境违法案件查处",  # 案件查处 holds no slip of 检查
        # a line longer than a query that names a service: its last unknown word is a term
        "高校毕业生档案接收整理及数字化扫描约卷",
    ],
)
def test_words_the_lexicon_lacks_are_not_slips(cat: catalogue.Catalogue, text: str) -> None:
    verdict = cat.check(text)
    assert not any(r.category == "typo" for r in verdict.reasons)


def test_the_slip_reading_is_deterministic(cat: catalogue.Catalogue) -> None:
    first = cat.check("应急演炼").model_dump()
    assert [cat.check("应急演炼").model_dump() for _ in range(3)] == [first] * 3


def test_lookup_shows_what_was_read_otherwise() -> None:
    from click.testing import CliRunner

    from catalogue.cli import cli

    result = CliRunner().invoke(cli, ["lookup", "水质监侧", "-n", "1"])
    assert result.exit_code == 0
    assert result.output == (
        "文本：水质监侧\n"
        "购买主体：（未指定：与 15 个部门的目录逐一比较）\n"
        "判定：需人工复核（review）\n"
        "条目：生态环境 A170304 水质委托监测服务\n"
        "路径：公共服务 > 技术性公共服务 > 监测服务 > 水质委托监测服务\n"
        "理由：\n"
        "  - 按同音字改读：文本中“监侧”按同音字读作“监测”（疑为输入时选错了同音字）\n"
        "    依据：原文的“监侧”不是词表中的词语；改读的词语拼音相同（不计声调）\n"
        "  - 属于目录条目：属于“生态环境”目录 A170304“水质委托监测服务”（公共服务 > 技术性公共服务"
        " > 监测服务 > 水质委托监测服务）：服务“监测”相同；对象“水质”与条目相符\n"
        "    依据：生态环境 A170304 水质委托监测服务\n"
        "  - 不确定，需人工确认：文本按同音字改读后才与条目相符，须人工确认原文的写法\n"
        "    依据：原文的“监侧”不是词表中的词语；改读的词语拼音相同（不计声调）\n"
        "候选条目（按得分从高到低）：\n"
        "  1. 生态环境 A170304 水质委托监测服务  得分 100.0\n"
        "     路径：公共服务 > 技术性公共服务 > 监测服务 > 水质委托监测服务\n"
        "     服务“监测”相同；对象“水质”与条目相符\n"
    )
