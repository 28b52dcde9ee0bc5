import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """When a network, meeting or public date last changed: the open data's ETag and Last-Modified
    and the events feed need it. Existing rows get the time of the migration."""

    dependencies = [("communities", "0003_rolemodel_erased_at")]

    operations = [
        migrations.AddField(
            model_name="network",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="bijgewerkt op"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="meeting",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="bijgewerkt op"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="event",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="bijgewerkt op"),
            preserve_default=False,
        ),
    ]
