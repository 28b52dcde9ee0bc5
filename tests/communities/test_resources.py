"""Bronnen: links and files with the helpdesk's attachment rules; only coordinators publish."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.models import Resource, ResourceVisibility


@pytest.mark.django_db
def test_member_shares_a_link_that_stays_members_only(client, network, member):
    client.force_login(member)
    url = reverse("communities:resources", args=[network.slug])
    response = client.post(url, {"title": "Checklist", "url": "https://www.example.nl/c", "visibility": "openbaar"})
    assert response.status_code == 302
    assert Resource.objects.get().visibility == ResourceVisibility.MEMBERS


@pytest.mark.django_db
def test_coordinator_shares_a_public_file(client, network, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("handreiking.pdf", b"%PDF-1.4 inhoud", content_type="application/pdf")
    client.post(
        reverse("communities:resources", args=[network.slug]),
        {"title": "Handreiking", "file": upload, "visibility": "openbaar"},
    )
    resource = Resource.objects.get()
    assert resource.is_public and resource.original_name == "handreiking.pdf"
    assert "handreiking" not in resource.file.name  # stored under a random name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "Niets"}, "Vul een link in of kies een bestand (één van de twee)."),
        ({"title": "Beide", "url": "https://www.example.nl/x", "file": "pdf"}, "één van de twee"),
        ({"title": "Script", "file": "html"}, "heeft een type dat niet is toegestaan"),
        ({"title": "Nep-pdf", "file": "fake"}, "past niet bij de extensie"),
        ({"title": "Slechte link", "url": "javascript:alert(1)"}, "Vul een volledige link in"),
        ({"title": "x" * 201, "url": "https://www.example.nl/x"}, "Dit is te lang: gebruik ten hoogste 200 tekens"),
    ],
)
def test_bad_resources_get_dutch_messages(client, network, member, data, message):
    files = {
        "pdf": SimpleUploadedFile("a.pdf", b"%PDF-1.4", content_type="application/pdf"),
        "html": SimpleUploadedFile("a.html", b"<script>alert(1)</script>", content_type="text/html"),
        "fake": SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
    }
    if "file" in data:
        data = {**data, "file": files[data["file"]]}
    client.force_login(member)
    response = client.post(reverse("communities:resources", args=[network.slug]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_outsider_cannot_post_a_resource(client, network, outsider):
    client.force_login(outsider)
    response = client.post(reverse("communities:resources", args=[network.slug]), {"title": "x", "url": "https://a.nl"})
    assert response.status_code == 404
    assert not Resource.objects.exists()
