"""A synthetic population of organisations in the nine G60 cities, for the demo and benchmarks.

Plain module, no Django. Deterministic: the same (n, seed) gives the same rows, and the rows for a
smaller n are the first rows for a larger one, so the demo and the benchmarks share one population.
Streaming: `generate` holds one row at a time. Every record says `is_synthetic: True`.

Trade names (字号) and credit codes are unique by construction — both are keyed permutations of the
row number rather than draws that could collide — so a million rows need no memory of what was used.
"""

from __future__ import annotations

import csv
import datetime
import random
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import mul
from typing import Any

from corridor.demo import synthetic_data as data
from corridor.demo.facts import G60_CITIES, INDUSTRIES, WUHU_DECLARATION
from corridor.demo.facts_orgs import first_batch_named
from corridor.orgs import uscc
from corridor.regions import gb2260

DEFAULT_SEED = 60
ROBOT_FOUNDING = datetime.date(2018, 12, 21)
# The newest date an action may have, fixed so that output does not depend on the day it is run.
LAST_ACTION = datetime.date(2024, 12, 31)
VICE_CHAIRS_PER_ALLIANCE = 3

CSV_FIELDS = (
    "uscc", "name_zh", "name_en", "short_name", "kind", "region", "address", "size_band", "is_head_enterprise",
    "industries", "description_zh", "description_en", "founded_year", "website", "listed", "contact_name",
    "contact_email", "contact_phone", "alliances", "is_synthetic",
)


@dataclass(frozen=True)
class Place:
    code: str  # the district's GB/T 2260 code
    city_code: str  # the G60 city (Songjiang counts as one)
    address_prefix: str  # 浙江省杭州市滨江区
    district_zh: str
    district_en: str
    city_zh: str
    city_en: str
    name_prefix_zh: str
    name_prefix_en: str
    phone_area: str


def places() -> dict[str, list[Place]]:
    """The districts of each G60 city, from the GB/T 2260 table (Songjiang is itself a district)."""
    divisions = {d.code: d for d in gb2260.load({"31", "32", "33", "34"})}
    out: dict[str, list[Place]] = {}
    for city_code in G60_CITIES:
        city = divisions[city_code]
        province = divisions[city.parent_code or ""]
        _weight, prefix_zh, prefix_en, area = data.CITIES[city_code]
        if city.level == "district":
            districts = [city]
            city_zh, city_en, prefix = city.name_zh, city.name_en.replace(" District", ""), province.name_zh
        else:
            districts = [d for d in divisions.values() if d.parent_code == city_code]
            city_zh, city_en, prefix = city.name_zh, city.name_en, province.name_zh + city.name_zh
        out[city_code] = [
            Place(
                d.code, city_code, prefix + d.name_zh, d.name_zh, d.name_en, city_zh, city_en, prefix_zh, prefix_en,
                area,
            )
            for d in districts
        ]
    return out


class Permutation:
    """A keyed bijection of range(domain): a 4-round Feistel network, cycle-walked back into the domain."""

    def __init__(self, domain: int, keys: tuple[int, ...]) -> None:
        bits = max(2, (domain - 1).bit_length())
        bits += bits & 1
        self.domain, self.half, self.mask, self.keys = domain, bits // 2, (1 << (bits // 2)) - 1, keys

    def __call__(self, index: int) -> int:
        if not 0 <= index < self.domain:
            raise ValueError(f"{index} is outside 0..{self.domain - 1}")
        half, mask = self.half, self.mask
        x = index
        while True:
            left, right = x >> half, x & mask
            for key in self.keys:
                h = (right * 0x9E3779B1 + key) & 0xFFFFFFFF
                h ^= h >> 15
                h = (h * 0x85EBCA6B) & 0xFFFFFFFF
                left, right = right, left ^ ((h ^ (h >> 13)) & mask)
            x = (left << half) | right
            if x < self.domain:
                return x


