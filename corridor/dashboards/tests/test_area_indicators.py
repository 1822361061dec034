"""The figures of R&D, events, investment projects, policies, the enterprise channel and group standards
(registered by those apps' `ready()`), against small hand-counted worlds on top of `build_dash_world()`.

Cities: Songjiang (310117), Hangzhou (330100: owner_org), Jiaxing (330400: outsider_org, unlisted_org),
Wuhu (340200: member_org). Each world has rows a visitor may see and rows it may not; the visitor's
figures carry only the former, while those who may see the rest count it too.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from corridor.core import indicators as ind
from corridor.core.indicators import TOTAL, Slice
from corridor.dashboards.testing import CITY_CODES, DashWorld, build_dash_world

pytestmark = pytest.mark.django_db

NEW_AREAS = ("rnd", "events", "projects", "policies", "channel", "standards")


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def dw() -> DashWorld:
    return build_dash_world()


def values(dw: DashWorld, key: str, viewer, **dims) -> dict[str, float] | None:
    """The indicator's values by city code (and "total") as `viewer` sees them."""
    cities = tuple(dw.city(c) for c in CITY_CODES)
    found = ind.get(key)
    assert found is not None, key
    got = found.values(Slice(viewer=viewer, cities=cities, **dims))
    if got is None:
        return None
    out = {code: got[dw.city(code)] for code in CITY_CODES if got[dw.city(code)]}
    out["total"] = got[TOTAL]
    return out


def user(dw: DashWorld, role: str):
    return None if role == "visitor" else dw.world.users[role]


# ---- the worlds ---------------------------------------------------------------------------------------


def rnd_world(dw: DashWorld):
    """Two public projects that overlap (Wuhu in Chinese, Hangzhou in English), a joint team formed from the
    overlap (led by Hangzhou), and a secretariat-only Wuhu project."""
    from corridor.rnd import teams
    from corridor.rnd.models import Overlap, TeamMember
    from corridor.rnd.testing import EN_LIFE_TEST, ZH_LIFE_TEST, ZH_TOOTH_PROFILE, register

    w = dw.world
    register(w, "member", ZH_LIFE_TEST, visibility="public")
    register(w, "owner", EN_LIFE_TEST, visibility="public")
    overlap = Overlap.objects.get()
    team = teams.propose_team(w.users["secretariat"], [overlap], title_en="Joint life testing", lead=w.owner_org)
    for member in TeamMember.objects.filter(team=team, status="invited"):
        who = "owner" if member.organisation_id == w.owner_org.pk else "member"
        teams.accept_invitation(w.users[who], member)
    register(w, "member", ZH_TOOTH_PROFILE, visibility="secretariat")
    return team


def events_world(dw: DashWorld):
    """A public forum held in Jiaxing (Nanhu district) with two confirmed registrations, one checked in; a
    members-only salon held in Wuhu with one; a public lecture in Hangzhou still to come."""
    from corridor.events import services
    from corridor.events.models import Event

    w = dw.world
    sec = w.users["secretariat"]
    start = timezone.now() + datetime.timedelta(days=2)

    def event(title: str, region: str, **extra):
        return services.create_event(sec, {"kind": "forum", "title_zh": title, "alliance": w.alliance,
                                           "region": w.regions[region], "starts_at": start,
                                           "ends_at": start + datetime.timedelta(hours=3), **extra})

    forum = event("嘉兴论坛", "330402")
    salon = event("芜湖会员沙龙", "340202", visibility="members")
    event("杭州讲座", "330100")
    mine = services.register(w.users["member"], forum, organisation=w.member_org)
    services.register(w.users["owner"], forum, organisation=w.owner_org)
    services.register(w.users["owner"], salon, organisation=w.owner_org)
    services.check_in(sec, forum, mine.code)
    past = timezone.now() - datetime.timedelta(days=3)
    Event.objects.filter(pk__in=(forum.pk, salon.pk)).update(starts_at=past, ends_at=past + datetime.timedelta(hours=3))


