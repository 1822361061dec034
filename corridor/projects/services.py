"""Use cases of investment projects: the only code that writes projects, sites, stage history and arrivals.

Every state change goes through the kernel's workflow (`apply_transition`): access, the conditional
UPDATE, the project's history, the account manager's notification. Reaching production lands the project:
each site becomes (or is) a registry organisation, and producing sites are put on the project's chain
segments, so the city's chain matrix and gaps follow (`orgs.services` fires the change event the chains
follow; `chains.services.declare_landed_tags` counts only what the site adds).
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import CHANGE, Actor
from corridor.core.workflow import apply_transition
from corridor.orgs.models import Organisation
from corridor.projects import leads
from corridor.projects.models import (
    DEFAULT_SIGN_REQUIRED,
    DEFAULT_WARN_DAYS,
    SIGNABLE_FIELDS,
    CapitalArrival,
    Project,
    Site,
    Stage,
    StageChange,
    StageRule,
    at_or_past,
)
from corridor.regions.models import Park, Region, within_q
from corridor.regions.services import hierarchy

EDITABLE = (
    "name_zh", "name_en", "description_zh", "description_en", "kind", "source", "source_note", "investment",
    "registered_capital", "land_mu", "floor_area_m2", "jobs", "annual_output", "annual_tax",
)
MONEY = ("investment", "registered_capital", "annual_output", "annual_tax", "agreement_amount", "land_mu",
         "floor_area_m2")


# -- who may -------------------------------------------------------------------------------------------


def may_create(actor: Actor, region: Region | None = None) -> bool:
    """Officers (for a region inside theirs), secretariats (naming their alliance) and admins record projects."""
    scope = access.roles(actor)
    if scope.is_admin or scope.secretariat_alliance_ids:
        return True
    if not scope.officer_region_ids:
        return False
    if region is None:
        return True
    return Region.objects.filter(within_q("", scope.officer_region_ids), pk=region.pk).exists()


def creatable_regions(actor: Actor) -> Any:
    """Regions a project may target for this actor: an officer's region and what lies inside it."""
    scope = access.roles(actor)
    qs = Region.objects.exclude(level=Region.Level.PROVINCE)
    if scope.is_admin or scope.secretariat_alliance_ids:
        return qs.filter(level=Region.Level.CITY) | qs.filter(level=Region.Level.DISTRICT, parent__level=Region.Level.PROVINCE)
    return qs.filter(within_q("", scope.officer_region_ids))


# -- input ---------------------------------------------------------------------------------------------


