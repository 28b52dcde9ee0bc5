"""How long the outbox keeps its messages (docs/operations.md, "Retention").

A sent or failed message is deleted OUTBOX_RETENTION_DAYS after it was sent or gave up
(`purge_expired`, nightly from core.tasks), and the messages to an address go when its account is
deleted (`forget_address`). Messages about a row whose app keeps them with that row's record
(`keep_messages_about`: the helpdesk's tickets) are left to that app, which strips them when it
erases the row's personal data.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from core.models import OutboxMessage, OutboxStatus

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


def expired(*, now: datetime | None = None) -> models.QuerySet[OutboxMessage]:
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


def purge_expired(*, now: datetime | None = None, batch_size: int = 1000) -> int:
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
