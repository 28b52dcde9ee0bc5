"""Every page, every role, in the browser: what axe-core does not check.

The portal's demo world is loaded (`load_demo`: the real menukaart content, a helpdesk, networks,
examples, an impact report, a werkgever with scans and a plan). For each role (anonymous,
werkgever, partner-medewerker, adviseur, contentbeheerder, community-coordinator) one browser
context visits every page that role can reach: every URL without parameters, discovered like
tests/security/test_hostile_input.py discovers them, plus one instance of every detail page.
Pages that answer anything but 200 (a 403 for this role, a redirect to the log-in page already
seen) are not pages this role can reach. No page is visited twice: a page whose main content an
earlier role already had checked is left out for the next (only the header differs, and each
role's header is checked on its other pages). Each page is checked for:

(a) no horizontal scrolling at 320 px (WCAG 1.4.10; a table may scroll in `.table-scroll`),
(b) targets of 24 by 24 px or with enough spacing, at 1280 and at 320 px (WCAG 2.5.8),
(c) autocomplete on personal-data fields (WCAG 1.3.5),
(d) unique ids and a label for every form control,
(e) no English default text on the Dutch page,
(f) focus order: the first Tab lands on the skip link; after it, Tab lands in main, not the footer.

Every form in main that sends something is also sent as it is (mostly empty), and the page that
answers gets the same checks but (f): Django's English defaults ("This field is required.") and
error states that break the layout show up only there.

Beheer (the Django admin) is checked for the editor only, for (a), (d) and (e). All problems are
collected and reported together, page by page.
"""

import io
import re
import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from accounts.models import User
from accounts.signup import verification_token
from communities.mail import unsubscribe_token
from communities.models import (
    Lesson,
    Meeting,
    Membership,
    MembershipStatus,
    Network,
    Post,
    Proposal,
    RoleModel,
    RoleModelStatus,
)
from helpdesk.models import Channel, Ticket
from helpdesk.services import issue_access_token
from impact.models import Agreement, Report
from menukaart.models import Example, Measure, Plan, Scan
from menukaart.services import share_plan
from tests.browser.helpers import follow_skip_link, login, narrow_problems, page_problems
from tests.communities.factories import MembershipFactory
from tests.menukaart.factories import ReactionFactory, SubmittedExampleFactory
from tests.security.test_hostile_input import _pages_without_parameters

pytestmark = pytest.mark.browser

# The demo users (accounts.services.load_demo_users), one per role.
ROLES = {
    "anoniem": None,
    "werkgever": "werkgever",
    "partner-medewerker": "partner-abu",
    "adviseur": "adviseur",
    "contentbeheerder": "redacteur",
    "community-coordinator": "coordinator",
}
EDITOR = "contentbeheerder"

# Addresses that are no pages: downloads, feeds, the API, and the helpdesk's suggestions fragment
# (htmx puts it into the question form, which is checked).
NOT_PAGES = re.compile(r"\.(csv|json|ics|pdf|txt|xml)$|^/(api|feeds)/|/vraag-stellen/suggesties/$")

# Pages whose personal-data fields are about somebody else, so "off" keeps the user's own details
# out of them (WCAG 1.3.5 is about the user's own): a partner refers an employer, a coordinator
# invites one by e-mail.
THIRD_PARTY_FORMS = {"helpdesk:refer", "communities:members_manage"}

# Pages that fail a check for a reason that cannot be fixed in the portal, with that reason.
# Keys are (URL name, check); keep this list empty where possible.
ALLOWED: dict[tuple[str, str], str] = {}

WIDTH = 1280
BEHEER = "/beheer/"
NAVIGATION_MS = 10_000
NOT_FOUND = "/bestaat-niet/"  # the 404 page (the same for every role)


