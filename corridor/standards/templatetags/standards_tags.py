"""`{% org_brands org %}`: the key brands an organisation holds, for its page (what the viewer may see)."""

from __future__ import annotations

from typing import Any

from django import template

from corridor.standards.models import Brand

register = template.Library()


@register.inclusion_tag("standards/_org_brands.html", takes_context=True)
def org_brands(context: dict[str, Any], org: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    brands = list(Brand.objects.restrict(user).filter(holder=org).select_related("alliance")[:20])
    return {"brands": brands, "org": org}


@register.inclusion_tag("standards/_fed_standards.html", takes_context=True)
def standards_fed_by(context: dict[str, Any], rnd_project: Any) -> dict[str, Any]:
    """On an R&D project's page: the standards it feeds, those the viewer may see."""
    from corridor.standards.rnd_links import standards_fed_by as fed

    request = context.get("request")
    return {"standards": list(fed(getattr(request, "user", None), rnd_project))}
