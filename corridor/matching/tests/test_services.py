"""Listings, suggestions, the interest workflow and who may take each step."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.core.errors import Conflict
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.matching import services
from corridor.matching.models import Interest, Listing
from corridor.matching.testing import make_listings
from corridor.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(world):
    return make_listings(world)


def test_a_chinese_need_is_suggested_the_english_offer_with_reasons(world, listings) -> None:
    found = services.suggestions(world.users["owner"], listings.need_zh)
    assert found[0].listing == listings.offer_en
    assert found[0].explanation.semantic > 0.5
    assert found[0].explanation.region == 0.0  # Hangzhou need, Wuhu offer: no regional bonus, and said so


def test_suggestions_only_for_those_who_manage_the_listing(world, listings) -> None:
    assert services.suggestions(world.users["secretariat"], listings.need_zh)
    for role in ("member", "outsider", "officer"):
        with pytest.raises(PermissionDenied):
            services.suggestions(world.users[role], listings.need_zh)


def test_a_secretariat_only_need_never_reaches_another_member(world, listings) -> None:
    for role in ("owner", "outsider", "officer"):
        assert not Listing.objects.visible_to(world.users[role]).filter(pk=listings.secret_need.pk).exists()
    for role in ("member", "secretariat", "admin"):
        assert Listing.objects.visible_to(world.users[role]).filter(pk=listings.secret_need.pk).exists()
    # The outsider's funding offer is the counterpart of the secret need; its own suggestions must not show it.
    offered = services.suggestions(world.users["outsider"], listings.other_offer)
    assert listings.secret_need.pk not in {s.listing.pk for s in offered}
    assert offered == [] or all(s.listing.visibility == "public" for s in offered)
    # The secretariat does see it as a counterpart.
    assert listings.secret_need.pk in {s.listing.pk for s in services.suggestions(world.users["admin"], listings.other_offer)}


def test_many_hidden_near_copies_do_not_crowd_out_the_visible_counterpart(world, listings) -> None:
    # More secretariat-only offers than the first look at the ranking holds, all closer to the need
    # than the English offer: the owner must still get the offer, and none of the hidden ones.
    hidden = {
        services.create_listing(world.users["member"], {
            "side": "offer", "category": "product", "title_zh": f"六轴弧焊机器人 {i}", "visibility": "secretariat",
            "text": f"供应20台六轴弧焊机器人，负载10公斤以上，用于新能源汽车电池托盘焊接产线（批次{i}）",
        }).pk
        for i in range(60)
    }
    found = services.suggestions(world.users["owner"], listings.need_zh)
    assert found[0].listing == listings.offer_en
    assert not hidden & {s.listing.pk for s in found}
    assert hidden <= {s.listing.pk for s in services.suggestions(world.users["secretariat"], listings.need_zh, k=61)}


def test_category_rules_hold_in_suggestions(world, listings) -> None:
    found = services.suggestions(world.users["owner"], listings.need_zh)
    assert all(s.listing.side == "offer" and s.listing.category in ("product", "capacity") for s in found)


def test_edit_and_close_by_owner_or_secretariat_only(world, listings) -> None:
    with pytest.raises(PermissionDenied):
        services.update_listing(world.users["outsider"], listings.need_zh, {"text": "x"})
    services.update_listing(world.users["secretariat"], listings.need_zh, {"quantity": "20台"})
    with pytest.raises(ValidationError) as err:
        services.update_listing(world.users["owner"], listings.need_zh, {"category": "gadgets"})
    assert "category" in err.value.message_dict
    services.close_listing(world.users["owner"], listings.need_zh)
    listings.need_zh.refresh_from_db()
    assert listings.need_zh.status == "closed" and listings.need_zh.quantity == "20台"
    # A closed listing is no longer suggested to anyone.
    assert listings.need_zh.pk not in {s.listing.pk for s in services.suggestions(world.users["member"], listings.offer_en)}


@pytest.mark.django_db(transaction=True)  # e-mail goes out after commit, from a job's thread
def test_workflow_steps_dates_and_who_may_take_them(world, listings) -> None:
    owner, member, outsider, secretariat = (world.users[r] for r in ("owner", "member", "outsider", "secretariat"))
    interest = services.express_interest(member, listings.need_zh, "We can deliver in 8 weeks")
    assert interest.stage == "expressed"
    with pytest.raises(Conflict):
        services.express_interest(member, listings.need_zh)
    with pytest.raises(ValidationError):
        services.express_interest(owner, listings.need_zh)  # own listing
    with pytest.raises(ValidationError):
        services.advance(member, interest, "accepted")  # the interested party cannot accept for the owner
    with pytest.raises(PermissionDenied):
        services.advance(outsider, interest, "accepted")
    with pytest.raises(ValidationError):
        services.advance(owner, interest, "agreement")  # no skipping
    interest = services.advance(owner, interest, "accepted")
    interest = services.advance(member, interest, "meeting")
    interest = services.advance(secretariat, interest, "agreement")
    assert interest.responded_at and interest.meeting_at and interest.agreement_at
    assert interest.responded_at <= interest.meeting_at <= interest.agreement_at
    assert services.allowed_steps(owner, interest) == []
    assert Notification.objects.filter(user=owner).exists() and Notification.objects.filter(user=member).exists()
    assert not Notification.objects.filter(user=outsider).exists()
    for job in Job.objects.filter(kind="notifications-email"):
        jobs.wait(job)
    assert any("owner@example.com" in m.to for m in mail.outbox)
    rows = {r["key"]: r for r in services.funnel("alliance")}
    alliance_row = rows[world.alliance.pk]
    assert (alliance_row["interests"], alliance_row["accepted"], alliance_row["meetings"], alliance_row["agreements"]) == (1, 1, 1, 1)
    city_rows = {r["key"]: r for r in services.funnel("city")}
    assert city_rows[world.owner_org.city_id]["agreements"] == 1


def test_declined_is_final_and_visible_to_both_parties_and_secretariat(world, listings) -> None:
    interest = services.express_interest(world.users["member"], listings.need_zh)
    services.advance(world.users["secretariat"], interest, "declined")
    for role in ("owner", "member", "secretariat", "admin"):
        assert services.interests_visible_to(world.users[role]).filter(pk=interest.pk).exists()
    for role in ("outsider", "officer"):
        assert not services.interests_visible_to(world.users[role]).filter(pk=interest.pk).exists()
    with pytest.raises(ValidationError):
        services.advance(world.users["member"], Interest.objects.get(pk=interest.pk), "meeting")


def test_secretariat_introduces_two_parties(world, listings) -> None:
    with pytest.raises(PermissionDenied):
        services.introduce(world.users["member"], listings.need_zh, listings.offer_en)
    interest = services.introduce(world.users["secretariat"], listings.need_zh, listings.offer_en)
    assert interest.organisation == world.member_org and interest.introduced_by == world.users["secretariat"]
    assert services.allowed_steps(world.users["owner"], interest) == ["accepted", "declined"]


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to encode."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.texts: list[str] = []

    def encode(self, texts):
        self.texts.extend(texts)
        return self.inner.encode(texts)


def test_only_changed_listings_are_embedded_again(world, listings) -> None:
    from corridor.matching import index

    engine = index.matcher()
    counting = CountingEmbedder(engine.embedder)
    engine.embedder = counting
    try:
        services.update_listing(world.users["owner"], listings.need_zh, {"quantity": "30台"})
        index.matcher()
        assert counting.texts == []  # quantity is not read by the engine: nothing to embed
        services.update_listing(world.users["owner"], listings.need_zh, {"text": "采购30台六轴弧焊机器人，负载12公斤"})
        index.matcher()
        assert len(counting.texts) == 1 and "30台" in counting.texts[0]
        found = services.suggestions(world.users["owner"], listings.need_zh)
        assert found[0].listing == listings.offer_en
        assert len(counting.texts) == 1  # ranking a stored listing reuses its vector
    finally:
        engine.embedder = counting.inner


def test_reindex_rebuilds_from_the_database_and_reports_progress(world, listings) -> None:
    from corridor.matching import index

    steps: list[tuple[str, int, int]] = []
    total = index.reindex(lambda name, done, of: steps.append((name, done, of)))
    assert total == Listing.objects.filter(status=Listing.Status.OPEN).count()
    assert ("embed listings", total, total) in steps and {"build need index", "build offer index"} <= {s[0] for s in steps}
    assert services.suggestions(world.users["owner"], listings.need_zh)[0].listing == listings.offer_en
