"""Demo editorial state for `make run`: content loaded from the source documents counts as checked
recently, except three measures, so Beheer's "Toe aan een inhoudelijke controle" block
shows a short, realistic list instead of every item.

Run by `manage.py load_demo` after load_menukaart. Idempotent: only items never checked are touched.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from menukaart.attention import CONTENT_MODELS
from menukaart.models import Measure, Status

DUE_MEASURES = 3


class Command(BaseCommand):
    help = "Mark demo content as recently checked, leaving three measures due for review (development only)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        overdue = today - timedelta(days=settings.MENUKAART_REVIEW_INTERVAL_DAYS + 30)
        due = list(
            Measure.objects.filter(status=Status.PUBLISHED, reviewed_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:DUE_MEASURES]
        )
        Measure.objects.filter(pk__in=due).update(reviewed_at=overdue)
        for model in CONTENT_MODELS:
            model.objects.filter(reviewed_at__isnull=True).update(reviewed_at=today - timedelta(days=60))
