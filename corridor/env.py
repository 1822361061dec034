"""Settings come only from environment variables, read through helpers that refuse bad values."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name}={value} is above the maximum {maximum}")
    return value


def env_path(name: str, default: str) -> Path:
    return Path(os.environ.get(name) or default).expanduser().resolve()


def env_database_url(name: str, default: str) -> str:
    url = os.environ.get(name) or default
    scheme = url.split(":", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(f"{name} must be an sqlite:// or postgres:// URL, not {scheme!r}")
    return url


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated list; blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_origins(name: str) -> list[str]:
    """Comma-separated origins such as https://corridor.example.org (scheme and host, nothing else)."""
    origins = env_list(name, "")
    for origin in origins:
        scheme, _sep, rest = origin.partition("://")
        if scheme not in ("http", "https") or not rest or "/" in rest:
            raise ImproperlyConfigured(f"{name}: {origin!r} is not an origin like https://corridor.example.org")
    return origins


def env_proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """The header a TLS-terminating proxy sets, as "X-Forwarded-Proto" (value https) or
    "X-Forwarded-Proto: https". Only set it behind a proxy that overwrites the header from clients."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    header, _sep, value = raw.partition(":")
    header, value = header.strip(), (value.strip() or "https")
    if not header or not all(c.isalnum() or c == "-" for c in header):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a header name such as X-Forwarded-Proto")
    return "HTTP_" + header.upper().replace("-", "_"), value
