"""The Werkagenda VIA partners behind the portal, for the "Wie zitten erachter" page.

Each with its role in this portal in our own words, and its public site as a plain link (nothing
is loaded from those sites: no logos, no scripts).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Partner:
    abbreviation: str
    name: str
    role: Promise
    website: str

    @property
    def shows_abbreviation(self) -> bool:
        """Show "Algemene Bond Uitzendondernemingen (ABU)", but not "AWVN (AWVN)"."""
        return self.abbreviation not in self.name

    @property
    def domain(self) -> str:
        """The site's address as people read it: "www.abu.nl"."""
        return urlsplit(self.website).netloc


# The partner that runs the helpdesk and the portal's content.
CENTRAL = Partner(
    "SER/DiB",
    "SER Diversiteit in Bedrijf",
    _(
        "Het netwerk voor diversiteit en inclusie van de Sociaal-Economische Raad (SER). De adviseurs "
        "beantwoorden de vragen van werkgevers in de helpdesk, de redactie houdt de menukaart bij en "
        "SER Diversiteit in Bedrijf beheert het portaal."
    ),
    "https://www.ser.nl/nl/thema/diversiteitinbedrijf",
)

# Employers' organisations whose helpdesks refer their members' questions through the portal.
REFERRING = [
    Partner(
        "ABU",
        "Algemene Bond Uitzendondernemingen",
        _(
            "De brancheorganisatie van uitzendbureaus. De helpdesk van de ABU kan vragen van leden "
            "doorsturen naar de adviseurs van SER Diversiteit in Bedrijf."
        ),
        "https://www.abu.nl",
    ),
    Partner(
        "AWVN",
        "AWVN",
        _(
            "De werkgeversvereniging voor goed werkgeverschap. De adviseurs van AWVN kunnen vragen van "
            "leden doorsturen naar de adviseurs van SER Diversiteit in Bedrijf."
        ),
        "https://www.awvn.nl",
    ),
    Partner(
        "NBBU",
        "Nederlandse Bond van Bemiddelings- en Uitzendondernemingen",
        _(
            "De brancheorganisatie van intermediairs en uitzendondernemingen. De helpdesk van de NBBU kan "
            "vragen van leden doorsturen naar de adviseurs van SER Diversiteit in Bedrijf."
        ),
        "https://www.nbbu.nl",
    ),
    Partner(
        "VNO-NCW",
        "VNO-NCW",
        _(
            "De grootste werkgeversorganisatie van Nederland. VNO-NCW kan vragen van leden doorsturen "
            "naar de adviseurs van SER Diversiteit in Bedrijf."
        ),
        "https://www.vno-ncw.nl",
    ),
]

# The other partners in the Werkagenda VIA.
OTHERS = [
    Partner(
        "FNV",
        "FNV",
        _(
            "De grootste vakbond van Nederland. De FNV brengt de kijk van werknemers in als de partners "
            "bespreken wat werkgevers vragen en wat nog ontbreekt."
        ),
        "https://www.fnv.nl",
    ),
    Partner(
        "Randstad",
        "Randstad",
        _(
            "Een groot uitzendbureau. Randstad brengt ervaring in met werven en selecteren, als de "
            "partners bespreken wat werkgevers vragen en wat nog ontbreekt."
        ),
        "https://www.randstad.nl",
    ),
    Partner(
        "Arbeidsinspectie",
        "Nederlandse Arbeidsinspectie",
        _(
            "Houdt toezicht op eerlijk, gezond en veilig werk, ook op discriminatie bij werving en selectie. "
            "In de Werkagenda VIA helpt de Arbeidsinspectie werkgevers op weg. Ze ziet geen vragen of "
            "gegevens van werkgevers uit dit portaal."
        ),
        "https://www.nlarbeidsinspectie.nl",
    ),
    Partner(
        "SZW",
        "Ministerie van Sociale Zaken en Werkgelegenheid",
        _(
            "Het ministerie maakte de afspraken van de Werkagenda VIA samen met de andere partners. Over "
            "het portaal krijgt het alleen cijfers zonder namen, in de impactrapportage."
        ),
        "https://www.rijksoverheid.nl/ministeries/ministerie-van-sociale-zaken-en-werkgelegenheid",
    ),
]
