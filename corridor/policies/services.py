"""Use cases on policies, their items, eligibility profiles and pushes: the only code that writes them.

Eligibility is the engine's (`corridor.policies.eligibility`): an item's rule is its JSON, checked by
`parse_rule` before it is stored; a policy's regions become one more condition (registered within them),
so a Songjiang district policy answers "not eligible" to a Hangzhou firm and names why.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import CHANGE, Actor
from corridor.core.workflow import apply_transition
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.orgs.models import Organisation
from corridor.policies.eligibility import (
    Answer,
    RuleError,
    evaluate,
    parse_item,
    parse_rule,
)
from corridor.policies.eligibility.fields import CERTIFICATE_KINDS, FIELDS
from corridor.policies.models import (
    PUSH_MESSAGE,
    REMIND_DAYS,
    REMINDER_MESSAGE,
    ApplicationItem,
    Certificate,
    EligibilityProfile,
    Policy,
    Push,
    Reminder,
)
from corridor.policies.profiles import prepare, profile_with, profiles, together
from corridor.regions.models import Region, within_q

PUSH_JOB = "policies-push"

# What an "unknown" answer asks the member to fill in, in the reader's language (the engine's PROFILE_FIELDS).
FILL_IN_LABELS: dict[str, Any] = {
    "kind": gettext_lazy("organisation kind"), "region": gettext_lazy("region"), "size_band": gettext_lazy("size band"),
    "is_head_enterprise": gettext_lazy("head enterprise"), "founded_on": gettext_lazy("date founded"),
    "industries": gettext_lazy("industries"), "chain_segments": gettext_lazy("chain segments"),
    "alliances": gettext_lazy("alliance membership"), "certificates": gettext_lazy("certificates"),
    "rnd_share": gettext_lazy("R&D spending share of revenue (%)"), "revenue_band": gettext_lazy("revenue band"),
    "employees": gettext_lazy("employees"), "has_rnd_project": gettext_lazy("has an R&D project"),
    "has_instrument": gettext_lazy("has a shared instrument"),
}
# Filled in on the eligibility profile page; the others on the organisation's own page (register fields).
PROFILE_PAGE_FIELDS = frozenset({"founded_on", "rnd_share", "revenue_band", "employees", "has_rnd_project", "certificates"})

_RULE_MESSAGES: dict[str, Any] = {
    "not_an_object": gettext_lazy("expected a condition or a group {\"all\": [...]} / {\"any\": [...]}"),
    "bad_group": gettext_lazy("a group has one key, “all” or “any”, with a non-empty list"),
    "unknown_key": gettext_lazy("unknown key"),
    "unknown_field": gettext_lazy("unknown field"),
    "unknown_operator": gettext_lazy("unknown operator"),
    "bad_operator": gettext_lazy("this operator does not apply to this field"),
    "no_label": gettext_lazy("every condition needs a label in Chinese and in English"),
    "bad_clause": gettext_lazy("the clause must be text"),
    "bad_value": gettext_lazy("the value does not fit the field"),
    "too_many_conditions": gettext_lazy("too many conditions (at most 64)"),
}


# ---- who may do what --------------------------------------------------------------------------------

def may_record_policies(user: Actor) -> bool:
    """Officers, secretariats and admins record policies (each for their own region or alliance)."""
    return access.is_admin(user) or bool(access.officer_region_ids(user)) or bool(access.secretariat_alliance_ids(user))


def may_manage(user: Actor, policy: Policy) -> bool:
    if policy.pk is None:  # not stored yet: would the actor manage it once stored
        if access.is_admin(user):
            return True
        if policy.alliance_id and policy.alliance_id in access.secretariat_alliance_ids(user):
            return True
        officer = access.officer_region_ids(user)
        return bool(officer and policy.home_region_id and Region.objects.filter(
            within_q("", officer), pk=policy.home_region_id).exists())
    return access.may(user, CHANGE, policy)


def may_see_answers(user: Actor, organisation: Organisation) -> bool:
    """An organisation's answers and eligibility data: its own members and admins, nobody else."""
    return access.is_admin(user) or access.is_member_of(user, organisation.pk)


def _require_change(actor: Actor, policy: Policy) -> None:
    if actor is not None:  # None: a batch job
        access.require(actor, CHANGE, policy, _("Only the officers of its region, its alliance's secretariat or an admin may change this policy."))


