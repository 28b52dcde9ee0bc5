from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models.networks import Network


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, *, since=None):
        return self.filter(starts_at__gte=since or timezone.now(), cancelled_at__isnull=True).order_by("starts_at")

    def past(self, *, before=None):
        return self.filter(starts_at__lt=before or timezone.now()).order_by("-starts_at")

    def public(self):
        """Meetings announced to everyone: public meetings of listed networks."""
        return self.filter(is_public=True, network__is_listed=True)

    def visible_to(self, user):
        """Public meetings for everyone; all meetings of the networks the user takes part in."""
        return self.filter(
            Q(is_public=True, network__is_listed=True) | Q(network__in=Network.objects.participated_by(user))
        )

    def for_list(self):
        return self.select_related("network").annotate(registration_count=Count("registrations", distinct=True))


class Meeting(models.Model):
    """A meeting (bijeenkomst) of a network: announced with an agenda, afterwards minutes and lessons."""

    network = models.ForeignKey(Network, verbose_name=_("netwerk"), on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    online_url = models.URLField(_("link voor online deelname"), blank=True, max_length=500)
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True)
    capacity = models.PositiveIntegerField(
        _("maximum aantal deelnemers"), null=True, blank=True, help_text=_("Leeg: geen maximum.")
    )
    is_public = models.BooleanField(
        _("openbaar aangekondigd"),
        default=False,
        help_text=_(
            "Aan: de bijeenkomst staat op de openbare pagina en in de openbare agenda. Aanmelden blijft voor leden."
        ),
    )
    # Written afterwards; always members-only.
    minutes = models.TextField(_("verslag"), max_length=20000, blank=True)
    minutes_added_at = models.DateTimeField(_("verslag toegevoegd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgelast op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="communities_meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("communities:meeting_detail", kwargs={"slug": self.network.slug, "pk": self.pk})

    @property
    def has_passed(self) -> bool:
        return self.starts_at < timezone.now()


class MeetingRegistration(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="meeting_registrations",
    )
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="communities_registration_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.meeting}"


class LessonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def visible_to(self, user):
        return self.filter(
            Q(published_at__isnull=False, network__is_listed=True)
            | Q(network__in=Network.objects.participated_by(user))
        )


class Lesson(models.Model):
    """A lesson learned (geleerde les) at a meeting. Members see it; the coordinator may publish it."""

    network = models.ForeignKey(Network, verbose_name=_("netwerk"), on_delete=models.CASCADE, related_name="lessons")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("bijeenkomst"), on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("wat we leerden"), max_length=5000)
    published_at = models.DateTimeField(_("openbaar sinds"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("geleerde les")
        verbose_name_plural = _("geleerde lessen")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
