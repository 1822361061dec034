"""The demo channel: offices for the nine cities and Dongli, Dongli's "122" targets, requests in every state."""

from corridor.channel import demo as channel_demo
from corridor.channel.models import EnterpriseRequest, Notice, Office, Target, TargetSnapshot


def test_demo_channel_is_loaded_once(demo_corridor, db):
    assert Office.objects.count() == 11
    assert {t.goal for t in Target.objects.filter(region__code="120110")} == {100, 1000, 10000}
    from corridor.channel.services import target_value
    from corridor.orgs.models import Organisation

    # Counted over the registry as it is (the demo corridor's few Dongli profiles), not entered by hand.
    dongli = Organisation.objects.filter(region__code="120110")
    expected = [dongli.filter(kind="institute").count(),
                dongli.filter(kind="enterprise", size_band__in=["medium", "large"]).count(),
                dongli.filter(kind="enterprise", size_band__in=["micro", "small"]).count()]
    assert [target_value(t) for t in Target.objects.filter(region__code="120110").order_by("goal")] == expected
    assert Target.objects.count() == 4 and TargetSnapshot.objects.count() == 4 + 5
    states = set(EnterpriseRequest.objects.values_list("status", flat=True))
    assert {"assigned", "in_progress", "answered", "closed", "waiting"} <= states
    land = EnterpriseRequest.objects.get(type="land")
    assert land.office.name_zh == "松江区规划和自然资源局"
    assert EnterpriseRequest.objects.filter(is_synthetic=True).count() >= 5
    assert Notice.objects.filter(is_synthetic=True).count() == 2
    before = (Office.objects.count(), EnterpriseRequest.objects.count(), Notice.objects.count(), Target.objects.count())
    channel_demo.load_demo()
    assert (Office.objects.count(), EnterpriseRequest.objects.count(), Notice.objects.count(), Target.objects.count()) == before
