"""Sending the outbox's messages (core.outbox queues them): the work of the tasks in core.tasks.

What "sent once" means here (docs/operations.md, "E-mail delivery"):
- A message is claimed by one worker at a time (row lock, then `sending_since`, committed before the
  first byte goes to the mail server) and marked sent right after the server accepted it.
- Its Message-ID and its private link are fixed when it is queued, so when a copy does go out twice
  (a worker killed after the server accepted the message, or a server that accepts but answers
  after EMAIL_TIMEOUT) both copies are the same message, and the link in each works.
- SMTP has no way to ask "did you get this?", so after such a crash the message is sent again once
  the claim's lease (core.models.send_lease) has run out: at least once, not exactly once.
"""

import logging
from datetime import timedelta
from email.utils import make_msgid
from urllib.parse import urlsplit

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone

from core.models import PRIVATE_LINK_PLACEHOLDER, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)


def new_message_id() -> str:
    """A globally unique Message-ID on the sender's domain."""
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
    domain = address.rpartition("@")[2] or urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    return make_msgid(domain=domain)


def _backoff(attempts: int) -> int:
    """Seconds until the next attempt: 1, 2, 4, ... minutes, at most an hour."""
    return min(60 * 2 ** max(attempts - 1, 0), 3600)


def describe_error(error: Exception) -> str:
    """The error's class and SMTP code, never its text: SMTP errors quote the recipients' addresses,
    which must not outlive erasure in the outbox or in the worker's log."""
    code = getattr(error, "smtp_code", None)
    recipients = getattr(error, "recipients", None)
    if code is None and isinstance(recipients, dict) and recipients:
        first = next(iter(recipients.values()))
        code = first[0] if isinstance(first, tuple) and first else None
    if code is None and isinstance(error, OSError):
        code = error.errno
    name = type(error).__name__
    return f"{name} ({code})" if code is not None else name


def _claim(message_id: int) -> OutboxMessage | None:
    """Lock the row (skipping rows another worker holds), record the attempt and commit.

    After this commit the attempt is on record (attempts, sending_since, Message-ID) before the mail
    server hears of it; no other worker takes the message until the lease runs out.
    """
    now = timezone.now()
    with transaction.atomic():
        rows = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).unclaimed(now=now)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        message = rows.first()
        if message is None:
            return None
        if not message.to:
            message.status = OutboxStatus.FAILED
            message.last_error = "Geen ontvanger (gegevens gewist)."
            message.save(update_fields=["status", "last_error"])
            return message
        message.message_id = message.message_id or new_message_id()
        message.attempts += 1
        message.sending_since = now
        message.save(update_fields=["message_id", "attempts", "sending_since"])
    return message


def deliver(message_id: int) -> str:
    """Send one outbox message. Returns "sent", "failed" or "skipped" (already sent, or another
    worker holds it). Called by the Celery tasks in core.tasks; safe to call any number of times."""
    message = _claim(message_id)
    if message is None:
        return "skipped"
    if message.status == OutboxStatus.FAILED:
        return "failed"
    body = message.body.replace(PRIVATE_LINK_PLACEHOLDER, message.private_link)
    email = EmailMessage(
        subject=message.subject,
        body=body,
        to=[message.to],
        headers={**message.headers, "Message-ID": message.message_id},
    )
    try:
        email.send()
    except SoftTimeLimitExceeded:
        # The worker is out of time. Release the claim so the next flush sends it again (the
        # attempt stays counted); swallowing this would let the hard limit kill us mid-send.
        OutboxMessage.objects.filter(pk=message.pk, sending_since=message.sending_since).update(sending_since=None)
        raise
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
        summary = describe_error(error)
        log.warning("outbox message %s not sent: %s", message_id, summary)
        failed = message.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message.pk, sending_since=message.sending_since).update(
            sending_since=None,
            last_error=summary,
            status=OutboxStatus.FAILED if failed else OutboxStatus.PENDING,
            next_attempt_at=timezone.now() + timedelta(seconds=_backoff(message.attempts)),
        )
        return "failed"
    # The secret link is in the sent e-mail now: it need not stay in the database.
    OutboxMessage.objects.filter(pk=message.pk, sending_since=message.sending_since).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), sending_since=None, private_link="", last_error=""
    )
    return "sent"


def retry_delay(message_id: int) -> int | None:
    """Seconds until a pending message's next attempt (None when it is no longer pending)."""
    message = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).only("attempts").first()
    return None if message is None else _backoff(message.attempts)
