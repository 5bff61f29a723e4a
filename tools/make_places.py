"""Write ``data/places.json`` from the administrative divisions of cpca's ``adcodes.csv``.

    pip download --no-deps cpca==0.5.5 && unzip cpca-0.5.5-py3-none-any.whl
    python tools/make_places.py cpca/resources/adcodes.csv > data/places.json

cpca (MIT licence, © 2018 QinYuan Du) ships the county-level divisions of China with their
codes. Only the names are taken: each full name (常州市, 利通区, 忠县) and, when at least two
characters are left without the division suffix, its short form (常州, 利通); an autonomous
division's also without the peoples it is named for (黔西南布依族苗族自治州: 黔西南).
"""

from __future__ import annotations

import csv
import json
import re
import sys

#: division suffixes, longest first
SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
    "自治旗", "地区", "新区", "省", "市", "州", "盟", "县", "区", "旗",
)  # fmt: skip
#: short forms that are ordinary words at the start of a budget line, never stripped as places
COMMON_WORDS = frozenset(
    [
        "互助",
        "沿河",
        "三江",
        "长白",
        "青龙",
        "玉龙",
        "石林",
        "白沙",
        "大化",
        "双江",
        "城区",
        "郊区",
        "矿区",
        "新城",
        "新华",
        "和平",
        "长安",
        "城关",
        "中山",
        "开发",
        "高新",
        "安全",
        "平安",
        "东区",
        "西区",
        "南区",
        "北区",
        "江北",
        "河东",
        "河西",
        "城中",
        "城东",
        "城西",
        "城南",
        "城北",
        "市中",
        "永安",
        "新兴",
        "前进",
        "红旗",
        "青山",
        "白山",
        "南山",
        "北山",
        "东山",
        "西山",
        "铁东",
        "铁西",
        "龙华",
        "金山",
        "宝山",
        "石门",
        "建华",
        "华龙",
        "龙山",
        "文化",
        "向阳",
        "光明",
        "民主",
        "团结",
        "新市",
        "清河",
        "海港",
        "港口",
        "海洋",
        "通道",
        "大通",
        "长寿",
        "永和",
        "和顺",
        "太平",
        "兴安",
        "安宁",
        "宁安",
        "安定",
        "永定",
        "普安",
        "普定",
        "正安",
        "安化",
        "大安",
        "安乡",
        "吉安",
        "泰安",
        "延安",
        "西安",
        "福安",
        "安福",
        "安远",
        "安源",
        "新乡",
        "新区",
    ]
)


#: the peoples an autonomous division is named for (黔西南布依族苗族自治州): its plain short form
#: leaves them out, as budget tables write it (黔西南州, 凉山州, 湘西州)
PEOPLES = tuple(
    sorted(
        [
            "布依族",
            "苗族",
            "侗族",
            "土家族",
            "朝鲜族",
            "彝族",
            "藏族",
            "羌族",
            "回族",
            "蒙古族",
            "哈萨克族",
            "柯尔克孜族",
            "维吾尔族",
            "壮族",
            "瑶族",
            "傣族",
            "景颇族",
            "白族",
            "哈尼族",
            "傈僳族",
            "纳西族",
            "拉祜族",
            "佤族",
            "怒族",
            "独龙族",
            "普米族",
            "布朗族",
            "阿昌族",
            "德昂族",
            "基诺族",
            "水族",
            "仡佬族",
            "毛南族",
            "仫佬族",
            "黎族",
            "畲族",
            "满族",
            "达斡尔族",
            "鄂温克族",
            "鄂伦春族",
            "锡伯族",
            "撒拉族",
            "东乡族",
            "保安族",
            "裕固族",
            "土族",
            "塔吉克族",
            "乌孜别克族",
            "塔塔尔族",
            "俄罗斯族",
            "京族",
            "各族",
        ],
        key=len,
        reverse=True,
    )
)
AUTONOMOUS = ("自治州", "自治县", "自治旗")


#: the peoples at the end of a name, one or more
PEOPLES_AT_END = re.compile("(?:" + "|".join(PEOPLES) + ")+$")


def plain(base: str) -> str:
    """``base`` without the peoples it ends in (黔西南布依族苗族 → 黔西南)."""
    found = PEOPLES_AT_END.search(base)
    return base if found is None or found.start() == 0 else base[: found.start()]


def main(path: str) -> None:
    full: set[str] = set()
    short: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["name"].strip()
            if len(name) < 2:
                continue
            full.add(name)
            for suffix in SUFFIXES:
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    base = name[: -len(suffix)]
                    if base not in COMMON_WORDS:
                        short.add(base)
                    if suffix in AUTONOMOUS:
                        bare = plain(base)
                        if bare != base and len(bare) >= 2 and bare not in COMMON_WORDS:
                            short.add(bare)
                    break
    data = {
        "description": (
            "中国县级以上行政区划名称：清洗预算项目文本和读机关名称时，开头的地名去掉。names 是全称"
            "（常州市、利通区、忠县），short 是去掉“市、县、区…”后至少两个字的简称（常州、利通；"
            "自治州、自治县、自治旗另有去掉民族名称的简称：黔西南、凉山）；"
            "与常用词相同的简称（城区、和平、新城…）不列入。"
        ),
        "source": (
            "cpca 0.5.5 resources/adcodes.csv（MIT 许可，© 2018 QinYuan Du），"
            "由 tools/make_places.py 生成"
        ),
        "names": sorted(full),
        "short": sorted(short - full),
    }
    json.dump(data, sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
