from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from helpdesk.models import AuditEvent, Channel, Feedback, Message, MessageKind, SuggestionStat, TicketStatus
from impact.figures import Context
from impact.periods import Period, trend_periods
from menukaart.models import UsageEvent
from tests.helpdesk.factories import MeasureFactory, OutcomeFactory, ThemeFactory, TicketFactory

AMS = ZoneInfo("Europe/Amsterdam")
H1_2026 = Period(date(2026, 1, 1), date(2026, 6, 30))
TODAY = date(2026, 7, 15)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=AMS)


def context_for(period: Period, *, earliest=date(2025, 9, 1), today=TODAY) -> Context:
    return Context(periods=trend_periods(period, earliest=earliest, maximum=6), today=today)


@pytest.fixture
def dataset(db, abu, adviseur):
    """The small hand-built data set every figure test checks against (see the expected values there)."""
    werving = ThemeFactory(slug="werving", name="Werving")
    inclusie = ThemeFactory(slug="inclusie", name="Inclusie")
    taal = ThemeFactory(slug="taal", name="Taal")
    advies = OutcomeFactory(slug="advies", name="Advies gegeven")
    measure = MeasureFactory(slug="anoniem", title="Anoniem solliciteren")
    measure.themes.add(werving)
    measure.tags.add("werving")
    other = MeasureFactory(slug="mentor", title="Mentoraat")

    def tickets(n, themes, **fields):
        made = [TicketFactory(**fields) for _ in range(n)]
        for ticket in made:
            ticket.themes.set(themes)
        return made

    # --- January-June 2026 (the report period) ---
    web = tickets(
        6, [werving], channel=Channel.WEB, sector="F", size_band="50-249", province="gelderland",
        charter_signatory="ja", created_at=at(2026, 3, 2, 10), first_response_at=at(2026, 3, 4, 10),
        closed_at=at(2026, 3, 9, 16), status=TicketStatus.CLOSED, outcome=advies, due_date=date(2026, 3, 9),
    )  # fmt: skip
    abu_tickets = tickets(
        5, [werving, inclusie, taal], channel=Channel.REFERRAL, referring_organisation=abu, sector="N",
        size_band="250+", province="utrecht", charter_signatory="nee", created_at=at(2026, 4, 24, 9),
        first_response_at=at(2026, 4, 28, 9), status=TicketStatus.ANSWERED, due_date=date(2026, 5, 4),
    )  # fmt: skip
    late = tickets(1, [inclusie], channel=Channel.PHONE, created_at=at(2026, 6, 30, 23, 30), due_date=date(2026, 7, 7))
    tickets(1, [inclusie], channel=Channel.EMAIL, created_at=at(2026, 7, 1, 0, 30), due_date=date(2026, 7, 8))
    tickets(1, [werving], channel=Channel.WEB, created_at=at(2026, 3, 3, 10), merged_into=web[0],
            status=TicketStatus.CLOSED, closed_at=at(2026, 3, 3, 11), due_date=date(2026, 3, 10))  # fmt: skip
    for ticket in web[:5]:
        Feedback.objects.create(ticket=ticket, helpful=True)
    AuditEvent.objects.create(
        ticket=web[0], action="status", detail={"status_from": "beantwoord", "status_to": "heropend"}
    )
    for ticket in abu_tickets:
        reply = Message.objects.create(
            ticket=ticket, kind=MessageKind.REPLY, body="Zie de menukaart.", created_at=at(2026, 4, 28, 9)
        )
        reply.measures.add(measure)

    # --- July-December 2025 (the previous period) ---
    tickets(
        8, [werving], channel=Channel.WEB, created_at=at(2025, 9, 1, 10), first_response_at=at(2025, 9, 1, 15),
        closed_at=at(2025, 9, 3, 12), status=TicketStatus.CLOSED, outcome=advies, due_date=date(2025, 9, 8),
    )  # fmt: skip
    tickets(
        3, [inclusie], channel=Channel.EMAIL, created_at=at(2025, 12, 23, 10),
        first_response_at=at(2025, 12, 29, 10), status=TicketStatus.ANSWERED, due_date=date(2025, 12, 31),
    )  # fmt: skip

    # --- Menukaart usage ---
    def events(n, kind, hour, **fields):
        UsageEvent.objects.bulk_create([UsageEvent(kind=kind, hour=hour, **fields) for _ in range(n)])

    events(10, UsageEvent.Kind.MEASURE_VIEW, at(2026, 2, 1, 10), measure=measure)
    events(3, UsageEvent.Kind.MEASURE_VIEW, at(2025, 10, 1, 10), measure=measure)
    events(4, UsageEvent.Kind.MEASURE_VIEW, at(2026, 2, 1, 11), measure=other)
    events(6, UsageEvent.Kind.MEASURE_VIEW, at(2025, 10, 1, 11), measure=other)
    events(2, UsageEvent.Kind.PLAN_ADD, at(2026, 5, 1, 10), measure=measure)
    events(5, UsageEvent.Kind.SEARCH, at(2026, 5, 1, 10), query="statushouder bouw", result_count=0)
    events(2, UsageEvent.Kind.SEARCH, at(2026, 5, 1, 10), query="bakkerij jansen", result_count=0)
    events(7, UsageEvent.Kind.SEARCH, at(2026, 5, 1, 10), query="werving", result_count=3)
    SuggestionStat.objects.create(
        day=date(2026, 5, 1), suggestions_shown=20, suggestion_opens=8, visits_with_open=6, asked_after_open=2
    )
    return {"werving": werving, "inclusie": inclusie, "taal": taal, "abu": abu, "late": late[0], "measure": measure}
