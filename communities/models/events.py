from django.db import models
from django.utils.translation import gettext_lazy as _


class EventQuerySet(models.QuerySet):
    def upcoming(self, *, since=None):
        from django.utils import timezone

        return self.filter(starts_at__gte=since or timezone.now()).order_by("starts_at")


class Event(models.Model):
    """A public date outside the networks: the impact meeting, 21 maart, Diversity Day.

    Maintained by editors in the admin; shown on the public calendar and in the public feed.
    """

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"), null=True, blank=True)
    all_day = models.BooleanField(_("hele dag"), default=False)
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    url = models.URLField(_("meer informatie"), blank=True, max_length=500)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("openbare datum")
        verbose_name_plural = _("openbare datums")

    def __str__(self) -> str:
        return self.title
