"""Every bundled data file is validated against its own schema; a broken one is refused."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from catalogue import DataError, resources
from catalogue.cli import cli
from catalogue.digests import DIGESTS
from catalogue.schemas import SCHEMAS, CatalogueFile

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_bundled_file_validates(name: str) -> None:
    assert isinstance(resources.read(name), SCHEMAS[name])


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_shipped_json_schema_is_the_generated_one(name: str) -> None:
    shipped = (REPO / "data" / name.replace(".json", ".schema.json")).read_text("utf-8")
    result = CliRunner().invoke(cli, ["schema", "--file", name])
    assert result.exit_code == 0
    hint = (
        f"regenerate: catalogue schema --file {name} > data/{name.replace('.json', '.schema.json')}"
    )
    assert shipped == result.output, hint


def test_the_recorded_digests_are_the_bundled_files() -> None:
    """A bundled file is trusted (not validated again) only by its recorded digest, so the digests
    must be the files': changing a data file means validating it and recording it again."""
    assert sorted(DIGESTS) == sorted(SCHEMAS)
    for name in sorted(SCHEMAS):
        actual = hashlib.sha256(resources.data_path(name).read_bytes()).hexdigest()
        assert DIGESTS[name] == actual, (
            f"data/{name} is not the file whose digest catalogue/digests.py records: run "
            "python tools/make_digests.py (it validates every data file and records its digest)"
        )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_a_trusted_file_gives_the_record_validation_gives(name: str) -> None:
    raw = resources.data_path(name).read_bytes()
    trusted, validated = resources.parse(name, raw), resources.parse(name, raw, trust=False)
    assert type(trusted) is type(validated)
    assert trusted == validated
    assert repr(trusted) == repr(validated)
    assert trusted.model_dump(mode="json") == validated.model_dump(mode="json")


def test_only_the_recorded_bytes_skip_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = resources.data_path(resources.CATALOGUE_FILE).read_bytes()
    validated: list[object] = []
    real = CatalogueFile.model_validate

    def counting(obj: Any) -> CatalogueFile:
        validated.append(obj)
        return real(obj)

    monkeypatch.setattr(CatalogueFile, "model_validate", counting)
    resources.parse(resources.CATALOGUE_FILE, raw)
    assert validated == []  # the bundled bytes: built without validation
    resources.parse(resources.CATALOGUE_FILE, raw + b"\n")  # one byte more: validated
    assert len(validated) == 1


def test_a_tampered_bundled_file_is_validated_and_refused() -> None:
    raw = resources.data_path(resources.CATALOGUE_FILE).read_bytes()
    tampered = raw.replace(b'"level": 2', b'"level": "\xe4\xba\x8c"', 1)  # "二"
    assert tampered != raw
    with pytest.raises(DataError) as info:
        resources.parse(resources.CATALOGUE_FILE, tampered, path="catalog.json")
    message = str(info.value)
    assert message.startswith("catalog.json: ")
    assert "目录数据格式" in message and ".nodes[" in message and "level" in message


@pytest.mark.parametrize(
    "name, key, word",
    [
        # an institution's name is read up to an agency suffix (医院, 社): one that ends in none
        # could never be read
        ("agencies.json", "institutions", "疗养地"),
        # a word is listed as no suffix because it ends like one (出库 in 库): one that does not
        # guards nothing
        ("agencies.json", "not_suffixes", "出仓"),
        # a word is kept whole because it holds boilerplate (双公示): one that holds none is idle
        ("noise.json", "kept", "环境监测"),
    ],
)
def test_a_word_list_entry_that_can_do_nothing_is_refused_at_load(
    name: str, key: str, word: str
) -> None:
    raw = json.loads(resources.data_path(name).read_text("utf-8"))
    raw[key].append(word)
    with pytest.raises(DataError) as info:
        resources.parse(name, json.dumps(raw, ensure_ascii=False).encode())
    assert key in str(info.value) and word in str(info.value)


def test_a_file_is_read_once_and_again_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "noise.json"
    raw = json.loads(resources.data_path("noise.json").read_text("utf-8"))
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    first = resources.read("noise.json", path)
    assert resources.read("noise.json", path) is first
    raw["periods"].append("半年")
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    second = resources.read("noise.json", path)
    assert second is not first and "半年" in second.periods  # type: ignore[attr-defined]


