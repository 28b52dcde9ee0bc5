"""Every members-only object, seen by an anonymous visitor, a member of another network, a member,
the coordinator and an editor: the first two get a 404 (or the log-in page), the others the page."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communities import services
from communities.models import ResourceVisibility
from tests.communities.factories import LessonFactory, MeetingFactory, NetworkFactory, PostFactory

VIEWERS = ["anoniem", "ander lid", "lid", "coördinator", "redacteur"]
ALLOWED = {"lid", "coördinator", "redacteur"}


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _assert_refused(response):
    if response.status_code == 302:
        assert "/account/inloggen/" in response["Location"]
    else:
        assert response.status_code == 404


@pytest.fixture
def members_only(network, member, coordinator):
    past = timezone.now() - timedelta(days=7)
    closed_meeting = MeetingFactory(network=network, is_public=False, title="Besloten intervisie")
    held = MeetingFactory(
        network=network, is_public=True, starts_at=past, ends_at=past + timedelta(hours=2), title="Gehouden"
    )
    held.minutes = "Vertrouwelijk verslag: de cijfers van werkgever X."
    held.minutes_added_at = timezone.now()
    held.save()
    post = PostFactory(network=network, author=member)
    upload = SimpleUploadedFile("benchmark.pdf", b"%PDF-1.4 besloten", content_type="application/pdf")
    resource = services.add_resource(network=network, by=coordinator, title="Benchmark", upload=upload)
    lesson = LessonFactory(network=network, title="Besloten les over de benchmark")
    return {"closed_meeting": closed_meeting, "held": held, "post": post, "resource": resource, "lesson": lesson}


def _members_only_urls(network, objects):
    slug = network.slug
    return {
        "ledenlijst": reverse("communities:member_list", args=[slug]),
        "gesprek": reverse("communities:discussion", args=[slug]),
        "bericht": reverse("communities:thread", args=[slug, objects["post"].pk]),
        "bericht melden": reverse("communities:post_report", args=[slug, objects["post"].pk]),
        "besloten bijeenkomst": reverse("communities:meeting_detail", args=[slug, objects["closed_meeting"].pk]),
        "bestand voor leden": reverse("communities:resource_download", args=[slug, objects["resource"].pk]),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize(
    "page", ["ledenlijst", "gesprek", "bericht", "bericht melden", "besloten bijeenkomst", "bestand voor leden"]
)
def test_members_only_pages(client, viewers, network, members_only, viewer, page):
    url = _members_only_urls(network, members_only)[page]
    response = _get(client, viewers[viewer], url)
    if viewer in ALLOWED:
        assert response.status_code == 200
    else:
        _assert_refused(response)


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
def test_minutes_and_member_only_lessons_show_only_to_participants(client, viewers, network, members_only, viewer):
    response = _get(client, viewers[viewer], members_only["held"].get_absolute_url())
    assert response.status_code == 200  # a public meeting: its announcement is public
    text = response.content.decode()
    minutes_shown = "Vertrouwelijk verslag" in text
    assert minutes_shown is (viewer in ALLOWED)
    page = _get(client, viewers[viewer], network.get_absolute_url()).content.decode()
    assert ("Besloten les over de benchmark" in page) is (viewer in ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
def test_public_resource_downloads_for_everyone_members_only_file_for_participants(
    client, viewers, network, coordinator, viewer
):
    upload = SimpleUploadedFile("handreiking.pdf", b"%PDF-1.4 openbaar", content_type="application/pdf")
    public = services.add_resource(
        network=network, by=coordinator, title="Handreiking", upload=upload, visibility=ResourceVisibility.PUBLIC
    )
    response = _get(client, viewers[viewer], reverse("communities:resource_download", args=[network.slug, public.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 openbaar"


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
def test_unlisted_network_is_a_404_for_outsiders(client, viewers, network, viewer):
    network.is_listed = False
    network.save()
    response = _get(client, viewers[viewer], network.get_absolute_url())
    assert response.status_code == (200 if viewer in ALLOWED else 404)
    listing = _get(client, viewers[viewer], reverse("communities:index")).content.decode()
    assert (network.name in listing) is (viewer in ALLOWED)


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("page", ["members_manage", "meeting_create"])
def test_coordinators_pages_only_for_the_coordinator_and_editors(client, viewers, network, viewer, page):
    response = _get(client, viewers[viewer], reverse(f"communities:{page}", args=[network.slug]))
    if viewer in {"coördinator", "redacteur"}:
        assert response.status_code == 200
    else:
        _assert_refused(response)


@pytest.mark.django_db
def test_coordinator_of_one_network_cannot_manage_another(client, coordinator):
    other = NetworkFactory(slug="uitzendbranche")
    client.force_login(coordinator)
    assert client.get(reverse("communities:members_manage", args=[other.slug])).status_code == 404
    assert client.get(reverse("communities:meeting_create", args=[other.slug])).status_code == 404


@pytest.mark.django_db
def test_a_post_of_another_network_is_a_404_by_its_id(client, network, member):
    foreign = PostFactory(network=NetworkFactory(slug="elders"))
    client.force_login(member)
    assert client.get(reverse("communities:thread", args=[network.slug, foreign.pk])).status_code == 404
    assert client.get(reverse("communities:thread", args=["elders", foreign.pk])).status_code == 404


@pytest.mark.django_db
def test_hidden_post_is_a_404_for_members_and_visible_to_the_coordinator(client, network, member, coordinator):
    post = PostFactory(network=network)
    services.hide_post(post=post, by=coordinator, reason="Noemt een collega bij naam")
    client.force_login(member)
    assert client.get(reverse("communities:thread", args=[network.slug, post.pk])).status_code == 404
    assert post.body not in client.get(reverse("communities:discussion", args=[network.slug])).content.decode()
    client.force_login(coordinator)
    response = client.get(reverse("communities:thread", args=[network.slug, post.pk]))
    assert response.status_code == 200
    assert "Verborgen door de coördinator" in response.content.decode()


@pytest.mark.django_db
def test_a_network_cannot_take_the_address_of_a_fixed_page(network):
    from django.core.exceptions import ValidationError

    network.slug = "agenda"
    with pytest.raises(ValidationError) as refused:
        network.full_clean()
    assert "vaste pagina" in str(refused.value)
