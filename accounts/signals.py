import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts.throttle import client_address

security_log = logging.getLogger("portal.security")


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    security_log.warning(
        "log-in failed: username=%r client=%s",
        credentials.get("username", ""),
        client_address(request) if request is not None else "-",
    )


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    security_log.info("log-in: user=%s client=%s", user.pk, client_address(request))
