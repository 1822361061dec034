"""Sign-in throttling shared by every door that checks a password (site, admin, password reset).

Two counters, kept apart so that neither can be dodged and neither locks the real user out:
- per (username, address): LOGIN_RATE_LIMIT failures block that username *from that address only*;
  the real user signing in from anywhere else is not affected by an attacker's guesses.
- per address: LOGIN_RATE_LIMIT_PER_ADDRESS failures over all usernames block the address, so
  spraying many usernames (or variants the normaliser might miss) from one place is stopped too.
Usernames are normalised (NFKC, then casefold) before counting: "ＯＷＮＥＲ", "Owner" and "owner"
share one counter.
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str:
    """The client's address. REMOTE_ADDR, unless TRUSTED_PROXIES (N) proxies of ours stand in front: then
    the address the outermost of them saw, N entries from the right of X-Forwarded-For. Entries further left
    are the client's own say and could be changed on every attempt to dodge the throttle. Behind a proxy,
    REMOTE_ADDR alone would be the proxy's: one address for everyone, which the per-address limit must not see."""
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    chain = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",") if part.strip()]
    return chain[-proxies] if len(chain) >= proxies else remote


def normalise_username(username: str) -> str:
    return unicodedata.normalize("NFKC", username or "").casefold().strip()[:150]


def _key(kind: str, *parts: str) -> str:
    return f"login-{kind}:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _count(key: str) -> int:
    return int(cache.get(key, 0))


def _bump(key: str) -> None:
    window = settings.LOGIN_RATE_WINDOW_SECONDS
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)


def blocked(username: str, ip: str) -> bool:
    name = normalise_username(username)
    return (
        _count(_key("user", name, ip)) >= settings.LOGIN_RATE_LIMIT
        or _count(_key("addr", ip)) >= settings.LOGIN_RATE_LIMIT_PER_ADDRESS
    )


def failed(username: str, ip: str) -> None:
    _bump(_key("user", normalise_username(username), ip))
    _bump(_key("addr", ip))


def succeeded(username: str, ip: str) -> None:
    # Only this username's counter at this address: the address counter keeps counting the other
    # usernames it guessed, or one valid account would let an address spray all the others.
    cache.delete(_key("user", normalise_username(username), ip))


def request_blocked(request: HttpRequest) -> bool:
    """For views: is the sign-in posted in this request refused before the password is looked at?"""
    return blocked(str(request.POST.get("username") or ""), client_ip(request))
