from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import AnyUser, User


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: werkgevers vragen zelf om lid te worden")
    INVITATION = "uitnodiging", _("Op uitnodiging: de coördinator nodigt werkgevers uit")


class NetworkStatus(models.TextChoices):
    ACTIVE = "actief", _("Actief")
    ARCHIVED = "gearchiveerd", _("Gearchiveerd (alleen lezen)")


class Region(models.TextChoices):
    NATIONAL = "landelijk", _("Landelijk")
    NORTH = "noord", _("Noord-Nederland")
    EAST = "oost", _("Oost-Nederland")
    SOUTH = "zuid", _("Zuid-Nederland")
    WEST = "west", _("West-Nederland")


class MembershipStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Aangevraagd")
    ACTIVE = "lid", _("Lid")
    DECLINED = "afgewezen", _("Afgewezen")
    LEFT = "vertrokken", _("Vertrokken")


class EmailPreference(models.TextChoices):
    PER_POST = "per_bericht", _("Een e-mail bij elk nieuw bericht")
    WEEKLY = "wekelijks", _("Eén overzicht per week")
    NONE = "geen", _("Geen e-mail")


# First path segments under /doe-netwerken/ that are pages of their own, not networks: a network
# with one of these slugs could never be reached (communities/urls.py lists the fixed paths first).
RESERVED_SLUGS = frozenset(
    {"agenda", "agenda.ics", "mijn-netwerken", "voorstellen", "e-mail-afmelden", "goede-voorbeelden",
     "moderatie", "rolmodellen", "beheer", "nieuw"}
)  # fmt: skip


def validate_network_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Dit adres is al in gebruik door een vaste pagina van de doe-netwerken. Kies een ander."),
            code="reserved",
        )


# Given to editors (moderators) through the role groups (accounts/roles.py); Network.Meta defines it.
MODERATE_PERMISSION = "communities.moderate_network"


class NetworkQuerySet(models.QuerySet["Network"]):
    def active(self) -> Self:
        return self.filter(status=NetworkStatus.ACTIVE)

    def listed(self) -> Self:
        """Networks with a public page (shown to everyone, also without an account)."""
        return self.filter(is_listed=True)

    def _involving(self, user: User) -> Q:
        member = Membership.objects.filter(network=OuterRef("pk"), user=user, status=MembershipStatus.ACTIVE)
        return Q(Exists(member)) | Q(coordinators=user)

    def visible_to(self, user: AnyUser) -> Self:
        """Listed networks for everyone; unlisted ones only for their members, coordinators and editors."""
        if Network.is_editor(user):
            return self.all()
        if not user.is_authenticated:
            return self.listed()
        return self.filter(Q(is_listed=True) | self._involving(user)).distinct()

    def participated_by(self, user: AnyUser) -> Self:
        """Networks whose members-only pages the user may open: member, coordinator or editor."""
        if Network.is_editor(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(self._involving(user)).distinct()

    def managed_by(self, user: AnyUser) -> Self:
        """Networks the user runs: their own as coordinator; every network for editors."""
        if Network.is_editor(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinators=user).distinct()

    def for_list(self) -> Self:
        active = Q(memberships__status=MembershipStatus.ACTIVE)
        return (
            self.select_related("host_organisation")
            .prefetch_related("themes")
            .annotate(member_count=models.Count("memberships", filter=active, distinct=True))
        )


class Network(models.Model):
    """A doe-netwerk: employers who practise proven measures together and learn from each other."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[validate_network_slug])
    name = models.CharField(_("naam"), max_length=150)
    summary = models.CharField(_("samenvatting in één zin"), max_length=300)
    description = models.TextField(_("beschrijving"), max_length=5000)
    themes = models.ManyToManyField("menukaart.Theme", verbose_name=_("thema's"), blank=True, related_name="networks")
    host_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("gastorganisatie"),
        on_delete=models.PROTECT,
        related_name="hosted_networks",
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("coördinatoren"), blank=True, related_name="coordinated_networks"
    )
    region = models.CharField(_("regio"), max_length=20, choices=Region.choices, default=Region.NATIONAL)
    sector_focus = models.CharField(_("sectorfocus"), max_length=120, blank=True)
    target_employers = models.PositiveIntegerField(_("beoogd aantal werkgevers"), null=True, blank=True)
    join_policy = models.CharField(_("lid worden"), max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN)
    is_listed = models.BooleanField(
        _("openbare pagina"),
        default=True,
        help_text=_("Uit: alleen leden, coördinatoren en redacteuren vinden het netwerk."),
    )
    status = models.CharField(_("status"), max_length=20, choices=NetworkStatus.choices, default=NetworkStatus.ACTIVE)
    # Good-practice examples of the menukaart that belong to this network (shown on its page).
    examples = models.ManyToManyField(
        "menukaart.Example", verbose_name=_("praktijkvoorbeelden"), blank=True, related_name="networks"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # The last change to the network itself (open data: ETag and Last-Modified).
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("doe-netwerk")
        verbose_name_plural = _("doe-netwerken")
        permissions = [
            ("moderate_network", _("Alle doe-netwerken modereren (berichten, leden, bronnen)")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:network_detail", kwargs={"slug": self.slug})

    @staticmethod
    def is_editor(user: AnyUser) -> bool:
        """An editor (moderator) holds `communities.moderate_network`: sees, manages and moderates every network."""
        return user.is_authenticated and user.has_perm(MODERATE_PERMISSION)

    @property
    def is_archived(self) -> bool:
        return self.status == NetworkStatus.ARCHIVED


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> Self:
        return self.filter(status=MembershipStatus.ACTIVE)

    def pending(self) -> Self:
        return self.filter(status=MembershipStatus.REQUESTED)

    def for_member_list(self) -> Self:
        return self.select_related("user", "organisation").order_by("organisation__name", "user__last_name")


class Membership(models.Model):
    """An employer's representative in a network. One row per person and network, reused on a new request."""

    network = models.ForeignKey(
        Network, verbose_name=_("netwerk"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="memberships"
    )
    # The employer the person represents, recorded when they ask to join.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_memberships",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED
    )
    motivation = models.TextField(_("waarom wil je meedoen?"), max_length=2000, blank=True)
    decline_reason = models.TextField(_("reden van afwijzing"), max_length=2000, blank=True)
    email_preference = models.CharField(
        _("e-mail over het gesprek"), max_length=20, choices=EmailPreference.choices, default=EmailPreference.WEEKLY
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    left_at = models.DateTimeField(_("vertrokken op"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="communities_membership_once_per_network"),
        ]
        indexes = [models.Index(fields=["network", "status"], name="communities_membership_status")]

    def __str__(self) -> str:
        return f"{self.user} in {self.network}"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE
