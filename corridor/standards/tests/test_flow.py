"""The standard's life through the services: proposal, vote, 立项, drafts, comment, review, publication."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from corridor.audit.services import history_of
from corridor.core.errors import Conflict
from corridor.core.testing import build_world
from corridor.notifications.models import Notification
from corridor.standards import duties, services
from corridor.standards.models import Ballot, Comment, Standard, Status
from corridor.standards.testing import (
    CLAUSES_V1,
    CLAUSES_V2,
    build_std_world,
    close_window,
    propose_one,
    refresh,
    to_state,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sw():  # type: ignore[no-untyped-def]
    return build_std_world(build_world())


def test_whole_life_from_proposal_to_published_number(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = propose_one(sw)
    assert standard.status == Status.PROPOSED
    assert list(standard.participants.values_list("organisation_id", "role")) == [(sw.world.owner_org.pk, "lead")]
    services.submit(u["secretariat"], standard)
    standard = refresh(standard)
    assert standard.status == Status.VOTING
    assert Notification.objects.filter(user=u["expert1"], link=f"/standards/{standard.pk}/").exists()
    services.cast(u["member"], standard, "yes")
    services.cast(u["expert1"], standard, "yes_comments", "请补充安全要求")
    services.cast(u["expert2"], standard, "no", "与国标重复")
    services.cast(u["owner"], standard, "yes")  # on the proposal the proposer's seat votes too
    ballot = services.close_ballot(u["secretariat"], standard)
    assert ballot.outcome == "passed" and ballot.counts["yes"] == 2 and ballot.counts["no"] == 1  # 3/4 in favour
    standard = refresh(standard)
    assert standard.status == Status.INITIATED and standard.initiated_at is not None

    v1 = services.upload_draft(u["owner"], standard, CLAUSES_V1)
    assert v1.number == 1 and refresh(standard).status == Status.DRAFTING
    v2 = services.upload_draft(u["owner"], refresh(standard), CLAUSES_V2, "精度收紧")
    assert v2.number == 2

    standard = services.open_comment(u["secretariat"], refresh(standard))
    assert standard.status == Status.COMMENT
    assert standard.comment_closes_at and standard.comment_opens_at
    assert standard.comment_closes_at - standard.comment_opens_at >= datetime.timedelta(days=30)
    assert services.comment_draft(standard).number == 2
    comment = services.add_comment(u["expert1"], standard, "4.2", "精度要求过严，建议±0.02 mm", "改为±0.02 mm")
    assert comment.language == "zh" and comment.organisation == sw.orgs["expert1"]
    with pytest.raises(Conflict):  # disposing while the window is open
        services.dispose(u["owner"], comment, "not_accepted", "已验证")
    close_window(standard)
    with pytest.raises(Conflict):  # the review waits for the dispositions
        services.start_review(u["secretariat"], refresh(standard))
    services.dispose(u["owner"], Comment.objects.get(pk=comment.pk), "partly", "改为±0.015 mm")
    services.start_review(u["secretariat"], refresh(standard))
    standard = refresh(standard)
    assert standard.status == Status.REVIEW
    services.cast(u["member"], standard, "yes")
    services.cast(u["expert1"], standard, "abstain")
    services.cast(u["expert2"], standard, "yes")
    with pytest.raises(PermissionDenied):  # the drafting organisation does not vote on its own text
        services.cast(u["owner"], standard, "yes")
    ballot = services.close_ballot(u["secretariat"], standard)
    assert ballot.outcome == "passed" and ballot.counts["eligible"] == 3 and ballot.counts["abstain"] == 1
    standard = refresh(standard)
    assert standard.status == Status.APPROVED

    standard = services.publish(u["secretariat"], standard)
    year = timezone.localdate().year
    assert standard.status == Status.PUBLISHED
    assert standard.publication_number == f"T/G60JQR 001—{year}"
    assert standard.next_review_on.year == year + 5
    assert standard.drafts.get(is_final=True).number == 2
    notes = [r.note for r in history_of(standard)]
    assert {"submit", "initiate", "start_drafting", "open_comment", "start_review", "approve", "publish"} <= set(notes)


def test_failed_proposal_vote_rejects_with_the_count(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = propose_one(sw)
    services.submit(u["secretariat"], standard)
    services.cast(u["member"], standard, "yes")
    services.cast(u["expert1"], standard, "no", "范围过宽")
    services.cast(u["expert2"], standard, "abstain")
    ballot = services.close_ballot(u["secretariat"], standard)
    assert ballot.outcome == "failed"
    standard = refresh(standard)
    assert standard.status == Status.REJECTED and "1" in standard.reason and "50%" in standard.reason


def test_failed_technical_ballot_goes_back_to_drafting(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = to_state(sw, "review")
    services.cast(u["member"], standard, "yes")
    services.cast(u["expert1"], standard, "no", "试验方法不完整")
    services.cast(u["expert2"], standard, "no", "缺少安全条款")
    services.close_ballot(u["secretariat"], standard)
    assert refresh(standard).status == Status.DRAFTING
    services.upload_draft(u["owner"], refresh(standard), CLAUSES_V2 + "7 安全\n7.1 应设急停。\n", "增加安全条款")
    assert refresh(standard).drafts.count() == 3


def test_only_the_right_roles_take_each_step(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = propose_one(sw)
    for role in ("owner", "member", "outsider", "officer"):
        with pytest.raises(PermissionDenied):
            services.submit(u[role], standard)
    services.submit(u["secretariat"], standard)
    for role in ("secretariat", "outsider", "officer"):
        with pytest.raises(PermissionDenied):
            services.cast(u[role], refresh(standard), "yes")
    with pytest.raises(PermissionDenied):
        services.close_ballot(u["member"], refresh(standard))
    for key in ("member", "expert1", "expert2"):
        services.cast(u[key], refresh(standard), "yes")
    services.close_ballot(u["secretariat"], refresh(standard))
    for role in ("member", "secretariat", "outsider"):  # the drafting group uploads drafts
        with pytest.raises(PermissionDenied):
            services.upload_draft(u[role], refresh(standard), CLAUSES_V1)
    with pytest.raises(PermissionDenied):
        services.propose(u["outsider"], sw.world.alliance, sw.world.outsider_org, {"title_zh": "x", "scope_zh": "y", "rationale_zh": "z"})


def test_comment_window_is_at_least_a_month_and_closes(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = to_state(sw, "drafting")
    with pytest.raises(ValidationError) as short:
        services.open_comment(u["secretariat"], standard, timezone.localdate() + datetime.timedelta(days=20))
    assert "closes_on" in short.value.message_dict
    assert refresh(standard).status == Status.DRAFTING
    standard = services.open_comment(u["secretariat"], refresh(standard), timezone.localdate() + datetime.timedelta(days=45))
    services.add_comment(u["member"], standard, "4.1", "Torque should be measured at 25 °C.")
    assert Comment.objects.get().language == "en"
    with pytest.raises(PermissionDenied):  # not an alliance member, not opened to the public
        services.add_comment(u["outsider"], standard, "4.1", "意见")
    close_window(standard)
    with pytest.raises(Conflict) as late:
        services.add_comment(u["expert1"], refresh(standard), "4.1", "迟到的意见")
    assert "text" in late.value.message_dict
    assert Comment.objects.count() == 1


def test_public_comment_lets_non_members_comment(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = to_state(sw, "drafting")
    standard = services.open_comment(u["secretariat"], standard, public=True)
    services.add_comment(u["outsider"], standard, "1", "建议明确适用负载范围")
    assert Comment.objects.get().organisation == sw.world.outsider_org


def test_bad_comment_input_names_the_field_and_changes_nothing(sw):  # type: ignore[no-untyped-def]
    standard = to_state(sw, "comment")
    with pytest.raises(ValidationError) as bad:
        services.add_comment(sw.users["member"], standard, "9.9", "  ")
    assert set(bad.value.message_dict) == {"clause", "text"}
    assert not Comment.objects.exists()


def test_disposition_needs_a_reason_unless_accepted(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = to_state(sw, "comment")
    comment = services.add_comment(u["member"], standard, "4.2", "意见")
    close_window(standard)
    with pytest.raises(ValidationError) as bad:
        services.dispose(u["owner"], comment, "not_accepted", "")
    assert "response" in bad.value.message_dict
    with pytest.raises(PermissionDenied):  # a commenter does not dispose
        services.dispose(u["member"], comment, "accepted")
    services.dispose(u["owner"], comment, "accepted")
    assert Comment.objects.get().disposition == "accepted"
    with transaction.atomic(), pytest.raises(IntegrityError):  # and the database says so too
        Comment.objects.filter(pk=comment.pk).update(disposition="not_accepted", response="")


def test_numbers_are_unique_per_alliance_and_year(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    first = to_state(sw, "published")
    year = timezone.localdate().year
    second = to_state(sw, "approved")
    with pytest.raises(Conflict) as taken:
        services.publish(u["secretariat"], second, number=1)
    assert "number" in taken.value.message_dict
    assert refresh(second).status == Status.APPROVED and refresh(second).publication_number == ""
    second = services.publish(u["secretariat"], refresh(second))
    assert second.publication_number == f"T/G60JQR 002—{year}"
    with transaction.atomic(), pytest.raises(IntegrityError):
        Standard.objects.filter(pk=second.pk).update(number=first.number)
    with transaction.atomic(), pytest.raises(IntegrityError):  # a published standard always has its number
        Standard.objects.filter(pk=second.pk).update(publication_number="")


def test_a_second_open_ballot_is_refused_by_the_database(sw):  # type: ignore[no-untyped-def]
    standard = to_state(sw, "review")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Ballot.objects.create(standard=standard, kind="technical", share="0.75")


def test_committee_options_let_it_skip_the_public_comment(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = to_state(sw, "drafting")
    assert "skip_comment" not in services.transitions_for(u["secretariat"], standard)
    with pytest.raises(Conflict):
        services.start_review(u["secretariat"], standard)
    services.set_up_committee(u["secretariat"], sw.world.alliance, {"options": ["skip_comment"]})
    assert "skip_comment" in services.transitions_for(u["secretariat"], refresh(standard))
    services.start_review(u["secretariat"], refresh(standard))
    assert refresh(standard).status == Status.REVIEW
    with pytest.raises(ValidationError):
        services.set_up_committee(u["secretariat"], sw.world.alliance, {"options": ["skip_everything"]})


def test_what_needs_me_follows_the_roles(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = propose_one(sw)
    assert [n.standard.pk for n in duties.needs(u["secretariat"])] == [standard.pk]
    assert duties.needs(u["expert1"]) == []
    services.submit(u["secretariat"], standard)
    assert [n.standard.pk for n in duties.needs(u["expert1"])] == [standard.pk]
    services.cast(u["expert1"], refresh(standard), "yes")
    assert duties.needs(u["expert1"]) == []
    assert duties.needs(u["outsider"]) == []


def test_reminders_go_to_seats_that_have_not_voted_and_to_the_secretariat_when_re_review_is_due(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = to_state(sw, "review")
    services.cast(u["member"], standard, "yes")
    Ballot.objects.filter(standard=standard, closed_at__isnull=True).update(closes_on=timezone.localdate())
    before = Notification.objects.count()
    duties.send_reminders()
    told = set(Notification.objects.filter(pk__gt=0).order_by("-pk")[: Notification.objects.count() - before]
               .values_list("user__username", flat=True))
    assert told == {"expert1", "expert2"}  # not the member (voted), not the owner (drafter)
    published = to_state(sw, "published")
    Standard.objects.filter(pk=published.pk).update(next_review_on=timezone.localdate() + datetime.timedelta(days=10))
    assert duties.needs(u["secretariat"]) and any(n.standard.pk == published.pk for n in duties.needs(u["secretariat"]))


def test_any_user_of_a_seat_organisation_votes_for_it(sw):  # type: ignore[no-untyped-def]
    from corridor.accounts import services as accounts
    from corridor.core.testing import PASSWORD

    colleague = accounts.create_user("colleague", PASSWORD)
    accounts.grant_role(colleague, "member", organisation=sw.orgs["expert1"])
    standard = to_state(sw, "review")
    services.cast(sw.users["expert1"], standard, "no", "缺少安全条款")
    services.cast(colleague, standard, "yes")  # the same seat: the position changes, it is not counted twice
    ballot = services.open_ballot(standard)
    assert ballot is not None and services.tally_of(ballot).voting == 1
    assert ballot.positions.get().cast_by == colleague


@pytest.mark.parametrize(("state", "buttons"), [
    ("proposed", {"secretariat": ["submit", "reject", "withdraw"], "owner": [], "member": [], "outsider": []}),
    ("drafting", {"secretariat": ["withdraw"], "owner": [], "member": [], "outsider": []}),
    ("comment_closed", {"secretariat": ["start_review", "back_to_drafting"], "owner": [], "member": [], "outsider": []}),
    ("published", {"secretariat": ["start_re_review"], "owner": [], "member": [], "outsider": [], "visitor": []}),
])
def test_state_machine_buttons_per_role(sw, state, buttons):  # type: ignore[no-untyped-def]
    standard = propose_one(sw) if state == "proposed" else to_state(sw, state)
    for role, expected in buttons.items():
        user = None if role == "visitor" else sw.users[role]
        assert sorted(services.transitions_for(user, standard)) == sorted(expected), role


def test_who_may_act_at_each_step(sw):  # type: ignore[no-untyped-def]
    from corridor.core import access

    standard = to_state(sw, "comment")
    u = sw.users
    acts = {role: access.permitted_actions(u[role], standard) for role in ("owner", "member", "outsider", "secretariat", "officer")}
    assert acts["owner"] >= {"view", "draft", "comment", "view_drafts"} and "manage" not in acts["owner"]
    assert acts["member"] >= {"view", "vote", "comment", "view_drafts"} and "draft" not in acts["member"]
    assert acts["outsider"] == {"view"}
    assert acts["secretariat"] >= {"view", "manage", "view_drafts"} and "vote" not in acts["secretariat"]
    assert acts["officer"] == {"view"}


def test_notifications_reach_only_insiders(sw):  # type: ignore[no-untyped-def]
    to_state(sw, "published")
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert {"secretariat", "member", "expert1", "expert2"} <= told
    assert not told & {"outsider", "officer"}


def test_re_review_confirms_or_sends_back_to_drafting(sw):  # type: ignore[no-untyped-def]
    u = sw.users
    standard = to_state(sw, "published")
    number = standard.publication_number
    services.take(u["secretariat"], standard, "start_re_review")
    standard = services.take(u["secretariat"], refresh(standard), "confirm")
    assert standard.status == Status.PUBLISHED and standard.publication_number == number
    assert standard.next_review_on and standard.next_review_on.year == timezone.localdate().year + 5
    services.take(u["secretariat"], standard, "start_re_review")
    standard = services.take(u["secretariat"], refresh(standard), "revise", reason="技术进步，需修订")
    assert standard.status == Status.DRAFTING and standard.publication_number == number
    services.upload_draft(u["owner"], standard, CLAUSES_V2 + "7 安全\n7.1 应设急停。\n", "修订")
    with pytest.raises(ValidationError):
        services.take(u["secretariat"], standard, "publish")
    Standard.objects.filter(pk=standard.pk).update(status=Status.APPROVED)  # (its second ballot, as in to_state)
    republished = services.publish(u["secretariat"], refresh(standard), published_on=datetime.date(2031, 3, 1))
    assert republished.publication_number == number.replace(number[-4:], "2031")