def _signed(actor, project, on=datetime.date(2026, 1, 5)):
    from corridor.projects import services

    for step in ("contact", "negotiate"):
        project = services.advance(actor, project, step)
    return services.advance(actor, project, "sign", signed_on=on, agreement_parties="甲方、乙方")


def projects_world(dw: DashWorld):
    """Jiaxing: a published project started (2 亿元) and a published one signed (1 亿元); Wuhu: an unpublished
    project started (5 亿元); Hangzhou: a lead."""
    from corridor.projects import services

    w = dw.world
    admin = w.users["admin"]

    def project(name: str, region: str, amount: str, investor):
        return services.create_project(admin, {"name_zh": name, "investor": investor.pk, "region": region,
                                               "investment": amount})

    started = services.advance(admin, _signed(admin, project("嘉兴一期", "330402", "200000000", w.outsider_org)), "start")
    services.publish(admin, started)
    services.publish(admin, _signed(admin, project("嘉兴二期", "330400", "100000000", w.outsider_org)))
    services.advance(admin, _signed(admin, project("芜湖保密", "340202", "500000000", w.member_org)), "start")
    project("杭州线索", "330100", "300000000", w.owner_org)


def policies_world(dw: DashWorld):
    """A Wuhu policy with one item, a Zhejiang-wide policy with two (applying in Hangzhou and Jiaxing), and a
    Songjiang draft with one."""
    from corridor.policies import services

    w = dw.world
    wuhu = services.create_policy(None, {"title_zh": "芜湖市研发费用补助办法", "issuer_zh": "芜湖市科学技术局", "level": "city",
                                         "home_region": w.regions["340200"], "regions": [w.regions["340200"]]})
    services.save_item(None, wuhu, {"title_zh": "研发费用补助", "benefit": "subsidy", "rate": "10"})
    services.publish(None, wuhu)
    zhejiang = services.create_policy(None, {"title_zh": "浙江省首台套奖励", "issuer_zh": "浙江省经信厅", "level": "provincial",
                                             "home_region": w.regions["330000"], "regions": [w.regions["330000"]]})
    services.save_item(None, zhejiang, {"title_zh": "首台套奖励", "benefit": "award", "amount": "500000"})
    services.save_item(None, zhejiang, {"title_zh": "保险补偿", "benefit": "subsidy", "rate": "80"})
    services.publish(None, zhejiang)
    draft = services.create_policy(None, {"title_zh": "松江区草案", "issuer_zh": "松江区科委", "level": "district",
                                          "home_region": w.regions["310117"], "regions": [w.regions["310117"]]})
    services.save_item(None, draft, {"title_zh": "草案补助", "benefit": "subsidy", "rate": "5"})


def channel_world(dw: DashWorld):
    """Jiaxing's office: owner_org's private request (accepted on time, answered, rated satisfied and
    resolved), member_org's public one (accepted on time, answered, rated dissatisfied, not resolved), and
    outsider_org's private one, accepted, whose answer is overdue. Two Jiaxing targets: 1 of 4, 3 of 2."""
    from corridor.channel import services
    from corridor.channel.models import EnterpriseRequest, Target, TargetSnapshot
    from corridor.channel.testing import make_channel

    w = dw.world
    ch = make_channel(w)
    public = services.file_request(w.users["member"], w.member_org, {
        "type": "policy", "region": "330402", "subject": "首台套申报", "text": "申报条件？", "is_public": True})
    late = services.file_request(w.users["outsider"], w.outsider_org, {
        "type": "policy", "region": "330402", "subject": "用地指标", "text": "何时批复？"})
    for req, who, satisfaction, resolved in ((ch.request, "owner", "satisfied", True),
                                              (public, "member", "dissatisfied", False)):
        req = services.accept(ch.clerk, req)
        req = services.answer(ch.clerk, req, "已答复")
        services.rate(w.users[who], req, satisfaction, resolved)
    services.accept(ch.clerk, late)
    EnterpriseRequest.objects.filter(pk=late.pk).update(answer_due=timezone.now() - datetime.timedelta(hours=1))
    today = timezone.localdate()
    for title, goal, value in (("新增高企", 4, 1), ("新增专精特新", 2, 3)):
        target = Target.objects.create(region=w.regions["330400"], title_zh=title, goal=goal,
                                       due_on=today + datetime.timedelta(days=300), manual=True, manual_value=value)
        TargetSnapshot.objects.create(target=target, taken_on=today, value=value)
    return ch


