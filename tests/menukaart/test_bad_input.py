"""Bad input on any menukaart address gives a 4xx (with a Dutch message where there is a page), never a 500."""

import pytest
from django.urls import reverse

from menukaart.models import Status
from tests.menukaart.factories import MeasureFactory

pytestmark = pytest.mark.django_db

URL = reverse("menukaart:index")


@pytest.fixture
def measure():
    return MeasureFactory(slug="bestaande-maatregel")


@pytest.mark.parametrize(
    ("url_name", "kwargs"),
    [
        ("menukaart:measure_detail", {"slug": "bestaat-niet"}),
        ("menukaart:example_detail", {"slug": "bestaat-niet"}),
        ("menukaart:material_link", {"slug": "bestaat-niet"}),
        ("menukaart:shared_plan", {"token": "bestaat-niet"}),
    ],
)
def test_unknown_slugs_and_tampered_share_tokens_are_a_dutch_404(client, measure, url_name, kwargs):
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode() or "niet gevonden" in response.content.decode()


@pytest.mark.parametrize("token", ["x" * 500, "' OR 1=1 --", "%00", "..%2F..%2Fbeheer"])
def test_malformed_share_tokens_are_a_dutch_404(client, token):
    response = client.get(f"/menukaart/gedeeld/{token}/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_a_revoked_or_replaced_share_token_no_longer_works(client, measure):
    client.post(reverse("menukaart:plan_add", args=[measure.slug]))
    client.post(reverse("menukaart:plan_share"))
    first = client.get(reverse("menukaart:plan")).context["share_url"]
    assert client.get(first).status_code == 200
    client.post(reverse("menukaart:plan_share"))
    assert client.get(first).status_code == 404
    second = client.get(reverse("menukaart:plan")).context["share_url"]
    client.post(reverse("menukaart:plan_unshare"))
    assert client.get(second).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"niveau": ["hr", "bestaat-niet"], "thema": "behoud", "q": "x" * 300},
        {"bewijs": ["3", "x"], "omvang": "reus", "sorteer": "title"},
        {"materiaal": "virus", "stap": "", "kosten": ["laag", "gratis"]},
        {"q": "\x00", "pagina": "2"},
        {"bewijs": "99999999999999999999999"},
    ],
)
def test_bad_filters_combined_are_one_400_with_the_problems_in_dutch(client, measure, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Deze zoekopdracht kunnen we niet uitvoeren" in body
    assert 'role="alert"' in body


@pytest.mark.parametrize("page", ["99", "abc", "0", "-1", "1.5", "9" * 30, ""])
def test_bad_page_numbers_never_break_the_catalogue(client, measure, page):
    response = client.get(URL, {"pagina": page, "niveau": "bestaat-niet" if page == "abc" else []})
    assert response.status_code in {200, 400, 404}
    if page == "":
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("menukaart:index", []),
        ("menukaart:measure_detail", ["bestaande-maatregel"]),
        ("menukaart:levels", []),
        ("menukaart:phases", []),
        ("menukaart:evidence_scale", []),
        ("menukaart:material_list", []),
        ("menukaart:initiative_list", []),
        ("menukaart:example_list", []),
        ("menukaart:plan_csv", []),
        ("menukaart:plan_pdf", []),
        ("menukaart:shared_plan", ["token"]),
    ],
)
def test_post_to_read_only_pages_is_405(client, measure, url_name, args):
    response = client.post(reverse(url_name, args=args))
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert "Deze pagina kun je alleen bekijken" in response.content.decode()


@pytest.mark.parametrize("url_name", ["menukaart:plan_add", "menukaart:plan_remove"])
def test_get_to_changing_addresses_is_405(client, measure, url_name):
    response = client.get(reverse(url_name, args=[measure.slug]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Dit adres werkt alleen met een knop op de site" in response.content.decode()


def test_plan_page_accepts_get_and_post_only(client):
    response = client.put(reverse("menukaart:plan"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert "Dit kan zo niet" in response.content.decode()


@pytest.mark.parametrize("url_name", ["menukaart:plan_add", "menukaart:plan_remove"])
def test_plan_changes_for_unknown_or_unpublished_measures_are_404(client, url_name):
    MeasureFactory(slug="concept", status=Status.CONCEPT)
    assert client.post(reverse(url_name, args=["bestaat-niet"])).status_code == 404
    if url_name == "menukaart:plan_add":
        assert client.post(reverse(url_name, args=["concept"])).status_code == 404


def test_add_with_a_foreign_next_address_stays_on_the_site(client, measure):
    response = client.post(reverse("menukaart:plan_add", args=[measure.slug]), {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == measure.get_absolute_url()


def test_tampered_plan_form_is_a_400_that_keeps_the_input(client, measure):
    client.post(reverse("menukaart:plan_add", args=[measure.slug]))
    item_id = client.get(reverse("menukaart:plan")).context["formset"].forms[0].instance.pk
    data = {
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-0-id": str(item_id + 999),  # someone else's item, or none
        "items-0-position": "1",
        "items-0-owner": "HR",
        "items-0-note": "mijn notitie",
    }
    response = client.post(reverse("menukaart:plan"), data)
    assert response.status_code == 400
    data.update({"items-0-id": str(item_id), "items-TOTAL_FORMS": "abc"})
    response = client.post(reverse("menukaart:plan"), data)
    assert response.status_code == 400
