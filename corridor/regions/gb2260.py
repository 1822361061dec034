"""GB/T 2260 administrative divisions from the table cpca ships (not typed by hand). Plain module.

Municipalities' placeholder rows (市辖区, 县) are dropped so that a Shanghai district hangs directly
under Shanghai, as the G60 corridor counts Songjiang among its "cities".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from pypinyin import lazy_pinyin

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
SPECIAL_EN = {
    "陕西省": "Shaanxi",
    "内蒙古自治区": "Inner Mongolia",
    "广西壮族自治区": "Guangxi",
    "西藏自治区": "Tibet",
    "宁夏回族自治区": "Ningxia",
    "新疆维吾尔自治区": "Xinjiang",
    "香港特别行政区": "Hong Kong",
    "澳门特别行政区": "Macao",
}
_SUFFIXES = [("新区", " New Area"), ("区", " District"), ("县", " County"), ("旗", " Banner"), ("市", ""), ("省", ""),
             ("自治州", " Autonomous Prefecture"), ("地区", " Prefecture"), ("盟", " League")]


@dataclass(frozen=True)
class Division:
    code: str
    name_zh: str
    name_en: str
    level: str  # province | city | district
    parent_code: str | None
    longitude: float | None
    latitude: float | None


def english_name(name_zh: str) -> str:
    if name_zh in SPECIAL_EN:
        return SPECIAL_EN[name_zh]
    for zh, en in _SUFFIXES:
        if name_zh.endswith(zh) and len(name_zh) > len(zh):
            return "".join(lazy_pinyin(name_zh[: -len(zh)])).capitalize() + en
    return "".join(lazy_pinyin(name_zh)).capitalize()


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "district"


def load(province_prefixes: set[str] | None = None) -> list[Division]:
    """All divisions (or those of the given 2-digit province prefixes), parents before children."""
    with resources.files("cpca").joinpath("resources/adcodes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    raw: dict[str, tuple[str, float | None, float | None]] = {}
    for row in rows:
        code = row["adcode"][:6]
        if row["adcode"][6:].strip("0") or len(code) != 6 or not code.isdigit():
            continue
        if province_prefixes is not None and code[:2] not in province_prefixes:
            continue
        lon = float(row["longitude"]) if row.get("longitude") else None
        lat = float(row["latitude"]) if row.get("latitude") else None
        raw[code] = (row["name"], lon, lat)
    out: list[Division] = []
    for code in sorted(raw):
        name, lon, lat = raw[code]
        if name in PLACEHOLDERS:
            continue
        level = _level(code)
        parent: str | None = None
        if level == "city":
            parent = code[:2] + "0000"
        elif level == "district":
            city = code[:4] + "00"
            parent = city if city in raw and raw[city][0] not in PLACEHOLDERS else code[:2] + "0000"
        if parent is not None and parent not in raw:
            parent = None
        out.append(Division(code, name, english_name(name), level, parent, lon, lat))
    return out