def standards_world(dw: DashWorld):
    """owner_org (Hangzhou) proposes three: one published, one out for public comment, one still a proposal."""
    from corridor.standards.testing import build_std_world, propose_one, to_state

    sw = build_std_world(dw.world)
    to_state(sw, "published")
    to_state(sw, "comment")
    propose_one(sw, title_zh="尚在提案的标准")
    return sw


# ---- values -------------------------------------------------------------------------------------------


def test_every_new_area_registers_bilingual_indicators():
    from django.utils import translation

    keys = {i.key for i in ind.all_indicators()}
    for area in NEW_AREAS:
        mine = [i for i in ind.all_indicators() if i.app == area]
        assert mine, area
        for i in mine:
            assert str(i.definition) and str(i.unit) and str(i.source)
            with translation.override("zh-hans"):
                zh = str(i.name)
            with translation.override("en"):
                en = str(i.name)
            assert zh != en, i.key  # translated
    assert {"rnd.projects", "rnd.overlaps", "rnd.teams", "events.held", "events.registrations", "events.check_ins",
            "events.meetings", "projects.signed", "projects.investment", "projects.started_rate",
            "projects.production_rate", "projects.landed", "policies.effective", "policies.items",
            "policies.eligible", "channel.requests", "channel.response_rate", "channel.resolution_rate",
            "channel.satisfaction_rate", "channel.overdue", "channel.target_progress", "standards.published",
            "standards.drafting", "standards.comment_open"} <= keys


def test_rnd(dw):
    rnd_world(dw)
    w = dw.world
    assert values(dw, "rnd.projects", None) == {"330100": 1, "340200": 1, "total": 2}
    assert values(dw, "rnd.projects", w.users["admin"]) == {"330100": 1, "340200": 2, "total": 3}
    assert values(dw, "rnd.projects", None, alliance_id=w.other_alliance.pk) == {"total": 0}
    # Overlaps: the visitor sees none (the parties and the secretariat judge them); each party's city once.
    assert values(dw, "rnd.overlaps", None) == {"total": 0}
    # Two overlaps: the life tests (Wuhu–Hangzhou), and the secretariat-only tooth profile (Wuhu) with the
    # Hangzhou life test. The secretariat sees both projects of each; Hangzhou's owner sees both overlaps (it
    # is a party) but not the secretariat-only project, so the second one counts in Hangzhou only for it.
    assert values(dw, "rnd.overlaps", w.users["secretariat"]) == {"330100": 2, "340200": 2, "total": 2}
    assert values(dw, "rnd.overlaps", w.users["owner"]) == {"330100": 2, "340200": 1, "total": 2}
    assert values(dw, "rnd.teams", w.users["owner"]) == {"330100": 1, "total": 1}
    assert values(dw, "rnd.teams", w.users["admin"], alliance_id=w.other_alliance.pk) == {"total": 0}


def test_events(dw):
    events_world(dw)
    admin = dw.world.users["admin"]
    assert values(dw, "events.held", None) == {"330400": 1, "total": 1}
    assert values(dw, "events.held", admin) == {"330400": 1, "340200": 1, "total": 2}
    assert values(dw, "events.held", dw.world.users["member"]) == {"330400": 1, "340200": 1, "total": 2}  # a member
    assert values(dw, "events.registrations", None) == {"330400": 2, "total": 2}
    assert values(dw, "events.registrations", admin) == {"330400": 2, "340200": 1, "total": 3}
    assert values(dw, "events.check_ins", None) == {"330400": 1, "total": 1}
    assert values(dw, "events.meetings", admin) == {"total": 0}
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    assert values(dw, "events.held", admin, start=last_week - datetime.timedelta(days=30), end=last_week) == {"total": 0}


