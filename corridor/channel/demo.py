"""Demo government–enterprise channel: an enterprise-service office for each of the nine G60 cities (and
Dongli), routing rules, Dongli's "122" targets from seed 004 with progress counted over the registry, a
Wuhu robot-firm target, a few notices, and requests in every state (the demo member's, and synthetic ones
per city, flagged). Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from corridor.channel import services
from corridor.channel.models import EnterpriseRequest, Office, RoutingRule, Target, TargetSnapshot
from corridor.demo import facts
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

# (city code, office zh, office en)
OFFICES = [
    (facts.SONGJIANG, "松江区企业服务中心", "Songjiang District Enterprise Service Centre"),
    (facts.JIAXING, "嘉兴市营商环境服务中心", "Jiaxing Business Environment Service Centre"),
    (facts.HANGZHOU, "杭州市企业综合服务中心", "Hangzhou Enterprise Service Centre"),
    (facts.JINHUA, "金华市企业服务中心", "Jinhua Enterprise Service Centre"),
    (facts.SUZHOU, "苏州市企业服务中心", "Suzhou Enterprise Service Centre"),
    (facts.HUZHOU, "湖州市企业服务中心", "Huzhou Enterprise Service Centre"),
    (facts.XUANCHENG, "宣城市企业服务中心", "Xuancheng Enterprise Service Centre"),
    (facts.WUHU, "芜湖市企业服务中心", "Wuhu Enterprise Service Centre"),
    (facts.HEFEI, "合肥市企业服务中心", "Hefei Enterprise Service Centre"),
    (facts.DONGLI, "东丽区科技和工业信息化局", "Dongli District Bureau of Science, Technology and Industry"),
]
LAND_OFFICES = [(facts.SONGJIANG, "松江区规划和自然资源局", "Songjiang Planning and Natural Resources Bureau")]

TARGETS: list[dict[str, Any]] = [
    {"region": facts.DONGLI, "title_zh": "引进市级以上科研院所及研发中心", "title_en": "Research institutes and R&D centres (city level and above)",
     "goal": 100, "due_on": datetime.date(2016, 12, 31), "kind": "institute"},
    {"region": facts.DONGLI, "title_zh": "培育科技小巨人", "title_en": "Tech 'little giants'",
     "goal": 1000, "due_on": datetime.date(2016, 12, 31), "kind": "enterprise", "size_bands": ["medium", "large"]},
    {"region": facts.DONGLI, "title_zh": "形成有自主创新能力的科技型中小企业", "title_en": "Innovative tech SMEs",
     "goal": 10000, "due_on": datetime.date(2016, 12, 31), "kind": "enterprise", "size_bands": ["micro", "small"]},
    {"region": facts.WUHU, "title_zh": "机器人企业50家（手工填报）", "title_en": "50 robot firms (entered by hand)",
     "goal": 50, "due_on": datetime.date(2027, 12, 31), "manual": True, "manual_value": 38},
]

NOTICES = [
    {"title_zh": "关于组织申报2027年度嘉兴市科技计划项目的通知", "title_en": "Call for Jiaxing's 2027 science and technology projects",
     "body_zh": "各有关单位：请于2027年1月31日前通过系统提交申报材料。", "body_en": "Submit your applications through the system by 31 January 2027.",
     "region": facts.JIAXING, "sender": "officer", "sender_label": "嘉兴市科学技术局"},
    {"title_zh": "芜湖市工业机器人首台套保险补偿政策解读会", "title_en": "Briefing: Wuhu's first-unit insurance compensation for industrial robots",
     "body_zh": "定于下周三在芜湖机器人产业园举行，欢迎企业参加。", "body_en": "Next Wednesday at the Wuhu robot industrial park; enterprises welcome.",
     "region": facts.WUHU, "sender": "officer_wuhu", "sender_label": "芜湖市经济和信息化局"},
]

# (type, subject, text, steps) — the demo member's own requests, one per state.
MEMBER_REQUESTS = [
    ("land", "新建智能仓储机器人生产基地用地需求", "我司拟在松江新建生产基地，需工业用地约50亩，请协助对接可用地块。", []),
    ("policy", "研发费用加计扣除政策咨询", "请问2026年度研发费用加计扣除的比例及申报时间？", ["accept"]),
    ("talent", "高层次人才公寓申请", "我司引进的3名博士需要人才公寓，请告知申请条件。", ["accept", "answer"]),
    ("financing", "科技贷款贴息申报", "申请科技型中小企业贷款贴息，请告知所需材料。", ["accept", "answer", "rate"]),
    ("approval", "新产品生产许可审批进度", "我司新产品生产许可已提交两周，请告知进度。", ["accept", "ask"]),
]


def _user(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first()


def load_demo(progress: Callable[[str, int, int], None] | None = None) -> None:
    report = progress or (lambda *_args: None)
    step = _("Government–enterprise channel")
    report(step, 0, 1)
    if Office.objects.exists():
        report(step, 1, 1)
        return
    regions = {r.code: r for r in Region.objects.filter(code__in=[c for c, _z, _e in OFFICES + LAND_OFFICES])}
    admin, officer, officer_wuhu = _user("admin"), _user("officer"), _user("officer_wuhu")
    with transaction.atomic():
        offices: dict[str, Office] = {}
        for code, zh, en in OFFICES + LAND_OFFICES:
            region = regions.get(code)
            if region is None:
                continue
            office = Office.objects.create(region=region, name_zh=zh, name_en=en, supervisor=admin, is_synthetic=True,
                                           reply_template_zh="您好！关于您反映的诉求，答复如下：", reply_template_en="Hello, about your request:")
            offices[zh] = office
            if code == facts.JIAXING and officer is not None:
                office.staff.add(officer)
            if code == facts.WUHU and officer_wuhu is not None:
                office.staff.add(officer_wuhu)
            if code == facts.SONGJIANG and officer is not None and zh == LAND_OFFICES[0][1]:
                office.staff.add(officer)  # the demo's officer also answers Songjiang land requests
        for code, zh, _en in OFFICES:
            if zh in offices:
                RoutingRule.objects.create(type="", region=regions[code], office=offices[zh])
        for code, zh, _en in LAND_OFFICES:
            if zh in offices:
                RoutingRule.objects.create(type="land", region=regions[code], office=offices[zh])
        _targets()
        _notices(admin)
        _requests(admin)
    # The notifications' e-mail jobs run in threads started on commit: finish them before a CLI exits.
    from corridor.jobs import services as jobs

    jobs.wait_all(timeout=120)
    report(step, 1, 1)


def _targets() -> None:
    # Dongli's figures are counted over the registry as it is: the demo corridor holds few Tianjin profiles,
    # and inventing a population there would change every count of the demo's generated organisations.
    for position, spec in enumerate(TARGETS):
        region = Region.objects.filter(code=spec["region"]).first()
        if region is None:
            continue
        target = Target.objects.create(**{**spec, "region": region, "position": position})
        if target.manual:  # the hand-entered figures of the past months
            today = datetime.date.today().replace(day=1)
            for months_ago, value in ((5, 24), (4, 27), (3, 31), (2, 33), (1, 36)):
                month = (today.month - months_ago - 1) % 12 + 1
                year = today.year + (today.month - months_ago - 1) // 12
                TargetSnapshot.objects.create(target=target, taken_on=datetime.date(year, month, 1), value=value)
    services.snapshot_targets()


def _notices(admin: Any) -> None:
    for spec in NOTICES:
        sender = _user(spec["sender"]) or admin
        region = Region.objects.filter(code=spec["region"]).first()
        if sender is None or region is None:
            continue
        data = {k: v for k, v in spec.items() if k not in ("region", "sender")}
        services.send_notice(sender, {**data, "regions": [region], "is_synthetic": True})


def _steps(req: EnterpriseRequest, steps: list[str], requester: Any) -> None:
    office_staff = req.office.staff.first() if req.office else None
    clerk = office_staff or _user("admin")
    for name in steps:
        if name == "accept":
            services.accept(clerk, req)
        elif name == "answer":
            services.answer(clerk, req, (req.office.reply_template_zh if req.office else "") + "已按政策办理，请登录系统查看。")
        elif name == "rate":
            services.rate(requester, req, "satisfied", True, "办理及时")
        elif name == "ask":
            services.ask(clerk, req, "请补充产品检验报告。")


def _requests(admin: Any) -> None:
    member = _user("member")
    organisation = Organisation.objects.filter(name_zh="浙江国自机器人技术股份有限公司").first()
    if member is not None and organisation is not None:
        for type_, subject, text, steps in MEMBER_REQUESTS:
            region = facts.SONGJIANG if type_ == "land" else facts.JIAXING
            req = services.file_request(member, organisation, {"type": type_, "region": region, "subject": subject, "text": text})
            _steps(req, steps, member)
    if admin is None:
        return
    # Synthetic requests, one per city, from synthetic firms located there (flagged).
    for code, _zh, _en in OFFICES:
        firm = Organisation.objects.filter(is_synthetic=True, city__code=code).order_by("pk").first()
        if firm is None:
            continue
        req = services.file_request(admin, firm, {"type": "infrastructure", "region": code, "subject": "园区道路与供电扩容",
                                                  "text": "（合成数据）园区供电容量不足，请协调扩容。", "is_public": True})
        EnterpriseRequest.objects.filter(pk=req.pk).update(is_synthetic=True)
