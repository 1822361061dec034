"""The main slice end to end, through the services: register → overlap with reasons → team → accepted."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.notifications.models import Notification
from corridor.rnd import teams
from corridor.rnd.models import JointTeam, Overlap, TeamMember
from corridor.rnd.testing import EN_LIFE_TEST, ZH_LIFE_TEST, ZH_TOOTH_PROFILE, register

pytestmark = pytest.mark.django_db


def test_a_project_in_english_overlaps_one_in_chinese_with_reasons_and_the_team_forms(world):
    zh = register(world, "member", ZH_LIFE_TEST)
    assert Overlap.objects.count() == 0
    en = register(world, "owner", EN_LIFE_TEST)
    overlap = Overlap.objects.get()
    assert {overlap.project_a_id, overlap.project_b_id} == {zh.pk, en.pk}
    assert overlap.relation == Overlap.Relation.OVERLAP
    assert overlap.reasons["objective"] > 0.5
    assert "test" in overlap.reasons["shared_activities"]
    assert overlap.reasons["parameters"]
    assert overlap.consent_a == overlap.consent_b == ""  # both are alliance-visible to each other
    # The Wuhu member (the other party) is told, naming the Hangzhou organisation and its own project.
    told = Notification.objects.get(user=world.users["member"])
    assert told.params["project"] == zh.title and told.params["org"] == world.owner_org.name
    assert Notification.objects.filter(user=world.users["secretariat"]).count() == 1

    team = teams.propose_team(world.users["secretariat"], [overlap], title_zh="RV减速器寿命试验联合攻关",
                                 title_en="Joint RV reducer life testing", lead=world.member_org)
    assert team.status == JointTeam.Status.PROPOSED and team.alliance_id == world.alliance.pk
    overlap.refresh_from_db()
    assert overlap.status == Overlap.Status.PROPOSED
    invites = {m.organisation_id: m for m in team.members.all()}
    assert set(invites) == {world.owner_org.pk, world.member_org.pk}
    with pytest.raises(PermissionDenied):  # only the invited organisation answers for itself
        teams.accept_invitation(world.users["owner"], invites[world.member_org.pk])
    teams.accept_invitation(world.users["member"], invites[world.member_org.pk])
    team.refresh_from_db()
    assert team.status == JointTeam.Status.PROPOSED
    teams.accept_invitation(world.users["owner"], invites[world.owner_org.pk], "test bench in Hangzhou")
    team.refresh_from_db()
    assert team.status == JointTeam.Status.FORMED and team.formed_at is not None

    milestone = teams.add_milestone(world.users["member"], team, "Rig commissioned", world.owner_org,
                                       datetime.date.today() + datetime.timedelta(days=30))
    assert milestone.team_id == team.pk
    with pytest.raises(ValidationError):  # an organisation outside the team cannot own a milestone
        teams.add_milestone(world.users["member"], team, "x", world.outsider_org, datetime.date.today())


def test_a_hard_negative_is_not_an_overlap(world):
    register(world, "member", ZH_LIFE_TEST)
    register(world, "owner", ZH_TOOTH_PROFILE)
    assert not Overlap.objects.filter(relation=Overlap.Relation.OVERLAP).exists()


def test_one_organisation_never_overlaps_itself(world):
    register(world, "member", ZH_LIFE_TEST)
    register(world, "member", EN_LIFE_TEST)
    assert not Overlap.objects.exists()


def test_a_declined_invitation_with_too_few_left_means_no_team(world):
    register(world, "member", ZH_LIFE_TEST)
    register(world, "owner", EN_LIFE_TEST)
    team = teams.propose_team(world.users["secretariat"], [Overlap.objects.get()], title_en="T")
    member = team.members.get(organisation=world.member_org)
    with pytest.raises(ValidationError) as exc:
        teams.decline_invitation(world.users["member"], member, "  ")
    assert "reason" in exc.value.message_dict
    teams.decline_invitation(world.users["member"], member, "We work on it alone")
    teams.accept_invitation(world.users["owner"], team.members.get(organisation=world.owner_org))
    team.refresh_from_db()
    assert team.status == JointTeam.Status.NOT_FORMED
    assert team.members.get(organisation=world.member_org).status == TeamMember.Status.DECLINED
