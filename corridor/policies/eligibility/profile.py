"""An organisation's profile as the evaluators read it: a plain dict of registry fields, checked once.

Input (one JSON object per organisation; every field optional, absent or null = unknown):
    {"id": "o1", "kind": "enterprise", "region": "310117", "size_band": "small", "is_head_enterprise": false,
     "founded_on": "2019-05-01" (or "founded_year": 2019), "industries": ["ic"], "chain_segments": ["ic.design"],
     "alliances": ["g60-ic"], "certificates": [{"kind": "hnte", "valid_from": "2024-01-01", "valid_until": "2026-12-31"}],
     "rnd_share": 4.5, "revenue_band": "10m_50m", "employees": 120, "has_rnd_project": true, "has_instrument": false}
An empty list is known ("no certificates"), unlike an absent one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from corridor.policies.eligibility.fields import (
    BAND,
    BOOL,
    CERTIFICATES,
    CHOICE,
    FIELDS,
    NUMBER,
    REGION,
    SET,
    region_prefix,
)
from corridor.policies.eligibility.rules import REGION_CODE

Certificate = tuple[str, dt.date | None, dt.date | None]  # kind, valid from, valid until (None: open)


class ProfileError(ValueError):
    def __init__(self, where: str, field: str, detail: str) -> None:
        self.where, self.field = where, field
        super().__init__(f"{where}: field {field!r}: {detail}")


def load_org(data: Mapping[str, Any], where: str = "organisation") -> dict[str, Any]:
    """The normalised profile: dates as dates, numbers as floats, sets as frozensets, region as its GB 2260 prefix."""
    if not isinstance(data, Mapping):
        raise ProfileError(where, "-", "expected an object")
    org: dict[str, Any] = {"id": str(data.get("id", ""))}
    for name, spec in FIELDS.items():
        if name == "age":
            continue
        value = data.get(name)
        if value is None:
            org[name] = None
        elif spec.type in (CHOICE, BAND):
            if value not in spec.choices:
                raise ProfileError(where, name, f"{value!r} is not one of {', '.join(spec.choices)}")
            org[name] = value
        elif spec.type == BOOL:
            if not isinstance(value, bool):
                raise ProfileError(where, name, f"expected true or false, got {value!r}")
            org[name] = value
        elif spec.type == NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
                raise ProfileError(where, name, f"expected a number, got {value!r}")
            org[name] = float(value)
        elif spec.type == REGION:
            code = str(value)
            if not REGION_CODE.match(code):
                raise ProfileError(where, name, f"{value!r} is not a six-digit GB 2260 code")
            org[name] = region_prefix(code)  # containment compares prefixes
        elif spec.type == SET:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ProfileError(where, name, "expected a list of names")
            org[name] = frozenset(value)
        elif spec.type == CERTIFICATES:
            org[name] = _certificates(value, where)
    org["founded_on"] = _date(data.get("founded_on"), where, "founded_on")
    year = data.get("founded_year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1800 <= year <= 2100):
        raise ProfileError(where, "founded_year", f"expected a year, got {year!r}")
    org["founded_year"] = org["founded_on"].year if org["founded_on"] else year
    return org


def _date(value: Any, where: str, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ProfileError(where, name, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _certificates(value: Any, where: str) -> tuple[Certificate, ...]:
    if not isinstance(value, list):
        raise ProfileError(where, "certificates", "expected a list of {kind, valid_from, valid_until}")
    out: list[Certificate] = []
    for i, cert in enumerate(value):
        name = f"certificates[{i}]"
        if not isinstance(cert, Mapping) or not isinstance(cert.get("kind"), str):
            raise ProfileError(where, name, "expected an object with a 'kind'")
        out.append((cert["kind"], _date(cert.get("valid_from"), where, f"{name}.valid_from"),
                    _date(cert.get("valid_until"), where, f"{name}.valid_until")))
    return tuple(out)


def age_bounds(org: Mapping[str, Any], on: dt.date) -> tuple[float, float] | None:
    """Whole years since founding on `on`: exact from a date; from a year only, the two values it may be."""
    founded = org.get("founded_on")
    if founded is not None:
        age = on.year - founded.year - ((on.month, on.day) < (founded.month, founded.day))
        return float(age), float(age)
    year = org.get("founded_year")
    if year is None:
        return None
    # Founded on 1 January: on.year - year; on 31 December: one less, unless `on` is itself 31 December.
    latest = on.year - year - (0 if (on.month, on.day) == (12, 31) else 1)
    return float(latest), float(on.year - year)
