"""Shared models: the worker heartbeat and the e-mail outbox (used by every app)."""

from datetime import datetime, timedelta
from typing import Self

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per Celery worker host, refreshed by the beat-scheduled heartbeat task."""

    worker = models.CharField(_("worker"), max_length=200, unique=True)
    last_seen = models.DateTimeField(_("laatst gezien"))
    beats = models.PositiveBigIntegerField(_("aantal heartbeats"), default=0)

    class Meta:
        verbose_name = _("worker-heartbeat")
        verbose_name_plural = _("worker-heartbeats")

    def __str__(self) -> str:
        return self.worker


class OutboxStatus(models.TextChoices):
    PENDING = "wachtend", _("Wacht op verzending")
    SENT = "verzonden", _("Verzonden")
    FAILED = "mislukt", _("Mislukt (maximaal aantal pogingen)")


# Placeholder in a stored body: replaced at send time by the message's private link (a follow or
# verification link holding a secret token), which is kept apart and erased once the message is sent.
PRIVATE_LINK_PLACEHOLDER = "[[private-link]]"


def send_lease() -> timedelta:
    """How long a claim holds a message. A worker that claimed a message has either finished it or
    been killed by Celery's hard time limit by then, so an older claim means it died mid-send."""
    return timedelta(seconds=settings.OUTBOX_SEND_LEASE_SECONDS)


class OutboxQuerySet(models.QuerySet["OutboxMessage"]):
    def due(self, *, now: datetime | None = None) -> Self:
        """Pending messages whose next attempt is due and that no worker is sending right now."""
        now = now or timezone.now()
        return self.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now).unclaimed(now=now)

    def unclaimed(self, *, now: datetime | None = None) -> Self:
        """Rows no worker holds: never claimed, or claimed longer ago than the send lease (that
        worker died or was killed mid-send; see send_lease)."""
        now = now or timezone.now()
        return self.filter(models.Q(sending_since__isnull=True) | models.Q(sending_since__lt=now - send_lease()))

    def about(self, obj: models.Model) -> Self:
        """The messages queued about `obj` (a ticket, a membership, ...)."""
        return self.filter(about_type=ContentType.objects.get_for_model(obj), about_id=obj.pk)


class OutboxMessage(models.Model):
    """An e-mail to send. Written in the same transaction as the change it reports (core.outbox.
    queue_mail); sent by Celery (core.tasks). Any app uses it; an app finds its own messages again
    through `about` (a generic reference, so core depends on no app), e.g. to erase personal data.
    """

    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    # The link with a secret token that replaces PRIVATE_LINK_PLACEHOLDER in the body. Stored only
    # while the message is not yet sent (so a resend carries the same, working link); emptied the
    # moment it is sent, and by erasure. Never shown in the admin.
    private_link = models.CharField(_("persoonlijke link"), max_length=500, blank=True)
    # Extra headers (for example List-Unsubscribe). Message-ID is its own field.
    headers = models.JSONField(_("extra kopregels"), default=dict, blank=True)
    # Set when the message is queued, before any sending: every copy of this message (a resend
    # after a crash or a timeout) carries the same Message-ID, so mail systems can recognise it.
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    about_type = models.ForeignKey(
        ContentType, verbose_name=_("over (soort)"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(_("over (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    status = models.CharField(_("status"), max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    # When a worker claimed the message and started talking to the mail server (committed before
    # the first byte is sent); empty again once the outcome is known.
    sending_since = models.DateTimeField(_("verzending gestart"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due_idx"),
            models.Index(fields=["about_type", "about_id"], name="core_outbox_about_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["message_id"], condition=~models.Q(message_id=""), name="core_outbox_unique_message_id"
            ),
            models.CheckConstraint(
                condition=models.Q(about_type__isnull=True, about_id__isnull=True)
                | models.Q(about_type__isnull=False, about_id__isnull=False),
                name="core_outbox_about_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display()})"
