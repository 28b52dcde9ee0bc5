"""Short links for print and social media, and how often each was opened (no personal data)."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (l/1, o/0) for printed codes


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def validate_portal_path(value: str) -> None:
    """Only addresses on this portal: a short link must never become an open redirect."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//") or "\\" in value:
        raise ValidationError(
            _("Vul een adres op dit portaal in dat met / begint, bijvoorbeeld /menukaart/?thema=werving."),
            code="not_portal_path",
        )


class ShortLinkQuerySet(models.QuerySet):
    def with_opens(self):
        return self.annotate(opens=Sum("daily_opens__count", default=0))


class ShortLink(models.Model):
    code = models.SlugField(
        _("code"), max_length=40, unique=True, default=new_code,
        help_text=_("Het deel na /k/. Kort en zonder hoofdletters."),
    )  # fmt: skip
    target = models.CharField(
        _("doeladres"), max_length=500, validators=[validate_portal_path],
        help_text=_("Een adres op dit portaal, bijvoorbeeld /menukaart/?thema=werving."),
    )  # fmt: skip
    purpose = models.CharField(
        _("waarvoor"), max_length=200, help_text=_("Bijvoorbeeld: folder Inspectie voorjaar, nieuwsbrief AWVN maart.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("gemaakt door"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    is_active = models.BooleanField(_("actief"), default=True)

    objects = ShortLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("korte link")
        verbose_name_plural = _("korte links")

    def __str__(self) -> str:
        return f"/k/{self.code}/ → {self.target}"

    def get_absolute_url(self) -> str:
        return reverse("reach:short_link", args=[self.code])

    @property
    def public_url(self) -> str:
        return settings.PORTAL_BASE_URL.rstrip("/") + self.get_absolute_url()


class ShortLinkDailyOpens(models.Model):
    """Opens per link per day: a counter, nothing about who opened it."""

    link = models.ForeignKey(ShortLink, on_delete=models.CASCADE, related_name="daily_opens")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "day"], name="reach_opens_one_row_per_day")]
        verbose_name = _("openingen per dag")
        verbose_name_plural = _("openingen per dag")

    def __str__(self) -> str:
        return f"{self.link_id} {self.day}: {self.count}"

    @classmethod
    def record(cls, link: ShortLink) -> None:
        day = timezone.localdate()
        updated = cls.objects.filter(link=link, day=day).update(count=F("count") + 1)
        if not updated:
            _row, created = cls.objects.get_or_create(link=link, day=day, defaults={"count": 1})
            if not created:
                cls.objects.filter(link=link, day=day).update(count=F("count") + 1)