def _decimal(name: str, value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({name: _("Enter a number.")}) from None
    if not number.is_finite() or number < 0:
        raise ValidationError({name: _("Enter a number of zero or more.")})
    if number >= Decimal("1e14"):
        raise ValidationError({name: _("This number is too large.")})
    return number.quantize(Decimal("0.01"))


def _region(code_or_region: Any, field: str = "region") -> Region:
    if isinstance(code_or_region, Region):
        return code_or_region
    found = Region.objects.select_related("parent__parent").filter(code=str(code_or_region or "").strip()).first()
    if found is None:
        raise ValidationError({field: _("Choose a region.")})
    return found


def _park(value: Any, region: Region) -> Park | None:
    if value in (None, ""):
        return None
    park = value if isinstance(value, Park) else Park.objects.filter(pk=int(value) if str(value).isdigit() else 0).first()
    if park is None:
        raise ValidationError({"park": _("Unknown park.")})
    return park


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in EDITABLE:
        if name not in data:
            continue
        value = data[name]
        if name in MONEY:
            out[name] = _decimal(name, value)
        elif name == "jobs":
            if value in (None, ""):
                out[name] = None
            elif not str(value).strip().isdigit() or int(str(value).strip()) > 10_000_000:
                raise ValidationError({"jobs": _("Enter a whole number of zero or more.")})
            else:
                out[name] = int(str(value).strip())
        elif name == "kind":
            if value not in Project.Kind.values:
                raise ValidationError({"kind": _("Choose a kind.")})
            out[name] = value
        elif name == "source":
            if value not in Project.Source.values:
                raise ValidationError({"source": _("Choose a source.")})
            out[name] = value
        else:
            out[name] = str(value or "").strip()
    return out


def _segments(data: dict[str, Any]) -> list[Any] | None:
    if "segments" not in data:
        return None
    from corridor.chains.models import Segment

    ids = [int(s) for s in (data["segments"] or []) if str(s).isdigit()]
    found = list(Segment.objects.filter(pk__in=ids, active=True))
    if len(found) != len(set(ids)):
        raise ValidationError({"segments": _("Unknown chain segment.")})
    return found


def _investor(actor: Actor, data: dict[str, Any]) -> Organisation:
    """The investor chosen in the registry, or a new one created on the spot (its name and region)."""
    chosen = data.get("investor")
    if isinstance(chosen, Organisation):
        return chosen
    if chosen not in (None, ""):
        org = Organisation.objects.restrict(actor).filter(pk=int(str(chosen)) if str(chosen).isdigit() else 0).first()
        if org is None:
            raise ValidationError({"investor": _("Choose an organisation from the registry.")})
        return org
    name = str(data.get("new_investor") or "").strip()
    if not name:
        raise ValidationError({"investor": _("Choose the investor, or give the name of a new one.")})
    from corridor.orgs.services import create_organisation

    region = str(data.get("new_investor_region") or "").strip() or None
    try:
        return create_organisation(actor, {"name_zh": name, "region": region})
    except ValidationError as exc:
        raise ValidationError({"new_investor": exc.messages}) from None


def _place(project: Project, region: Region) -> None:
    project.region = region
    project.city, project.province = hierarchy(region)


# -- create and edit -----------------------------------------------------------------------------------


@transaction.atomic
def create_project(actor: Actor, data: dict[str, Any], *, is_synthetic: bool = False, source_seed: str = "",
                   trusted: bool = False, recorded_on: datetime.date | None = None) -> Project:
    """Record a project (a lead, unless the data says otherwise). `data`: investor (id) or new_investor
    (+ new_investor_region), region (code), park (id), alliance (id, secretariats), kind, source, segments
    (ids), account_manager (user id; default the creator), the amounts, and `activity` (and, when it already
    exists, `site_organisation`: the local entity) of the first site.
    `trusted`: a batch job (ledger import, demo loader) run from the command line, not a request."""
    region = _region(data.get("region"))
    scope = access.roles(actor)
    alliance_id = data.get("alliance") or None
    if trusted:
        pass
    elif not (scope.is_admin or scope.officer_region_ids or scope.secretariat_alliance_ids):
        raise PermissionDenied(_("Only city officers, secretariats and administrators record projects."))
    elif not scope.is_admin:
        managed = scope.officer_region_ids and Region.objects.filter(
            within_q("", scope.officer_region_ids), pk=region.pk).exists()
        if not managed:
            if not scope.secretariat_alliance_ids:
                raise PermissionDenied(_("You may record projects only for your own region."))
            alliance_id = int(alliance_id or sorted(scope.secretariat_alliance_ids)[0])
            if alliance_id not in scope.secretariat_alliance_ids:
                raise PermissionDenied(_("You may name only your own alliance's secretariat."))
    project = Project(created_by=access.user_of(actor), is_synthetic=is_synthetic, source_seed=source_seed,
                      alliance_id=alliance_id)
    for name, value in _clean(data).items():
        setattr(project, name, value)
    if not project.name_zh and not project.name_en:
        raise ValidationError({"name_zh": _("A project needs a Chinese or an English name.")})
    _place(project, region)
    project.park = _park(data.get("park"), region)
    segments = _segments(data)
    manager = data.get("account_manager")
    project.account_manager = manager if manager is not None and not isinstance(manager, (int, str)) else None
    if isinstance(manager, (int, str)) and str(manager).isdigit():
        from django.contrib.auth import get_user_model

        project.account_manager = get_user_model().objects.filter(pk=int(manager)).first()
    if project.account_manager is None:
        project.account_manager = access.user_of(actor)
    project.investor = _investor(actor, data)
    origin = leads.lead_origin(actor, data, project.investor)
    if origin is not None:
        project.source = origin[0]
        project.meeting, project.interest = origin[1], origin[2]
    project.save()
    if segments:
        project.segments.set(segments)
    local = data.get("site_organisation")
    if local is not None and not isinstance(local, Organisation):
        local = Organisation.objects.restrict(actor).filter(pk=int(str(local)) if str(local).isdigit() else 0).first()
        if local is None:
            raise ValidationError({"site_organisation": _("Choose an organisation from the registry.")})
    Site.objects.create(project=project, region=region, city=project.city, park=project.park, organisation=local,
                        activity=data.get("activity") or Site.Activity.MANUFACTURING)
    StageChange.objects.create(project=project, from_stage="", to_stage=project.stage, by=access.user_of(actor),
                               on=recorded_on or timezone.localdate(), note=_("Recorded"))
    if recorded_on is not None:
        since = timezone.make_aware(datetime.datetime.combine(recorded_on, datetime.time(9)))
        Project.objects.filter(pk=project.pk).update(stage_changed_at=since)
        project.stage_changed_at = since
    audit.record(actor, project, ChangeRecord.Action.CREATE)
    return project


@transaction.atomic
def update_project(actor: Actor, project: Project, data: dict[str, Any]) -> Project:
    access.require(actor, CHANGE, project, _("Only the project's officers or secretariat may edit it."))
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = audit.snapshot(project, Project.AUDITED_FIELDS)
    for name, value in _clean(data).items():
        setattr(project, name, value)
    if not project.name_zh and not project.name_en:
        raise ValidationError({"name_zh": _("A project needs a Chinese or an English name.")})
    if "park" in data:
        project.park = _park(data.get("park"), project.region)
    if data.get("investor") or data.get("new_investor"):
        project.investor = _investor(actor, data)
    segments = _segments(data)
    project.save()
    if segments is not None:
        project.segments.set(segments)
    audit.record(actor, project, ChangeRecord.Action.UPDATE, before=before,
                 after=audit.snapshot(project, Project.AUDITED_FIELDS))
    access.forget(project)
    return project


# -- stages --------------------------------------------------------------------------------------------


def rule_for(project: Project) -> StageRule | None:
    """The region's own rule: the district's, else its city's."""
    ids = [i for i in (project.region_id, project.city_id) if i]
    rules = {r.region_id: r for r in StageRule.objects.filter(region_id__in=ids)}
    return next((rules[i] for i in ids if i in rules), None)


def sign_requires(project: Project) -> tuple[str, ...]:
    rule = rule_for(project)
    return tuple(rule.sign_requires) if rule and rule.sign_requires else DEFAULT_SIGN_REQUIRED


def warn_days(project: Project) -> dict[str, int]:
    rule = rule_for(project)
    return {**DEFAULT_WARN_DAYS, **(rule.warn_days if rule else {})}


def _sign_values(project: Project, values: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if name not in SIGNABLE_FIELDS:
            raise ValidationError({name: _("This field cannot be set when signing.")})
        if name in MONEY:
            clean[name] = _decimal(name, value)
        elif name == "jobs":
            clean[name] = _clean({"jobs": value})["jobs"]
        elif name == "signed_on":
            if value in (None, ""):
                clean[name] = None
            elif isinstance(value, datetime.date):
                clean[name] = value
            else:
                try:
                    clean[name] = datetime.date.fromisoformat(str(value).strip())
                except ValueError:
                    raise ValidationError({"signed_on": _("Enter a date as YYYY-MM-DD.")}) from None
        else:
            clean[name] = str(value or "").strip()
    missing = {
        name: _("Signing needs this (the region's rule).") for name in sign_requires(project)
        if clean.get(name) in (None, "") and getattr(project, name, None) in (None, "")
    }
    if missing:
        raise ValidationError(missing)
    if clean.get("signed_on") and clean["signed_on"] > timezone.localdate():
        raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
    return {k: v for k, v in clean.items() if v not in (None, "")}


@transaction.atomic
def advance(actor: Actor, project: Project, name: str, *, note: str = "", on: datetime.date | None = None,
            **values: Any) -> Project:
    """Take transition `name` (contact, visit, negotiate, sign, start, produce, operate, drop, reopen).
    `on`: the day it happened, when recorded afterwards (not in the future; the stage runs from then)."""
    if on is not None and on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    flow = Project.WORKFLOW
    try:
        transition = flow.get(name)
    except KeyError:
        raise ValidationError({"stage": _("Unknown step.")}) from None
    access.require(actor, transition.action, project, str(transition.denied))
    if name == "sign":
        values = _sign_values(project, values)
    elif name == "drop":
        values = {"reason": str(values.get("reason") or "")}
    elif values:
        raise ValidationError({sorted(values)[0]: _("This field cannot be set at this step.")})
    before = project.stage
    if transition.target not in at_or_past(Stage.SIGNED) and project.published:
        # Dropped (or reopened): the public summary goes first (only signed projects may have one).
        Project.objects.filter(pk=project.pk).update(published=False)
        project.published = False
    project = apply_transition(actor, project, name, **values)
    day = on or values.get("signed_on") or timezone.localdate()
    StageChange.objects.create(project=project, from_stage=before, to_stage=project.stage, by=access.user_of(actor),
                               on=day, note=str(note or "")[:300])
    if on is not None:
        since = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
        Project.objects.filter(pk=project.pk).update(stage_changed_at=since)
        project.stage_changed_at = since
    if project.stage == Stage.PRODUCTION:
        land(actor, project)
    return project


def land(actor: Actor, project: Project) -> list[Site]:
    """The project is producing: every site not yet landed becomes a registry entry (the investor itself
    when it is already in that city, the local organisation named on the site, or a new one), and producing
    sites are put on the project's segments. A site lands once, so the project counts once."""
    from corridor.chains import services as chains
    from corridor.orgs.services import create_organisation

    landed: list[Site] = []
    segments = list(project.segments.all())
    investor = project.investor
    for site in project.sites.select_for_update(of=("self",)).select_related("region", "city").filter(landed_at__isnull=True):
        org = site.organisation
        if org is None and investor.city_id and investor.city_id == site.city_id:
            org = investor  # an expansion at home: the investor's own entry gains what it lacks
        if org is None:
            org = create_organisation(actor, {
                "name_zh": f"{investor.name_zh or investor.name_en}（{site.city.name_zh if site.city else site.region.name_zh}）",
                "name_en": f"{investor.name_en} ({site.city.name_en if site.city else site.region.name_en})"
                if investor.name_en else "",
                "region": site.region.code,
                "description_zh": project.description_zh, "description_en": project.description_en,
            }, source_seed=f"project:{project.pk}", is_synthetic=project.is_synthetic)
        if site.activity in Site.PRODUCING and segments:
            chains.declare_landed_tags(actor, org, segments)
        Site.objects.filter(pk=site.pk).update(organisation=org, landed_at=timezone.now())
        landed.append(site)
    return landed


# -- sites, money, publication --------------------------------------------------------------------------


@transaction.atomic
def add_site(actor: Actor, project: Project, data: dict[str, Any]) -> Site:
    access.require(actor, CHANGE, project, _("Only the project's officers or secretariat may edit it."))
    region = _region(data.get("region"))
    activity = data.get("activity") or ""
    if activity not in Site.Activity.values:
        raise ValidationError({"activity": _("Choose an activity.")})
    if Site.objects.filter(project=project, region=region, activity=activity).exists():
        raise ValidationError({"activity": _("The project already has this activity in this region.")})
    organisation = data.get("organisation") if isinstance(data.get("organisation"), Organisation) else None
    if organisation is None and data.get("organisation"):
        organisation = Organisation.objects.restrict(actor).filter(
            pk=int(data["organisation"]) if str(data["organisation"]).isdigit() else 0).first()
        if organisation is None:
            raise ValidationError({"organisation": _("Choose an organisation from the registry.")})
    city, _province = hierarchy(region)
    site = Site.objects.create(project=project, region=region, city=city, park=_park(data.get("park"), region),
                               activity=activity, organisation=organisation)
    audit.record(actor, project, ChangeRecord.Action.UPDATE, before={"sites": ""},
                 after={"sites": f"+ {region.name_zh} · {site.get_activity_display()}"})
    if project.stage in at_or_past(Stage.PRODUCTION):
        land(actor, project)
    return site


@transaction.atomic
def record_arrival(actor: Actor, project: Project, amount: Any, on: Any, note: str = "") -> CapitalArrival:
    """Capital arrived (到资): only once signed; the project's total follows in the same UPDATE."""
    access.require(actor, CHANGE, project, _("Only the project's officers or secretariat may record capital."))
    value = _decimal("amount", amount)
    if value is None or value <= 0:
        raise ValidationError({"amount": _("Enter an amount above zero.")})
    if project.stage not in at_or_past(Stage.SIGNED):
        raise ValidationError({"amount": _("Capital is recorded once the project is signed.")})
    if not isinstance(on, datetime.date):
        try:
            on = datetime.date.fromisoformat(str(on or "").strip())
        except ValueError:
            raise ValidationError({"on": _("Enter a date as YYYY-MM-DD.")}) from None
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    before = audit.snapshot(project, Project.AUDITED_FIELDS)
    arrival = CapitalArrival.objects.create(project=project, on=on, amount=value, note=str(note or "")[:300],
                                            recorded_by=access.user_of(actor))
    Project.objects.filter(pk=project.pk).update(arrived=F("arrived") + value)
    project.refresh_from_db()
    audit.record(actor, project, ChangeRecord.Action.UPDATE, before=before,
                 after=audit.snapshot(project, Project.AUDITED_FIELDS), note="capital arrived")
    return arrival


@transaction.atomic
def publish(actor: Actor, project: Project, published: bool = True) -> Project:
    """Publish (or withdraw) the public summary: only once signed."""
    access.require(actor, CHANGE, project, _("Only the project's officers or secretariat may publish it."))
    if published and project.stage not in at_or_past(Stage.SIGNED):
        raise ValidationError({"published": _("A summary is published only once the project is signed.")})
    before = audit.snapshot(project, Project.AUDITED_FIELDS)
    Project.objects.filter(pk=project.pk).update(published=published)
    project.refresh_from_db()
    audit.record(actor, project, ChangeRecord.Action.UPDATE, before=before,
                 after=audit.snapshot(project, Project.AUDITED_FIELDS))
    access.forget(project)
    return project


@transaction.atomic
def set_stage_rule(actor: Actor, region: Region, sign_fields: list[str], days: dict[str, Any]) -> StageRule:
    """A region's officers set which fields signing needs and when a stage is stalled."""
    scope = access.roles(actor)
    if not (scope.is_admin or Region.objects.filter(within_q("", scope.officer_region_ids), pk=region.pk).exists()):
        raise PermissionDenied(_("Only the region's officers may set its stage rules."))
    unknown = [f for f in sign_fields if f not in SIGNABLE_FIELDS]
    if unknown:
        raise ValidationError({"sign_requires": _("Unknown field: %(name)s") % {"name": unknown[0]}})
    clean_days: dict[str, int] = {}
    for stage, value in days.items():
        if stage not in DEFAULT_WARN_DAYS or not str(value).isdigit() or not 1 <= int(value) <= 3650:
            raise ValidationError({"warn_days": _("Days per stage: whole numbers from 1 to 3650.")})
        clean_days[stage] = int(value)
    rule, _created = StageRule.objects.update_or_create(
        region=region, defaults={"sign_requires": list(sign_fields), "warn_days": clean_days})
    return rule


# -- early warning -------------------------------------------------------------------------------------


def stalled(projects: Any, now: datetime.datetime | None = None) -> Any:
    """Projects with no stage change for longer than their stage allows (defaults; per-region rules are
    applied by `is_stalled` on the rows shown)."""
    now = now or timezone.now()
    from django.db.models import Q

    q = Q()
    for stage, days in DEFAULT_WARN_DAYS.items():
        q |= Q(stage=stage, stage_changed_at__lt=now - datetime.timedelta(days=days))
    return projects.filter(q)


def days_in_stage(project: Project, now: datetime.datetime | None = None) -> int:
    return max(0, ((now or timezone.now()) - project.stage_changed_at).days)


def remind(now: datetime.datetime | None = None) -> int:
    """Tell each account manager about their stalled projects (a daily job: `corridor projects remind`).
    Returns how many reminders were written."""
    from django.utils.translation import gettext_noop

    from corridor.notifications.services import notify

    now = now or timezone.now()
    rules = {r.region_id: r.warn_days for r in StageRule.objects.all()}
    sent = 0
    candidates = Project.objects.filter(stage__in=list(DEFAULT_WARN_DAYS), account_manager__isnull=False)
    shortest = min([*DEFAULT_WARN_DAYS.values(), *(int(d) for r in rules.values() for d in r.values())])
    candidates = candidates.filter(stage_changed_at__lt=now - datetime.timedelta(days=shortest))
    for project in candidates.select_related("account_manager").iterator():
        limit = {**DEFAULT_WARN_DAYS, **rules.get(project.city_id or 0, {}), **rules.get(project.region_id, {})}
        days = days_in_stage(project, now)
        if days <= int(limit.get(project.stage, 10**6)):
            continue
        with transaction.atomic():
            notify([project.account_manager], gettext_noop("Project %(name)s has had no stage change for %(days)s days."),
                   {"name": project.name, "days": days}, link=f"/projects/{project.pk}/")
        sent += 1
    return sent


