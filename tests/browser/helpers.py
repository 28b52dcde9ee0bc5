"""Helpers for browser tests: accessibility checks and logging in a user.

Import them in browser tests: `from tests.browser.helpers import assert_accessible, login`.

- `assert_accessible(page)`: axe-core, fails on serious and critical violations.
- What axe does not check, each as an `assert_*` helper: `assert_reflows` (no horizontal scrolling
  at 320 px, WCAG 1.4.10), `assert_targets_large_enough` (24 by 24 px or spaced, 2.5.8),
  `assert_autocomplete` (personal-data fields, 1.3.5), `assert_unique_ids_and_labels`,
  `assert_no_english` (no English default text on a Dutch page) and `assert_focus_order` (the
  skip link first, then main before the footer, 2.4.1 and 2.4.3).
- `page_problems(page)` and `narrow_problems(page)` run all of these but the reflow and the focus
  keys in one round trip each, for tests that visit many pages (tests/browser/test_every_page.py).
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


# --- Reflow (WCAG 1.4.10) ------------------------------------------------------------------------

NARROW = {"width": 320, "height": 800}
# The page's width, and when it is too wide the first elements that stick out (a wide table may
# scroll inside its own `.table-scroll` box).
REFLOW_JS = """() => {
  const width = document.documentElement.scrollWidth;
  const wide = width <= 320 ? [] : Array.from(document.querySelectorAll('body *'))
    .filter((e) => e.getBoundingClientRect().right > 320.5 && !e.closest('.table-scroll'))
    .slice(0, 5).map((e) => e.outerHTML.slice(0, 100) + ' ' + Math.round(e.getBoundingClientRect().right));
  return {width, wide};
}"""


def reflow_problems(found: dict) -> list[str]:
    if found["width"] <= 320:
        return []
    return [f"{found['width']}px wide at 320px: {found['wide'] or 'content of a .table-scroll box'}"]


def assert_reflows(page, *, reload: bool = True) -> None:
    """No horizontal scrolling at 320 CSS px (WCAG 1.4.10). The page is reloaded at that width and
    restored; `reload=False` only resizes (quicker; a page must also reflow when made narrower)."""
    page.wait_for_load_state("load")
    size = page.viewport_size
    page.set_viewport_size(NARROW)
    if reload:
        page.reload()
        page.wait_for_load_state("load")
    try:
        problems = reflow_problems(page.evaluate(REFLOW_JS))
        assert not problems, f"{page.url}: {problems}"
    finally:
        page.set_viewport_size(size)
        if reload:
            page.reload()


def assert_no_sideways_scroll(page) -> None:
    """The page fits its width (reflow): nothing wider than the viewport."""
    page.wait_for_load_state("load")
    width = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 1, f"{page.url} scrolls sideways by {width}px"


# --- Target size (WCAG 2.5.8) ---------------------------------------------------------------------

# Controls a person aims at. Links inside running text are exempt in the SC, so of main's links
# only buttons-as-links and navigation links count.
TARGETS = (
    "main button, main input:not([type=hidden]), main select, main summary, main a.button, main nav a, "
    "header a, header button, footer a, footer button, footer select"
)
# Everything a click lands on, for the spacing exception.
ALL_TARGETS = "a[href], button, input:not([type=hidden]), select, textarea, summary"
# A target smaller than 24 by 24 px passes when a 24 px circle centred on it touches no other
# target and no other small target's circle (the SC's spacing exception). Elements that are not
# rendered, or moved off-screen on purpose (the skip link, the honeypot), do not count.
SMALL_TARGETS_JS = """([selector, everything]) => {
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    return e.getClientRects().length > 0 && r.width > 1 && r.height > 1 && r.right > 0
      && getComputedStyle(e).visibility !== 'hidden';
  };
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const small = (r) => r.width < 23.5 || r.height < 23.5;
  const others = Array.from(document.querySelectorAll(everything)).filter(shown)
    .map((e) => [e, e.getBoundingClientRect()]);
  const crowded = ([e, r]) => {
    const [x, y] = centre(r);
    return others.some(([o, q]) => {
      if (o === e || o.contains(e) || e.contains(o)) return false;
      const dx = Math.max(q.left - x, 0, x - q.right), dy = Math.max(q.top - y, 0, y - q.bottom);
      if (Math.hypot(dx, dy) < 12) return true;
      if (!small(q)) return false;
      const [ox, oy] = centre(q);
      return Math.hypot(x - ox, y - oy) < 24;
    });
  };
  return Array.from(document.querySelectorAll(selector)).filter(shown)
    .map((e) => [e, e.getBoundingClientRect()]).filter(([e, r]) => small(r)).filter(crowded)
    .map(([e, r]) => e.outerHTML.slice(0, 100) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
}"""


def small_targets(page) -> list[str]:
    """Targets smaller than 24 by 24 px without the spacing that would excuse them (WCAG 2.5.8).
    Measured once the page has loaded: a page that was just navigated to may not have its
    stylesheet yet, and unstyled links are 17 px high."""
    page.wait_for_load_state("load")
    return page.evaluate(SMALL_TARGETS_JS, [TARGETS, ALL_TARGETS])


def assert_targets_large_enough(page) -> None:
    small = small_targets(page)
    width = page.viewport_size["width"]
    assert not small, f"Targets under 24x24 px too close to others on {page.url} at {width}px: {small}"


# --- Autocomplete on personal data (WCAG 1.3.5) -----------------------------------------------------

# Fields that ask for personal data say which, so browsers can fill them in and assistive
# technology can show their purpose. Recognised by the field's type or name; the value must be
# one of the fitting tokens. "off" is accepted only where the caller says the fields are about
# somebody else (a partner refers an employer: the partner's own details do not belong there).
AUTOCOMPLETE_JS = r"""(allowOff) => {
  const rules = [
    [(n, t) => t === 'password', ['current-password', 'new-password']],
    [(n, t) => t === 'email' || /(^|_)e-?mail($|_)/.test(n), ['email', 'username']],
    [(n, t) => t === 'tel' || /(phone|telefoon|mobile|mobiel)/.test(n), ['tel', 'tel-national', 'tel-local']],
    [(n, t) => /^(username|gebruikersnaam)$/.test(n), ['username', 'email']],
    [(n, t) => /(^|_)(first_name|given_name|voornaam)$/.test(n), ['given-name']],
    [(n, t) => /(^|_)(last_name|family_name|achternaam)$/.test(n), ['family-name']],
    [(n, t) => /(^|_)(full_name|contact_name|your_name|given_by)$/.test(n), ['name']],
    [(n, t) => /(organisation_name|organization_name|employer_name|company|bedrijf)/.test(n), ['organization']],
    [(n, t) => /(^|_)(job_title|functie)$/.test(n), ['organization-title']],
    [(n, t) => /(street|straat|address|adres)/.test(n), ['street-address', 'address-line1', 'address-line2']],
    [(n, t) => /(postcode|postal_code|zip)/.test(n), ['postal-code']],
    [(n, t) => /(^|_)(city|plaats|woonplaats)$/.test(n), ['address-level2']],
  ];
  const skipped = ['submit', 'button', 'reset', 'image', 'file', 'search'];
  const problems = [];
  document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio])').forEach((el) => {
    if (skipped.includes(el.type)) return;
    if (el.tabIndex < 0 && el.autocomplete === 'off') return;  // a honeypot nobody sees
    const name = (el.name || '').toLowerCase();
    const rule = rules.find(([test]) => test(name, el.type));
    if (!rule) return;
    const given = el.getAttribute('autocomplete') || '';
    const token = given.trim().toLowerCase().split(/\s+/).pop();
    if (rule[1].includes(token) || (allowOff && token === 'off')) return;
    problems.push(`${el.name} (${el.type}) has autocomplete="${given}", wants ${rule[1].join(' or ')}`);
  });
  return problems;
}"""


def assert_autocomplete(page, *, allow_off: bool = False) -> None:
    """Personal-data fields carry a fitting autocomplete token (WCAG 1.3.5)."""
    missing = page.evaluate(AUTOCOMPLETE_JS, allow_off)
    assert not missing, f"Personal-data fields without a fitting autocomplete on {page.url}: {missing}"


# --- Unique ids and labelled controls ---------------------------------------------------------------

# Ids used more than once, and form controls a person cannot name (no <label>, no
# aria-label/labelledby). axe does not flag a second element with the same id when both are
# labelled, yet a label then points at the wrong field (the reply/note mix-up of issue 12).
IDS_AND_LABELS_JS = """() => {
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
}"""


def ids_and_labels_problems(found: dict) -> list[str]:
    problems = [f"duplicate id {id_!r}" for id_ in found["duplicates"]]
    return problems + [f"no label: {html}" for html in found["unlabelled"]]


def assert_unique_ids_and_labels(page) -> None:
    """Fail when an id occurs twice on the page or a form control has no label."""
    found = page.evaluate(IDS_AND_LABELS_JS)
    assert not found["duplicates"], f"Duplicate ids on {page.url}: {found['duplicates']}"
    assert not found["unlabelled"], f"Form controls without a label on {page.url}: {found['unlabelled']}"


# --- No English left on a Dutch page ------------------------------------------------------------------

# Words that give away an English default (Django, DRF, a browser or a library), matched as whole
# words and case-sensitively. Text in code/pre and in parts marked with another language
# (lang="en", such as the language switcher's "(language)") is left alone.
ENGLISH_TELLTALES = (
    "This field is required", "Select an option", "Select a valid choice", "Enter a valid", "Ensure this value",
    "Search", "Submit", "Save", "Delete", "Cancel", "Next", "Previous", "Home", "Log out", "Password",
    "Username", "Required", "Not found", "Page not found", "None",
)  # fmt: skip
# English only when they are the whole text of an element or attribute: "Log in om te reageren" is Dutch.
ENGLISH_LABELS = ("Log in", "Sign in", "Sign up", "Back", "Close", "Loading")
ENGLISH_JS = r"""([words, labels]) => {
  const alternatives = (list) => list.map((w) => w.replace(/ /g, '\\s+')).join('|');
  const anywhere = new RegExp('(^|[^\\p{L}\\p{N}_])(' + alternatives(words) + ')(?=$|[^\\p{L}\\p{N}_])', 'u');
  const whole = new RegExp('^\\s*()(' + alternatives(labels) + ')\\s*$', 'u');
  const exempt = 'code, pre, script, style, template, noscript, [lang]:not([lang|="nl"])';
  const found = [];
  const check = (text, where) => {
    const match = anywhere.exec(text || '') || whole.exec(text || '');
    if (match) found.push(`"${match[2]}" in ${where}: ${text.trim().replace(/\s+/g, ' ').slice(0, 100)}`);
  };
  check(document.title, '<title>');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest(exempt)) check(node.data, '<' + node.parentElement.localName + '>');
  }
  const attributes = ['aria-label', 'placeholder', 'title', 'alt', 'value'];
  document.querySelectorAll('[aria-label], [placeholder], [title], [alt], input[type=submit], input[type=button]')
    .forEach((el) => {
      if (el.closest(exempt)) return;
      for (const attribute of attributes) {
        if (attribute === 'value' && !['submit', 'button'].includes(el.type)) continue;
        if (el.hasAttribute(attribute)) check(el.getAttribute(attribute), `${el.localName}[${attribute}]`);
      }
    });
  return found;
}"""
ENGLISH_ARGS = [list(ENGLISH_TELLTALES), list(ENGLISH_LABELS)]


def assert_no_english(page) -> None:
    """No English default text left on a Dutch page."""
    found = page.evaluate(ENGLISH_JS, ENGLISH_ARGS)
    assert not found, f"English text on the Dutch page {page.url}: {found}"


# --- Focus order (WCAG 2.4.1, 2.4.3) -------------------------------------------------------------------

# Where focus is now, and the page's tab order as the browser walks it (no positive tabindex, so
# document order): whether a header is there to skip, the first stop after the header, and
# elements that jump the order with a positive tabindex.
FOCUS_JS = """() => {
  const where = (el) => {
    if (!el || el === document.body) return 'body';
    if (el.classList.contains('skip-link')) return 'skip';
    for (const region of ['main', 'footer', 'header']) if (el.closest(region)) return region;
    return el.outerHTML.slice(0, 80);
  };
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], '
    + '[contenteditable]';
  const order = Array.from(document.querySelectorAll(selector))
    .filter((e) => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true}));
  const header = document.querySelector('body > header, header.site-header');
  const afterHeader = order.find((e) => !e.classList.contains('skip-link') && !(header && header.contains(e)));
  return {
    now: where(document.activeElement),
    header: !!header,
    inMain: order.some((e) => e.closest('main')),
    afterHeader: afterHeader ? where(afterHeader) : 'nothing',
    positive: order.filter((e) => e.tabIndex > 0).map((e) => e.outerHTML.slice(0, 80)),
  };
}"""


def focus_problems(found: dict) -> list[str]:
    """Problems in FOCUS_JS's answer, asked after one Tab from the top of a freshly loaded page."""
    problems = [f"positive tabindex: {html}" for html in found["positive"]]
    wanted = "main" if found["inMain"] else "footer"
    if not found["header"]:  # a widget for other sites: nothing to skip
        if found["inMain"] and found["now"] != "main":
            problems.append(f"the first Tab lands on {found['now']}, not in main")
        return problems
    if found["now"] != "skip":
        problems.append(f"the first Tab lands on {found['now']}, not on the skip link")
    if found["afterHeader"] != wanted:
        problems.append(f"after the header, Tab lands on {found['afterHeader']}, not in {wanted}")
    return problems


