from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from menukaart.models.content import Material, Measure


class UsageEventQuerySet(models.QuerySet["UsageEvent"]):
    def zero_result_searches(self) -> models.QuerySet[UsageEvent, dict[str, Any]]:
        """Searches that found nothing, grouped by normalised query: the content gaps, most asked first."""
        return (
            self.filter(kind=UsageEvent.Kind.SEARCH, result_count=0)
            .values("query")
            .annotate(times=models.Count("id"), last_seen=models.Max("hour"))
            .order_by("-times", "-last_seen", "query")
        )


class UsageEvent(models.Model):
    """One anonymous use of the menukaart, for the impact report.

    Holds no personal data: no user, no session, no IP address, and the time only to the hour.
    Searches keep the normalised query text (lower case, single spaces) and how many measures it found.
    """

    class Kind(models.TextChoices):
        MEASURE_VIEW = "measure_view", _("Maatregel bekeken")
        PLAN_ADD = "plan_add", _("Maatregel aan menukaart toegevoegd")
        MATERIAL_CLICK = "material_click", _("Materiaal-link gevolgd")
        SEARCH = "search", _("Zoekopdracht")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    hour = models.DateTimeField(_("uur"), help_text=_("Tijdstip afgerond op het hele uur."))
    measure = models.ForeignKey(
        Measure, verbose_name=_("maatregel"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    material = models.ForeignKey(
        Material, verbose_name=_("materiaal"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    query = models.CharField(_("zoekvraag"), max_length=200, blank=True)
    result_count = models.PositiveIntegerField(_("aantal resultaten"), null=True, blank=True)

    objects = UsageEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebruikssignaal")
        verbose_name_plural = _("gebruikssignalen")
        indexes = [models.Index(fields=["kind", "hour"], name="menukaart_event_kind_hour")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="search") | models.Q(result_count__isnull=False),
                name="menukaart_event_search_has_count",
            ),
            models.CheckConstraint(
                condition=models.Q(hour__minute=0, hour__second=0),
                name="menukaart_event_hour_truncated",
            ),
        ]
        permissions = [("view_content_gaps", _("Zoekvragen zonder resultaat bekijken"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.hour:%Y-%m-%d %H}:00"
