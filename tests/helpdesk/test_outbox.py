"""E-mail goes through the outbox: nothing is lost when the mail server fails, nothing is sent twice."""

import socket
import time

import pytest
from django.core import mail
from django.urls import reverse

from helpdesk import services
from helpdesk.models import OutboxMessage, OutboxStatus, Ticket
from helpdesk.tasks import deliver, flush_outbox, send_outbox_message
from tests.helpdesk.test_ask import valid_data
from tests.mailsettings import LOCMEM_BACKEND, SMTP_BACKEND, use_mail_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_port():
    """A local TCP port that nothing listens on: connecting is refused at once."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture
def failing_smtp(settings, closed_port):
    use_mail_backend(settings, SMTP_BACKEND, host="127.0.0.1", port=closed_port, timeout=2)
    return settings


def test_failing_smtp_server_loses_nothing(client, failing_smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:ask"), valid_data(), follow=True)
    ticket = Ticket.objects.get()
    assert response.status_code == 200 and ticket.reference in response.content.decode()
    pending = OutboxMessage.objects.filter(ticket=ticket)
    assert pending.count() == 2
    assert all(m.status == OutboxStatus.PENDING and m.attempts == 1 and m.last_error for m in pending)
    # A reply while the server is still down is stored and queued as well.
    from accounts.roles import ADVISEUR
    from tests.factories import UserFactory

    advisor = UserFactory(role=ADVISEUR)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(ticket=ticket, by=advisor, body="Ons antwoord")
    assert ticket.messages.filter(body="Ons antwoord").exists()
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 3
    # The server comes back: the beat's flush sends every message exactly once.
    use_mail_backend(failing_smtp, LOCMEM_BACKEND)
    OutboxMessage.objects.update(next_attempt_at=ticket.created_at)
    assert flush_outbox() == 3
    assert flush_outbox() == 0
    assert len(mail.outbox) == 3
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 3


def test_delivering_twice_sends_once(ticket):
    message = OutboxMessage.objects.create(to="a@example.nl", subject="Test", body="Hallo", ticket=ticket)
    assert deliver(message.pk) == "sent"
    assert deliver(message.pk) == "skipped"
    assert send_outbox_message(message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_message_fails_for_good_after_max_attempts(failing_smtp, ticket):
    failing_smtp.HELPDESK_OUTBOX_MAX_ATTEMPTS = 2
    message = OutboxMessage.objects.create(to="a@example.nl", subject="Test", body="Hallo", ticket=ticket)
    deliver(message.pk)
    deliver(message.pk)
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and message.attempts == 2
    assert "Connection" in message.last_error or "refused" in message.last_error.lower()


def test_follow_link_placeholder_becomes_a_fresh_token_at_send_time(ticket):
    message = OutboxMessage.objects.create(to="a@example.nl", subject="Test", body="Link: [[volglink]]", ticket=ticket)
    deliver(message.pk)
    body = mail.outbox[0].body
    token = body.split("/volg/")[1].strip().rstrip("/")
    assert services.ticket_for_token(token) == ticket
    message.refresh_from_db()
    assert token not in message.body


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_outbox_message_sent_by_a_real_worker(celery_worker):
    """Through Redis to a separate worker process, which marks the message sent in PostgreSQL."""
    from tests.helpdesk.factories import TicketFactory

    ticket = TicketFactory()
    message = OutboxMessage.objects.create(to="a@example.nl", subject="Worker", body="Hallo", ticket=ticket)
    send_outbox_message.apply_async(args=[message.pk], queue=celery_worker)
    send_outbox_message.apply_async(args=[message.pk], queue=celery_worker)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status == OutboxStatus.SENT:
            break
        time.sleep(0.2)
    time.sleep(0.5)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 1  # the second task found it sent and did nothing


def test_beat_schedule_names_registered_helpdesk_tasks():
    from django.conf import settings

    from portal.celery import app

    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"helpdesk.tasks.flush_outbox", "helpdesk.tasks.pseudonymise_expired_tickets"} <= names
    assert names <= set(app.tasks)


def test_soft_time_limit_is_not_swallowed_and_the_message_stays_pending(ticket, monkeypatch):
    """Regression (review I6): `except Exception` caught SoftTimeLimitExceeded and counted a failure."""
    from celery.exceptions import SoftTimeLimitExceeded

    from helpdesk import tasks

    message = services.queue_mail(
        to="a@example.nl",
        subject="Onderwerp",
        template="helpdesk/email/assigned.txt",
        context={"ticket": ticket, "url": "/"},
        ticket=ticket,
    )

    def out_of_time(self, *args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(tasks.EmailMessage, "send", out_of_time)
    with pytest.raises(SoftTimeLimitExceeded):
        deliver(message.pk)
    with pytest.raises(SoftTimeLimitExceeded):
        flush_outbox()
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.attempts == 0 and not message.last_error


def test_flush_outbox_stops_after_its_time_budget(ticket, monkeypatch):
    from helpdesk import tasks

    for n in range(3):
        services.queue_mail(
            to=f"a{n}@example.nl",
            subject="Onderwerp",
            template="helpdesk/email/assigned.txt",
            context={"ticket": ticket, "url": "/"},
            ticket=ticket,
        )
    clock = iter([0.0, 0.0, 10.0])
    monkeypatch.setattr(tasks, "_clock", lambda: next(clock))
    assert flush_outbox(budget_seconds=5) == 1
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 2
    monkeypatch.setattr(tasks, "_clock", lambda: 0.0)
    assert flush_outbox() == 2


def test_migration_strips_the_text_of_stored_errors(ticket):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("helpdesk.migrations.0005_outbox_last_error_without_addresses")
    message = services.queue_mail(
        to="a@example.nl",
        subject="Onderwerp",
        template="helpdesk/email/assigned.txt",
        context={"ticket": ticket, "url": "/"},
        ticket=ticket,
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        last_error="SMTPRecipientsRefused: {'a@example.nl': (550, b'unknown user')}"
    )
    migration.strip_error_texts(apps, None)
    message.refresh_from_db()
    assert message.last_error == "SMTPRecipientsRefused"
