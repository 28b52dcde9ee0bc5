from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from menukaart.models import Plan, Scan


@shared_task(ignore_result=True)
def purge_unreachable_visitor_plans() -> int:
    """Delete plans made without an account whose session has certainly expired.

    Such a plan can only be found through its session; once the session is gone nobody can reach
    it, so keeping its notes would be keeping data for nothing (privacy by design). A plan that was
    shared is kept while its link works. Idempotent.
    """
    cutoff = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    deleted, _details = Plan.objects.filter(user=None, share_token_hash=None, updated_at__lt=cutoff).delete()
    # The same holds for a self-scan made without an account and never saved by signing up.
    scans, _details = Scan.objects.filter(user=None, updated_at__lt=cutoff).delete()
    return deleted + scans


@shared_task(ignore_result=True, acks_late=True, soft_time_limit=3000, time_limit=3600)
def check_material_links() -> int:
    """Weekly: follow each published material's link and record failures for the Beheer start page.
    Idempotent (one result row per material, overwritten)."""
    from menukaart.linkcheck import check_material_links as run

    _checked, failed = run()
    return failed
