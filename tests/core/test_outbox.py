"""E-mail goes through the shared outbox (core.outbox): nothing is lost when the mail server fails,
a resend is harmless, and an app finds its own messages again (for erasure)."""

import ast
import socket
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core import delivery, tasks
from core.delivery import deliver
from core.models import PRIVATE_LINK_PLACEHOLDER, OutboxMessage, OutboxStatus
from core.outbox import queue_mail
from core.tasks import flush_outbox, send_outbox_message
from helpdesk import services
from helpdesk.models import Ticket
from tests.helpdesk.factories import TicketFactory, ask_form_data
from tests.mailsettings import LOCMEM_BACKEND, SMTP_BACKEND, use_mail_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(db):
    return TicketFactory()


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


def queue(ticket, *, to="a@example.nl", private_link="", **kwargs) -> OutboxMessage:
    """A message about `ticket`; with a private link, the requester's "received" e-mail that shows it."""
    return queue_mail(
        to=to,
        subject="Onderwerp",
        template="helpdesk/email/received.txt" if private_link else "helpdesk/email/assigned.txt",
        context={"ticket": ticket, "url": "/"},
        about=ticket,
        private_link=private_link,
        **kwargs,
    )


def test_failing_smtp_server_loses_nothing(client, failing_smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:ask"), ask_form_data(), follow=True)
    ticket = Ticket.objects.get()
    assert response.status_code == 200 and ticket.reference in response.content.decode()
    pending = OutboxMessage.objects.filter(ticket=ticket)
    assert pending.count() == 2
    assert all(m.status == OutboxStatus.PENDING and m.attempts == 1 and m.last_error for m in pending)
    # A reply while the server is still down is stored and queued as well.
    from accounts.roles import ADVISEUR
    from tests.accounts.factories import UserFactory

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


def test_queue_mail_renders_the_template_and_sends_after_commit(ticket, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = queue(ticket)
        assert message.status == OutboxStatus.PENDING and not mail.outbox
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.sent_at and message.attempts == 1
    assert ticket.reference in message.body
    assert mail.outbox[0].to == ["a@example.nl"] and mail.outbox[0].subject == "Onderwerp"


def test_queue_mail_works_without_a_subject_row_and_with_extra_headers(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_mail(
            to="b@example.nl",
            subject="Welkom\nbij het netwerk",
            template="helpdesk/email/team_new.txt",
            context={"ticket": None, "url": "/x/"},
            headers={"List-Unsubscribe": "<https://example.nl/af/>"},
        )
    message.refresh_from_db()
    assert message.about is None and message.subject == "Welkom bij het netwerk"
    assert mail.outbox[0].extra_headers["List-Unsubscribe"] == "<https://example.nl/af/>"


def test_delivering_twice_sends_once(ticket):
    message = queue(ticket)
    assert deliver(message.pk) == "sent"
    assert deliver(message.pk) == "skipped"
    assert send_outbox_message(message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_message_fails_for_good_after_max_attempts(failing_smtp, ticket):
    failing_smtp.OUTBOX_MAX_ATTEMPTS = 2
    message = queue(ticket)
    deliver(message.pk)
    deliver(message.pk)
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and message.attempts == 2 and message.sending_since is None
    assert "Connection" in message.last_error or "refused" in message.last_error.lower()


def test_a_message_without_recipient_fails_without_sending(ticket):
    message = queue(ticket)
    OutboxMessage.objects.filter(pk=message.pk).update(to="")
    assert deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and not mail.outbox


def test_the_private_link_is_sent_and_then_erased_from_the_database(ticket):
    message = queue(ticket, private_link="https://portal.example/volg/geheim/")
    message.refresh_from_db()
    assert "geheim" not in message.body
    deliver(message.pk)
    assert "https://portal.example/volg/geheim/" in mail.outbox[0].body
    assert PRIVATE_LINK_PLACEHOLDER not in mail.outbox[0].body
    message.refresh_from_db()
    assert message.private_link == "" and "geheim" not in message.body


def test_every_message_has_its_own_message_id_stored_before_sending(ticket, failing_smtp):
    first, second = queue(ticket), queue(ticket)
    assert first.message_id and second.message_id and first.message_id != second.message_id
    assert first.message_id.startswith("<") and first.message_id.endswith("@example.nl>")
    deliver(first.pk)  # the server is down: the attempt is on record with its Message-ID
    stored = OutboxMessage.objects.get(pk=first.pk)
    assert stored.attempts == 1 and stored.message_id == first.message_id


def test_the_sent_email_carries_the_stored_message_id(ticket):
    message = queue(ticket)
    deliver(message.pk)
    assert mail.outbox[0].message()["Message-ID"] == message.message_id


def test_a_message_another_worker_is_sending_is_skipped_until_its_lease_runs_out(ticket):
    message = queue(ticket)
    OutboxMessage.objects.filter(pk=message.pk).update(sending_since=timezone.now(), attempts=1)
    assert deliver(message.pk) == "skipped"
    assert flush_outbox() == 0
    # The worker that claimed it died mid-send: after the lease the message goes out after all.
    OutboxMessage.objects.filter(pk=message.pk).update(
        sending_since=timezone.now() - timedelta(seconds=settings.OUTBOX_SEND_LEASE_SECONDS + 1)
    )
    assert flush_outbox() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 2 and message.sending_since is None


def test_the_send_lease_outlasts_the_longest_task():
    assert settings.OUTBOX_SEND_LEASE_SECONDS > settings.CELERY_TASK_TIME_LIMIT
    assert settings.OUTBOX_SEND_LEASE_SECONDS > tasks.FLUSH_TIME_BUDGET_SECONDS + 60


def test_an_app_finds_its_own_messages_through_about(ticket):
    other = TicketFactory()
    mine = queue(ticket)
    queue(other)
    assert list(OutboxMessage.objects.about(ticket)) == [mine]
    assert list(ticket.outbox.all()) == [mine]
    assert list(OutboxMessage.objects.filter(ticket=ticket)) == [mine]
    assert mine.about == ticket


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_outbox_message_sent_by_a_real_worker(celery_worker):
    """Through Redis to a separate worker process, which marks the message sent in PostgreSQL."""
    ticket = TicketFactory()
    message = queue(ticket)
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


def test_beat_schedule_names_registered_tasks():
    from portal.celery import app

    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["helpdesk-flush-outbox"]["task"] == "core.tasks.flush_outbox"
    names = {entry["task"] for entry in schedule.values()}
    assert {"core.tasks.flush_outbox", "helpdesk.tasks.pseudonymise_expired_tickets"} <= names
    assert names <= set(app.tasks)
    # Task messages queued under the old names before the move still find a task.
    assert {"helpdesk.tasks.send_outbox_message", "helpdesk.tasks.flush_outbox"} <= set(app.tasks)


def test_a_task_queued_under_its_old_helpdesk_name_still_sends(ticket):
    from portal.celery import app

    message = queue(ticket)
    app.tasks["helpdesk.tasks.send_outbox_message"].delay(message.pk)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and len(mail.outbox) == 1


def test_soft_time_limit_is_not_swallowed_and_the_message_stays_pending(ticket, monkeypatch):
    """Regression (review I6): `except Exception` caught SoftTimeLimitExceeded and counted a failure."""
    from celery.exceptions import SoftTimeLimitExceeded

    message = queue(ticket)

    def out_of_time(self, *args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(delivery.EmailMessage, "send", out_of_time)
    with pytest.raises(SoftTimeLimitExceeded):
        deliver(message.pk)
    with pytest.raises(SoftTimeLimitExceeded):
        flush_outbox()
    message.refresh_from_db()
    # The attempts are on record, the claim is released: the next flush tries again at once.
    assert message.status == OutboxStatus.PENDING and message.attempts == 2 and not message.last_error
    assert message.sending_since is None


def test_flush_outbox_stops_after_its_time_budget(ticket, monkeypatch):
    for n in range(3):
        queue(ticket, to=f"a{n}@example.nl")
    clock = iter([0.0, 0.0, 10.0])
    monkeypatch.setattr(tasks, "_clock", lambda: next(clock))
    assert flush_outbox(budget_seconds=5) == 1
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 2
    monkeypatch.setattr(tasks, "_clock", lambda: 0.0)
    assert flush_outbox() == 2


def test_core_imports_no_app_that_uses_it():
    """core is shared: helpdesk, accounts and communities import it, never the other way round."""
    core = Path(settings.BASE_DIR) / "core"
    area_apps = {"helpdesk", "communities", "menukaart"}
    offenders = []
    for path in core.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in area_apps]
    assert offenders == []
