"""Errors the services raise. Views show them next to the field; the API maps them to HTTP statuses.

- django.core.exceptions.ValidationError → 422, with the field names.
- Conflict (a ValidationError) → 409: the request is valid but clashes with what exists.
- django.core.exceptions.PermissionDenied → 403.
"""

from django.core.exceptions import PermissionDenied, ValidationError


class Conflict(ValidationError):
    pass


__all__ = ["Conflict", "PermissionDenied", "ValidationError"]
