"""The audit trail: who did or saw what, when, on which ticket."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from helpdesk.models.tickets import Ticket


class AuditAction(models.TextChoices):
    CREATED = "aangemaakt", _("Aangemaakt")
    VIEWED = "bekeken", _("Persoonsgegevens bekeken")
    STATUS = "status", _("Status gewijzigd")
    CLAIMED = "opgepakt", _("Opgepakt")
    ASSIGNED = "toegewezen", _("Toegewezen")
    REPLIED = "beantwoord", _("Antwoord verstuurd")
    NOTE = "notitie", _("Notitie toegevoegd")
    REQUESTER_MESSAGE = "reactie", _("Reactie van werkgever")
    MERGED = "samengevoegd", _("Samengevoegd")
    CLOSED = "gesloten", _("Gesloten")
    FEEDBACK = "feedback", _("Feedback gegeven")
    ATTACHMENT = "bijlage", _("Bijlage gedownload")
    EXPORTED = "geexporteerd", _("Gegevens geëxporteerd")
    ERASED = "gewist", _("Gegevens gewist op verzoek")
    PSEUDONYMISED = "gepseudonimiseerd", _("Gepseudonimiseerd na bewaartermijn")


# Who did it, when nobody logged in did: stored as these Dutch words (the trail does not change
# with the reader's language) and shown translated (AuditEvent.actor_display).
REQUESTER_LABEL = gettext_noop("vragensteller (volglink)")
SYSTEM_LABEL = gettext_noop("systeem")
SYSTEM_ACTOR_LABELS = frozenset({REQUESTER_LABEL, SYSTEM_LABEL})


class AuditEvent(models.Model):
    """Who did or saw what, when, on which ticket. Holds no personal data of the requester."""

    ticket = models.ForeignKey(Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events")
    ticket_reference = models.CharField(_("vraagnummer"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("wie (omschrijving)"), max_length=100, blank=True)
    action = models.CharField(_("wat"), max_length=30, choices=AuditAction.choices)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("wanneer"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.ticket_reference} {self.action}"

    @property
    def actor_display(self) -> str:
        """The actor as shown: a user name as stored, the requester or the system translated."""
        return gettext(self.actor_label) if self.actor_label in SYSTEM_ACTOR_LABELS else self.actor_label
