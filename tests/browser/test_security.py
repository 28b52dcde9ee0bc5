"""Issue 7's journeys in the browser: staff log in to the admin through the site's throttled
log-in, and a log-in during a Redis outage is refused with a clear, accessible Dutch message."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_staff_reach_the_admin_through_the_sites_log_in(page, adviseur):
    page.goto(reverse("admin:index"))
    expect(page).to_have_url(
        page.context.live_server_url + reverse("accounts:login") + "?next=" + reverse("admin:index")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    page.get_by_label("Gebruikersnaam").fill(adviseur.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(page.context.live_server_url + reverse("admin:index"))


def test_log_in_during_a_redis_outage_is_refused_with_an_accessible_message(page, werkgever, redis_down):
    page.goto(reverse("accounts:login"))
    page.get_by_label("Gebruikersnaam").fill(werkgever.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Inloggen").click()
    assert posted.value.status == 503
    expect(page.get_by_role("alert")).to_contain_text("Inloggen kan op dit moment niet door een storing")
    expect(page.get_by_label("Gebruikersnaam")).to_have_value(werkgever.username)
    assert_accessible(page)
