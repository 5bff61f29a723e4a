"""Matching, exclusion rules, normalisation, synonyms and the scope verdict."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import catalogue
from catalogue.cli import cli
from catalogue.rules import find_exclusions, rules
from catalogue.text import canon, clean


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load()


# -- normalisation ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("孝义市2024年度环境空气质量监测服务采购项目（第二次）", "环境空气质量监测"),
        ("２０２５年－２０２７年　环境空气质量监测经费", "环境空气质量监测"),
        ("吕梁市土壤污染监测专项资金", "土壤污染监测"),
        ("自然保护区人类活动变化遥感监测", "自然保护区人类活动变化遥感监测"),
        ("城市供水水质抽样监测服务", "城市供水水质抽样监测服务"),
        ("下堡镇2024年土壤污染监测", "土壤污染监测"),
        ("孝义市梧桐镇人民政府农村生活污水处理", "农村生活污水处理"),
        ("胜溪湖街道办事处退役军人体检", "退役军人体检"),
        ("关于孝义市入河排污口监测项目的成交公告", "入河排污口监测"),
        ("食品安全监督抽检项目（包1）中标候选人公示", "食品安全监督抽检"),
        ("城镇住房发展规划", "城镇住房发展规划"),
        ("新型城镇化规划", "新型城镇化规划"),
    ],
)
def test_clean_removes_budget_noise_only(text: str, expected: str) -> None:
    assert clean(text).text == expected


def test_clean_reads_a_leading_agency(cat: catalogue.Catalogue) -> None:
    cleaned = clean("孝义市生态环境局2024年环境空气质量监测", cat.get_department)
    assert cleaned.agency == "生态环境"
    assert cleaned.text == "环境空气质量监测"


@pytest.mark.parametrize(
    "variant, canonical",
    [
        ("评价", "评估"),
        ("检测", "监测"),
        ("制定", "编制"),
        ("宣讲", "宣传"),
        ("培育", "培训"),
        ("普查", "调查"),
        ("知产", "知识产权"),
        ("非遗", "非物质文化遗产"),
        ("六五环境日", "全国环境日"),
        ("机动车尾气", "移动源"),
    ],
)
def test_synonyms_rewrite_to_one_form(variant: str, canonical: str) -> None:
    text, applied = canon().rewrite(variant)
    assert text == canonical
    assert applied == ((variant, canonical),)


# -- exclusion rules -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, category",
    [
        ("购置执法车辆", "excluded:goods"),
        ("实验室仪器设备采购", "excluded:goods"),
        ("档案馆维修改造工程", "excluded:works"),
        ("乡村道路硬化", "excluded:works"),
        ("专项债券发行费用", "excluded:financing"),
        ("劳务派遣人员工资", "excluded:staffing"),
        ("公益性岗位补贴", "excluded:staffing"),
        ("耕地地力保护补贴", "excluded:transfer"),
        ("科技创新奖励资金", "excluded:transfer"),
        ("征地拆迁补偿款", "excluded:land"),
    ],
)
def test_exclusions_fire(text: str, category: str) -> None:
    assert category in [h.category for h in find_exclusions(text)]


@pytest.mark.parametrize(
    "text",
    [
        "环境监测服务采购",  # 服务采购 is not goods
        "政府购买服务绩效评价",
        "工业和信息化领域经济师、工程师职称评审服务",  # 工程师 is not works
        "社会信用体系建设规划服务",  # 体系建设 is not works
        "特种设备检验检测服务",  # a service on equipment
        "退役军人就业创业招聘会服务",  # 招聘会 is not hiring staff
        "检测服务（不含设备采购）",  # negated
        "非工程类技术咨询",
        "地质灾害装备储备、供应服务",
    ],
)
def test_exclusions_read_like_an_officer(text: str) -> None:
    assert find_exclusions(text) == []


def test_no_catalogue_entry_triggers_an_exclusion(cat: catalogue.Catalogue) -> None:
    fired = [(e.code, e.name) for e in cat.entries() if find_exclusions(e.name)]
    assert fired == []


def test_every_rule_names_its_legal_source() -> None:
    for rule in rules():
        assert rule.category.startswith("excluded:")
        assert "财政部令第102号" in rule.basis or "政府采购法" in rule.basis


# -- matching --------------------------------------------------------------------------------
def test_match_ranks_and_explains(cat: catalogue.Catalogue) -> None:
    found = cat.match("空气质量监测", department="孝义市生态环境局", limit=3)
    assert [c.code for c in found][:1] == ["A170303"]
    assert all(c.department == "生态环境" for c in found)
    assert found[0].score > found[1].score
    assert found[0].evidence and found[0].evidence[0].term == "空气质量监测"


def test_match_reports_the_synonym_applied(cat: catalogue.Catalogue) -> None:
    best = cat.match("知产行业规划编制", department="市场监管局")[0]
    assert best.code == "A160106"
    assert any(e.via == "知产→知识产权" for e in best.evidence)


def test_match_without_department_searches_all(cat: catalogue.Catalogue) -> None:
    best = cat.match("导游资格考试考务")[0]
    assert (best.department, best.code) == ("文化和旅游", "A160401")


def test_match_is_deterministic(cat: catalogue.Catalogue) -> None:
    first = [c.model_dump() for c in cat.match("监测服务", limit=10)]
    again = [c.model_dump() for c in cat.match("监测服务", limit=10)]
    assert first == again
    scores = [c["score"] for c in first]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("junk", ["", "   ", "€", "123", None, 42])
def test_junk_text_is_refused(cat: catalogue.Catalogue, junk: object) -> None:
    with pytest.raises(catalogue.CatalogueError):
        cat.check(junk)  # type: ignore[arg-type]


def test_very_long_text_is_handled(cat: catalogue.Catalogue) -> None:
    verdict = cat.check("环境空气质量监测" + "很" * 10_000, department="生态环境")
    assert verdict.verdict in ("in_scope", "review", "out_of_scope")


def test_bad_limit_and_department(cat: catalogue.Catalogue) -> None:
    with pytest.raises(ValueError):
        cat.match("监测", limit=0)
    with pytest.raises(catalogue.UnknownDepartment):
        cat.check("监测", department="火星局")


# -- verdicts --------------------------------------------------------------------------------
def test_listed_line_is_in_scope_with_its_entry(cat: catalogue.Catalogue) -> None:
    v = cat.check("2024年度城市供水水质抽样化验检测服务项目", department="孝义市住建局")
    assert v.verdict == "in_scope"
    assert v.department == "住房和城乡建设"
    matched = [r for r in v.reasons if r.category == "matched" and r.code]
    assert matched[0].code == "A170301"
    assert "A170301" in matched[0].basis


def test_excluded_line_is_out_of_scope_with_legal_basis(cat: catalogue.Catalogue) -> None:
    v = cat.check("环境监测站业务用房改扩建", department="生态环境")
    assert v.verdict == "out_of_scope"
    assert v.reasons[0].category == "excluded:works"
    assert "政府采购法" in v.reasons[0].basis


def test_bundle_goes_to_review_with_both_reasons(cat: catalogue.Catalogue) -> None:
    v = cat.check("环境空气质量监测服务及监测设备购置", department="生态环境")
    assert v.verdict == "review"
    categories = [r.category for r in v.reasons]
    assert "excluded:goods" in categories and "matched" in categories


def test_negated_exclusion_does_not_fire_in_verdict(cat: catalogue.Catalogue) -> None:
    v = cat.check("特种设备检验检测服务（不含设备采购）", department="市场监督管理")
    assert v.verdict == "in_scope"


def test_other_departments_line(cat: catalogue.Catalogue) -> None:
    v = cat.check("导游资格考试考务服务", department="统计局")
    assert v.verdict == "out_of_scope"
    reason = next(r for r in v.reasons if r.category == "other_department")
    assert reason.department == "文化和旅游" and reason.code == "A160401"


def test_environmental_impact_assessment_is_not_listed(cat: catalogue.Catalogue) -> None:
    v = cat.check("环境影响评价")
    assert v.verdict == "out_of_scope"
    assert v.reasons[-1].category == "not_listed"
    assert v.candidates  # the nearest entries are shown
    assert "影响" in v.reasons[-1].message  # and why they are not it


def test_restriction_note_is_shown(cat: catalogue.Catalogue) -> None:
    v = cat.check("不动产登记业务窗口受理", department="自然资源局")
    assert v.verdict == "in_scope"
    assert v.candidates[0].restrictions == ("仅限集中受理事项",)


def test_check_many_keeps_rows_and_order(cat: catalogue.Catalogue) -> None:
    rows = [
        "档案馆维修改造工程",
        {"text": "特种设备安全监测服务", "department": "市场监管局"},
        {"text": "", "department": None},
        {"text": "监测", "department": "火星局"},
    ]
    out = list(cat.check_many(rows))
    assert [v.verdict for v in out] == ["out_of_scope", "in_scope", "error", "error"]


def test_check_many_repeated_rows_match_check(
    cat: catalogue.Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remembered rows, texts and departments give what check gives, also once forgotten."""
    from catalogue import verdict

    monkeypatch.setattr(verdict, "VERDICT_CACHE_SIZE", 4)
    monkeypatch.setattr(verdict, "READING_CACHE_SIZE", 2)
    texts = ["办公费", "环境空气质量监测服务", "档案馆维修改造工程及监测服务", "", "生态环境局宣传"]
    departments = [None, "孝义市生态环境局", "生态环境", "火星局", "发改委"]
    rows = [{"text": t, "department": d} for _ in range(3) for d in departments for t in texts]
    out = list(cat.check_many(rows, limit=2))
    assert len(out) == len(rows)
    for row, got in zip(rows, out, strict=True):
        try:
            want = cat.check(row["text"], row["department"], limit=2)
        except (catalogue.CatalogueError, ValueError) as exc:
            assert got.verdict == "error"
            assert got.reasons[0].message == str(exc)
            continue
        assert got == want
        assert got.model_dump(mode="json") == want.model_dump(mode="json")