def test_unknown_data_file_name() -> None:
    with pytest.raises(ValueError, match="unknown data file"):
        resources.read("nothing.json")


def _rules(d: dict[str, Any]) -> list[dict[str, Any]]:
    return d["rules"]  # type: ignore[no-any-return]


#: (file, how to break it, what the message must say: the place and the reason)
BROKEN: list[tuple[str, Callable[[dict[str, Any]], Any], list[str]]] = [
    ("noise.json", lambda d: d.pop("boilerplate"), ["噪声词表数据格式", "boilerplate"]),
    ("noise.json", lambda d: d["places"].append(""), ["places[", "at least 1 character"]),
    ("noise.json", lambda d: d.update(colour="red"), ["colour"]),
    (
        "noise.json",
        lambda d: d["activities"].update(装修=["施工"]),
        ["activities 的键必须是 service_types 中的词", "装修"],
    ),
    ("synonyms.json", lambda d: d["groups"][0].pop("canonical"), ["groups[0].canonical"]),
    ("synonyms.json", lambda d: d["groups"][1].update(kind="slang"), ["groups[1].kind"]),
    ("synonyms.json", lambda d: d["groups"][2].update(variants=[]), ["groups[2].variants"]),
    (
        "synonyms.json",
        lambda d: d["groups"][3]["variants"].append(d["groups"][1]["variants"][0]),
        ["groups[3]", "已在 groups[1] 中"],
    ),
    (
        "synonyms.json",
        lambda d: d["kept"].append(d["groups"][1]["variants"][0]),
        ["kept", "已在 groups[1] 中"],
    ),
    (
        "exclusion_rules.json",
        lambda d: _rules(d)[0].update(category="excluded:cake"),
        ["排除规则数据格式", "rules[0].category"],
    ),
    (
        "exclusion_rules.json",
        lambda d: _rules(d)[1]["patterns"].append("(unclosed"),
        ["rules[1]", "正则表达式无效"],
    ),
    (
        "exclusion_rules.json",
        lambda d: _rules(d)[2]["patterns"].append("{NO_SUCH_TERMS}"),
        ["rules[2]", "{NO_SUCH_TERMS} 不在 terms 中"],
    ),
    (
        "exclusion_rules.json",
        lambda d: _rules(d)[3]["source"].append("nowhere"),
        ["rules[3]", "“nowhere”不在 sources 中"],
    ),
    (
        "exclusion_rules.json",
        lambda d: _rules(d)[4].update(id=_rules(d)[0]["id"]),
        ["rules[4]", "规则标识重复"],
    ),
    (
        "agencies.json",
        lambda d: d["abbreviations"][0]["fields"].append("财务"),
        ["abbreviations[0]", "“财务”既不是部门名称，也不在 outside 中"],
    ),
    (
        "agencies.json",
        lambda d: d["abbreviations"].append({"written": "环保", "fields": ["生态环境", "水利"]}),
        ["简称已是一个领域写法"],
    ),
    (
        "agencies.json",
        lambda d: d["departments"]["教育"].update(leading_only=["体育"]),
        ["“教育”的 leading_only 不在它的 cores 中：体育"],
    ),
    (
        "catalog_second_batch.json",
        lambda d: d["departments"][0]["nodes"][1].update(level="二"),
        ["目录数据格式", "departments[0]（发展和改革委员会）.nodes[1].level"],
    ),
]


@pytest.mark.parametrize(("name", "change", "expected"), BROKEN)
def test_a_broken_file_is_refused_with_file_place_and_reason(
    tmp_path: Path, name: str, change: Callable[[dict[str, Any]], Any], expected: list[str]
) -> None:
    data = copy.deepcopy(json.loads(resources.data_path(name).read_text("utf-8")))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(DataError) as info:
        resources.read(name, path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    for part in expected:
        assert part in message


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_a_file_that_is_not_json_or_too_deep_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text('{"description": ', "utf-8")
    with pytest.raises(DataError, match="不是合法的 JSON"):
        resources.read(name, path)
    path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with pytest.raises(DataError, match="不是合法的 JSON"):
        resources.read(name, path)
