"""Every helpdesk page answers in a number of queries that does not grow with the data behind it.

(The queue, the capacity dashboard and the referral list are in test_queue.py / test_partner.py, the
follow page in test_ask.py, 'Mijn vragen' in test_my_tickets.py.) These add the pages and the
kinds of rows those tests do not grow: attachments, measures, merged tickets, referrals, suggestions.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helpdesk import services
from tests.helpdesk.factories import ReferralFactory, TicketFactory
from tests.menukaart.factories import MeasureFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def pdf(n: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"advies-{n}.pdf", b"%PDF-1.4 advies", content_type="application/pdf")


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def add_rich_replies(ticket, adviseur, count: int) -> None:
    for n in range(count):
        measure = MeasureFactory()
        services.reply(ticket=ticket, by=adviseur, body=f"Antwoord {n}", measures=[measure], files=[pdf(n)])


def test_ticket_page_with_attachments_measures_and_merged_tickets(client, adviseur):
    ticket = TicketFactory()
    add_rich_replies(ticket, adviseur, 1)
    services.merge_tickets(source=TicketFactory(contact_email=ticket.contact_email), target=ticket, by=adviseur)
    client.force_login(adviseur)
    url = reverse("helpdesk:ticket_detail", args=[ticket.reference])
    client.get(url)
    few = queries(client, url)
    add_rich_replies(ticket, adviseur, 20)
    for _ in range(20):
        services.merge_tickets(source=TicketFactory(contact_email=ticket.contact_email), target=ticket, by=adviseur)
    client.get(url)  # new measures changed the search index: its document count is cached again
    assert queries(client, url) == few


def test_referral_page_with_shared_answers(client, partner_abu, adviseur):
    ticket = ReferralFactory(referring_organisation=partner_abu.organisation, referred_by=partner_abu)
    add_rich_replies(ticket, adviseur, 1)
    client.force_login(partner_abu)
    url = reverse("helpdesk:referral_detail", args=[ticket.reference])
    client.get(url)
    few = queries(client, url)
    add_rich_replies(ticket, adviseur, 20)
    assert queries(client, url) == few


def test_follow_page_with_attachments(client, submitted, adviseur):
    ticket, token = submitted
    add_rich_replies(ticket, adviseur, 1)
    url = reverse("helpdesk:follow", args=[token])
    few = queries(client, url)
    add_rich_replies(ticket, adviseur, 20)
    assert queries(client, url) == few


def test_queue_with_more_themes_per_ticket_and_other_organisations_tickets(client, adviseur, partner_abu):
    def add(count):
        for n in range(count):
            ticket = ReferralFactory(referring_organisation=partner_abu.organisation)
            ticket.themes.add(ThemeFactory(), ThemeFactory())
            ticket.assigned_to = adviseur if n % 2 else None
            ticket.save(update_fields=["assigned_to"])

    add(2)
    client.force_login(adviseur)
    url = reverse("helpdesk:queue") + "?status=open&sort=-prioriteit"
    client.get(url)
    few = queries(client, url)
    add(20)
    assert queries(client, url) == few


def test_ask_page_and_suggestions_do_not_grow_with_published_measures(client):
    def add(count):
        for n in range(count):
            MeasureFactory(title=f"Werving en selectie {n}", summary="Eerlijke werving.")

    add(2)
    ask = reverse("helpdesk:ask")
    suggest = reverse("helpdesk:suggestions") + "?question=werving+en+selectie&form_visit=v1"
    client.get(ask)
    client.get(suggest)  # warm-up: the day's counter row is created once
    few_ask, few_suggest = queries(client, ask), queries(client, suggest)
    add(20)
    client.get(suggest)  # the search index changed: its document count is cached again
    assert queries(client, ask) == few_ask
    assert queries(client, suggest) == few_suggest
    with CaptureQueriesContext(connection) as captured:
        response = client.post(ask, {"action": "suggest", "question": "werving en selectie", "form_visit": "v1"})
    assert response.status_code == 200 and len(response.context["suggestions"]) == 5
    # The search (synonyms, term weights, the document count unless cached, measures) and the counter,
    # whatever the number of measures.
    assert len(captured) <= few_ask + 6
