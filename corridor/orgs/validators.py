from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.orgs import uscc

# uscc.py has no Django: its reasons are translated here, by code, so that no English reaches a Chinese page.
REASONS = {
    "length": gettext_lazy("it must have 18 characters, this one has %(length)s"),
    "characters": gettext_lazy("it contains characters a credit code never has: %(characters)s"),
    "division": gettext_lazy("characters 3–8 must be the administrative division code (digits)"),
    "check": gettext_lazy("the check character (the last one) is %(found)s, it should be %(expected)s"),
}


def uscc_reason(error: uscc.USCCError) -> str:
    reason = REASONS.get(error.code)
    return str(reason) % error.params if reason is not None else str(error)


def validate_uscc(value: str) -> None:
    try:
        uscc.validate(value)
    except uscc.USCCError as exc:
        raise ValidationError(
            _("Invalid unified social credit code: %(reason)s") % {"reason": uscc_reason(exc)}, code="invalid_uscc"
        ) from None
