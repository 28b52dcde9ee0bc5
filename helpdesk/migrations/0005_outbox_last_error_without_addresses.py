"""Outbox errors were stored as "Class: text", and SMTP error texts quote recipients' addresses.
Keep only the class name of the errors already stored (new ones never hold the text)."""

from django.db import migrations


def strip_error_texts(apps, schema_editor):
    OutboxMessage = apps.get_model("helpdesk", "OutboxMessage")
    for message in OutboxMessage.objects.exclude(last_error="").only("pk", "last_error").iterator():
        name = message.last_error.split(":", 1)[0].strip()[:100]
        if name != message.last_error:
            OutboxMessage.objects.filter(pk=message.pk).update(last_error=name)


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0004_message_thread_index")]

    operations = [migrations.RunPython(strip_error_texts, migrations.RunPython.noop)]
