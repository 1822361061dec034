"""Chain tags change state through `SegmentTag.WORKFLOW`: declaring and reviewing are transitions, with
their history (named by the transition) and the domain event, and the access rule of the action."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from corridor.audit.models import ChangeRecord
from corridor.chains import services
from corridor.chains.models import DECLARE, REVIEW, SegmentTag
from corridor.chains.testing import firm, load_chains, segment
from corridor.core import access
from corridor.core.workflow import available_transitions, transition_applied


@pytest.fixture
def inferred(world):
    load_chains()
    org = firm("杭州传动科技有限公司", "330108", "专注于精密减速器的研发与生产。")
    tag = SegmentTag.objects.get(organisation=org, segment=segment("industrial-robots", "reducers"), source="inferred")
    return org, tag


def _notes(tag: SegmentTag) -> list[str]:
    return list(ChangeRecord.objects.filter(object_id=str(tag.pk), content_type__model="segmenttag")
                .order_by("pk").values_list("note", flat=True))


def test_declaring_an_inferred_tag_is_the_declare_transition(world, inferred, django_capture_on_commit_callbacks):
    org, tag = inferred
    admin = world.users["admin"]
    seen: list[str] = []

    def heard(sender, instance, name, actor, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(name)

    transition_applied.connect(heard, sender=SegmentTag)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            declared = services.declare_tag(admin, org, tag.segment)
    finally:
        transition_applied.disconnect(heard, sender=SegmentTag)
    assert declared.pk == tag.pk and (declared.source, declared.status, declared.confidence) == ("declared", "confirmed", 1.0)
    assert declared.decided_by == admin
    assert seen == ["declare"] and _notes(tag)[-1] == "declare"


def test_a_review_is_the_confirm_or_reject_transition(world, inferred):
    _org, tag = inferred
    services.review_tag(world.users["admin"], tag, "reject")
    services.review_tag(world.users["admin"], SegmentTag.objects.get(pk=tag.pk), "confirm")
    assert SegmentTag.objects.get(pk=tag.pk).status == "confirmed"
    assert _notes(tag)[-2:] == ["reject", "confirm"]


def test_who_may_declare_is_who_may_edit_the_organisation(world):
    load_chains()
    tag = services.declare_tag(world.users["owner"], world.owner_org, segment("industrial-robots", "reducers"))
    assert access.may(world.users["owner"], DECLARE, tag) and not access.may(world.users["member"], DECLARE, tag)
    assert "declare" in available_transitions(world.users["owner"], tag)
    assert "declare" not in available_transitions(world.users["member"], tag)
    assert not access.may(world.users["owner"], REVIEW, tag)
    with pytest.raises(PermissionDenied):
        services.declare_tag(world.users["member"], world.owner_org, tag.segment)
