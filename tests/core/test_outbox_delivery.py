"""When an e-mail goes out twice, both copies are the same message and both links work (issue 7,
finding 5): a worker killed mid-send, and a mail server that accepts but answers after the timeout.

A real SMTP conversation (tests/smtpserver.py) and, for the kill, a real Celery worker process."""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from core.delivery import deliver
from core.models import OutboxMessage, OutboxStatus
from core.tasks import flush_outbox, send_outbox_message
from helpdesk import permissions, services
from portal.celery import app as celery_app
from tests.helpdesk.factories import TicketFactory
from tests.mailsettings import SMTP_BACKEND, use_mail_backend
from tests.smtpserver import FakeSMTPServer

pytestmark = pytest.mark.django_db


def follow_token(received) -> str:
    body = received.get_payload(decode=True).decode()
    link = next(line for line in body.splitlines() if "/helpdesk/volg/" in line)
    return link.strip().rstrip("/").rsplit("/", 1)[1]


def queue_confirmation(ticket) -> OutboxMessage:
    services.mail_requester(
        ticket=ticket,
        subject="Uw vraag is ontvangen",
        template="helpdesk/email/received.txt",
        context={"ticket": ticket},
    )
    return OutboxMessage.objects.about(ticket).get()


def lease_runs_out(message: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        sending_since=timezone.now() - timedelta(seconds=settings.OUTBOX_SEND_LEASE_SECONDS + 1)
    )


def test_a_server_that_answers_after_the_timeout_gets_the_same_message_twice_and_both_links_work(settings):
    ticket = TicketFactory()
    with FakeSMTPServer(hold_after_data=True) as server:
        use_mail_backend(settings, SMTP_BACKEND, host="127.0.0.1", port=server.port, timeout=1)
        message = queue_confirmation(ticket)
        # The server took the whole message but did not say "250" in time: we cannot know.
        assert deliver(message.pk) == "failed"
        server.release()
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        assert flush_outbox() == 1
    first, second = server.received
    assert first["Message-ID"] == second["Message-ID"] == message.message_id
    assert follow_token(first) == follow_token(second)
    assert permissions.ticket_for_token(follow_token(first)) == ticket
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 2 and message.private_link == ""


def test_celery_redelivers_a_task_whose_worker_died_and_gives_redis_time_for_the_longest_wait():
    assert celery_app.conf.task_acks_late and celery_app.conf.task_reject_on_worker_lost
    visibility = celery_app.conf.broker_transport_options["visibility_timeout"]
    assert visibility > settings.CELERY_TASK_TIME_LIMIT
    assert visibility > 3600  # the outbox's longest retry countdown


def start_worker(queue: str, smtp_port: int, log_path) -> subprocess.Popen:
    """A worker process of its own (the suite's shared one must survive), sending through SMTP."""
    db = settings.DATABASES["default"]
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{host}:{port}/{db['NAME']}",
        "CELERY_WORKER_TEST_MODE": "1",
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "60",
    }
    hostname = f"{queue}@{socket.gethostname()}"
    command = [
        sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--concurrency=1",
        "-Q", queue, "--hostname", hostname, "--without-gossip", "--without-mingle", "--loglevel=INFO",
    ]  # fmt: skip
    log = log_path.open("w")
    worker = subprocess.Popen(  # noqa: S603
        command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, text=True
    )
    deadline = time.monotonic() + 60
    while not celery_app.control.ping(destination=[hostname], timeout=1):
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            raise RuntimeError(f"The Celery worker did not start:\n{log_path.read_text()}")
    return worker


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_leaves_a_record_and_the_resend_is_the_same_message(
    tmp_path, settings, monkeypatch
):
    ticket = TicketFactory()
    queue = f"test-kill-{uuid.uuid4().hex[:12]}"
    with FakeSMTPServer(hold_after_data=True) as server:
        worker = start_worker(queue, server.port, tmp_path / "worker.log")
        try:
            with monkeypatch.context() as patch:
                patch.setattr(send_outbox_message, "delay", lambda message_id: None)  # sent below, to our worker
                message = queue_confirmation(ticket)
            previous_eager = celery_app.conf.task_always_eager
            celery_app.conf.task_always_eager = False
            try:
                send_outbox_message.apply_async(args=[message.pk], queue=queue)
            finally:
                celery_app.conf.task_always_eager = previous_eager
            # The server has the whole message; before it answers, the worker is killed.
            assert server.data_received.wait(60), (tmp_path / "worker.log").read_text()
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=20)
        finally:
            if worker.poll() is None:
                worker.kill()
        # The attempt was recorded before the server heard of it.
        message.refresh_from_db()
        assert message.status == OutboxStatus.PENDING and message.attempts == 1 and message.sending_since
        assert message.private_link and message.message_id
        # Within the lease nobody sends it again (it might be on its way); after it, it goes once more.
        assert flush_outbox() == 0
        lease_runs_out(message)
        server.release()
        use_mail_backend(settings, SMTP_BACKEND, host="127.0.0.1", port=server.port, timeout=10)
        assert flush_outbox() == 1
    first, second = server.received
    assert first["Message-ID"] == second["Message-ID"] == message.message_id
    assert follow_token(first) == follow_token(second)
    assert permissions.ticket_for_token(follow_token(first)) == ticket
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.private_link == ""
