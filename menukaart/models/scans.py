from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import Sector, SizeBand

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase

    from accounts.models import AnyUser


# The session's entry for the scan a visitor without an account made (menukaart.services.start_scan
# sets it; menukaart.services.claim_session_scan moves the scan to the account at sign-up or log-in).
SCAN_SESSION_KEY = "menukaart_scan_id"


class ScanQuerySet(models.QuerySet["Scan"]):
    def completed(self) -> Self:
        return self.filter(completed_at__isnull=False)

    def visible_to(self, *, user: AnyUser, session: SessionBase) -> Self:
        """The scans this visitor may open: the account's own, or the one made in this session.

        Anything else is not found (a 404), whoever asks.
        """
        if user.is_authenticated:
            return self.filter(user=user)
        scan_id = session.get(SCAN_SESSION_KEY)
        if scan_id is None:
            return self.none()
        return self.filter(pk=scan_id, user__isnull=True)

    def with_answers(self) -> Self:
        return self.prefetch_related("answers")


class Scan(models.Model):
    """One "Waar sta je?" self-scan. Without an account it belongs to the session until sign-up or log-in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scans",
    )
    # What the organisation looked like at the time of the scan (the profile may change later).
    size_band = models.CharField(_("aantal medewerkers"), max_length=10, choices=SizeBand.choices)
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices, blank=True)
    created_at = models.DateTimeField(_("begonnen op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    objects = ScanQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_at", "-created_at"]
        verbose_name = _("zelfscan")
        verbose_name_plural = _("zelfscans")

    def __str__(self) -> str:
        return str(_("Zelfscan %(id)s")) % {"id": self.pk}

    def answer_map(self) -> dict[str, int]:
        """{question key: value}; uses prefetched answers when there are."""
        return {answer.question: answer.value for answer in self.answers.all()}

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class ScanAnswer(models.Model):
    scan = models.ForeignKey(Scan, verbose_name=_("zelfscan"), on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(_("vraag"), max_length=40)
    value = models.PositiveSmallIntegerField(_("antwoord"))

    class Meta:
        verbose_name = _("antwoord in een zelfscan")
        verbose_name_plural = _("antwoorden in zelfscans")
        constraints = [
            models.UniqueConstraint(fields=["scan", "question"], name="menukaart_scananswer_once"),
            models.CheckConstraint(condition=models.Q(value__lte=3), name="menukaart_scananswer_0_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.question}={self.value}"


class KeyFigure(models.Model):
    """An employer's own key figures for one year and one group (as "Ken je kerncijfers" describes).

    Optional, entered by the employer; shown beside the scans because figures show effect where a
    self-scan shows effort.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="key_figures"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    group = models.CharField(_("groep"), max_length=120)
    headcount = models.PositiveIntegerField(_("aantal medewerkers"), null=True, blank=True)
    inflow = models.PositiveIntegerField(_("instroom"), null=True, blank=True)
    throughflow = models.PositiveIntegerField(_("doorstroom"), null=True, blank=True)
    outflow = models.PositiveIntegerField(_("uitstroom"), null=True, blank=True)
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "group"]
        verbose_name = _("kerncijfer")
        verbose_name_plural = _("kerncijfers")
        constraints = [
            models.UniqueConstraint(fields=["user", "year", "group"], name="menukaart_keyfigure_once_per_year_group"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.group}"
