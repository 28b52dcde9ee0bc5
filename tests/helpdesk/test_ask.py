"""The public question form: validation, honeypot, rate limit, suggestions, the follow link."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import OutboxMessage, OutboxStatus
from helpdesk.models import AuditAction, AuditEvent, SuggestionStat, Ticket, TicketStatus
from tests.helpdesk.factories import ask_form_data

ASK = reverse("helpdesk:ask")

pytestmark = pytest.mark.django_db


def valid_data(**overrides):
    defaults = {
        "question": "Hoe kunnen wij statushouders goed begeleiden bij werving en selectie?",
        "form_visit": "abc123",
    }
    return ask_form_data(**{**defaults, **overrides})


def test_form_page_renders_for_anonymous(client):
    response = client.get(ASK)
    assert response.status_code == 200
    assert 'name="website"' in response.content.decode()
    assert "Bekijk suggesties" in response.content.decode()


def test_valid_question_creates_ticket_shows_reference_and_mails_follow_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK, valid_data(), follow=True)
    assert response.status_code == 200
    ticket = Ticket.objects.get()
    page = response.content.decode()
    assert ticket.reference in page
    assert ticket.status == TicketStatus.NEW and ticket.consent_processing
    to_requester = [m for m in mail.outbox if m.to == ["piet@noord.example"]]
    assert len(to_requester) == 1
    assert ticket.reference in to_requester[0].subject
    # The e-mail carries a working follow link; its raw token is not stored anywhere.
    link = next(line for line in to_requester[0].body.splitlines() if "/volg/" in line).strip()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert client.get(reverse("helpdesk:follow", args=[token])).status_code == 200
    assert not OutboxMessage.objects.filter(body__contains=token).exists()
    assert not OutboxMessage.objects.filter(private_link__contains=token).exists()
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 2  # requester + team


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("subject", "", "Vul een onderwerp in."),
        ("question", "", "Beschrijf je vraag."),
        ("question", "kort", "Beschrijf je vraag in minstens 10 tekens."),
        ("employer_name", "", "Vul de naam van de organisatie in."),
        ("contact_name", "", "Vul de naam van de contactpersoon in."),
        ("contact_email", "", "Vul een e-mailadres in, zodat we je kunnen antwoorden."),
        ("contact_email", "geen-adres", "Vul een geldig e-mailadres in"),
        ("consent", "", "Geef toestemming voor het gebruik van je gegevens"),
        ("website", "http://spam.example", "Laat het veld"),
    ],
)
def test_invalid_input_shows_a_dutch_message_and_keeps_the_data(client, field, value, message):
    data = valid_data(**{field: value})
    if not value:
        data.pop(field)
    response = client.post(ASK, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Hoe kunnen wij statushouders" in page or field == "question"
    assert not Ticket.objects.exists()


def test_rate_limit_per_client_keeps_the_typed_question(client, settings):
    settings.HELPDESK_ASK_RATE_LIMIT = 2
    for n in range(2):  # two questions, each from its own visit of the form
        assert client.post(ASK, valid_data(form_visit=f"visit{n}")).status_code == 302
    response = client.post(ASK, valid_data(subject="Derde vraag"))
    assert response.status_code == 429
    assert "te veel vragen" in response.content.decode()
    assert "Derde vraag" in response.content.decode()
    assert Ticket.objects.count() == 2


def test_suggestions_without_javascript_keep_the_typed_data(client, measure):
    data = valid_data(action="suggest", question="Wij willen anoniem solliciteren invoeren bij werving")
    response = client.post(ASK, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Anoniem solliciteren" in page
    assert "Bouwbedrijf Noord" in page and "piet@noord.example" in page
    assert 'name="consent" checked' in page or "checked" in page
    assert not Ticket.objects.exists()
    assert SuggestionStat.objects.get().suggestions_shown == 1


def test_suggestions_partial_for_htmx(client, measure):
    response = client.get(reverse("helpdesk:suggestions"), {"q": "werving anoniem", "form_visit": "v1"})
    assert response.status_code == 200
    assert "Anoniem solliciteren" in response.content.decode()
    assert "bezoek=v1" in response.content.decode()


def test_deflection_is_counted_without_personal_data(client, measure):
    open_url = reverse("helpdesk:suggestion_open", args=[measure.slug])
    # Visit 1 opens a suggestion twice and leaves; visit 2 opens one and still asks.
    assert client.get(open_url, {"bezoek": "visit1"}).status_code == 302
    client.get(open_url, {"bezoek": "visit1"})
    client.get(open_url, {"bezoek": "visit2"})
    client.post(ASK, valid_data(form_visit="visit2"))
    stat = SuggestionStat.objects.get()
    assert (stat.suggestion_opens, stat.visits_with_open, stat.asked_after_open) == (3, 2, 1)
    assert stat.deflected == 1


def test_follow_page_with_wrong_token_is_404(client, submitted):
    assert client.get(reverse("helpdesk:follow", args=["niet-het-goede-token"])).status_code == 404
    response = client.post(reverse("helpdesk:follow_reply", args=["niet-het-goede-token"]), {"body": "hoi"})
    assert response.status_code == 404


def test_follow_page_shows_answer_with_measure_cards_and_hides_notes(client, submitted, adviseur, measure):
    from helpdesk import services

    ticket, token = submitted
    services.add_note(ticket=ticket, by=adviseur, body="Interne overweging")
    services.reply(ticket=ticket, by=adviseur, body="Ons advies", measures=[measure])
    response = client.get(reverse("helpdesk:follow", args=[token]))
    page = response.content.decode()
    assert "Ons advies" in page and "Anoniem solliciteren" in page
    assert "Interne overweging" not in page
    assert response["Referrer-Policy"] == "same-origin"  # no-referrer would break its own forms (Origin: null)
    assert AuditEvent.objects.filter(ticket=ticket, action=AuditAction.VIEWED).exists()


def test_requester_reply_and_feedback_through_follow_link(client, submitted, adviseur):
    from helpdesk import services

    ticket, token = submitted
    services.reply(ticket=ticket, by=adviseur, body="Kun je meer vertellen?", then_status=TicketStatus.WAITING)
    response = client.post(reverse("helpdesk:follow_reply", args=[token]), {"body": "Wij hebben 40 medewerkers."})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.REOPENED
    assert client.post(reverse("helpdesk:follow_reply", args=[token]), {"body": ""}).status_code == 400
    response = client.post(reverse("helpdesk:follow_feedback", args=[token]), {"helpful": "ja", "reason": "Helder"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.feedback.helpful is True and ticket.feedback.reason == "Helder"
    assert client.post(reverse("helpdesk:follow_feedback", args=[token]), {"helpful": "misschien"}).status_code == 400


def test_htmx_is_served_from_our_own_static_files(client):
    page = client.get(ASK).content.decode()
    assert "/static/django_htmx/htmx-2.min.js" in page
    assert "https://" not in page.split("<script", 1)[1].split(">", 1)[0]
    assert 'hx-get="/helpdesk/vraag-stellen/suggesties/"' in page


def test_htmx_typing_request_uses_the_textarea_name(client, measure):
    response = client.get(reverse("helpdesk:suggestions"), {"question": "anoniem solliciteren", "form_visit": "v"})
    assert "Anoniem solliciteren" in response.content.decode()


def test_staff_and_partners_find_their_pages_from_the_ask_page(client, adviseur, partner_abu):
    """Through the main menu's role links (tests/helpdesk/test_navigation.py); the referral form from the list."""
    client.force_login(adviseur)
    assert reverse("helpdesk:queue") in client.get(ASK).content.decode()
    client.force_login(partner_abu)
    assert reverse("helpdesk:referral_list") in client.get(ASK).content.decode()
    assert reverse("helpdesk:refer") in client.get(reverse("helpdesk:referral_list")).content.decode()


