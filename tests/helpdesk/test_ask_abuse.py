"""The public question form cannot be used to mail strangers our own text, and posting it twice
creates one question (issue 7, findings 9 and 10)."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from core.models import OutboxMessage
from helpdesk import services
from helpdesk.models import Ticket
from tests.helpdesk.factories import ask_form_data

ASK = reverse("helpdesk:ask")
PHISHING = "Uw account verloopt, log direct in op https://evil.example/login"

pytestmark = pytest.mark.django_db


def mails_to(address: str):
    return [message for message in mail.outbox if message.to == [address]]


# --- Finding 9: what the requester typed never reaches an unverified address ----------------------


def test_the_confirmation_to_an_unverified_address_does_not_quote_the_typed_name(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, ask_form_data(contact_name=PHISHING, contact_email="slachtoffer@example.nl", form_visit="v1"))
    (confirmation,) = mails_to("slachtoffer@example.nl")
    assert "evil.example" not in confirmation.body and "verloopt" not in confirmation.body
    assert confirmation.body.startswith("Goedendag,")
    # It still links to the thread, where the requester reads what they asked.
    assert "/helpdesk/volg/" in confirmation.body
    assert "evil.example" not in confirmation.subject


def test_the_answer_notice_to_an_unverified_address_does_not_quote_the_typed_name(
    client, adviseur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, ask_form_data(contact_name=PHISHING, contact_email="slachtoffer@example.nl"))
        services.reply(ticket=Ticket.objects.get(), by=adviseur, body="Ons antwoord")
    notices = mails_to("slachtoffer@example.nl")
    assert len(notices) == 2
    assert all("evil.example" not in m.body and m.body.startswith("Goedendag,") for m in notices)
    assert "Ons antwoord" not in notices[1].body  # the answer itself is read behind the link


def test_a_logged_in_employer_asking_with_their_own_address_is_greeted_by_name(
    client, werkgever, django_capture_on_commit_callbacks
):
    client.force_login(werkgever)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, ask_form_data(contact_name="Fatima Mol", contact_email=werkgever.email.upper()))
    (confirmation,) = mails_to(werkgever.email.upper())
    assert confirmation.body.startswith("Beste Fatima Mol,")


def test_a_logged_in_employer_typing_someone_elses_address_is_not_verified(
    client, werkgever, django_capture_on_commit_callbacks
):
    client.force_login(werkgever)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, ask_form_data(contact_name=PHISHING, contact_email="slachtoffer@example.nl"))
    (confirmation,) = mails_to("slachtoffer@example.nl")
    assert "evil.example" not in confirmation.body and confirmation.body.startswith("Goedendag,")


def test_a_referred_employer_is_greeted_neutrally(partner_abu, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.refer_question(
            by=partner_abu,
            subject="Vraag",
            question="Hoe werven wij inclusief?",
            employer_name="Bakkerij",
            contact_name=PHISHING,
            contact_email="werkgever@bakkerij.example",
            consent_processing=True,
            consent_share_with_partner=False,
        )
    (confirmation,) = mails_to("werkgever@bakkerij.example")
    assert "evil.example" not in confirmation.body and confirmation.body.startswith("Goedendag,")


# --- Finding 10: the same form posted twice is one question and one set of e-mails ------------------


def test_posting_the_same_form_twice_creates_one_ticket_and_shows_the_same_confirmation(
    client, django_capture_on_commit_callbacks
):
    data = ask_form_data(form_visit="0123456789abcdef")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(ASK, data)
        second = client.post(ASK, data, follow=True)
    ticket = Ticket.objects.get()
    assert first.status_code == 302 and second.status_code == 200
    assert second.redirect_chain[0][0].startswith("/helpdesk/volg/")
    assert ticket.reference in second.content.decode()
    assert "vraag is ontvangen onder nummer" in second.content.decode()
    assert len(mail.outbox) == 2  # the requester's confirmation and the team's notice, once each
    assert OutboxMessage.objects.count() == 2


def test_a_second_post_of_a_form_from_another_browser_shows_no_number_and_no_link(
    client, django_capture_on_commit_callbacks
):
    from django.test import Client

    data = ask_form_data(form_visit="0123456789abcdef")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, data)
        replay = Client().post(ASK, data)
    ticket = Ticket.objects.get()
    page = replay.content.decode()
    assert replay.status_code == 200
    assert "Je vraag is al ontvangen" in page
    assert ticket.reference not in page and "/volg/" not in page
    assert len(mail.outbox) == 2


def test_a_changed_question_sent_again_from_the_same_page_is_a_new_question(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, ask_form_data(form_visit="0123456789abcdef"))
        client.post(ASK, ask_form_data(form_visit="0123456789abcdef", question="Een heel andere vraag over werving?"))
    assert Ticket.objects.count() == 2


def test_without_a_form_visit_every_post_is_a_question(client):
    client.post(ASK, ask_form_data(form_visit=""))
    client.post(ASK, ask_form_data(form_visit=""))
    assert Ticket.objects.count() == 2


def test_the_submission_key_is_removed_with_the_personal_data(client, superuser):
    client.post(ASK, ask_form_data(form_visit="0123456789abcdef"))
    assert Ticket.objects.get().submission_key
    services.erase_requester_data(email="piet@noord.example", by=superuser)
    assert Ticket.objects.get().submission_key == ""


@pytest.mark.django_db(transaction=True)
def test_two_posts_of_the_same_form_at_the_same_moment_create_one_ticket():
    """The database's unique constraint decides; the loser gets the winner's ticket and sends nothing."""
    fields = {
        "subject": "Werving",
        "question": "Hoe werven wij statushouders?",
        "employer_name": "Bouwbedrijf Noord",
        "contact_name": "Piet",
        "contact_email": "piet@noord.example",
        "consent_processing": True,
        "form_visit": "0123456789abcdef",
    }
    barrier = threading.Barrier(2)
    results = []

    def post():
        try:
            barrier.wait(timeout=10)
            results.append(services.submit_question(**fields))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2
    assert Ticket.objects.count() == 1
    assert {ticket.pk for ticket, _token in results} == {Ticket.objects.get().pk}
    assert sorted(bool(token) for _ticket, token in results) == [False, True]
    assert OutboxMessage.objects.count() == 2
