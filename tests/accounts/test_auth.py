import logging
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def test_log_in_and_out(client, werkgever):
    response = client.post(LOGIN, {"username": werkgever.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).context["user"] == werkgever
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_wrong_password_gives_dutch_message_and_is_logged(client, werkgever, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = client.post(LOGIN, {"username": werkgever.username, "password": "fout"})
    assert response.status_code == 200
    assert "De combinatie van gebruikersnaam en wachtwoord klopt niet" in response.content.decode()
    assert any("log-in failed" in record.getMessage() for record in caplog.records)


def test_log_in_is_throttled_per_account_and_address(client, werkgever, settings):
    settings.LOGIN_THROTTLE_MAX_PER_PAIR = 3
    for _ in range(3):
        client.post(LOGIN, {"username": werkgever.username, "password": "fout"})
    response = client.post(LOGIN, {"username": werkgever.username, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "te vaak een verkeerd wachtwoord" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_log_in_is_throttled_per_client_across_accounts(client, settings):
    settings.LOGIN_THROTTLE_MAX_PER_CLIENT = 4
    victim = UserFactory()
    for attempt in range(4):
        client.post(LOGIN, {"username": f"bestaat-niet-{attempt}", "password": "fout"})
    response = client.post(LOGIN, {"username": victim.username, "password": TEST_PASSWORD})
    assert response.status_code == 429


def test_successful_log_in_resets_the_account_counter(client, werkgever, settings):
    settings.LOGIN_THROTTLE_MAX_PER_PAIR = 3
    for _ in range(2):
        client.post(LOGIN, {"username": werkgever.username, "password": "fout"})
    assert client.post(LOGIN, {"username": werkgever.username, "password": TEST_PASSWORD}).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(2):
        client.post(LOGIN, {"username": werkgever.username, "password": "fout"})
    assert client.post(LOGIN, {"username": werkgever.username, "password": TEST_PASSWORD}).status_code == 302


def test_password_reset_sends_a_working_link(client, werkgever, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": werkgever.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/wachtwoord-herstellen/" in line)
    path = link.split(settings.PORTAL_BASE_URL, 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    new_password = "een-nieuw-en-lang-wachtwoord-7"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    assert client.login(username=werkgever.username, password=new_password)


def test_password_validators_refuse_a_weak_password(client, werkgever):
    client.force_login(werkgever)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]


def test_staff_session_ends_after_idle_time(client, adviseur, settings, monkeypatch):
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    client.force_login(adviseur)
    assert client.get(reverse("admin:index")).status_code == 200
    later = time.time() + 61 + 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_staff_session_ends_after_twelve_hours_even_when_active(client, adviseur, settings, monkeypatch):
    client.force_login(adviseur)
    start = time.time()
    client.get(reverse("core:home"))
    # Active every 20 minutes: still logged in after 11 hours 40 minutes, logged out after 12 hours.
    for step in range(1, 38):
        now = start + step * 20 * 60
        monkeypatch.setattr(time, "time", lambda now=now: now)
        response = client.get(reverse("core:home"))
        if step == 35:
            assert response.context["user"].is_authenticated
    assert response.status_code == 302
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_non_staff_sessions_are_not_idle_limited(client, werkgever, settings, monkeypatch):
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    client.force_login(werkgever)
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(reverse("core:home")).context["user"].is_authenticated


def test_refused_authorisation_is_logged(client, werkgever, caplog):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from core.views import permission_denied

    request = RequestFactory().get("/beheer/geheim/")
    request.user = werkgever
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert any("authorisation refused" in record.getMessage() for record in caplog.records)


def test_client_ip_header_is_read_from_the_environment():
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
    }
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.CLIENT_IP_HEADER)",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "HTTP_X_REAL_IP", result.stderr


def test_client_throttle_uses_the_proxy_header(client, settings):
    """Behind a proxy, one client's failures must not lock out everyone behind the same proxy."""
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client connects from there
    settings.LOGIN_THROTTLE_MAX_PER_CLIENT = 3
    victim = UserFactory()
    for attempt in range(3):
        client.post(LOGIN, {"username": f"bestaat-niet-{attempt}", "password": "fout"}, HTTP_X_REAL_IP="203.0.113.7")
    assert (
        client.post(
            LOGIN, {"username": victim.username, "password": TEST_PASSWORD}, HTTP_X_REAL_IP="203.0.113.7"
        ).status_code
        == 429
    )
    assert (
        client.post(
            LOGIN, {"username": victim.username, "password": TEST_PASSWORD}, HTTP_X_REAL_IP="198.51.100.2"
        ).status_code
        == 302
    )


def test_password_reset_with_an_invalid_address_explains_in_dutch_and_keeps_the_input(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "geen-e-mailadres"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Controleer het formulier" in html  # the error summary
    assert "Voer een geldig e-mailadres in." in html
    assert 'value="geen-e-mailadres"' in html
    assert 'aria-invalid="true"' in html
    assert not mail.outbox


def test_password_reset_with_an_empty_address_explains_in_dutch(client):
    response = client.post(reverse("accounts:password_reset"), {"email": ""})
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()


def test_password_reset_for_an_unknown_address_does_not_reveal_it(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "niemand@example.nl"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert not mail.outbox


def test_log_in_requires_a_csrf_token(werkgever, caplog):
    client = Client(enforce_csrf_checks=True)
    credentials = {"username": werkgever.username, "password": TEST_PASSWORD}
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = client.post(LOGIN, credentials)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Het formulier is verlopen" in html
    assert "Zet cookies voor deze website aan" in html  # no CSRF cookie was sent
    assert any("csrf refused" in record.getMessage() for record in caplog.records)
    assert not client.get(reverse("core:home")).context["user"].is_authenticated

    # With the cookie but a wrong token: refused too.
    client.get(LOGIN)
    response = client.post(LOGIN, {**credentials, "csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    assert "Zet cookies voor deze website aan" not in response.content.decode()

    # With the token from the form: logged in.
    token = client.get(LOGIN).context["csrf_token"]
    response = client.post(LOGIN, {**credentials, "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).context["user"] == werkgever
