from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from corridor.core.texts import Text
from corridor.orgs import uscc

# uscc.py has no Django: its reasons are translated here, by code, so that no English reaches a Chinese page.
REASON_IDS = {
    "length": gettext_noop("it must have 18 characters, this one has %(length)s"),
    "characters": gettext_noop("it contains characters a credit code never has: %(characters)s"),
    "division": gettext_noop("characters 3–8 must be the administrative division code (digits)"),
    "check": gettext_noop("the check character (the last one) is %(found)s, it should be %(expected)s"),
}
REASONS = {code: gettext_lazy(msgid) for code, msgid in REASON_IDS.items()}
INVALID = gettext_noop("Invalid unified social credit code: %(reason)s")


def uscc_reason(error: uscc.USCCError) -> str:
    reason = REASONS.get(error.code)
    return str(reason) % error.params if reason is not None else str(error)


def uscc_problem(error: uscc.USCCError) -> Text:
    """The same message as `validate_uscc`, kept as message ids (an import's row problems are read later,
    maybe by someone reading another language)."""
    msgid = REASON_IDS.get(error.code)
    reason = Text(msgid, **error.params) if msgid else str(error)
    return Text(INVALID, reason=reason)


def validate_uscc(value: str) -> None:
    try:
        uscc.validate(value)
    except uscc.USCCError as exc:
        raise ValidationError(
            _("Invalid unified social credit code: %(reason)s") % {"reason": uscc_reason(exc)}, code="invalid_uscc"
        ) from None
