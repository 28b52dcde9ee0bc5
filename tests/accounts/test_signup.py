"""Employers sign up with e-mail verification (an expiring link through the outbox), log in with
their address; the form never tells whether an address already has an account."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts import signup
from accounts.roles import WERKGEVER
from core.models import OutboxMessage
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpdesk.factories import TicketFactory
from tests.menukaart.factories import MeasureFactory

PASSWORD = "een-heel-sterk-wachtwoord-2026"


def signup_data(**overrides):
    data = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "organisation_name": "Bouwbedrijf De Vries",
        "email": "fatima@devries.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy": "on",
    }
    data.update(overrides)
    return data


def verify_link(email: str) -> str:
    """The verification link of the latest e-mail (kept in the outbox only until it is sent)."""
    message = OutboxMessage.objects.filter(to=email).latest("pk")
    assert "/account/registreren/bevestigen/" not in message.body  # the body holds a placeholder
    link = message.private_link
    assert re.fullmatch(r"https?://[^\s]+/account/registreren/bevestigen/[^\s]+", link), link
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.django_db
def test_sign_up_verify_and_log_in_with_the_email_address(client):
    response = client.post(reverse("accounts:signup"), signup_data())
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_done")
    user = get_user_model().objects.get(email="fatima@devries.example")
    assert not user.is_active and user.has_role(WERKGEVER)
    assert user.organisation.name == "Bouwbedrijf De Vries"
    # The account does not work before the address is verified.
    assert not client.login(username="fatima@devries.example", password=PASSWORD)

    link = verify_link("fatima@devries.example")
    assert "Bevestigen en inloggen" in client.get(link).content.decode()
    user.refresh_from_db()
    assert not user.is_active  # opening the link (a mail scanner) changes nothing
    response = client.post(link)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    # The link works once.
    client.logout()
    assert client.post(link).status_code == 404
    response = client.post(reverse("accounts:login"), {"username": "Fatima@DeVries.example", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_expired_link_explains_in_dutch(client, settings, monkeypatch):
    client.post(reverse("accounts:signup"), signup_data())
    link = verify_link("fatima@devries.example")
    later = timezone.now().timestamp() + settings.ACCOUNT_VERIFY_HOURS * 3600 + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.post(link)
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()
    assert not get_user_model().objects.get(email="fatima@devries.example").is_active


@pytest.mark.django_db
def test_tampered_link_is_a_404(client):
    client.post(reverse("accounts:signup"), signup_data())
    link = verify_link("fatima@devries.example")
    assert client.post(link[:-3] + "abc/").status_code == 404


@pytest.mark.django_db
def test_existing_address_gets_the_same_answer_and_an_email_instead_of_an_account(client):
    existing = UserFactory(email="bestaand@example.nl")
    response = client.post(reverse("accounts:signup"), signup_data(email="Bestaand@example.nl"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_done")
    assert get_user_model().objects.filter(email__iexact="bestaand@example.nl").count() == 1
    [mail] = OutboxMessage.objects.filter(to=existing.email)
    assert "al een account" in mail.subject
    assert "/account/wachtwoord-vergeten/" in mail.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"password2": "iets-anders-dan-het-eerste"}, "De twee wachtwoorden zijn niet gelijk."),
        ({"password1": "kort", "password2": "kort"}, "Dit wachtwoord is te kort"),
        ({"privacy": ""}, "Zonder dit akkoord kunnen we geen account maken."),
        ({"organisation_name": "x" * 201}, "Dit is te lang: gebruik ten hoogste 200 tekens (nu 201)."),
        ({"first_name": ""}, "Vul dit veld in."),
    ],
)
def test_bad_sign_up_input_gets_a_dutch_message_and_keeps_the_input(client, overrides, message):
    response = client.post(reverse("accounts:signup"), signup_data(**overrides))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "El Amrani" in body
    assert not get_user_model().objects.filter(email="fatima@devries.example").exists()


@pytest.mark.django_db
def test_a_partner_name_cannot_be_claimed(client, abu):
    response = client.post(reverse("accounts:signup"), signup_data(organisation_name="abu"))
    assert response.status_code == 400
    assert "hoort bij een partnerorganisatie" in response.content.decode()


@pytest.mark.django_db
def test_sign_up_is_rate_limited_per_client(client, settings):
    settings.ACCOUNT_SIGNUP_RATE_LIMIT = 2
    for number in range(2):
        client.post(reverse("accounts:signup"), signup_data(email=f"persoon{number}@example.nl"))
    response = client.post(reverse("accounts:signup"), signup_data(email="derde@example.nl"))
    assert response.status_code == 429
    assert "te veel accounts aangevraagd" in response.content.decode()
    assert not get_user_model().objects.filter(email="derde@example.nl").exists()


@pytest.mark.django_db
def test_visitors_plan_and_questions_move_into_the_new_account(client):
    measure = MeasureFactory()
    client.post(reverse("menukaart:plan_add", args=[measure.slug]))
    ticket = TicketFactory(contact_email="fatima@devries.example")
    other = TicketFactory(contact_email="iemand@anders.example")
    client.post(reverse("accounts:signup"), signup_data())
    client.post(verify_link("fatima@devries.example"))
    user = get_user_model().objects.get(email="fatima@devries.example")
    assert list(user.menukaart_plan.items.values_list("measure_id", flat=True)) == [measure.pk]
    ticket.refresh_from_db()
    other.refresh_from_db()
    assert ticket.requester_user == user
    assert other.requester_user is None
    assert ticket.reference in client.get(reverse("helpdesk:my_tickets")).content.decode()


@pytest.mark.django_db
def test_plan_page_offers_sign_up(client):
    client.post(reverse("menukaart:plan_add", args=[MeasureFactory().slug]))
    page = client.get(reverse("menukaart:plan")).content.decode()
    assert reverse("accounts:signup") in page


@pytest.mark.django_db
def test_wrong_password_for_an_address_says_the_same_as_for_an_unknown_one(client, werkgever):
    known = client.post(reverse("accounts:login"), {"username": werkgever.email, "password": "fout-wachtwoord-1"})
    unknown = client.post(
        reverse("accounts:login"), {"username": "niemand@example.nl", "password": "fout-wachtwoord-1"}
    )
    assert known.status_code == unknown.status_code == 200
    message = "De combinatie van gebruikersnaam en wachtwoord klopt niet."
    assert message in known.content.decode() and message in unknown.content.decode()
    assert client.login(username=werkgever.email, password=TEST_PASSWORD)


@pytest.mark.django_db
def test_logged_in_user_is_told_instead_of_signing_up_again(client, werkgever):
    client.force_login(werkgever)
    response = client.get(reverse("accounts:signup"))
    assert "Je bent al ingelogd" in response.content.decode()


@pytest.mark.django_db
def test_foreign_next_address_is_ignored(client):
    client.post(reverse("accounts:signup") + "?next=https://evil.example/", signup_data())
    link = verify_link("fatima@devries.example")
    assert "evil" not in link
    response = client.post(link, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")


def test_verification_token_is_bound_to_the_account():
    user = get_user_model()(pk=41)
    assert signup.verification_token(user).startswith("41.")
