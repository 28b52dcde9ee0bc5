"""Short links for print and social media with how often each was opened (no personal data), the
editors' text for the landing pages per sector, size and partner, and the monthly newsletter."""

import secrets
from datetime import datetime
from typing import Self
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Sector

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


class ShortLinkQuerySet(models.QuerySet["ShortLink"]):
    def with_opens(self) -> Self:
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


# --- Landing pages per sector, size and partner ---------------------------------------------------


class LandingKind(models.TextChoices):
    SECTOR = "sector", _("Sector")
    SIZE = "omvang", _("Omvang van de organisatie")
    PARTNER = "partner", _("Partnerorganisatie")


class SizeGroup(models.TextChoices):
    """The size groups of the landing pages, in the menukaart's terms (Measure.size)."""

    SME = "mkb", _("Mkb: tot 250 medewerkers")
    LARGE = "groot", _("Grote organisaties: 250 of meer medewerkers")


PARTNER_KINDS = ("referring_partner", "werkagenda_partner")


# The addresses of the landing pages (their content is reach.landing's). Human slugs for the
# sectors (the letters are the SBI sections). Fixed: they are addresses.
SECTOR_SLUGS = {
    "A": "landbouw-bosbouw-en-visserij",
    "B": "delfstoffenwinning",
    "C": "industrie",
    "D": "energievoorziening",
    "E": "waterbedrijven-en-afvalbeheer",
    "F": "bouw",
    "G": "handel",
    "H": "vervoer-en-opslag",
    "I": "horeca",
    "J": "informatie-en-communicatie",
    "K": "financiele-dienstverlening",
    "L": "onroerend-goed",
    "M": "specialistische-zakelijke-diensten",
    "N": "uitzendbureaus-en-zakelijke-diensten",
    "O": "openbaar-bestuur",
    "P": "onderwijs",
    "Q": "zorg-en-welzijn",
    "R": "cultuur-sport-en-recreatie",
    "S": "overige-dienstverlening",
}
SECTOR_BY_SLUG = {slug: letter for letter, slug in SECTOR_SLUGS.items()}
SIZE_SLUGS: dict[str, str] = {SizeGroup.SME: "mkb", SizeGroup.LARGE: "grote-organisaties"}
SIZE_BY_SLUG = {slug: size for size, slug in SIZE_SLUGS.items()}

assert set(SECTOR_SLUGS) == set(Sector.values)  # noqa: S101  # nosec B101 (a new SBI section needs a slug)


def page_url(kind: str, key: str) -> str:
    """The address of a landing page: kind and key (sector letter, size group or partner slug)."""
    if kind == LandingKind.SECTOR:
        return reverse("landing:sector", kwargs={"slug": SECTOR_SLUGS[key]})
    if kind == LandingKind.SIZE:
        return reverse("landing:size", kwargs={"slug": SIZE_SLUGS[key]})
    return reverse("landing:partner", kwargs={"slug": key})


