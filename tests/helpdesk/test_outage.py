"""Redis down (issue 7, finding 4): the public question form still stores the question."""

import logging

import pytest
from django.urls import reverse

from helpdesk.models import Ticket
from tests.helpdesk.factories import ask_form_data

pytestmark = pytest.mark.django_db
ASK = reverse("helpdesk:ask")


def test_question_is_stored_when_redis_is_down_and_the_outage_is_logged(client, redis_down, caplog):
    """5 questions with Redis down gave 5 × 500, none stored and the typed text lost."""
    with caplog.at_level(logging.ERROR, logger="portal.security"):
        for number in range(5):
            response = client.post(ASK, ask_form_data(subject=f"Vraag {number}", form_visit=f"visit{number}"))
            assert response.status_code == 302
    assert sorted(Ticket.objects.values_list("subject", flat=True)) == [f"Vraag {n}" for n in range(5)]
    assert any("rate limit unavailable" in record.getMessage() for record in caplog.records)


def test_opening_a_suggestion_works_when_redis_is_down(client, redis_down, measure):
    response = client.get(reverse("helpdesk:suggestion_open", args=[measure.slug]), {"bezoek": "v1"})
    assert response.status_code == 302
