"""Helpdesk background work: sending the outbox, and pseudonymising after the retention period."""

import logging
import time
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone

from helpdesk.models import FOLLOW_LINK_PLACEHOLDER, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)


def _backoff(attempts: int) -> int:
    """Seconds until the next attempt: 1, 2, 4, ... minutes, at most an hour."""
    return min(60 * 2 ** max(attempts - 1, 0), 3600)


def describe_error(error: Exception) -> str:
    """The error's class and SMTP code, never its text: SMTP errors quote the recipients' addresses,
    which must not outlive erasure in the outbox or in the worker's log."""
    code = getattr(error, "smtp_code", None)
    if code is None and isinstance(getattr(error, "recipients", None), dict) and error.recipients:
        first = next(iter(error.recipients.values()))
        code = first[0] if isinstance(first, tuple) and first else None
    if code is None and isinstance(error, OSError):
        code = error.errno
    name = type(error).__name__
    return f"{name} ({code})" if code is not None else name


def deliver(message_id: int) -> str:
    """Send one outbox message at most once. Returns "sent", "failed", "skipped".

    The row is locked (skipping rows another worker holds) for the duration of the send and marked
    sent in the same transaction: two workers never send the same message, and a sent message is
    never picked up again. A failure is recorded in a separate transaction, so it survives.
    """
    from helpdesk.services import follow_url, issue_access_token

    try:
        with transaction.atomic():
            rows = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING)
            if connection.features.has_select_for_update_skip_locked:
                rows = rows.select_for_update(skip_locked=True, of=("self",))
            message = rows.select_related("ticket").first()
            if message is None:
                return "skipped"
            if not message.to:
                message.status = OutboxStatus.FAILED
                message.last_error = "Geen ontvanger (gegevens gewist)."
                message.save(update_fields=["status", "last_error"])
                return "failed"
            body = message.body
            if FOLLOW_LINK_PLACEHOLDER in body and message.ticket is not None:
                # A fresh follow link per e-mail: the raw token exists only in the sent e-mail.
                body = body.replace(FOLLOW_LINK_PLACEHOLDER, follow_url(issue_access_token(ticket=message.ticket)))
            EmailMessage(subject=message.subject, body=body, to=[message.to]).send()
            message.status = OutboxStatus.SENT
            message.sent_at = timezone.now()
            message.attempts += 1
            message.last_error = ""
            message.save(update_fields=["status", "sent_at", "attempts", "last_error"])
            return "sent"
    except SoftTimeLimitExceeded:
        # The worker is out of time: the row stays pending (the send's transaction rolled back) and
        # the next flush sends it. Swallowing this would let the hard limit kill us mid-send.
        raise
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
        summary = describe_error(error)
        log.warning("outbox message %s not sent: %s", message_id, summary)
        message = OutboxMessage.objects.get(pk=message_id)
        message.attempts += 1
        message.last_error = summary
        if message.attempts >= settings.HELPDESK_OUTBOX_MAX_ATTEMPTS:
            message.status = OutboxStatus.FAILED
        message.next_attempt_at = timezone.now() + timedelta(seconds=_backoff(message.attempts))
        message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return "failed"


@shared_task(bind=True, ignore_result=True, acks_late=True, max_retries=None)
def send_outbox_message(self, message_id: int) -> str:
    """Send one queued e-mail; after a failure, retry with exponential backoff.

    In eager mode (no broker) the retry is left to flush_outbox, so a web request never waits.
    """
    result = deliver(message_id)
    if result == "failed" and not self.request.is_eager:
        message = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).first()
        if message is not None:
            raise self.retry(countdown=_backoff(message.attempts))
    return result


# flush_outbox starts no new send after this many seconds: well within CELERY_TASK_SOFT_TIME_LIMIT
# (300 s by default), so it never reaches the hard limit in the middle of a send.
FLUSH_TIME_BUDGET_SECONDS = 240
_clock = time.monotonic  # replaced in tests


@shared_task(
    ignore_result=True, soft_time_limit=FLUSH_TIME_BUDGET_SECONDS + 30, time_limit=FLUSH_TIME_BUDGET_SECONDS + 60
)
def flush_outbox(limit: int = 200, budget_seconds: float = FLUSH_TIME_BUDGET_SECONDS) -> int:
    """Send every due pending message (a safety net for lost enqueues and retries). Idempotent.

    Stops after budget_seconds; what is left is sent by the next run (every minute)."""
    sent = 0
    deadline = _clock() + budget_seconds
    for message_id in OutboxMessage.objects.due().order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        if _clock() >= deadline:
            log.info("flush_outbox stopped after its time budget; the rest goes in the next run")
            break
        sent += deliver(message_id) == "sent"
    return sent


@shared_task(ignore_result=True, acks_late=True)
def pseudonymise_expired_tickets() -> int:
    """Nightly: first close answered/waiting tickets nobody touched for HELPDESK_AUTO_CLOSE_DAYS (so
    they too reach the retention period), then pseudonymise those closed longer than it."""
    from helpdesk.services import close_inactive, pseudonymise_expired

    closed = 0
    while count := close_inactive():
        closed += count
    if closed:
        log.info("closed %s inactive helpdesk tickets", closed)
    total = 0
    while count := pseudonymise_expired():
        total += count
    if total:
        log.info("pseudonymised %s helpdesk tickets", total)
    return total
