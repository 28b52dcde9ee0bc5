"""The queue's counters. (The capacity dashboard and the impact report live in the impact app.)"""

from django.utils import timezone

from helpdesk.models import Ticket


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
