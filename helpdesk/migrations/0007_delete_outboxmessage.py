"""The helpdesk's own outbox table goes, now that its rows are in core (0006)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0006_outbox_to_core")]

    operations = [
        migrations.RemoveIndex(model_name="outboxmessage", name="helpdesk_outbox_due_idx"),
        migrations.DeleteModel(name="OutboxMessage"),
    ]
