"""Synthetic organisations and application items (all flagged synthetic) for the benchmark and the tests.

Raw JSON-ready dicts, as `corridor policies eligibility` reads them: run them through `load_org` and
`parse_item`. Region codes are real GB 2260 codes of the nine G60 cities and some of their districts;
every other value is invented. Some data is missing on purpose, as in a real registry.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from corridor.policies.eligibility.fields import CERTIFICATE_KINDS, FIELDS, OPERATORS

# City → some of its districts (GB 2260). Shanghai's districts hang directly under 310000.
CITIES: dict[str, list[str]] = {
    "310000": ["310117", "310104", "310112", "310115", "310118"],  # Shanghai: Songjiang, Xuhui, Minhang, Pudong, Qingpu
    "330400": ["330402", "330411", "330421"],  # Jiaxing
    "330100": ["330106", "330108", "330110"],  # Hangzhou
    "330700": ["330702", "330782"],  # Jinhua
    "320500": ["320505", "320506", "320583"],  # Suzhou
    "330500": ["330502", "330503"],  # Huzhou
    "341800": ["341802"],  # Xuancheng
    "340200": ["340202", "340207"],  # Wuhu
    "340100": ["340104", "340111"],  # Hefei
}
INDUSTRIES = [f"ind{i:02d}" for i in range(24)]
SEGMENTS = [f"{ind}.seg{j}" for ind in INDUSTRIES[:12] for j in range(5)]
ALLIANCES = [f"alliance{i:02d}" for i in range(12)]
KINDS = list(CERTIFICATE_KINDS)


def organisation(rng: random.Random, number: int) -> dict[str, Any]:
    def maybe(p_missing: float, value: Any) -> Any:
        return None if rng.random() < p_missing else value

    city = rng.choice(list(CITIES))
    r = rng.random()
    region = rng.choice(CITIES[city]) if r < 0.85 else city if r < 0.97 else None
    org: dict[str, Any] = {
        "id": f"org{number}",
        "kind": maybe(0.02, rng.choices(FIELDS["kind"].choices, weights=[80, 6, 4, 2, 5, 3])[0]),
        "region": region,
        "size_band": maybe(0.1, rng.choices(FIELDS["size_band"].choices, weights=[30, 45, 20, 5])[0]),
        "is_head_enterprise": maybe(0.05, rng.random() < 0.03),
        "industries": maybe(0.08, rng.sample(INDUSTRIES, rng.randint(0, 3))),
        "chain_segments": maybe(0.2, rng.sample(SEGMENTS, rng.randint(0, 4))),
        "alliances": maybe(0.1, rng.sample(ALLIANCES, rng.choice([0, 0, 1, 1, 2]))),
        "rnd_share": maybe(0.4, round(rng.lognormvariate(1.0, 0.8), 2)),
        "revenue_band": maybe(0.3, rng.choice(FIELDS["revenue_band"].choices)),
        "employees": maybe(0.2, int(rng.lognormvariate(3.5, 1.3))),
        "has_rnd_project": maybe(0.3, rng.random() < 0.4),
        "has_instrument": maybe(0.3, rng.random() < 0.2),
    }
    founded = dt.date(1985, 1, 1) + dt.timedelta(days=rng.randint(0, 40 * 365))
    r = rng.random()
    if r < 0.6:
        org["founded_on"] = founded.isoformat()
    elif r < 0.85:
        org["founded_year"] = founded.year
    if rng.random() > 0.25:
        certs = []
        for kind in rng.sample(KINDS, rng.choice([0, 0, 1, 1, 2])):
            start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
            certs.append({"kind": kind, "valid_from": start.isoformat(),
                          "valid_until": (start + dt.timedelta(days=3 * 365)).isoformat()})
        org["certificates"] = certs
    return org


def condition(rng: random.Random, name: str | None = None, op: str | None = None) -> dict[str, Any]:
    """A random, well-formed condition (any field and operator unless given)."""
    name = name or rng.choice(list(FIELDS))
    spec = FIELDS[name]
    op = op or rng.choice(sorted(OPERATORS[spec.type]))
    value: Any
    if op == "exists":
        value = rng.random() < 0.8
    elif spec.type in ("choice", "band"):
        choices = list(spec.choices)
        if op in ("in", "not_in"):
            value = rng.sample(choices, rng.randint(1, 2))
        elif op == "between":
            lo, hi = sorted(rng.sample(range(len(choices)), 2))
            value = [choices[lo], choices[hi]]
        else:
            value = rng.choice(choices)
    elif spec.type == "bool":
        value = rng.random() < 0.7
    elif spec.type == "number":
        scale = {"age": (0, 20), "rnd_share": (1, 8), "employees": (10, 500)}[name]
        if op == "between":
            lo_n = rng.randint(*scale)
            value = [lo_n, lo_n + rng.randint(1, scale[1])]
        else:
            value = rng.randint(*scale)
    elif spec.type == "region":
        city = rng.choice(list(CITIES))
        picks = [city if rng.random() < 0.6 else rng.choice(CITIES[city])]
        if rng.random() < 0.2:
            picks.append(rng.choice(list(CITIES)))
        value = picks
    elif spec.type == "set":
        pool = {"industries": INDUSTRIES, "chain_segments": SEGMENTS, "alliances": ALLIANCES}[name]
        value = rng.sample(pool, rng.randint(1, 3))
    else:
        value = rng.sample(KINDS, rng.randint(1, 2))
        if op == "valid_on" and rng.random() < 0.2:
            value = {"kinds": value, "on": "2025-06-30"}
    label = f"{spec.label_en} {op} {value}"
    return {"field": name, "op": op, "value": value, "label_zh": f"（合成）{spec.label_zh} {op} {value}",
            "label_en": f"(synthetic) {label}", "clause": f"Art. {rng.randint(1, 12)}({rng.randint(1, 5)})"}


def rule(rng: random.Random, size: int, depth: int = 0) -> dict[str, Any]:
    """`size` conditions; some of them grouped under a nested any/all."""
    parts: list[dict[str, Any]] = []
    left = size
    while left > 0:
        if left >= 2 and depth < 2 and rng.random() < 0.25:
            n = rng.randint(2, min(3, left))
            parts.append(rule(rng, n, depth + 1))
            left -= n
        else:
            parts.append(condition(rng))
            left -= 1
    how = "all" if depth % 2 == 0 else "any"
    return {how: parts} if len(parts) > 1 else parts[0]


# The conditions real items mostly carry, weighted: where, what kind of organisation, then the rest.
_REALISTIC = [("region", "within_region", 8), ("kind", "eq", 6), ("size_band", "lte", 3), ("certificates", "valid_on", 4),
              ("rnd_share", "gte", 3), ("age", "lte", 2), ("industries", "has_any", 3), ("chain_segments", "has_any", 2),
              ("revenue_band", "gte", 2), ("employees", "gte", 1), ("is_head_enterprise", "eq", 1),
              ("alliances", "has_any", 1), ("has_rnd_project", "eq", 1), ("has_instrument", "eq", 1)]


def item(rng: random.Random, number: int, on: dt.date, realistic: bool = True) -> dict[str, Any]:
    size = rng.randint(2, 10)
    if realistic:
        picks = rng.choices(_REALISTIC, weights=[w for *_, w in _REALISTIC], k=size)
        conditions = [condition(rng, name, op if rng.random() < 0.8 else None) for name, op, _ in picks]
        if size >= 3 and rng.random() < 0.4:  # an alternative, e.g. "HNTE certificate or R&D share ≥ 3 %"
            conditions[-2:] = [{"any": conditions[-2:]}]
        body: dict[str, Any] = {"all": conditions}
    else:
        body = rule(rng, size)
    r = rng.random()
    data: dict[str, Any] = {"id": f"item{number}", "title_zh": f"（合成）申报事项{number}",
                            "title_en": f"(synthetic) item {number}", "status": "effective", "rule": body}
    if r < 0.05:
        data["status"] = "draft"
    elif r < 0.1:
        data["expires_on"] = (on - dt.timedelta(days=rng.randint(1, 400))).isoformat()
    elif r < 0.15:
        data["effective_from"] = (on + dt.timedelta(days=rng.randint(1, 100))).isoformat()
    elif r < 0.2:
        data["superseded_by"] = f"item{number + 1000}"
    else:
        data["effective_from"] = (on - dt.timedelta(days=rng.randint(0, 700))).isoformat()
        data["expires_on"] = (on + dt.timedelta(days=rng.randint(0, 700))).isoformat()
    if rng.random() < 0.6:
        opens = on + dt.timedelta(days=rng.randint(-120, 60))
        data["window"] = {"opens": opens.isoformat(), "closes": (opens + dt.timedelta(days=rng.randint(14, 90))).isoformat()}
    return data
