from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    CENTRAL_HELPDESK = "central_helpdesk", _("Centrale helpdesk (SER/DiB)")
    REFERRING_PARTNER = "referring_partner", _("Doorverwijzende partner")
    WERKAGENDA_PARTNER = "werkagenda_partner", _("Andere Werkagenda-partner")
    EMPLOYER = "employer", _("Werkgever")


# Shared by the helpdesk (the employer of a question) and the employer's profile (the self-scan).
class SizeBand(models.TextChoices):
    S1_9 = "1-9", _("1 tot 10 medewerkers")
    S10_49 = "10-49", _("10 tot 50 medewerkers")
    S50_249 = "50-249", _("50 tot 250 medewerkers")
    S250 = "250+", _("250 of meer medewerkers")


class Sector(models.TextChoices):
    """The sections of the Standaard Bedrijfsindeling (SBI, CBS)."""

    A = "A", _("A Landbouw, bosbouw en visserij")
    B = "B", _("B Delfstoffenwinning")
    C = "C", _("C Industrie")
    D = "D", _("D Energievoorziening")
    E = "E", _("E Waterbedrijven en afvalbeheer")
    F = "F", _("F Bouwnijverheid")
    G = "G", _("G Handel")
    H = "H", _("H Vervoer en opslag")
    I = "I", _("I Logies-, maaltijd- en drankverstrekking")  # noqa: E741
    J = "J", _("J Informatie en communicatie")
    K = "K", _("K Financiële dienstverlening")
    L = "L", _("L Verhuur van en handel in onroerend goed")
    M = "M", _("M Specialistische zakelijke diensten")
    N = "N", _("N Verhuur en overige zakelijke diensten (o.a. uitzendbureaus)")
    O = "O", _("O Openbaar bestuur en overheidsdiensten")  # noqa: E741
    P = "P", _("P Onderwijs")
    Q = "Q", _("Q Gezondheids- en welzijnszorg")
    R = "R", _("R Cultuur, sport en recreatie")
    S = "S", _("S Overige dienstverlening")


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
