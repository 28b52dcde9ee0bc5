"""The one log-in throttle: every way to log in or to prove a password goes through it.

Three counters of failed attempts, in the shared cache (docs/operations.md, "Log-in throttle"):

- per account and address pair: `LOGIN_THROTTLE_MAX_PER_PAIR` failures within
  `LOGIN_THROTTLE_WINDOW_SECONDS` refuse that account from that address only, so nobody can keep a
  colleague out by typing wrong passwords for their user name from somewhere else;
- per address, over all accounts: `LOGIN_THROTTLE_MAX_PER_CLIENT` failures within
  `LOGIN_THROTTLE_SLOW_WINDOW_SECONDS` (password spraying from one address);
- the global brake: when the whole site saw `LOGIN_THROTTLE_GLOBAL_MAX` failures within the slow
  window (a distributed attack), every pair gets one attempt per window instead of the usual
  number. Someone who types the right password the first time still gets in.

Use (the site's log-in form, the password-change form and any new log-in form do exactly this):

    from accounts import throttle

    if throttle.is_throttled(request, identifier):   # before checking the password
        ... refuse with status 429
    if password_ok:
        throttle.record_success(request, identifier)
    else:
        throttle.record_failure(request, identifier)

`identifier` is what the person typed to say who they are (user name or e-mail address; compared
without case and surrounding spaces). Every function raises `throttle.Unavailable` when the cache
(Redis) is down: refuse the log-in with status 503 and a message, never skip the throttle.
`accounts.forms.ThrottledLoginMixin` does all of this for a Django form.
"""

from django.conf import settings

from core.ratelimit import CacheUnavailable as Unavailable
from core.ratelimit import client_key, counts, digest, hit, reset

__all__ = ["Unavailable", "is_throttled", "record_failure", "record_success"]

GLOBAL_KEY = "login-fail:global"


def _keys(request, identifier: str) -> tuple[str, str]:
    account = digest(identifier.strip().lower())
    client = client_key(request)
    return f"login-fail:pair:{account}:{client}", f"login-fail:client:{client}"


def is_throttled(request, identifier: str) -> bool:
    """True when this identifier may not try a password from this client now. Raises Unavailable."""
    pair_key, client_key_ = _keys(request, identifier)
    found = counts([pair_key, client_key_, GLOBAL_KEY])
    pair_limit = settings.LOGIN_THROTTLE_MAX_PER_PAIR
    if found[GLOBAL_KEY] >= settings.LOGIN_THROTTLE_GLOBAL_MAX:
        pair_limit = 1
    return found[pair_key] >= pair_limit or found[client_key_] >= settings.LOGIN_THROTTLE_MAX_PER_CLIENT


def record_failure(request, identifier: str) -> None:
    """Count a wrong password (or unknown identifier). Raises Unavailable."""
    pair_key, client_key_ = _keys(request, identifier)
    hit(pair_key, window=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    hit(client_key_, window=settings.LOGIN_THROTTLE_SLOW_WINDOW_SECONDS)
    hit(GLOBAL_KEY, window=settings.LOGIN_THROTTLE_SLOW_WINDOW_SECONDS)


def record_success(request, identifier: str) -> None:
    """A right password: this pair starts again from zero (the slower counters keep counting)."""
    pair_key, _client_key = _keys(request, identifier)
    reset(pair_key)