class LandingPage(models.Model):
    """What the editors write on one landing page: its introduction, the themes that go first, the
    networks to show and, for a partner, how to reach its own helpdesk. A sector, size group or
    partner without a row still has its page, with a general introduction."""

    kind = models.CharField(_("soort pagina"), max_length=10, choices=LandingKind.choices)
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices, blank=True)
    size = models.CharField(_("omvang"), max_length=10, choices=SizeGroup.choices, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("partnerorganisatie"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="landing_pages", limit_choices_to={"kind__in": PARTNER_KINDS},
    )  # fmt: skip
    intro = models.TextField(
        _("inleiding"), max_length=3000, blank=True,
        help_text=_("Gewone tekst; een lege regel begint een nieuwe alinea. Leeg: een algemene inleiding."),
    )  # fmt: skip
    themes = models.ManyToManyField(
        "menukaart.Theme", verbose_name=_("thema's die voorop staan"), blank=True, related_name="+",
        help_text=_("De maatregelen op de pagina komen uit deze thema's. Leeg: alle thema's."),
    )  # fmt: skip
    networks = models.ManyToManyField(
        "communities.Network", verbose_name=_("doe-netwerken"), blank=True, related_name="+",
        help_text=_(
            "Sector en omvang: deze netwerken staan op de pagina (leeg: alle openbare netwerken). "
            "Partner: de netwerken die de partner organiseert staan er altijd op; kies hier netwerken die erbij komen."
        ),
    )  # fmt: skip
    contact_intro = models.TextField(
        _("zo bereik je de helpdesk van de partner"), max_length=1000, blank=True,
        help_text=_("Alleen voor een partner: bijvoorbeeld voor wie de helpdesk is en wanneer hij open is."),
    )  # fmt: skip
    contact_phone = models.CharField(_("telefoon helpdesk"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail helpdesk"), blank=True)
    contact_url = models.URLField(_("webpagina helpdesk"), blank=True, max_length=500)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("bijgewerkt door"),
    )  # fmt: skip

    class Meta:
        ordering = ["kind", "sector", "size", "organisation__name"]
        verbose_name = _("landingspagina")
        verbose_name_plural = _("landingspagina's")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="sector", size="", organisation__isnull=True) & ~Q(sector="")
                    | Q(kind="omvang", sector="", organisation__isnull=True) & ~Q(size="")
                    | Q(kind="partner", sector="", size="", organisation__isnull=False)
                ),
                name="reach_landing_page_has_its_one_key",
            ),
            models.UniqueConstraint(fields=["sector"], condition=Q(kind="sector"), name="reach_landing_one_per_sector"),
            models.UniqueConstraint(fields=["size"], condition=Q(kind="omvang"), name="reach_landing_one_per_size"),
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(kind="partner"), name="reach_landing_one_per_partner"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == LandingKind.SECTOR:
            return f"{self.get_kind_display()}: {self.get_sector_display()}"
        if self.kind == LandingKind.SIZE:
            return f"{self.get_kind_display()}: {self.get_size_display()}"
        return f"{self.get_kind_display()}: {self.organisation}"

    def get_absolute_url(self) -> str:
        return page_url(self.kind, self.sector or self.size or (self.organisation.slug if self.organisation else ""))

    def clean(self) -> None:
        errors = {}
        if self.kind == LandingKind.SECTOR and not self.sector:
            errors["sector"] = _("Kies de sector van deze pagina.")
        if self.kind == LandingKind.SIZE and not self.size:
            errors["size"] = _("Kies de omvang van deze pagina.")
        if self.kind == LandingKind.PARTNER and not self.organisation_id:
            errors["organisation"] = _("Kies de partnerorganisatie van deze pagina.")
        if errors:
            raise ValidationError(errors)
        # Only the key of this kind is kept: a sector chosen on a partner page is dropped.
        if self.kind != LandingKind.SECTOR:
            self.sector = ""
        if self.kind != LandingKind.SIZE:
            self.size = ""
        if self.kind != LandingKind.PARTNER:
            self.organisation = None


# --- The monthly newsletter "Nieuw op de menukaart" -----------------------------------------------


class NewsletterSubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> Self:
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_since(self, moment: datetime) -> Self:
        """Sign-ups never confirmed that were made before `moment` (to be deleted)."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)


class NewsletterSubscriber(models.Model):
    """One address that asked for the monthly e-mail. Personal data: only the address is kept; it
    is deleted when its owner unsubscribes, and an address never confirmed is deleted after
    NEWSLETTER_UNCONFIRMED_DAYS days."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    # SHA-256 of the confirmation link's token; emptied once confirmed.
    confirm_token_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = NewsletterSubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("abonnee nieuwsbrief")
        verbose_name_plural = _("abonnees nieuwsbrief")

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class NewsletterIssue(models.Model):
    """The newsletter of one month: what was new and updated in that month. One per month."""

    month = models.DateField(_("maand"), unique=True, help_text=_("De eerste dag van de maand waarover het gaat."))
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    items = models.PositiveIntegerField(_("aantal onderwerpen"), default=0)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("nieuwsbrief")
        verbose_name_plural = _("nieuwsbrieven")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class NewsletterDelivery(models.Model):
    """That one subscriber's e-mail of one issue is in the outbox: the monthly task is idempotent."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(NewsletterSubscriber, on_delete=models.CASCADE, related_name="deliveries")
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="reach_newsletter_one_delivery_per_issue"),
        ]
        verbose_name = _("verzending nieuwsbrief")
        verbose_name_plural = _("verzendingen nieuwsbrief")

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber_id}"
