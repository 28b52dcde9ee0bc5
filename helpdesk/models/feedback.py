"""What requesters tell us: "did this help?" and the question form's suggestion counters."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpdesk.models.tickets import Ticket


class Feedback(models.Model):
    """The employer's answer to "did this help?". One per ticket."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField(_("geholpen"))
    reason = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.ticket_id}: {'+' if self.helpful else '-'}"


class SuggestionStat(models.Model):
    """Daily counters for suggested measures on the question form. No personal data at all.

    A "form visit" is identified only by a random number in the form; these counters never hold it
    (a ticket keeps it only hashed into its submission key, against double posts).
    Deflection = visits where a suggestion was opened minus those that still asked a question.
    """

    day = models.DateField(unique=True)
    suggestions_shown = models.PositiveIntegerField(default=0)
    suggestion_opens = models.PositiveIntegerField(default=0)
    visits_with_open = models.PositiveIntegerField(default=0)
    asked_after_open = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("suggestiestatistiek")
        verbose_name_plural = _("suggestiestatistieken")

    def __str__(self) -> str:
        return str(self.day)

    @property
    def deflected(self) -> int:
        return max(self.visits_with_open - self.asked_after_open, 0)
