"""Records: frozen dataclasses with pydantic's methods, pydantic imported only when used."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from typing import Any

import pytest

import catalogue
from catalogue import resources, schemas
from catalogue.records import SimpleRecord, record
from catalogue.results import Buyer, Candidate, Evidence, Reason, Verdict


@pytest.fixture(scope="module")
def verdict() -> Verdict:
    return catalogue.load().check("孝义市2024年度环境空气质量监测服务", "孝义市生态环境局")


def test_a_verdict_dumps_and_validates_back(verdict: Verdict) -> None:
    dumped = verdict.model_dump(mode="json")
    assert json.loads(verdict.model_dump_json()) == dumped
    assert Verdict.model_validate(dumped) == verdict
    assert Verdict.model_validate_json(verdict.model_dump_json()) == verdict
    # the python dump keeps tuples and nested records as dicts, as pydantic dumps models
    python = verdict.model_dump()
    assert isinstance(python["candidates"], tuple)
    assert python["candidates"][0]["code"] == verdict.candidates[0].code


def test_the_dump_has_the_fields_in_their_order(verdict: Verdict) -> None:
    assert list(verdict.model_dump(mode="json")) == [
        "text",
        "department",
        "verdict",
        "reasons",
        "candidates",
        "buyer",
    ]
    assert verdict.buyer is not None
    assert list(verdict.buyer.model_dump()) == [
        "written",
        "departments",
        "kind",
        "from_text",
        "core",
        "reading",
    ]


@pytest.mark.parametrize("cls", [Verdict, Candidate, Reason, Evidence, Buyer])
def test_a_result_is_frozen_and_keyword_only(cls: type[Any]) -> None:
    made = cls.model_validate(_example(cls))
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, name, None)
    with pytest.raises(TypeError):
        cls(*_example(cls).values())
    assert made == cls(**_example_built(cls)) and hash(made) == hash(cls(**_example_built(cls)))
    assert repr(made).startswith(f"{cls.__name__}({name}=")


def test_a_copy_changes_only_what_it_is_told(verdict: Verdict) -> None:
    copied = verdict.model_copy(update={"verdict": "review"})
    assert (copied.verdict, verdict.verdict) == ("review", "in_scope")
    assert copied.candidates is verdict.candidates


def test_validation_refuses_what_the_annotations_refuse() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="less than or equal to 100"):
        Candidate.model_validate({**_example(Candidate), "score": 101})
    with pytest.raises(ValidationError, match="Input should be"):
        Reason.model_validate({**_example(Reason), "category": "nonsense"})


def test_the_schema_describes_the_fields() -> None:
    schema = Candidate.model_json_schema()
    assert schema["properties"]["score"]["maximum"] == 100
    assert schema["properties"]["why"]["description"] == "the explanation in one line of Chinese"
    assert schema["required"] == ["department", "code", "name", "path", "score", "why"]


# -- data-file records ---------------------------------------------------------------------------
def test_a_data_record_is_made_with_its_defaults_and_checks() -> None:
    family = schemas.ServiceFamily(id="监测", label="监测", words=["监测"])
    assert (family.related, family.subject_in_lists) == ([], False)
    assert family.related is not schemas.ServiceFamily(id="a", label="a", words=["a"]).related
    with pytest.raises(TypeError, match="missing field 'words'"):
        schemas.ServiceFamily(id="监测", label="监测")
    with pytest.raises(TypeError, match="no field colour"):
        schemas.ServiceFamily(id="监测", label="监测", words=["监测"], colour="red")
    with pytest.raises(dataclasses.FrozenInstanceError):
        family.id = "x"  # type: ignore[misc]
    # the cross-field checks run when a record is made (and when pydantic validates one)
    with pytest.raises(ValueError, match="简称至少两个字"):
        schemas.PlacesFile(description="d", source="s", names=["常州市"], short=["常"])


def test_a_trusted_record_needs_types_it_knows() -> None:
    @record
    class Odd(SimpleRecord):
        pair: tuple[str, str]

    with pytest.raises(TypeError, match="no trusted construction for 'tuple"):
        resources.construct(Odd, {"pair": ["a", "b"]})


def test_checking_a_line_imports_no_pydantic() -> None:
    code = (
        "import sys, catalogue\n"
        "v = catalogue.load().check('环境空气质量监测', '孝义市生态环境局')\n"
        "print(v.verdict, 'pydantic' in sys.modules, 'rapidfuzz' in sys.modules)\n"
        "v.model_dump(mode='json')\n"
        "print('pydantic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["in_scope", "False", "False", "True"]


# -- examples -------------------------------------------------------------------------------------
_EVIDENCE = {"term": "监测", "level": 4, "name": "环境空气质量监测服务"}
_CANDIDATE = {
    "department": "生态环境",
    "code": "A170303",
    "name": "环境空气质量监测服务",
    "path": ["公共服务", "技术性公共服务", "监测服务", "环境空气质量监测服务"],
    "score": 88.5,
    "why": "服务“监测”相同",
    "evidence": [_EVIDENCE],
}
_REASON = {"category": "matched", "message": "属于目录条目", "basis": "生态环境 A170303"}
_BUYER = {
    "written": "孝义市生态环境局",
    "departments": ["生态环境"],
    "kind": "agency",
    "reading": "机关",
}
_VERDICT = {
    "text": "环境空气质量监测",
    "department": "生态环境",
    "verdict": "in_scope",
    "reasons": [_REASON],
    "candidates": [_CANDIDATE],
    "buyer": _BUYER,
}
_EXAMPLES: dict[type[Any], dict[str, Any]] = {
    Evidence: _EVIDENCE,
    Candidate: _CANDIDATE,
    Reason: _REASON,
    Buyer: _BUYER,
    Verdict: _VERDICT,
}


def _example(cls: type[Any]) -> dict[str, Any]:
    return dict(_EXAMPLES[cls])


def _example_built(cls: type[Any]) -> dict[str, Any]:
    """The example's values as the record holds them: tuples, nested records."""
    out = _example(cls)
    for key, value in out.items():
        if key == "evidence":
            out[key] = tuple(Evidence(**e) for e in value)
        elif key == "reasons":
            out[key] = tuple(Reason(**r) for r in value)
        elif key == "candidates":
            out[key] = tuple(Candidate(**_example_built(Candidate)) for _ in value)
        elif key == "buyer":
            out[key] = Buyer(**_example_built(Buyer))
        elif isinstance(value, list):
            out[key] = tuple(value)
    return out


def test_what_is_kept_for_a_class_dies_with_it() -> None:
    import gc
    import weakref

    @record
    class Short(SimpleRecord):
        word: str

    made = resources.construct(Short, {"word": "监测"})
    assert made == Short(word="监测") and made.model_dump() == {"word": "监测"}
    gone = weakref.ref(Short)
    del Short, made
    gc.collect()
    assert gone() is None  # no module-level cache keeps the class, its plan or its adapter
