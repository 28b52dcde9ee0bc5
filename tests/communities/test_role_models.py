"""Rolmodellen: public only with recorded consent to the exact text; withdrawable by a private link."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities import consent
from communities.models import RoleModel, RoleModelConsent, RoleModelStatus
from core.models import OutboxMessage
from tests.communities.factories import RoleModelFactory, consent_to_current_text, published_role_model

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def token_from(body: str) -> str:
    return re.search(r"/rolmodellen/toestemming/([A-Za-z0-9_-]+)/", body).group(1)


def test_only_published_profiles_with_consent_to_the_current_text_are_public(client):
    shown = published_role_model(name="Sanne de Wit")
    draft = RoleModelFactory(name="Kees Draft")
    consent_to_current_text(draft)
    edited = published_role_model(name="Ingrid Aangepast")
    edited.message = "Een nieuwe boodschap waar zij nog niet mee instemde."
    edited.save()

    page = client.get(reverse("communities:role_model_list")).content.decode()
    assert "Sanne de Wit" in page
    assert "Kees Draft" not in page and "Ingrid Aangepast" not in page
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(edited.get_absolute_url()).status_code == 404


def test_the_person_agrees_through_the_private_link_and_the_exact_text_is_recorded(
    client, contentbeheerder, django_capture_on_commit_callbacks, mailoutbox
):
    role_model = RoleModelFactory(name="Yusuf Demir", email="yusuf@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        consent.request_consent(role_model=role_model, by=contentbeheerder)
    assert [m.to[0] for m in mailoutbox] == ["yusuf@example.nl"]
    token = token_from(mailoutbox[0].body)
    role_model.refresh_from_db()
    assert role_model.token_hash == RoleModel.hash(token) and token not in role_model.token_hash

    # No consent yet: publishing is refused.
    with pytest.raises(consent.ConsentError, match="geen toestemming gegeven voor deze tekst"):
        consent.publish_role_model(role_model=role_model, by=contentbeheerder)

    url = reverse("communities:role_model_consent", args=[token])
    page = client.get(url).content.decode()
    assert "Naam: Yusuf Demir" in page
    client.post(url, {"action": "consent", "text_hash": role_model.text_hash})
    record = RoleModelConsent.objects.get()
    assert record.given_by == "Yusuf Demir <yusuf@example.nl>"
    assert record.text == role_model.consent_text() and record.given_at is not None
    consent.publish_role_model(role_model=role_model, by=contentbeheerder)
    assert client.get(role_model.get_absolute_url()).status_code == 200


def test_withdrawing_through_the_link_unpublishes_at_once(client, contentbeheerder):
    role_model = published_role_model(name="Lotte Vermeer")
    url = role_model.get_absolute_url()
    token = consent.request_consent(role_model=role_model, by=contentbeheerder)
    assert client.get(url).status_code == 200

    response = client.post(reverse("communities:role_model_consent", args=[token]), {"action": "withdraw"}, follow=True)
    assert response.redirect_chain == [(reverse("communities:role_model_withdrawn"), 302)]
    page = response.content.decode()
    assert "Je toestemming is ingetrokken" in page and "Je profiel staat niet meer op het portaal." in page
    assert "We hebben ook je gegevens verwijderd" in page
    role_model.refresh_from_db()
    assert role_model.status == RoleModelStatus.WITHDRAWN
    assert not role_model.consents.filter(withdrawn_at=None).exists()
    assert client.get(url).status_code == 404
    assert "Lotte Vermeer" not in client.get(reverse("communities:role_model_list")).content.decode()
    # The private link is gone with the data, and publishing again is refused.
    assert client.get(reverse("communities:role_model_consent", args=[token])).status_code == 404
    with pytest.raises(consent.ConsentError):
        consent.publish_role_model(role_model=role_model, by=contentbeheerder)


def test_withdrawal_erases_the_personal_data_and_keeps_only_the_proof_of_consent(
    client, contentbeheerder, private_media, django_capture_on_commit_callbacks
):
    role_model = published_role_model(
        name="Lotte Vermeer",
        email="lotte@example.nl",
        photo=SimpleUploadedFile("portret.png", PNG, content_type="image/png"),
    )
    given = consent_to_current_text(role_model)  # the photo's final file name is part of the text
    photo_file = private_media / role_model.photo.name
    assert photo_file.exists()
    token = consent.request_consent(role_model=role_model, by=contentbeheerder)
    assert OutboxMessage.objects.about(role_model).exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("communities:role_model_consent", args=[token]), {"action": "withdraw"})

    role_model.refresh_from_db()
    personal = [role_model.name, role_model.job_title, role_model.organisation, role_model.message]
    assert personal + [role_model.what_they_did, role_model.email, role_model.photo.name] == [""] * 7
    assert role_model.token_hash is None and role_model.erased_at is not None
    assert role_model.slug == f"ingetrokken-{role_model.pk}"
    assert str(role_model) == f"Rolmodel {role_model.pk} (gegevens gewist)"
    assert not photo_file.exists()  # the file too, once the erasure is committed
    assert not OutboxMessage.objects.about(role_model).exists()  # the consent e-mails held the text
    # What stays is the proof: when consent was given and withdrawn, and a hash of the exact text.
    record = RoleModelConsent.objects.get(pk=given.pk)
    assert record.given_at == given.given_at and record.withdrawn_at is not None
    assert record.text_hash == given.text_hash == RoleModel.hash(given.text)
    assert record.text == "" and "Lotte" not in record.given_by and "lotte@" not in record.given_by
    for other in RoleModelConsent.objects.filter(role_model=role_model):
        assert other.text == "" and "Lotte" not in other.given_by


def test_an_erased_profile_cannot_be_asked_again_nor_edited(client, contentbeheerder):
    role_model = published_role_model()
    consent.withdraw_consent(role_model=role_model)
    role_model.refresh_from_db()
    with pytest.raises(consent.ConsentError, match="ingetrokken"):
        consent.request_consent(role_model=role_model, by=contentbeheerder)
    client.force_login(contentbeheerder)
    page = client.get(reverse("admin:communities_rolemodel_change", args=[role_model.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # read-only: it is only the proof


def test_profiles_withdrawn_before_withdrawal_erased_are_erased_by_the_nightly_task():
    from communities.tasks import erase_withdrawn_role_models

    old = RoleModelFactory(name="Oud Ingetrokken", email="oud@example.nl")
    consent_to_current_text(old)
    RoleModel.objects.filter(pk=old.pk).update(status=RoleModelStatus.WITHDRAWN)
    draft = RoleModelFactory(name="Nog Concept")
    assert erase_withdrawn_role_models() == 1
    old.refresh_from_db()
    draft.refresh_from_db()
    assert old.name == "" and old.email == "" and old.erased_at is not None
    assert old.consents.get().text == ""
    assert draft.name == "Nog Concept"  # only withdrawn profiles
    assert erase_withdrawn_role_models() == 0  # idempotent
    with pytest.raises(consent.ConsentError):
        consent.erase_role_model(role_model=draft)


def test_the_nightly_erasure_is_scheduled_and_registered():
    from django.conf import settings

    from portal.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["communities-erase-withdrawn-role-models"]
    assert entry["task"] == "communities.tasks.erase_withdrawn_role_models" and entry["task"] in app.tasks


def test_a_consent_to_an_older_text_is_refused_with_a_dutch_message(client, contentbeheerder):
    role_model = RoleModelFactory()
    token = consent.request_consent(role_model=role_model, by=contentbeheerder)
    response = client.post(
        reverse("communities:role_model_consent", args=[token]),
        {"action": "consent", "text_hash": "0" * 64},
        follow=True,
    )
    assert "De tekst is intussen gewijzigd" in response.content.decode()
    assert not RoleModelConsent.objects.exists()


@pytest.mark.parametrize("token", ["onbekend-token", "a" * 43])
def test_an_unknown_link_is_404(client, token):
    RoleModelFactory()
    assert client.get(reverse("communities:role_model_consent", args=[token])).status_code == 404
    assert (
        client.post(reverse("communities:role_model_consent", args=[token]), {"action": "withdraw"}).status_code == 404
    )


def test_a_new_link_replaces_the_old_one(client, contentbeheerder):
    role_model = RoleModelFactory()
    old = consent.request_consent(role_model=role_model, by=contentbeheerder)
    new = consent.request_consent(role_model=role_model, by=contentbeheerder)
    assert client.get(reverse("communities:role_model_consent", args=[old])).status_code == 404
    assert client.get(reverse("communities:role_model_consent", args=[new])).status_code == 200


def test_only_editors_manage_and_publish_role_models(werkgever, community_coordinator, contentbeheerder):
    role_model = RoleModelFactory()
    consent_to_current_text(role_model)
    for user in (werkgever, community_coordinator):
        with pytest.raises(PermissionError):
            consent.request_consent(role_model=role_model, by=user)
        with pytest.raises(PermissionError):
            consent.publish_role_model(role_model=role_model, by=user)
    consent.publish_role_model(role_model=role_model, by=contentbeheerder)
    assert RoleModel.objects.published().get() == role_model


def test_the_photo_is_served_only_for_a_published_profile(client, private_media):
    role_model = published_role_model(photo=SimpleUploadedFile("portret.png", PNG, content_type="image/png"))
    consent_to_current_text(role_model)  # the photo's final file name is part of the text
    url = reverse("communities:role_model_photo", args=[role_model.slug])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    role_model.status = RoleModelStatus.DRAFT
    role_model.save()
    assert client.get(url).status_code == 404


def test_role_model_list_needs_the_same_number_of_queries_with_20_more(client):
    published_role_model()

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("communities:role_model_list")).status_code == 200
        return len(captured.captured_queries)

    before = count()
    for _ in range(20):
        published_role_model()
    assert count() == before
