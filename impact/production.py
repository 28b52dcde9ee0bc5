"""Producing the impact report: the work of the tasks in impact.tasks (asked for through
impact.services.request_report and the half-year beat task).

Producing a report is idempotent. The report's row is the guard: one row per period (unique
constraint), locked (SELECT ... FOR UPDATE) while it is computed, and written complete with its
figures in the same transaction that sets its status. A second task for the same report waits for
the lock and then finds it complete; a task whose worker died holds no lock any more (its database
session ends with it), so the redelivered task computes it again from scratch. Nobody ever sees a
half-written report: the page shows only complete ones.
"""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from core.outbox import queue_mail
from helpdesk.models import Ticket
from impact.figures import REGISTRY, Context, build
from impact.figures.extra import agreements_of_previous_meeting, partner_input
from impact.models import Report, ReportStatus
from impact.periods import Period, trend_periods

if TYPE_CHECKING:
    from collections.abc import Callable

    from accounts.models import User

logger = logging.getLogger(__name__)


def progress_key(report_id: int) -> str:
    return f"impact:report:{report_id}:progress"


def report_progress(report_id: int) -> dict | None:
    """{"done": n, "total": m, "step": title} while a worker computes the report, else None."""
    return cache.get(progress_key(report_id))


def record_request(*, period: Period, by: User | None = None, scheduled: bool = False) -> tuple[Report, bool]:
    """The report row of `period`, and whether a task must be sent to produce it: for a new row, a
    failed one, or one that has waited longer than IMPACT_REPORT_STALE_SECONDS (its message was
    lost), which go back to pending. Safe to call concurrently: there is one row per period."""
    report, created = Report.objects.get_or_create(
        period_start=period.start,
        period_end=period.end,
        defaults={"requested_by": by if by and by.is_authenticated else None, "scheduled": scheduled},
    )
    if created:
        return report, True
    stale = timezone.now() - timedelta(seconds=settings.IMPACT_REPORT_STALE_SECONDS)
    if report.status == ReportStatus.FAILED or (report.status == ReportStatus.PENDING and report.requested_at < stale):
        Report.objects.filter(pk=report.pk).exclude(status=ReportStatus.COMPLETE).update(
            status=ReportStatus.PENDING, requested_at=timezone.now(), last_error=""
        )
        report.refresh_from_db()
        return report, True
    return report, False


def earliest_data_day() -> date | None:
    """The day of the first question: how far back the trend can go (one indexed query)."""
    first = Ticket.objects.order_by("created_at").values_list("created_at", flat=True).first()
    return timezone.localtime(first).date() if first else None


def compute_figures(
    *, period: Period, today: date, on_step: Callable[[int, int, str], object] | None = None
) -> dict:
    """Every figure of the report, as plain JSON (suppression applied), plus the agreements and partner input."""
    periods = trend_periods(period, earliest=earliest_data_day(), maximum=settings.IMPACT_TREND_MAX_PERIODS)
    context = Context(periods=periods, today=today)
    figures = []
    specs = list(REGISTRY.values())
    for number, spec in enumerate(specs):
        if on_step:
            on_step(number, len(specs), str(spec.title))
        figures.append(build(spec, context))
    return {
        "version": 1,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
        "periods": [{"start": p.start.isoformat(), "end": p.end.isoformat(), "label": p.label} for p in periods],
        "figures": figures,
        "agreements": agreements_of_previous_meeting(period),
        "partner_input": partner_input(period),
        "computed_on": today.isoformat(),
    }


def produce_report(*, report_id: int) -> bool:
    """Compute and store the report (the task calls this). Returns False when there was nothing to do."""
    started = time.monotonic()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A worker that died leaves its database session behind until the session notices;
            # this makes the session check its client every few seconds, so its lock goes soon.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL client_connection_check_interval = '2s'")
                # The report is some thirty grouped queries: compiling each with JIT costs more
                # (about half a second a query) than it saves.
                cursor.execute("SET LOCAL jit = off")
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status == ReportStatus.COMPLETE:
            return False
        period = Period(report.period_start, report.period_end)

        def on_step(done: int, total: int, step: str) -> None:
            cache.set(progress_key(report.pk), {"done": done, "total": total, "step": step}, timeout=3600)

        report.data = compute_figures(period=period, today=timezone.localdate(), on_step=on_step)
        report.status = ReportStatus.COMPLETE
        report.completed_at = timezone.now()
        report.attempts += 1
        report.last_error = ""
        report.duration_ms = int((time.monotonic() - started) * 1000)
        report.save()
        transaction.on_commit(lambda: cache.delete(progress_key(report.pk)))
        _mail_distribution(report)
    logger.info("impact report %s produced in %s ms", report.pk, report.duration_ms)
    return True


def _mail_distribution(report: Report) -> None:
    """One e-mail per address on the distribution list, in the transaction that completes the report."""
    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("impact:report_detail", kwargs={"pk": report.pk})
    period = Period(report.period_start, report.period_end)
    for address in settings.IMPACT_REPORT_DISTRIBUTION:
        queue_mail(
            to=address,
            subject=f"Impactrapportage {period.label}",
            template="impact/email/report_ready.txt",
            context={"period": period, "url": url},
        )


def mark_report_failed(*, report_id: int, error: BaseException) -> None:
    """Record a failure (the class name only: an error text could quote data). A new request retries."""
    Report.objects.filter(pk=report_id).exclude(status=ReportStatus.COMPLETE).update(
        status=ReportStatus.FAILED, last_error=type(error).__name__[:200]
    )
    cache.delete(progress_key(report_id))
