"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Put browser tests in this folder and mark them `@pytest.mark.browser`. Fixtures:

- `browser`: one headless Chromium (/usr/bin/chromium) for all tests in this folder. No browser is ever
  downloaded; when Chromium is missing every browser test fails with a clear message.
- `page`: a fresh browser context per test (locale nl-NL, `page.goto("/")` goes to the live
  server). `new_page(**context_options)` opens more, each in its own context, for example
  `new_page(java_script_enabled=False)` or a second visitor without the first one's cookies
  (axe-core cannot run in a page without JavaScript). Requests to anywhere but the live server
  are blocked and fail the test, as do JavaScript errors, Content-Security-Policy violations and
  stylesheets, scripts or images that answer 4xx/5xx: the portal loads nothing from the internet
  and runs no inline script.

Helpers (tests/browser/helpers.py): `assert_accessible(page)` (axe-core, fails on serious and
critical violations) and `login(page, user)`. For example:

    import pytest
    from django.urls import reverse
    from playwright.sync_api import expect

    from tests.browser.helpers import assert_accessible, login

    pytestmark = pytest.mark.browser

    def test_catalogue(page, adviseur):
        login(page, adviseur)                        # optional: a session cookie, no form
        page.goto(reverse("menukaart:index"))        # reverse() gives the Dutch address
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)

Rows made in the test (factories, fixtures) are visible to the live server: `live_server` makes
the test transactional, and the database is emptied after each test. Use Playwright's `expect`
(it waits) rather than sleeps; the default timeout is 15 seconds.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.browser.helpers import assert_accessible, login  # noqa: F401  (importable from here too)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A page of this portal renders in milliseconds, but on a loaded 2-core CI machine a PDF render or
# an axe run can take seconds: long enough not to flake, short enough to report a hang quickly.
TIMEOUT_MS = 15_000
# Resources a page loads by itself; documents and fetch/XHR (htmx) may answer 4xx on purpose.
ASSET_TYPES = frozenset({"stylesheet", "script", "image", "font", "media"})


@dataclass
class PageProblems:
    """What a page did that it must not do, collected while the test runs."""

    foreign_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    broken_resources: list[str] = field(default_factory=list)

    def report(self) -> str:
        parts = []
        if self.foreign_requests:
            parts.append(
                "Requests to other hosts than the live server (blocked):\n  " + "\n  ".join(self.foreign_requests)
            )
        if self.page_errors:
            parts.append("JavaScript errors:\n  " + "\n  ".join(self.page_errors))
        if self.csp_violations:
            parts.append("Content-Security-Policy violations:\n  " + "\n  ".join(self.csp_violations))
        if self.broken_resources:
            parts.append("Stylesheets, scripts or images that failed to load:\n  " + "\n  ".join(self.broken_resources))
        return "\n".join(parts)


PROBLEMS = pytest.StashKey[PageProblems]()


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium). "
            "Playwright's own browser downloads are not used.",
            pytrace=False,
        )
    # Playwright's sync API keeps an asyncio loop in this thread, so Django would refuse ORM calls
    # from test code ("SynchronousOnlyOperation"). The calls are synchronous; allow them while the
    # browser tests run (package scope), and not in later tests or in the processes they start.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _default_language():
    """reverse() in test code gives the Dutch addresses, whatever an earlier test activated."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def new_page(request, browser, live_server):
    """Open another page in a fresh browser context, with the same checks as `page`.

    `new_page(java_script_enabled=False)` gives a browser without JavaScript; a second call gives a
    second visitor (own cookies, so no session of the first one). Keyword arguments go to
    `browser.new_context`. Every context is closed after the test.
    """
    base_url = live_server.url
    problems = request.node.stash.setdefault(PROBLEMS, PageProblems())
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(locale="nl-NL", base_url=base_url, **context_options)
        contexts.append(context)
        context.live_server_url = base_url
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)

        def only_live_server(route):
            url = route.request.url
            if url == base_url or url.startswith(base_url + "/"):
                route.continue_()
            else:
                problems.foreign_requests.append(url)
                route.abort("blockedbyclient")

        context.route("**/*", only_live_server)
        browser_page = context.new_page()
        browser_page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
        browser_page.on(
            "console",
            lambda message: (
                problems.csp_violations.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        browser_page.on(
            "response",
            lambda response: (
                problems.broken_resources.append(f"{response.status} {response.url}")
                if response.status >= 400 and response.request.resource_type in ASSET_TYPES
                else None
            ),
        )
        return browser_page

    yield open_page
    for context in contexts:
        try:
            context.close()
        except PlaywrightError:
            pass


@pytest.fixture
def page(new_page):
    """A fresh browser context and page for this test (see the module docstring)."""
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test itself (not its teardown) when its page misbehaved."""
    result = yield
    problems = item.stash.get(PROBLEMS, None)
    if problems is not None and problems.report():
        pytest.fail(problems.report(), pytrace=False)
    return result
