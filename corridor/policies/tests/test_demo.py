"""The demo policies: load on the demo's data, all three answers for the demo members, idempotent."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from corridor.notifications.models import Notification
from corridor.orgs.models import Organisation
from corridor.policies import demo as policies_demo
from corridor.policies import services
from corridor.policies.models import Policy

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_policies(demo_corridor, django_capture_on_commit_callbacks):
    total = Policy.objects.count()
    assert total >= 28
    assert Policy.objects.filter(status="expired", title_zh__contains="122").count() == 1
    assert not Policy.objects.filter(is_synthetic=False, source_seed="policies-demo-synthetic").exists()
    member = get_user_model().objects.get(username="member")
    org = Organisation.objects.get(pk=next(iter(services.access.member_org_ids(member))))
    answers = {r.status for r in services.answers_for(member, org)}
    assert "eligible" in answers and "not_eligible" in answers
    member2 = get_user_model().objects.get(username="member2")
    org2 = Organisation.objects.get(pk=next(iter(services.access.member_org_ids(member2))))
    assert "unknown" in {r.status for r in services.answers_for(member2, org2)}
    assert Notification.objects.filter(user=member, message__startswith="A policy you are eligible for").exists()
    with django_capture_on_commit_callbacks(execute=False):
        assert policies_demo.load_demo() == policies_demo.counts()
    assert Policy.objects.count() == total
