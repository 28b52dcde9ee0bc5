"""Landing pages per sector, size group and partner: what fits, the published examples, the
networks, how to reach a helpdesk, the editors' text; in the sitemap; constant queries."""

from xml.etree import ElementTree

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import PARTNER_MEDEWERKER
from menukaart.models import ExampleStatus, OrganisationSize, Status
from reach.models import LandingKind, LandingPage, SizeGroup
from tests.accounts.factories import UserFactory
from tests.communities.factories import NetworkFactory
from tests.menukaart.factories import ExampleFactory, MeasureFactory, ThemeFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def catalogue(db):
    theme = ThemeFactory(slug="werving-en-selectie", name="Werving en selectie")
    small = MeasureFactory(slug="vaste-vragenlijst", title="Vaste vragenlijst", size=OrganisationSize.SME, evidence=2)
    large = MeasureFactory(
        slug="diversiteitsbeleid", title="Diversiteitsbeleid", size=OrganisationSize.LARGE, evidence=4
    )
    both = MeasureFactory(slug="buddy", title="Een buddy voor elke nieuwe collega", evidence=1)
    MeasureFactory(slug="concept", title="Nog in concept", status=Status.CONCEPT)
    for measure in (small, large, both):
        measure.themes.set([theme])
    built = ExampleFactory(slug="bouwbedrijf", title="Bouwbedrijf werkt met buddy's", sector="F", size_band="50-249")
    built.measures.add(both)
    ExampleFactory(slug="bank", title="Bank met diversiteitsbeleid", sector="K", size_band="250+")
    ExampleFactory(slug="bouw-concept", title="Bouw nog in moderatie", sector="F", status=ExampleStatus.SUBMITTED)
    return {"theme": theme, "small": small, "large": large, "both": both}


def test_the_index_links_every_sector_size_and_partner(client, catalogue, abu, awvn, ser_dib):
    html = html_of(client, reverse("landing:index"))
    for url in ("/voor/sector/bouw/", "/voor/sector/zorg-en-welzijn/", "/voor/mkb/", "/voor/grote-organisaties/",
                "/voor/partner/abu/", "/voor/partner/awvn/"):  # fmt: skip
        assert f'href="{url}"' in html, url
        html_of(client, url)
    assert "/voor/partner/ser-dib/" not in html


def test_a_sector_page_puts_what_its_employers_did_first_and_shows_its_examples(client, catalogue):
    html = html_of(client, reverse("landing:sector", args=["bouw"]))
    assert "Gelijke kansen in de sector Bouwnijverheid" in html
    assert html.index("Een buddy voor elke nieuwe collega") < html.index("Diversiteitsbeleid")
    assert "Bouwbedrijf werkt met buddy" in html
    assert "Bank met diversiteitsbeleid" not in html and "Bouw nog in moderatie" not in html
    assert "Nog in concept" not in html
    assert 'href="/menukaart/praktijkvoorbeelden/?sector=F"' in html


def test_the_size_pages_show_measures_meant_for_that_size(client, catalogue):
    small = html_of(client, reverse("landing:size", args=["mkb"]))
    assert "Vaste vragenlijst" in small and "Een buddy" in small and "Diversiteitsbeleid" not in small
    assert "Bouwbedrijf werkt met buddy" in small and "Bank met diversiteitsbeleid" not in small
    assert 'href="/menukaart/?omvang=mkb"' in small
    large = html_of(client, reverse("landing:size", args=["grote-organisaties"]))
    assert "Diversiteitsbeleid" in large and "Vaste vragenlijst" not in large
    assert "Bank met diversiteitsbeleid" in large


@pytest.mark.parametrize("url", ["/voor/sector/ruimtevaart/", "/voor/klein/", "/voor/partner/bestaat-niet/",
                                 "/voor/partner/ser-dib/", "/voor/partner/werkgever-bv/"])  # fmt: skip
def test_pages_that_do_not_exist_are_a_404(client, url, ser_dib):
    assert client.get(url).status_code == 404


def test_a_partner_page_shows_its_members_examples_its_networks_and_its_helpdesk(client, catalogue, abu):
    staff = UserFactory(role=PARTNER_MEDEWERKER, organisation=abu)
    ExampleFactory(slug="uitzender", title="Uitzender weigert discriminerend verzoek", submitted_by=staff,
                   submitted_at=timezone.now())  # fmt: skip
    network = NetworkFactory(slug="denktank", name="Denktank uitzendbranche", host_organisation=abu)
    network_example = ExampleFactory(slug="netwerkvoorbeeld", title="Voorbeeld uit de denktank")
    network.examples.add(network_example)
    NetworkFactory(slug="besloten", name="Besloten denktank", host_organisation=abu, is_listed=False)
    NetworkFactory(slug="elders", name="Netwerk van een ander")
    page = LandingPage.objects.create(
        kind=LandingKind.PARTNER, organisation=abu, intro="Eerste alinea.\n\nTweede <b>alinea</b>.",
        contact_intro="Bel ons op werkdagen.", contact_phone="030 123 45 67", contact_email="helpdesk@abu.example",
    )  # fmt: skip
    html = html_of(client, reverse("landing:partner", args=["abu"]))
    assert "ABU en de Werkagenda VIA" in html
    assert "<p>Eerste alinea.</p>" in html and "Tweede &lt;b&gt;alinea&lt;/b&gt;." in html
    assert "Uitzender weigert discriminerend verzoek" in html and "Voorbeeld uit de denktank" in html
    assert "Bouwbedrijf werkt met buddy" not in html
    assert "Denktank uitzendbranche" in html
    assert "Besloten denktank" not in html and "Netwerk van een ander" not in html
    assert "De helpdesk van ABU" in html and 'href="tel:0301234567"' in html and "helpdesk@abu.example" in html
    assert 'href="/helpdesk/vraag/"' in html or reverse("helpdesk:ask") in html
    page.networks.add(NetworkFactory(slug="gekozen", name="Door de redactie gekozen"))
    assert "Door de redactie gekozen" in html_of(client, reverse("landing:partner", args=["abu"]))


