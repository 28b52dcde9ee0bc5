"""The outbox moved from helpdesk to core: the migration keeps every queued, sent and failed message."""

import hashlib
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("helpdesk", "0004_message_thread_index"), ("core", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def old_apps(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate(latest())


def test_moving_the_outbox_to_core_keeps_every_message(old_apps, client):
    Ticket = old_apps.get_model("helpdesk", "Ticket")
    Old = old_apps.get_model("helpdesk", "OutboxMessage")
    ticket = Ticket.objects.create(
        reference="DIB-2026-000001",
        subject="Vraag",
        question="Vraag",
        employer_name="Bakkerij",
        contact_name="Fatima",
        contact_email="fatima@bakkerij.example",
        due_date=date(2026, 12, 1),
    )
    now = timezone.now()
    pending = Old.objects.create(
        to="fatima@bakkerij.example", subject="Ontvangen", body="Link:\n[[volglink]]\n", ticket=ticket
    )
    sent = Old.objects.create(
        to="team@example.nl", subject="Nieuw", body="Team", ticket=ticket, status="verzonden", sent_at=now, attempts=1
    )
    failed = Old.objects.create(
        to="x@example.nl",
        subject="Los",
        body="Zonder vraag",
        status="mislukt",
        attempts=8,
        last_error="SMTPRecipientsRefused: {'x@example.nl': (550, b'unknown')}",
        next_attempt_at=now + timedelta(hours=1),
    )

    new_apps = migrate(latest())

    New = new_apps.get_model("core", "OutboxMessage")
    assert New.objects.count() == 3
    moved = {m.pk: m for m in New.objects.all()}
    assert set(moved) == {pending.pk, sent.pk, failed.pk}
    ticket_type = new_apps.get_model("contenttypes", "ContentType").objects.get(app_label="helpdesk", model="ticket")
    # The queued message keeps its recipient and text, is still about its ticket, and its follow
    # link is issued now: the link works, only its hash is stored with the ticket.
    queued = moved[pending.pk]
    assert (queued.to, queued.subject, queued.status) == ("fatima@bakkerij.example", "Ontvangen", "wachtend")
    assert (queued.about_type_id, queued.about_id) == (ticket_type.pk, ticket.pk)
    assert queued.body == "Link:\n[[private-link]]\n"
    token = queued.private_link.rstrip("/").rsplit("/", 1)[1]
    assert (
        new_apps.get_model("helpdesk", "TicketAccessToken")
        .objects.filter(ticket_id=ticket.pk, token_hash=hashlib.sha256(token.encode()).hexdigest())
        .exists()
    )
    assert client.get(f"/helpdesk/volg/{token}/").status_code == 200
    # Sent and failed messages keep their state; the error text lost its address (0005).
    assert moved[sent.pk].status == "verzonden" and moved[sent.pk].sent_at == now and not moved[sent.pk].private_link
    assert moved[failed.pk].status == "mislukt" and moved[failed.pk].attempts == 8
    assert moved[failed.pk].last_error == "SMTPRecipientsRefused" and moved[failed.pk].about_id is None
    # New messages get fresh ids after the copied ones.
    assert New.objects.create(to="n@example.nl", subject="Nieuw", body="x").pk > max(moved)


def test_the_move_can_be_reversed(old_apps):
    Ticket = old_apps.get_model("helpdesk", "Ticket")
    Old = old_apps.get_model("helpdesk", "OutboxMessage")
    ticket = Ticket.objects.create(
        reference="DIB-2026-000002",
        subject="Vraag",
        question="Vraag",
        employer_name="Bakkerij",
        contact_name="Jan",
        due_date=date(2026, 12, 1),
    )
    message = Old.objects.create(to="jan@example.nl", subject="Ontvangen", body="[[volglink]]", ticket=ticket)
    migrate(latest())
    back = migrate(BEFORE)
    restored = back.get_model("helpdesk", "OutboxMessage").objects.get()
    assert (restored.pk, restored.ticket_id, restored.body) == (message.pk, ticket.pk, "[[volglink]]")
