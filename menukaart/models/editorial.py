"""The editors' workspace: draft revisions of published measures, and the weekly link check."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RevisionState(models.TextChoices):
    REVIEW = "review", _("Wacht op review")
    PUBLISHED = "published", _("Gepubliceerd")
    REJECTED = "rejected", _("Teruggestuurd")


class MeasureRevisionQuerySet(models.QuerySet["MeasureRevision"]):
    def waiting(self) -> Self:
        return self.filter(state=RevisionState.REVIEW)

    def for_list(self) -> Self:
        return self.select_related("measure", "created_by", "updated_by", "reviewed_by")


class MeasureRevision(models.Model):
    """Proposed changes to a published measure, kept apart until another editor publishes them.

    `data` holds the change form's values (plain JSON: texts, numbers, lists of ids, tag names).
    The public keeps seeing the measure as published until `menukaart.revisions.publish_revision`.
    """

    measure = models.ForeignKey(
        "menukaart.Measure", verbose_name=_("maatregel"), on_delete=models.CASCADE, related_name="revisions"
    )
    data = models.JSONField(_("voorgestelde inhoud"), default=dict)
    changed_fields = models.JSONField(_("gewijzigde velden"), default=list)
    state = models.CharField(_("status"), max_length=20, choices=RevisionState.choices, default=RevisionState.REVIEW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst bewerkt door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opgesteld op"), default=timezone.now)
    updated_at = models.DateTimeField(_("laatst bewerkt op"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    review_note = models.TextField(_("toelichting bij de beoordeling"), blank=True)

    objects = MeasureRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("revisie van een maatregel")
        verbose_name_plural = _("revisies van maatregelen")
        constraints = [
            # One open draft per measure: a second edit continues it.
            models.UniqueConstraint(
                fields=["measure"], condition=Q(state="review"), name="menukaart_one_open_revision_per_measure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} (#{self.pk})"

    @property
    def authors(self) -> set[int]:
        return {user_id for user_id in (self.created_by_id, self.updated_by_id) if user_id}


class MaterialLinkCheck(models.Model):
    """The last result of following a material's link (menukaart.tasks.check_material_links, weekly)."""

    material = models.OneToOneField(
        "menukaart.Material", verbose_name=_("materiaal"), on_delete=models.CASCADE, related_name="link_check"
    )
    url = models.URLField(_("gecontroleerde link"), max_length=500)
    ok = models.BooleanField(_("werkt"))
    status_code = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    error = models.CharField(_("fout"), max_length=200, blank=True)
    checked_at = models.DateTimeField(_("gecontroleerd op"), default=timezone.now)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = _("linkcontrole")
        verbose_name_plural = _("linkcontroles")

    def __str__(self) -> str:
        return f"{self.material_id}: {'ok' if self.ok else self.error or self.status_code}"
