import hashlib
import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from core.ratelimit import client_address

security_log = logging.getLogger("portal.security")


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    # What was typed as a user name can be an e-mail address or even a password typed in the wrong
    # field: log a short hash, enough to see repeated attempts on one account, never the text.
    typed = (credentials.get("username") or "").strip().lower()
    security_log.warning(
        "log-in failed: account=%s client=%s",
        hashlib.sha256(typed.encode()).hexdigest()[:12],
        client_address(request) if request is not None else "-",
    )


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    security_log.info("log-in: user=%s client=%s", user.pk, client_address(request))
