"""The advisors' queue and ticket page: filters, actions, counts and query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from helpdesk import services
from helpdesk.models import Channel, InvalidTransition, Message, MessageKind, TicketStatus
from tests.accounts.factories import UserFactory
from tests.helpdesk.factories import NOTE, SEND, ReferralFactory, StandardAnswerFactory, TicketFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("helpdesk:queue")


def refs(response):
    return {t.reference for t in response.context["tickets"]}


def test_queue_default_shows_open_tickets_oldest_deadline_first(client, adviseur, outcome):
    late = TicketFactory(due_date=timezone.localdate() - timedelta(days=2))
    soon = TicketFactory()
    closed = TicketFactory(status=TicketStatus.CLOSED, outcome=outcome)
    client.force_login(adviseur)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert [t.reference for t in response.context["tickets"]] == [late.reference, soon.reference]
    assert closed.reference not in refs(response)
    assert response.context["totals"]["overdue"] == 1


def test_filters(client, adviseur, abu, theme):
    mine = TicketFactory(assigned_to=adviseur)
    unassigned = TicketFactory()
    referral = ReferralFactory(referring_organisation=abu)
    referral.themes.add(theme)
    late = TicketFactory(due_date=timezone.localdate() - timedelta(days=1))
    client.force_login(adviseur)
    assert refs(client.get(QUEUE, {"mine": "true"})) == {mine.reference}
    assert mine.reference not in refs(client.get(QUEUE, {"unassigned": "true"}))
    assert unassigned.reference in refs(client.get(QUEUE, {"unassigned": "true"}))
    assert refs(client.get(QUEUE, {"partner": "abu"})) == {referral.reference}
    assert refs(client.get(QUEUE, {"theme": theme.slug})) == {referral.reference}
    assert refs(client.get(QUEUE, {"channel": Channel.REFERRAL})) == {referral.reference}
    assert refs(client.get(QUEUE, {"overdue": "true"})) == {late.reference}
    assert refs(client.get(QUEUE, {"q": referral.reference})) == {referral.reference}
    assert refs(client.get(QUEUE, {"q": mine.employer_name})) == {mine.reference}


def test_ordering_is_an_allowlist(client, adviseur):
    TicketFactory.create_batch(2)
    client.force_login(adviseur)
    assert client.get(QUEUE, {"sort": "-ontvangen"}).status_code == 200
    response = client.get(QUEUE, {"sort": "contact_email"})
    assert response.status_code == 400  # unknown sort field: refused with a message, never passed to the ORM


def test_queue_query_count_does_not_grow_with_tickets(client, adviseur, theme, abu, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            t = ReferralFactory(referring_organisation=abu, assigned_to=adviseur)
            t.themes.add(theme)

    add(3)
    client.force_login(adviseur)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(QUEUE)  # warm-up: the first staff request stores the session's activity stamp
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    add(20)
    with CaptureQueriesContext(connection) as more:
        response = client.get(QUEUE)
    assert len(response.context["tickets"]) == 23
    assert len(more) == len(few)
    with django_assert_max_num_queries(10):
        client.get(QUEUE)


def test_ticket_page_query_count_does_not_grow_with_messages(client, adviseur, ticket, measure):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from helpdesk import services

    client.force_login(adviseur)
    services.reply(ticket=ticket, by=adviseur, body="Eerste", measures=[measure])
    url = reverse("helpdesk:ticket_detail", args=[ticket.reference])
    client.get(url)  # warm-up: the first staff request stores the session's activity stamp
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        services.add_note(ticket=ticket, by=adviseur, body=f"Notitie {n}")
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)


def test_ticket_page_views_are_audited(client, adviseur, ticket):
    client.force_login(adviseur)
    client.get(reverse("helpdesk:ticket_detail", args=[ticket.reference]))
    assert ticket.audit_events.filter(action="bekeken", actor=adviseur).exists()


def test_claim_reply_note_status_merge_close_through_the_pages(client, adviseur, ticket, measure, outcome):
    client.force_login(adviseur)
    ref = ticket.reference
    assert client.post(reverse("helpdesk:ticket_claim", args=[ref])).status_code == 302
    ticket.refresh_from_db()
    assert ticket.assigned_to == adviseur and ticket.status == TicketStatus.IN_PROGRESS
    response = client.post(
        reverse("helpdesk:ticket_compose", args=[ref]),
        {**SEND, "body": "Ons antwoord", "measures": [measure.pk], "then_status": TicketStatus.ANSWERED},
    )
    assert response.status_code == 302
    reply = Message.objects.get(ticket=ticket, kind=MessageKind.REPLY)
    assert list(reply.measures.all()) == [measure]
    assert (
        client.post(
            reverse("helpdesk:ticket_compose", args=[ref]), {**SEND, "body": "", "then_status": "beantwoord"}
        ).status_code
        == 400
    )
    assert client.post(reverse("helpdesk:ticket_compose", args=[ref]), {**NOTE, "body": "Notitie"}).status_code == 302
    # beantwoord -> in behandeling is not in the transition map: not offered, and refused if posted.
    response = client.post(reverse("helpdesk:ticket_status", args=[ref]), {"to_status": "in_behandeling"})
    assert response.status_code == 400 and "Kies een geldige status." in response.content.decode()
    duplicate = TicketFactory(contact_email=ticket.contact_email)
    response = client.post(reverse("helpdesk:ticket_merge", args=[duplicate.reference]), {"target": ref})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == ticket
    response = client.post(reverse("helpdesk:ticket_merge", args=[ref]), {"target": "DIB-1999-000001"})
    assert response.status_code == 400 and "Er is geen" in response.content.decode()
    assert client.post(reverse("helpdesk:ticket_close", args=[ref]), {}).status_code == 400
    assert client.post(reverse("helpdesk:ticket_close", args=[ref]), {"outcome": outcome.pk}).status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED and ticket.outcome == outcome


def test_claim_of_a_taken_ticket_says_so(client, adviseur, ticket):
    other = UserFactory(role="adviseur", organisation=adviseur.organisation)
    ticket.assigned_to = other
    ticket.save()
    client.force_login(adviseur)
    response = client.post(reverse("helpdesk:ticket_claim", args=[ticket.reference]), follow=True)
    assert "al door iemand anders" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.assigned_to == other


def test_assign_to_another_advisor_mails_them(client, adviseur, ticket, django_capture_on_commit_callbacks, mailoutbox):
    other = UserFactory(role="adviseur", organisation=adviseur.organisation)
    client.force_login(adviseur)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:ticket_assign", args=[ticket.reference]), {"advisor": other.pk})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.assigned_to == other
    assert any(m.to == [other.email] for m in mailoutbox)
    # Only advisors can be chosen.
    werkgever = UserFactory(role="werkgever")
    response = client.post(reverse("helpdesk:ticket_assign", args=[ticket.reference]), {"advisor": werkgever.pk})
    assert response.status_code == 400


def test_standard_answer_is_inserted_without_javascript(client, adviseur, ticket):
    answer = StandardAnswerFactory(body="Dit is het standaardantwoord.")
    client.force_login(adviseur)
    response = client.post(
        reverse("helpdesk:ticket_compose", args=[ticket.reference]),
        {"action": "insert_standard", "standard_answer": answer.pk, "body": "Beste werkgever,"},
    )
    assert response.status_code == 200
    assert "Beste werkgever,\n\nDit is het standaardantwoord." in response.content.decode()
    assert not Message.objects.exists()


def test_large_counts_are_capped(client, adviseur, monkeypatch):
    from helpdesk.views import staff

    monkeypatch.setattr(staff, "COUNT_CAP", 2)
    TicketFactory.create_batch(3)
    client.force_login(adviseur)
    page = client.get(QUEUE).content.decode()
    assert "Open: meer dan 2" in page
    assert "Meer dan 2 vragen gevonden." in page


@pytest.mark.parametrize("status", [TicketStatus.CLOSED, TicketStatus.ANSWERED])
def test_a_ticket_that_is_not_open_cannot_be_claimed(client, adviseur, outcome, status):
    ticket = TicketFactory(status=status, outcome=outcome if status == TicketStatus.CLOSED else None)
    client.force_login(adviseur)
    response = client.post(reverse("helpdesk:ticket_claim", args=[ticket.reference]), follow=True)
    assert "Alleen een openstaande vraag" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.assigned_to is None
    assert services.claim_ticket(ticket=ticket, by=adviseur) is False
    ticket.refresh_from_db()
    assert ticket.assigned_to is None and ticket.status == status


def test_merged_or_pseudonymised_tickets_keep_their_status(client, adviseur, outcome):
    target = TicketFactory()
    merged = TicketFactory(contact_email=target.contact_email)
    services.merge_tickets(source=merged, target=target, by=adviseur)
    pseudonymised = TicketFactory(status=TicketStatus.CLOSED, outcome=outcome)
    services.erase_requester_data(email=pseudonymised.contact_email, by=None)
    client.force_login(adviseur)
    for ticket in (merged, pseudonymised):
        ticket.refresh_from_db()
        url = reverse("helpdesk:ticket_status", args=[ticket.reference])
        assert client.post(url, {"to_status": TicketStatus.REOPENED}).status_code == 403
        assert url not in client.get(ticket.get_absolute_url()).content.decode()
        with pytest.raises(InvalidTransition):
            services.transition(ticket=ticket, to_status=TicketStatus.REOPENED, by=adviseur)
        ticket.refresh_from_db()
        assert ticket.status == TicketStatus.CLOSED


def test_admin_ticket_page_with_an_odd_number_is_not_an_error(client, superuser):
    client.force_login(superuser)
    for odd in ["%C2%B2", "99999999999999999999999"]:
        assert client.get(f"/beheer/helpdesk/ticket/{odd}/change/").status_code in (200, 302, 404)
