from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from corridor.orgs import uscc


def validate_uscc(value: str) -> None:
    try:
        uscc.validate(value)
    except uscc.USCCError as exc:
        raise ValidationError(
            _("Invalid unified social credit code: %(reason)s") % {"reason": exc}, code="invalid_uscc"
        ) from None
