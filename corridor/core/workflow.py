"""Workflows as data: a model declares its transitions, one function applies them.

    class Booking(models.Model):
        WORKFLOW = Workflow(field="status", transitions=(
            Transition("approve", ("requested",), "approved", action=DECIDE, stamp=("decided_at",), actor_field="decided_by"),
            Transition("reject", ("requested",), "rejected", action=DECIDE, required={"reason": _("Say why.")}, ...),
        ))

    apply_transition(actor, booking, "reject", reason="No operator that week")

`apply_transition` checks the transition's action through the model's access rules
(`core.access.require`), the required fields, then changes the state with one conditional UPDATE
(`… WHERE pk = ? AND status IN (sources)`): of two concurrent transitions exactly one wins, the other
is a `Conflict` (409) saying the state it found. In the same transaction: the history record (models
with `AUDITED_FIELDS`), the transition's side effect, the notifications; on commit, the domain event
`transition_applied` (receivers do follow-up work, slow work goes to a job).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.core import access
from corridor.core.access import Actor
from corridor.core.errors import Conflict

M = TypeVar("M", bound=models.Model)
# Messages are written with gettext_lazy on the model, translated when raised.
Text = Any

# Sent on commit after a transition: sender=model class, instance, name (the transition), actor.
transition_applied = Signal()


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    # The access action that guards it (a name in the model queryset's `actions`), and what a refusal says.
    action: str
    denied: Text = ""
    # Field → message when it is blank (e.g. the reason of a rejection).
    required: Mapping[str, Any] = field(default_factory=dict)
    # Fields the caller may set along with the state (the required ones are always allowed).
    accepts: tuple[str, ...] = ()
    stamp: tuple[str, ...] = ()  # set to now
    actor_field: str | None = None  # set to the actor (a signed-in user) when given
    # Values the caller gives that are not columns of the row: passed to `guard` and `effect`, never written
    # (e.g. the hours used, recorded by the completion's effect on another model).
    params: tuple[str, ...] = ()
    # Checks the object and the values before the state changes (after the access check): raises
    # ValidationError to refuse, e.g. "the booked time has not begun".
    guard: Callable[[Actor, Any, dict[str, Any]], None] | None = None
    # Runs in the transaction after the state changed: (actor, obj, values) → anything.
    effect: Callable[[Actor, Any, dict[str, Any]], Any] | None = None
    # A msgid (gettext_noop) told to `Workflow.recipients(obj)`; its values from `Workflow.params(obj)`.
    notify: str = ""


@dataclass(frozen=True)
class Workflow:
    transitions: tuple[Transition, ...]
    field: str = "status"
    # What a loser of a race (or a second click) is told; `%(state)s` is the state found.
    conflict: Text = ""
    recipients: Callable[[Any], Iterable[Any]] | None = None
    params: Callable[[Any], dict[str, Any]] | None = None
    link: Callable[[Any], str] | None = None

    def get(self, name: str) -> Transition:
        for transition in self.transitions:
            if transition.name == name:
                return transition
        raise KeyError(name)

    def available(self, state: str, permitted: Iterable[str]) -> list[str]:
        """Transitions from `state` whose action is among `permitted` (the buttons to show)."""
        allowed = set(permitted)
        return [t.name for t in self.transitions if state in t.sources and t.action in allowed]


def workflow_of(model: type[models.Model]) -> Workflow:
    found = getattr(model, "WORKFLOW", None)
    if not isinstance(found, Workflow):
        raise TypeError(f"{model.__name__} declares no WORKFLOW")
    return found


def available_transitions(actor: Actor, obj: models.Model) -> list[str]:
    flow = workflow_of(type(obj))
    return flow.available(getattr(obj, flow.field), access.permitted_actions(actor, obj))


def _state_label(obj: models.Model, flow: Workflow) -> str:
    display = getattr(obj, f"get_{flow.field}_display", None)
    return str(display()) if callable(display) else str(getattr(obj, flow.field))


def apply_transition(actor: Actor, obj: M, name: str, *, check_access: bool = True, **values: Any) -> M:
    """Take transition `name` on `obj` for `actor`; `values` are the fields it accepts (e.g. reason)."""
    model = type(obj)
    flow = workflow_of(model)
    transition = flow.get(name)
    if check_access:
        access.require(actor, transition.action, obj, str(transition.denied or _("You may not do this.")))
    unknown = set(values) - set(transition.required) - set(transition.accepts) - set(transition.params)
    if unknown:
        raise TypeError(f"{model.__name__}.{name} does not accept {sorted(unknown)}")
    clean = {key: value.strip() if isinstance(value, str) else value for key, value in values.items()}
    missing = {key: message for key, message in transition.required.items() if not clean.get(key)}
    if missing:
        raise ValidationError({key: str(message) for key, message in missing.items()})
    if transition.guard is not None:
        transition.guard(actor, obj, clean)
    now = timezone.now()
    written = {key: value for key, value in clean.items() if key not in transition.params}
    changes: dict[str, Any] = {flow.field: transition.target, **written}
    changes.update(dict.fromkeys(transition.stamp, now))
    if transition.actor_field and getattr(actor, "is_authenticated", False):
        changes[transition.actor_field] = actor
    audited = getattr(model, "AUDITED_FIELDS", None)
    with transaction.atomic():
        before = _snapshot(obj, audited)
        won = model._default_manager.filter(pk=obj.pk, **{f"{flow.field}__in": transition.sources}).update(**changes)
        obj.refresh_from_db()
        if not won:
            message = str(flow.conflict or _("This is %(state)s; it cannot be changed that way."))
            label = _state_label(obj, flow)
            raise Conflict({flow.field: message % {"state": label, "status": label, "stage": label}})
        access.forget(obj)
        if audited:
            from corridor.audit import services as audit
            from corridor.audit.models import ChangeRecord

            audit.record(actor, obj, ChangeRecord.Action.UPDATE, before=before, after=_snapshot(obj, audited), note=name)
        if transition.effect is not None:
            transition.effect(actor, obj, clean)
        if transition.notify and flow.recipients is not None:
            from corridor.notifications.services import notify

            notify(flow.recipients(obj), transition.notify, flow.params(obj) if flow.params else {},
                   link=flow.link(obj) if flow.link else "", actor=actor)
        transaction.on_commit(lambda: transition_applied.send(model, instance=obj, name=name, actor=actor))
    return obj


def _snapshot(obj: models.Model, audited: Iterable[str] | None) -> dict[str, Any]:
    if not audited:
        return {}
    from corridor.audit import services as audit

    return audit.snapshot(obj, audited)
