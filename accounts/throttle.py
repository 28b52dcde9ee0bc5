"""Log-in throttling against brute force: per account and per client, in the shared cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address. Behind a proxy, set CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP)."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _keys(request, username: str) -> tuple[str, str]:
    account = hashlib.sha256(username.strip().lower().encode()).hexdigest()
    client = hashlib.sha256(client_address(request).encode()).hexdigest()
    return f"login-fail:account:{account}", f"login-fail:client:{client}"


def is_throttled(request, username: str) -> bool:
    account_key, client_key = _keys(request, username)
    counts = cache.get_many([account_key, client_key])
    return (
        counts.get(account_key, 0) >= settings.LOGIN_THROTTLE_MAX_PER_ACCOUNT
        or counts.get(client_key, 0) >= settings.LOGIN_THROTTLE_MAX_PER_CLIENT
    )


def record_failure(request, username: str) -> None:
    window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
    for key in _keys(request, username):
        # add() starts the window; incr() keeps its original expiry.
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, timeout=window)


def clear_account(request, username: str) -> None:
    account_key, _client_key = _keys(request, username)
    cache.delete(account_key)