def test_projects(dw):
    projects_world(dw)
    w = dw.world
    admin, visitor = w.users["admin"], None
    assert values(dw, "projects.signed", visitor) == {"330400": 2, "total": 2}
    assert values(dw, "projects.signed", admin) == {"330400": 2, "340200": 1, "total": 3}
    assert values(dw, "projects.signed", admin, end=datetime.date(2026, 1, 4)) == {"total": 0}
    assert values(dw, "projects.started_rate", visitor) == {"330400": 50.0, "total": 50.0}
    assert values(dw, "projects.started_rate", admin) == {"330400": 50.0, "340200": 100.0, "total": 66.7}
    assert values(dw, "projects.production_rate", admin) == {"total": 0}
    # Amounts are private even on a published project: not shown to a visitor at all; an officer sums only
    # the projects of their city (Jiaxing), an admin all.
    assert values(dw, "projects.investment", visitor) is None
    assert values(dw, "projects.investment", w.users["officer"]) == {"330400": 3.0, "total": 3.0}
    assert values(dw, "projects.investment", admin) == {"330400": 3.0, "340200": 5.0, "total": 8.0}
    assert values(dw, "projects.investment", w.users["member"]) == {"340200": 5.0, "total": 5.0}  # its investor
    assert values(dw, "projects.landed", admin) == {"total": 0}


def test_policies(dw):
    policies_world(dw)
    w = dw.world
    assert values(dw, "policies.effective", None) == {"330100": 1, "330400": 1, "340200": 1, "total": 2}
    assert values(dw, "policies.items", None) == {"330100": 2, "330400": 2, "340200": 1, "total": 3}
    assert values(dw, "policies.items", w.users["admin"]) == {"330100": 2, "330400": 2, "340200": 1, "total": 3}
    assert values(dw, "policies.effective", None, end=timezone.localdate() - datetime.timedelta(days=1)) == \
        {"330100": 1, "330400": 1, "340200": 1, "total": 2}  # no start date: in force since published
    # Eligibility reads organisations' profiles: not for visitors or members; counted over the organisations
    # that filled in theirs (Wuhu's member_org; Jiaxing's outsider_org and unlisted_org), those an officer
    # looks after for an officer (Jiaxing's, the unlisted one too). The items have no conditions beyond the
    # policies' regions, so each is eligible in its own province or city.
    from corridor.policies import services

    for org in (w.member_org, w.outsider_org, w.unlisted_org):
        services.save_profile(None, org, {"employees": 50})
    assert values(dw, "policies.eligible", None) is None
    assert values(dw, "policies.eligible", w.users["member"]) is None
    assert values(dw, "policies.eligible", w.users["officer"]) == {"330400": 2, "total": 2}
    assert values(dw, "policies.eligible", w.users["admin"]) == {"330400": 2, "340200": 1, "total": 3}
    # With an alliance: the alliance's own policies (none here) and its members.
    assert values(dw, "policies.eligible", w.users["admin"], alliance_id=w.alliance.pk) == {"total": 0}


def test_channel(dw):
    channel_world(dw)
    w = dw.world
    outsider, admin = w.users["outsider"], w.users["admin"]
    assert values(dw, "channel.requests", None) == {"total": 0}  # requests are for those signed in
    # Signed in, another organisation sees the public request only; an admin all three.
    assert values(dw, "channel.requests", w.users["owner"]) == {"330400": 2, "total": 2}  # its own + the public
    assert values(dw, "channel.requests", admin) == {"330400": 3, "total": 3}
    assert values(dw, "channel.response_rate", admin) == {"330400": 100.0, "total": 100.0}
    assert values(dw, "channel.resolution_rate", admin) == {"330400": 50.0, "total": 50.0}
    assert values(dw, "channel.satisfaction_rate", admin) == {"330400": 50.0, "total": 50.0}
    assert values(dw, "channel.satisfaction_rate", w.users["member"]) == {"total": 0}  # its own: dissatisfied
    assert values(dw, "channel.overdue", admin) == {"330400": 1, "total": 1}
    assert values(dw, "channel.overdue", outsider) == {"330400": 1, "total": 1}  # its own
    assert values(dw, "channel.overdue", w.users["member"]) == {"total": 0}
    # Targets are public: (25 % + 100 % capped) / 2.
    assert values(dw, "channel.target_progress", None) == {"330400": 62.5, "total": 62.5}


