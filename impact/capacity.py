"""The capacity dashboard: today's queue, with the impact report's definitions.

Capacity uses the report's own figure functions (impact.figures.helpdesk.employers_with_question
and norm_capacity) over the last 365 days, so the dashboard and the report cannot disagree.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q

from accounts.models import Organisation
from helpdesk.forms import advisors
from helpdesk.models import OPEN_STATUSES, Ticket
from impact.figures.base import Context
from impact.figures.helpdesk import employers_with_question, norm_capacity
from impact.periods import Period
from menukaart.models import Theme


def open_and_overdue(today: date) -> dict:
    """Open questions (new, in progress, waiting for the employer, reopened; duplicates merged into
    another question left out) and those of them whose due date is before today."""
    open_q = Q(status__in=OPEN_STATUSES, merged_into__isnull=True)
    return Ticket.objects.aggregate(
        open=Count("pk", filter=open_q),
        unassigned=Count("pk", filter=open_q & Q(assigned_to__isnull=True)),
        overdue=Count("pk", filter=open_q & Q(due_date__lt=today)),
    )


def per_advisor(today: date):
    """Per advisor: open questions assigned to them and how many of those are overdue."""
    return (
        advisors()
        .annotate(
            open_count=Count(
                "assigned_tickets",
                filter=Q(assigned_tickets__status__in=OPEN_STATUSES, assigned_tickets__merged_into__isnull=True),
            ),
            overdue_count=Count(
                "assigned_tickets",
                filter=Q(
                    assigned_tickets__status__in=OPEN_STATUSES,
                    assigned_tickets__merged_into__isnull=True,
                    assigned_tickets__due_date__lt=today,
                ),
            ),
        )
        .order_by("first_name", "last_name", "username")
    )


def per_theme(today: date):
    """Per theme: open questions with that theme and how many are overdue (a question can have several themes)."""
    open_q = Q(tickets__status__in=OPEN_STATUSES, tickets__merged_into__isnull=True)
    return (
        Theme.objects.annotate(
            open_count=Count("tickets", filter=open_q),
            overdue_count=Count("tickets", filter=open_q & Q(tickets__due_date__lt=today)),
        )
        .filter(open_count__gt=0)
        .order_by("-overdue_count", "-open_count", "name")
    )


def per_partner(today: date) -> dict:
    """Per referring partner: open questions it referred and how many are overdue; plus the direct ones."""
    open_q = Q(referred_tickets__status__in=OPEN_STATUSES, referred_tickets__merged_into__isnull=True)
    partners = (
        Organisation.objects.filter(referred_tickets__isnull=False)
        .distinct()
        .annotate(
            open_count=Count("referred_tickets", filter=open_q),
            overdue_count=Count("referred_tickets", filter=open_q & Q(referred_tickets__due_date__lt=today)),
        )
        .order_by("name")
    )
    direct_q = Q(status__in=OPEN_STATUSES, merged_into__isnull=True, referring_organisation__isnull=True)
    direct = Ticket.objects.aggregate(
        open_count=Count("pk", filter=direct_q), overdue_count=Count("pk", filter=direct_q & Q(due_date__lt=today))
    )
    return {"partners": partners, "direct": direct}


def capacity(today: date) -> dict:
    """The report's capacity figure over the last 365 days, and the fte needed by the norm."""
    year = Period(today - timedelta(days=364), today)
    context = Context(periods=[year.previous(), year], today=today)
    employers = employers_with_question(context)[-1]
    norm = norm_capacity(context)[-1]
    per_fte = settings.HELPDESK_EMPLOYERS_PER_FTE
    needed = round(employers / per_fte, 1) if per_fte else 0.0
    return {
        "employers": employers,
        "capacity": norm,
        "fte": settings.HELPDESK_ADVISOR_FTE,
        "per_fte": per_fte,
        "needed_fte": needed,
        "extra_fte": max(round(needed - settings.HELPDESK_ADVISOR_FTE, 1), 0.0),
        "utilisation": round(100 * employers / norm) if norm else 0,
    }


def dashboard(*, today: date) -> dict:
    totals = open_and_overdue(today)
    overdue_share = round(100 * totals["overdue"] / totals["open"]) if totals["open"] else 0
    return {
        "totals": totals,
        "overdue_share": overdue_share,
        "capacity": capacity(today),
        "per_advisor": per_advisor(today),
        "per_theme": per_theme(today),
        "per_partner": per_partner(today),
    }