def test_follow_page_query_count_does_not_grow_with_messages(client, submitted, adviseur, measure):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from helpdesk import services

    ticket, token = submitted
    services.reply(ticket=ticket, by=adviseur, body="Eerste", measures=[measure])
    url = reverse("helpdesk:follow", args=[token])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        services.reply(ticket=ticket, by=adviseur, body=f"Antwoord {n}", measures=[measure])
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)


def test_suggestions_use_dutch_full_text_search(measure):
    from menukaart.search import suggest_measures
    from tests.helpdesk.factories import MeasureFactory

    MeasureFactory(slug="ongepubliceerd", title="Anoniem solliciteren (concept)", status="concept")
    # "sollicitaties" and "selecteur" match "solliciteren"/"selecteurs" only through Dutch stemming.
    found = suggest_measures("Hoe beoordelen selecteur en team de sollicitaties eerlijker?")
    assert [m.slug for m in found] == ["anoniem-solliciteren"]
    assert suggest_measures("") == [] and suggest_measures("een de") == []


def test_follow_page_speaks_the_employers_words(client, submitted, adviseur, measure):
    from helpdesk import services

    ticket, token = submitted
    url = reverse("helpdesk:follow", args=[token])
    page = client.get(url).content.decode()
    assert "Een adviseur van SER Diversiteit in Bedrijf werkt aan je vraag." in page
    services.reply(ticket=ticket, by=adviseur, body="Hoeveel medewerkers heb je?", then_status=TicketStatus.WAITING)
    page = client.get(url).content.decode()
    assert "We hebben je reactie nodig." in page and 'href="#reageren"' in page
    assert "Bericht van SER Diversiteit in Bedrijf" in page and "Antwoord aan werkgever" not in page
    assert "Heeft dit antwoord je geholpen?" not in page  # a clarifying question is not an answer
    client.post(reverse("helpdesk:follow_reply", args=[token]), {"body": "Wij hebben 40 medewerkers."})
    services.reply(ticket=ticket, by=adviseur, body="Ons advies", measures=[measure])
    page = client.get(url).content.decode()
    assert "SER Diversiteit in Bedrijf heeft je vraag beantwoord." in page
    assert "Heeft dit antwoord je geholpen?" in page and "Jouw bericht" in page
    assert reverse("menukaart:plan_add", args=[measure.slug]) in page  # measure cards can go in the plan
