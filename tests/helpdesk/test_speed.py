"""The speed fixes of the queue and the ticket page (docs/benchmarks.md) change no behaviour."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from helpdesk import measure_suggestions, reports
from helpdesk.models import Ticket, TicketStatus
from menukaart.models import Status
from tests.helpdesk.factories import TicketFactory
from tests.menukaart.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_capped_counts_in_one_query_equal_the_counts_one_by_one(django_assert_num_queries):
    TicketFactory.create_batch(4)
    TicketFactory(status=TicketStatus.REOPENED, due_date=timezone.localdate() - timedelta(days=3))
    querysets = {**reports.queue_totals_querysets(), "all": Ticket.objects.all(), "none": Ticket.objects.none()}
    querysets.pop("none")  # an empty queryset has no SQL; the view never passes one
    for cap in (2, 1000):
        with django_assert_num_queries(1):
            counts = reports.capped_counts(querysets, cap=cap)
        assert counts == {name: qs.order_by()[: cap + 1].count() for name, qs in querysets.items()}
    assert reports.capped_counts({"all": Ticket.objects.all()}, cap=2) == {"all": 3}  # cap + 1: "more than 2"


def test_next_ticket_is_still_the_next_in_queue_order(client, adviseur):
    today = timezone.localdate()
    first = TicketFactory(due_date=today)
    same_day_later = TicketFactory(due_date=today)
    TicketFactory(due_date=today - timedelta(days=1))  # before: never next
    TicketFactory(due_date=today + timedelta(days=2))
    assert Ticket.objects.open().after_in_queue(first).first() == same_day_later
    client.force_login(adviseur)
    response = client.get(reverse("helpdesk:ticket_detail", args=[first.reference]))
    assert response.context["next_ticket"] == same_day_later


def suggested(client, ticket):
    response = client.get(reverse("helpdesk:ticket_detail", args=[ticket.reference]))
    return response.context["picker"]["suggested"]


def test_suggestions_are_kept_and_renewed_when_the_catalogue_changes(client, adviseur, monkeypatch):
    anonymous = MeasureFactory(title="Anoniem solliciteren", summary="Naam en foto weg.")
    ticket = TicketFactory(subject="Anoniem solliciteren", question="Hoe solliciteren mensen anoniem bij ons?")
    calls = []
    real = measure_suggestions.suggest_measures
    monkeypatch.setattr(measure_suggestions, "suggest_measures", lambda *a, **k: calls.append(1) or real(*a, **k))
    client.force_login(adviseur)
    assert suggested(client, ticket) == [anonymous]
    assert suggested(client, ticket) == [anonymous]
    assert len(calls) == 1  # the second view read the kept answer
    newer = MeasureFactory(title="Anoniem solliciteren in de zorg", summary="Anoniem solliciteren werkt.")
    assert newer in suggested(client, ticket)  # a new measure: asked again
    assert len(calls) == 2
    anonymous.status = Status.CONCEPT
    anonymous.save()
    assert anonymous not in suggested(client, ticket)


def test_a_kept_suggestion_that_is_no_longer_published_is_left_out(client, adviseur):
    measure = MeasureFactory(title="Anoniem solliciteren")
    ticket = TicketFactory(subject="Anoniem solliciteren", question="Anoniem solliciteren?")
    client.force_login(adviseur)
    assert suggested(client, ticket) == [measure]
    # Changed without signals (a bulk update): the kept answer still names it, the page does not.
    type(measure).objects.filter(pk=measure.pk).update(status=Status.CONCEPT)
    assert suggested(client, ticket) == []


def test_suggestions_without_the_cache(client, adviseur, redis_down):
    measure = MeasureFactory(title="Anoniem solliciteren")
    ticket = TicketFactory(subject="Anoniem solliciteren", question="Anoniem solliciteren?")
    assert measure_suggestions.suggested_measures(f"{ticket.subject} {ticket.question}") == [measure]
    measure.title = "Anoniem solliciteren, stap voor stap"
    measure.save()  # renewing the version fails quietly