# ---- policies -----------------------------------------------------------------------------------

POLICY_FIELDS = ("issuer_zh", "issuer_en", "document_number", "title_zh", "title_en", "summary_zh", "summary_en",
                 "text_zh", "text_en", "source_url", "level", "home_region", "alliance", "issued_on", "effective_from",
                 "expires_on", "is_synthetic", "source_seed")


def _apply_policy(policy: Policy, data: Mapping[str, Any]) -> dict[str, Any]:
    """Set the plain fields from `data`; return the many-to-many ones (set after saving)."""
    for name in POLICY_FIELDS:
        if name in data:
            value = data[name]
            setattr(policy, name, value.strip() if isinstance(value, str) else value)
    return {name: data[name] for name in ("regions", "industries", "segments") if name in data}


def _validate_policy(policy: Policy) -> None:
    errors: dict[str, str] = {}
    if not policy.title_zh and not policy.title_en:
        errors["title_zh"] = _("Give the title in Chinese or in English.")
    if not policy.issuer_zh:
        errors["issuer_zh"] = _("Name the issuer.")
    if policy.home_region_id is None and policy.alliance_id is None:
        errors["home_region"] = _("Say which region issues it (or which alliance).")
    if policy.level == Policy.Level.ALLIANCE and policy.alliance_id is None:
        errors["alliance"] = _("An alliance policy names its alliance.")
    if policy.effective_from and policy.expires_on and policy.expires_on < policy.effective_from:
        errors["expires_on"] = _("It cannot expire before it takes effect.")
    if errors:
        raise ValidationError(errors)
    try:
        policy.full_clean(exclude=["created_by", "superseded_by", "status", "regions", "industries", "segments"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None


@transaction.atomic
def create_policy(actor: Actor, data: Mapping[str, Any]) -> Policy:
    """A draft policy of a region or alliance the actor manages (actor None: a batch job, the demo or an import)."""
    if actor is not None and not may_record_policies(actor):
        raise PermissionDenied(_("Only city officers, alliance secretariats and admins record policies."))
    policy = Policy(created_by=access.user_of(actor))
    many = _apply_policy(policy, data)
    _validate_policy(policy)
    if actor is not None and not may_manage(actor, policy):
        raise PermissionDenied(_("You may record policies only for your own region or alliance."))
    policy.save()
    for name, values in many.items():
        getattr(policy, name).set(values)
    audit.record(actor, policy, ChangeRecord.Action.CREATE, after=audit.snapshot(policy))
    return policy


@transaction.atomic
def update_policy(actor: Actor, policy: Policy, data: Mapping[str, Any]) -> Policy:
    _require_change(actor, policy)
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    before = audit.snapshot(policy)
    many = _apply_policy(policy, data)
    _validate_policy(policy)
    if actor is not None and not may_manage(actor, Policy(home_region_id=policy.home_region_id, alliance_id=policy.alliance_id)):
        raise PermissionDenied(_("You may record policies only for your own region or alliance."))
    policy.save()
    for name, values in many.items():
        getattr(policy, name).set(values)
    audit.record(actor, policy, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(policy))
    return policy


def publish(actor: Actor, policy: Policy) -> Policy:
    """Draft → effective. Once in force (now, or on its start date: `push_due`), eligible members are told."""
    if not policy.items.exists():
        raise ValidationError({"items": _("Add at least one application item before publishing.")})
    with transaction.atomic():
        apply_transition(actor, policy, "publish", check_access=actor is not None)
        if policy.timing() == "in_force":
            start_push(policy, actor)
    return policy


def expire(actor: Actor, policy: Policy) -> Policy:
    return apply_transition(actor, policy, "expire", check_access=actor is not None)


def supersede(actor: Actor, policy: Policy, by: Policy) -> Policy:
    if by.pk == policy.pk:
        raise ValidationError({"superseded_by": _("A policy cannot supersede itself.")})
    return apply_transition(actor, policy, "supersede", superseded_by=by)


# ---- items --------------------------------------------------------------------------------------

ITEM_FIELDS = ("title_zh", "title_en", "benefit", "amount", "rate", "cap", "target_zh", "target_en", "window_opens",
               "window_closes", "no_application", "office_zh", "office_en", "contact", "materials_zh", "materials_en", "position")


def rule_error(exc: RuleError) -> str:
    """A malformed rule said in the reader's language, naming the condition (its path and label)."""
    where = f"{exc.path} ({exc.label})" if exc.label else exc.path
    reason = _RULE_MESSAGES.get(exc.code)
    return _("Condition %(where)s: %(reason)s (%(detail)s).") % {
        "where": where, "reason": reason if reason is not None else exc.code, "detail": exc.detail}


def check_rule(rule: Any) -> dict[str, Any]:
    """The rule as stored (a dict; {} = no conditions), or ValidationError on the field `rule` naming the condition."""
    if rule in (None, "", {}):
        return {}
    try:
        parse_rule(rule)
    except RuleError as exc:
        raise ValidationError({"rule": rule_error(exc)}) from None
    return dict(rule)


def _number(value: Any, name: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        found = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({name: _("Enter a number.")}) from None
    if found < 0:
        raise ValidationError({name: _("Enter a number of at least 0.")})
    return found


@transaction.atomic
def save_item(actor: Actor, policy: Policy, data: Mapping[str, Any], item: ApplicationItem | None = None) -> ApplicationItem:
    """Add an application item to a policy (or change `item`); its conditions are checked by the engine first."""
    _require_change(actor, policy)
    creating = item is None
    item = item or ApplicationItem(policy=policy, position=policy.items.count() + 1)
    if item.policy_id != policy.pk:
        raise PermissionDenied(_("This item belongs to another policy."))
    before = {} if creating else audit.snapshot(item)
    for name in ITEM_FIELDS:
        if name in data:
            value = data[name]
            if name in ("amount", "rate", "cap"):
                value = _number(value, name)
            setattr(item, name, value.strip() if isinstance(value, str) else value)
    if "rule" in data:
        item.rule = check_rule(data["rule"])
    errors: dict[str, str] = {}
    if not item.title_zh and not item.title_en:
        errors["title_zh"] = _("Give the title in Chinese or in English.")
    if item.window_opens and item.window_closes and item.window_closes < item.window_opens:
        errors["window_closes"] = _("The window cannot close before it opens.")
    if item.rate is not None and item.rate > 100:
        errors["rate"] = _("A rate is a percentage, at most 100.")
    if errors:
        raise ValidationError(errors)
    try:
        item.full_clean(exclude=["policy", "rule"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    item.save()
    audit.record(actor, item, ChangeRecord.Action.CREATE if creating else ChangeRecord.Action.UPDATE,
                 before=before, after=audit.snapshot(item))
    return item


# ---- eligibility ------------------------------------------------------------------------------------

def region_condition(policy: Policy) -> dict[str, Any] | None:
    """The policy's regions as a condition of each of its items (None: it applies everywhere)."""
    regions = list(policy.regions.all())
    if not regions:
        return None
    return {"field": "region", "op": "within_region", "value": [r.code for r in regions],
            "label_zh": "注册地在" + "、".join(r.name_zh for r in regions),
            "label_en": "Registered in " + ", ".join(r.name_en or r.name_zh for r in regions),
            "clause": "", "id": "policy-regions"}


def engine_item(item: ApplicationItem) -> Any:
    """The engine's Item for an application item, with its policy's dates, status and regions.

    Parsed once per version: the key holds both rows' `updated_at` (a policy's regions are set in the same
    service call that saves it) and its status, so a change is a new key and an old entry is never read."""
    policy = item.policy
    key = (item.pk, item.updated_at, policy.pk, policy.updated_at, policy.status, policy.superseded_by_id)
    found = _PARSED.get(key)
    if found is None:
        data = item.as_engine_item()
        where = region_condition(policy)
        if where is not None:
            data["rule"] = {"all": [where, item.rule]} if item.rule else where
        found = parse_item(data)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = found
    return found


_PARSED: dict[tuple[Any, ...], Any] = {}
_PARSED_MAX = 20_000


@dataclass
class Result:
    item: ApplicationItem
    answer: Answer

    @property
    def status(self) -> str:
        return self.answer.status

    @property
    def policy(self) -> Policy:
        return self.item.policy

    def reasons(self) -> list[dict[str, str]]:
        """The conditions behind the answer, as the reader reads them (their labels; never the organisation's data)."""
        from django.utils.translation import get_language

        language = get_language() or "zh-hans"
        return [{"label": c.label(language), "clause": c.clause, "field": c.field} for c in self.answer.because]

    def missing(self) -> list[dict[str, Any]]:
        return [{"field": name, "label": str(FILL_IN_LABELS.get(name, name)), "on_profile": name in PROFILE_PAGE_FIELDS}
                for name in self.answer.missing]


def items_in_force(on: datetime.date | None = None) -> Any:
    on = on or timezone.localdate()
    return (ApplicationItem.objects.filter(policy__in=Policy.objects.in_force(on).filter(superseded_by__isnull=True))
            .select_related("policy").defer("rule", *_NOT_READ).order_by("-policy__effective_from", "policy_id", "position", "id"))


def _items_version(ids: list[int]) -> Any:
    """How many items there are and when one last changed (one row: the constant groups nothing)."""
    return (ApplicationItem.objects.order_by().values(one=Value(1)).annotate(n=Count("id"), at=Max("updated_at"))
            .values_list("n", "at"))


def _policies_version(ids: list[int]) -> Any:
    # Transitions write with a conditional UPDATE (no updated_at); they only move forward
    # (draft → effective → expired → superseded), so each one changes the counts per status.
    return (Policy.objects.order_by().values(one=Value(1)).annotate(n=Count("id"), at=Max("updated_at"), **{
        status: Count("id", filter=Q(status=status)) for status in Policy.Status.values}).values_list(
        "n", "at", *Policy.Status.values))


def _reminded(user_ids: list[int]) -> Any:
    return Reminder.objects.filter(user_id__in=user_ids).order_by().values_list("item_id")


def _version_queries() -> list[Any]:
    return [prepare(_items_version, []), prepare(_policies_version, [])]


def in_force_list(on: datetime.date | None = None, version: list[list[tuple[Any, ...]]] | None = None) -> list[ApplicationItem]:
    """The items in force (as `items_in_force`), kept in this process per version of the policy tables: two
    aggregate queries (`version`: their rows, when read already) tell whether anything changed (a row's
    `updated_at`, a row added or deleted, the day), instead of reading and building every item and its policy
    on each "policies for us" page."""
    on = on or timezone.localdate()
    if version is None:
        version = together(_version_queries())
    key = (on, *(tuple(rows) for rows in version))
    found = _IN_FORCE.get(key)
    if found is None:
        # With their rules and their policies' regions (one query each), parsed now: `engine_item` would
        # otherwise read each item's rule and each policy's regions one by one on the next page.
        found = list(items_in_force(on).defer(None).defer(*_NOT_READ).prefetch_related("policy__regions"))
        for item in found:
            engine_item(item)
        _IN_FORCE.clear()
        _IN_FORCE[key] = found
    return found


_NOT_READ = ("materials_zh", "materials_en", "policy__text_zh", "policy__text_en", "policy__summary_zh", "policy__summary_en")


_IN_FORCE: dict[tuple[Any, ...], list[ApplicationItem]] = {}


@dataclass
class ForUs:
    """What a member's "policies for us" page reads, in one round trip on PostgreSQL."""

    items: list[ApplicationItem]  # in force today
    profile: dict[str, Any]  # the organisation's, as the engine reads it
    reminded: set[int]  # items the reader asked to be reminded of


def for_us(actor: Actor, organisation: Organisation, on: datetime.date | None = None) -> ForUs:
    """The items in force, the organisation's profile and the reader's reminders, read together."""
    if not may_see_answers(actor, organisation):
        raise PermissionDenied(_("Only the organisation's members see its answers."))
    on = on or timezone.localdate()
    user = access.user_of(actor)
    extra = [*_version_queries(), *([prepare(_reminded, [user.pk])] if user is not None else [])]
    profile, rows = profile_with(organisation.pk, extra)
    assert profile is not None  # the organisation was just read
    reminded = {item_id for (item_id,) in rows[2]} if user is not None else set()
    return ForUs(in_force_list(on, rows[:2]), profile, reminded)


def answers_for(actor: Actor, organisation: Organisation, on: datetime.date | None = None,
                items: Iterable[ApplicationItem] | None = None, profile: dict[str, Any] | None = None) -> list[Result]:
    """"Policies for us": every item in force (or `items`) with the organisation's answer; its members and admins only.
    `profile`: the organisation's, when read already (`for_us`)."""
    if not may_see_answers(actor, organisation):
        raise PermissionDenied(_("Only the organisation's members see its answers."))
    on = on or timezone.localdate()
    if profile is None:
        profile = profiles([organisation.pk])[organisation.pk]
    chosen = list(items if items is not None else in_force_list(on))
    return [Result(item, evaluate(engine_item(item), profile, on)) for item in chosen]


# ---- eligibility profile ------------------------------------------------------------------------------

@transaction.atomic
def save_profile(actor: Actor, organisation: Organisation, data: Mapping[str, Any]) -> EligibilityProfile:
    """The organisation's eligibility data (its members and admins); `certificates`: {kind: valid_until or None}."""
    if actor is not None and not may_see_answers(actor, organisation):  # None: a batch job (the demo)
        raise PermissionDenied(_("Only the organisation's members may fill in its profile."))
    profile, _created = EligibilityProfile.objects.select_for_update().get_or_create(organisation=organisation)
    before = audit.snapshot(profile)
    errors: dict[str, str] = {}
    if "rnd_share" in data:
        try:
            share = _number(data["rnd_share"], "rnd_share")
        except ValidationError:
            share = None
            errors["rnd_share"] = _("Enter the share as a number between 0 and 100.")
        if share is not None and share > 100:
            errors["rnd_share"] = _("Enter the share as a number between 0 and 100.")
        profile.rnd_share = share
    if "employees" in data:
        raw = data["employees"]
        if raw in (None, ""):
            profile.employees = None
        elif str(raw).isdigit():
            profile.employees = int(raw)
        else:
            errors["employees"] = _("Enter a whole number of people.")
    if "revenue_band" in data:
        band = data["revenue_band"] or ""
        if band and band not in EligibilityProfile.Revenue.values:
            errors["revenue_band"] = _("Choose a revenue band.")
        profile.revenue_band = band
    if "founded_on" in data:
        value = data["founded_on"]
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                errors["founded_on"] = _("Enter a date (YYYY-MM-DD).")
                value = None
        profile.founded_on = value or None
    if "has_rnd_project" in data:
        profile.has_rnd_project = data["has_rnd_project"]
    certificates = data.get("certificates")
    if certificates is not None:
        unknown = [kind for kind in certificates if kind not in CERTIFICATE_KINDS]
        if unknown:
            errors["certificates"] = _("Unknown certificate: %(kind)s.") % {"kind": ", ".join(unknown)}
    if errors:
        raise ValidationError(errors)
    profile.updated_by = access.user_of(actor)
    if certificates is not None:
        profile.certificates_declared = True
        Certificate.objects.filter(organisation=organisation).exclude(kind__in=list(certificates)).delete()
        for kind, until in certificates.items():
            Certificate.objects.update_or_create(organisation=organisation, kind=kind, defaults={"valid_until": until})
    profile.save()
    audit.record(actor, profile, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(profile))
    return profile


# ---- pushing matches to members ------------------------------------------------------------------

def start_push(policy: Policy, actor: Actor = None) -> Job:
    """After commit, a job tells the eligible organisations' members about the policy (once)."""
    return jobs.start(PUSH_JOB, {"policy": policy.pk}, actor)


def candidates(policy: Policy) -> Any:
    """Organisations with members on the platform, inside the policy's regions when it names any."""
    from corridor.accounts.models import RoleGrant

    orgs = Organisation.objects.filter(pk__in=RoleGrant.objects.filter(role=RoleGrant.Role.MEMBER).values("organisation_id"))
    region_ids = list(policy.regions.values_list("pk", flat=True))
    if region_ids:
        orgs = orgs.filter(within_q("region", region_ids, ancestors=("city", "province")))
    return orgs


def push(policy_id: int, on: datetime.date | None = None, *, email: bool = True) -> dict[str, int]:
    """Tell every organisation eligible for an item of the policy, in force on `on`; never twice.

    The policy is claimed with one conditional UPDATE (`pushed_at IS NULL`), so two runs cannot both push;
    and `Push` is unique per policy and organisation, so no organisation is told twice even then.
    """
    from corridor.notifications.services import notify, users_acting_for

    on = on or timezone.localdate()
    policy = Policy.objects.filter(pk=policy_id).first()
    if policy is None or policy.timing(on) != "in_force":
        return {"pushed": 0}
    with transaction.atomic():
        claimed = Policy.objects.filter(pk=policy.pk, pushed_at__isnull=True).update(pushed_at=timezone.now())
        if not claimed:
            return {"pushed": 0}
        # Each item answered for every candidate at once, in the database (as "who it reaches").
        from corridor.policies.registry_sql import item_answers

        scope = candidates(policy)
        eligible_items: dict[int, list[str]] = {}
        for item in [engine_item(item) for item in policy.items.select_related("policy")]:
            ids, answers = item_answers(item, scope, on)
            if answers.timing != "in_force":
                continue
            for row in (answers.status == 2).nonzero()[0]:
                eligible_items.setdefault(ids[row], []).append(item.id)
        told = 0
        for org_id, eligible in eligible_items.items():
            try:
                with transaction.atomic():
                    Push.objects.create(policy=policy, organisation_id=org_id, items=eligible)
            except IntegrityError:
                continue  # told already
            params = {"title": " / ".join(t for t in (policy.title_zh, policy.title_en) if t)}
            if email:
                notify(users_acting_for([org_id]), PUSH_MESSAGE, params, link=f"/policies/for/{org_id}/")
            else:  # the demo loader: in the app only, no e-mail job left running when the command ends
                from corridor.notifications.models import Notification

                Notification.objects.bulk_create([Notification(user=user, message=PUSH_MESSAGE, params=params,
                                                               link=f"/policies/for/{org_id}/")
                                                  for user in users_acting_for([org_id])])
            told += 1
    return {"pushed": told}


def push_due(on: datetime.date | None = None, *, email: bool = True) -> int:
    """Push every policy that is in force and not pushed yet (those whose start date arrived): run daily."""
    on = on or timezone.localdate()
    due = Policy.objects.in_force(on).filter(pushed_at__isnull=True, superseded_by__isnull=True).values_list("pk", flat=True)
    return sum(push(pk, on, email=email)["pushed"] for pk in list(due))


def remind_me(actor: Actor, organisation: Organisation, item: ApplicationItem) -> Reminder:
    """Tell the actor (once) a few days before the item's application window closes."""
    if not may_see_answers(actor, organisation) or access.user_of(actor) is None:
        raise PermissionDenied(_("Only the organisation's members see its answers."))
    if item.window_closes is None or item.window_closes < timezone.localdate():
        raise ValidationError({"item": _("This item has no application window still open.")})
    reminder, _created = Reminder.objects.get_or_create(user=access.user_of(actor), item=item,
                                                        defaults={"organisation": organisation})
    return reminder


def send_reminders(on: datetime.date | None = None) -> int:
    """Reminders due (the window closes within REMIND_DAYS): each sent once, claimed by a conditional UPDATE."""
    from corridor.notifications.services import notify

    on = on or timezone.localdate()
    due = Reminder.objects.filter(sent_at__isnull=True, item__window_closes__gte=on,
                                  item__window_closes__lte=on + datetime.timedelta(days=REMIND_DAYS),
                                  item__policy__in=Policy.objects.in_force(on)).select_related("item", "user")
    sent = 0
    for reminder in due:
        with transaction.atomic():
            if not Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(sent_at=timezone.now()):
                continue
            item = reminder.item
            notify([reminder.user], REMINDER_MESSAGE,
                   {"title": " / ".join(t for t in (item.title_zh, item.title_en) if t), "day": item.window_closes},
                   link=f"/policies/for/{reminder.organisation_id}/")
            sent += 1
    return sent


@jobs.register(PUSH_JOB, gettext_lazy("Telling members about a policy"))
def _push_job(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    progress("push", 0, 1)
    result = push(int(job.params["policy"]))
    progress("push", 1, 1)
    return result


def library(user: Actor) -> Any:
    return Policy.objects.restrict(user).select_related("home_region", "alliance").prefetch_related("regions")


def visible_items(user: Actor) -> Any:
    return ApplicationItem.objects.filter(policy__in=Policy.objects.restrict(user)).select_related("policy", "policy__home_region")


def field_label(name: str) -> str:
    spec = FIELDS.get(name)
    return str(FILL_IN_LABELS.get(name, spec.label_en if spec else name))


def may_view_policy(user: Actor, policy: Policy) -> bool:
    return Policy.objects.restrict(user).filter(pk=policy.pk).exists()
