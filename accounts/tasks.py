"""Background work of accounts: the password-reset e-mail, and deleting unused accounts."""

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.outbox import queue_mail

log = logging.getLogger(__name__)


@shared_task(ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def send_password_reset(email: str, language: str = "nl") -> int:
    """Queue a password-reset e-mail in the outbox for every active account with this address.

    Runs outside the request on purpose: the request does the same work for a known and an
    unknown address (count, queue this task), so its timing does not tell them apart. The link is
    the outbox's private link: sent, then erased from the database. Run twice (a redelivered task),
    it queues a second e-mail whose link works as well. Returns the number of e-mails queued.
    """
    queued = 0
    with translation.override(language):
        for user in PasswordResetForm().get_users(email):
            path = reverse(
                "accounts:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            queue_mail(
                to=user.email,
                subject=render_to_string("registration/password_reset_subject.txt").strip(),
                template="registration/password_reset_email.txt",
                context={"user": user},
                about=user,
                private_link=settings.PORTAL_BASE_URL.rstrip("/") + path,
            )
            queued += 1
    return queued


@shared_task(ignore_result=True, acks_late=True)
def delete_inactive_accounts() -> dict[str, int]:
    """Nightly (accounts.retention): delete sign-ups never verified, delete employer accounts unused
    for ACCOUNT_INACTIVE_DELETE_DAYS that were warned, then warn the ones whose turn comes next.
    Idempotent: a warning is sent once per inactive period, a deleted account is gone."""
    from accounts import retention

    done = {
        "unverified": retention.delete_unverified_signups(),
        "deleted": retention.delete_inactive_accounts(),
        "warned": retention.warn_inactive_accounts(),
    }
    if any(done.values()):
        log.info("account retention: %s", done)
    return done
