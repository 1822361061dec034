"""The condition builder: an item's conditions as form rows (field, operator, value with its unit) in an
all/any group with optional sub-groups, turned into the very rule the engine reads (and back).

Rows come from POST keys `cond-<n>-<part>` (group, field, op, value, value2, label_zh, label_en, clause);
`how` is the top group's all/any, `group-<g>-how` each sub-group's. A row in group 0 is a condition of the
top group; rows sharing group g ≥ 1 form one sub-group. Labels left empty are written from the field, the
operator and the value in both languages (they are data: what members read as the reason).
A bad row is refused naming the condition (its number and its field), in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.policies.eligibility.fields import (
    BAND,
    BOOL,
    CERTIFICATE_KINDS,
    CERTIFICATES,
    CHOICE,
    FIELDS,
    NUMBER,
    OPERATORS,
    REGION,
    SET,
)

MAX_ROWS = 40
SUBGROUPS = (1, 2, 3)
SEPARATORS = re.compile(r"\s*[,，、;；]\s*")

# Operators as shown in the builder (UI strings) and as written into a condition's labels (data: both languages).
OPERATOR_LABELS: dict[str, Any] = {
    "eq": gettext_lazy("is"), "ne": gettext_lazy("is not"), "in": gettext_lazy("is one of"),
    "not_in": gettext_lazy("is none of"), "gt": gettext_lazy("more than"), "gte": gettext_lazy("at least (≥)"),
    "lt": gettext_lazy("less than"), "lte": gettext_lazy("at most (≤)"), "between": gettext_lazy("between"),
    "within_region": gettext_lazy("registered within"), "has_any": gettext_lazy("has any of"),
    "has_all": gettext_lazy("has all of"), "has_none": gettext_lazy("has none of"),
    "valid_on": gettext_lazy("holds, valid today"), "exists": gettext_lazy("is filled in"),
}
OPERATOR_ORDER = tuple(OPERATOR_LABELS)
_WORDS: dict[str, tuple[str, str]] = {
    "eq": ("为", "is"), "ne": ("不为", "is not"), "in": ("为以下之一：", "is one of"), "not_in": ("不为以下任一：", "is none of"),
    "gt": ("大于", "more than"), "gte": ("不低于", "at least"), "lt": ("小于", "less than"), "lte": ("不超过", "at most"),
    "between": ("介于", "between"), "within_region": ("位于", "in"), "has_any": ("包括以下之一：", "includes any of"),
    "has_all": ("包括以下全部：", "includes all of"), "has_none": ("不包括：", "includes none of"),
    "valid_on": ("持有有效的", "holds a valid"), "exists": ("已填报", "is on record"),
}
# Units shown next to a number's value, and written into its labels (zh, en).
UNITS: dict[str, tuple[str, str]] = {"rnd_share": ("%", "%"), "employees": ("人", " people"), "age": ("年", " years")}
UNIT_LABELS: dict[str, Any] = {"rnd_share": "%", "employees": gettext_lazy("people"), "age": gettext_lazy("years")}
FIELD_LABELS: dict[str, Any] = {
    "kind": gettext_lazy("organisation kind"), "region": gettext_lazy("region"), "size_band": gettext_lazy("size band"),
    "is_head_enterprise": gettext_lazy("head enterprise"), "age": gettext_lazy("years since founding"),
    "industries": gettext_lazy("industries"), "chain_segments": gettext_lazy("chain segments"),
    "alliances": gettext_lazy("alliance membership"), "certificates": gettext_lazy("certificates"),
    "rnd_share": gettext_lazy("R&D spending share of revenue (%)"), "revenue_band": gettext_lazy("revenue band"),
    "employees": gettext_lazy("employees"), "has_rnd_project": gettext_lazy("has an R&D project"),
    "has_instrument": gettext_lazy("has a shared instrument"),
}
_YES, _NO = {"yes", "true", "1", "是", "有", "y"}, {"no", "false", "0", "否", "无", "n"}


@dataclass
class Row:
    group: int = 0
    field: str = ""
    op: str = ""
    value: str = ""
    value2: str = ""
    label_zh: str = ""
    label_en: str = ""
    clause: str = ""

    @property
    def unit(self) -> str:
        return str(UNIT_LABELS.get(self.field, ""))

    @property
    def hint(self) -> str:
        spec = FIELDS.get(self.field)
        return _hint(spec.type, spec.choices) if spec else ""

    @property
    def blank(self) -> bool:
        return not (self.field or self.value or self.value2 or self.label_zh or self.label_en)


@dataclass
class Builder:
    how: str = "all"
    group_hows: dict[int, str] = field(default_factory=lambda: dict.fromkeys(SUBGROUPS, "all"))
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    # ---- from a POST and back into the rule ---------------------------------------------------------

    @classmethod
    def from_post(cls, data: Mapping[str, Any]) -> Builder:
        found = cls(how="any" if data.get("how") == "any" else "all")
        for g in SUBGROUPS:
            found.group_hows[g] = "any" if data.get(f"group-{g}-how") == "any" else "all"
        numbers = sorted({int(m.group(1)) for key in data if (m := re.match(r"^cond-(\d+)-field$", key))})[:MAX_ROWS]
        for n in numbers:
            def part(name: str, n: int = n) -> str:
                return str(data.get(f"cond-{n}-{name}") or "").strip()
            group = part("group")
            found.rows.append(Row(int(group) if group.isdigit() and int(group) in SUBGROUPS else 0, part("field"),
                                  part("op"), part("value"), part("value2"), part("label_zh"), part("label_en"),
                                  part("clause")))
        return found

    def rule(self) -> dict[str, Any]:
        """The rule (`{}`: no conditions); `self.errors` lists each bad row, named, and then the rule is `{}`."""
        self.errors = []
        top: list[dict[str, Any]] = []
        groups: dict[int, list[dict[str, Any]]] = {}
        for number, row in enumerate(self.rows, start=1):
            if row.blank:
                continue
            condition = self._condition(number, row)
            if condition is None:
                continue
            if row.group:
                if row.group not in groups:
                    groups[row.group] = []
                    top.append({"_group": row.group})
                groups[row.group].append(condition)
            else:
                top.append(condition)
        if self.errors:
            return {}
        children = [
            ({self.group_hows[c["_group"]]: groups[c["_group"]]} if len(groups[c["_group"]]) > 1 else groups[c["_group"]][0])
            if "_group" in c else c for c in top]
        if not children:
            return {}
        return {self.how: children}

    def _refuse(self, number: int, row: Row, message: str) -> None:
        name = str(FIELD_LABELS.get(row.field, row.field or "—"))
        self.errors.append(_("Condition %(number)s (%(field)s): %(message)s")
                           % {"number": number, "field": name, "message": message})

    def _condition(self, number: int, row: Row) -> dict[str, Any] | None:
        spec = FIELDS.get(row.field)
        if spec is None:
            self._refuse(number, row, _("choose a field."))
            return None
        if row.op not in OPERATORS[spec.type]:
            allowed = ", ".join(str(OPERATOR_LABELS[o]) for o in OPERATOR_ORDER if o in OPERATORS[spec.type])
            self._refuse(number, row, _("this operator does not apply to this field (use: %(allowed)s).") % {"allowed": allowed})
            return None
        try:
            value, shown_zh, shown_en = self._value(spec.type, spec.choices, row)
        except ValueError as exc:
            self._refuse(number, row, str(exc))
            return None
        zh_word, en_word = _WORDS[row.op]
        unit_zh, unit_en = UNITS.get(row.field, ("", ""))
        if row.op == "exists":
            auto_zh = f"{spec.label_zh}{zh_word}" if value else f"{spec.label_zh}未填报"
            auto_en = f"{_first_up(spec.label_en)} {en_word}" if value else f"{_first_up(spec.label_en)} is not on record"
        else:
            auto_zh = f"{spec.label_zh}{zh_word}{shown_zh}{unit_zh}"
            auto_en = f"{_first_up(spec.label_en)} {en_word} {shown_en}{unit_en}"
        condition: dict[str, Any] = {"field": row.field, "op": row.op, "value": value,
                                     "label_zh": row.label_zh or auto_zh, "label_en": row.label_en or auto_en}
        if row.clause:
            condition["clause"] = row.clause
        return condition

    def _value(self, kind: str, choices: tuple[str, ...], row: Row) -> tuple[Any, str, str]:
        """The condition's value from the row's text, and how it reads in Chinese and English."""
        text = row.value
        if row.op == "exists":
            return (text.lower() not in _NO), "", ""
        if not text:
            raise ValueError(_("enter a value."))
        if kind == NUMBER:
            def number(raw: str) -> float | int:
                try:
                    found = float(raw.rstrip("%").replace(",", ""))
                except ValueError:
                    raise ValueError(_("“%(value)s” is not a number.") % {"value": raw[:40]}) from None
                if found != found or found in (float("inf"), float("-inf")):
                    raise ValueError(_("“%(value)s” is not a number.") % {"value": raw[:40]})
                return int(found) if found.is_integer() else found
            if row.op == "between":
                if not row.value2:
                    raise ValueError(_("enter both ends of the range."))
                lo, hi = number(text), number(row.value2)
                if lo > hi:
                    raise ValueError(_("the range's low end is above its high end."))
                return [lo, hi], f"{lo:g}–{hi:g}", f"{lo:g}–{hi:g}"
            found = number(text)
            return found, f"{found:g}", f"{found:g}"
        if kind == BOOL:
            if text.lower() in _YES:
                return True, "是", "yes"
            if text.lower() in _NO:
                return False, "否", "no"
            raise ValueError(_("answer yes or no."))
        names = [v for v in SEPARATORS.split(text) if v]
        if kind in (CHOICE, BAND):
            for name in names:
                if name not in choices:
                    raise ValueError(_("“%(value)s” is not one of: %(choices)s.") % {"value": name[:40], "choices": ", ".join(choices)})
            if row.op in ("in", "not_in"):
                return names, "、".join(names), ", ".join(names)
            if row.op == "between":
                if not row.value2 or row.value2 not in choices:
                    raise ValueError(_("enter both ends of the range."))
                return [names[0], row.value2], f"{names[0]}–{row.value2}", f"{names[0]}–{row.value2}"
            if len(names) != 1:
                raise ValueError(_("enter one value."))
            return names[0], names[0], names[0]
        if kind == REGION:
            from django.db.models import Q

            from corridor.regions.models import Region

            regions = []
            for name in names:
                region = Region.objects.filter(Q(code=name) | Q(name_zh=name) | Q(name_en__iexact=name)).order_by("code").first()
                if region is None:
                    region = Region.objects.filter(Q(name_zh__startswith=name) | Q(name_en__istartswith=name)).order_by("code").first()
                if region is None:
                    raise ValueError(_("no region is called “%(value)s” (enter its name or its six-digit code).") % {"value": name[:40]})
                regions.append(region)
            return ([r.code for r in regions], "、".join(r.name_zh for r in regions),
                    ", ".join(r.name_en or r.name_zh for r in regions))
        if kind == CERTIFICATES:
            kinds = []
            for name in names:
                kind_key = next((k for k, (zh, en) in CERTIFICATE_KINDS.items() if name in (k, zh) or name.lower() == en.lower()), None)
                if kind_key is None:
                    raise ValueError(_("“%(value)s” is not a certificate kind.") % {"value": name[:40]})
                kinds.append(kind_key)
            return (kinds, "、".join(CERTIFICATE_KINDS[k][0] for k in kinds),
                    ", ".join(CERTIFICATE_KINDS[k][1] for k in kinds))
        if kind == SET:
            return names, "、".join(names), ", ".join(names)
        raise ValueError(_("this field cannot be tested."))  # pragma: no cover - every type is handled above

    # ---- from a stored rule ------------------------------------------------------------------------

    @classmethod
    def from_rule(cls, rule: Any) -> Builder | None:
        """The rows of a stored rule, or None when its shape is beyond the builder (then: the JSON view)."""
        found = cls()
        if not rule:
            return found
        if not isinstance(rule, Mapping):
            return None
        if "field" in rule:
            rule = {"all": [rule]}
        how = next((k for k in ("all", "any") if k in rule), None)
        if how is None or len(rule) != 1 or not isinstance(rule[how], list):
            return None
        found.how = how
        next_group = iter(SUBGROUPS)
        for child in rule[how]:
            if not isinstance(child, Mapping):
                return None
            if "field" in child:
                found.rows.append(_row(child, 0))
                continue
            sub = next((k for k in ("all", "any") if k in child), None)
            group = next(next_group, None)
            if sub is None or group is None or not isinstance(child[sub], list):
                return None
            found.group_hows[group] = sub
            for leaf in child[sub]:
                if not isinstance(leaf, Mapping) or "field" not in leaf:
                    return None
                found.rows.append(_row(leaf, group))
        return found

    def used_groups(self) -> list[tuple[int, str]]:
        used = sorted({row.group for row in self.rows if row.group})
        return [(g, self.group_hows[g]) for g in used]

    def with_blank_rows(self, count: int = 1) -> Builder:
        self.rows.extend(Row() for _ in range(count))
        return self


def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def _row(data: Mapping[str, Any], group: int) -> Row:
    value: Any = data.get("value", "")
    value2 = ""
    if isinstance(value, Mapping):  # valid_on {"kinds": [...], "on": date}: the builder shows the kinds
        value = value.get("kinds") or ""
    if data.get("op") == "between" and isinstance(value, list) and len(value) == 2:
        value, value2 = value
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value2, float) and value2.is_integer():
        value2 = int(value2)
    return Row(group, str(data.get("field") or ""), str(data.get("op") or ""), str(value), str(value2),
               str(data.get("label_zh") or ""), str(data.get("label_en") or ""), str(data.get("clause") or ""))


def field_options() -> list[dict[str, Any]]:
    """The fields a condition may test, for the builder's picker: name, label, type, operators, unit, choices."""
    return [{"name": name, "label": str(FIELD_LABELS.get(name, spec.label_en)), "type": spec.type,
             "ops": " ".join(o for o in OPERATOR_ORDER if o in OPERATORS[spec.type]),
             "unit": str(UNIT_LABELS.get(name, "")), "choices": ", ".join(spec.choices) if spec.type in (CHOICE, BAND) else "",
             "hint": _hint(spec.type, spec.choices)}
            for name, spec in FIELDS.items()]


def _hint(kind: str, choices: tuple[str, ...]) -> str:
    if kind in (CHOICE, BAND):
        return _("One of: %(choices)s") % {"choices": ", ".join(choices)}
    if kind == REGION:
        return _("A city or district name, or its code; several separated by commas")
    if kind == BOOL:
        return _("yes or no")
    if kind == CERTIFICATES:
        return _("One of: %(choices)s") % {"choices": ", ".join(CERTIFICATE_KINDS)}
    if kind == SET:
        return _("Names separated by commas")
    return ""


def operator_options() -> list[tuple[str, str]]:
    return [(op, str(OPERATOR_LABELS[op])) for op in OPERATOR_ORDER]
