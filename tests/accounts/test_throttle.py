"""The one log-in throttle (issue 7, findings 1, 4 and 6): every way to log in goes through it,
per account and address pair plus a slower brake, and it never opens up when Redis is down."""

import logging

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
ADMIN_LOGIN = reverse("admin:login")


def _fail(client, username, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": "fout"}, REMOTE_ADDR=address)


def _log_in(client, username, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": TEST_PASSWORD}, REMOTE_ADDR=address)


# --- Finding 1: the admin log-in ------------------------------------------------------------------


def test_admin_log_in_page_sends_to_the_site_log_in(client):
    response = client.get(ADMIN_LOGIN + "?next=/beheer/helpdesk/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/beheer/helpdesk/"


def test_passwords_posted_to_the_admin_log_in_never_log_anyone_in(client, superuser, settings):
    """30 wrong passwords then the right one at /beheer/login/ used to log in (unthrottled)."""
    settings.LOGIN_THROTTLE_MAX_PER_PAIR = 5
    for _ in range(30):
        client.post(ADMIN_LOGIN, {"username": superuser.username, "password": "fout"})
    response = client.post(ADMIN_LOGIN, {"username": superuser.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_staff_log_in_through_the_site_and_reach_the_admin(client, adviseur):
    response = client.post(
        LOGIN, {"username": adviseur.username, "password": TEST_PASSWORD, "next": reverse("admin:index")}
    )
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
    # Logged in staff that open the admin's log-in page go on to the admin.
    assert client.get(ADMIN_LOGIN)["Location"] == reverse("admin:index")


def test_admin_log_in_refuses_a_logged_in_employer_instead_of_looping(client, werkgever):
    client.force_login(werkgever)
    assert client.get(ADMIN_LOGIN + "?next=/beheer/").status_code == 403


def test_admin_log_in_ignores_a_foreign_next_address(client):
    response = client.get(ADMIN_LOGIN + "?next=https://evil.example/")
    assert response["Location"] == f"{LOGIN}?next={reverse('admin:index')}"


def test_admin_password_change_goes_to_the_throttled_form(client, adviseur):
    client.force_login(adviseur)
    response = client.get(reverse("admin:password_change"))
    assert response["Location"] == reverse("accounts:password_change")


def test_password_change_is_throttled_like_a_log_in(client, werkgever, settings):
    settings.LOGIN_THROTTLE_MAX_PER_PAIR = 3
    client.force_login(werkgever)
    change = reverse("accounts:password_change")
    new = {"new_password1": "een-nieuw-en-lang-wachtwoord-7", "new_password2": "een-nieuw-en-lang-wachtwoord-7"}
    for _ in range(3):
        assert client.post(change, {"old_password": "fout", **new}).status_code == 200
    response = client.post(change, {"old_password": TEST_PASSWORD, **new})
    assert response.status_code == 429
    assert "te vaak een verkeerd wachtwoord" in response.content.decode()
    werkgever.refresh_from_db()
    assert werkgever.check_password(TEST_PASSWORD)


def test_failed_password_changes_count_toward_the_log_in_throttle(client, werkgever, settings):
    settings.LOGIN_THROTTLE_MAX_PER_PAIR = 2
    client.force_login(werkgever)
    new = {"new_password1": "een-nieuw-en-lang-wachtwoord-7", "new_password2": "een-nieuw-en-lang-wachtwoord-7"}
    for _ in range(2):
        client.post(reverse("accounts:password_change"), {"old_password": "fout", **new})
    client.logout()
    response = client.post(LOGIN, {"username": werkgever.username, "password": TEST_PASSWORD})
    assert response.status_code == 429


# --- Finding 6: per pair, not per account ---------------------------------------------------------


def test_wrong_passwords_from_one_address_do_not_lock_the_account_elsewhere(client, werkgever, settings):
    settings.LOGIN_THROTTLE_MAX_PER_PAIR = 5
    for _ in range(5):
        _fail(client, werkgever.username, address="203.0.113.66")
    assert _log_in(client, werkgever.username, address="203.0.113.66").status_code == 429
    assert _log_in(client, werkgever.username, address="198.51.100.2").status_code == 302


def test_unknown_names_from_one_address_do_not_lock_out_others_at_that_address(client, settings):
    """20 unknown names from one address used to refuse everyone behind it."""
    colleague = UserFactory()
    for attempt in range(20):
        _fail(client, f"bestaat-niet-{attempt}")
    assert _log_in(client, colleague.username).status_code == 302


def test_many_failures_from_one_address_over_many_accounts_are_refused(client, settings):
    settings.LOGIN_THROTTLE_MAX_PER_CLIENT = 6
    victim = UserFactory()
    for attempt in range(6):
        _fail(client, f"bestaat-niet-{attempt}")
    assert _log_in(client, victim.username).status_code == 429
    assert _log_in(client, victim.username, address="198.51.100.2").status_code == 302


def test_global_brake_leaves_one_attempt_per_pair_under_a_distributed_attack(client, werkgever, settings):
    settings.LOGIN_THROTTLE_GLOBAL_MAX = 4
    for attempt in range(4):
        _fail(client, f"bestaat-niet-{attempt}", address=f"192.0.2.{attempt + 1}")
    # The brake is on: a pair that already failed once in the window is refused...
    _fail(client, werkgever.username, address="198.51.100.9")
    assert _log_in(client, werkgever.username, address="198.51.100.9").status_code == 429
    # ...but the right password on the first try from a fresh address still gets in.
    assert _log_in(client, werkgever.username, address="198.51.100.10").status_code == 302


def test_ipv6_addresses_in_one_network_share_a_counter(client, werkgever, settings):
    settings.LOGIN_THROTTLE_MAX_PER_PAIR = 3
    for host in range(3):
        _fail(client, werkgever.username, address=f"2001:db8:1:2::{host + 1}")
    assert _log_in(client, werkgever.username, address="2001:db8:1:2::99").status_code == 429
    assert _log_in(client, werkgever.username, address="2001:db8:1:3::1").status_code == 302


# --- Finding 6: the proxy header, believed only from the proxy ------------------------------------


def client_address(request) -> str:
    from core.ratelimit import client_address  # imported here: the module is new with this fix

    return client_address(request)


def test_proxy_header_is_believed_from_the_trusted_proxy(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_REAL_IP="203.0.113.7")
    assert client_address(request) == "203.0.113.7"


def test_proxy_header_is_ignored_from_anyone_else(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = rf.get("/", REMOTE_ADDR="198.51.100.2", HTTP_X_REAL_IP="203.0.113.7")
    assert client_address(request) == "198.51.100.2"


def test_forwarded_for_list_uses_the_address_the_proxy_added(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"


def test_a_header_that_is_no_address_falls_back_to_the_connection(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="<script>")
    assert client_address(request) == "10.0.0.1"


def test_a_spoofed_header_cannot_dodge_the_throttle(client, werkgever, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.LOGIN_THROTTLE_MAX_PER_PAIR = 3
    for attempt in range(3):
        client.post(
            LOGIN,
            {"username": werkgever.username, "password": "fout"},
            REMOTE_ADDR="198.51.100.2",
            HTTP_X_REAL_IP=f"203.0.113.{attempt}",
        )
    response = client.post(
        LOGIN,
        {"username": werkgever.username, "password": TEST_PASSWORD},
        REMOTE_ADDR="198.51.100.2",
        HTTP_X_REAL_IP="203.0.113.200",
    )
    assert response.status_code == 429


# --- Finding 4: Redis down ------------------------------------------------------------------------


def test_log_in_with_redis_down_is_a_dutch_503_not_a_500_and_not_unthrottled(client, werkgever, redis_down, caplog):
    with caplog.at_level(logging.ERROR, logger="portal.security"):
        response = client.post(LOGIN, {"username": werkgever.username, "password": TEST_PASSWORD})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Inloggen kan op dit moment niet door een storing" in html
    assert f'value="{werkgever.username}"' in html  # what was typed is kept
    assert not response.context["user"].is_authenticated
    assert any("throttle unavailable" in record.getMessage() for record in caplog.records)
