"""The question form embedded in a partner's site: framable by listed partners only, the helpdesk's
own service and protections (consent, honeypot, submission key, rate limit, body size), the partner
recorded as the question's source, a thank-you page inside the frame, and no cookies."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from helpdesk.models import Ticket
from reach.forms import new_form_token
from tests.accounts.factories import OrganisationFactory
from tests.helpdesk.factories import ask_form_data

pytestmark = pytest.mark.django_db

PARTNER = "https://www.partner.example"
ASK = reverse("reach:embed_ask")


def embed_data(**overrides) -> dict:
    data = {**ask_form_data(), "form_visit": new_form_token(), **overrides}
    data.pop("source", None)
    return data


def token_in(html: str) -> str:
    return re.search(r'name="form_visit" value="([^"]+)"', html).group(1)


@override_settings(EMBED_FRAME_ANCESTORS=[PARTNER])
def test_the_form_may_be_framed_by_listed_partners_only_and_sets_no_cookies(client, abu):
    response = client.get(ASK, {"partner": "abu"})
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert f"frame-ancestors 'self' {PARTNER};" in response["Content-Security-Policy"]
    assert not response.cookies
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "Je vraag gaat via ABU naar de helpdesk" in html and "ABU ziet je vraag niet" in html
    assert 'action="/embed/vraag/?partner=abu"' in html
    assert "hx-get" not in html


def test_a_question_from_a_partner_site_records_the_partner_and_thanks_inside_the_frame(
    client, abu, adviseur, django_capture_on_commit_callbacks
):
    token = token_in(client.get(ASK, {"partner": "abu"}).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ASK}?partner=abu", embed_data(form_visit=token))
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.source == "partnersite:abu"
    assert ticket.channel == "web" and ticket.referring_organisation is None and ticket.requester_user is None
    assert response["Location"].startswith("/embed/vraag/ontvangen/?partner=abu&nummer=")
    thanks = client.get(response["Location"])
    assert "X-Frame-Options" not in thanks
    assert ticket.reference in thanks.content.decode()
    assert not thanks.cookies and not response.cookies
    # The confirmation with the follow link goes by e-mail, as from the portal's own form.
    assert [m.to for m in mail.outbox if ticket.reference in m.subject][0] == ["piet@noord.example"]
    client.force_login(adviseur)
    assert "het vraagformulier op de site van partner abu" in client.get(ticket.get_absolute_url()).content.decode()


def test_without_a_partner_the_form_works_and_says_so(client):
    response = client.post(ASK, embed_data())
    assert response.status_code == 302
    assert Ticket.objects.get().source == "partnersite"


@pytest.mark.parametrize("partner", ["bestaat-niet", "<script>", "x" * 300, "ser-dib", "werkgever-bv"])
def test_an_unknown_partner_is_a_clear_dutch_400(client, ser_dib, partner):
    OrganisationFactory(slug="werkgever-bv", kind="employer")
    get = client.get(ASK, {"partner": partner})
    assert get.status_code == 400
    assert "De partner in het adres van dit formulier kennen we niet" in get.content.decode()
    assert "<script>" not in get.content.decode()
    post = client.post(f"{ASK}?partner={partner}", embed_data())
    assert post.status_code == 400 and not Ticket.objects.exists()


def test_consent_is_required(client):
    data = embed_data()
    del data["consent"]
    response = client.post(ASK, data)
    assert response.status_code == 400
    assert "Geef toestemming" in response.content.decode()
    assert not Ticket.objects.exists()


def test_the_honeypot_refuses_a_robot(client):
    assert client.post(ASK, embed_data(website="http://spam.example")).status_code == 400
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("token", ["", "0123456789abcdef", "0123456789abcdef.xxxx.yyyy", "a" * 500])
def test_a_post_without_a_form_token_of_the_portal_is_refused_and_keeps_the_typed_text(client, token):
    response = client.post(ASK, embed_data(form_visit=token))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit formulier is verlopen" in html and "Werving van statushouders" in html
    assert token_in(html) != token  # a fresh token to send it again with
    assert not Ticket.objects.exists()


def test_an_expired_form_token_is_refused(client, settings):
    data = embed_data()
    settings.EMBED_ASK_FORM_HOURS = -1  # every token is older than that
    assert client.post(ASK, data).status_code == 400
    assert not Ticket.objects.exists()


def test_posting_the_same_form_twice_makes_one_question_and_one_e_mail(client, django_capture_on_commit_callbacks):
    data = embed_data()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(ASK, data)
        second = client.post(ASK, data)
    assert Ticket.objects.count() == 1
    assert "nummer=" in first["Location"] and "nummer=" not in second["Location"]
    assert "Dit formulier is al verstuurd" in client.get(second["Location"]).content.decode()
    assert len([m for m in mail.outbox if "ontvangen" in m.subject]) == 1


def test_the_rate_limit_is_shared_with_the_portals_own_form(client, settings):
    settings.HELPDESK_ASK_RATE_LIMIT = 2
    assert client.post(reverse("helpdesk:ask"), ask_form_data(form_visit="v1")).status_code == 302
    assert client.post(ASK, embed_data()).status_code == 302
    refused = client.post(ASK, embed_data(subject="Nog een vraag"))
    assert refused.status_code == 429
    assert "te veel vragen" in refused.content.decode() and "Nog een vraag" in refused.content.decode()
    assert "X-Frame-Options" not in refused
    assert Ticket.objects.count() == 2


def test_a_body_over_the_limit_is_refused_before_the_form(client, settings):
    settings.REQUEST_MAX_BODY_BYTES = 1000
    response = client.post(ASK, embed_data(question="Een hele lange vraag " * 100))
    assert response.status_code == 413
    assert not Ticket.objects.exists()


def test_the_thank_you_page_shows_no_number_for_a_forged_or_old_link(client):
    response = client.get(reverse("reach:embed_ask_received"), {"nummer": "DIB-2026-000001"})
    assert response.status_code == 200
    assert "DIB-2026-000001" not in response.content.decode()


@override_settings(EMBED_FRAME_ANCESTORS=[PARTNER])
def test_the_portals_own_question_form_still_refuses_framing(client):
    response = client.get(reverse("helpdesk:ask"))
    assert response["X-Frame-Options"] == "DENY"


def test_the_guide_shows_the_form_snippet_per_partner(client, abu, awvn):
    html = client.get(reverse("embed_guide")).content.decode()
    assert '/embed/vraag/?partner=abu" title=' in html and '/embed/vraag/?partner=awvn" title=' in html
    assert '<iframe src="/embed/vraag/"' in html
