from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models.meetings import Lesson
from communities.models.networks import Network


class ProposalKind(models.TextChoices):
    NEW = "nieuw", _("Nieuwe maatregel")
    CHANGE = "wijziging", _("Wijziging van een bestaande maatregel")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "ingediend", _("Ingediend, wacht op de redactie")
    ACCEPTED = "overgenomen", _("Overgenomen in de menukaart")
    DECLINED = "afgewezen", _("Niet overgenomen")


class ProposalQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=ProposalStatus.SUBMITTED)

    def accepted(self):
        return self.filter(status=ProposalStatus.ACCEPTED)

    def for_review(self):
        return self.select_related("network", "lesson", "measure", "created_by").order_by("created_at")


class Proposal(models.Model):
    """A lesson turned into a proposal for the menukaart (van les naar menukaart).

    Editors accept or decline it. Once accepted, `measure` is the measure it led to; the measure
    page shows the network through this foreign key (menukaart does not import communities).
    """

    network = models.ForeignKey(Network, verbose_name=_("netwerk"), on_delete=models.CASCADE, related_name="proposals")
    lesson = models.ForeignKey(
        Lesson,
        verbose_name=_("geleerde les"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    kind = models.CharField(_("soort voorstel"), max_length=20, choices=ProposalKind.choices)
    measure = models.ForeignKey(
        "menukaart.Measure",
        verbose_name=_("maatregel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_proposals",
    )
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("voorstel"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    review_note = models.TextField(_("toelichting van de redactie"), max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voorstel voor de menukaart")
        verbose_name_plural = _("voorstellen voor de menukaart")
        permissions = [("review_proposal", _("Voorstellen van doe-netwerken beoordelen"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.ACCEPTED) | Q(measure__isnull=False),
                name="communities_accepted_has_measure",
            ),
        ]

    def __str__(self) -> str:
        return self.title
