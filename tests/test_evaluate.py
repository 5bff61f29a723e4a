"""The evaluation harness (``python -m catalogue.evaluate``): every accuracy figure the docs
publish comes from it, so its reading of labelled files, its groups and its arithmetic are
tested here on cases made up for the purpose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import catalogue
from catalogue import evaluate
from catalogue.evaluate import Case, CaseError, Outcome, Tally, read_cases, variants


def _write(tmp_path: Path, *records: object) -> str:
    path = tmp_path / "cases.jsonl"
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
        + "\n",
        encoding="utf-8",
    )
    return str(path)


def _case(**kw: object) -> Case:
    base: dict[str, object] = {
        "text": "某某服务",
        "department": None,
        "expect": "in_scope",
        "accept": (),
        "codes": ((None, "A160203"),),
        "kind": "real",
    }
    base.update(kw)
    return Case(**base)  # type: ignore[arg-type]


# -- reading labelled files ------------------------------------------------------------------


def test_read_cases_reads_every_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {
            "text": "甲",
            "department": "孝义市统计局",
            "expect": "review",
            "accept": ["review", "in_scope"],
            "codes": ["A160203", "生态环境:A160301"],
            "canon": "统计",
            "kind": "real",
            "id": "x1",
        },
        "",
        {"text": "乙", "expect": "out_of_scope"},
    )
    first, second = read_cases(path)
    assert first == Case(
        text="甲",
        department="孝义市统计局",
        expect="review",
        accept=("review", "in_scope"),
        codes=(("统计", "A160203"), ("生态环境", "A160301")),
        kind="real",
        canon=("统计",),
        id="x1",
    )
    assert first.real
    # no id: the line number; a code without a department takes the department as written
    assert second == Case("乙", None, "out_of_scope", (), (), "", (), "3")
    assert not second.real


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "cases.jsonl:2: not JSON"),
        ('["a list"]', "cases.jsonl:2: a case is a JSON object, not list"),
        ('{"expect": "in_scope"}', "cases.jsonl:2: 'text' must be a string, not null"),
        ('{"text": 5, "expect": "in_scope"}', "'text' must be a string, not 5"),
        ('{"text": "甲"}', "'expect' must be in_scope or review or out_of_scope, not null"),
        ('{"text": "甲", "expect": "yes"}', "'expect' must be in_scope or review or out_of_scope"),
        ('{"text": "甲", "expect": "review", "department": 3}', "'department' must be"),
        ('{"text": "甲", "expect": "review", "accept": "review"}', "'accept' must be a list"),
        ('{"text": "甲", "expect": "review", "accept": ["maybe"]}', "'accept' must be a list"),
        ('{"text": "甲", "expect": "review", "codes": "A160203"}', "'codes' must be a list"),
        ('{"text": "甲", "expect": "review", "codes": [160203]}', "'codes' must be a list"),
        ('{"text": "甲", "expect": "review", "canon": [1]}', "'canon' must be a department"),
    ],
)
def test_read_cases_names_the_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path, {"text": "甲", "expect": "in_scope"}, line)
    with pytest.raises(CaseError, match=message.replace("(", r"\(").replace("[", r"\[")):
        read_cases(path)


def test_read_cases_refuses_what_is_not_a_utf8_file(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="cannot be read"):
        read_cases(str(tmp_path / "missing.jsonl"))
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(
        json.dumps({"text": "统计调查", "expect": "in_scope"}, ensure_ascii=False).encode("gbk")
    )
    with pytest.raises(CaseError, match="not UTF-8"):
        read_cases(str(path))


# -- the arithmetic ----------------------------------------------------------------------------


def test_tally_counts_each_figure_on_its_own_base() -> None:
    tally = Tally()
    listed = _case(codes=((None, "A1"),))
    tally.add(listed, Outcome("in_scope", [("统计", "A1"), ("统计", "A2")]))  # right, top-1
    tally.add(listed, Outcome("out_of_scope", [("统计", "A2"), ("统计", "A1")]))  # false reject
    tally.add(listed, Outcome("review", [("统计", "A3")]))  # wrong, not in the first three
    negative = _case(expect="out_of_scope", codes=())
    tally.add(negative, Outcome("in_scope", []))  # false accept
    tally.add(negative, Outcome("out_of_scope", []))
    tolerant = _case(expect="out_of_scope", accept=("out_of_scope", "review"), codes=())
    tally.add(tolerant, Outcome("review", []))  # an accepted verdict
    assert tally.row() == {
        "n": 6,
        "accuracy": round(3 / 6, 3),
        "top1": round(1 / 3, 3),
        "recall@3": round(2 / 3, 3),
        "false_accepts": round(1 / 3, 3),
        "false_rejects": round(1 / 3, 3),
        "review_rate": round(2 / 6, 3),
    }
    assert len(tally.misses) == 3
    assert len(tally.wrong_first) == 2
    assert tally.misses[0].startswith("out_of_scope want in_scope")


def test_an_empty_tally_has_no_rates() -> None:
    row = Tally().row()
    assert row["n"] == 0
    assert all(v != v for k, v in row.items() if k != "n")  # NaN, not 0: nothing was measured


def test_a_candidate_counts_when_its_department_is_one_of_the_labelled_ones() -> None:
    case = _case(codes=(("生态环境", "A160301"),), canon=("生态环境", "统计"))
    tally = Tally()
    tally.add(case, Outcome("in_scope", [("生态环境", "A160301")]))
    tally.add(case, Outcome("in_scope", [("统计", "A160301")]))  # a canonical department too
    tally.add(case, Outcome("in_scope", [("能源", "A160301")]))  # same code, other department
    assert (tally.top1, tally.coded) == (2, 3)


# -- the groups --------------------------------------------------------------------------------


def test_variants_build_the_four_groups() -> None:
    cat = catalogue.load()
    listed = _case(department="统计", codes=(("统计", "A160203"),))
    outside = _case(department="公安局", expect="review", codes=(("统计", "A160203"),))
    other = _case(department="统计", kind="other_department", expect="out_of_scope", codes=())
    bare = _case(department=None)
    groups = variants(cat, [listed, outside, other, bare])
    assert [c.department for c in groups["department"]] == ["统计", "公安局", "统计"]
    # an agency form only for a department of the catalogue
    assert [c.department for c in groups["agency"]] == ["孝义市统计局", "孝义市统计局"]
    # no department: every case but one whose point is its department
    assert [c.department for c in groups["no_department"]] == [None, None, None]
    assert [c.text for c in groups["no_department"]] == ["某某服务"] * 3
    # an outside buyer's listed service may be called in_scope once the buyer is gone
    assert groups["no_department"][1].accept == ("in_scope", "review")
    # noise wraps the text and keeps the label
    noisy = groups["noise"]
    assert len(noisy) == 3
    assert all("某某服务" in c.text and c.text != "某某服务" for c in noisy)
    assert [c.expect for c in noisy] == ["in_scope", "review", "out_of_scope"]


# -- the command -------------------------------------------------------------------------------


def test_main_prints_both_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cat = catalogue.load()
    entry = cat.entries(department="统计", level=4)[0]
    path = _write(
        tmp_path,
        {
            "text": entry.name,
            "department": "统计",
            "expect": "in_scope",
            "codes": [entry.code],
            "kind": "real",
        },
    )
    assert evaluate.main([path]) == 0
    out, timing = capsys.readouterr().out.rsplit("\n\n", 1)
    # the entry's own name: right verdict, right entry first, in every group; nothing to count
    # for false accepts (no out-of-scope case)
    header = (
        "  group"
        + " " * 10
        + "".join(
            f"{c:>14}"
            for c in (
                "n",
                "accuracy",
                "top1",
                "recall@3",
                "false_accepts",
                "false_rejects",
                "review_rate",
            )
        )
    )
    rows = [
        f"  {g:15}{n:>14}{1.0:>14}{1.0:>14}{1.0:>14}{'nan':>14}{0.0:>14}{0.0:>14}"
        for g, n in (*((g, 1) for g in evaluate.GROUPS), ("overall", 4), ("real texts", 4))
    ]
    block = "\n".join([header, *rows])
    assert out == f"\nproduct\n{block}\n\nyardstick\n{block}"
    assert timing.startswith("1 cases in ") and timing.endswith(" s\n")


def test_main_refuses_a_bad_file_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, '{"text": "甲"}')
    assert evaluate.main([path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"error: {path}:1: 'expect' must be in_scope or review or out_of_scope, not null\n"
    )
    assert evaluate.main([str(tmp_path / "none.jsonl")]) == 2
    assert "cannot be read" in capsys.readouterr().err
