"""Partner staff: referrals with consent, their own organisation's list, never anyone else's ticket."""

import pytest
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Channel, Ticket

pytestmark = pytest.mark.django_db


def referral_data(**overrides):
    data = {
        "subject": "Vraag van lid over taaleisen",
        "question": "Mag een uitzender taaleisen stellen aan flexkrachten?",
        "employer_name": "Uitzendbureau Zuid",
        "contact_name": "Sanne Zuid",
        "contact_email": "sanne@zuid.example",
        "charter_signatory": "nee",
        "priority": "normaal",
        "consent_processing": "on",
        "consent_share_with_partner": "on",
    }
    data.update(overrides)
    return data


def test_partner_refers_a_question_with_consent(client, partner_abu):
    client.force_login(partner_abu)
    response = client.post(reverse("helpdesk:refer"), referral_data())
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("helpdesk:referral_detail", args=[ticket.reference])
    assert ticket.channel == Channel.REFERRAL
    assert ticket.referring_organisation == partner_abu.organisation and ticket.referred_by == partner_abu
    assert ticket.consent_share_with_partner


def test_referral_without_consent_is_refused_with_a_dutch_message(client, partner_abu):
    client.force_login(partner_abu)
    data = referral_data()
    data.pop("consent_processing")
    response = client.post(reverse("helpdesk:refer"), data)
    assert response.status_code == 400
    assert "Zonder toestemming van de werkgever" in response.content.decode()
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("role", ["anoniem", "werkgever", "adviseur", "contentbeheerder", "superuser"])
def test_only_partner_staff_may_refer(client, user_with_role, role):
    user = user_with_role(role)
    if user:
        client.force_login(user)
    response = client.post(reverse("helpdesk:refer"), referral_data())
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert "inloggen" in response["Location"] or "login" in response["Location"]
    assert not Ticket.objects.exists()


def test_list_shows_only_own_organisation(client, partner_abu, referral_abu, referral_awvn):
    client.force_login(partner_abu)
    page = client.get(reverse("helpdesk:referral_list")).content.decode()
    assert referral_abu.reference in page
    assert referral_awvn.reference not in page


def test_other_organisations_ticket_is_404_by_every_url(client, partner_abu, referral_awvn, ticket):
    client.force_login(partner_abu)
    for other in (referral_awvn, ticket):
        assert client.get(reverse("helpdesk:referral_detail", args=[other.reference])).status_code == 404
        assert client.get(reverse("helpdesk:ticket_detail", args=[other.reference])).status_code == 403
        assert client.post(reverse("helpdesk:ticket_claim", args=[other.reference])).status_code == 403


def test_answer_is_shown_only_with_consent_to_share(client, partner_abu, referral_abu, adviseur):
    services.reply(ticket=referral_abu, by=adviseur, body="Het antwoord van SER")
    services.add_note(ticket=referral_abu, by=adviseur, body="Geheime notitie")
    client.force_login(partner_abu)
    page = client.get(reverse("helpdesk:referral_detail", args=[referral_abu.reference])).content.decode()
    assert "Het antwoord van SER" in page and "Geheime notitie" not in page
    referral_abu.consent_share_with_partner = False
    referral_abu.save()
    page = client.get(reverse("helpdesk:referral_detail", args=[referral_abu.reference])).content.decode()
    assert "Het antwoord van SER" not in page
    assert "geen toestemming" in page


def test_partner_is_mailed_when_a_shared_referral_is_answered(
    referral_abu, adviseur, partner_abu, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(ticket=referral_abu, by=adviseur, body="Antwoord")
    assert any(m.to == [partner_abu.email] and referral_abu.reference in m.subject for m in mailoutbox)


def test_referral_list_query_count_does_not_grow(client, partner_abu, theme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.helpdesk.factories import ReferralFactory

    def add(n):
        for _ in range(n):
            ReferralFactory(referring_organisation=partner_abu.organisation).themes.add(theme)

    add(2)
    client.force_login(partner_abu)
    url = reverse("helpdesk:referral_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(20)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(response.context["tickets"]) == 22
    assert len(more) == len(few)


def test_partner_staff_sessions_end_after_idle_time(client, partner_abu, settings, monkeypatch):
    """Partner staff read their members' tickets but are not is_staff: the idle limit covers them too."""
    import time

    from django.shortcuts import resolve_url

    assert not partner_abu.is_staff
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    client.force_login(partner_abu)
    url = reverse("helpdesk:referral_list")
    assert client.get(url).status_code == 200
    later = time.time() + 61 + 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert not client.get(reverse("core:home")).context["user"].is_authenticated
