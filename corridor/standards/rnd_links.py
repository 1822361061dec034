"""The R&D projects a standard builds on (issue 22): use cases of the links, kept apart from services.py's workflow.

A real link to R&D projects registered in Corridor (`related_projects` keeps the text for outside ones). Each
side lists only what its reader may see: the standard page the R&D projects visible to the reader, the R&D
project's page the standards visible to the reader. One who links may choose only projects they see, and
relinking keeps the links to projects hidden from them (they never learn those exist).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import Actor
from corridor.standards.models import DRAFT, MANAGE, Standard


def visible_rnd_projects(actor: Actor, values: Any) -> list[Any]:
    from corridor.rnd.models import RDProject

    raw = [v.pk if hasattr(v, "pk") else v for v in (values or [])]
    ids = [int(str(v)) for v in raw if str(v).strip().isdigit()]
    if len(ids) != len(raw):
        raise ValidationError({"rnd_projects": _("Choose R&D projects from the list.")})
    found = list(RDProject.objects.restrict(actor).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"rnd_projects": _("One of the R&D projects does not exist.")})
    return found


def linkable_rnd_projects(actor: Actor) -> Any:
    from corridor.rnd.models import RDProject

    return RDProject.objects.restrict(actor).order_by("title")


def may_link_rnd(actor: Actor, standard: Standard) -> bool:
    """The secretariat and the drafting group keep the standard's R&D links."""
    allowed = access.permitted_actions(actor, standard)
    return MANAGE in allowed or DRAFT in allowed


@transaction.atomic
def link_rnd_projects(actor: Actor, standard: Standard, values: Any) -> Standard:
    """Set the R&D projects the standard builds on, among those the actor sees; links to others stay."""
    if not may_link_rnd(actor, standard):
        raise PermissionDenied(_("Only the secretariat and the drafting group may do this."))
    chosen = visible_rnd_projects(actor, values)
    visible = set(linkable_rnd_projects(actor).filter(standards=standard).values_list("pk", flat=True))
    before = sorted(standard.rnd_projects.values_list("pk", flat=True))
    kept = [pk for pk in before if pk not in visible]
    standard.rnd_projects.set([*kept, *(p.pk for p in chosen)])
    after = sorted(standard.rnd_projects.values_list("pk", flat=True))
    if before != after:  # no ids in the history: its readers may not see every linked project
        audit.record(actor, standard, ChangeRecord.Action.UPDATE, note="R&D projects linked")
    return standard


def rnd_projects_of(viewer: Actor, standard: Standard) -> Any:
    return linkable_rnd_projects(viewer).filter(standards=standard).select_related("organisation")


def standards_fed_by(viewer: Actor, rnd_project: Any) -> Any:
    """The standards an R&D project feeds, as far as the viewer may see them."""
    return Standard.objects.restrict(viewer).filter(rnd_projects=rnd_project).select_related("alliance").order_by("pk")
