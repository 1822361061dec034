"""Small template helpers shared by every page: badges, bilingual fields, the signed-in user's roles."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from corridor.core.bilingual import pick

register = template.Library()


@register.simple_tag
def synthetic_badge(obj: Any) -> SafeString | str:
    """Demo records must never pass for real ones, so every place that shows one marks it."""
    if not getattr(obj, "is_synthetic", False):
        return ""
    return format_html(
        '<span class="badge badge-synthetic" data-testid="synthetic-badge" title="{}">{}</span>',
        _("Generated demo data, not a real record"),
        _("synthetic"),
    )


@register.simple_tag
def bilingual(obj: Any, field: str) -> str:
    """`{% bilingual park "description" %}`: the field in the reader's language, else the other one."""
    if obj is None:
        return ""
    return pick(getattr(obj, f"{field}_zh", "") or "", getattr(obj, f"{field}_en", "") or "")


@register.simple_tag(takes_context=True)
def user_grants(context: template.Context) -> list[Any]:
    """The signed-in user's role grants, read once per request (the header shows them on every page)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return []
    cached = getattr(request, "_corridor_grants", None)
    if cached is None:
        from corridor.accounts.models import RoleGrant

        cached = list(
            RoleGrant.objects.filter(user_id=user.pk)
            .select_related("organisation", "alliance", "region")
            .order_by("role", "id")
        )
        request._corridor_grants = cached  # type: ignore[attr-defined]
    return cached


@register.simple_tag(takes_context=True)
def user_role_chips(context: template.Context) -> list[dict[str, str]]:
    """One chip per role for the header: with its target when there is one, else a count (the header stays one line)."""
    by_role: dict[str, list[Any]] = {}
    for grant in user_grants(context):
        by_role.setdefault(grant.role, []).append(grant)
    chips = []
    for grants in by_role.values():
        targets = [str(g.organisation or g.alliance or g.region) for g in grants]
        label = grants[0].get_role_display()
        text = f"{label} · {targets[0]}" if len(targets) == 1 else f"{label} ×{len(targets)}"
        chips.append({"text": text, "title": "; ".join(targets)})
    return chips


@register.filter
def history_value(value: Any) -> str:
    """A before/after value from a change record, readable in a table cell."""
    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag(takes_context=True)
def org_name(context: template.Context, org: Any) -> str:
    """The organisation's name, or a neutral phrase when the viewer may not know it exists."""
    from corridor.orgs.naming import hidden_name, may_name

    request = context.get("request")
    if may_name(getattr(request, "user", None) or AnonymousUser(), org):
        return str(org.name)
    return hidden_name()


@register.simple_tag(takes_context=True)
def org_nameable(context: template.Context, org: Any) -> bool:
    from corridor.orgs.naming import may_name

    request = context.get("request")
    return may_name(getattr(request, "user", None) or AnonymousUser(), org)
