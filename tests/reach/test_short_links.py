"""Short links with QR codes: editors make them, anyone follows them, opens are counted per day
without anything about the visitor, and a short link never leads off the portal."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reach.models import ShortLink, ShortLinkDailyOpens, validate_portal_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder_link(db):
    return ShortLink.objects.create(code="folder", target="/menukaart/?thema=werving", purpose="Folder Inspectie")


def test_a_short_link_leads_to_its_page_and_counts_the_open(folder_link, client):
    for _ in range(3):
        response = client.get("/k/folder/")
        assert response.status_code == 302 and response["Location"] == "/menukaart/?thema=werving"
    row = ShortLinkDailyOpens.objects.get(link=folder_link)
    assert row.count == 3
    assert ShortLink.objects.with_opens().get(pk=folder_link.pk).opens == 3


def test_unknown_or_inactive_short_links_are_a_404(folder_link, client):
    assert client.get("/k/bestaat-niet/").status_code == 404
    folder_link.is_active = False
    folder_link.save()
    assert client.get("/k/folder/").status_code == 404


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/pad", "menukaart/", "/\\evil.example", "javascript:alert(1)"]
)
def test_a_short_link_can_only_point_to_this_portal(target):
    with pytest.raises(ValidationError) as error:
        validate_portal_path(target)
    assert "adres op dit portaal" in str(error.value)


def test_editors_make_a_short_link_in_beheer_and_get_its_qr_code(contentbeheerder, client):
    client.force_login(contentbeheerder)
    response = client.post(
        reverse("admin:reach_shortlink_add"),
        {"code": "nieuwsbrief", "target": "/menukaart/", "purpose": "Nieuwsbrief AWVN", "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    link = ShortLink.objects.get(code="nieuwsbrief")
    assert link.created_by == contentbeheerder
    page = client.get(reverse("admin:reach_shortlink_change", args=[link.pk])).content.decode()
    assert "/k/nieuwsbrief/qr.svg" in page and "/k/nieuwsbrief/qr.png" in page
    svg = client.get("/k/nieuwsbrief/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    png = client.get("/k/nieuwsbrief/qr.png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")


def test_beheer_refuses_a_target_off_the_portal_with_a_dutch_message(contentbeheerder, client):
    client.force_login(contentbeheerder)
    response = client.post(
        reverse("admin:reach_shortlink_add"),
        {"code": "weg", "target": "https://evil.example/", "purpose": "x", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "adres op dit portaal" in response.content.decode()
    assert not ShortLink.objects.filter(code="weg").exists()


def test_qr_codes_are_for_editors_only(folder_link, client, werkgever):
    assert client.get("/k/folder/qr.svg").status_code in (302, 403)
    client.force_login(werkgever)
    assert client.get("/k/folder/qr.png").status_code == 403