_GB11714_VALUE = {ch: int(ch, 36) for ch in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def gb11714_check(body8: str) -> str:
    """The check character of a 9-character organisation code (GB 11714), the credit code's characters 9–17."""
    total = sum(map(mul, map(_GB11714_VALUE.__getitem__, body8), (3, 7, 9, 10, 5, 8, 4, 2)))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


class Generator:
    """The population's state: the random stream plus the counters that batches and roles depend on.

    Draws use `random()` directly rather than `choice`/`choices`/`randint`: a million rows must stream
    in well under a minute, and those wrappers cost more than the rest of a row.
    """

    def __init__(self, seed: int = DEFAULT_SEED, first_batch_quota: dict[str, int] | None = None) -> None:
        self.rng = random.Random(seed)
        key_rng = random.Random(f"corridor-demo-keys-{seed}")
        name_keys = tuple(key_rng.getrandbits(32) for _ in range(4))
        self.pool = data.ZIHAO_CHARS
        k = len(self.pool)
        # Trade names: the first K² rows get two characters, the next K³ three, then four.
        self.name_spaces = [(length, k**length, Permutation(k**length, name_keys)) for length in (2, 3, 4)]
        # Codes need uniqueness, not secrecy: an affine map (multiplier coprime to 10) is a bijection of
        # the 8-digit bodies and far cheaper than the Feistel network.
        self.code_step = key_rng.randrange(10**7, 10**8) | 1
        while self.code_step % 5 == 0:
            self.code_step += 2
        self.code_offset = key_rng.randrange(10**8)
        self.places = places()
        self.city_codes = list(self.places)
        self.city_cum = list(accumulate(data.CITIES[c][0] for c in self.city_codes))
        self.industries = list(data.INDUSTRY_PROFILES)
        self.industry_cum = list(accumulate(data.INDUSTRY_PROFILES[s]["weight"] for s in self.industries))
        self.kinds = [k for k, _w in data.KIND_WEIGHTS]
        self.kind_cum = list(accumulate(w for _k, w in data.KIND_WEIGHTS))
        # The robot alliance's first batch is 138 (seed 000): the named members plus synthetic ones.
        default_quota = {"g60-robot": 138 - first_batch_named("g60-robot")}
        self.first_batch_left = dict(first_batch_quota if first_batch_quota is not None else default_quota)
        self.vice_chairs: dict[str, int] = {}

    def _pick(self, items: Sequence[Any]) -> Any:
        return items[int(self.rng.random() * len(items))]

    def _weighted(self, items: list, cum: list[int]) -> Any:
        return items[bisect(cum, self.rng.random() * cum[-1])]

    # -- unique keys -------------------------------------------------------------------------------
    def trade_name(self, index: int) -> tuple[str, str]:
        """(字号, its pinyin) for row `index`; a different row never gets the same characters."""
        length, p = self._name_number(index)
        k = len(self.pool)
        picked = []
        for _ in range(length):
            p, digit = divmod(p, k)
            picked.append(self.pool[digit])
        chars = [ch for ch, _py in picked]
        sounds = [py for _ch, py in picked]
        for i in range(1, length):
            if picked[i][0] == picked[i - 1][0]:
                chars[i], sounds[i] = data.DOUBLE_STAND_IN
        if length == 2 and chars[0] + chars[1] in data.BRANDS:
            chars.insert(1, data.BRAND_STAND_IN[0])
            sounds.insert(1, data.BRAND_STAND_IN[1])
        return "".join(chars), "".join(sounds).capitalize()

    def _name_number(self, index: int) -> tuple[int, int]:
        offset = index
        for length, size, permutation in self.name_spaces:
            if offset < size:
                return length, permutation(offset)
            offset -= size
        raise ValueError("too many rows for the trade-name alphabet")

    def credit_code(self, index: int, kind: str, division: str) -> str:
        if not 0 <= index < 10**8:
            raise ValueError("too many rows for 8-digit organisation codes")
        body = f"{(index * self.code_step + self.code_offset) % 10**8:08d}"
        prefix = data.USCC_PREFIX[kind]
        return uscc.make(prefix[0], prefix[1], division, body + gb11714_check(body))

    # -- one row -----------------------------------------------------------------------------------
    def row(self, index: int) -> dict[str, Any]:
        rnd = self.rng.random
        pick = self._pick
        kind = self._weighted(self.kinds, self.kind_cum)
        city = self._weighted(self.city_codes, self.city_cum)
        place = pick(self.places[city])
        industry = self._weighted(self.industries, self.industry_cum)
        profile = data.INDUSTRY_PROFILES[industry]
        industries = [industry]
        if rnd() < 0.3:
            industries.append(pick(profile["related"]))
        head = kind == "enterprise" and rnd() < 0.058
        founded = self._founded(kind, head)
        zihao, zihao_en = self.trade_name(index)
        word_zh, word_en, takes_suffix = pick(profile["words"])
        names = self._names(kind, place, zihao, zihao_en, word_zh, word_en, takes_suffix, head)
        products = profile["products"]
        first = int(rnd() * len(products))
        second = int(rnd() * (len(products) - 1))
        chosen = [products[first], products[second + (second >= first)]]
        use = pick(profile["uses"])
        description_zh, description_en = self._describe(kind, names, place, founded, chosen, use, head)
        domain = f"{zihao_en.lower()}-{word_en.split()[0].lower()}.example"
        row: dict[str, Any] = {
            "uscc": self.credit_code(index, kind, place.code),
            "name_zh": names[0],
            "name_en": names[1],
            "short_name": names[2],
            "kind": kind,
            "region": place.code,
            "city": place.city_code,
            "address": f"{place.address_prefix}{pick(data.ROADS)}{int(rnd() * 2999) + 1}号",
            "size_band": self._size(kind, head),
            "is_head_enterprise": head,
            "industries": industries,
            "description_zh": description_zh,
            "description_en": description_en,
            "founded_year": founded,
            "website": f"https://www.{domain}/" if rnd() < 0.6 else "",
            "listed": rnd() < 0.97,
            "contact_name": pick(data.SURNAMES) + pick(data.GIVEN),
            "contact_email": f"{pick(data.MAIL_BOXES)}@{domain}",
            # A subscriber number never starts with 0, so these cannot ring anyone.
            "contact_phone": f"{place.phone_area}-0{int(rnd() * 9000000) + 1000000}",
            "is_synthetic": True,
        }
        row["memberships"] = memberships = self._memberships(kind, industries, founded, head)
        row["actions"] = self._actions(memberships, chosen, place) if memberships else []
        return row

    def _founded(self, kind: str, head: bool) -> int:
        r = self.rng.random()
        if kind == "enterprise":
            return 1985 + int(r * 25) if head else 2023 - int(r**1.6 * 30)
        start, span = {"institute": (1960, 63), "university": (1950, 60), "investor": (2005, 19)}.get(kind, (1995, 29))
        return start + int(r * span)

    def _size(self, kind: str, head: bool) -> str:
        r = self.rng.random()
        if head:
            return "large" if r < 0.8 else "medium"
        if kind == "enterprise":
            return "micro" if r < 0.12 else "small" if r < 0.6 else "medium" if r < 0.9 else "large"
        if kind in ("investor", "association"):
            return "micro" if r < 0.5 else "small"
        if kind == "university":
            return "large" if r < 0.6 else "medium"
        return "small" if r < 0.5 else "medium"

    def _names(
        self, kind: str, place: Place, zihao: str, zihao_en: str, word_zh: str, word_en: str, takes: bool, head: bool
    ) -> tuple[str, str, str]:
        rnd = self.rng.random
        pz, pe = place.name_prefix_zh, place.name_prefix_en
        if kind == "enterprise":
            middle_zh, middle_en = self._pick(_MIDDLES) if takes else ("", "")
            legal = "股份有限公司" if rnd() < (0.6 if head else 0.15) else "有限公司"
            en_middle = f" {middle_en}" if middle_en else ""
            return (f"{pz}{zihao}{word_zh}{middle_zh}{legal}", f"{pe} {zihao_en} {word_en}{en_middle} Co., Ltd.",
                    f"{zihao}{word_zh}")
        if kind == "institute":
            if rnd() < 0.5:
                return (f"{pz}{zihao}{word_zh}产业技术研究院", f"{pe} {zihao_en} {word_en} Industrial Technology "
                        "Research Institute", f"{zihao}研究院")
            return f"{pz}{zihao}{word_zh}研究院", f"{pe} {zihao_en} {word_en} Research Institute", f"{zihao}研究院"
        if kind == "university":
            if rnd() < 0.5:
                return f"{pz}{zihao}职业技术学院", f"{pe} {zihao_en} Vocational and Technical College", f"{zihao}职院"
            return f"{pz}{zihao}理工学院", f"{pe} {zihao_en} Institute of Technology", f"{zihao}理工"
        if kind == "investor":
            zh, en = self._pick(_INVESTOR_FORMS)
            return f"{pz}{zihao}{zh}", f"{pe} {zihao_en} {en}", f"{zihao}投资"
        return (f"{pz}{zihao}{word_zh}产业促进会", f"{pe} {zihao_en} {word_en} Industry Promotion Association",
                f"{zihao}{word_zh}促进会")

    def _describe(
        self, kind: str, names: tuple[str, str, str], place: Place, founded: int, products: list[tuple[str, str]],
        use: tuple[str, str], head: bool,
    ) -> tuple[str, str]:
        (p1, p1_en), (p2, p2_en) = products
        where_zh = place.district_zh if place.code == place.city_code else f"{place.city_zh}{place.district_zh}"
        where_en = place.city_en if place.code == place.city_code else f"{place.district_en}, {place.city_en}"
        if kind == "enterprise":
            short, short_en = names[2], names[1].removesuffix(" Co., Ltd.")
            patents = 3 + int(self.rng.random() * (400 if head else 60))
            lead_zh = "行业龙头企业，" if head else ""
            lead_en = "A leading enterprise of its industry, it " if head else "It "
            return (
                f"{short}成立于{founded}年，位于{where_zh}。{lead_zh}专注于{p1}和{p2}的研发、生产与销售，产品主要应用于{use[0]}，"
                f"拥有授权专利{patents}项，为长三角G60科创走廊上下游企业配套。",
                f"{short_en} was founded in {founded} in {where_en}. {lead_en}develops, makes and sells {p1_en} and "
                f"{p2_en}, mainly for {use[1]}; it holds {patents} patents and supplies companies up and down the "
                "chain along the G60 corridor.",
            )
        if kind == "institute":
            return (
                f"{names[0]}成立于{founded}年，位于{where_zh}，围绕{p1}、{p2}开展关键技术研发、检验检测和成果转化，"
                "向九城市企业开放共享检验检测设备。",
                f"Founded in {founded} in {where_en}, the institute researches {p1_en} and {p2_en}, offers testing and "
                "technology transfer, and shares its inspection equipment with companies in the nine cities.",
            )
        if kind == "university":
            return (
                f"{names[0]}创办于{founded}年，位于{where_zh}，开设与{p1}相关的专业，与企业共建{p2}联合实验室，培养产业技术人才。",
                f"Founded in {founded} in {where_en}; teaches programmes related to {p1_en}, runs a joint laboratory "
                f"on {p2_en} with companies and trains technical talent for industry.",
            )
        if kind == "investor":
            return (
                f"{names[0]}成立于{founded}年，位于{where_zh}，专注投资产业链早中期项目，重点关注{p1}、{p2}等领域。",
                f"Founded in {founded} in {where_en}; invests in early- and growth-stage companies along the chain, "
                f"with a focus on {p1_en} and {p2_en}.",
            )
        return (
            f"{names[0]}成立于{founded}年，服务{place.city_zh}的{p1}、{p2}企业，组织供需对接、标准研讨和政策宣讲。",
            f"Founded in {founded}; serves {p1_en} and {p2_en} companies in {place.city_en} with supply–demand "
            "matchmaking, standards work and policy briefings.",
        )

    def _memberships(self, kind: str, industries: list[str], founded: int, head: bool) -> list[dict[str, Any]]:
        rnd = self.rng.random
        out = []
        for industry in dict.fromkeys(industries):
            if industry not in data.ALLIANCE_BY_INDUSTRY:
                continue
            slug, chance = data.ALLIANCE_BY_INDUSTRY[industry]
            if kind == "investor":
                chance *= 0.3
            if rnd() >= chance:
                continue
            role = "member"
            if head and self.vice_chairs.get(slug, 0) < VICE_CHAIRS_PER_ALLIANCE:
                self.vice_chairs[slug] = self.vice_chairs.get(slug, 0) + 1
                role = "vice_chair"
            elif head or rnd() < 0.04:
                role = "director"
            batch, joined = 1, None
            if slug == "g60-robot":
                batch, joined = self._robot_batch(founded)
            elif rnd() < 0.3:
                batch = 2
            out.append({"alliance": slug, "role": role, "batch": batch, "joined_on": joined})
        return out

    def _robot_batch(self, founded: int) -> tuple[int, datetime.date]:
        rng = self.rng
        if founded <= ROBOT_FOUNDING.year and self.first_batch_left.get("g60-robot", 0) > 0:
            self.first_batch_left["g60-robot"] -= 1
            return 1, ROBOT_FOUNDING
        if founded <= 2020 and rng.random() < 0.5:
            start = datetime.date(max(2019, founded), 1, 1)
            return 2, _between(rng, start, datetime.date(2020, 12, 31))
        start = datetime.date(max(2021, founded), 1, 1)
        return 3, _between(rng, start, datetime.date(2023, 12, 31))

    def _actions(
        self, memberships: list[dict[str, Any]], products: list[tuple[str, str]], place: Place
    ) -> list[dict[str, Any]]:
        rng = self.rng
        out: list[dict[str, Any]] = []
        for membership in memberships:
            if membership["alliance"] != WUHU_DECLARATION.alliance_slug or rng.random() >= 0.1:
                continue
            position = 1 + int(rng.random() * len(WUHU_DECLARATION.commitments))
            other = self.places[self._pick([c for c in self.city_codes if c != place.city_code])][0]
            product, product_en = self._pick(products)
            taken = _between(rng, max(membership["joined_on"], datetime.date(2019, 1, 1)), LAST_ACTION)
            zh, en = _ACTION_TEXT[position]
            n = 3 + int(rng.random() * 28)
            out.append({
                "alliance": WUHU_DECLARATION.alliance_slug,
                "declaration": WUHU_DECLARATION.title_zh,
                "position": position,
                "taken_on": taken,
                "description": zh.format(city=other.city_zh, product=product, n=n) + " / "
                + en.format(city=other.city_en, product=product_en, n=n),
            })
        return out


_MIDDLES = (("科技", "Technology"), ("科技", "Technology"), ("技术", "Technology"), ("制造", "Manufacturing"))
_INVESTOR_FORMS = (
    ("创业投资有限公司", "Venture Capital Co., Ltd."),
    ("股权投资基金管理有限公司", "Equity Investment Fund Management Co., Ltd."),
    ("产业投资合伙企业（有限合伙）", "Industrial Investment Partnership (LP)"),
)


# Per commitment of the Wuhu Declaration: what a member might have done (zh, en templates).
_ACTION_TEXT = {
    1: ("与{city}企业共建{product}联合产线", "Set up a joint {product} production line with a company in {city}"),
    2: ("牵头组织{product}关键技术联合攻关", "Led joint research on key {product} technologies"),
    3: ("推出自主品牌{product}新产品", "Launched a new own-brand {product} product"),
    4: ("参加联盟供需对接会，与{n}家上下游企业达成合作意向",
        "Joined an alliance supply–demand session and agreed cooperation with {n} suppliers and customers"),
    5: ("在{city}设立分支机构，服务九城市场", "Opened a branch in {city} to serve the nine-city market"),
}


def _between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    if end <= start:
        return start
    return datetime.date.fromordinal(start.toordinal() + rng.randrange((end - start).days + 1))


def generate(n: int, seed: int = DEFAULT_SEED, *, first_batch_quota: dict[str, int] | None = None) -> Iterator[dict]:
    """n synthetic organisations, one dict at a time (with `memberships` and `actions` lists)."""
    if n < 0:
        raise ValueError("n must not be negative")
    generator = Generator(seed, first_batch_quota)
    for index in range(n):
        yield generator.row(index)


def csv_row(row: dict[str, Any]) -> list[Any]:
    """A generated row as CSV values in CSV_FIELDS order: lists joined with ';', memberships as
    alliance:role:batch, booleans as 1/0."""
    return [
        row["uscc"], row["name_zh"], row["name_en"], row["short_name"], row["kind"], row["region"], row["address"],
        row["size_band"], int(row["is_head_enterprise"]), ";".join(row["industries"]), row["description_zh"],
        row["description_en"], row["founded_year"], row["website"], int(row["listed"]), row["contact_name"],
        row["contact_email"], row["contact_phone"],
        ";".join(f"{m['alliance']}:{m['role']}:{m['batch']}" for m in row["memberships"]), 1,
    ]


def write_csv(path: str, n: int, seed: int = DEFAULT_SEED, progress: Callable[[int], None] | None = None) -> int:
    """Write n synthetic organisations to a UTF-8 CSV (with BOM, so Excel reads the Chinese). Returns n."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_FIELDS)
        write = writer.writerow
        done = 0
        for row in generate(n, seed):
            write(csv_row(row))
            done += 1
            if progress is not None and done % 10000 == 0:
                progress(done)
        if progress is not None:
            progress(done)
    return n


def demonstration_parks(seed: int = DEFAULT_SEED, count: int = 11) -> list[dict[str, Any]]:
    """The corridor's stated 11 demonstration parks are unnamed in the seeds: synthetic stand-ins,
    one per city and the rest in the largest cities, each with an industry of its own."""
    rng = random.Random(f"corridor-demo-parks-{seed}")
    names = {i.slug: (i.name_zh, i.name_en) for i in INDUSTRIES}
    all_places = places()
    cities = list(G60_CITIES)
    by_weight = sorted(cities, key=lambda c: -data.CITIES[c][0])
    chosen = (cities + by_weight)[:count]
    used: set[tuple[str, str]] = set()
    out = []
    for number, city in enumerate(chosen, start=1):
        industry = rng.choice([s for s in data.INDUSTRY_PROFILES if (city, s) not in used])
        used.add((city, industry))
        place = rng.choice(all_places[city])
        partner = all_places[rng.choice([c for c in cities if c != city])][0]
        ind_zh, ind_en = names[industry][0], names[industry][1].title()
        short_zh = place.city_zh.removesuffix("市").removesuffix("区")
        out.append({
            "slug": f"g60-demo-park-{number:02d}",
            "name_zh": f"G60科创走廊{short_zh}{ind_zh}产业合作示范园",
            "name_en": f"G60 Corridor {place.city_en} {ind_en} Industrial Cooperation Demonstration Park",
            "kind": "demonstration_park",
            "region": place.code,
            "industry": industry,
            "description_zh": f"（合成示例）{place.city_zh}与{partner.city_zh}合作共建的{ind_zh}产业合作示范园区。",
            "description_en": f"(Synthetic example) An industrial cooperation demonstration park for {ind_en.lower()} "
            f"built by {place.city_en} with {partner.city_en}.",
            "is_synthetic": True,
        })
    return out
