"""Issue 7, finding 8: password reset through the outbox, rate-limited, and the same for known and
unknown addresses."""

import logging

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.models import OutboxMessage, OutboxStatus
from tests.mailsettings import SMTP_BACKEND, use_mail_backend

pytestmark = pytest.mark.django_db
RESET = reverse("accounts:password_reset")


def ask(client, email, **extra):
    return client.post(RESET, {"email": email}, **extra)


def test_known_and_unknown_addresses_get_the_same_answer_with_the_same_work(
    client, werkgever, django_capture_on_commit_callbacks
):
    """The response time told known from unknown addresses (28 vs 12 ms): the request now does the
    same work for both (the same queries, one queued task); the look-up happens in the task."""
    answers = {}
    for email in (werkgever.email, "niemand@example.nl"):
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as callbacks:
            response = ask(client, email)
        answers[email] = (response.status_code, response["Location"], len(queries), len(callbacks))
    assert answers[werkgever.email] == answers["niemand@example.nl"]
    assert answers[werkgever.email][:2] == (302, reverse("accounts:password_reset_done"))
    assert not mail.outbox and not OutboxMessage.objects.exists()  # nothing sent inside the request


def test_the_reset_email_goes_through_the_outbox_and_its_link_is_not_kept(
    client, werkgever, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, werkgever.email)
    message = OutboxMessage.objects.get()
    assert message.to == werkgever.email
    assert message.status == OutboxStatus.SENT
    assert message.private_link == ""  # the reset link is erased once sent
    assert "/wachtwoord-herstellen/" not in message.body
    assert len(mail.outbox) == 1
    assert f"{settings.PORTAL_BASE_URL}/account/wachtwoord-herstellen/" in mail.outbox[0].body


def test_with_the_mail_server_down_the_reset_email_waits_in_the_outbox(
    client, werkgever, settings, django_capture_on_commit_callbacks
):
    """With SMTP down the page said "sent" and the e-mail was lost."""
    use_mail_backend(settings, SMTP_BACKEND, host="127.0.0.1", port=1, timeout=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, werkgever.email)
    assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert message.private_link  # kept until it is sent


def test_password_reset_requests_are_rate_limited_per_client(client, werkgever, settings):
    """10 requests gave 10 e-mails within a second."""
    settings.PASSWORD_RESET_RATE_LIMIT = 3
    for number in range(3):
        assert ask(client, f"iemand{number}@example.nl").status_code == 302
    response = ask(client, werkgever.email)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Je hebt in korte tijd te vaak een nieuw wachtwoord gevraagd" in html
    assert f'value="{werkgever.email}"' in html
    # Another client is not affected.
    assert ask(client, werkgever.email, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_one_address_gets_few_reset_emails_whoever_asks(
    client, werkgever, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_MAX_PER_ADDRESS = 2
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            response = ask(client, werkgever.email, REMOTE_ADDR=f"192.0.2.{number + 1}")
            assert response.status_code == 302  # the same answer, also over the limit
    assert len(mail.outbox) == 2


def test_reset_with_redis_down_still_sends_and_logs(
    client, werkgever, redis_down, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.ERROR, logger="portal.security"), django_capture_on_commit_callbacks(execute=True):
        response = ask(client, werkgever.email)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert any("scope=password-reset" in record.getMessage() for record in caplog.records)


def test_the_reset_email_is_in_the_language_of_the_request(client, werkgever, django_capture_on_commit_callbacks):
    # The /en/ request leaves English active in this thread; the override puts back what was before.
    with translation.override(settings.LANGUAGE_CODE), django_capture_on_commit_callbacks(execute=True):
        client.post("/en" + RESET, {"email": werkgever.email})
    assert "/en/account/" in mail.outbox[0].body
