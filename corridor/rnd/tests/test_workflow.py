"""The joint team workflow: who may take each step, a lead that declines, answers twice, milestone reminders."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from corridor.accounts import services as accounts
from corridor.alliances.models import AllianceMembership
from corridor.core.errors import Conflict
from corridor.core.testing import PASSWORD
from corridor.notifications.models import Notification
from corridor.orgs.services import create_organisation
from corridor.rnd import services, teams
from corridor.rnd.models import JointTeam, Overlap, TeamMember
from corridor.rnd.testing import EN_LIFE_TEST, ZH_LIFE_TEST, register

pytestmark = pytest.mark.django_db

THIRD = {
    "title": "RV reducer durability platform: 10,000-hour accelerated life testing", "language": "en",
    "text": "Objective: a durability test platform that runs RV reducers at rated torque for 10,000 hours and "
            "records backlash drift with 0.1 arcmin resolution.", "trl": 4,
}


@pytest.fixture
def cluster(world):
    """Three members of the robot alliance with the same objective: one connected cluster."""
    third = create_organisation(None, {"name_zh": "上海永英精密传动科技有限公司", "name_en": "Shanghai Yongying Precision Drive",
                                       "region": "310117"})
    AllianceMembership.objects.create(alliance=world.alliance, organisation=third, role="member", batch=1)
    user = accounts.create_user("third", PASSWORD)
    accounts.grant_role(user, "member", organisation=third)
    world.users["third"] = user
    zh = register(world, "member", ZH_LIFE_TEST)
    en = register(world, "owner", EN_LIFE_TEST)
    other = services.create_project(user, third, THIRD)
    return third, [zh, en, other]


def test_a_three_member_cluster_is_one_proposal(world, cluster):
    third, _projects = cluster
    overlaps = list(Overlap.objects.filter(relation=Overlap.Relation.OVERLAP))
    groups = services.clusters(overlaps)
    assert len(groups) == 1
    orgs = {p.organisation_id for o in groups[0] for p in (o.project_a, o.project_b)}
    assert orgs == {world.member_org.pk, world.owner_org.pk, third.pk}
    response = world.client_for("secretariat").post(f"/rnd/overlaps/{overlaps[0].pk}/team/", {
        "title_en": "Reducer reliability consortium", "cluster": "1"})
    assert response.status_code == 302
    team = JointTeam.objects.get()
    assert team.members.count() == 3
    assert set(Overlap.objects.values_list("status", flat=True)) == {Overlap.Status.PROPOSED}


def test_who_may_propose(world, cluster):
    overlap = Overlap.objects.filter(relation=Overlap.Relation.OVERLAP).earliest("pk")
    for role in ("outsider", "officer"):
        with pytest.raises(PermissionDenied):
            teams.propose_team(world.users[role], [overlap], title_en="x")
    with pytest.raises(ValidationError) as exc:
        teams.propose_team(world.users["secretariat"], [overlap])
    assert "title_zh" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        teams.propose_team(world.users["secretariat"], [overlap], title_en="x", lead=world.outsider_org)
    assert "lead" in exc.value.message_dict
    assert not JointTeam.objects.exists()


def test_a_lead_that_declines_hands_over_to_the_first_to_accept(world, cluster):
    third, _projects = cluster
    overlaps = list(Overlap.objects.filter(relation=Overlap.Relation.OVERLAP))
    team = teams.propose_team(world.users["secretariat"], overlaps, title_en="Consortium", lead=world.member_org)
    members = {m.organisation_id: m for m in team.members.all()}
    teams.accept_invitation(world.users["third"], members[third.pk])
    with pytest.raises(Conflict):  # a second click
        teams.accept_invitation(world.users["third"], members[third.pk])
    teams.decline_invitation(world.users["member"], members[world.member_org.pk], "No capacity this year")
    teams.accept_invitation(world.users["owner"], members[world.owner_org.pk])
    team.refresh_from_db()
    assert team.status == JointTeam.Status.FORMED and team.lead_id == third.pk
    assert team.members.get(organisation=third).role == TeamMember.Role.LEAD
    with pytest.raises(PermissionDenied):  # the former lead's staff no longer run it
        teams.add_milestone(world.users["member"], team, "x", third, datetime.date.today())
    # Everyone told on forming (but the one whose answer formed it), and who declined no longer.
    formed = Notification.objects.filter(message__contains="is formed")
    assert world.users["member"].pk not in set(formed.values_list("user_id", flat=True))
    assert set(formed.values_list("user_id", flat=True)) == {world.users["third"].pk, world.users["secretariat"].pk}


def test_overdue_milestones_remind_their_owners_once_a_week(world, cluster):
    _third, (zh, en, _other) = cluster
    overlap = Overlap.objects.get(project_a=min(zh.pk, en.pk), project_b=max(zh.pk, en.pk))
    team = teams.propose_team(world.users["secretariat"], [overlap], title_en="Pair", lead=world.member_org)
    for m in team.members.all():
        teams.accept_invitation(world.users["member" if m.organisation_id == world.member_org.pk else "owner"], m)
    team.refresh_from_db()
    today = datetime.date(2027, 3, 10)
    late = teams.add_milestone(world.users["member"], team, "Rig commissioned", world.owner_org, today - datetime.timedelta(days=3))
    done = teams.add_milestone(world.users["member"], team, "Plan", world.owner_org, today - datetime.timedelta(days=9))
    teams.add_milestone(world.users["member"], team, "Later", world.owner_org, today + datetime.timedelta(days=9))
    teams.report_milestone(world.users["owner"], done, "Plan agreed", done=True)
    with pytest.raises(PermissionDenied):  # neither its owner nor a manager
        teams.report_milestone(world.users["outsider"], late, "x", done=True)
    Notification.objects.all().delete()
    assert teams.remind_overdue(today) == 1
    told = Notification.objects.filter(message__contains="is not done")
    assert set(told.values_list("user_id", flat=True)) == {world.users["owner"].pk, world.users["secretariat"].pk}
    assert told.first().params["title"] == late.title
    assert teams.remind_overdue(today) == 0
    assert teams.remind_overdue(today + datetime.timedelta(days=7)) == 1
    out = StringIO()
    call_command("rnd_reminders", stdout=out)
    assert "0" in out.getvalue() or "1" in out.getvalue()


def test_editing_a_project_finds_overlaps_again(world):
    zh = register(world, "member", ZH_LIFE_TEST)
    other = register(world, "owner", {"title": "Battery recycling by hydrometallurgy", "language": "en",
                                      "text": "Recover nickel, cobalt and manganese from spent NCM batteries at 98 %.", "trl": 3})
    assert not Overlap.objects.exists()
    services.update_project(world.users["owner"], other, {**EN_LIFE_TEST})
    overlap = Overlap.objects.get()
    assert {overlap.project_a_id, overlap.project_b_id} == {zh.pk, other.pk}
    # Back to batteries: the open overlap goes; one the secretariat judged would stay.
    services.update_project(world.users["owner"], other, {"title": "Battery recycling by hydrometallurgy",
                                                          "text": "Recover nickel, cobalt and manganese at 98 %.",
                                                          "parameters": [], "keywords": []})
    assert not Overlap.objects.exists()
    with pytest.raises(PermissionDenied):
        services.update_project(world.users["member"], other, {"trl": 9})
