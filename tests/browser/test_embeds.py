"""The embeds on a partner's page: a second local server on another origin (127.0.0.1 against the
live server's localhost: another site, so the browser sends the portal no cookies) frames them.
Listed origins see the widget and can send the question form; an unlisted origin's frame stays
empty. axe-clean inside."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from helpdesk.models import Ticket
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import assert_accessible
from tests.menukaart.factories import MeasureFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partner_site(live_server):
    """A partner's site on another origin (127.0.0.1:<own port>): "/" frames the widget, "/vraag"
    the question form."""
    frames = {
        "/": (f"{live_server.url}/embed/maatregelen/?thema=werving&aantal=3", "Maatregelen over werving", 600),
        "/vraag": (f"{live_server.url}/embed/vraag/?partner=abu", "Stel een vraag aan de helpdesk", 2000),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's hook name
            src, title, height = frames.get(self.path, frames["/"])
            body = (
                f'<!doctype html><html lang="nl"><head><title>Partner</title></head><body><h1>Partnersite</h1>'
                f'<iframe src="{src}" title="{title}" width="600" height="{height}"></iframe></body></html>'
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def content(db):
    theme = ThemeFactory(slug="werving", name="Werving en selectie")
    for n in range(3):
        MeasureFactory(slug=f"werving-{n}", title=f"Objectief werven {n}").themes.add(theme)


def _open(browser, live_server, partner_site, path="/"):
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    allowed = (live_server.url, partner_site)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(allowed) else route.abort())
    page = context.new_page()
    page.goto(partner_site + path)
    return context, page


def test_a_listed_partner_site_shows_the_widget(browser, live_server, partner_site, content):
    with override_settings(EMBED_FRAME_ANCESTORS=[partner_site]):
        context, page = _open(browser, live_server, partner_site)
        try:
            frame = page.frame_locator("iframe")
            expect(frame.locator("h1")).to_have_text("Maatregelen over Werving en selectie")
            expect(frame.locator(".embed-list li")).to_have_count(3)
        finally:
            context.close()


def test_an_unlisted_site_cannot_frame_the_widget(browser, live_server, partner_site, content):
    with override_settings(EMBED_FRAME_ANCESTORS=["https://www.andere-partner.example"]):
        context, page = _open(browser, live_server, partner_site)
        try:
            page.wait_for_load_state("load")
            frame = next(f for f in page.frames if f != page.main_frame)
            # Refused by frame-ancestors: Chromium puts its own error page in the frame, not the widget.
            # Under load the frame can still be on '' (not yet navigated) when the page's load fires.
            for _ in range(TIMEOUT_MS // 100):
                if frame.url:
                    break
                page.wait_for_timeout(100)
            assert frame.url.startswith("chrome-error://")
            assert frame.locator(".embed-list").count() == 0
        finally:
            context.close()


def test_the_widget_is_accessible(page, content):
    page.goto("/embed/maatregelen/?thema=werving")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_an_employer_asks_a_question_from_a_partner_site(browser, live_server, partner_site, abu):
    with override_settings(EMBED_FRAME_ANCESTORS=[partner_site]):
        context, page = _open(browser, live_server, partner_site, "/vraag")
        try:
            frame = page.frame_locator("iframe")
            expect(frame.locator("h1")).to_have_text("Stel een vraag aan de helpdesk")
            frame.get_by_label("Onderwerp").fill("Werving van statushouders")
            frame.get_by_label("Je vraag").fill("Hoe begeleiden wij statushouders goed bij werving en selectie?")
            frame.get_by_label("Naam van de organisatie").fill("Bouwbedrijf Noord")
            frame.get_by_label("Naam contactpersoon").fill("Piet de Boer")
            frame.get_by_label("E-mailadres").fill("piet@noord.example")
            frame.get_by_label("Ik geef SER Diversiteit in Bedrijf toestemming", exact=False).check()
            frame.get_by_role("button", name="Vraag versturen").click()
            expect(frame.locator("h1")).to_have_text("Bedankt, je vraag is ontvangen")
            ticket = Ticket.objects.get()
            expect(frame.locator("main")).to_contain_text(ticket.reference)
            assert ticket.source == "partnersite:abu"
            # The partner's own page stayed where it was: everything happened inside the frame.
            assert page.url == partner_site + "/vraag"
            assert not [c for c in context.cookies() if c["name"] in ("csrftoken", "sessionid")]
        finally:
            context.close()


def test_an_unlisted_site_cannot_frame_the_question_form(browser, live_server, partner_site, abu):
    with override_settings(EMBED_FRAME_ANCESTORS=["https://www.andere-partner.example"]):
        context, page = _open(browser, live_server, partner_site, "/vraag")
        try:
            page.wait_for_load_state("load")
            frame = next(f for f in page.frames if f != page.main_frame)
            for _ in range(TIMEOUT_MS // 100):
                if frame.url:
                    break
                page.wait_for_timeout(100)
            assert frame.url.startswith("chrome-error://")
            assert frame.locator("form").count() == 0
        finally:
            context.close()


def test_the_question_form_its_errors_and_its_thank_you_page_are_accessible(page, abu):
    page.goto("/embed/vraag/?partner=abu")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("Onderwerp").fill("Werving van statushouders")
    page.get_by_label("Je vraag").fill("Hoe begeleiden wij statushouders goed bij werving en selectie?")
    page.get_by_label("Naam van de organisatie").fill("Bouwbedrijf Noord")
    page.get_by_label("Naam contactpersoon").fill("Piet de Boer")
    page.get_by_label("E-mailadres").fill("piet@noord.example")
    page.get_by_label("Ik geef SER Diversiteit in Bedrijf toestemming", exact=False).check()
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.locator("h1")).to_have_text("Bedankt, je vraag is ontvangen")
    assert_accessible(page)
