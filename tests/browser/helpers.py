"""Helpers for browser tests: accessibility checks with axe-core and logging in a user.

Import them in browser tests: `from tests.browser.helpers import assert_accessible, login`.
"""

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

# axe-core impact levels that fail a test. WCAG 2.1 AA problems that block people (missing
# labels, contrast, names of buttons and links, ARIA misuse) are "serious" or "critical".
FAILING_IMPACTS = frozenset({"serious", "critical"})

_axe = Axe()


def accessibility_violations(page, *, impacts=FAILING_IMPACTS) -> list[dict]:
    """Run axe-core (bundled with axe-playwright-python, so nothing is fetched) on the page."""
    results = _axe.run(page)
    return [violation for violation in results.response["violations"] if violation["impact"] in impacts]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail when axe-core finds serious or critical accessibility violations on the current page."""
    violations = accessibility_violations(page)
    assert not violations, f"Accessibility violations on {page.url}:\n{format_violations(violations)}"


WIDE_JS = """() => Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > 321 && !e.closest('.table-scroll'))
  .slice(0, 5).map(e => e.outerHTML.slice(0, 100) + ' ' + e.getBoundingClientRect().right)"""


def assert_reflows(page) -> None:
    """No horizontal scrolling at 320 CSS px; the page is reloaded at that width and restored."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    page.wait_for_load_state("load")
    wide = page.evaluate(WIDE_JS)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{page.url}: {wide}"
    page.set_viewport_size(size)
    page.reload()


def login(page, user) -> None:
    """Log `user` in for this page's browser context by giving it a fresh session cookie.

    It skips the log-in form (and its throttle) on purpose; tests of the form itself use the
    keyboard or the mouse like a person would. The next navigation is made as `user`.
    """
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.context.live_server_url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )


# Runs in the page: ids used more than once, and form controls a person cannot name (no <label>,
# no aria-label/labelledby). axe does not flag a second element with the same id when both are
# labelled, yet a label then points at the wrong field (the reply/note mix-up of issue 12).
_IDS_AND_LABELS = """
() => {
  const counts = {};
  document.querySelectorAll('[id]').forEach((el) => { counts[el.id] = (counts[el.id] || 0) + 1; });
  const duplicates = Object.keys(counts).filter((id) => counts[id] > 1);
  const unlabelled = [];
  document.querySelectorAll('input, select, textarea').forEach((el) => {
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type)) return;
    const named = (el.labels && el.labels.length)
      || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!named) unlabelled.push(el.outerHTML.slice(0, 120));
  });
  return {duplicates, unlabelled};
}
"""


def assert_unique_ids_and_labels(page) -> None:
    """Fail when an id occurs twice on the page or a form control has no label."""
    found = page.evaluate(_IDS_AND_LABELS)
    assert not found["duplicates"], f"Duplicate ids on {page.url}: {found['duplicates']}"
    assert not found["unlabelled"], f"Form controls without a label on {page.url}: {found['unlabelled']}"


def assert_no_sideways_scroll(page) -> None:
    """The page fits its width (reflow): nothing wider than the viewport."""
    page.wait_for_load_state("load")
    width = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 1, f"{page.url} scrolls sideways by {width}px"
