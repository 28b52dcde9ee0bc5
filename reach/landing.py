"""Landing pages per sector (SBI section), size group (mkb, large) and Werkagenda partner: what fits,
the published examples, the networks and how to reach a helpdesk, with the editors' introduction
(reach.models.LandingPage). Every sector, both size groups and every partner organisation has a
page; an editor's row only adds text, themes, networks and contact details.

What fits follows the self-scan (menukaart.selfscan.recommend): a measure fits a size when it is
meant for it (size_fit), and for a sector the measures with a published example from that sector
go first. Each list is one query (plus its prefetches), whatever the size of the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from communities.models import Network, NetworkStatus
from core.choices import Sector, SizeBand
from menukaart.models import Example, Measure
from menukaart.selfscan import size_fit
from reach.models import SECTOR_SLUGS, SIZE_SLUGS, LandingKind, LandingPage, SizeGroup, page_url

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MEASURES_SHOWN = 9
EXAMPLES_SHOWN = 6

# The employee counts (core.choices.SizeBand, as on examples and profiles) in each size group.
SIZE_BANDS = {
    SizeGroup.SME: [SizeBand.S1_9, SizeBand.S10_49, SizeBand.S50_249],
    SizeGroup.LARGE: [SizeBand.S250],
}
# The self-scan's size fit for a size group (one band of the group stands for all of it).
SIZE_FIT_BAND = {SizeGroup.SME: SizeBand.S50_249, SizeGroup.LARGE: SizeBand.S250}


@dataclass
class Landing:
    """Everything one landing page shows."""

    kind: str
    key: str
    title: StrOrPromise
    lead: StrOrPromise
    page: LandingPage | None
    partner: Organisation | None = None
    measures: list = field(default_factory=list)
    examples: list = field(default_factory=list)
    networks: list = field(default_factory=list)
    catalogue_url: str = ""
    examples_url: str = ""

    @property
    def url(self) -> str:
        return page_url(self.kind, self.key)

    @property
    def intro_paragraphs(self) -> list[str]:
        text = self.page.intro if self.page else ""
        return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def _editorial(kind: str, **key) -> LandingPage | None:
    return LandingPage.objects.filter(kind=kind, **key).prefetch_related("themes").first()


def _measures(page: LandingPage | None, *, sizes=None, sector: str = "", prefer=None) -> list:
    """Published measures that fit, best first: those applied in the sector's (or the partner's)
    published examples, then stronger evidence, then the newest."""
    measures = Measure.objects.published().for_catalogue()
    if sizes is not None:
        measures = measures.filter(size__in=sizes)
    themes = list(page.themes.all()) if page else []
    if themes:
        measures = measures.filter(pk__in=Measure.objects.filter(themes__in=themes).values("pk"))
    if sector:
        prefer = Q(examples__status="published", examples__sector=sector)
    if prefer is not None:
        measures = measures.annotate(fits=Count("examples", filter=prefer, distinct=True))
        order = ["-fits", "-evidence", "-published_at", "title"]
    else:
        order = ["-evidence", "-published_at", "title"]
    return list(measures.order_by(*order)[:MEASURES_SHOWN])


def _networks(page: LandingPage | None, *, hosted_by: Organisation | None = None) -> list:
    networks = Network.objects.listed().filter(status=NetworkStatus.ACTIVE)
    chosen = list(page.networks.values_list("pk", flat=True)) if page else []
    if hosted_by is not None:
        networks = networks.filter(Q(host_organisation=hosted_by) | Q(pk__in=chosen))
    elif chosen:
        networks = networks.filter(pk__in=chosen)
    return list(networks.for_list().order_by("name"))


def _examples(condition: Q) -> list:
    examples = Example.objects.published().filter(condition).for_list()
    return list(examples.order_by("-published_at", "title")[:EXAMPLES_SHOWN])


def sector_landing(letter: str) -> Landing:
    page = _editorial(LandingKind.SECTOR, sector=letter)
    name = Sector(letter).label
    return Landing(
        kind=LandingKind.SECTOR,
        key=letter,
        title=_("Gelijke kansen in de sector %(sector)s") % {"sector": name},
        lead=_(
            "Maatregelen die werken in %(sector)s, voorbeelden van werkgevers uit de sector, doe-netwerken en "
            "hulp bij je vragen."
        )
        % {"sector": name.lower()},
        page=page,
        measures=_measures(page, sector=letter),
        examples=_examples(Q(sector=letter)),
        networks=_networks(page),
        examples_url=reverse("menukaart:example_list") + f"?sector={letter}",
        catalogue_url=reverse("menukaart:index"),
    )


def size_landing(size: str) -> Landing:
    page = _editorial(LandingKind.SIZE, size=size)
    group = SizeGroup(size)
    if group == SizeGroup.SME:
        title = _("Gelijke kansen in het mkb")
        lead = _(
            "Je hebt geen HR-afdeling nodig om te beginnen. Maatregelen die passen bij een kleinere organisatie, "
            "voorbeelden van andere mkb-werkgevers, doe-netwerken en hulp bij je vragen."
        )
    else:
        title = _("Gelijke kansen in grote organisaties")
        lead = _(
            "Maatregelen voor organisaties met 250 of meer medewerkers, voorbeelden van andere grote werkgevers, "
            "doe-netwerken en hulp bij je vragen."
        )
    return Landing(
        kind=LandingKind.SIZE,
        key=size,
        title=title,
        lead=lead,
        page=page,
        measures=_measures(page, sizes=size_fit(SIZE_FIT_BAND[group])),
        examples=_examples(Q(size_band__in=SIZE_BANDS[group])),
        networks=_networks(page),
        catalogue_url=reverse("menukaart:index") + f"?omvang={size}",
        # The examples list filters one employee count at a time: the large group is exactly one.
        examples_url=reverse("menukaart:example_list")
        + (f"?{urlencode({'omvang': SizeBand.S250})}" if group == SizeGroup.LARGE else ""),
    )


def partner_landing(partner: Organisation) -> Landing:
    page = _editorial(LandingKind.PARTNER, organisation=partner)
    # Their members' examples: sent in by the partner's own people (partner staff send in their
    # members' stories), or belonging to a network the partner hosts.
    members = Q(submitted_by__organisation=partner) | Q(networks__host_organisation=partner)
    examples = Example.objects.published().filter(pk__in=Example.objects.filter(members).values("pk"))
    name = partner.short_name or partner.name
    return Landing(
        kind=LandingKind.PARTNER,
        key=partner.slug,
        title=_("%(partner)s en de Werkagenda VIA") % {"partner": name},
        lead=_(
            "Wat %(partner)s en de leden doen voor gelijke kansen op het werk: maatregelen die passen, "
            "voorbeelden van leden, doe-netwerken en hoe je de helpdesk bereikt."
        )
        % {"partner": name},
        page=page,
        partner=partner,
        measures=_measures(page, prefer=Q(examples__in=examples.values("pk"))),
        examples=list(examples.for_list().order_by("-published_at", "title")[:EXAMPLES_SHOWN]),
        networks=_networks(page, hosted_by=partner),
        catalogue_url=reverse("menukaart:index"),
        examples_url=reverse("menukaart:example_list"),
    )


def index_entries() -> dict:
    """The index page's links: every sector, both size groups and every partner."""
    return {
        "sectors": [(SECTOR_SLUGS[letter], label) for letter, label in Sector.choices],
        "sizes": [(SIZE_SLUGS[size], label) for size, label in SizeGroup.choices],
        "partners": list(Organisation.objects.partners().order_by("name")),
    }


def all_pages() -> list[tuple[LandingKind, str]]:
    """(kind, key) of every landing page, for the sitemap."""
    return (
        [(LandingKind.SECTOR, letter) for letter in Sector.values]
        + [(LandingKind.SIZE, size) for size in SizeGroup.values]
        + [(LandingKind.PARTNER, slug) for slug in Organisation.objects.partners().values_list("slug", flat=True)]
    )