def follow_skip_link(page) -> list[str]:
    """With focus on the skip link: Enter, then Tab lands in main (in the footer only when main
    has nothing to focus). Returns the problems."""
    found = page.evaluate(FOCUS_JS)
    if found["now"] != "skip":
        return [f"focus is on {found['now']}, not on the skip link"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    then = page.evaluate(FOCUS_JS)["now"]
    wanted = "main" if found["inMain"] else "footer"
    return [] if then == wanted else [f"after the skip link, Tab lands on {then}, not in {wanted}"]


def assert_focus_order(page) -> None:
    """From the top of a freshly loaded page, Tab reaches the skip link first; following it and
    pressing Tab lands in main (before anything in the footer); no element jumps the order with a
    positive tabindex. A page without a header (a widget for other sites) needs no skip link."""
    page.keyboard.press("Tab")
    found = page.evaluate(FOCUS_JS)
    problems = focus_problems(found)
    if found["header"] and not problems:
        problems = follow_skip_link(page)
    assert not problems, f"Focus order on {page.url}: {problems}"


# --- Many pages: every check in one round trip ------------------------------------------------------

_PAGE_JS = f"""(args) => ({{
  focus: ({FOCUS_JS})(),
  idsAndLabels: ({IDS_AND_LABELS_JS})(),
  autocomplete: ({AUTOCOMPLETE_JS})(args.allowOff),
  english: ({ENGLISH_JS})(args.english),
  targets: ({SMALL_TARGETS_JS})(args.targets),
}})"""
_NARROW_JS = f"""(targets) => ({{ reflow: ({REFLOW_JS})(), targets: ({SMALL_TARGETS_JS})(targets) }})"""


def page_problems(page, *, allow_off: bool = False, focus: bool = True) -> dict[str, list[str]]:
    """Focus order, ids and labels, autocomplete, English and target size of a freshly loaded page
    at its current width, as {check: [problem, ...]}. Presses Tab once (for the focus order)."""
    if focus:
        page.keyboard.press("Tab")
    args = {"allowOff": allow_off, "english": ENGLISH_ARGS, "targets": [TARGETS, ALL_TARGETS]}
    found = page.evaluate(_PAGE_JS, args)
    return {
        "focus order": focus_problems(found["focus"]) if focus else [],
        "ids and labels": ids_and_labels_problems(found["idsAndLabels"]),
        "autocomplete": found["autocomplete"],
        "English": found["english"],
        "target size": found["targets"],
    }


def narrow_problems(page) -> dict[str, list[str]]:
    """Reflow and target size at 320 px (the window is made narrower and then restored)."""
    size = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        found = page.evaluate(_NARROW_JS, [TARGETS, ALL_TARGETS])
    finally:
        page.set_viewport_size(size)
    return {"reflow": reflow_problems(found["reflow"]), "target size at 320px": found["targets"]}
