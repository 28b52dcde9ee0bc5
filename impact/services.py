"""Writes of the impact report: asking for a report, partner input and agreements. Producing the
report is impact.production's work, run by the task in impact.tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from impact import production
from impact.tasks import produce_after_commit

if TYPE_CHECKING:
    from accounts.models import Organisation, User
    from impact.forms import PartnerInputForm
    from impact.models import PartnerInput, Report
    from impact.periods import Period


@transaction.atomic
def request_report(*, period: Period, by: User | None = None, scheduled: bool = False) -> Report:
    """Ask for the report of `period`; returns its row. Safe to call any number of times, also
    concurrently: there is one row per period, and a task is sent only for a new row, a failed
    one, or one that has waited longer than IMPACT_REPORT_STALE_SECONDS (its message was lost)."""
    report, send_task = production.record_request(period=period, by=by, scheduled=scheduled)
    if send_task:
        produce_after_commit(report.pk)
    return report


@transaction.atomic
def save_partner_input(*, form: PartnerInputForm, organisation: Organisation, by: User) -> PartnerInput:
    """Save a partner's input for the half-year chosen in the form (one per partner and half-year)."""
    period = form.period
    item = form.save(commit=False)
    item.organisation = organisation
    item.period_start, item.period_end = period.start, period.end
    item.updated_by = by
    item.save()
    form.save_m2m()
    return item
