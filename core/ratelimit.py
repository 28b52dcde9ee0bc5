"""Counting attempts in the shared cache (Redis), and knowing who the client is behind the proxy.

Every throttle and rate limit of the portal is built on `hit()` and `count()`: the log-in throttle
(`accounts/throttle.py`), the public question form, replies, password-reset requests. What a
caller does when the cache is down is its own decision, so these functions raise `CacheUnavailable`
instead of Redis's own errors: a form that must not lose input accepts and logs; the log-in refuses
with a 503 (never skips the throttle).
"""

import hashlib
import ipaddress
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError

security_log = logging.getLogger("portal.security")

# What the cache backends raise when their server cannot be reached.
CACHE_ERRORS = (RedisError, OSError)


class CacheUnavailable(Exception):
    """The shared cache (Redis) cannot be reached, so attempts cannot be counted."""


def _trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in settings.TRUSTED_PROXIES)


def client_address(request) -> str:
    """The client's IP address.

    Behind a reverse proxy every connection comes from the proxy, so the client's address is read
    from `CLIENT_IP_HEADER` (a request.META name such as HTTP_X_REAL_IP), but only when the
    connection comes from one of `TRUSTED_PROXIES`: anyone else could send the header themselves.
    In a comma-separated list (X-Forwarded-For) the last entry counts: the one the trusted proxy
    added; entries to its left are whatever the client sent.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.CLIENT_IP_HEADER
    if not header or header == "REMOTE_ADDR" or not _trusted_proxy(remote):
        return remote
    forwarded = request.META.get(header, "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return remote


def client_key(request) -> str:
    """A short hash that identifies the client for counting: its address, or for IPv6 its /64
    network (one subscriber usually holds a whole /64, so single addresses are free to rotate)."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        network = address
    else:
        network = str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)
    return digest(network)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def hit(key: str, *, window: int, amount: int = 1) -> int:
    """Add `amount` to the counter `key` and return its new value. The first hit starts a window of
    `window` seconds; the counter disappears when it ends. Raises CacheUnavailable."""
    try:
        if cache.add(key, amount, timeout=window):
            return amount
        try:
            return cache.incr(key, amount)
        except ValueError:  # expired between add() and incr()
            cache.add(key, amount, timeout=window)
            return amount
    except CACHE_ERRORS as error:
        raise CacheUnavailable from error


def counts(keys: Iterable[str]) -> dict[str, int]:
    """The current value of each counter (0 when absent). Raises CacheUnavailable."""
    keys = list(keys)
    try:
        found = cache.get_many(keys)
    except CACHE_ERRORS as error:
        raise CacheUnavailable from error
    return {key: int(found.get(key, 0)) for key in keys}


def reset(*keys: str) -> None:
    """Forget counters (after a successful log-in, for example). Raises CacheUnavailable."""
    try:
        cache.delete_many(keys)
    except CACHE_ERRORS as error:
        raise CacheUnavailable from error


def over_limit(request, *, scope: str, limit: int, window: int, per: str | None = None) -> bool:
    """Count one attempt in `scope`; True once more than `limit` attempts fell in the window.
    Counted per client address, or with `per` (e.g. a ticket's id) per that thing, whoever sends
    them (a new address does not buy new attempts). Raises CacheUnavailable."""
    subject = digest(per) if per is not None else client_key(request)
    return hit(f"rate:{scope}:{subject}", window=window) > limit


def over_limit_or_log(request, *, scope: str, limit: int, window: int, per: str | None = None) -> bool:
    """over_limit() for forms that must not lose what a visitor typed: with the cache down, the
    attempt is accepted (not counted) and the outage is logged on portal.security."""
    try:
        return over_limit(request, scope=scope, limit=limit, window=window, per=per)
    except CacheUnavailable:
        security_log.error("rate limit unavailable (cache down), request accepted: scope=%s", scope)
        return False
