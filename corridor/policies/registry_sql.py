"""An item's answers for many organisations in one SQL query over the registry's own tables.

`eligibility.sql.Compiler` writes a rule as SQL over a plain table of profiles; `RegistryCompiler` points the
same SQL at the registry, so a city officer's "who it reaches" is answered by the database instead of one
Python profile per organisation:
- the organisation's single-valued fields (its row, its region's code, its eligibility profile: two LEFT JOINs)
  are a derived table `org` written by the ORM (`_organisations`);
- the many-valued ones (industries, chain segments, alliances, certificates) are EXISTS over their own tables,
  the names a rule gives (industry slugs, `chain.segment`, alliance slugs) looked up as ids once per item.

Each column reads what `profiles.profile_data` reads, with the same unknowns (no industries or produced chain
segments yet: unknown; no certificates and none declared: unknown; alliances and instruments: always known).
The query returns each condition's answer per organisation and `columns.combine` adds the reasons, so the
result is the very `ItemAnswers` of the column evaluator; tests check the answers and reasons equal the
per-organisation evaluator's on profiles read from the same rows.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import BooleanField, Case, CharField, Exists, F, IntegerField, OuterRef, QuerySet, Value, When
from django.db.models.functions import Coalesce, Concat, ExtractDay, ExtractMonth, ExtractYear, Left, NullIf

from corridor.alliances.models import Alliance, AllianceMembership
from corridor.chains.models import Segment, SegmentTag
from corridor.equipment.models import Instrument
from corridor.orgs.models import Industry, Organisation
from corridor.policies.eligibility.columns import ItemAnswers, combine
from corridor.policies.eligibility.rules import Condition, Item
from corridor.policies.eligibility.sql import Compiler
from corridor.policies.models import Certificate

_WORD = re.compile(r"^[a-z_]+$")


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model: Any, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


def _literal(value: str) -> str:
    """A code's own constant (a TextChoices value) written into the SQL: known() may add no parameters."""
    assert _WORD.match(value), value
    return f"'{value}'"


def _organisations(scope: QuerySet[Any]) -> QuerySet[Any]:
    """One row per organisation of `scope` with the fields the rules read, named `e_<field>` (`org.e_kind`, …)."""
    founded = F("eligibility_profile__founded_on")
    code = F("region__code")
    profile = "eligibility_profile__"
    return Organisation.objects.filter(pk__in=scope.order_by().values("pk")).order_by().values(
        e_id=F("pk"), e_name=F("name_zh"),
        e_kind=NullIf("kind", Value("")),
        # The significant digits of the region's GB 2260 code, as `fields.region_prefix` keeps them.
        e_region=Case(When(region__code__endswith="0000", then=Left(code, 2)),
                      When(region__code__endswith="00", then=Left(code, 4)), default=code),
        e_size_band=NullIf("size_band", Value("")),
        e_is_head_enterprise=F("is_head_enterprise"),
        e_founded_year=Coalesce(ExtractYear(founded), F("founded_year"), output_field=IntegerField()),
        e_founded_md=ExtractMonth(founded) * 100 + ExtractDay(founded),  # NULL: only the year (or nothing) known
        e_rnd_share=F(f"{profile}rnd_share"),
        e_revenue_band=NullIf(f"{profile}revenue_band", Value("")),
        e_employees=F(f"{profile}employees"),
        e_has_rnd_project=F(f"{profile}has_rnd_project"),
        e_has_instrument=Exists(Instrument.objects.filter(owner=OuterRef("pk"), active=True)),
        e_industries_known=Exists(Organisation.industries.through.objects.filter(organisation=OuterRef("pk"))),
        e_chain_segments_known=Exists(_produced().filter(organisation=OuterRef("pk"))),
        e_certificates_known=Case(When(Exists(Certificate.objects.filter(organisation=OuterRef("pk"))), then=Value(True)),
                                  When(**{f"{profile}certificates_declared": True}, then=Value(True)),
                                  default=Value(False), output_field=BooleanField()),
    )


def _produced() -> QuerySet[SegmentTag]:
    return SegmentTag.objects.filter(role=SegmentTag.Role.PRODUCES).exclude(status=SegmentTag.Status.REJECTED)


