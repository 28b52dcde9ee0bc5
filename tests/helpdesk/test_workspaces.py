"""The advisor and partner workspaces: one composer that can never send a note, mijn werk, the
partner overview, the referral form in the partner's words, and each role's landing page."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage, OutboxStatus
from helpdesk import services
from helpdesk.models import Message, MessageKind, TicketStatus
from tests.helpdesk.factories import (
    NOTE,
    SEND,
    MeasureFactory,
    ReferralFactory,
    StandardAnswerFactory,
    TicketFactory,
)

pytestmark = pytest.mark.django_db

ID = re.compile(r'\sid="([^"]+)"')


def compose(client, ticket, **data):
    return client.post(reverse("helpdesk:ticket_compose", args=[ticket.reference]), data)


def mail_to_employer(ticket) -> bool:
    return OutboxMessage.objects.filter(to=ticket.contact_email).exclude(subject__contains="ontvangen").exists()


# --- The composer -----------------------------------------------------------------------------


def test_an_internal_note_is_stored_as_a_note_and_never_mailed(client, adviseur, ticket):
    client.force_login(adviseur)
    response = compose(client, ticket, **NOTE, body="Intern: werkgever belde al eerder.")
    assert response.status_code == 302
    note = Message.objects.get(ticket=ticket)
    assert note.kind == MessageKind.NOTE
    assert not mail_to_employer(ticket)


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "notitie", "action": "antwoord", "confirm_send": "on"},  # note switch, send button
        {"kind": "antwoord", "action": "notitie", "confirm_send": "on"},  # answer switch, note button
        {"kind": "antwoord", "action": "antwoord"},  # answer without the tick
        {"action": "antwoord", "confirm_send": "on"},  # no switch at all
    ],
)
def test_nothing_reaches_the_employer_unless_switch_button_and_tick_agree(client, adviseur, ticket, data):
    client.force_login(adviseur)
    response = compose(
        client, ticket, **data, body="Interne gedachte, niet voor de werkgever", then_status="beantwoord"
    )
    assert response.status_code == 400
    assert not Message.objects.exists()
    assert not mail_to_employer(ticket)
    text = response.content.decode()
    assert "Interne gedachte, niet voor de werkgever" in text  # nothing typed is lost
    assert "Er is niets verstuurd" in text or "Er is nog niets verstuurd" in text or "Kies of je" in text


def test_a_confirmed_answer_is_mailed_to_the_employer(client, adviseur, ticket):
    client.force_login(adviseur)
    response = compose(client, ticket, **SEND, body="Ons advies", then_status="beantwoord")
    assert response.status_code == 302
    assert Message.objects.get(ticket=ticket).kind == MessageKind.REPLY
    assert mail_to_employer(ticket)


def test_answer_without_the_tick_says_so_in_dutch(client, adviseur, ticket):
    client.force_login(adviseur)
    response = compose(client, ticket, kind="antwoord", action="antwoord", body="Advies", then_status="beantwoord")
    assert "Vink aan dat dit antwoord naar de werkgever mag. Er is nog niets verstuurd." in response.content.decode()


def test_merged_ticket_offers_only_the_note(client, adviseur):
    target = TicketFactory()
    source = TicketFactory(contact_email=target.contact_email)
    services.merge_tickets(source=source, target=target, by=adviseur)
    client.force_login(adviseur)
    text = client.get(reverse("helpdesk:ticket_detail", args=[source.reference])).content.decode()
    assert 'value="notitie"' in text and 'name="kind" value="antwoord"' not in text
    assert compose(client, source, **SEND, body="Toch versturen", then_status="beantwoord").status_code == 400
    assert not Message.objects.filter(ticket=source).exists()


def test_ticket_page_has_unique_ids_and_one_body_field(client, adviseur, ticket, outcome):
    client.force_login(adviseur)
    text = client.get(reverse("helpdesk:ticket_detail", args=[ticket.reference])).content.decode()
    duplicates = [value for value, count in Counter(ID.findall(text)).items() if count > 1]
    assert duplicates == []
    assert text.count('name="body"') == 1
    assert "- Select an option -" not in text and "---------" not in text


def test_status_menu_offers_only_allowed_transitions(client, adviseur):
    ticket = TicketFactory(status=TicketStatus.ANSWERED)
    client.force_login(adviseur)
    response = client.get(reverse("helpdesk:ticket_detail", args=[ticket.reference]))
    offered = {value for value, _label in response.context["status_form"].fields["to_status"].choices}
    assert offered == {TicketStatus.REOPENED, TicketStatus.WAITING}


def test_measure_picker_puts_suggestions_for_the_question_first_and_searches(client, adviseur):
    suggested = MeasureFactory(title="Anoniem solliciteren", summary="Naam en foto weg uit de eerste ronde.")
    other = MeasureFactory(title="Mentorprogramma", summary="Een vaste mentor voor nieuwe collega's.")
    ticket = TicketFactory(subject="Anoniem solliciteren", question="Hoe voeren wij anoniem solliciteren in?")
    client.force_login(adviseur)
    response = client.get(reverse("helpdesk:ticket_detail", args=[ticket.reference]))
    assert suggested in response.context["picker"]["suggested"]
    assert other not in response.context["picker"]["suggested"]
    response = compose(
        client, ticket, action="search_measures", kind="antwoord", body="Mijn concept", measure_q="mentorprogramma"
    )
    assert response.status_code == 200
    assert other in response.context["picker"]["results"]
    assert "Mijn concept" in response.content.decode()
    assert not Message.objects.exists()


def test_standard_answer_is_found_and_inserted_with_placeholders_filled(client, adviseur):
    ticket = TicketFactory(employer_name="Bakkerij Zon", contact_name="Ans")
    StandardAnswerFactory(title="Charter kosten", body="Beste {contactpersoon} van {werkgever}, vóór {termijn}.")
    StandardAnswerFactory(title="Iets anders", body="Anders")
    client.force_login(adviseur)
    response = compose(client, ticket, action="search_standard", kind="notitie", body="", standard_q="charter")
    assert [answer.title for answer in response.context["standard_answers"]] == ["Charter kosten"]
    answer = response.context["standard_answers"][0]
    response = compose(client, ticket, action="insert_standard", kind="notitie", body="", standard_answer=answer.pk)
    body = response.context["compose_form"].initial["body"]
    assert body.startswith("Beste Ans van Bakkerij Zon, vóór ")
    assert "{termijn}" not in body and not Message.objects.exists()


# --- Mijn werk -----------------------------------------------------------------------------------


def test_my_work_lists_mine_overdue_and_waiting(client, adviseur):
    today = timezone.localdate()
    mine = TicketFactory(assigned_to=adviseur, status=TicketStatus.IN_PROGRESS)
    late = TicketFactory(due_date=today - timezone.timedelta(days=2))
    waiting = TicketFactory(assigned_to=adviseur, status=TicketStatus.WAITING)
    someone_elses = TicketFactory(status=TicketStatus.IN_PROGRESS, assigned_to=None)
    client.force_login(adviseur)
    response = client.get(reverse("helpdesk:my_work"))
    assert response.status_code == 200
    assert response.context["mine"] == [mine]
    assert response.context["overdue"] == [late]
    assert response.context["waiting"] == [waiting]
    assert someone_elses.reference not in response.content.decode() or someone_elses == late


def test_my_work_query_count_does_not_grow(client, adviseur):
    client.force_login(adviseur)
    url = reverse("helpdesk:my_work")
    TicketFactory(assigned_to=adviseur, status=TicketStatus.IN_PROGRESS)
    TicketFactory(assigned_to=adviseur, status=TicketStatus.WAITING)
    TicketFactory(due_date=timezone.localdate() - timezone.timedelta(days=1))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        TicketFactory(assigned_to=adviseur, status=[TicketStatus.IN_PROGRESS, TicketStatus.WAITING][n % 2])
        TicketFactory(due_date=timezone.localdate() - timezone.timedelta(days=1))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_my_work_is_for_advisors_only(client, partner_abu):
    url = reverse("helpdesk:my_work")
    assert client.get(url).status_code == 302
    client.force_login(partner_abu)
    assert client.get(url).status_code == 403


# --- Landing pages after log-in -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("adviseur", "helpdesk:my_work"),
        ("partner-medewerker", "helpdesk:referral_list"),
        ("contentbeheerder", "admin:index"),
        ("werkgever", "helpdesk:my_tickets"),
        ("community-coordinator", "core:home"),
    ],
)
def test_each_role_lands_on_its_own_workspace_after_log_in(client, user_with_role, role, landing):
    from tests.factories import TEST_PASSWORD

    user = user_with_role(role)
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == reverse(landing)


@pytest.mark.parametrize("role", ["community-coordinator", "werkgever"])
def test_network_coordinators_land_on_their_networks(client, user_with_role, role):
    """The coordinator role holds no global permission: whoever a network names as coordinator
    starts on "Mijn netwerken" (an employer who coordinates too)."""
    from tests.communities.factories import NetworkFactory

    user = user_with_role(role)
    NetworkFactory(coordinators=[user])
    client.force_login(user)
    response = client.get(reverse("accounts:start"))
    assert response.status_code == 302 and response["Location"] == reverse("communities:my_networks")


# --- Partner workspace ------------------------------------------------------------------------------


def referral_data(**overrides) -> dict:
    data = {
        "subject": "Werving statushouders",
        "question": "Ons lid wil statushouders werven. Hoe begin je daarmee?",
        "employer_name": "Bouw Zuid",
        "contact_name": "Sanne",
        "contact_email": "",
        "contact_phone": "",
        "charter_signatory": "onbekend",
        "priority": "normaal",
        "consent_processing": "on",
    }
    return {**data, **overrides}


def test_referral_needs_an_e_mail_address_or_a_phone_number(client, partner_abu):
    client.force_login(partner_abu)
    response = client.post(reverse("helpdesk:refer"), referral_data())
    assert response.status_code == 400
    assert "Vul het e-mailadres of het telefoonnummer van de werkgever in." in response.content.decode()
    response = client.post(reverse("helpdesk:refer"), referral_data(contact_phone="030 123 45 67"))
    assert response.status_code == 302


def test_referral_form_speaks_about_the_employer_and_says_what_they_receive(client, partner_abu):
    client.force_login(partner_abu)
    text = client.get(reverse("helpdesk:refer")).content.decode()
    assert "Heeft de werkgever het Charter Diversiteit ondertekend?" in text
    assert "Heeft je organisatie" not in text and "Heeft uw organisatie" not in text
    assert "Wat de werkgever krijgt" in text


def test_partner_overview_counts_by_status_and_filters(client, partner_abu, partner_awvn):
    org = partner_abu.organisation
    ReferralFactory(referring_organisation=org, status=TicketStatus.NEW)
    ReferralFactory(referring_organisation=org, status=TicketStatus.ANSWERED)
    ReferralFactory(referring_organisation=partner_awvn.organisation)
    client.force_login(partner_abu)
    response = client.get(reverse("helpdesk:referral_list"))
    counts = {row["value"]: row["count"] for row in response.context["by_status"]}
    assert counts[TicketStatus.NEW] == 1 and counts[TicketStatus.ANSWERED] == 1 and response.context["total"] == 2
    assert len(response.context["due"]) == 1
    response = client.get(reverse("helpdesk:referral_list"), {"status": "beantwoord"})
    assert [t.status for t in response.context["tickets"]] == [TicketStatus.ANSWERED]
    response = client.get(reverse("helpdesk:referral_list"), {"status": "onzin"})
    assert response.status_code == 400


def test_partner_overview_query_count_does_not_grow(client, partner_abu):
    client.force_login(partner_abu)
    url = reverse("helpdesk:referral_list")
    ReferralFactory(referring_organisation=partner_abu.organisation)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        ReferralFactory(referring_organisation=partner_abu.organisation)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_referral_detail_shows_due_date_and_whether_the_employer_was_mailed(client, partner_abu):
    client.force_login(partner_abu)
    client.post(reverse("helpdesk:refer"), referral_data(contact_email="sanne@zuid.example"))
    ticket = partner_abu.organisation.referred_tickets.get()
    url = reverse("helpdesk:referral_detail", args=[ticket.reference])
    text = client.get(url).content.decode()
    assert "Reactie uiterlijk" in text
    OutboxMessage.objects.filter(to="sanne@zuid.example").update(status=OutboxStatus.SENT, sent_at=timezone.now())
    assert "bevestiging met volglink verstuurd op" in client.get(url).content.decode()
    phone_only = ReferralFactory(referring_organisation=partner_abu.organisation, contact_email="")
    text = client.get(reverse("helpdesk:referral_detail", args=[phone_only.reference])).content.decode()
    assert "geen e-mailadres opgegeven" in text