def test_editors_choose_the_themes_and_networks_of_a_sector_page(client, catalogue):
    other = ThemeFactory(slug="cultuur", name="Cultuur")
    MeasureFactory(slug="exitgesprek", title="Exitgesprekken", themes=[other])
    chosen = NetworkFactory(slug="bouwnetwerk", name="Bouwnetwerk")
    NetworkFactory(slug="ander", name="Ander netwerk")
    page = LandingPage.objects.create(kind=LandingKind.SECTOR, sector="F", intro="Over de bouw.")
    page.themes.add(other)
    page.networks.add(chosen)
    html = html_of(client, reverse("landing:sector", args=["bouw"]))
    assert "Over de bouw." in html
    assert "Exitgesprekken" in html and "Vaste vragenlijst" not in html
    assert "Bouwnetwerk" in html and "Ander netwerk" not in html


def test_a_landing_page_row_has_exactly_its_own_key(db, abu):
    with pytest.raises(IntegrityError), transaction.atomic():
        LandingPage.objects.create(kind=LandingKind.SECTOR, sector="F", size=SizeGroup.SME)
    with pytest.raises(IntegrityError), transaction.atomic():
        LandingPage.objects.create(kind=LandingKind.PARTNER)
    LandingPage.objects.create(kind=LandingKind.SIZE, size=SizeGroup.SME)
    with pytest.raises(IntegrityError), transaction.atomic():
        LandingPage.objects.create(kind=LandingKind.SIZE, size=SizeGroup.SME)
    page = LandingPage(kind=LandingKind.PARTNER, organisation=abu, sector="F")
    page.full_clean()
    assert page.sector == ""


def test_editors_write_a_landing_page_in_beheer(client, contentbeheerder, werkgever, abu):
    client.force_login(contentbeheerder)
    add = reverse("admin:reach_landingpage_add")
    assert client.get(add).status_code == 200
    data = {"kind": "partner", "organisation": abu.pk, "intro": "Welkom bij de ABU."}
    response = client.post(add, {**data, "contact_intro": "", "contact_phone": "", "contact_email": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    page = LandingPage.objects.get()
    assert page.updated_by == contentbeheerder
    assert "Welkom bij de ABU." in html_of(client, reverse("landing:partner", args=["abu"]))
    client.force_login(werkgever)
    assert client.get(add).status_code in (302, 403)


def test_every_landing_page_is_in_the_sitemap_in_both_languages(client, catalogue, abu):
    LandingPage.objects.create(kind=LandingKind.SECTOR, sector="F", intro="Over de bouw.")
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own sitemap)
    urls = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}
    for path in ("/voor/", "/voor/sector/bouw/", "/en/voor/sector/bouw/", "/voor/mkb/", "/voor/partner/abu/"):
        assert any(loc.endswith(path) for loc in urls), path
    assert next(lastmod for loc, lastmod in urls.items() if loc.endswith("/voor/sector/bouw/"))


def test_a_landing_page_takes_the_same_number_of_queries_with_more_content(client, catalogue, abu):
    url = reverse("landing:partner", args=["abu"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            html_of(client, url)
        return len(queries)

    LandingPage.objects.create(kind=LandingKind.PARTNER, organisation=abu).themes.add(catalogue["theme"])
    staff = UserFactory(role=PARTNER_MEDEWERKER, organisation=abu)

    def add_content(n: int) -> None:
        for i in range(n):
            measure = MeasureFactory(title=f"Extra {i}", themes=[catalogue["theme"]])
            example = ExampleFactory(submitted_by=staff, sector="N")
            example.measures.add(measure)
            example.themes.add(catalogue["theme"])
            NetworkFactory(host_organisation=abu).themes.add(catalogue["theme"])

    add_content(1)  # one of each, so every prefetch runs
    before = count()
    add_content(8)
    assert count() == before


def test_the_demo_writes_a_landing_page_for_every_partner_and_a_short_link_to_the_home_page(client):
    from django.core.management import call_command

    from accounts.models import Organisation
    from accounts.services import load_organisations
    from reach.models import ShortLink

    load_organisations()
    call_command("load_reach_demo", verbosity=0)
    call_command("load_reach_demo", verbosity=0)  # idempotent
    partners = Organisation.objects.partners()
    assert LandingPage.objects.filter(kind=LandingKind.PARTNER).count() == partners.count() == 8
    assert LandingPage.objects.count() == 11
    assert "Werk jij mee, zeg nee" in html_of(client, reverse("landing:partner", args=["abu"]))
    assert "De helpdesk van AWVN" in html_of(client, reverse("landing:partner", args=["awvn"]))
    assert "kleine organisatie" in html_of(client, reverse("landing:size", args=["mkb"]))
    assert client.get("/k/start/")["Location"] == "/"
    assert ShortLink.objects.filter(code="start").count() == 1
