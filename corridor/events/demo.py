"""Demo events: past ones from the seeds (the robot alliance's founding in Wuhu on 2018-12-21, the first G60
joint conference in Songjiang in 2018, the Zhongguancun alliance's visit to Dongli on 2016-11-15), coming
ones the seeds announce (the Dongli Lake forum the alliance co-hosts, its lecture and project showcase
salon), a members-only forum with registration types, and a coming brokerage day of the robot alliance with
60 participants and their meeting requests. Whatever the seeds do not give (exact days of coming events,
participants, requests) is flagged synthetic. Idempotent: a second run adds nothing.

Everything is written through the services.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.accounts.models import RoleGrant
from corridor.alliances.models import Alliance
from corridor.demo import facts
from corridor.events import meetings, services
from corridor.events.models import Event, MeetingRequest, Registration
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

SOURCE = "demo"
SHANGHAI = ZoneInfo("Asia/Shanghai")
BROKERAGE_PARTICIPANTS = 60
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
TITLES = ("总经理", "副总经理", "技术总监", "采购经理", "市场总监", "研发经理", "投资经理", "主任")
OFFERS = (
    ("提供工业机器人减速器批量供货，寻求整机厂配套", "RV reducers in volume; looking for robot makers to supply"),
    ("提供伺服电机与驱动器，寻求系统集成商合作", "servo motors and drives; looking for integrators"),
    ("提供机器视觉检测方案，寻求汽车零部件产线客户", "machine-vision inspection; looking for auto-parts lines"),
    ("寻求焊接机器人工作站，用于新能源汽车车身产线", "need welding robot cells for EV body lines"),
    ("提供检测认证服务（CNAS），寻求机器人整机送检客户", "CNAS testing; looking for robot makers needing certification"),
    ("寻求天使轮/A轮投资，协作机器人项目", "seeking angel / series-A funding for a cobot project"),
    ("投资机构，关注智能制造早期项目", "investor in early-stage smart-manufacturing projects"),
    ("提供精密铸件与机加工产能", "precision castings and machining capacity"),
    ("寻求高校联合研发：力控与柔顺控制", "joint R&D with universities: force and compliance control"),
    ("提供AGV与仓储物流机器人，寻求工厂物流改造项目", "AGVs and warehouse robots; looking for plant logistics projects"),
)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


def _region(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def _alliance(slug: str) -> Alliance | None:
    return Alliance.objects.filter(slug=slug).first()


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(TITLES)


def load_demo(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    report = progress or (lambda stage, done, total: None)
    stage = _("Events and a brokerage day")
    report(stage, 0, 3)
    if Event.objects.filter(source=SOURCE).exists():
        report(stage, 3, 3)
        return counts()
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    rng = random.Random(18)
    robot = _alliance("g60-robot")
    zgc = _alliance("zgc-special-robot")
    _past(admin, robot, zgc, rng)
    report(stage, 1, 3)
    _coming(admin, robot, zgc, rng)
    report(stage, 2, 3)
    if robot is not None:
        _brokerage_day(admin, robot, rng)
    report(stage, 3, 3)
    return counts()


def _create(admin: Any, data: dict[str, Any], **extra: Any) -> Event:
    return services.create_event(admin, {"source": SOURCE, **data}, **extra)


def _past(admin: Any, robot: Alliance | None, zgc: Alliance | None, rng: random.Random) -> None:
    founding = _create(admin, {
        "kind": "ceremony", "title_zh": "G60科创走廊机器人产业联盟成立大会",
        "title_en": "Founding of the G60 S&T Innovation Corridor Robot Industry Alliance",
        "description_zh": "九城市机器人企业在芜湖共同成立产业联盟，首批成员138家，发布《芜湖宣言》：推动关键技术研发、检测设备共享、政策资源互通与行业标准化。",
        "description_en": "Robot companies of the nine cities founded the alliance in Wuhu with 138 first-batch members "
                          "and issued the Wuhu Declaration: joint R&D of key technologies, shared testing equipment, "
                          "exchange of policy resources, standardisation.",
        "alliance": robot, "region": _region(facts.WUHU), "address": "安徽省芜湖市",
        "starts_at": _at(datetime.date(2018, 12, 21), 9), "ends_at": _at(datetime.date(2018, 12, 21), 17),
    }, sessions=[
        {"starts_at": _at(datetime.date(2018, 12, 21), 9), "ends_at": _at(datetime.date(2018, 12, 21), 10),
         "title_zh": "联盟成立仪式", "title_en": "Founding ceremony"},
        {"starts_at": _at(datetime.date(2018, 12, 21), 10), "ends_at": _at(datetime.date(2018, 12, 21), 11),
         "title_zh": "发布《芜湖宣言》", "title_en": "The Wuhu Declaration"},
    ])
    _guests(admin, founding, rng, 24, checked_in=True)
    conference = _create(admin, {
        "kind": "forum", "title_zh": "第一届G60科创走廊联席会议", "title_en": "First G60 S&T Innovation Corridor joint conference",
        "description_zh": "九城市共同举办首届联席会议，签署《松江宣言》和战略合作协议，走廊进入3.0版。（具体日期为演示假设）",
        "description_en": "The nine cities held the first joint conference, signed the Songjiang Declaration and the "
                          "strategic cooperation agreement: the corridor's version 3.0. (The exact day is assumed.)",
        "region": _region(facts.SONGJIANG), "address": "上海市松江区", "is_synthetic": True,
        "starts_at": _at(datetime.date(2018, 6, 1), 9), "ends_at": _at(datetime.date(2018, 6, 1), 12),
    })
    _guests(admin, conference, rng, 18, checked_in=True)
    if zgc is not None:
        visit = _create(admin, {
            "kind": "site_visit", "title_zh": "联盟赴天津东丽考察", "title_en": "The alliance visits Dongli, Tianjin",
            "description_zh": "为促进京津冀协同发展，秘书长带领联盟成员单位代表赴东丽区考察，洽谈产业落地事宜。",
            "description_en": "For Beijing–Tianjin–Hebei coordination, the secretary-general led member representatives "
                              "to Dongli to discuss locating industry there.",
            "alliance": zgc, "region": _region(facts.DONGLI), "address": "天津市东丽区",
            "starts_at": _at(datetime.date(2016, 11, 15), 9), "ends_at": _at(datetime.date(2016, 11, 15), 17),
        })
        _guests(admin, visit, rng, 8, checked_in=True)


def _coming(admin: Any, robot: Alliance | None, zgc: Alliance | None, rng: random.Random) -> None:
    today = timezone.localdate()
    if zgc is not None:
        forum_day = today + datetime.timedelta(days=30)
        _create(admin, {
            "kind": "forum", "title_zh": "东丽湖论坛·特种机器人专场", "title_en": "Dongli Lake Forum: special robots",
            "description_zh": "联盟与东丽区合作举办东丽湖论坛，围绕特种机器人产业落地东丽、研究院入驻与产业加速器展开交流。",
            "description_en": "The alliance and Dongli co-host the Dongli Lake Forum: special robots landing in Dongli, "
                              "the research institute and the industry accelerator.",
            "alliance": zgc, "region": _region(facts.DONGLI), "address": "天津市东丽区东丽湖", "capacity": 200,
            "starts_at": _at(forum_day, 9), "ends_at": _at(forum_day, 17), "is_synthetic": True,
        }, sessions=[
            {"starts_at": _at(forum_day, 9), "ends_at": _at(forum_day, 9, 30), "title_zh": "开幕致辞", "title_en": "Opening"},
            {"starts_at": _at(forum_day, 9, 30), "ends_at": _at(forum_day, 11), "title_zh": "主旨演讲：特种机器人产业趋势",
             "title_en": "Keynote: where special robots are going", "speakers": "联盟秘书长"},
            {"starts_at": _at(forum_day, 14), "ends_at": _at(forum_day, 16), "title_zh": "圆桌：产业落地与政策",
             "title_en": "Panel: landing industry, and policies"},
        ], types=[
            {"name_zh": "企业", "name_en": "Enterprises", "capacity": 120},
            {"name_zh": "投资机构", "name_en": "Investors", "capacity": 30},
            {"name_zh": "高校院所", "name_en": "Universities and institutes", "capacity": 30},
            {"name_zh": "政府部门", "name_en": "Government", "capacity": 20},
        ])
        salon_day = today + datetime.timedelta(days=45)
        _create(admin, {
            "kind": "salon", "title_zh": "联盟大讲堂暨项目展示沙龙（东丽）", "title_en": "Alliance lecture and project showcase salon (Dongli)",
            "description_zh": "定期举办的大讲堂论坛与项目展示沙龙，对接正和岛与战略联盟伙伴。",
            "description_en": "The regular lecture forum and project showcase salon, with the alliance's strategic partners.",
            "alliance": zgc, "region": _region(facts.DONGLI), "address": "天津市东丽区华明高新区", "capacity": 60,
            "approval_required": True, "starts_at": _at(salon_day, 14), "ends_at": _at(salon_day, 17, 30),
            "is_synthetic": True,
        })
    if robot is not None:
        day = today + datetime.timedelta(days=14)
        forum = _create(admin, {
            "kind": "forum", "title_zh": "G60机器人产业联盟会员闭门会", "title_en": "G60 robot alliance members' closed meeting",
            "description_zh": "仅限联盟成员单位：年度工作回顾、检测设备共享与团体标准进展。",
            "description_en": "Alliance members only: the year's work, shared testing equipment, group standards.",
            "alliance": robot, "visibility": "members", "region": _region(facts.SONGJIANG), "address": "上海市松江区G60科创云廊",
            "capacity": 80, "starts_at": _at(day, 14), "ends_at": _at(day, 17), "is_synthetic": True,
        })
        _guests(admin, forum, rng, 12)


def _guests(admin: Any, event: Event, rng: random.Random, n: int, *, checked_in: bool = False) -> list[Registration]:
    orgs = list(Organisation.objects.filter(is_synthetic=True, kind="enterprise", listed=True).order_by("pk")[:400])
    made = []
    for org in rng.sample(orgs, min(n, len(orgs))):
        registration = services.register_guest(admin, event, name=_person(rng), organisation=org)
        if checked_in and registration.status == Registration.Status.APPROVED:
            services.check_in(admin, event, registration.code, now=event.starts_at)
        made.append(registration)
    return made


def _brokerage_day(admin: Any, robot: Alliance, rng: random.Random) -> None:
    day = timezone.localdate() + datetime.timedelta(days=21)
    event = _create(admin, {
        "kind": "brokerage", "title_zh": "G60机器人产业供需对接会（1对1洽谈）",
        "title_en": "G60 robot industry brokerage day (1:1 meetings)",
        "description_zh": "整机厂、零部件企业、检测机构与投资机构一对一洽谈：提前在线预约，现场按桌号会面，每场20分钟。",
        "description_en": "Robot makers, component suppliers, testing labs and investors meet 1:1: book online ahead, "
                          "meet at your table, 20 minutes each.",
        "alliance": robot, "region": _region(facts.WUHU), "address": "安徽省芜湖市鸠江区机器人产业园会议中心",
        "capacity": 120, "meeting_tables": 20, "max_meetings": 8, "is_synthetic": True,
        "starts_at": _at(day, 9), "ends_at": _at(day, 17, 30),
    }, sessions=[
        {"starts_at": _at(day, 9), "ends_at": _at(day, 9, 30), "title_zh": "开场与洽谈规则", "title_en": "Welcome and how meetings work"},
        {"starts_at": _at(day, 9, 30), "ends_at": _at(day, 12), "title_zh": "上午洽谈", "title_en": "Morning meetings"},
        {"starts_at": _at(day, 13, 30), "ends_at": _at(day, 17), "title_zh": "下午洽谈", "title_en": "Afternoon meetings"},
    ], types=[
        {"name_zh": "企业", "name_en": "Enterprises", "capacity": 90},
        {"name_zh": "投资机构", "name_en": "Investors", "capacity": 15},
        {"name_zh": "检测与科研机构", "name_en": "Labs and institutes", "capacity": 15},
    ])
    meetings.set_slots(admin, event, _at(day, 9, 30), _at(day, 17), 20, 5, 20,
                       break_from=_at(day, 12), break_until=_at(day, 13, 30))
    enterprises, investors, labs = event.registration_types.all()
    members = list(Organisation.objects.filter(memberships__alliance=robot).order_by("pk").distinct()[:200])
    others = list(Organisation.objects.filter(is_synthetic=True, kind="enterprise", listed=True).order_by("pk")[:300])
    participants: list[Registration] = []
    # The demo's own people: the member (a robot maker) and the Songjiang lab (its profile in English).
    own_orgs: set[int] = set()
    for username, kind in (("member", enterprises), ("lab", labs)):
        grant = RoleGrant.objects.filter(user__username=username, role="member").select_related("user", "organisation").first()
        if grant is None:
            continue
        registration = services.register(grant.user, event, organisation=grant.organisation, type=kind,
                                         name=_person(rng))
        if username == "lab":
            meetings.update_profile(admin, registration, {
                "profile_en": "CNAS/CMA accredited testing of robots and components (EMC, reliability, safety); "
                              "we speak English. Looking for robot makers preparing CE or export certification."})
        if grant.organisation_id is not None:
            own_orgs.add(grant.organisation_id)
        participants.append(registration)
    chosen = [o for o in dict.fromkeys(members + others) if o.pk not in own_orgs]
    rng.shuffle(chosen)
    for index, org in enumerate(chosen[:BROKERAGE_PARTICIPANTS - len(participants)]):
        kind = investors if index % 12 == 0 else labs if index % 12 == 1 else enterprises
        registration = services.register_guest(admin, event, name=_person(rng), organisation=org, type=kind)
        zh, en = OFFERS[index % len(OFFERS)]
        data: dict[str, Any] = {"profile_zh": zh, "profile_en": en}
        if index % 9 == 0:  # arriving late
            data["available_from"] = _at(day, 13, 30)
        elif index % 11 == 0:  # leaving early
            data["available_until"] = _at(day, 12)
        if index % 7 == 0:
            data["max_meetings"] = 4
        meetings.update_profile(admin, registration, data)
        participants.append(registration)
    # Requests: a few popular participants asked by many; most accepted, some awaiting an answer.
    popular = participants[2:8]
    pairs: set[tuple[int, int]] = set()
    for registration in participants:
        wanted = rng.sample(popular, 2) + rng.sample(participants, 3)
        for other in wanted:
            key = (min(registration.pk, other.pk), max(registration.pk, other.pk))
            if other.pk == registration.pk or key in pairs:
                continue
            pairs.add(key)
            meetings.record_request(admin, event, registration, other, priority=rng.choice((1, 2, 2, 3)),
                                    accepted=rng.random() < 0.85, message="")


def counts() -> dict[str, int]:
    return {"events": Event.objects.count(), "event_registrations": Registration.objects.count(),
            "meeting_requests": MeetingRequest.objects.count()}

