"""Figures for the capacity dashboard and the impact report. All aggregated in the database."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import Lower, TruncWeek
from django.utils import timezone

from helpdesk.forms import advisors
from helpdesk.models import OPEN_STATUSES, Channel, SuggestionStat, Ticket
from helpdesk.services import PSEUDONYM
from menukaart.models import Theme


@dataclass(frozen=True)
class Capacity:
    employers_last_year: int
    fte: float
    employers_per_fte: int

    @property
    def capacity(self) -> int:
        return round(self.fte * self.employers_per_fte)

    @property
    def needed_fte(self) -> float:
        return round(self.employers_last_year / self.employers_per_fte, 1) if self.employers_per_fte else 0.0

    @property
    def extra_fte(self) -> float:
        return max(round(self.needed_fte - self.fte, 1), 0.0)

    @property
    def utilisation_percent(self) -> int:
        return round(100 * self.employers_last_year / self.capacity) if self.capacity else 0


def open_per_advisor():
    today = timezone.localdate()
    return advisors().annotate(
        open_count=Count("assigned_tickets", filter=Q(assigned_tickets__status__in=OPEN_STATUSES)),
        overdue_count=Count(
            "assigned_tickets",
            filter=Q(assigned_tickets__status__in=OPEN_STATUSES, assigned_tickets__due_date__lt=today),
        ),
    )


def queue_totals_capped(*, cap: int = 1000) -> dict:
    """The queue's counters, each counted to at most cap+1 rows along an index: fast on any size.

    Values above the cap are reported as cap+1 (the template shows "1000+").
    """
    today = timezone.localdate()
    open_tickets = Ticket.objects.open().order_by()

    def capped(queryset) -> int:
        return queryset[: cap + 1].count()

    return {
        "cap": cap,
        "open": capped(open_tickets),
        "unassigned": capped(open_tickets.filter(assigned_to__isnull=True)),
        "overdue": capped(open_tickets.filter(due_date__lt=today)),
        "status_nieuw": capped(Ticket.objects.filter(status="nieuw").order_by()),
        "status_heropend": capped(Ticket.objects.filter(status="heropend").order_by()),
    }


def queue_totals() -> dict:
    """Exact counters (for the capacity dashboard)."""
    today = timezone.localdate()
    open_q = Q(status__in=OPEN_STATUSES)
    return Ticket.objects.aggregate(
        open=Count("pk", filter=open_q),
        unassigned=Count("pk", filter=open_q & Q(assigned_to__isnull=True)),
        overdue=Count("pk", filter=open_q & Q(due_date__lt=today)),
        **{f"status_{status}": Count("pk", filter=Q(status=status)) for status in OPEN_STATUSES},
    )


def intake_per_week(*, weeks: int = 12) -> list[tuple[date, int]]:
    today = timezone.localdate()
    first_monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    start = timezone.make_aware(timezone.datetime.combine(first_monday, timezone.datetime.min.time()))
    counts = {
        row["week"].date() if hasattr(row["week"], "date") else row["week"]: row["n"]
        for row in Ticket.objects.filter(created_at__gte=start)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(n=Count("pk"))
    }
    return [(first_monday + timedelta(weeks=i), counts.get(first_monday + timedelta(weeks=i), 0)) for i in range(weeks)]


def capacity() -> Capacity:
    since = timezone.now() - timedelta(days=365)
    employers = (
        Ticket.objects.filter(created_at__gte=since)
        .exclude(employer_name=PSEUDONYM)
        .annotate(name=Lower("employer_name"))
        .values("name")
        .distinct()
        .count()
    )
    return Capacity(
        employers_last_year=employers,
        fte=settings.HELPDESK_ADVISOR_FTE,
        employers_per_fte=settings.HELPDESK_EMPLOYERS_PER_FTE,
    )


def feedback_per_channel() -> list[dict]:
    labels = dict(Channel.choices)
    rows = (
        Ticket.objects.filter(feedback__isnull=False)
        .values("channel")
        .annotate(total=Count("pk"), helpful=Count("pk", filter=Q(feedback__helpful=True)))
        .order_by("channel")
    )
    return [{**row, "label": labels.get(row["channel"], row["channel"])} for row in rows]


def feedback_per_theme():
    return (
        Theme.objects.annotate(
            total=Count("tickets__feedback"),
            helpful=Count("tickets__feedback", filter=Q(tickets__feedback__helpful=True)),
        )
        .filter(total__gt=0)
        .order_by("position", "name")
    )


def suggestion_totals(*, days: int = 30) -> dict:
    since = timezone.localdate() - timedelta(days=days)
    totals = SuggestionStat.objects.filter(day__gte=since).aggregate(
        shown=Sum("suggestions_shown"),
        opens=Sum("suggestion_opens"),
        visits=Sum("visits_with_open"),
        asked=Sum("asked_after_open"),
    )
    totals = {key: value or 0 for key, value in totals.items()}
    totals["deflected"] = max(totals["visits"] - totals["asked"], 0)
    return totals
