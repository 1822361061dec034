"""Build the labelled entity-resolution set `bench/data/dedupe_labelled.csv` (deterministic).

Rows: id, name, address, uscc, entity (the truth), variant (how the row was spelled). Two parts:

* Real companies (`dedupe_real_companies.py`): groups and their subsidiaries, English brands that are not pinyin.
* Synthetic enterprises built from the generator's word lists plus words the resolver's lexicon does
  not know (包装, 阀门, 照明 …), in families that make hard negatives: the same trade name in another
  city, in another industry in the same city, as a group parent, as a research institute, and a
  homophone trade name belonging to a different company.

Each organisation appears as 1–7 rows spelled the ways member lists spell it: the registered name,
bracketed city (全角 and 半角), traditional characters, a short name, the English name (registered
and sloppy), pinyin, a homophone typo, an English typo, a changed legal form, full-width letters,
Chinese with the English name in brackets. Credit codes are on some rows only (valid but invented);
a few carry a wrong check character, which the resolver must ignore rather than trust.

    .venv/bin/python bench/make_dedupe_set.py          # rewrites bench/data/dedupe_labelled.csv
"""

from __future__ import annotations

import csv
import os
import random
import sys
import unicodedata
from pathlib import Path

from pypinyin import lazy_pinyin
from zhconv import convert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedupe_real_companies import REAL

from corridor.demo import synthetic_data as data
from corridor.orgs import uscc

OUT = Path(os.environ.get("DEDUPE_SET_OUT") or Path(__file__).resolve().parent / "data" / "dedupe_labelled.csv")
SEED = int(os.environ.get("DEDUPE_SET_SEED", "20260"))
FAMILIES = 520

CITIES = [  # zh, en, province zh, province en, division code, address district
    ("上海", "Shanghai", "上海市", "Shanghai", "310117", "松江区"),
    ("嘉兴", "Jiaxing", "浙江省", "Zhejiang", "330402", "南湖区"),
    ("杭州", "Hangzhou", "浙江省", "Zhejiang", "330108", "滨江区"),
    ("金华", "Jinhua", "浙江省", "Zhejiang", "330702", "婺城区"),
    ("苏州", "Suzhou", "江苏省", "Jiangsu", "320505", "虎丘区"),
    ("湖州", "Huzhou", "浙江省", "Zhejiang", "330502", "吴兴区"),
    ("宣城", "Xuancheng", "安徽省", "Anhui", "341802", "宣州区"),
    ("芜湖", "Wuhu", "安徽省", "Anhui", "340207", "鸠江区"),
    ("合肥", "Hefei", "安徽省", "Anhui", "340104", "蜀山区"),
]
KNOWN_WORDS = [(zh, en) for profile in data.INDUSTRY_PROFILES.values() for zh, en, _takes in profile["words"]]
UNKNOWN_WORDS = [("包装", "Packaging"), ("印刷", "Printing"), ("家具", "Furniture"), ("照明", "Lighting"),
                 ("塑胶", "Plastics"), ("五金", "Hardware"), ("电缆", "Cable"), ("阀门", "Valves"),
                 ("泵业", "Pump"), ("玻璃", "Glass"), ("纸业", "Paper"), ("轴承", "Bearing")]
ROADS = ["科创路", "文昌路", "工业大道", "创新大道", "长江路", "人民路", "高新路", "湖滨路"]
EXTRA_CHARS = ("大衡红宏鸿洪化花伟维为成诚城程承晨辰臣陈欣心鑫杏可克开楷太态钛园原圆缘蕊胜圣升生声杭抗亢鞍岸庆青晴"
               "轻田添甜鸣名茗佳家加驰池迟弛舟州洲周粤跃悦岳钰玉毓裕禹雨语浩豪好皓郝昊灏锦进金晋劲谨")


def homophones() -> dict[str, list[str]]:
    chars = {ch for ch, _py in data.ZIHAO_CHARS} | set(EXTRA_CHARS)
    by_sound: dict[str, list[str]] = {}
    for ch in sorted(chars):
        by_sound.setdefault(lazy_pinyin(ch)[0], []).append(ch)
    return {ch: [o for o in by_sound[lazy_pinyin(ch)[0]] if o != ch] for ch in chars}


