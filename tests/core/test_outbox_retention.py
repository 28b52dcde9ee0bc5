"""How long the outbox keeps e-mails: sent and failed ones go after OUTBOX_RETENTION_DAYS, the
helpdesk's go with their question, and an account's go when it is deleted."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from core import retention
from core.models import OutboxMessage, OutboxStatus
from core.outbox import queue_mail
from core.tasks import purge_expired_outbox
from helpdesk import services as helpdesk_services
from tests.accounts.factories import UserFactory
from tests.helpdesk.factories import TicketFactory

pytestmark = pytest.mark.django_db


def message(*, days_old: int, status=OutboxStatus.SENT, about=None, to="iemand@example.nl") -> OutboxMessage:
    """An e-mail queued and (when sent or failed) finished `days_old` days ago."""
    queued = queue_mail(
        to=to,
        subject="Onderwerp",
        template="registration/signup_existing_email.txt",
        context={"user": None, "login_url": "/", "reset_url": "/"},
        about=about,
    )
    moment = timezone.now() - timedelta(days=days_old)
    OutboxMessage.objects.filter(pk=queued.pk).update(
        status=status,
        created_at=moment - timedelta(minutes=5),
        next_attempt_at=moment,
        sent_at=moment if status == OutboxStatus.SENT else None,
    )
    return queued


def remaining() -> set[int]:
    return set(OutboxMessage.objects.values_list("pk", flat=True))


def test_sent_and_failed_mail_older_than_the_retention_is_deleted(settings):
    settings.OUTBOX_RETENTION_DAYS = 90
    user = UserFactory()
    old_sent = message(days_old=91, about=user)  # a password reset or a verification
    old_failed = message(days_old=91, status=OutboxStatus.FAILED)
    old_unrelated = message(days_old=200)  # about nothing (a network's notice to a coordinator)
    recent_sent = message(days_old=89, about=user)
    recent_failed = message(days_old=10, status=OutboxStatus.FAILED)
    still_pending = message(days_old=120, status=OutboxStatus.PENDING)  # still due: never expired

    assert purge_expired_outbox() == 3
    assert remaining() == {recent_sent.pk, recent_failed.pk, still_pending.pk}
    assert old_sent.pk not in remaining() and old_failed.pk not in remaining() and old_unrelated.pk not in remaining()
    assert purge_expired_outbox() == 0  # idempotent


def test_the_retention_follows_the_setting(settings):
    kept = message(days_old=20)
    settings.OUTBOX_RETENTION_DAYS = 30
    assert purge_expired_outbox() == 0
    settings.OUTBOX_RETENTION_DAYS = 14
    assert purge_expired_outbox() == 1
    assert not OutboxMessage.objects.filter(pk=kept.pk).exists()


def test_a_sent_message_counts_from_when_it_was_sent_not_queued(settings):
    settings.OUTBOX_RETENTION_DAYS = 90
    late = message(days_old=10)
    OutboxMessage.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(days=300))
    assert purge_expired_outbox() == 0


def test_purge_works_in_batches_until_done(settings):
    settings.OUTBOX_RETENTION_DAYS = 1
    for _ in range(5):
        message(days_old=3)
    assert retention.purge_expired(batch_size=2) == 2
    assert purge_expired_outbox() == 3
    assert not OutboxMessage.objects.exists()


def test_mail_about_a_helpdesk_question_is_kept_with_the_question(settings):
    """The helpdesk's e-mails are part of the question's record until it is pseudonymised
    (HELPDESK_RETENTION_MONTHS), which strips them; the outbox's retention passes them by."""
    settings.OUTBOX_RETENTION_DAYS = 30
    ticket = TicketFactory(contact_email="fatima@bakkerij.example")
    about_ticket = message(days_old=400, about=ticket, to="fatima@bakkerij.example")
    other = message(days_old=400)
    assert purge_expired_outbox() == 1
    assert remaining() == {about_ticket.pk}
    assert other.pk not in remaining()
    # The question's own erasure still strips it.
    helpdesk_services.erase_requester_data(email="fatima@bakkerij.example", by=None)
    about_ticket.refresh_from_db()
    assert about_ticket.to == "" and about_ticket.body == helpdesk_services.PSEUDONYM


def test_a_resend_keeps_its_message_id_a_pending_message_is_never_purged(settings):
    """What the delivery guarantees rest on (one Message-ID for every copy) is a pending row; the
    purge only ever deletes rows that are finished."""
    settings.OUTBOX_RETENTION_DAYS = 1
    pending = message(days_old=30, status=OutboxStatus.PENDING)
    message_id = pending.message_id
    purge_expired_outbox()
    pending.refresh_from_db()
    assert pending.message_id == message_id and pending.status == OutboxStatus.PENDING


def test_forget_address_deletes_the_mail_to_it_sent_or_not(settings):
    ticket = TicketFactory(contact_email="anna@example.nl")
    sent = message(days_old=1, to="anna@example.nl")
    pending = message(days_old=0, status=OutboxStatus.PENDING, to="Anna@Example.nl")
    about_ticket = message(days_old=1, about=ticket, to="anna@example.nl")
    to_someone_else = message(days_old=1, to="bert@example.nl")

    assert retention.forget_address(" anna@example.nl ") == 2
    assert not OutboxMessage.objects.filter(pk__in=[sent.pk, pending.pk]).exists()
    assert remaining() == {about_ticket.pk, to_someone_else.pk}  # the helpdesk strips its own
    assert retention.forget_address("") == 0


def test_the_nightly_purge_is_scheduled_and_registered():
    from portal.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-purge"]
    assert entry["task"] == "core.tasks.purge_expired_outbox" and entry["task"] in app.tasks


def test_a_retention_below_one_day_stops_the_start():
    env = {**os.environ, "OUTBOX_RETENTION_DAYS": "0", "DJANGO_SETTINGS_MODULE": "portal.settings.base"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "OUTBOX_RETENTION_DAYS must be at least 1" in result.stderr