def detail_pages() -> list[str]:
    """One instance of every page with parameters, from the demo world (tokens made here)."""
    werkgever = User.objects.get(username="werkgever")
    coordinator = User.objects.get(username="coordinator")
    measure = Measure.objects.published().exclude(backfire_warning="").order_by("slug").first()
    measure = measure or Measure.objects.published().order_by("slug").first()
    example = Example.objects.published().order_by("slug").first()
    network = Network.objects.filter(coordinators=coordinator).order_by("slug").first()
    meeting = Meeting.objects.filter(network=network, starts_at__gte=timezone.now()).order_by("starts_at").first()
    held = Meeting.objects.filter(network=network, starts_at__lt=timezone.now()).order_by("-starts_at").first()
    post = Post.objects.filter(network=network, parent__isnull=True).order_by("pk").first()
    lesson = Lesson.objects.filter(network=network).order_by("pk").first()
    membership = Membership.objects.filter(network=network, status=MembershipStatus.ACTIVE).order_by("pk").first()
    pending = MembershipFactory(network=network, status=MembershipStatus.REQUESTED, decided_at=None)
    proposal = Proposal.objects.order_by("pk").first()
    role_model = RoleModel.objects.filter(status=RoleModelStatus.PUBLISHED).order_by("slug").first()
    consent_token = "toestemming-" + "x" * 40
    RoleModel.objects.filter(pk=role_model.pk).update(token_hash=RoleModel.hash(consent_token))
    SubmittedExampleFactory(title="Een ingestuurd voorbeeld")
    ReactionFactory(example=example)

    adviseur = User.objects.get(username="adviseur")
    ticket = Ticket.objects.filter(assigned_to=adviseur, merged_into__isnull=True).order_by("pk").first()
    referral = Ticket.objects.filter(
        channel=Channel.REFERRAL, referring_organisation__slug="abu", merged_into__isnull=True
    ).order_by("pk").first()
    answered = Ticket.objects.filter(messages__kind="antwoord").order_by("pk").first() or ticket
    own = Ticket.objects.filter(requester_user=werkgever).order_by("pk").first()
    report = Report.objects.complete().first()
    agreement = Agreement.objects.order_by("pk").first()
    plan = Plan.objects.get(user=werkgever)
    scan = Scan.objects.filter(user=werkgever).order_by("-created_at").first()
    signup_user = User.objects.create_user(username="nieuw", email="nieuw@example.nl", is_active=False)

    pages = [
        reverse("menukaart:measure_detail", args=[measure.slug]),
        reverse("menukaart:example_detail", args=[example.slug]),
        reverse("menukaart:shared_plan", args=[share_plan(plan=plan)]),
        reverse("menukaart:scan_result", args=[scan.pk]),
        reverse("menukaart:scan_step", args=[scan.pk, 1]),
        reverse("helpdesk:follow", args=[issue_access_token(ticket=answered)]),
        reverse("helpdesk:ticket_detail", args=[ticket.reference]),
        reverse("helpdesk:referral_detail", args=[referral.reference]),
        reverse("impact:report_detail", args=[report.pk]),
        reverse("communities:network_detail", args=[network.slug]),
        reverse("communities:member_list", args=[network.slug]),
        reverse("communities:members_manage", args=[network.slug]),
        reverse("communities:membership_decline", args=[network.slug, pending.pk]),
        reverse("communities:join", args=[network.slug]),
        reverse("communities:resources", args=[network.slug]),
        reverse("communities:discussion", args=[network.slug]),
        reverse("communities:thread", args=[network.slug, post.pk]),
        reverse("communities:post_edit", args=[network.slug, post.pk]),
        reverse("communities:post_report", args=[network.slug, post.pk]),
        reverse("communities:meeting_detail", args=[network.slug, meeting.pk]),
        reverse("communities:meeting_create", args=[network.slug]),
        reverse("communities:meeting_edit", args=[network.slug, meeting.pk]),
        reverse("communities:meeting_minutes", args=[network.slug, held.pk]),
        reverse("communities:lesson_propose", args=[network.slug, lesson.pk]),
        reverse("communities:proposal_review", args=[proposal.pk]),
        reverse("communities:unsubscribe", args=[unsubscribe_token(membership)]),
        reverse("communities:example_react", args=[example.slug]),
        reverse("communities:role_model_detail", args=[role_model.slug]),
        reverse("communities:role_model_consent", args=[consent_token]),
        reverse("accounts:signup_verify", args=[verification_token(signup_user)]),
        reverse(
            "accounts:password_reset_confirm",
            args=[urlsafe_base64_encode(force_bytes(werkgever.pk)), default_token_generator.make_token(werkgever)],
        ),
    ]
    if own:
        pages.append(reverse("helpdesk:my_ticket", args=[own.reference]))
    if agreement:
        pages.append(reverse("impact:agreement_edit", args=[agreement.pk]))
    return pages


def url_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return match.view_name