# -- CLI -------------------------------------------------------------------------------------
def test_lookup_json_shape() -> None:
    result = CliRunner().invoke(
        cli, ["lookup", "特种设备安全监测服务", "-d", "市场监管局", "--format", "json", "-n", "2"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert list(record) == ["text", "department", "verdict", "reasons", "candidates", "buyer"]
    assert record["verdict"] == "in_scope"
    assert {"department", "code", "name", "path", "score"} <= set(record["candidates"][0])
    assert len(record["candidates"]) <= 2


def test_lookup_table_for_people() -> None:
    result = CliRunner().invoke(cli, ["lookup", "环境影响评价"])
    assert result.exit_code == 0
    assert "判定：不能作为政府购买服务（out_of_scope）" in result.output
    assert "[not_listed]" in result.output
    assert "候选条目：" in result.output


@pytest.mark.parametrize(
    "args", [["lookup", ""], ["lookup", "   "], ["lookup", "€"], ["lookup", "监测", "-d", "火星局"]]
)
def test_lookup_bad_input_exits_2(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "module", ["catalogue.text", "catalogue.rules", "catalogue.matching", "catalogue.verdict"]
)
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    failures, _ = doctest.testmod(importlib.import_module(module))
    assert failures == 0


# -- what an entry explains beyond its own words ---------------------------------------------
def _coverage(cat: catalogue.Catalogue, text: str, department: str, code: str) -> float:
    """The text coverage of one entry for ``text``."""
    matcher = cat.checker.matcher
    ranked = matcher.rank(matcher.prepare(text), department)
    return next((tc for _, tc, _, item in ranked if item.entry.code == code), 0.0)


def test_activity_words_count_for_the_kind_of_service_that_implies_them(
    cat: catalogue.Catalogue,
) -> None:
    # 研究 and 编制 are what a planning service does ...
    planning = _coverage(cat, "城镇住房发展规划研究编制", "住房和城乡建设", "A160101")
    assert planning > 0.9
    # ... not what a publicity service does
    publicity = _coverage(cat, "住建行业政策宣传研究编制", "住房和城乡建设", "A150201")
    assert publicity < 0.8
    assert cat.check("城镇住房发展规划研究编制", "住房和城乡建设").verdict == "in_scope"


def test_the_name_of_the_buying_department_explains_nothing_and_costs_nothing(
    cat: catalogue.Catalogue,
) -> None:
    with_name = _coverage(cat, "发改社会信用体系建设规划", "发展和改革委员会", "A160103")
    without = _coverage(cat, "社会信用体系建设规划", "发展和改革委员会", "A160103")
    assert with_name == without
    # for another department's entry the name is an unexplained part of the text
    assert _coverage(cat, "发改社会信用体系建设规划", "统计", "A160101") < _coverage(
        cat, "统计社会信用体系建设规划", "统计", "A160101"
    )


def test_environmental_media_are_written_many_ways(cat: catalogue.Catalogue) -> None:
    for text, code in [
        ("土壤环境质量状况监测", "A170308"),
        ("地表水环境质量监测", "A170304"),
    ]:
        verdict = cat.check(text, "生态环境")
        assert (verdict.verdict, verdict.best and verdict.best.code) == ("in_scope", code), text


def test_procurement_wording_after_goods_does_not_make_them_a_service() -> None:
    # 服务采购项目 is how the notice is titled; the thing bought is still equipment
    hits = find_exclusions("2024年度购置空气质量监测设备服务采购项目")
    assert [h.rule.category for h in hits] == ["excluded:goods"]
    # maintaining equipment is a service, whatever the title adds
    assert find_exclusions("空气质量监测设备运维服务采购项目") == []


def test_a_ranking_cut_short_is_the_full_ranking_cut(cat: catalogue.Catalogue) -> None:
    """``rank(limit=k)`` skips entries whose score bound cannot make the cut; it must give
    exactly the first k of the full ranking, for any department filter."""
    matcher = cat.checker.matcher
    texts = [e.name + suffix for e in cat.entries(level=4)[::3] for suffix in ("", "及宣传培训")]
    texts += ["环境监测", "规划编制", "宣传", "统计调查分析", "安全生产培训演练"]
    for text in texts:
        full = matcher.rank(matcher.prepare(text))
        for k in (1, 3, 5):
            short = matcher.rank(matcher.prepare(text), limit=k)
            assert [(r[0], r[3].position) for r in short] == [
                (r[0], r[3].position) for r in full[:k]
            ], text
        dep = full[0][3].entry.department if full else "统计"
        own = [r for r in full if r[3].entry.department == dep]
        other = [r for r in full if r[3].entry.department != dep]
        assert matcher.rank(matcher.prepare(text), dep, 3) == own[:3]
        assert matcher.rank(matcher.prepare(text), limit=1, exclude=dep) == other[:1]


def test_an_entry_named_after_its_department_does_not_cover_another_departments_field(
    cat: catalogue.Catalogue,
) -> None:
    # 统计发展规划编制服务 is statistics' own plan; a plan for 农业农村 is 农业农村's entry
    verdict = cat.check("农业农村发展规划编制", "统计")
    assert verdict.verdict == "out_of_scope"
    assert [r.category for r in verdict.reasons] == ["other_department"]
    assert verdict.reasons[0].department == "农业农村"
    best = cat.check("农业农村发展规划编制").best
    assert best is not None and (best.department, best.code) == ("农业农村", "A160101")


def test_a_department_word_inside_another_word_names_no_field(cat: catalogue.Catalogue) -> None:
    verdict = cat.check("新能源汽车产业规划研究", "工业和信息化")  # 能源 is not 能源局 here
    assert (verdict.verdict, verdict.best and verdict.best.code) == ("in_scope", "A160101")


def test_own_entry_plausible_but_another_departments_fits_better_goes_to_a_person(
    cat: catalogue.Catalogue,
) -> None:
    verdict = cat.check("发展和改革委员会公益宣传", "市场监督管理")
    assert verdict.verdict == "review"
    categories = [r.category for r in verdict.reasons]
    assert "other_department" in categories and "ambiguous" in categories
    assert "matched" not in categories
    assert any(c.department == "发展和改革委员会" for c in verdict.candidates)


def test_a_pair_straddling_the_word_service_explains_nothing(cat: catalogue.Catalogue) -> None:
    # 理服 of 整理服务 is not 理服 of 管理服务: 整理 stays unexplained
    best = cat.check("档案整理服务").best
    assert best is not None and best.code == "A180301"
    assert best.score < 50


def test_results_handed_out_again_cannot_be_changed_by_a_caller(cat: catalogue.Catalogue) -> None:
    first = cat.check("环境空气质量监测", "生态环境")
    with pytest.raises(AttributeError):
        first.candidates.append(first.candidates[0])  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        first.candidates[0].path.append("x")  # type: ignore[attr-defined]
    again = cat.check("2024年环境空气质量监测经费", "生态环境")
    assert again.candidates == first.candidates


def test_a_description_after_the_name_does_not_dilute_it(cat: catalogue.Catalogue) -> None:
    text = "特种设备检验检测服务：电梯、锅炉、压力容器定期检验，出具检验报告"
    verdict = cat.check(text, "市场监督管理")
    assert (verdict.verdict, verdict.best and verdict.best.code) == ("in_scope", "A170203")
    assert verdict.text == text
    # what the description says is still read by the exclusion rules
    bundled = cat.check("环境空气质量监测，监测站房新建工程", "生态环境")
    assert bundled.verdict == "review"
    assert {r.category for r in bundled.reasons} >= {"excluded:works", "matched", "ambiguous"}
