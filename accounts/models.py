from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import Sector, SizeBand


class OrganisationKind(models.TextChoices):
    CENTRAL_HELPDESK = "central_helpdesk", _("Centrale helpdesk (SER/DiB)")
    REFERRING_PARTNER = "referring_partner", _("Doorverwijzende partner")
    WERKAGENDA_PARTNER = "werkagenda_partner", _("Andere Werkagenda-partner")
    EMPLOYER = "employer", _("Werkgever")


class OrganisationQuerySet(models.QuerySet):
    def referring_partners(self):
        return self.filter(kind=OrganisationKind.REFERRING_PARTNER)

    def employers(self):
        return self.filter(kind=OrganisationKind.EMPLOYER)


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    # An employer's profile: used to fit the self-scan's recommendations to the organisation.
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices, blank=True)
    size_band = models.CharField(_("aantal medewerkers"), max_length=10, choices=SizeBand.choices, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_referring_partner(self) -> bool:
        return self.kind == OrganisationKind.REFERRING_PARTNER

    @property
    def is_central_helpdesk(self) -> bool:
        return self.kind == OrganisationKind.CENTRAL_HELPDESK


class User(AbstractUser):
    """A person with an account. Every account but a superuser's belongs to an organisation."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    # When the account was last warned that it will be deleted for inactivity (accounts.retention);
    # a warning counts only for the inactive period it was sent in: a log-in starts a new one.
    inactivity_warned_at = models.DateTimeField(_("gewaarschuwd voor verwijderen"), null=True, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, role: str) -> bool:
        return any(group.name == role for group in self.groups.all())

    @property
    def role_names(self) -> list[str]:
        return sorted(group.name for group in self.groups.all())
