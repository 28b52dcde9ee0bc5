"""Search quality on the real Dutch content: for each realistic query, the measure that must be in the top 3.

Runs on PostgreSQL (dutch stemming, weighted stored vector) against fixtures/menukaart, through the
same FilterSet and ordering as the catalogue page. When the content changes, keep the queries
realistic: change the expected measure only if a better one now answers the question.
"""

import pytest

from menukaart.filters import MeasureFilter
from menukaart.models import Measure

QUERIES = [
    ("commitment van de directie", "zorg-voor-commitment-van-de-top"),
    ("steun van de top", "zorg-voor-commitment-van-de-top"),
    ("eindverantwoordelijke voor diversiteit", "stel-een-hoofdverantwoordelijke-aan"),
    ("D&I officer aanstellen", "stel-een-hoofdverantwoordelijke-aan"),
    ("ambassadeurs", "zet-ambassadeurs-in"),
    ("plan van aanpak", "maak-een-plan-van-aanpak"),
    ("voortgang meten en borgen", "borg-en-monitor-de-aanpak"),
    ("beleid samen met medewerkers maken", "maak-beleid-samen-met-medewerkers"),
    ("projectgroep", "stel-een-projectgroep-samen"),
    ("beginsituatie", "breng-de-beginsituatie-in-kaart"),
    ("streefcijfers", "formuleer-doelen-en-streefcijfers"),
    ("charter diversiteit ondertekenen", "onderteken-het-charter-diversiteit"),
    ("weerstand", "ga-bewust-om-met-weerstand"),
    ("ondernemingsraad", "werk-samen-met-de-ondernemingsraad"),
    ("objectief selecteren", "werf-en-selecteer-objectief"),
    ("wervingskanalen", "zoek-nieuwe-wervingskanalen"),
    ("kerncijfers diversiteit", "meet-diversiteit-en-inclusie"),
    ("functioneringsgesprekken", "verbeter-functioneringsgesprekken"),
    ("vertrouwenspersoon", "professionaliseer-klachtenregeling-en-vertrouwenspersoon"),
    ("klachtenregeling", "professionaliseer-klachtenregeling-en-vertrouwenspersoon"),
    ("vlootschouw", "vlootschouw-met-oog-voor-diversiteit"),
    ("exitgesprek", "vraag-naar-inclusie-in-exitgesprekken"),
    ("gesprek met vertrekkende medewerkers", "vraag-naar-inclusie-in-exitgesprekken"),
    ("gelijke kans op promotie", "maak-doorstroom-transparant"),
    ("carrièreprogramma", "start-een-carriereprogramma"),
    ("bewustwordingstraining", "geef-trainingen-met-opvolging"),
    ("gelijke beloning", "check-gelijke-beloning"),
    ("discriminatie in de RI&E", "neem-discriminatie-op-in-de-rie"),
    ("inclusieve leidinggevenden selecteren", "selecteer-inclusieve-leidinggevenden"),
    ("inclusief leiderschap", "veranker-inclusief-leiderschap"),
    ("dialooggesprekken met het management", "organiseer-open-dialooggesprekken"),
    ("inwerkprogramma", "maak-onboarding-inclusief"),
    ("buddy", "zet-buddys-in"),
    ("mentorprogramma", "start-een-mentorprogramma"),
    ("ongewenst gedrag", "hanteer-zero-tolerance-voor-ongewenst-gedrag"),
    ("medewerkersnetwerken", "faciliteer-medewerkersnetwerken"),
    ("rolmodellen", "maak-rolmodellen-zichtbaar"),
    ("diversiteitskalender", "gebruik-een-diversiteitskalender"),
    ("doe-netwerk van werkgevers", "sluit-aan-bij-een-doe-netwerk"),
    ("leidinggevenden", "selecteer-inclusieve-leidinggevenden"),
    ("collega's met elkaar in contact brengen", "bevorder-contact-en-dialoog-in-teams"),
    ("eerst intern communiceren", "communiceer-eerst-intern"),
    ("goede voorbeeld geven directeur", "laat-de-top-het-goede-voorbeeld-geven"),
]


def test_there_are_at_least_thirty_queries():
    assert len(QUERIES) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query for query, _slug in QUERIES])
def test_expected_measure_is_in_the_top_three(shared_catalogue, db, query, expected):
    assert Measure.objects.published().filter(slug=expected).exists(), f"fixture lacks {expected}"
    filterset = MeasureFilter({"q": query}, queryset=Measure.objects.published().for_catalogue())
    assert filterset.is_valid(), filterset.errors
    top = [measure.slug for measure in filterset.qs[:3]]
    assert expected in top, f"{query!r}: {expected} not in top 3 {top}"
