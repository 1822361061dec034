"""Small builders for hand-written rules and organisations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from corridor.policies.eligibility import Item, load_org, parse_item

ON = dt.date(2026, 6, 15)


def cond(field: str, op: str, value: Any = None, clause: str = "第二条", **extra: Any) -> dict[str, Any]:
    data = {"field": field, "op": op, "label_zh": f"条件：{field} {op}", "label_en": f"condition: {field} {op}",
            "clause": clause, **extra}
    if value is not None:
        data["value"] = value
    return data


def item(rule: Any, **fields: Any) -> Item:
    return parse_item({"id": fields.pop("id", "i1"), "rule": rule, **fields})


def org(**fields: Any) -> dict[str, Any]:
    return load_org({"id": "o1", **fields})
