"""Results made from trusted values are the objects pydantic's model_construct makes."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from catalogue.results import Buyer, Candidate, Evidence, Reason, Verdict
from catalogue.trusted import Builder

EVIDENCE = {"term": "监测", "level": 4, "name": "土壤污染监测服务"}
CANDIDATE = {
    "department": "生态环境",
    "code": "A170308",
    "name": "土壤污染监测服务",
    "path": ("公共服务", "技术性公共服务", "监测服务", "土壤污染监测服务"),
    "score": 100.0,
    "why": "服务“监测”相同",
    "evidence": (),
    "restrictions": (),
}
REASON = {"category": "matched", "message": "属于", "basis": "生态环境 A170308"}
BUYER = {"written": "统计局", "departments": ("统计",), "kind": "agency", "reading": "机关"}
VERDICT = {
    "text": "土壤污染监测",
    "department": None,
    "verdict": "in_scope",
    "reasons": (),
    "candidates": (),
}


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Evidence, EVIDENCE),
        (Evidence, {**EVIDENCE, "via": "地灾→地质灾害"}),
        (Candidate, CANDIDATE),
        (Reason, REASON),
        (Reason, {**REASON, "rule": "goods.named", "evidence": "复印机"}),
        (Buyer, BUYER),
        (Verdict, VERDICT),
    ],
)
def test_a_built_result_is_the_one_model_construct_makes(
    model: type[BaseModel], values: dict[str, object]
) -> None:
    built = Builder(model)(**values)
    constructed = model.model_construct(**values)
    assert type(built) is model
    assert built == constructed
    assert list(built.__dict__) == list(constructed.__dict__)  # field order, defaults filled
    assert built.model_fields_set == constructed.model_fields_set
    assert built.model_dump(mode="json") == constructed.model_dump(mode="json")
    assert built.model_dump(exclude_unset=True) == constructed.model_dump(exclude_unset=True)
    assert repr(built) == repr(constructed)


def test_built_results_stay_frozen_and_copy_as_pydantic_copies() -> None:
    make = Builder(Evidence)
    first, second = make(**EVIDENCE), make(**EVIDENCE)
    with pytest.raises(ValueError):
        first.term = "x"  # type: ignore[misc]
    copied = first.model_copy(update={"via": "x"})
    assert copied.via == "x" and copied.model_fields_set == {"term", "level", "name", "via"}
    assert first.model_fields_set == second.model_fields_set == {"term", "level", "name"}


def test_docstring_examples() -> None:
    import doctest

    import catalogue.trusted

    result = doctest.testmod(catalogue.trusted)
    assert result.attempted and not result.failed
