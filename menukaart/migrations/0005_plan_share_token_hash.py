"""Shared-plan tokens are stored as their SHA-256 hash, like helpdesk follow links (issue 7).

Existing links keep working: their tokens are hashed in place before the clear-text column goes.
"""

import hashlib

from django.db import migrations, models


def hash_existing_tokens(apps, schema_editor):
    Plan = apps.get_model("menukaart", "Plan")
    for plan in Plan.objects.exclude(share_token=None).only("pk", "share_token"):
        Plan.objects.filter(pk=plan.pk).update(share_token_hash=hashlib.sha256(plan.share_token.encode()).hexdigest())


class Migration(migrations.Migration):
    dependencies = [
        ("menukaart", "0004_selfscan_plan_progress"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="share_token_hash",
            field=models.CharField(
                blank=True, editable=False, max_length=64, null=True, unique=True, verbose_name="deellink-code (hash)"
            ),
        ),
        # Forwards only: the clear-text tokens cannot be recovered from their hashes.
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="plan", name="share_token"),
    ]
