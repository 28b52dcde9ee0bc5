"""A ticket's thread: replies, notes and the employer's messages, their files, standard answers."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpdesk.models.tickets import Ticket

if TYPE_CHECKING:
    from accounts.models import User


class MessageKind(models.TextChoices):
    REPLY = "antwoord", _("Antwoord aan werkgever")
    NOTE = "notitie", _("Interne notitie")
    REQUESTER = "werkgever", _("Bericht van werkgever")


class MessageQuerySet(models.QuerySet["Message"]):
    def public(self) -> Self:
        return self.exclude(kind=MessageKind.NOTE)

    def for_thread(self) -> Self:
        from menukaart.models import Measure

        return (
            self.select_related("author")
            .prefetch_related("attachments", Prefetch("measures", queryset=Measure.objects.order_by("title")))
            .order_by("created_at", "pk")
        )


class Message(models.Model):
    """A reply to the employer, an internal note, or a message from the employer."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("soort"), max_length=20, choices=MessageKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpdesk_messages",
    )
    body = models.TextField(_("tekst"))
    measures = models.ManyToManyField(
        "menukaart.Measure", verbose_name=_("maatregelen uit de menukaart"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tijd"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    # Set by services.save_attachments (not a field): the names of the files the storage refused.
    files_not_stored: list[str]

    class Meta:
        ordering = ["created_at", "pk"]
        # A ticket's thread is always read in this order.
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="helpdesk_message_thread")]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_note(self) -> bool:
        return self.kind == MessageKind.NOTE


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random file name: the uploader's name is kept in original_name, never on disk."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"helpdesk/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file with a message. Stored in PRIVATE_MEDIA_ROOT; served only by an access-checked view."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("bestand"), upload_to=attachment_path)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.original_name


class StandardAnswer(models.Model):
    """A reusable answer text, maintained by editors (contentbeheerders)."""

    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"))
    themes = models.ManyToManyField("menukaart.Theme", verbose_name=_("thema's"), blank=True, related_name="+")
    is_active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    # Set by the compose view (not a field): the text filled in for one ticket.
    rendered: str

    class Meta:
        ordering = ["title"]
        verbose_name = _("standaardantwoord")
        verbose_name_plural = _("standaardantwoorden")

    def __str__(self) -> str:
        return self.title

    def render(self, *, ticket: Ticket, advisor: User | None = None) -> str:
        """The text with its placeholders filled in for this ticket (see STANDARD_ANSWER_PLACEHOLDERS)."""
        from django.utils.formats import date_format

        values = {
            "{werkgever}": ticket.employer_name,
            "{contactpersoon}": ticket.contact_name,
            "{vraagnummer}": ticket.reference,
            "{termijn}": date_format(ticket.due_date, "j F Y") if ticket.due_date else "",
            "{adviseur}": (advisor.get_full_name() or advisor.get_username()) if advisor else "",
        }
        text = self.body
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        return text


# What an editor may write in a standard answer; filled in when an advisor inserts it.
STANDARD_ANSWER_PLACEHOLDERS = ("{werkgever}", "{contactpersoon}", "{vraagnummer}", "{termijn}", "{adviseur}")