class RegistryCompiler(Compiler):
    """The plain compiler's SQL over the registry: `org` is `_organisations`, the sets are their own tables."""

    def __init__(self, on: dt.date, item: Item) -> None:
        super().__init__(on, "%s")  # Django's cursor takes %s on every backend
        self.ids = _ids_of_names(item.conditions)

    def column(self, name: str) -> str:
        return f"org.e_{name}"

    def known(self, name: str) -> str:
        return "TRUE" if name == "alliances" else f"org.e_{name}_known"

    def many(self, c: Condition) -> tuple[str, str, tuple[Any, ...]]:
        names = self.ids.get(c.field, {})
        wanted = () if c.op == "exists" else tuple(names[name] for name in c.value if name in names)
        if c.field == "certificates":
            return (f"{_table(Certificate)} x WHERE x.{_column(Certificate, 'organisation')} = org.e_id",
                    f"x.{_column(Certificate, 'kind')}", c.value)
        if c.field == "industries":
            through = Organisation.industries.through
            return (f"{_table(through)} x WHERE x.{_column(through, 'organisation')} = org.e_id",
                    f"x.{_column(through, 'industry')}", wanted)
        if c.field == "alliances":
            return (f"{_table(AllianceMembership)} x WHERE x.{_column(AllianceMembership, 'organisation')} = org.e_id",
                    f"x.{_column(AllianceMembership, 'alliance')}", wanted)
        assert c.field == "chain_segments", c.field
        return (f"{_table(SegmentTag)} x WHERE x.{_column(SegmentTag, 'organisation')} = org.e_id"
                f" AND x.{_column(SegmentTag, 'role')} = {_literal(SegmentTag.Role.PRODUCES)}"
                f" AND x.{_column(SegmentTag, 'status')} <> {_literal(SegmentTag.Status.REJECTED)}",
                f"x.{_column(SegmentTag, 'segment')}", wanted)

    def date(self, day: dt.date) -> Any:
        return day


def _ids_of_names(conditions: tuple[Condition, ...]) -> dict[str, dict[str, int]]:
    """The ids of the industries, chain segments and alliances the conditions name (one query per field named);
    a name nothing has is left out, so nobody has it."""
    names: dict[str, set[str]] = {}
    for c in conditions:
        if c.field in ("industries", "alliances", "chain_segments") and c.op != "exists":
            names.setdefault(c.field, set()).update(c.value)
    found: dict[str, dict[str, int]] = {}
    if "industries" in names:
        found["industries"] = dict(Industry.objects.filter(slug__in=names["industries"]).values_list("slug", "pk"))
    if "alliances" in names:
        found["alliances"] = dict(Alliance.objects.filter(slug__in=names["alliances"]).values_list("slug", "pk"))
    if "chain_segments" in names:
        # `profiles.segment_name`: the chain's slug, a dot, the segment's key.
        found["chain_segments"] = dict(Segment.objects.annotate(rule_name=Concat("chain__slug", Value("."), "key", output_field=CharField()))
                                       .filter(rule_name__in=names["chain_segments"]).values_list("rule_name", "pk"))
    return found


def item_answers(item: Item, scope: QuerySet[Any], on: dt.date) -> tuple[list[int], ItemAnswers]:
    """The item's answers for every organisation of `scope`, in the order of their Chinese names (then id):
    the organisations' ids and their `ItemAnswers` (row i = ids[i]). One query, whatever the number of organisations."""
    compiler = RegistryCompiler(on, item)
    selects = [compiler.status(c) for c in item.conditions]
    inner, inner_params = _organisations(scope).query.sql_with_params()
    sql = f"SELECT {', '.join(['org.e_id', *selects])} FROM ({inner}) org ORDER BY org.e_name, org.e_id"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*compiler.params, *inner_params])
        rows = cursor.fetchall()
    found = np.array(rows, dtype=np.int64).reshape(len(rows), 1 + len(selects))
    matrix = found[:, 1:].astype(np.int8)
    answers = combine(item, on, len(rows), lambda c: matrix[:, c.index])
    return found[:, 0].tolist(), answers

