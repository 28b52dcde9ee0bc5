import hashlib
from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from menukaart.models.content import Measure


class Plan(models.Model):
    """A "Mijn menukaart": the measures an employer chose, ordered into a plan.

    Without an account the plan is found through its id in the session; on log-in it is merged
    into the user's own plan (menukaart.services.merge_session_plan).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="menukaart_plan",
    )
    # Only the SHA-256 of the share link's token is stored, like the helpdesk's follow links: the
    # database (or a backup of it) does not give anyone the link. The link is shown once, when made.
    share_token_hash = models.CharField(
        _("deellink-code (hash)"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("mijn menukaart")
        verbose_name_plural = _("mijn menukaarten")

    def __str__(self) -> str:
        return str(_("Menukaart %(id)s")) % {"id": self.pk}

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_shared(self) -> bool:
        return self.share_token_hash is not None


class PlanItemQuerySet(models.QuerySet["PlanItem"]):
    def for_plan_page(self) -> Self:
        return self.select_related("measure").order_by("position", "added_at")

    def for_export(self) -> Self:
        """What the print view and the PDF show per measure: its sources and published materials too."""
        from menukaart.models.content import Material

        return self.for_plan_page().prefetch_related(
            "measure__sources", models.Prefetch("measure__materials", queryset=Material.objects.published())
        )


class PlanItem(models.Model):
    class Progress(models.TextChoices):
        PLANNED = "gepland", _("Gepland")
        STARTED = "gestart", _("Gestart")
        DONE = "klaar", _("Klaar")

    plan = models.ForeignKey(Plan, verbose_name=_("menukaart"), on_delete=models.CASCADE, related_name="items")
    measure = models.ForeignKey(Measure, verbose_name=_("maatregel"), on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    owner = models.CharField(_("eigenaar"), max_length=120, blank=True)
    # Always the first day of the month (menukaart.forms.MonthField normalises it).
    start_month = models.DateField(_("startmaand"), null=True, blank=True)
    note = models.TextField(_("notitie"), max_length=2000, blank=True)
    progress = models.CharField(_("status"), max_length=10, choices=Progress.choices, default=Progress.PLANNED)
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    done_on = models.DateField(_("klaar op"), null=True, blank=True)
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "added_at"]
        verbose_name = _("maatregel in mijn menukaart")
        verbose_name_plural = _("maatregelen in mijn menukaart")
        constraints = [
            models.UniqueConstraint(fields=["plan", "measure"], name="menukaart_planitem_once_per_plan"),
        ]

    def __str__(self) -> str:
        return str(self.measure)
