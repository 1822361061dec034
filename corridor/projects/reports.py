"""Read use cases: the pipeline board, the figures a city reports and the .xlsx export, as a user may see
them. Counts come from the projects the user may view; amounts only from those whose amounts the user
may see (`view_private`): a confidential project's amount never enters a total shown to anyone else."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.core.access import VIEW_PRIVATE, Actor
from corridor.core.spreadsheet import xlsx_row
from corridor.projects.models import DEFAULT_WARN_DAYS, PIPELINE, Project, Stage, at_or_past

BOARD_CARDS = 12  # cards per column; the column says how many more there are


def projects_for(user: Actor) -> QuerySet[Project]:
    return Project.objects.restrict(user).with_actions(user).select_related("investor", "region", "city", "park")


@dataclass
class Figures:
    projects: int
    by_stage: dict[str, int]
    signed: int
    started: int
    producing: int
    dropped: int
    # Amounts: only over the projects whose amounts this user may see.
    signed_amount: Decimal
    agreed_amount: Decimal
    arrived_amount: Decimal

    @staticmethod
    def _rate(part: Decimal | int, whole: Decimal | int) -> float | None:
        return round(float(part) / float(whole), 3) if whole else None

    @property
    def start_rate(self) -> float | None:  # 开工率 (also the signed → started fulfilment, 履约率)
        return self._rate(self.started, self.signed)

    @property
    def production_rate(self) -> float | None:  # 投产率
        return self._rate(self.producing, self.signed)

    @property
    def conversion(self) -> float | None:  # lead → signed
        return self._rate(self.signed, self.projects)

    @property
    def funding_rate(self) -> float | None:  # 资金到位率
        return self._rate(self.arrived_amount, self.agreed_amount)


def figures(user: Actor, qs: QuerySet[Project]) -> Figures:
    """`qs`: projects already restricted to what `user` may view (and filtered). Two queries."""
    stage_counts = {f"n_{s}": Count("id", filter=Q(stage=s)) for s in Stage.values}
    counted = qs.order_by().aggregate(
        total=Count("id"), **stage_counts,
        signed=Count("id", filter=Q(stage__in=at_or_past(Stage.SIGNED))),
        started=Count("id", filter=Q(stage__in=at_or_past(Stage.STARTED))),
        producing=Count("id", filter=Q(stage__in=at_or_past(Stage.PRODUCTION))),
    )
    private = Project.objects.restrict(user, VIEW_PRIVATE).filter(pk__in=qs.values("pk"),
                                                                  stage__in=at_or_past(Stage.SIGNED))
    money = private.order_by().aggregate(
        signed_amount=Sum("investment"), arrived=Sum("arrived"),
        agreed=Sum("agreement_amount", filter=Q(agreement_amount__isnull=False)),
        agreed_fallback=Sum("investment", filter=Q(agreement_amount__isnull=True)),
    )
    zero = Decimal(0)
    return Figures(
        projects=counted["total"], by_stage={s: counted[f"n_{s}"] for s in Stage.values},
        signed=counted["signed"], started=counted["started"], producing=counted["producing"],
        dropped=counted[f"n_{Stage.DROPPED}"],
        signed_amount=money["signed_amount"] or zero,
        agreed_amount=(money["agreed"] or zero) + (money["agreed_fallback"] or zero),
        arrived_amount=money["arrived"] or zero,
    )


def board(user: Actor, qs: QuerySet[Project], counts: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """Columns by stage, each with its first cards (longest in stage first) and its count: one query per
    column and one for the counts, whatever the number of projects."""
    if counts is None:  # the figures' counts by stage, when the caller has them
        counts = dict(qs.order_by().values_list("stage").annotate(n=Count("id")))
    now = timezone.now()
    columns = []
    for stage in (*PIPELINE, Stage.DROPPED):
        # An index walk per column ((city, stage, stage_changed_at)): the first cards, longest in stage first.
        cards = list(qs.filter(stage=stage).order_by("stage_changed_at", "id")[:BOARD_CARDS])
        for card in cards:
            days = max(0, (now - card.stage_changed_at).days)
            card.days_in_stage = days  # type: ignore[attr-defined]
            card.is_stalled = days > DEFAULT_WARN_DAYS.get(stage, 10**6)  # type: ignore[attr-defined]
        columns.append({"stage": stage, "label": Stage(stage).label, "count": counts.get(stage, 0), "cards": cards,
                        "more": max(0, counts.get(stage, 0) - len(cards))})
    return columns


def export_xlsx(user: Actor, qs: QuerySet[Project]) -> bytes:
    """The list as a workbook; amounts and agreement only where the user may see them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Projects"))
    header = [_("Project"), _("Investor"), _("Target region"), _("Park"), _("Kind"), _("Stage"), _("Stage since"),
              _("Chain segments"), _("Source"), _("Investment (CNY)"), _("Capital arrived (CNY)"),
              _("Agreed amount (CNY)"), _("Signed on"), _("Jobs")]
    bold = Font(bold=True)
    row = xlsx_row(sheet, header)
    for cell in row:
        cell.font = bold
    sheet.append(row)
    rows = qs.prefetch_related("segments").order_by("city__code", "stage", "id")
    for p in rows.iterator(chunk_size=2000):
        private = bool(getattr(p, "may_view_private", False))
        sheet.append(xlsx_row(sheet, [
            p.name, p.investor.name, p.region.name, p.park.name if p.park else "", p.get_kind_display(),
            p.get_stage_display(), timezone.localtime(p.stage_changed_at).date(),
            "、".join(s.name for s in p.segments.all()), p.get_source_display(),
            p.investment if private else (p.amount_band if p.published else ""),
            p.arrived if private else None, p.agreement_amount if private else None,
            p.signed_on, p.jobs if private else None,
        ]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
