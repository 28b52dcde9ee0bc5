"""Demo content of the reach app for `make run` (load_demo): the editors' text on a landing page for
every Werkagenda partner, for the mkb and for two sectors, and a short link to the home page (with
its QR code in Beheer). The partners' roles come from the Werkagenda VIA (2021): ABU's "Werk jij
mee, zeg nee", AWVN's networks with toolkits and menukaarten, VNO-NCW making the subject findable
for its members, the Inspectorate's folders. Contact details are the partners' own websites; no
telephone numbers are made up.

Idempotent: rows are matched by their page and updated.
"""

from typing import Any

from django.db import transaction

from accounts.models import Organisation
from communities.models import Network
from menukaart.models import Example, Theme
from reach.models import LandingKind, LandingPage, ShortLink, SizeGroup

PARTNER_PAGES: dict[str, dict[str, Any]] = {
    "abu": {
        "intro": (
            "De ABU is de brancheorganisatie van uitzendbureaus. Met de campagne 'Werk jij mee, zeg nee' leren "
            "uitzendkrachten en intercedenten discriminerende verzoeken van opdrachtgevers te herkennen en te "
            "weigeren.\n\nOp deze pagina vind je wat uitzendbureaus kunnen doen, voorbeelden van leden en de "
            "Denktank Diversiteit uitzendbranche."
        ),
        "contact_intro": "Leden van de ABU kunnen met vragen over discriminatie en gelijke kansen terecht bij de ABU. "
        "Met je toestemming stuurt de ABU je vraag door naar de helpdesk van SER Diversiteit in Bedrijf.",
        "themes": ["werving-en-selectie"],
    },
    "awvn": {
        "intro": (
            "AWVN is de werkgeversvereniging voor goed werkgeverschap. AWVN biedt haar leden netwerken, toolkits en "
            "menukaarten om objectief te werven en selecteren en een inclusieve werkcultuur op te bouwen.\n\n"
            "Hieronder de maatregelen die daarbij passen, voorbeelden van leden en het doe-netwerk Objectief werven "
            "en selecteren."
        ),
        "contact_intro": "Leden van AWVN stellen hun vraag aan hun eigen adviseur van AWVN. Met je toestemming stuurt "
        "AWVN je vraag door naar de helpdesk van SER Diversiteit in Bedrijf.",
        "themes": ["werving-en-selectie"],
    },
    "nbbu": {
        "intro": (
            "De NBBU is de brancheorganisatie van intermediairs en uitzendbureaus. De NBBU helpt haar leden om "
            "opdrachtgevers die vragen om te discrimineren het goede antwoord te geven, en om zelf objectief te "
            "selecteren."
        ),
        "contact_intro": "Leden van de NBBU kunnen met hun vraag terecht bij de NBBU. Met je toestemming stuurt de "
        "NBBU je vraag door naar de helpdesk van SER Diversiteit in Bedrijf.",
        "themes": ["werving-en-selectie"],
    },
    "vno-ncw": {
        "intro": (
            "VNO-NCW maakt gelijke kansen beter vindbaar voor haar leden, met aandacht voor objectief werven en "
            "selecteren, en laat goede voorbeelden van leden zien.\n\nBen je lid? Deel wat jouw organisatie doet, "
            "zodat andere werkgevers ervan leren."
        ),
        "contact_intro": "Leden van VNO-NCW kunnen met hun vraag terecht bij VNO-NCW. Met je toestemming stuurt "
        "VNO-NCW je vraag door naar de helpdesk van SER Diversiteit in Bedrijf.",
        "themes": [],
    },
    "fnv": {
        "intro": (
            "De FNV zet zich in voor gelijke kansen op de werkvloer en ondersteunt ondernemingsraden en "
            "medewerkersnetwerken die daarmee aan de slag gaan."
        ),
        "themes": [],
    },
    "randstad": {
        "intro": "Randstad is partner in de Werkagenda VIA en deelt als werkgever en intermediair wat werkt.",
        "themes": ["werving-en-selectie"],
    },
    "inspectie-szw": {
        "intro": (
            "De Nederlandse Arbeidsinspectie ziet toe op beleid tegen discriminatie bij werving en selectie. In haar "
            "folders staat een korte link naar dit portaal: hier vind je de maatregelen die daarbij helpen."
        ),
        "themes": ["werving-en-selectie"],
    },
    "ministerie-szw": {
        "intro": (
            "Het ministerie van Sociale Zaken en Werkgelegenheid is partner in de Werkagenda VIA en ondersteunt "
            "werkgevers met het actieplan arbeidsmarktdiscriminatie."
        ),
        "themes": [],
    },
}

OTHER_PAGES: list[tuple[dict[str, Any], str]] = [
    (
        {"kind": LandingKind.SIZE, "size": SizeGroup.SME},
        "In een kleine organisatie kun je snel iets veranderen: je kent iedereen en de lijnen zijn kort. Begin "
        "met één of twee maatregelen die weinig tijd kosten, zoals een vaste vragenlijst in sollicitatiegesprekken "
        "of een buddy voor elke nieuwe collega.",
    ),
    (
        {"kind": LandingKind.SECTOR, "sector": "F"},
        "In de bouw is het personeelstekort groot. Wie objectief werft en nieuwe collega's goed begeleidt, vindt en "
        "houdt meer vakmensen. Lees hoe andere bouwbedrijven dat aanpakken.",
    ),
    (
        {"kind": LandingKind.SECTOR, "sector": "N"},
        "Uitzendbureaus staan tussen opdrachtgever en werkzoekende. Een discriminerend verzoek van een opdrachtgever "
        "weiger je; de brancheorganisaties ABU en NBBU helpen daarbij.",
    ),
]


@transaction.atomic
def load_demo() -> int:
    """Create or update the demo landing pages and short link. Returns the number of landing pages."""
    count = 0
    for slug, content in PARTNER_PAGES.items():
        partner = Organisation.objects.partners().filter(slug=slug).first()
        if partner is None:
            continue
        page, _created = LandingPage.objects.update_or_create(
            kind=LandingKind.PARTNER,
            organisation=partner,
            defaults={
                "intro": content["intro"],
                "contact_intro": content.get("contact_intro", ""),
                "contact_url": partner.website if content.get("contact_intro") else "",
            },
        )
        page.themes.set(Theme.objects.filter(slug__in=content["themes"]))
        count += 1
    for key, intro in OTHER_PAGES:
        LandingPage.objects.update_or_create(**key, defaults={"intro": intro})
        count += 1
    sector_n = LandingPage.objects.get(kind=LandingKind.SECTOR, sector="N")
    sector_n.networks.set(Network.objects.filter(host_organisation__slug="abu"))
    # The ABU's example from the source documents belongs with the ABU's own network.
    abu_example = Example.objects.published().filter(slug="abu-selecteren-zonder-vooroordelen").first()
    if abu_example is not None:
        for network in Network.objects.filter(host_organisation__slug="abu"):
            network.examples.add(abu_example)
    ShortLink.objects.update_or_create(
        code="start",
        defaults={"target": "/", "purpose": "Folder Nederlandse Arbeidsinspectie (demo)", "is_active": True},
    )
    ShortLink.objects.update_or_create(
        code="mkb",
        defaults={"target": "/voor/mkb/", "purpose": "Nieuwsbrief VNO-NCW, rubriek mkb (demo)", "is_active": True},
    )
    return count
