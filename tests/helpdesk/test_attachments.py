"""Attachments: type and size allowlist, private storage, access-checked downloads."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Attachment
from tests.helpdesk.factories import SEND

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 test document"


def pdf(name="advies.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def reply_with_attachment(client, adviseur, ticket, upload):
    client.force_login(adviseur)
    return client.post(
        reverse("helpdesk:ticket_compose", args=[ticket.reference]),
        {**SEND, "body": "Zie bijlage", "then_status": "beantwoord", "attachments": [upload]},
    )


def test_attachment_is_stored_privately_and_downloaded_as_attachment(client, adviseur, referral_abu, partner_abu):
    assert reply_with_attachment(client, adviseur, referral_abu, pdf()).status_code == 302
    attachment = Attachment.objects.get()
    path = attachment.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.STATIC_ROOT))
    assert "advies" not in attachment.file.name  # random name on disk
    response = client.get(reverse("helpdesk:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    client.force_login(partner_abu)  # consent to share: the partner may download the answer's file
    assert client.get(reverse("helpdesk:attachment", args=[attachment.pk])).status_code == 200
    attachment.file.delete()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: pdf("script.html", b"<script>", "text/html"), "niet is toegestaan"),
        (lambda: pdf("nep.pdf", b"<html>not a pdf</html>"), "past niet bij de extensie"),
        (lambda: pdf("groot.pdf", PDF + b"0" * (11 * 1024 * 1024)), "te groot"),
    ],
)
def test_disallowed_files_are_refused_with_a_dutch_message(client, adviseur, ticket, upload, message):
    response = reply_with_attachment(client, adviseur, ticket, upload())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert not ticket.messages.exists()


def test_other_people_cannot_download(client, adviseur, referral_awvn, partner_abu, werkgever):
    reply_with_attachment(client, adviseur, referral_awvn, pdf())
    attachment = Attachment.objects.get()
    url = reverse("helpdesk:attachment", args=[attachment.pk])
    client.logout()
    assert client.get(url).status_code == 302  # log in first
    for user in (partner_abu, werkgever):
        client.force_login(user)
        assert client.get(url).status_code == 404
    attachment.file.delete()


def test_requester_downloads_through_follow_link_only_with_the_right_token(client, adviseur, submitted):
    ticket, token = submitted
    reply_with_attachment(client, adviseur, ticket, pdf())
    note = services.add_note(ticket=ticket, by=adviseur, body="intern")
    internal = Attachment.objects.create(
        message=note,
        file=SimpleUploadedFile("n.pdf", PDF),
        original_name="n.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    public = Attachment.objects.exclude(pk=internal.pk).get()
    client.logout()
    assert client.get(reverse("helpdesk:follow_attachment", args=[token, public.pk])).status_code == 200
    assert client.get(reverse("helpdesk:follow_attachment", args=[token, internal.pk])).status_code == 404
    assert client.get(reverse("helpdesk:follow_attachment", args=["fout", public.pk])).status_code == 404
    other_ticket, other_token = services.submit_question(
        subject="Andere",
        question="Een andere vraag hier",
        employer_name="X",
        contact_name="Y",
        contact_email="y@example.nl",
        consent_processing=True,
    )
    assert client.get(reverse("helpdesk:follow_attachment", args=[other_token, public.pk])).status_code == 404
    for attachment in Attachment.objects.all():
        attachment.file.delete()


def test_at_most_five_files_per_message_with_a_dutch_message(client, adviseur, ticket):
    client.force_login(adviseur)
    response = client.post(
        reverse("helpdesk:ticket_compose", args=[ticket.reference]),
        {
            **SEND,
            "body": "Zie bijlagen",
            "then_status": "beantwoord",
            "attachments": [pdf(f"{n}.pdf") for n in range(6)],
        },
    )
    assert response.status_code == 400
    assert "maximaal 5 bestanden" in response.content.decode()
    assert "Zie bijlagen" in response.content.decode()
    assert not Attachment.objects.exists()
    response = client.post(
        reverse("helpdesk:ticket_compose", args=[ticket.reference]),
        {
            **SEND,
            "body": "Zie bijlagen",
            "then_status": "beantwoord",
            "attachments": [pdf(f"{n}.pdf") for n in range(5)],
        },
    )
    assert response.status_code == 302 and Attachment.objects.count() == 5


def test_attachment_files_are_deleted_only_after_pseudonymisation_commits(
    adviseur, ticket, django_capture_on_commit_callbacks
):
    services.reply(ticket=ticket, by=adviseur, body="Zie bijlage", files=[pdf()])
    attachment = Attachment.objects.get()
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.erase_requester_data(email=ticket.contact_email, by=None)
    assert not Attachment.objects.exists()
    assert storage.exists(name), "the file went before the transaction committed"
    for callback in callbacks:
        callback()
    assert not storage.exists(name)


def test_a_missing_file_is_a_404_not_a_500(client, adviseur, ticket):
    services.reply(ticket=ticket, by=adviseur, body="Zie bijlage", files=[pdf()])
    attachment = Attachment.objects.get()
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(adviseur)
    assert client.get(reverse("helpdesk:attachment", args=[attachment.pk])).status_code == 404
