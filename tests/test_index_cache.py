"""The matcher's prepared index on disk: read back, it matches as the tables made afresh do;
a damaged, missing or unwritable cache only means the tables are made."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import catalogue
import catalogue.reading
from catalogue import index_cache
from catalogue.matching import Matcher

LINES = [
    ("孝义市2024年度环境空气质量监测服务采购项目", "孝义市生态环境局"),
    ("地灾隐患点排查", None),
    ("档案馆维修改造工程及监测服务", "发改委"),
    ("统计专项调查", "孝义市统计局"),
    ("全国低碳日宣传活动", None),
    ("电梯定期检验", "市场监管局"),
]


def verdicts(matcher: Matcher) -> list[str]:
    from catalogue.verdict import Checker

    cat = catalogue.load()
    checker = Checker(cat, matcher)
    out = [checker.check(t, d).model_dump_json() for t, d in LINES]
    out += [repr(c.model_dump()) for t, _ in LINES for c in matcher.match(t, limit=10)]
    return out


def test_an_index_read_back_matches_as_one_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(index_cache.ENV, str(tmp_path))
    cat = catalogue.load()
    made = Matcher(cat)
    assert (tmp_path / f"{made._index_key(cat)}.index").is_file()
    stored = index_cache.load(made._index_key(cat))  # type: ignore[arg-type]
    assert stored is not None
    read = Matcher(cat)
    assert read._restore(stored)
    assert verdicts(read) == verdicts(made)
    monkeypatch.setenv(index_cache.ENV, "")  # no cache: made afresh
    assert verdicts(Matcher(cat)) == verdicts(made)


def test_a_damaged_index_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(index_cache.ENV, str(tmp_path))
    cat = catalogue.load()
    made = Matcher(cat)
    expected = verdicts(made)
    index = tmp_path / f"{made._index_key(cat)}.index"
    for damage in (b"", b"\x00not marshal", index.read_bytes()[:1000]):
        index.write_bytes(damage)
        assert verdicts(Matcher(cat)) == expected
    index.write_bytes(b"")  # made again and written whole
    Matcher(cat)
    assert index_cache.load(index.stem) is not None


def test_an_index_of_another_shape_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(index_cache.ENV, str(tmp_path))
    cat = catalogue.load()
    made = Matcher(cat)
    expected = verdicts(made)
    index = tmp_path / f"{made._index_key(cat)}.index"
    for other in (("matcher-0",), ("matcher-1", [], [], {}), {"a": 1}, 42):
        index_cache.save(index.stem, other)
        matcher = Matcher(cat)
        assert not matcher._restore(other)
        assert verdicts(matcher) == expected


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root")
def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path.chmod(0o500)
    monkeypatch.setenv(index_cache.ENV, str(tmp_path / "sub"))
    try:
        Matcher(catalogue.load())
    finally:
        tmp_path.chmod(0o700)


def test_a_cache_that_is_a_file_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a directory")
    monkeypatch.setenv(index_cache.ENV, str(blocker))
    cat = catalogue.load()
    assert verdicts(Matcher(cat)) == verdicts(Matcher(cat))
    assert blocker.read_text() == "not a directory"


def test_the_cache_is_the_users_never_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(index_cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert index_cache.directory() == os.path.join("/somewhere/cache", "shanxi-gpos-catalogue")
    monkeypatch.delenv("XDG_CACHE_HOME")
    found = index_cache.directory()
    assert found is not None
    where = Path(found).resolve()
    package = Path(catalogue.__file__).resolve().parent
    assert package not in where.parents and where != package
    monkeypatch.setenv(index_cache.ENV, "")
    assert index_cache.directory() is None


def test_the_word_tables_read_back_are_the_ones_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from catalogue.reading import Lexicon
    from catalogue.text import Places, places

    made = catalogue.reading.lexicon()
    lexicon = Lexicon.restored(made.stored())
    assert lexicon.table.words == made.table.words and lexicon.related == made.related
    assert lexicon.families == made.families
    assert lexicon.data is not None  # read when asked for
    text = "孝义市生态环境局2024年度土壤污染防治宣传及监测数据采集服务"
    assert lexicon.read(text) == made.read(text)
    place_names = Places.restored(places().stored())
    for start in range(len(text)):
        assert place_names.match(text, start) == places().match(text, start)


def test_a_changed_input_is_another_index() -> None:
    assert index_cache.digest(["a", b"b"]) != index_cache.digest(["a", b"c"])
    assert index_cache.digest(["ab", "c"]) != index_cache.digest(["a", "bc"])
