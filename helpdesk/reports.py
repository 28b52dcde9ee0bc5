"""The queue's counters. (The capacity dashboard and the impact report live in the impact app.)"""

from datetime import date
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

from helpdesk.models import Ticket, TicketStatus


def capped_counts(querysets: dict[str, QuerySet[Ticket]], *, cap: int) -> dict[str, int]:
    """Each queryset counted to at most cap+1 rows along an index, all in one query.

    The same as `queryset[: cap + 1].count()` for each, in one round trip to the database instead
    of one per count: SELECT (SELECT COUNT(*) FROM (... LIMIT cap+1)), (SELECT COUNT(*) ...).
    """
    if not querysets:
        return {}
    parts: list[str] = []
    params: list[Any] = []  # the compiled queries' own values, as Django passes them
    for n, queryset in enumerate(querysets.values()):
        sql, values = queryset.order_by().values("pk")[: cap + 1].query.sql_with_params()
        # Django's own compiled SQL, its values kept apart as parameters: nothing from the request.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped_{n})")  # noqa: S608  # nosec B608
        params.extend(values)
    database = next(iter(querysets.values())).db
    with connections[database].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


def queue_totals_querysets(*, today: date | None = None) -> dict[str, QuerySet[Ticket]]:
    """The queue's counters as querysets: open, unassigned, overdue, new, reopened."""
    today = today or timezone.localdate()
    open_tickets = Ticket.objects.open()
    return {
        "open": open_tickets,
        "unassigned": open_tickets.filter(assigned_to__isnull=True),
        "overdue": Ticket.objects.overdue(today=today),
        "status_nieuw": Ticket.objects.filter(status=TicketStatus.NEW),
        "status_heropend": Ticket.objects.filter(status=TicketStatus.REOPENED),
    }


def queue_totals_capped(*, cap: int = 1000) -> dict[str, int]:
    """The queue's counters, each counted to at most cap+1 rows along an index: fast on any size.

    Values above the cap are reported as cap+1 (the template shows "1000+").
    """
    return {"cap": cap, **capped_counts(queue_totals_querysets(), cap=cap)}
