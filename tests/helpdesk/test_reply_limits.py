"""Issue 7, finding 3: replies are rate-limited per ticket, a request body over the limit is refused
before it is read, and a ticket's attachments have a storage quota."""

import io
import logging

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Attachment, Message, MessageKind, TicketStatus
from tests.helpdesk.factories import TicketFactory

pytestmark = pytest.mark.django_db


def pdf(name="bijlage.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * (size - 9), content_type="application/pdf")


def requester_messages(ticket):
    return ticket.messages.filter(kind=MessageKind.REQUESTER)


@pytest.fixture
def own_ticket(werkgever):
    """A question asked logged in: reachable through "Mijn vragen" and through its follow link."""
    ticket = TicketFactory(requester_user=werkgever, contact_email=werkgever.email)
    return ticket, services.issue_access_token(ticket=ticket)


def test_replies_through_the_follow_link_are_rate_limited_and_keep_the_text(client, submitted, settings):
    """20 replies through one follow link went through at once, each mailing the advisors."""
    settings.HELPDESK_REPLY_RATE_LIMIT = 3
    ticket, token = submitted
    url = reverse("helpdesk:follow_reply", args=[token])
    for number in range(3):
        assert client.post(url, {"body": f"Reactie {number}"}).status_code == 302
    mail.outbox.clear()
    response = client.post(url, {"body": "NOG-EEN-REACTIE", "attachments": [pdf()]})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Je hebt in korte tijd veel reacties gestuurd" in html
    assert "NOG-EEN-REACTIE" in html  # the typed text is kept
    assert requester_messages(ticket).count() == 3
    assert not Attachment.objects.exists()
    assert not mail.outbox


def test_follow_link_and_my_questions_share_one_limit_per_ticket(client, werkgever, own_ticket, settings):
    settings.HELPDESK_REPLY_RATE_LIMIT = 2
    ticket, token = own_ticket
    assert client.post(reverse("helpdesk:follow_reply", args=[token]), {"body": "Een"}).status_code == 302
    client.force_login(werkgever)
    my_reply = reverse("helpdesk:my_ticket_reply", args=[ticket.reference])
    assert client.post(my_reply, {"body": "Twee"}, REMOTE_ADDR="198.51.100.2").status_code == 302
    response = client.post(my_reply, {"body": "Drie"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "Je hebt in korte tijd veel reacties gestuurd" in response.content.decode()
    assert requester_messages(ticket).count() == 2


def test_the_limit_of_one_ticket_leaves_other_tickets_alone(client, submitted, own_ticket, settings):
    settings.HELPDESK_REPLY_RATE_LIMIT = 1
    _ticket, token = submitted
    _other, other_token = own_ticket
    client.post(reverse("helpdesk:follow_reply", args=[token]), {"body": "Een"})
    assert client.post(reverse("helpdesk:follow_reply", args=[token]), {"body": "Twee"}).status_code == 429
    assert client.post(reverse("helpdesk:follow_reply", args=[other_token]), {"body": "Een"}).status_code == 302


def test_a_reply_is_accepted_and_the_outage_logged_when_redis_is_down(client, submitted, redis_down, caplog):
    ticket, token = submitted
    with caplog.at_level(logging.ERROR, logger="portal.security"):
        response = client.post(reverse("helpdesk:follow_reply", args=[token]), {"body": "Tijdens de storing"})
    assert response.status_code == 302
    assert requester_messages(ticket).filter(body="Tijdens de storing").exists()
    assert any("scope=helpdesk:reply" in record.getMessage() for record in caplog.records)


def test_attachments_over_the_tickets_quota_are_refused_in_dutch(client, submitted, settings):
    settings.HELPDESK_TICKET_ATTACHMENT_QUOTA_BYTES = 1000
    ticket, token = submitted
    services.requester_reply(ticket=ticket, body="Eerste", files=[pdf("eerste.pdf", size=800)])
    ticket.refresh_from_db()
    status_before = ticket.status
    response = client.post(
        reverse("helpdesk:follow_reply", args=[token]), {"body": "TWEEDE-REACTIE", "attachments": [pdf(size=300)]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bij deze vraag is al 800\xa0bytes aan bijlagen opgeslagen; er past nog 200\xa0bytes bij." in html
    assert "TWEEDE-REACTIE" in html
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["eerste.pdf"]
    assert not requester_messages(ticket).filter(body="TWEEDE-REACTIE").exists()
    ticket.refresh_from_db()
    assert ticket.status == status_before
    # Within the quota it still works.
    response = client.post(
        reverse("helpdesk:follow_reply", args=[token]), {"body": "Klein", "attachments": [pdf(size=150)]}
    )
    assert response.status_code == 302


def test_the_quota_counts_every_attachment_of_the_ticket(submitted, adviseur, settings):
    settings.HELPDESK_TICKET_ATTACHMENT_QUOTA_BYTES = 1000
    ticket, _token = submitted
    services.reply(ticket=ticket, by=adviseur, body="Antwoord", files=[pdf("antwoord.pdf", size=900)])
    with pytest.raises(services.AttachmentQuotaExceeded):
        services.requester_reply(ticket=ticket, body="Nog een", files=[pdf(size=200)])
    assert not Message.objects.filter(body="Nog een").exists()


def test_a_body_over_the_limit_is_refused_with_a_dutch_413(client, submitted, settings):
    """A 100 MB upload was read whole before the 400."""
    settings.REQUEST_MAX_BODY_BYTES = 10_000
    ticket, token = submitted
    response = client.post(
        reverse("helpdesk:follow_reply", args=[token]), {"body": "Groot", "attachments": [pdf(size=20_000)]}
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Dit is te veel om in één keer te versturen" in html
    assert "9,8\xa0KB" in html
    assert not requester_messages(ticket).exists()
    assert ticket.status == TicketStatus.NEW


def test_the_body_limit_refuses_without_reading_the_body(settings):
    from core.middleware import RequestBodyLimitMiddleware  # here: the middleware is new with this fix

    settings.REQUEST_MAX_BODY_BYTES = 1000

    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the body was read")

        readline = read

    request = RequestFactory().post("/helpdesk/volg/x/reageren/", data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(100 * 1024 * 1024)
    request._stream = Unreadable()
    request.session = {}

    def view(request):
        request.POST  # noqa: B018 - what the CSRF check would do
        raise AssertionError("the request reached the view")

    response = RequestBodyLimitMiddleware(view)(request)
    assert response.status_code == 413
    assert response["Connection"] == "close"


def test_a_body_within_the_limit_passes(client, submitted, settings):
    settings.REQUEST_MAX_BODY_BYTES = 100_000
    _ticket, token = submitted
    response = client.post(
        reverse("helpdesk:follow_reply", args=[token]), {"body": "Klein genoeg", "attachments": [pdf(size=2000)]}
    )
    assert response.status_code == 302


def test_django_upload_limits_are_set():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 20
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    assert settings.REQUEST_MAX_BODY_BYTES == 5 * settings.HELPDESK_MAX_ATTACHMENT_BYTES + 1024 * 1024
