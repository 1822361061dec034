"""Users, role grants, API tokens and login throttling."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.accounts.models import ApiToken, RoleGrant
from corridor.accounts.scope import forget_scope
from corridor.alliances.models import Alliance
from corridor.core.access import Actor, user_of
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

TOKEN_PREFIX = "cor_"


@transaction.atomic
def create_user(
    username: str,
    password: str,
    *,
    email: str = "",
    is_admin: bool = False,
    check_password: bool = True,
) -> Any:
    User = get_user_model()
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("A username is required.")})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    user = User(username=username, email=email, is_staff=is_admin, is_superuser=is_admin)
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def grant_role(
    user: Actor,
    role: str,
    *,
    organisation: Organisation | None = None,
    alliance: Alliance | None = None,
    region: Region | None = None,
) -> RoleGrant:
    expected = {
        RoleGrant.Role.MEMBER: ("organisation", organisation),
        RoleGrant.Role.SECRETARIAT: ("alliance", alliance),
        RoleGrant.Role.CITY_OFFICER: ("region", region),
    }
    if role not in expected:
        raise ValidationError({"role": _("Unknown role %(role)s") % {"role": role}})
    field, target = expected[RoleGrant.Role(role)]
    if target is None:
        raise ValidationError({field: _("This role needs a %(field)s.") % {"field": field}})
    grant, _created = RoleGrant.objects.get_or_create(
        user=user, role=role, organisation=organisation, alliance=alliance, region=region
    )
    forget_scope(user)
    return grant


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(user: Actor, name: str) -> tuple[ApiToken, str]:
    """Returns the stored token and the plain token, which is shown once and never stored."""
    owner = user_of(user)
    if owner is None:
        raise PermissionDenied(_("Sign in to create an API token."))
    name = name.strip() or _("API token")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=owner, name=name[:64], prefix=plain[:12], digest=_digest(plain))
    return token, plain


def revoke_api_token(user: Actor, token_id: int) -> None:
    deleted, _rows = ApiToken.objects.filter(user=user_of(user), pk=token_id).delete()
    if not deleted:
        raise PermissionDenied(_("No such token."))


def user_for_token(plain: str) -> AbstractBaseUser | None:
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(plain)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
