"""'Mijn vragen': a registered employer follows the questions they asked while logged in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import WERKGEVER
from helpdesk import services
from helpdesk.models import AuditAction, AuditEvent, Feedback, MessageKind, Ticket, TicketStatus
from tests.factories import OrganisationFactory, UserFactory
from tests.helpdesk.factories import TicketFactory, ask_form_data

pytestmark = pytest.mark.django_db

ASK = reverse("helpdesk:ask")
MINE = reverse("helpdesk:my_tickets")


ask_data = ask_form_data


@pytest.fixture
def other_werkgever(db):
    return UserFactory(role=WERKGEVER)


@pytest.fixture
def own_ticket(werkgever):
    return TicketFactory(requester_user=werkgever, subject="Mijn eigen vraag")


def test_ask_form_is_prefilled_from_the_account(client, werkgever):
    werkgever.organisation = OrganisationFactory(name="Bakkerij Mol")
    werkgever.save()
    client.force_login(werkgever)
    form = client.get(ASK).context["form"]
    assert form["contact_name"].value() == werkgever.get_full_name()
    assert form["contact_email"].value() == werkgever.email
    assert form["employer_name"].value() == "Bakkerij Mol"


def test_ask_form_is_empty_for_anonymous_and_roles_without_own_questions(client, adviseur):
    assert client.get(ASK).context["form"]["contact_email"].value() is None
    client.force_login(adviseur)
    assert client.get(ASK).context["form"]["contact_email"].value() is None


def test_question_of_a_logged_in_werkgever_is_linked_to_the_account(client, werkgever):
    client.force_login(werkgever)
    response = client.post(ASK, ask_data())
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.requester_user == werkgever
    page = client.get(MINE).content.decode()
    assert ticket.reference in page and "Werving van statushouders" in page and "Nieuw" in page
    assert reverse("helpdesk:my_ticket", args=[ticket.reference]) in page


def test_questions_of_anonymous_and_other_roles_are_not_linked(client, adviseur):
    client.post(ASK, ask_data())
    client.force_login(adviseur)
    client.post(ASK, ask_data(contact_email="adviseur@example.nl"))
    assert list(Ticket.objects.values_list("requester_user", flat=True)) == [None, None]


def test_list_shows_only_own_questions_asked_while_logged_in(client, werkgever, other_werkgever, own_ticket):
    TicketFactory(requester_user=other_werkgever, subject="Vraag van een ander")
    TicketFactory(contact_email=werkgever.email, subject="Zonder account gesteld")
    client.force_login(werkgever)
    response = client.get(MINE)
    assert [t.reference for t in response.context["tickets"]] == [own_ticket.reference]
    page = response.content.decode()
    assert "Vraag van een ander" not in page and "Zonder account gesteld" not in page


def test_own_ticket_shows_the_answer_with_measures_and_takes_feedback(client, werkgever, own_ticket, adviseur, measure):
    services.add_note(ticket=own_ticket, by=adviseur, body="Interne overweging")
    services.reply(ticket=own_ticket, by=adviseur, body="Ons advies", measures=[measure])
    client.force_login(werkgever)
    url = reverse("helpdesk:my_ticket", args=[own_ticket.reference])
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ons advies" in page and measure.title in page and "Interne overweging" not in page
    assert reverse("helpdesk:my_ticket_feedback", args=[own_ticket.reference]) in page
    assert AuditEvent.objects.filter(ticket=own_ticket, action=AuditAction.VIEWED, actor=werkgever).exists()

    response = client.post(reverse("helpdesk:my_ticket_feedback", args=[own_ticket.reference]), {"helpful": "ja"})
    assert response.status_code == 302 and response["Location"].startswith(url)
    assert Feedback.objects.get(ticket=own_ticket).helpful is True
    assert AuditEvent.objects.filter(ticket=own_ticket, action=AuditAction.FEEDBACK, actor=werkgever).exists()


def test_own_ticket_reply_reopens_and_is_audited_as_the_user(client, werkgever, own_ticket, adviseur):
    services.reply(ticket=own_ticket, by=adviseur, body="Ons advies")
    client.force_login(werkgever)
    url = reverse("helpdesk:my_ticket_reply", args=[own_ticket.reference])
    response = client.post(url, {"body": ""})
    assert response.status_code == 400
    assert "Schrijf je reactie." in response.content.decode()
    response = client.post(url, {"body": "Dank, nog een vervolgvraag."})
    assert response.status_code == 302
    own_ticket.refresh_from_db()
    assert own_ticket.status == TicketStatus.REOPENED
    assert own_ticket.messages.filter(kind=MessageKind.REQUESTER, body="Dank, nog een vervolgvraag.").exists()
    assert AuditEvent.objects.filter(ticket=own_ticket, action=AuditAction.REQUESTER_MESSAGE, actor=werkgever).exists()


def test_own_attachment_downloads(client, werkgever, own_ticket, adviseur):
    upload = SimpleUploadedFile("advies.pdf", b"%PDF-1.4 advies", content_type="application/pdf")
    message = services.reply(ticket=own_ticket, by=adviseur, body="Zie bijlage", files=[upload])
    attachment = message.attachments.get()
    client.force_login(werkgever)
    response = client.get(reverse("helpdesk:my_ticket_attachment", args=[own_ticket.reference, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_another_werkgevers_ticket_is_404_everywhere(client, other_werkgever, own_ticket, adviseur):
    """IDOR: knowing (or guessing) a reference gives nothing; the same 404 as a reference that does not exist."""
    upload = SimpleUploadedFile("advies.pdf", b"%PDF-1.4 advies", content_type="application/pdf")
    attachment = services.reply(ticket=own_ticket, by=adviseur, body="Zie bijlage", files=[upload]).attachments.get()
    client.force_login(other_werkgever)
    ref = own_ticket.reference
    assert client.get(reverse("helpdesk:my_ticket", args=[ref])).status_code == 404
    assert client.get(reverse("helpdesk:my_ticket", args=["DIB-2099-999999"])).status_code == 404
    assert client.post(reverse("helpdesk:my_ticket_reply", args=[ref]), {"body": "Ingebroken"}).status_code == 404
    assert client.post(reverse("helpdesk:my_ticket_feedback", args=[ref]), {"helpful": "nee"}).status_code == 404
    assert client.get(reverse("helpdesk:my_ticket_attachment", args=[ref, attachment.pk])).status_code == 404
    assert not own_ticket.messages.filter(kind=MessageKind.REQUESTER).exists()
    assert not Feedback.objects.exists()


def test_own_ticket_attachment_of_another_ticket_is_404(client, werkgever, own_ticket, adviseur):
    other = TicketFactory()
    upload = SimpleUploadedFile("advies.pdf", b"%PDF-1.4 advies", content_type="application/pdf")
    attachment = services.reply(ticket=other, by=adviseur, body="Elders", files=[upload]).attachments.get()
    client.force_login(werkgever)
    url = reverse("helpdesk:my_ticket_attachment", args=[own_ticket.reference, attachment.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["adviseur", "partner-medewerker", "contentbeheerder"])
def test_other_roles_have_no_mijn_vragen(client, user_with_role, role, own_ticket):
    client.force_login(user_with_role(role))
    assert client.get(MINE).status_code == 403
    assert client.get(reverse("helpdesk:my_ticket", args=[own_ticket.reference])).status_code == 403


def test_anonymous_is_sent_to_log_in(client, own_ticket):
    response = client.get(reverse("helpdesk:my_ticket", args=[own_ticket.reference]))
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_superuser_sees_only_their_own_questions_here(client, superuser, own_ticket):
    client.force_login(superuser)
    assert client.get(MINE).status_code == 200
    assert client.get(reverse("helpdesk:my_ticket", args=[own_ticket.reference])).status_code == 404


def test_merged_duplicate_shows_the_question_it_was_merged_into(client, werkgever, adviseur):
    first = TicketFactory(requester_user=werkgever)
    duplicate = TicketFactory(requester_user=werkgever)
    services.merge_tickets(source=duplicate, target=first, by=adviseur)
    client.force_login(werkgever)
    response = client.get(reverse("helpdesk:my_ticket", args=[duplicate.reference]))
    assert response.status_code == 302
    assert response["Location"] == reverse("helpdesk:my_ticket", args=[first.reference])


def test_pseudonymised_ticket_is_unlinked_from_the_account(werkgever, own_ticket):
    services.erase_requester_data(email=own_ticket.contact_email, by=None)
    own_ticket.refresh_from_db()
    assert own_ticket.requester_user is None
    assert not Ticket.objects.asked_by(werkgever).exists()


@pytest.mark.parametrize("page", ["", "0", "-3", "abc", "9" * 5000, "2"])
def test_odd_page_numbers_give_a_page_not_an_error(client, werkgever, own_ticket, page):
    client.force_login(werkgever)
    response = client.get(MINE, {"pagina": page})
    assert response.status_code == 200


def test_list_query_count_does_not_grow(client, werkgever):
    def add(n):
        for _ in range(n):
            TicketFactory(requester_user=werkgever)

    add(2)
    client.force_login(werkgever)
    client.get(MINE)
    with CaptureQueriesContext(connection) as few:
        client.get(MINE)
    add(20)
    with CaptureQueriesContext(connection) as more:
        response = client.get(MINE)
    assert len(response.context["tickets"]) == 22
    assert len(more) == len(few)


def test_own_ticket_query_count_does_not_grow_with_messages(client, werkgever, own_ticket, adviseur, measure):
    services.reply(ticket=own_ticket, by=adviseur, body="Eerste", measures=[measure])
    client.force_login(werkgever)
    url = reverse("helpdesk:my_ticket", args=[own_ticket.reference])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        services.reply(ticket=own_ticket, by=adviseur, body=f"Antwoord {n}", measures=[measure])
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)
