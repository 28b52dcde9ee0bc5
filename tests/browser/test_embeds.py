"""The measures widget on a partner's page: a second local server on another origin frames it.
Listed origins see the widget; an unlisted origin's frame stays empty. axe-clean inside."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import assert_accessible
from tests.menukaart.factories import MeasureFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partner_site(live_server):
    """A partner's page on another origin (127.0.0.1:<own port>) that frames the widget."""
    widget = f"{live_server.url}/embed/maatregelen/?thema=werving&aantal=3"
    body = (
        f'<!doctype html><html lang="nl"><head><title>Partner</title></head><body><h1>Partnersite</h1>'
        f'<iframe src="{widget}" title="Maatregelen over werving" width="600" height="600"></iframe></body></html>'
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's hook name
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


def _open(browser, live_server, partner_site):
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    allowed = (live_server.url, partner_site)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(allowed) else route.abort())
    page = context.new_page()
    page.goto(partner_site + "/")
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