class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.sounds = homophones()
        self.rows: list[dict[str, str]] = []
        self.used_zihao: set[str] = set()
        self.serial = 0

    def code(self, division: str) -> str:
        self.serial += 1
        body = f"{self.rng.randrange(10**8):08d}{self.serial % 10}"
        return uscc.make("9", "1", division, body)

    def zihao(self) -> str:
        pool = [ch for ch, _ in data.ZIHAO_CHARS]
        while True:
            z = "".join(self.rng.sample(pool, 3 if self.rng.random() < 0.3 else 2))
            if z not in self.used_zihao and z not in data.BRANDS:
                self.used_zihao.add(z)
                return z

    def entity(self, key: str, zihao: str, city: tuple, word: tuple[str, str], kind: str = "company") -> dict:
        pz = lazy_pinyin(zihao)
        return {
            "key": key, "zihao": zihao, "zihao_en": "".join(pz).capitalize(), "pinyin": pz, "city": city,
            "word": word, "kind": kind, "middle": self.rng.random() < 0.4,
            "legal": "股份有限公司" if self.rng.random() < 0.25 else "有限公司", "uscc": self.code(city[4]),
            "address": f"{city[2] if city[2] != '上海市' else ''}{city[0]}市{city[5]}{self.rng.choice(ROADS)}"
                       f"{self.rng.randrange(1, 3000)}号",
        }

    def build(self) -> None:
        for n in range(FAMILIES):
            z = self.zihao()
            word = self.rng.choice(UNKNOWN_WORDS if self.rng.random() < 0.2 else KNOWN_WORDS)
            city = self.rng.choice(CITIES)
            family = [self.entity(f"s{n}", z, city, word)]
            r = self.rng.random()
            if r < 0.22:  # the same trade name registered in another city: only an address tells them apart
                other = self.rng.choice([c for c in CITIES if c != city])
                family.append(self.entity(f"s{n}c", z, other, word))
                for ent in family:
                    ent["namesake"] = True
            elif r < 0.40:  # a sister company in another industry, same city
                other_word = self.rng.choice([w for w in KNOWN_WORDS if w[0] != word[0]])
                family.append(self.entity(f"s{n}i", z, city, other_word))
            elif r < 0.48:  # the group parent
                family.append(self.entity(f"s{n}g", z, city, ("集团", "Group"), kind="group"))
            elif r < 0.55:  # a research institute of the same name
                family.append(self.entity(f"s{n}r", z, city, ("产业技术", "Industrial Technology"), kind="institute"))
            elif r < 0.63:  # a homophone trade name, a different company
                i = self.rng.randrange(len(z))
                options = self.sounds.get(z[i], [])
                if options:
                    hz = z[:i] + self.rng.choice(options) + z[i + 1 :]
                    other_word = self.rng.choice([w for w in KNOWN_WORDS if w[0] != word[0]])
                    family.append(self.entity(f"s{n}h", hz, self.rng.choice(CITIES), other_word))
            for ent in family:
                # "宣城展睿益" would name the company and its sister in the same city alike: not emitted.
                ent["crowded"] = any(o is not ent and o["city"] == ent["city"] for o in family)
                self.emit_synthetic(ent)
        for n, (zh, en, short, brand, address) in enumerate(REAL):
            self.emit_real(f"r{n}", zh, en, short, brand, address)

    # Spellings -----------------------------------------------------------------------------------
    def names(self, e: dict) -> dict[str, str]:
        czh, cen = e["city"][0], e["city"][1]
        wzh, wen = e["word"]
        z, zen = e["zihao"], e["zihao_en"]
        mid_zh, mid_en = ("科技", " Technology") if e["middle"] else ("", "")
        if e["kind"] == "institute":
            core_zh, core_en, legal, legal_en = f"{z}{wzh}研究院", f"{zen} {wen} Research Institute", "", ""
        elif e["kind"] == "group":
            core_zh, core_en, legal, legal_en = f"{z}集团", f"{zen} Group", "有限公司", " Co., Ltd."
        else:
            core_zh, core_en = f"{z}{wzh}{mid_zh}", f"{zen} {wen}{mid_en}"
            legal, legal_en = e["legal"], " Co., Ltd."
        py_core = " ".join(s.capitalize() for s in lazy_pinyin(core_zh))
        py_legal = {"有限公司": "You Xian Gong Si", "股份有限公司": "Gu Fen You Xian Gong Si",
                    "": ""}[legal]
        i = self.rng.randrange(len(z))
        options = self.sounds.get(z[i], [])
        typo_zh = (czh + z[:i] + self.rng.choice(options) + z[i + 1 :] + core_zh[len(z):] + legal) if options else ""
        j = self.rng.randrange(1, len(zen) - 1)
        typo_en = zen[:j] + zen[j + 1] + zen[j] + zen[j + 2 :] if self.rng.random() < 0.5 else zen[:j] + zen[j + 1 :]
        other_legal = "股份有限公司" if legal == "有限公司" else "有限公司" if legal == "股份有限公司" else legal
        return {
            "zh": f"{czh}{core_zh}{legal}",
            "zh_bracket_full": f"{core_zh}（{czh}）{legal}",
            "zh_bracket_half": f"{core_zh}({czh}){legal}",
            "zh_traditional": convert(f"{czh}{core_zh}{legal}", "zh-hant"),
            "zh_short": {"group": f"{z}集团", "institute": f"{z}研究院"}.get(e["kind"], f"{z}{wzh}"),
            "zh_short_city": f"{czh}{z}" if e["kind"] == "company" and not e.get("crowded") else "",
            "zh_legal_changed": f"{czh}{core_zh}{other_legal}",
            "zh_typo": typo_zh,
            "en": f"{cen} {core_en}{legal_en}".strip(),
            "en_sloppy": core_en if self.rng.random() < 0.5 else f"{cen} {core_en}",
            "en_bracket_city": f"{core_en} ({cen}){legal_en}",
            "en_upper": f"{cen} {core_en}".upper(),
            "en_typo": f"{cen} {typo_en} {core_en.split(' ', 1)[1] if ' ' in core_en else ''}".strip(),
            "pinyin": f"{cen} {py_core} {py_legal}",
            "en_fullwidth": "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in f"{cen} {core_en}"),
            "zh_with_en": f"{czh}{core_zh}{legal}（{cen} {core_en}{legal_en}）",
        }

    def emit_synthetic(self, e: dict) -> None:
        spellings = self.names(e)
        weights = {"zh": 5, "zh_bracket_full": 2, "zh_bracket_half": 1, "zh_traditional": 1, "zh_short": 3,
                   "zh_short_city": 1, "zh_legal_changed": 1, "zh_typo": 1, "en": 3, "en_sloppy": 2,
                   "en_bracket_city": 1, "en_upper": 1, "en_typo": 1, "pinyin": 1, "en_fullwidth": 1,
                   "zh_with_en": 1}
        count = min(len(weights), 1 + int(self.rng.expovariate(1 / 2.2)))
        chosen: list[str] = []
        names = [k for k in weights if spellings[k]]
        while len(chosen) < min(count, len(names)):
            pick = self.rng.choices(names, [weights[k] for k in names])[0]
            if pick not in chosen:
                chosen.append(pick)
        for variant in chosen:
            code = ""
            if variant in ("zh", "en", "zh_legal_changed", "zh_with_en") and self.rng.random() < 0.45:
                code = e["uscc"]
                if self.rng.random() < 0.06:  # a wrong check character: must be ignored, not trusted
                    code = code[:17] + uscc.ALPHABET[(uscc.ALPHABET.index(code[17]) + 1) % 31]
            address = e["address"] if e.get("namesake") or self.rng.random() < 0.45 else ""
            self.add(e["key"], spellings[variant], address, code, variant)

    def emit_real(self, key: str, zh: str, en: str, short: str, brand: str, address: str) -> None:
        division = f"{self.rng.randrange(11, 65):02d}0100"
        code = self.code(division)
        variants = [("zh", zh), ("en", en), ("zh_short", short)]
        if brand:
            variants += [("en_brand", brand), ("en_brand_upper", brand.upper())]
        variants += [("en_sloppy", en.replace(" Co., Ltd.", "").replace(", Inc.", "").replace(" Limited", "")),
                     ("zh_traditional", convert(zh, "zh-hant"))]
        self.rng.shuffle(variants)
        count = 2 + int(self.rng.expovariate(1 / 1.5))
        for variant, name in variants[:count]:
            give = variant in ("zh", "en") and self.rng.random() < 0.6
            self.add(key, name, address if self.rng.random() < 0.4 else "", code if give else "", variant)

    def add(self, entity: str, name: str, address: str, code: str, variant: str) -> None:
        self.rows.append({"name": unicodedata.normalize("NFC", name), "address": address, "uscc": code,
                          "entity": entity, "variant": variant})


def main() -> None:
    builder = Builder()
    builder.build()
    rows = drop_ambiguous(builder.rows)
    builder.rng.shuffle(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "name", "address", "uscc", "entity", "variant"])
        writer.writeheader()
        for n, row in enumerate(rows, 1):
            writer.writerow({"id": f"r{n:05d}", **row})
    entities = {r["entity"] for r in rows}
    pairs = sum(c * (c - 1) // 2 for c in _counts(rows).values())
    print(f"{OUT}: {len(rows)} rows, {len(entities)} organisations, {pairs} true pairs")


def drop_ambiguous(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows whose name and address are identical for two organisations: nobody can tell them apart."""
    from corridor.resolution.names import exact_key

    owners: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        owners.setdefault((exact_key(r["name"]), r["address"][:6]), set()).add(r["entity"])
    return [r for r in rows if len(owners[(exact_key(r["name"]), r["address"][:6])]) == 1]


def _counts(rows: list[dict[str, str]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r["entity"]] = out.get(r["entity"], 0) + 1
    return out


if __name__ == "__main__":
    main()