def test_standards(dw):
    standards_world(dw)
    w = dw.world
    for who in (None, w.users["admin"]):
        assert values(dw, "standards.published", who) == {"330100": 1, "total": 1}
        assert values(dw, "standards.drafting", who) == {"330100": 1, "total": 1}
        assert values(dw, "standards.comment_open", who) == {"330100": 1, "total": 1}
    assert values(dw, "standards.published", None, alliance_id=w.other_alliance.pk) == {"total": 0}


# ---- no leak: the visitor's figures carry no hidden row -----------------------------------------------


def all_figures(dw: DashWorld, viewer) -> dict[str, dict[str, float] | None]:
    return {i.key: values(dw, i.key, viewer) for i in ind.all_indicators() if i.app in NEW_AREAS}


def hidden_rows(dw: DashWorld) -> None:
    """One of each thing a visitor may not see: an alliance-only R&D project, a members-only event held in
    Songjiang with a registration, an unpublished signed project, a draft policy, a private request, a
    standard still a proposal (by the Wuhu member)."""
    from corridor.channel import services as channel
    from corridor.events import services as events
    from corridor.events.models import Event
    from corridor.policies import services as policies
    from corridor.projects import services as projects
    from corridor.rnd.testing import ZH_TOOTH_PROFILE, register
    from corridor.standards import services as standards

    w = dw.world
    register(w, "member", {**ZH_TOOTH_PROFILE, "title": "隐藏的联盟项目"}, visibility="alliance")
    start = timezone.now() + datetime.timedelta(days=1)
    salon = events.create_event(w.users["secretariat"], {
        "kind": "salon", "title_zh": "松江闭门沙龙", "alliance": w.alliance, "region": w.regions["310117"],
        "visibility": "members", "starts_at": start, "ends_at": start + datetime.timedelta(hours=2)})
    events.register(w.users["member"], salon, organisation=w.member_org)
    past = timezone.now() - datetime.timedelta(days=1)
    Event.objects.filter(pk=salon.pk).update(starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    admin = w.users["admin"]
    hidden = projects.create_project(admin, {"name_zh": "松江未公开", "investor": w.member_org.pk, "region": "310117",
                                             "investment": "700000000"})
    projects.advance(admin, _signed(admin, hidden), "start")
    draft = policies.create_policy(None, {"title_zh": "松江草案二", "issuer_zh": "松江区科委", "level": "district",
                                          "home_region": w.regions["310117"], "regions": []})
    policies.save_item(None, draft, {"title_zh": "草案补助二", "benefit": "subsidy", "rate": "5"})
    channel.file_request(w.users["member"], w.member_org, {"type": "policy", "region": "330402", "subject": "私密诉求",
                                                          "text": "仅本企业可见"})
    standards.propose(w.users["member"], w.alliance, w.member_org, {"title_zh": "芜湖提案", "scope_zh": "减速器", "rationale_zh": "统一测试方法"})


def test_hidden_rows_of_the_new_areas_do_not_move_a_visitors_figures(dw):
    rnd_world(dw)
    events_world(dw)
    projects_world(dw)
    policies_world(dw)
    channel_world(dw)
    standards_world(dw)
    w = dw.world
    admin, outsider = w.users["admin"], w.users["outsider"]
    before = {who: all_figures(dw, user(dw, who)) for who in ("visitor", "outsider", "admin")}
    hidden_rows(dw)
    assert all_figures(dw, None) == before["visitor"]
    assert all_figures(dw, outsider) == before["outsider"]
    after = all_figures(dw, admin)
    for key in ("rnd.projects", "events.held", "events.registrations", "projects.signed", "projects.investment",
                "projects.started_rate", "channel.requests"):
        assert after[key] != before["admin"][key], key
    # And the visitor's figures are strictly fewer than the admin's where something is hidden from them.
    for key in ("projects.signed", "events.held", "rnd.projects"):
        seen, full = before["visitor"][key], before["admin"][key]
        assert seen is not None and full is not None
        assert seen["total"] < full["total"], key
