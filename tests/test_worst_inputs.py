"""The worst inputs a budget line or a buyer's name can be give their answers and finish: every
scan of user text is linear (``benchmarks/worst_inputs.py`` times them at growing sizes)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import pytest

import catalogue
from catalogue.limits import MAX_TEXT_CHARS

CAT = catalogue.load()
T = TypeVar("T")


def repeated(unit: str, size: int = MAX_TEXT_CHARS) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def finishes(call: Callable[[], T], seconds: float = 120.0) -> T:
    """What ``call`` returns (or raises), run in a thread that must end within a generous
    bound (a quadratic scan of these texts takes hours, a linear one milliseconds)."""
    box: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            box.append(call())
        except BaseException as e:
            errors.append(e)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "did not finish"
    if errors:
        raise errors[0]
    return box[0]


def test_a_cell_of_negated_exclusions_excludes_nothing() -> None:
    verdict = finishes(lambda: CAT.check(repeated("不含设备采购，")))
    assert not any(r.category.startswith("excluded:") for r in verdict.reasons)


@pytest.mark.parametrize(
    "unit, category",
    [("购置设备车辆", "excluded:goods"), ("维修改造工程", "excluded:works")],
)
def test_a_cell_of_exclusion_words_is_excluded(unit: str, category: str) -> None:
    verdict = finishes(lambda: CAT.check(repeated(unit)))
    assert verdict.verdict == "out_of_scope"
    assert category in [r.category for r in verdict.reasons]


@pytest.mark.parametrize(
    "unit", ["孝义市生态环境局", "山西省太原市", "环境监测（", "监测、", "监测评估调查", "不含非无"]
)
def test_hostile_lines_at_the_limit_get_a_verdict(unit: str) -> None:
    verdict = finishes(lambda: CAT.check(repeated(unit)))
    assert verdict.verdict in ("in_scope", "review", "out_of_scope")
    assert verdict.reasons


@pytest.mark.parametrize("size", [MAX_TEXT_CHARS + 1, 24_000, 1_000_000])
def test_a_line_beyond_the_limit_is_refused_and_its_neighbours_kept(size: int) -> None:
    with pytest.raises(catalogue.InvalidText, match=f"上限 {MAX_TEXT_CHARS} 字"):
        CAT.check(repeated("不含设备采购，", size))
    rows = ["土壤污染监测", repeated("监", size), "办公楼维修改造工程"]
    verdicts = finishes(lambda: list(CAT.check_many(rows)))
    assert [v.verdict for v in verdicts] == [
        CAT.check(rows[0]).verdict,
        "error",
        CAT.check(rows[2]).verdict,
    ]
    assert f"上限 {MAX_TEXT_CHARS} 字" in verdicts[1].reasons[0].message


@pytest.mark.parametrize("unit", ["局", "生态环境局", "孝义市", "（", "a"])
@pytest.mark.parametrize("size", [20_000, 1_000_000])
def test_a_huge_buyer_name_is_refused(unit: str, size: int) -> None:
    name = unit * (size // len(unit))
    with pytest.raises(catalogue.UnknownDepartment):
        finishes(lambda: CAT.check("环境监测", name))
    rows = [
        {"text": "环境监测", "department": name},
        {"text": "土壤污染监测", "department": "环保局"},
    ]
    verdicts = finishes(lambda: list(CAT.check_many(rows)))
    assert [v.verdict for v in verdicts] == ["error", CAT.check("土壤污染监测", "环保局").verdict]
    assert verdicts[0].reasons[0].category == "error"
