"""Celery tasks of the impact report."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from impact import production
from impact.periods import last_complete_half_year

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    # Acknowledged only after it finished; a worker (or pool child) that dies mid-way gives the
    # message back (reject_on_worker_lost), and the Redis broker hands it out again after the
    # visibility timeout when the whole worker died. production.produce_report makes reruns harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    soft_time_limit=settings.IMPACT_REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.IMPACT_REPORT_TIME_LIMIT,
)
def produce_report(self, report_id: int) -> bool:
    try:
        return production.produce_report(report_id=report_id)
    except TRANSIENT as error:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
        production.mark_report_failed(report_id=report_id, error=error)
        raise
    except Exception as error:
        logger.exception("impact report %s failed", report_id)
        production.mark_report_failed(report_id=report_id, error=error)
        raise


def produce_after_commit(report_id: int) -> None:
    """Send produce_report for the report once the surrounding transaction commits, on
    IMPACT_REPORT_QUEUE. robust: a broker that is down must not break the request; asking again
    re-sends it."""
    queue = settings.IMPACT_REPORT_QUEUE or None
    transaction.on_commit(lambda: produce_report.apply_async(args=[report_id], queue=queue), robust=True)


@shared_task(acks_late=True)
def produce_half_year_report() -> int:
    """Beat: ask for the report of the half-year that ended last (idempotent: one report per period),
    as impact.services.request_report does for a request from the page."""
    with transaction.atomic():
        report, send_task = production.record_request(
            period=last_complete_half_year(timezone.localdate()), scheduled=True
        )
        if send_task:
            produce_after_commit(report.pk)
    return report.pk
