"""The e-mail outbox, shared by every app: queue a message in the same transaction as the change it
reports, send it from Celery after the commit.

    from core.outbox import queue_mail

    queue_mail(to=..., subject=..., template="app/email/x.txt", context={...})

What "sent once" means here (docs/operations.md, "E-mail delivery"):
- A message is claimed by one worker at a time (row lock, then `sending_since`, committed before the
  first byte goes to the mail server) and marked sent right after the server accepted it.
- Its Message-ID and its private link are fixed when it is queued, so when a copy does go out twice
  (a worker killed after the server accepted the message, or a server that accepts but answers
  after EMAIL_TIMEOUT) both copies are the same message, and the link in each works.
- SMTP has no way to ask "did you get this?", so after such a crash the message is sent again once
  the claim's lease has run out: at least once, not exactly once.

Retention (docs/operations.md, "Retention"): a sent or failed message is deleted OUTBOX_RETENTION_DAYS
after it was sent or gave up (`purge_expired`, nightly), and the messages to an address go when its
account is deleted (`forget_address`). Messages about a row whose app keeps them with that row's
record (`keep_messages_about`: the helpdesk's tickets) are left to that app, which strips them when
it erases the row's personal data.
"""

import logging
from datetime import timedelta
from email.utils import make_msgid
from urllib.parse import urlsplit

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import connection, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.models import PRIVATE_LINK_PLACEHOLDER, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)


def queue_mail(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    about: models.Model | None = None,
    private_link: str = "",
    headers: dict[str, str] | None = None,
) -> OutboxMessage:
    """Render `template` with `context`, write the message to the outbox and send it once the
    surrounding transaction commits (or at once in autocommit mode).

    - `about`: the row the message is about (a ticket, a membership, ...): find it again with
      `OutboxMessage.objects.about(obj)`, e.g. to erase personal data.
    - `private_link`: a URL holding a secret token (follow link, e-mail verification). The template
      shows it as `{{ private_link }}`; the stored body holds only a placeholder, and the link is
      erased from the database once the message is sent. Store only a hash of the token yourself.
    - `headers`: extra e-mail headers (for example List-Unsubscribe).
    """
    from core.tasks import send_outbox_message

    body = render_to_string(template, {**context, "private_link": PRIVATE_LINK_PLACEHOLDER})
    message = OutboxMessage(
        to=to,
        subject=" ".join(subject.split())[:200],
        body=body,
        private_link=private_link,
        headers=headers or {},
        message_id=new_message_id(),
    )
    if about is not None:
        message.about = about
    message.save()
    # robust: a broker that is down must not break the request; the beat's flush_outbox retries.
    transaction.on_commit(lambda: send_outbox_message.delay(message.pk), robust=True)
    return message


def new_message_id() -> str:
    """A globally unique Message-ID on the sender's domain."""
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
    domain = address.rpartition("@")[2] or urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    return make_msgid(domain=domain)


def send_lease() -> timedelta:
    """How long a claim holds a message. A worker that claimed a message has either finished it or
    been killed by Celery's hard time limit by then, so an older claim means it died mid-send."""
    return timedelta(seconds=settings.OUTBOX_SEND_LEASE_SECONDS)


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


# Models whose rows keep the messages about them for as long as the row's own retention says; their
# app strips those messages when it erases the row's personal data (see keep_messages_about).
_kept_with_owner: list[type[models.Model]] = []


def keep_messages_about(model: type[models.Model]) -> None:
    """Leave the messages about `model`'s rows to the app that owns the model: neither the outbox's
    retention (`purge_expired`) nor `forget_address` deletes them. The app must strip or delete them
    itself when it erases the row's personal data. Call from the app's AppConfig.ready()."""
    if model not in _kept_with_owner:
        _kept_with_owner.append(model)


def _kept_type_ids() -> list[int]:
    return [content_type.pk for content_type in ContentType.objects.get_for_models(*_kept_with_owner).values()]


def expired(*, now=None) -> models.QuerySet:
    """Sent and failed messages past OUTBOX_RETENTION_DAYS, except those kept with their owner.

    A sent message counts from when it was sent; a failed one from its last attempt (the retry it
    will never get was scheduled after that). Pending messages are never expired: they are still due.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    old = (
        models.Q(status=OutboxStatus.SENT, sent_at__lt=cutoff)
        | models.Q(status=OutboxStatus.SENT, sent_at__isnull=True, created_at__lt=cutoff)
        | models.Q(status=OutboxStatus.FAILED, next_attempt_at__lt=cutoff)
    )
    return OutboxMessage.objects.filter(old).exclude(about_type_id__in=_kept_type_ids())


def purge_expired(*, now=None, batch_size: int = 1000) -> int:
    """Delete one batch of expired messages (see `expired`); returns how many. Idempotent."""
    ids = list(expired(now=now).order_by("pk").values_list("pk", flat=True)[:batch_size])
    if not ids:
        return 0
    deleted, _per_model = OutboxMessage.objects.filter(pk__in=ids).delete()
    return deleted


def forget_address(email: str) -> int:
    """Delete every message to `email`, sent or not (its account is being deleted), except those
    kept with their owner (the helpdesk strips its own). Returns how many were deleted."""
    email = (email or "").strip()
    if not email:
        return 0
    deleted, _per_model = (
        OutboxMessage.objects.filter(to__iexact=email).exclude(about_type_id__in=_kept_type_ids()).delete()
    )
    return deleted
