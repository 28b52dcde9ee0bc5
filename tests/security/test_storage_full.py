"""The uploads disk full or read-only: the storage raises OSError (ENOSPC after writing part of the
file, or EROFS at once). The question's reply, the advisor's answer or note, a network resource's
text and a role model's other fields are kept, nothing typed is lost, the user gets a Dutch message
saying the file was not stored and what to do, the failure is logged, and no partial file stays.
"""

import errno
import logging

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.models import Resource, RoleModel
from helpdesk import services
from helpdesk.models import Attachment, Message, MessageKind, TicketStatus
from tests.communities.factories import MembershipFactory, NetworkFactory
from tests.helpdesk.factories import NOTE, SEND, TicketFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 " + b"x" * 4096


class BrokenStorage(FileSystemStorage):
    """A file system whose disk is full (ENOSPC after half the file) or read-only (EROFS at once)."""

    def __init__(self, *args, error: int = errno.ENOSPC, **kwargs):
        self.error = error
        super().__init__(*args, **kwargs)

    def _save(self, name, content):
        if self.error == errno.ENOSPC:
            path = self.path(name)
            with open(path, "wb") as partial:  # the partial file a real full disk leaves behind
                partial.write(content.read(len(PDF) // 2))
        raise OSError(self.error, "No space left on device" if self.error == errno.ENOSPC else "Read-only file system")


@pytest.fixture(params=[errno.ENOSPC, errno.EROFS], ids=["schijf-vol", "alleen-lezen"])
def broken_storage(request, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": f"{__name__}.BrokenStorage",
            "OPTIONS": {"location": tmp_path, "error": request.param},
        },
    }
    (tmp_path / "helpdesk").mkdir()
    return tmp_path


def _no_files_left(root):
    return [path for path in root.rglob("*") if path.is_file()] == []


def _warnings(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_the_employers_reply_is_kept_without_the_file(broken_storage, client, caplog):
    ticket = TicketFactory(status=TicketStatus.ANSWERED)
    token = services.issue_access_token(ticket=ticket)
    text = "Hierbij het verslag van ons gesprek, met de cijfers die u vroeg."
    with caplog.at_level(logging.ERROR):
        response = client.post(
            reverse("helpdesk:follow_reply", args=[token]),
            {"body": text, "attachments": [SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")]},
        )
    assert response.status_code == 302
    message = Message.objects.get(ticket=ticket, kind=MessageKind.REQUESTER)
    assert message.body == text
    assert not Attachment.objects.exists()
    notice = _warnings(response)
    assert "verslag.pdf" in notice and "niet worden bewaard" in notice and "Je tekst is wel opgeslagen" in notice
    assert "Stuur het bestand later opnieuw mee" in notice
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.REOPENED  # the reply counts as any other
    assert any("upload not stored" in record.getMessage() for record in caplog.records)
    assert _no_files_left(broken_storage)
    page = client.get(response["Location"])
    assert "niet worden bewaard" in page.content.decode()


def test_the_registered_employers_reply_is_kept_without_the_file(broken_storage, client, werkgever):
    ticket = TicketFactory(status=TicketStatus.ANSWERED, requester_user=werkgever, contact_email=werkgever.email)
    client.force_login(werkgever)
    response = client.post(
        reverse("helpdesk:my_ticket_reply", args=[ticket.reference]),
        {"body": "Zie bijlage.", "attachments": [SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")]},
    )
    assert response.status_code == 302
    assert Message.objects.filter(ticket=ticket, body="Zie bijlage.").exists()
    assert "a.pdf" in _warnings(response)


@pytest.mark.parametrize("compose", [SEND, NOTE], ids=["antwoord", "notitie"])
def test_the_advisors_answer_or_note_is_kept_without_the_files(broken_storage, client, adviseur, compose):
    ticket = TicketFactory()
    client.force_login(adviseur)
    files = [SimpleUploadedFile(name, PDF, content_type="application/pdf") for name in ("een.pdf", "twee.pdf")]
    response = client.post(
        reverse("helpdesk:ticket_compose", args=[ticket.reference]),
        {**compose, "body": "Antwoord met twee bijlagen.", "then_status": "beantwoord", "attachments": files},
    )
    assert response.status_code == 302
    assert Message.objects.get(ticket=ticket).body == "Antwoord met twee bijlagen."
    assert not Attachment.objects.exists()
    notice = _warnings(response)
    assert "een.pdf, twee.pdf" in notice and "Meld dit bij de beheerder" in notice
    assert _no_files_left(broken_storage)


def test_a_network_file_is_refused_with_the_typed_text_kept(broken_storage, client):
    network = NetworkFactory(slug="opslag")
    client.force_login(MembershipFactory(network=network).user)
    response = client.post(
        reverse("communities:resources", args=[network.slug]),
        {
            "title": "Onze checklist",
            "description": "Wat wij gebruiken bij elk sollicitatiegesprek.",
            "file": SimpleUploadedFile("checklist.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 503
    page = response.content.decode()
    assert "kon door een storing bij ons niet worden bewaard" in page
    assert "Onze checklist" in page and "Wat wij gebruiken bij elk sollicitatiegesprek." in page
    assert not Resource.objects.exists()
    assert _no_files_left(broken_storage)


def test_a_role_models_photo_is_left_out_and_the_rest_saved(broken_storage, client, contentbeheerder):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "orange").save(buffer, format="PNG")
    client.force_login(contentbeheerder)
    response = client.post(
        reverse("admin:communities_rolemodel_add"),
        {
            "name": "Fatima Bakker", "slug": "fatima-bakker", "job_title": "Directeur", "organisation": "Noord BV",
            "photo": SimpleUploadedFile("portret.png", buffer.getvalue(), content_type="image/png"),
            "message": "Gelijke kansen.", "what_they_did": "Werven zonder cv.", "email": "f@example.nl",
            "consents-TOTAL_FORMS": "0", "consents-INITIAL_FORMS": "0",
        },  # fmt: skip
    )
    assert response.status_code == 302
    role_model = RoleModel.objects.get()
    assert role_model.message == "Gelijke kansen." and not role_model.photo
    assert "De foto kon niet worden opgeslagen" in _warnings(response)
