import re
import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection

from helpdesk import services
from helpdesk.models import (
    AuditAction,
    AuditEvent,
    InvalidTransition,
    MessageKind,
    Ticket,
    TicketStatus,
)
from tests.factories import UserFactory
from tests.helpdesk.factories import TicketFactory


def test_submitted_question_gets_a_reference_a_due_date_and_an_audit_event(submitted):
    ticket, token = submitted
    assert re.fullmatch(r"DIB-\d{4}-\d{6}", ticket.reference)
    assert ticket.status == TicketStatus.NEW
    assert ticket.due_date > ticket.created_at.date()
    assert services.ticket_for_token(token) == ticket
    assert AuditEvent.objects.filter(ticket=ticket, action=AuditAction.CREATED).exists()


def test_only_a_hash_of_the_follow_token_is_stored(submitted):
    ticket, token = submitted
    stored = list(ticket.access_tokens.values_list("token_hash", flat=True))
    assert token not in stored
    assert len(stored[0]) == 64


def test_references_count_up_per_year(db):
    first = services.next_reference(year=2031)
    second = services.next_reference(year=2031)
    assert (first, second) == ("DIB-2031-000001", "DIB-2031-000002")
    assert services.next_reference(year=2032) == "DIB-2032-000001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_references_are_unique():
    """Ten threads, each with its own database connection, draw numbers at the same time."""
    results, errors = [], []
    barrier = threading.Barrier(10)

    def draw():
        try:
            barrier.wait()
            from django.db import transaction

            with transaction.atomic():
                results.append(services.next_reference(year=2040))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=draw) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert not errors
    assert sorted(results) == [f"DIB-2040-{n:06d}" for n in range(1, 11)]


def test_invalid_transition_raises_the_domain_exception(ticket):
    with pytest.raises(InvalidTransition):
        services.transition(ticket=ticket, to_status=TicketStatus.REOPENED)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.NEW


def test_closing_needs_an_outcome_in_the_database(ticket):
    Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.NEW)
    with pytest.raises(IntegrityError):
        Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.CLOSED)


def test_close_with_outcome_then_requester_reply_reopens(ticket, adviseur, outcome):
    services.close_ticket(ticket=ticket, by=adviseur, outcome=outcome)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED and ticket.closed_at and ticket.outcome == outcome
    services.requester_reply(ticket=ticket, body="Nog een vraag")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.REOPENED and ticket.closed_at is None


def test_requester_reply_reopens_a_waiting_ticket(ticket, adviseur):
    services.reply(ticket=ticket, by=adviseur, body="Hoeveel medewerkers heb je?", then_status=TicketStatus.WAITING)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING
    services.requester_reply(ticket=ticket, body="Veertig.")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.REOPENED


def test_requester_reply_leaves_a_ticket_in_progress_alone(ticket, adviseur):
    services.claim_ticket(ticket=ticket, by=adviseur)
    services.requester_reply(ticket=ticket, body="Aanvulling")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.IN_PROGRESS


def test_reply_records_first_response_and_links_measures(ticket, adviseur, measure):
    message = services.reply(ticket=ticket, by=adviseur, body="Probeer dit.", measures=[measure])
    ticket.refresh_from_db()
    assert ticket.first_response_at is not None
    assert ticket.assigned_to == adviseur
    assert ticket.status == TicketStatus.ANSWERED
    assert list(message.measures.all()) == [measure]


def test_claim_when_already_taken_returns_false(ticket, adviseur):
    other = UserFactory(role="adviseur", organisation=adviseur.organisation)
    assert services.claim_ticket(ticket=ticket, by=adviseur)
    assert not services.claim_ticket(ticket=ticket, by=other)
    ticket.refresh_from_db()
    assert ticket.assigned_to == adviseur and ticket.status == TicketStatus.IN_PROGRESS


@pytest.mark.django_db(transaction=True)
def test_two_advisors_claiming_at_once_exactly_one_wins(ser_dib):
    """Two threads with their own PostgreSQL connections claim the same ticket simultaneously."""
    ticket = TicketFactory()
    advisors = [UserFactory(role="adviseur", organisation=ser_dib) for _ in range(2)]
    outcomes = {}
    barrier = threading.Barrier(2)

    def claim(user):
        try:
            barrier.wait()
            outcomes[user.pk] = services.claim_ticket(ticket=ticket, by=user)
        finally:
            connection.close()

    for _round in range(5):
        Ticket.objects.filter(pk=ticket.pk).update(assigned_to=None, status=TicketStatus.NEW)
        outcomes.clear()
        threads = [threading.Thread(target=claim, args=(user,)) for user in advisors]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes.values()) == [False, True]
        winner = next(pk for pk, won in outcomes.items() if won)
        ticket.refresh_from_db()
        assert ticket.assigned_to_id == winner
    close_old_connections()


def test_merge_closes_the_duplicate_and_keeps_its_thread_on_it(adviseur, theme):
    target = TicketFactory()
    source = TicketFactory(contact_email=target.contact_email.upper())
    source.themes.add(theme)
    services.requester_reply(ticket=source, body="Extra informatie")
    services.merge_tickets(source=source, target=target, by=adviseur)
    source.refresh_from_db()
    assert source.status == TicketStatus.CLOSED and source.merged_into == target
    assert source.messages.filter(kind=MessageKind.REQUESTER, body="Extra informatie").exists()
    assert not target.messages.filter(body="Extra informatie").exists()
    note = target.messages.get(kind=MessageKind.NOTE)
    assert note.body == f"Vraag {source.reference} is met deze vraag samengevoegd."
    assert theme in target.themes.all()
    with pytest.raises(services.MergeNotAllowed):
        services.merge_tickets(source=source, target=target, by=adviseur)


def test_feedback_is_one_per_ticket(ticket):
    services.record_feedback(ticket=ticket, helpful=False, reason="Te algemeen")
    services.record_feedback(ticket=ticket, helpful=True)
    ticket.refresh_from_db()
    assert ticket.feedback.helpful is True
