"""Synthetic budget lines for the benchmarks: entry names with the noise budget tables add,
lines the catalogue excludes, and the real lines of table 表十二 (docs/examples/table12.csv)."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
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
DEPARTMENTS = ["", "", "", "孝义市生态环境局", "发改委", "市场监管局", "教育局", "应急管理局"]


def table12() -> list[str]:
    with open(REPO / "docs" / "examples" / "table12.csv", encoding="utf-8", newline="") as f:
        return [row[0] for row in list(csv.reader(f))[4:]]


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
