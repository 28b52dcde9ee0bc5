"""Celery tasks of the impact report."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from impact import services
from impact.periods import last_complete_half_year

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    # Acknowledged only after it finished; a worker (or pool child) that dies mid-way gives the
    # message back (reject_on_worker_lost), and the Redis broker hands it out again after the
    # visibility timeout when the whole worker died. services.produce_report makes reruns harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    soft_time_limit=settings.IMPACT_REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.IMPACT_REPORT_TIME_LIMIT,
)
def produce_report(self, report_id: int) -> bool:
    try:
        return services.produce_report(report_id=report_id)
    except TRANSIENT as error:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
        services.mark_report_failed(report_id=report_id, error=error)
        raise
    except Exception as error:
        logger.exception("impact report %s failed", report_id)
        services.mark_report_failed(report_id=report_id, error=error)
        raise


@shared_task(acks_late=True)
def produce_half_year_report() -> int:
    """Beat: ask for the report of the half-year that ended last (idempotent: one report per period)."""
    report = services.request_report(period=last_complete_half_year(timezone.localdate()), scheduled=True)
    return report.pk
