"""The e-mail outbox moved to core (core.OutboxMessage): copy every message, queued, sent or failed,
with its id, so tasks already waiting in the broker still find their message.

The ticket foreign key becomes core's generic `about` reference. The follow-link placeholder of a
message not yet sent becomes a follow link issued now (only its hash is stored with the ticket; the
link itself waits in the outbox row until the message is sent), as core.outbox expects.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations
from django.urls import reverse
from django.utils import timezone, translation

OLD_PLACEHOLDER = "[[volglink]]"
NEW_PLACEHOLDER = "[[private-link]]"
FIELDS = ["to", "subject", "status", "attempts", "last_error", "created_at", "next_attempt_at", "sent_at"]


def _follow_link(apps, ticket_id: int) -> str:
    TicketAccessToken = apps.get_model("helpdesk", "TicketAccessToken")
    token = secrets.token_urlsafe(32)
    TicketAccessToken.objects.create(
        ticket_id=ticket_id, token_hash=hashlib.sha256(token.encode()).hexdigest(), created_at=timezone.now()
    )
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("helpdesk:follow", kwargs={"token": token})
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def copy_to_core(apps, schema_editor):
    Old = apps.get_model("helpdesk", "OutboxMessage")
    New = apps.get_model("core", "OutboxMessage")
    if not Old.objects.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    ticket_type, _created = ContentType.objects.get_or_create(app_label="helpdesk", model="ticket")
    batch = []
    for old in Old.objects.order_by("pk").iterator(chunk_size=500):
        body, private_link = old.body, ""
        if OLD_PLACEHOLDER in body:
            body = body.replace(OLD_PLACEHOLDER, NEW_PLACEHOLDER)
            if old.status != "verzonden" and old.ticket_id and old.to:
                private_link = _follow_link(apps, old.ticket_id)
        batch.append(
            New(
                id=old.pk,
                body=body,
                private_link=private_link,
                about_type=ticket_type if old.ticket_id else None,
                about_id=old.ticket_id,
                **{name: getattr(old, name) for name in FIELDS},
            )
        )
        if len(batch) >= 500:
            New.objects.bulk_create(batch)
            batch = []
    New.objects.bulk_create(batch)
    # The ids were copied: move the id sequence past them (PostgreSQL; a no-op on SQLite).
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [New]):
            cursor.execute(statement)


def copy_back(apps, schema_editor):
    Old = apps.get_model("helpdesk", "OutboxMessage")
    New = apps.get_model("core", "OutboxMessage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ticket_type = ContentType.objects.filter(app_label="helpdesk", model="ticket").first()
    rows = New.objects.filter(about_type=ticket_type) if ticket_type else New.objects.none()
    Old.objects.bulk_create(
        Old(
            id=new.pk,
            body=new.body.replace(NEW_PLACEHOLDER, OLD_PLACEHOLDER),
            ticket_id=new.about_id,
            **{name: getattr(new, name) for name in FIELDS},
        )
        for new in rows.order_by("pk").iterator(chunk_size=500)
    )
    rows.delete()
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Old]):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0005_outbox_last_error_without_addresses"),
        ("core", "0002_outbox"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_to_core, copy_back)]
