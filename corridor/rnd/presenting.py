"""How an overlap is shown to someone: a party that may not see the other project is told only that a
closely similar project exists (no title, organisation, score or reasons); the secretariat sees all."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy

from corridor.chains.models import Segment
from corridor.core import access
from corridor.core.access import Actor
from corridor.rnd import services
from corridor.rnd.models import MARK, Overlap, RDProject

ACTIVITY_LABELS = {
    "test": gettext_lazy("testing and validation"), "design": gettext_lazy("design"),
    "manufacture": gettext_lazy("manufacturing process"), "growth": gettext_lazy("material and crystal growth"),
    "clinical": gettext_lazy("clinical study"), "circuit": gettext_lazy("circuits and chips"),
    "control": gettext_lazy("control and algorithms"), "inspection": gettext_lazy("inspection"),
    "recycling": gettext_lazy("recycling"), "discovery": gettext_lazy("discovery"),
    "standard": gettext_lazy("standards"), "prognostics": gettext_lazy("failure prediction and predictive maintenance"),
}



def reasons_for_display(reasons: dict[str, Any]) -> dict[str, Any]:
    keys = [s for s in reasons.get("segments", []) if ":" in s]
    names = []
    if keys:
        wanted = Q()
        for key in keys:
            chain_id, _sep, seg = key.partition(":")
            wanted |= Q(chain_id=int(chain_id), key=seg) if chain_id.isdigit() else Q(pk__in=[])
        names = [s.name for s in Segment.objects.filter(wanted)]
    return {
        "semantic": round(100 * float(reasons.get("semantic", 0))),
        "objective": round(100 * float(reasons.get("objective", 0))),
        "activities": [str(ACTIVITY_LABELS.get(a, a)) for a in reasons.get("shared_activities", [])],
        "parameters": list(dict.fromkeys(reasons.get("parameters", []))), "terms": reasons.get("terms", []),
        "concepts": reasons.get("concepts", []), "segments": names, "ipc": reasons.get("ipc", []),
        "keywords": reasons.get("keywords", []),
    }


def shown(user: Actor, overlap: Overlap, mine: RDProject | None = None) -> dict[str, Any]:
    """What `user` is shown of `overlap`: seen from `mine` (their side) when they are a party."""
    judge = access.may(user, MARK, overlap)
    orgs = access.member_org_ids(user)
    side = overlap.side_of(orgs) if mine is None else ("a" if mine.pk == overlap.project_a_id else "b")
    if mine is None and side:
        mine = overlap.project_a if side == "a" else overlap.project_b
    other = None
    if mine is not None:
        other = overlap.project_b if mine.pk == overlap.project_a_id else overlap.project_a
    disclosed = judge or (other is not None and services.other_is_disclosed(user, overlap, other))
    return {
        "overlap": overlap, "mine": mine, "other": other if disclosed else None, "hidden": not disclosed,
        "judge": judge, "side": side,
        "reasons": reasons_for_display(overlap.reasons) if disclosed else None,
        "my_consent": getattr(overlap, f"consent_{side}") if side else "",
        "other_linkable": disclosed and other is not None and RDProject.objects.restrict(user).filter(pk=other.pk).exists(),
    }


