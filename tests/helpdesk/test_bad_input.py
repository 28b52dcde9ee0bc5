"""Overlong or malformed input on every helpdesk form, filter and address: a Dutch 4xx, never a 500.

Nothing typed is lost: the form comes back with the text in it.
"""

import pytest
from django.urls import reverse

from helpdesk.models import Message, Ticket
from tests.helpdesk.factories import NOTE, SEND, ask_form_data

pytestmark = pytest.mark.django_db

LONG = "x" * 60_000
NUL = "vraag\x00met een nul-teken"


ask_data = ask_form_data


def referral_data(**overrides):
    data = ask_data(**{"consent_processing": "on", "priority": "normaal", **overrides})
    data.pop("consent")
    data.pop("action")
    return data


BAD_EMPLOYER_FIELDS = [
    ("subject", LONG, "niet meer dan 200 tekens"),
    ("subject", NUL, "Null-tekens zijn niet toegestaan"),
    ("question", LONG, "niet meer dan 10000 tekens"),
    ("question", NUL, "Null-tekens zijn niet toegestaan"),
    ("employer_name", LONG, "niet meer dan 200 tekens"),
    ("contact_name", LONG, "niet meer dan 200 tekens"),
    ("contact_email", "a" * 300 + "@example.nl", "niet meer dan 254 tekens"),
    ("contact_phone", "0" * 100, "niet meer dan 40 tekens"),
    ("sector", "ZZ", "geldige keuze"),
    ("size_band", "duizend", "geldige keuze"),
    ("province", "<script>", "geldige keuze"),
    ("charter_signatory", LONG, "geldige keuze"),
    ("themes", "geen-nummer", "geldige waarde"),
    ("themes", "999999999999999999999999", "geldige keuze"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_EMPLOYER_FIELDS)
def test_ask_form(client, field, value, message):
    response = client.post(reverse("helpdesk:ask"), ask_data(**{field: value}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Controleer het formulier" in page and message in page
    assert "Hoe begeleiden wij statushouders" in page or field == "question"
    assert not Ticket.objects.exists()


def test_ask_form_overlong_form_visit(client):
    response = client.post(reverse("helpdesk:ask"), ask_data(form_visit="v" * 1000))
    assert response.status_code == 400
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(("field", "value", "message"), [*BAD_EMPLOYER_FIELDS, ("priority", "spoed", "geldige keuze")])
def test_referral_form(client, partner_abu, field, value, message):
    client.force_login(partner_abu)
    response = client.post(reverse("helpdesk:refer"), referral_data(**{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "params",
    [
        {"q": LONG[:5000]},
        {"q": NUL},
        {"status": "weg"},
        {"theme": "bestaat-niet"},
        {"partner": "x" * 500},
        {"channel": "fax"},
        {"mine": "misschien"},
        {"unassigned": "2"},
        {"overdue": "\x00"},
        {"sort": "contact_email"},
        {"sort": "-question"},
        {"pagina": "9" * 5000},
        {"pagina": "-1"},
        {"pagina": "99999999999999999999"},
    ],
)
def test_queue_filters(client, adviseur, ticket, params):
    client.force_login(adviseur)
    response = client.get(reverse("helpdesk:queue"), params)
    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert "Controleer het formulier" in response.content.decode()


def test_queue_search_longer_than_allowed_is_a_dutch_400(client, adviseur):
    client.force_login(adviseur)
    response = client.get(reverse("helpdesk:queue"), {"q": "x" * 5000})
    assert response.status_code == 400
    assert "niet meer dan 200 tekens" in response.content.decode()


@pytest.mark.parametrize("pagina", ["9" * 5000, "99999999999999999999", "abc", "0"])
def test_referral_list_pages(client, partner_abu, pagina):
    client.force_login(partner_abu)
    assert client.get(reverse("helpdesk:referral_list"), {"pagina": pagina}).status_code == 200


@pytest.mark.parametrize("reference", ["%00", "x" * 3000, "DIB-2026-%00", "<script>"])
def test_odd_references_in_addresses_are_404(client, adviseur, partner_abu, werkgever, reference):
    for user, name in (
        (adviseur, "helpdesk:ticket_detail"),
        (partner_abu, "helpdesk:referral_detail"),
        (werkgever, "helpdesk:my_ticket"),
    ):
        client.force_login(user)
        url = reverse(name, args=["REF"]).replace("REF", reference)
        assert client.get(url).status_code == 404, (name, reference)


@pytest.mark.parametrize("token", ["%00", "x" * 5000, "a/b"])
def test_odd_follow_tokens_are_404(client, token):
    url = reverse("helpdesk:follow", args=["TOKEN"]).replace("TOKEN", token)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("q", "visit"),
    [(LONG, "v1"), (NUL, "v1"), ("werving", "v" * 1000), ("werving", "\x00")],
)
def test_suggestions_partial(client, q, visit):
    response = client.get(reverse("helpdesk:suggestions"), {"question": q, "form_visit": visit})
    assert response.status_code in {200, 400}


@pytest.mark.parametrize("visit", ["\x00", "v" * 5000, "<script>"])
def test_suggestion_open(client, measure, visit):
    response = client.get(reverse("helpdesk:suggestion_open", args=[measure.slug]), {"bezoek": visit})
    assert response.status_code == 302


def test_follow_reply_and_feedback(client, submitted, adviseur):
    from helpdesk import services

    ticket, token = submitted
    services.reply(ticket=ticket, by=adviseur, body="Ons advies")
    response = client.post(reverse("helpdesk:follow_reply", args=[token]), {"body": LONG})
    assert response.status_code == 400
    assert "niet meer dan 10000 tekens" in response.content.decode()
    response = client.post(reverse("helpdesk:follow_reply", args=[token]), {"body": NUL})
    assert response.status_code == 400
    response = client.post(reverse("helpdesk:follow_feedback", args=[token]), {"helpful": "misschien"})
    assert response.status_code == 400 and "Kies ja of nee." in response.content.decode()
    response = client.post(reverse("helpdesk:follow_feedback", args=[token]), {"helpful": "ja", "reason": LONG})
    assert response.status_code == 400 and "niet meer dan 2000 tekens" in response.content.decode()
    assert not Message.objects.filter(ticket=ticket, kind="werkgever").exists()


def test_my_ticket_reply_and_feedback(client, werkgever, adviseur):
    from helpdesk import services
    from tests.helpdesk.factories import TicketFactory

    ticket = TicketFactory(requester_user=werkgever)
    services.reply(ticket=ticket, by=adviseur, body="Ons advies")
    client.force_login(werkgever)
    response = client.post(reverse("helpdesk:my_ticket_reply", args=[ticket.reference]), {"body": LONG})
    assert response.status_code == 400 and "niet meer dan 10000 tekens" in response.content.decode()
    response = client.post(reverse("helpdesk:my_ticket_feedback", args=[ticket.reference]), {"helpful": NUL})
    assert response.status_code == 400 and "Kies ja of nee." in response.content.decode()


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("helpdesk:ticket_compose", {**SEND, "body": LONG}, "niet meer dan 10000 tekens"),
        ("helpdesk:ticket_compose", {**SEND, "body": "Advies", "measures": "geen-nummer"}, "geldige waarde"),
        ("helpdesk:ticket_compose", {**SEND, "body": "Advies", "then_status": "gesloten"}, "geldige keuze"),
        ("helpdesk:ticket_compose", {**SEND, "body": "Advies", "kind": "x" * 300}, "Kies of je een interne notitie"),
        ("helpdesk:ticket_compose", {**NOTE, "body": LONG}, "niet meer dan 10000 tekens"),
        ("helpdesk:ticket_compose", {**NOTE, "body": NUL}, "Null-tekens zijn niet toegestaan"),
        ("helpdesk:ticket_assign", {"advisor": "abc"}, "geldige keuze"),
        ("helpdesk:ticket_assign", {"advisor": "99999999999999999999999"}, "geldige keuze"),
        ("helpdesk:ticket_status", {"to_status": LONG}, "Kies een geldige status."),
        ("helpdesk:ticket_close", {"outcome": "\x00"}, "Null-tekens zijn niet toegestaan"),
        ("helpdesk:ticket_close", {"outcome": "abc"}, "geldige keuze"),
        ("helpdesk:ticket_merge", {"target": LONG}, "niet meer dan 20 tekens"),
        ("helpdesk:ticket_merge", {"target": NUL}, "Null-tekens zijn niet toegestaan"),
    ],
)
def test_advisor_forms(client, adviseur, ticket, action, data, message):
    client.force_login(adviseur)
    response = client.post(reverse(action, args=[ticket.reference]), data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_insert_standard_answer_with_a_bad_choice_keeps_the_text(client, adviseur, ticket):
    client.force_login(adviseur)
    response = client.post(
        reverse("helpdesk:ticket_compose", args=[ticket.reference]),
        {"action": "insert_standard", "standard_answer": "x\x00" * 100, "body": "Mijn concepttekst"},
    )
    assert response.status_code == 200
    assert "Mijn concepttekst" in response.content.decode()


@pytest.mark.parametrize("chosen", ["\u00b2", "\u0663", "1\u00b2", "-1", " 1", "9" * 20])
def test_inserting_a_standard_answer_with_an_odd_number_keeps_the_text(client, adviseur, ticket, chosen):
    """Regression (review I2): "²" passed str.isdigit() and int() raised a 500."""
    client.force_login(adviseur)
    response = client.post(
        reverse("helpdesk:ticket_compose", args=[ticket.reference]),
        {"action": "insert_standard", "standard_answer": chosen, "body": "Beste werkgever,"},
    )
    assert response.status_code == 200
    assert "Beste werkgever," in response.content.decode()