@pytest.fixture
def demo_world(live_server, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    call_command("load_demo", force=True, stdout=io.StringIO())
    return [path for path in _pages_without_parameters() if not NOT_PAGES.search(path)] + detail_pages()


class Findings:
    """Problems per page and check, reported together at the end."""

    def __init__(self):
        self.problems: list[str] = []
        self.visited: dict[str, list[str]] = {}
        self.submitted: dict[str, int] = {}

    def add(self, role: str, path: str, found: dict[str, list[str]], *, state: str = "") -> None:
        name = url_name(path)
        for check, problems in found.items():
            if problems and (name, check) not in ALLOWED:
                self.problems.append(f"[{role}] {path}{state} ({check}): {'; '.join(problems)[:700]}")


def main_content(html: str) -> str:
    """The page's <main>, without what differs per session (CSRF tokens and other hidden fields)."""
    match = re.search(r"<main[ >].*</main>", html, re.DOTALL)
    return re.sub(r"<input[^>]*type=\"hidden\"[^>]*>", "", match.group(0)) if match else html


def pages_to_visit(client, paths: list[str], checked: set[tuple[str, str]]) -> list[str]:
    """The paths that answer this role with an HTML page of its own, asked in-process (quicker than
    letting the browser load every 403, 405 and redirect to the log-in page). A page whose main
    content an earlier role already had checked is left out: only its header differs, and this
    role's header is checked on the role's other pages."""
    found = []
    for path in paths:
        response = client.get(path)
        if response.status_code in (301, 302):
            # A redirect counts only when it leads to a page not on the list (a password reset
            # link leads to its form); a log-in page or a workspace on the list is visited anyway.
            target = urlsplit(response["Location"]).path
            if target in paths or target.startswith(BEHEER):
                continue
            response = client.get(path, follow=True)
        expected = 404 if path == NOT_FOUND else 200
        if response.status_code != expected or "text/html" not in response.get("Content-Type", ""):
            continue
        content = (path, main_content(response.content.decode()))
        if content not in checked:
            checked.add(content)
            found.append(path)
    return found


def visit_portal_pages(page, role: str, paths: list[str], findings: Findings) -> None:
    seen: set[str] = set()
    for path in paths:
        response = page.goto(path)
        landed = urlsplit(page.url).path
        if response is None or response.status != (404 if path == NOT_FOUND else 200) or landed in seen:
            continue
        seen.update({path, landed})
        first = role not in findings.visited
        findings.visited.setdefault(role, []).append(landed)
        found = page_problems(page, allow_off=url_name(landed) in THIRD_PARTY_FORMS)
        if first and not found["focus order"]:  # once per role the skip link is also followed for real
            found["focus order"] = follow_skip_link(page)
        findings.add(role, landed, found | narrow_problems(page))
        submit_forms(page, role, landed, findings)


# The forms in main that send something (POST) and have a field a person fills in or chooses.
FORMS_JS = """() => Array.from(document.querySelectorAll('main form')).map((form, index) => [form, index])
  .filter(([form]) => form.method === 'post'
    && form.querySelector('input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea'))
  .map(([form, index]) => index)"""
# Send form number `index` as it is, without the browser's own checks (as a browser without them
# would), with its last submit button (the main action; the first may be a helper such as
# "Bekijk suggesties").
SUBMIT_JS = """(index) => {
  const form = document.querySelectorAll('main form')[index];
  const buttons = form.querySelectorAll('button:not([type=button]):not([type=reset]), input[type=submit]');
  form.noValidate = true;
  form.requestSubmit(buttons.length ? buttons[buttons.length - 1] : undefined);
}"""


def submit_forms(page, role: str, path: str, findings: Findings) -> None:
    """Every form on the page sent as it is (mostly empty): the page that answers, usually with
    error messages, gets the same checks, but for the focus order (the error summary takes the
    focus on purpose). Django's English defaults ("This field is required.") show up only here."""
    for number, index in enumerate(page.evaluate(FORMS_JS)):
        if number:
            page.goto(path)
        try:
            with page.expect_navigation(timeout=NAVIGATION_MS):
                page.evaluate(SUBMIT_JS, index)
        except PlaywrightTimeoutError:
            findings.problems.append(f"[{role}] {path}: form {index + 1} did not send (a script stopped it?)")
            continue
        findings.submitted[role] = findings.submitted.get(role, 0) + 1
        found = page_problems(page, allow_off=url_name(path) in THIRD_PARTY_FORMS, focus=False)
        state = f" after sending form {index + 1} as it is (landed on {urlsplit(page.url).path})"
        findings.add(role, path, found | narrow_problems(page), state=state)


HREFS = "links => links.map(link => link.href)"


def visit_admin_pages(page, findings: Findings) -> None:
    """Beheer for the editor: its start page, every list it links to, and of each list its first
    item (or, for an empty list, its add form): reflow, ids and labels, English."""
    role = EDITOR + " (beheer)"
    queue = [reverse("admin:index")]
    for path in queue:
        if path in findings.visited.get(role, []):
            continue
        response = page.goto(path)
        if response is None or response.status != 200 or urlsplit(page.url).path != path:
            continue
        findings.visited.setdefault(role, []).append(path)
        found = page_problems(page, focus=False)
        checked = {check: found[check] for check in ("ids and labels", "English")}
        findings.add(role, path, checked | {"reflow": narrow_problems(page)["reflow"]})
        name = url_name(path)
        if name == "admin:index":
            lists = [urlsplit(link).path for link in page.eval_on_selector_all("#content-main a[href]", HREFS)]
            queue += [target for target in dict.fromkeys(lists) if url_name(target).endswith("_changelist")]
        elif name.endswith("_changelist"):
            first = page.eval_on_selector_all("#result_list tbody th a", HREFS)
            first = first or page.eval_on_selector_all(".object-tools a.addlink", HREFS)
            queue += [urlsplit(link).path for link in first[:1]]


def test_every_page_for_every_role(new_page, demo_world):
    findings = Findings()
    checked: set[tuple[str, str]] = set()
    seconds = {}
    for role, username in ROLES.items():
        started = time.monotonic()
        page = new_page(viewport={"width": WIDTH, "height": 900})
        client = Client()
        if username:
            user = User.objects.get(username=username)
            login(page, user)
            client.force_login(user)
        paths = [*demo_world, NOT_FOUND] if role == "anoniem" else demo_world
        visit_portal_pages(page, role, pages_to_visit(client, paths, checked), findings)
        if role == EDITOR:
            visit_admin_pages(page, findings)
        page.context.close()
        seconds[role] = round(time.monotonic() - started)
    pages = {role: len(paths) for role, paths in findings.visited.items()}
    print("\nPages per role:", pages, "forms sent:", findings.submitted, "seconds:", seconds)
    # The discovery must find the pages, or the test proves nothing; every role's header is checked.
    assert len(findings.visited["anoniem"]) >= 30, findings.visited["anoniem"]
    assert sum(len(findings.visited[role]) for role in ROLES) >= 100, findings.visited
    assert all(len(findings.visited[role]) >= 3 for role in ROLES), findings.visited
    assert len(findings.visited[EDITOR + " (beheer)"]) >= 20, findings.visited[EDITOR + " (beheer)"]
    assert not findings.problems, f"{len(findings.problems)} problems:\n" + "\n".join(findings.problems)


GOOD_PAGE = """<!doctype html><html lang="nl"><head><title>Goed</title>
<style>input { height: 2rem; }</style></head><body>
<a class="skip-link" href="#inhoud">Direct naar de inhoud</a>
<header class="site-header"><nav><a href="/a" style="display:inline-block;padding:4px 0">Menukaart</a></nav></header>
<main id="inhoud" tabindex="-1">
  <p>Log in om te reageren, of lees <a href="/b">de uitleg</a> in de tekst.</p>
  <label for="naam">Naam</label><input id="naam" name="contact_name" autocomplete="name">
  <label for="mail">E-mailadres</label><input id="mail" name="email" type="email" autocomplete="email">
  <code>Search</code> <span lang="en">(language)</span>
  <button style="width:30px;height:30px">a</button>
</main>
<footer><a href="/c" style="display:inline-block;padding:4px 0">Privacy</a></footer></body></html>"""
BAD_PAGE = """<!doctype html><html lang="nl"><head><title>Fout</title></head><body>
<header class="site-header"><a href="/a">Menukaart</a></header>
<div><a href="/tussen">Tussen header en main</a></div>
<main id="inhoud">
  <input id="dubbel" name="contact_name"><input id="dubbel" name="email" type="email" aria-label="E-mail">
  <button style="width:12px;height:12px;padding:0;border:0">a</button>
  <button style="width:12px;height:12px;padding:0;border:0;margin:0">b</button>
  <p>This field is required.</p><button>Save</button><a class="button" href="/d">Log in</a>
  <div style="width:600px">Te breed</div>
</main>
<footer><a href="/c">Privacy</a></footer></body></html>"""


def test_the_checks_find_what_they_look_for(page):
    """The checks above on two made-up pages: one that passes them all, one that fails each."""
    page.set_viewport_size({"width": WIDTH, "height": 900})
    page.set_content(GOOD_PAGE)
    good = page_problems(page) | narrow_problems(page)
    assert not any(good.values()), good

    page.set_content(BAD_PAGE)
    bad = page_problems(page) | narrow_problems(page)
    assert "not on the skip link" in bad["focus order"][0]
    assert "after the header, Tab lands on <a href=\"/tussen\"" in bad["focus order"][1]
    assert bad["ids and labels"][0] == "duplicate id 'dubbel'"
    assert "no label" in bad["ids and labels"][1]
    assert len(bad["autocomplete"]) == 2
    assert [found.split('"')[1] for found in bad["English"]] == ["This field is required", "Save", "Log in"]
    for check in ("target size", "target size at 320px"):
        assert sum(found.endswith("12x12") for found in bad[check]) == 2, bad[check]
    assert bad["reflow"][0].startswith("6")
