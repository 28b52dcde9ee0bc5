"""Impact report: one report per period (a snapshot of every figure), partner input and agreements.

The report reads helpdesk, menukaart and communities; none of them imports this app.
Writes go through impact/services.py; who may see or do what is in impact/permissions.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    PENDING = "wachtend", _("Wordt gemaakt")
    COMPLETE = "klaar", _("Klaar")
    FAILED = "mislukt", _("Mislukt")


class ReportQuerySet(models.QuerySet):
    def complete(self):
        """Only complete reports are ever shown: a report is written in one transaction with its status."""
        return self.filter(status=ReportStatus.COMPLETE)

    def for_list(self):
        return self.defer("data").order_by("-period_end", "-period_start")


class Report(models.Model):
    """The impact report of one period (both dates inclusive, Europe/Amsterdam).

    `data` holds every figure as computed when the report was produced (a snapshot; suppression
    already applied). At most one report per period: the unique constraint is the guard against
    concurrent or repeated runs.
    """

    period_start = models.DateField(_("van"))
    period_end = models.DateField(_("tot en met"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    data = models.JSONField(_("cijfers"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    scheduled = models.BooleanField(_("volgens planning"), default=False)
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    completed_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=200, blank=True)
    duration_ms = models.PositiveIntegerField(_("rekentijd (ms)"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-period_start"]
        verbose_name = _("impactrapportage")
        verbose_name_plural = _("impactrapportages")
        permissions = [("produce_report", _("Een impactrapportage laten maken"))]
        constraints = [
            models.UniqueConstraint(fields=["period_start", "period_end"], name="impact_one_report_per_period"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="impact_period_order"),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.COMPLETE) | Q(completed_at__isnull=False),
                name="impact_complete_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%d-%m-%Y} t/m {self.period_end:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("impact:report_detail", kwargs={"pk": self.pk})

    @property
    def is_complete(self) -> bool:
        return self.status == ReportStatus.COMPLETE


class PartnerInputQuerySet(models.QuerySet):
    def overlapping(self, start, end):
        return self.filter(period_start__lte=end, period_end__gte=start)


class PartnerInput(models.Model):
    """What a partner organisation heard from its members in a half-year, before the impact meeting.

    Rough counts only and no names: it is shown in the report per partner.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="impact_inputs"
    )
    period_start = models.DateField(_("van"))
    period_end = models.DateField(_("tot en met"))
    themes = models.ManyToManyField("menukaart.Theme", verbose_name=_("thema's"), blank=True, related_name="+")
    note = models.TextField(_("wat hoorden jullie?"), max_length=2000)
    questions_heard = models.PositiveIntegerField(_("aantal vragen (ongeveer)"), null=True, blank=True)
    employers_reached = models.PositiveIntegerField(_("aantal werkgevers bereikt (ongeveer)"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    objects = PartnerInputQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "organisation__name"]
        verbose_name = _("inbreng partner")
        verbose_name_plural = _("inbreng partners")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period_start", "period_end"], name="impact_one_input_per_partner_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period_start:%Y-%m}"


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Nog niet begonnen")
    IN_PROGRESS = "bezig", _("Bezig")
    DONE = "gedaan", _("Gedaan")
    DROPPED = "vervallen", _("Vervallen")


class AgreementQuerySet(models.QuerySet):
    def of_last_meeting_before(self, day):
        """The agreements of the latest meeting held on or before `day`."""
        latest = self.filter(meeting_date__lte=day).aggregate(latest=models.Max("meeting_date"))["latest"]
        return self.filter(meeting_date=latest).select_related("owner") if latest else self.none()


class Agreement(models.Model):
    """An agreement made at an impact meeting; editors record it and keep its status current.

    The owner is an organisation, never a person: the report holds no personal data.
    """

    meeting_date = models.DateField(_("datum bijeenkomst"))
    action = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("eigenaar"), on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.OPEN)
    status_note = models.CharField(_("toelichting bij de status"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_date", "due_date", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self) -> str:
        return self.action
