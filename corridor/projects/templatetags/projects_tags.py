"""Template helpers of the projects area: amounts as 亿元/万元 on Chinese pages, and whether the viewer
may record a project (the "start a lead" links on a chain's city page)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.translation import get_language

from corridor.core.money import money_text

register = template.Library()
YI = Decimal(100_000_000)


@register.filter
def yuan(amount: Any) -> str:
    """1,250,000,000 → "12.5 亿元" in Chinese, "¥1,250,000,000" in English; empty stays empty."""
    if amount in (None, ""):
        return ""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    language = get_language() or "zh-hans"
    if language.startswith("zh") and abs(value) >= YI:
        return f"{value / YI:,.2f}".rstrip("0").rstrip(".") + " 亿元"
    if not language.startswith("zh"):
        return f"¥{value:,.0f}" if value == value.to_integral_value() else f"¥{value:,.2f}"
    return money_text(value, language)


@register.filter
def percent(rate: Any) -> str:
    return "—" if rate is None else f"{float(rate) * 100:.1f}%"


@register.simple_tag(takes_context=True)
def may_record_projects(context: template.Context) -> bool:
    from corridor.projects.services import may_create

    request = context.get("request")
    return bool(request is not None and may_create(request.user))


@register.inclusion_tag("projects/_start_lead.html")
def start_lead_link(chain: Any, city: Any, segment_key: str, organisation_id: int) -> dict[str, Any]:
    """On a city's chain gap: start a lead for an organisation elsewhere that has the missing segment."""
    return {"chain": chain, "city": city, "segment_key": segment_key, "organisation_id": organisation_id}


@register.inclusion_tag("projects/_project_links.html", takes_context=True)
def project_links(context: template.Context, meeting: Any = None, interest: Any = None) -> dict[str, Any]:
    """On a meeting (events) or an interest (matchmaking): the projects it led to that the reader may see, and
    "start a project lead" for one who may record projects once it came to interest or agreement."""
    from corridor.projects import leads, services

    request = context.get("request")
    user = getattr(request, "user", None)
    projects = list(leads.projects_from(user, meeting=meeting, interest=interest))
    can_start = bool(user is not None and services.may_create(user))
    if can_start and meeting is not None:
        can_start = meeting.seats.filter(outcome__in=leads.LEAD_OUTCOMES).exists()
    if can_start and interest is not None:
        can_start = interest.stage in leads.LEAD_STAGES
    return {"projects": projects, "can_start": can_start, "meeting": meeting, "interest": interest}
