"""Synthetic budget lines for the benchmarks: entry names with the noise budget tables add,
lines the catalogue excludes, and the real lines of table 表十二 (docs/examples/table12.csv)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import catalogue

REPO = Path(__file__).resolve().parent.parent
PREFIXES = ["", "", "2024年", "23年", "孝义市", "开发区", "市级"]
SUFFIXES = ["", "", "费用", "项目", "经费", "服务费", "工作经费", "（续建）"]
EXCLUDED = [
    "档案馆维修改造工程", "南大街公路工程", "办公设备购置", "编外聘用人员工资福利", "伙食补助",
    "高质量发展奖励金", "道路占地补偿款", "土地划拨款", "公务用车购置", "融资租赁费用",
    "劳务派遣用工经费", "供热管网改造工程",
]  # fmt: skip
#: agency names of a budget table's unit column
BUYERS = [
    "孝义市生态环境局", "发改委", "太原市市场监督管理局", "晋中市教育局", "应急管理局",
    "吕梁市自然资源局", "孝义市农业农村局", "大同市财政局", "山西省文化和旅游厅", "孝义市统计局",
]  # fmt: skip
DEPARTMENTS = ["", "", "", "孝义市生态环境局", "发改委", "市场监管局", "教育局", "应急管理局"]


def table12() -> list[str]:
    """The 62 budget lines of the example (its header rows, column numbers and subtotals left
    out, as ``catalogue check`` leaves them out)."""
    from catalogue.tables import open_table

    with open_table(REPO / "docs" / "examples" / "table12.csv") as table:
        return [row.text for row in table if row.skip is None]


def budget_lines(n: int, seed: int = 20240101) -> Iterator[tuple[str, str]]:
    """``n`` (text, department) pairs: ~60 % entry names with noise, ~20 % excluded lines,
    ~20 % real lines of 表十二."""
    rng = random.Random(seed)
    names = [e.name for e in catalogue.load().entries(level=4)]
    real = table12()
    for _ in range(n):
        r = rng.random()
        if r < 0.6:
            text = rng.choice(PREFIXES) + rng.choice(names) + rng.choice(SUFFIXES)
        elif r < 0.8:
            text = rng.choice(PREFIXES) + rng.choice(EXCLUDED)
        else:
            text = rng.choice(real)
        yield text, rng.choice(DEPARTMENTS)


#: lines of the government expenditure economic classification (政府支出经济分类) that every
#: unit's budget repeats, as budget systems export them
ECONOMIC = [
    "办公费", "印刷费", "咨询费", "手续费", "水费", "电费", "邮电费", "物业管理费", "差旅费",
    "因公出国（境）费用", "维修（护）费", "租赁费", "会议费", "培训费", "公务接待费", "专用材料费",
    "劳务费", "委托业务费", "工会经费", "福利费", "公务用车运行维护费", "其他交通费用",
    "其他商品和服务支出", "基本工资", "津贴补贴", "奖金", "绩效工资",
    "机关事业单位基本养老保险缴费", "职工基本医疗保险缴费", "住房公积金", "办公设备购置",
    "信息网络及软件购置更新",
]  # fmt: skip


def budget_table(n: int, seed: int = 20240101) -> Iterator[tuple[str, str]]:
    """``n`` (text, department) rows shaped like a consolidated budget table: units of about 100
    lines each, every unit listing the economic-classification lines (办公费, 差旅费 …) and
    projects drawn, with the skew of real tables, from a pool of a few thousand distinct
    project lines (:func:`budget_lines`); one department per unit."""
    rng = random.Random(seed)
    pool = list(dict.fromkeys(t for t, _ in budget_lines(6000, seed)))
    weights = [1 / (rank + 1) for rank in range(len(pool))]  # Zipf-like: a few lines are common
    units = [d for d in DEPARTMENTS if d] + ["孝义市农业农村局", "孝义市统计局", "孝义市能源局"]
    produced = 0
    while produced < n:
        department = rng.choice(units)
        lines = rng.sample(ECONOMIC, rng.randint(12, len(ECONOMIC)))
        lines += rng.choices(pool, weights, k=rng.randint(20, 80))
        for text in lines[: n - produced]:
            yield text, department
        produced += min(len(lines), n - produced)


def project_names() -> list[str]:
    """Real project names: those of the real-world corpus (``benchmarks/corpus/real_world*``)
    and of table 表十二, each once, in a fixed order. Not the written sets beside them: they
    are no real names, and each new one would change the lines measured."""
    names = []
    for path in sorted((REPO / "benchmarks" / "corpus").glob("real_world*.jsonl")):
        with path.open(encoding="utf-8") as f:
            names += [json.loads(line)["text"] for line in f if line.strip()]
    return list(dict.fromkeys(names + table12()))


def distinct_lines(
    n: int, seed: int = 20240101, canonical: Callable[[str], str] | None = None
) -> list[str]:
    """``n`` different lines, each two real project names joined (three when the pairs run out),
    in a random but fixed order; with ``canonical``, lines whose canonical forms differ. Raises
    ``ValueError`` if ``n`` such lines cannot be made: never fewer lines than asked for."""
    names = project_names()
    rng = random.Random(seed)
    out: dict[str, None] = {}
    forms: set[str] = set()
    for k in (2, 3):
        if len(out) >= n:
            break
        total = len(names) ** k
        # distinct index tuples drawn without replacement over the k-fold product
        for index in rng.sample(range(total), min(total, 4 * n)):
            parts = []
            for _ in range(k):
                index, i = divmod(index, len(names))
                parts.append(names[i])
            if len(set(parts)) < k:
                continue
            text = "".join(parts)
            key = canonical(text) if canonical is not None else text
            if key not in forms:
                forms.add(key)
                out.setdefault(text, None)
            if len(out) >= n:
                break
    if len(out) < n:
        raise ValueError(f"only {len(out)} distinct lines can be made, {n} were asked for")
    return list(out)
