"""The filter of an alliance's member list: the page and its .xlsx export use the same one."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext as _
from pydantic import Field

from corridor.alliances.models import AllianceMembership
from corridor.core.spreadsheet import xlsx_row
from corridor.core.toolkit import BaseFilter
from corridor.regions.models import Region


class MemberFilter(BaseFilter):
    role: AllianceMembership.Role | None = None
    city: str | None = Field(None, description="GB/T 2260 code of the member's city, district or province")
    batch: int | None = Field(None, ge=1, description="Accession batch")

    def apply(self, qs: QuerySet[AllianceMembership]) -> QuerySet[AllianceMembership]:
        if self.role:
            qs = qs.filter(role=self.role)
        if self.city:
            region_id = Region.objects.filter(code=self.city).values("pk")[:1]
            qs = qs.filter(Q(organisation__city_id=Subquery(region_id)) | Q(organisation__region_id=Subquery(region_id))
                           | Q(organisation__province_id=Subquery(region_id)))
        if self.batch:
            qs = qs.filter(batch=self.batch)
        return qs


def in_role_order(qs: QuerySet[AllianceMembership]) -> QuerySet[AllianceMembership]:
    """Chair first, then vice-chairs, directors and members; each by batch and name."""
    rank = Case(*(When(role=role, then=Value(n)) for role, n in AllianceMembership.ROLE_ORDER.items()),
                default=Value(len(AllianceMembership.ROLE_ORDER)), output_field=IntegerField())
    return qs.annotate(role_rank=rank).order_by("role_rank", "batch", "organisation__name_zh", "id")


def members_xlsx(memberships: QuerySet[AllianceMembership]) -> bytes:
    """The filtered members as one sheet; every text cell through `xlsx_row`, so none is a formula."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(_("Members"))
    sheet.append(xlsx_row(sheet, [_("Organisation"), _("Role"), _("City"), _("Batch"), _("Joined")]))
    for m in memberships.select_related("organisation__city"):
        org = m.organisation
        sheet.append(xlsx_row(sheet, [org.name, m.get_role_display(), org.city.name if org.city else "", m.batch,
                                      m.joined_on]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
