"""Who may do what: one vocabulary of actions, each rule written once.

A rule is a `Q` on the model's rows, declared by the model's queryset (`RestrictedQuerySet.rule`).
The same rule answers both questions the rest of the code asks:

- which rows may this user act on: `Model.objects.restrict(user, action)` (lists, search, API, exports);
- which actions may this user take on this object: `permitted_actions(user, obj)` (buttons on pages,
  the `actions` field of API detail responses, and the checks inside services, through `require`).

Actions: `view`, `change`, `delete`, plus the domain actions a model declares (`approve`, `decide`,
`redeem`, ...). A workflow's transition names the action that guards it (`core.workflow`).

Roles are read here and nowhere else outside the models' rules: views and API handlers ask the
predicates below (`is_admin`, `member_org_ids`, `is_secretariat_of`, ...), never `scope_of`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeAlias, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

from corridor.accounts.scope import Scope, scope_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    # Who acts: a signed-in user, an anonymous visitor, or None for a batch job (importer, demo loader).
    Actor: TypeAlias = User | AnonymousUser | None
else:
    Actor = Any

VIEW = "view"
CHANGE = "change"
DELETE = "delete"
# Contacts, members-only fields and history of an organisation (and of what hangs off it).
VIEW_PRIVATE = "view_private"

# Always true / always false as row rules (an empty IN is false in every database Django supports).
ALL = Q(pk__isnull=False)
NOTHING = Q(pk__in=[])


def user_of(actor: Actor) -> User | None:
    """The signed-in user behind `actor`, for "done by" columns; None for visitors and batch jobs."""
    from django.contrib.auth.models import AnonymousUser

    if actor is None or isinstance(actor, AnonymousUser) or not actor.is_authenticated:
        return None
    return actor


# ---- roles -----------------------------------------------------------------------------------------

def roles(user: Actor) -> Scope:
    """The user's role grants, resolved once per request (for rules; pages use the predicates below)."""
    return scope_of(user)


def is_signed_in(user: Actor) -> bool:
    return roles(user).is_authenticated


def is_admin(user: Actor) -> bool:
    return roles(user).is_admin


def member_org_ids(user: Actor) -> frozenset[int]:
    """Organisations the user belongs to (acts for)."""
    return roles(user).org_ids


def secretariat_alliance_ids(user: Actor) -> frozenset[int]:
    return roles(user).secretariat_alliance_ids


def officer_region_ids(user: Actor) -> frozenset[int]:
    return roles(user).officer_region_ids


def is_member_of(user: Actor, organisation_id: int | None) -> bool:
    return organisation_id is not None and organisation_id in member_org_ids(user)


def is_secretariat_of(user: Actor, alliance_id: int | None) -> bool:
    """Admins, and the secretariat of this alliance."""
    scope = roles(user)
    return scope.is_admin or (alliance_id is not None and alliance_id in scope.secretariat_alliance_ids)


def is_reviewer(user: Actor) -> bool:
    """Admins and any secretariat (imports, duplicates): people who curate member lists."""
    scope = roles(user)
    return scope.is_admin or bool(scope.secretariat_alliance_ids)


def acts_for_an_organisation(user: Actor) -> bool:
    return bool(member_org_ids(user))


# ---- row rules ---------------------------------------------------------------------------------------

M = TypeVar("M", bound=models.Model)


class RestrictedQuerySet(models.QuerySet[M]):
    """A queryset whose model has rows some role may not see or act on.

    Subclasses list their `actions` and write `rule(user, action) -> Q` once; `restrict` filters by
    it and `permitted_actions` evaluates every action for one object in one query.
    """

    actions: ClassVar[tuple[str, ...]] = (VIEW,)

    def rule(self, user: Actor, action: str) -> Q:
        raise NotImplementedError

    def restrict(self, user: Actor, action: str = VIEW) -> Self:
        if action not in self.actions:
            raise ValueError(f"{self.model.__name__} has no action {action!r} (it has {', '.join(self.actions)})")
        return self.filter(self.rule(user, action))

    def with_actions(self, user: Actor) -> Self:
        """Annotate every row with `may_<action>` for `user`, so a list's buttons cost no query per row."""
        return self.annotate(**{
            f"may_{action}": models.ExpressionWrapper(self.rule(user, action), output_field=models.BooleanField())
            for action in self.actions
        })

    def visible_to(self, user: Actor) -> Self:
        """The former name of `restrict(user)`, kept while branches written against it land."""
        return self.restrict(user)


def _queryset_of(model: type[models.Model]) -> RestrictedQuerySet[Any]:
    qs = model._default_manager.all()
    if not isinstance(qs, RestrictedQuerySet):
        raise TypeError(f"{model.__name__} declares no access rules (its queryset is not a RestrictedQuerySet)")
    return qs


def permitted_actions(user: Actor, obj: models.Model) -> frozenset[str]:
    """Every action `user` may take on `obj`, in one query (the rules are the queryset's, nothing else)."""
    qs = _queryset_of(type(obj))
    cache: dict[tuple[int | None, str], frozenset[str]] = obj.__dict__.setdefault("_permitted_actions", {})
    key = (getattr(user, "pk", None), type(obj).__name__)
    if key in cache:
        return cache[key]
    names = {f"may_{action}": action for action in qs.actions}
    if all(name in obj.__dict__ for name in names):  # loaded through `with_actions(user)`
        flags: dict[str, Any] | None = {name: obj.__dict__[name] for name in names}
    else:
        flags = qs.filter(pk=obj.pk).with_actions(user).values(*names).first()
    allowed = frozenset(action for name, action in names.items() if flags and flags[name])
    cache[key] = allowed
    return allowed


def may(user: Actor, action: str, obj: models.Model) -> bool:
    return action in permitted_actions(user, obj)


def require(user: Actor, action: str, obj: models.Model, message: str) -> None:
    """Raise PermissionDenied with `message` unless `user` may take `action` on `obj`."""
    if not may(user, action, obj):
        raise PermissionDenied(message)


def forget(obj: models.Model) -> None:
    """Drop the cached answers of `permitted_actions` (after the object changed in this request)."""
    obj.__dict__.pop("_permitted_actions", None)
