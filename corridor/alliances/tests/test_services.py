import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.alliances import services
from corridor.alliances.models import AllianceMembership, MembershipApplication
from corridor.audit.services import history_of
from corridor.core.errors import Conflict


def test_apply_approve_creates_membership_with_history(world):
    application = services.apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org, "请批准")
    services.decide_application(world.users["secretariat"], application, approve=True, role="director")
    membership = AllianceMembership.objects.get(alliance=world.alliance, organisation=world.outsider_org)
    assert membership.role == "director"
    application.refresh_from_db()
    assert application.status == "approved" and application.decided_by == world.users["secretariat"]
    assert history_of(membership).first().actor == world.users["secretariat"]
    assert [r.action for r in history_of(application)] == ["update", "create"]


def test_rejection_needs_a_reason(world):
    application = services.apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    with pytest.raises(ValidationError) as caught:
        services.decide_application(world.users["secretariat"], application, approve=False, reason="  ")
    assert "reason" in caught.value.message_dict
    application.refresh_from_db()
    assert application.status == "pending"
    services.decide_application(world.users["secretariat"], application, approve=False, reason="不属于机器人行业")
    application.refresh_from_db()
    assert application.status == "rejected" and application.reason == "不属于机器人行业"


def test_only_the_secretariat_of_that_alliance_decides(world):
    application = services.apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    for role in ("outsider", "member", "owner", "officer"):
        with pytest.raises(PermissionDenied):
            services.decide_application(world.users[role], application, approve=True)
    assert MembershipApplication.objects.get(pk=application.pk).status == "pending"


def test_duplicate_membership_and_duplicate_pending_application_are_conflicts(world):
    with pytest.raises(Conflict):
        services.apply_for_membership(world.users["owner"], world.alliance, world.owner_org)
    services.apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    with pytest.raises(Conflict):
        services.apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    assert MembershipApplication.objects.filter(organisation=world.outsider_org).count() == 1


def test_one_pending_application_is_enforced_by_the_database(world):
    from django.db import IntegrityError, transaction

    MembershipApplication.objects.create(alliance=world.alliance, organisation=world.outsider_org)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipApplication.objects.create(alliance=world.alliance, organisation=world.outsider_org)


def test_member_may_only_apply_for_own_organisation(world):
    with pytest.raises(PermissionDenied):
        services.apply_for_membership(world.users["member"], world.other_alliance, world.owner_org)


def test_secretariat_records_actions_against_commitments(world):
    commitment = world.declaration.commitments.get()
    action = services.record_action(
        world.users["secretariat"], commitment, taken_on=datetime.date(2019, 3, 1), description="召开首次对接会"
    )
    assert action.recorded_by == world.users["secretariat"]
    assert history_of(world.declaration).first().note
    with pytest.raises(PermissionDenied):
        services.record_action(world.users["owner"], commitment, taken_on=datetime.date(2019, 3, 1), description="x")
    with pytest.raises(ValidationError):
        services.record_action(world.users["secretariat"], commitment, taken_on=datetime.date(2999, 1, 1), description="x")
