"""What every history endpoint shares: who may read it is decided in one place (audit.access)."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from corridor.accounts.api_auth import signed_in
from corridor.audit.access import can_view_history
from corridor.audit.models import ChangeRecord
from corridor.audit.services import history_of


def readable_history(request: HttpRequest, obj: models.Model) -> models.QuerySet[ChangeRecord]:
    """The object's change records, newest first; 401 for visitors, 403 for users without access.

    Callers first look the object up through its `visible_to`, so an object the user may not know
    about is a 404 before this is reached.
    """
    user = signed_in(request)
    if not can_view_history(user, obj):
        raise PermissionDenied(_("You may not see the history of this object."))
    return history_of(obj)
