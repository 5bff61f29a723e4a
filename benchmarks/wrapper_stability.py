"""How steady a verdict is when a line is written inside a table's or a notice's wrapping.

    python benchmarks/wrapper_stability.py [--lines 400] [--seed 11] [FILES...]

Budget tables and procurement notices wrap the same project name in many ways: a year before
it, ``（上年结转）`` or ``（备案号：…）`` after it, ``项目名称：`` in front, book-title marks
around it. A reviewer reads the same line through all of them, and so should the matcher. The
script takes the labelled lines of the corpus (``benchmarks/corpus/*.jsonl`` unless files are
given) whose plain verdict already is their label, ``--lines`` in scope and as many out of scope
(a fixed sample for a seed), checks each inside every wrapper below with the same buyer, and
prints per wrapper how many in-scope lines stay in scope and how many out-of-scope lines become
in scope (a false accept made by the wrapping alone).

It only measures and prints; a wrapper that moves many lines points at a reading rule to mend
(the rule, never the line).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import sys

import catalogue

#: how tables and notices wrap a line (``{t}`` is the line)
WRAPPERS = (
    "2025年度{t}项目支出",
    "【续建】{t}专项资金（政府购买服务）",
    "委托第三方开展{t}（含方案编制、组织实施及成果报告）",
    "[新增]{t}预算",
    "{t}（一般性项目）",
    "2025年{t}（上年结转）",
    "（续）{t}",
    "{t}(市本级)",
    "{t}项目（第1年）",
    "{t}（三年）",
    "{t}所需经费",
    "{t}服务项目合同",
    "关于{t}的成交结果公告",
    "{t}（第二包）",
    "{t}（备案号：2025-001）",
    "{t}（项目编号：JZ2025-018）",
    "{t}项目(预算金额：45.6万元)",
    "项目名称：{t}",
    "{t}（详见附件）",
    "{t}及其他",
    "★{t}",
    "1、{t}",
    "《{t}》",
    "{t}（全年）",
    "{t}等3项",
    "{t}采购项目中标（成交）结果公告",
    "关于{t}的采购意向",
    "{t}（政府购买服务）",
    "{t}项目（一期）",
    "{t}等服务",
    "政府购买{t}项目",
    "开展{t}工作",
)


def _labelled(files: list[str]) -> list[tuple[str, str | None, str]]:
    """``(text, buyer, expect)`` of every labelled line, in file order."""
    out = []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    case = json.loads(line)
                    if case.get("expect") in ("in_scope", "out_of_scope"):
                        out.append((case["text"], case.get("department"), case["expect"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--lines", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    files = args.files or sorted(glob.glob(os.path.join(here, "corpus", "*.jsonl")))
    cat = catalogue.load()
    steady: dict[str, list[tuple[str, str | None]]] = {"in_scope": [], "out_of_scope": []}
    for text, buyer, expect in _labelled(files):
        try:
            verdict = cat.check(text, buyer).verdict
        except catalogue.CatalogueError:
            continue
        if verdict == expect:
            steady[expect].append((text, buyer))
    rng = random.Random(args.seed)
    sample = {k: rng.sample(v, min(args.lines, len(v))) for k, v in steady.items()}
    n_in, n_out = len(sample["in_scope"]), len(sample["out_of_scope"])
    print(f"lines: {n_in} in scope, {n_out} out of scope (each already so unwrapped)")
    print(f"{'wrapper':36s} {'in scope kept':>14s} {'out → in scope':>15s}")
    worst = 1.0
    for wrapper in WRAPPERS:
        kept = sum(
            cat.check(wrapper.format(t=t), b).verdict == "in_scope" for t, b in sample["in_scope"]
        )
        made = sum(
            cat.check(wrapper.format(t=t), b).verdict == "in_scope"
            for t, b in sample["out_of_scope"]
        )
        worst = min(worst, kept / n_in if n_in else 1.0)
        print(f"{wrapper:36s} {kept:>8d}/{n_in:<5d} {made:>9d}/{n_out:<5d}")
    print(f"lowest share of in-scope lines kept: {worst:.3f}")


if __name__ == "__main__":
    sys.exit(main())
