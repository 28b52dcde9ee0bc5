"""The capacity dashboard: the report's definitions, overdue counted in, per advisor, theme and partner."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from helpdesk.models import Channel, TicketStatus
from tests.helpdesk.factories import ThemeFactory, TicketFactory

pytestmark = pytest.mark.django_db


def test_capacity_counts_overdue_and_breaks_down_by_advisor_theme_and_partner(client, adviseur, abu, settings):
    settings.HELPDESK_ADVISOR_FTE, settings.HELPDESK_EMPLOYERS_PER_FTE = 1.0, 75
    theme = ThemeFactory(slug="werving", name="Werving")
    yesterday = timezone.localdate() - timedelta(days=1)
    overdue = TicketFactory.create_batch(4, assigned_to=adviseur, due_date=yesterday)
    TicketFactory.create_batch(5, channel=Channel.REFERRAL, referring_organisation=abu)
    TicketFactory(status=TicketStatus.ANSWERED, due_date=yesterday)  # not open: not overdue
    for ticket in overdue:
        ticket.themes.add(theme)
    client.force_login(adviseur)
    response = client.get(reverse("impact:capacity"))
    assert response.status_code == 200
    context = response.context
    assert context["totals"] == {"open": 9, "unassigned": 5, "overdue": 4}
    assert context["overdue_share"] == 44
    assert context["capacity"]["employers"] == 10 and context["capacity"]["capacity"] == 75
    assert [(a.open_count, a.overdue_count) for a in context["per_advisor"] if a.pk == adviseur.pk] == [(4, 4)]
    assert [(t.name, t.open_count, t.overdue_count) for t in context["per_theme"]] == [("Werving", 4, 4)]
    assert [(p.name, p.open_count, p.overdue_count) for p in context["per_partner"]["partners"]] == [("ABU", 5, 0)]
    assert context["per_partner"]["direct"] == {"open_count": 4, "overdue_count": 4}
    html = response.content.decode()
    assert "4 open vragen zijn over de termijn." in html
    assert "Over de termijn: open en de uiterste reactiedatum" in html  # each figure explained
    assert "1 fte adviseur helpt ongeveer 75 werkgevers per jaar" in html


def test_old_address_redirects(client, adviseur):
    client.force_login(adviseur)
    response = client.get(reverse("helpdesk:capacity"))
    assert response.status_code == 301
    assert response["Location"] == reverse("impact:capacity")


def test_capacity_query_count_does_not_grow(client, adviseur, abu):
    theme = ThemeFactory(slug="werving", name="Werving")
    TicketFactory.create_batch(3, assigned_to=adviseur)
    client.force_login(adviseur)
    client.get(reverse("impact:capacity"))  # warm-up (session activity stamp)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("impact:capacity"))
    more_tickets = TicketFactory.create_batch(
        20, assigned_to=adviseur, channel=Channel.REFERRAL, referring_organisation=abu
    )
    for ticket in more_tickets:
        ticket.themes.add(theme)
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("impact:capacity"))
    assert len(more) == len(few)


def test_report_list_query_count_does_not_grow(client, adviseur):
    from datetime import date

    from impact.models import Report, ReportStatus

    client.force_login(adviseur)
    client.get(reverse("impact:report_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("impact:report_list"))
    for year in range(2000, 2020):
        Report.objects.create(
            period_start=date(year, 1, 1), period_end=date(year, 6, 30), status=ReportStatus.COMPLETE,
            completed_at=timezone.now(),
        )  # fmt: skip
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("impact:report_list"))
    assert len(more) == len(few)
