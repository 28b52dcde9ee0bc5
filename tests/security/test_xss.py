"""Stored XSS: a script/HTML payload in every text field a user or staff member can fill comes back
escaped on every page, feed, export and e-mail that shows it.

One "hostile world" is built with the factories: every stored text (questions, replies, notes,
examples and reactions, network posts, meetings, resources, role models, plan notes, partner input,
agreements, measure texts, organisation and person names, search queries, file names ...) holds
PAYLOAD. Then every page is fetched as each role: the parameterless pages (discovered, as in
test_hostile_input.py), the pages of each object, the admin's change lists and change forms, the API,
the Atom and iCalendar feeds, the CSV/JSON exports and the HTML that WeasyPrint gets for the PDFs.
No response may contain the payload's markup unescaped. Every e-mail template is queued and
delivered through the outbox: text e-mails carry the payload as plain text (not HTML-escaped, which
would garble what people typed) and a subject never spans two lines. The portal sends no HTML e-mail.
"""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.contrib import admin
from django.core import mail
from django.core.files.base import ContentFile
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import OrganisationKind
from communities.models import (
    Membership,
    MembershipStatus,
    PostReport,
    ProposalKind,
    ResourceVisibility,
    RoleModel,
)
from core.delivery import deliver
from core.models import OutboxMessage
from core.outbox import queue_mail
from helpdesk import services as helpdesk_services
from helpdesk.models import Attachment, Feedback, Message, MessageKind, TicketStatus
from impact import production as impact_production
from impact.models import Agreement, PartnerInput, Report
from impact.periods import half_year_of
from menukaart.models import ExampleReaction, ExampleStatus, KeyFigure, Plan, PlanItem, ReactionStatus, UsageEvent
from menukaart.models.editorial import MeasureRevision
from reach.models import ShortLink
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.communities.factories import (
    EventFactory,
    LessonFactory,
    MeetingFactory,
    MembershipFactory,
    NetworkFactory,
    PostFactory,
    ProposalFactory,
    ResourceFactory,
    published_role_model,
)
from tests.helpdesk.factories import OutcomeFactory, ReferralFactory, StandardAnswerFactory, TicketFactory
from tests.menukaart.factories import (
    ExampleFactory,
    InitiativeFactory,
    MaterialFactory,
    MeasureFactory,
    SourceFactory,
    ThemeFactory,
)
from tests.security.test_hostile_input import _pages_without_parameters

PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
# What the payload's markup looks like when it reached a page unescaped (in text or in an attribute).
RAW = ("<script>alert(1)", "<img src=x onerror")
ESCAPED = escape(PAYLOAD)
SHORT = "<b onmouseover=alert(1)>x"  # for fields of a few dozen characters
SHORT_RAW = "<b onmouseover"


def p(suffix: str = "", limit: int = 200) -> str:
    """The payload with a readable tail (some fields must be unique), within a field's length."""
    text = f"{PAYLOAD} {suffix}".strip()
    return text if len(text) <= limit else SHORT[:limit]


def assert_escaped(where: str, text: str) -> None:
    for raw in (*RAW, SHORT_RAW):
        assert raw not in text, f"{where}: unescaped payload {raw!r} near …{_around(text, raw)}…"


def _around(text: str, needle: str) -> str:
    at = text.find(needle)
    return text[max(at - 200, 0) : at + 80]


@pytest.fixture
def private_media(settings, tmp_path):
    default = {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}}
    settings.STORAGES = {**settings.STORAGES, "default": default}
    return tmp_path


@pytest.fixture
def world(db, private_media, ser_dib, abu, werkgever, partner_abu, adviseur, contentbeheerder, community_coordinator):
    """Every user-fillable text field holds the payload."""
    today = timezone.localdate()
    hostile_org = OrganisationFactory(
        slug="kwaad", name=p("organisatie"), short_name=SHORT, kind=OrganisationKind.EMPLOYER
    )
    for person in (werkgever, partner_abu, adviseur, contentbeheerder, community_coordinator):
        person.first_name, person.last_name = SHORT, SHORT
        person.save()
    werkgever.organisation = hostile_org
    werkgever.save()

    # --- Menukaart ---
    theme = ThemeFactory(slug="werving", name=SHORT, description=p("thema"))
    source = SourceFactory(key="kwaad", citation=p("bron"))
    material = MaterialFactory(title=p("materiaal"), summary=p(), provider=p(), audience=p())
    measure = MeasureFactory(
        slug="kwaadaardig", title=p("maatregel"), summary=p(limit=300), why_it_works=p() + " borging",
        evidence_note=p(), backfire_warning=p(), lead_time=SHORT, works_council_note=p(), privacy_note=p(),
        steps=[PAYLOAD], tips=[PAYLOAD], pitfalls=[PAYLOAD], themes=[theme], sources=[source], materials=[material],
        tags=[SHORT],
    )  # fmt: skip
    InitiativeFactory(name=p("initiatief"), summary=p(), organiser=p())
    example = ExampleFactory(
        slug="kwaad-voorbeeld", title=p("voorbeeld"), organisation=p(), what_they_did=p(), what_it_brought=p(),
        measures=[measure], submitted_by=werkgever, submitted_at=timezone.now(),
    )  # fmt: skip
    example.themes.add(theme)
    ExampleFactory(
        slug="kwaad-ingestuurd", title=p("ingestuurd"), organisation=p(), what_they_did=p(), what_it_brought=p(),
        status=ExampleStatus.SUBMITTED, submitted_by=werkgever, submitted_at=timezone.now(), published_at=None,
    )  # fmt: skip
    ExampleReaction.objects.create(
        example=example, author=werkgever, organisation_name=p(), kind="vraag", body=p("gepubliceerd"),
        status=ReactionStatus.PUBLISHED,
    )  # fmt: skip
    ExampleReaction.objects.create(example=example, author=werkgever, organisation_name=p(), kind="ervaring", body=p())
    MeasureRevision.objects.create(
        measure=measure, data={"title": PAYLOAD, "summary": PAYLOAD}, changed_fields=["title", "summary"],
        created_by=contentbeheerder, review_note=p(),
    )  # fmt: skip
    plan = Plan.objects.create(user=werkgever)
    PlanItem.objects.create(plan=plan, measure=measure, owner=SHORT, note=p(), position=1)
    share_token = "gedeeld-" + "x" * 30
    Plan.objects.filter(pk=plan.pk).update(share_token_hash=Plan.hash_token(share_token))
    KeyFigure.objects.create(user=werkgever, year=today.year, group=p(limit=120), headcount=100)
    UsageEvent.objects.create(
        kind=UsageEvent.Kind.SEARCH, hour=timezone.now().replace(minute=0, second=0, microsecond=0),
        query=p(limit=200), result_count=0,
    )  # fmt: skip

    # --- Helpdesk ---
    outcome = OutcomeFactory(slug="kwaad", name=p("uitkomst", limit=120))
    StandardAnswerFactory(title=p("standaard"), body=p())
    ticket = TicketFactory(
        subject=p("vraag"), question=p(), employer_name=p(), contact_name=p(), contact_phone=SHORT,
        requester_user=werkgever, assigned_to=adviseur, status=TicketStatus.ANSWERED,
    )  # fmt: skip
    ticket.themes.add(theme)
    follow_token = helpdesk_services.issue_access_token(ticket=ticket)
    for kind in (MessageKind.REPLY, MessageKind.NOTE, MessageKind.REQUESTER):
        message = Message.objects.create(ticket=ticket, kind=kind, author=adviseur, body=p(kind))
        Attachment.objects.create(
            message=message, file=ContentFile(b"hallo", name="x.txt"), original_name=p("bijlage.txt"),
            content_type="text/plain", size=5,
        )  # fmt: skip
    Feedback.objects.create(ticket=ticket, helpful=False, reason=p())
    referral = ReferralFactory(
        subject=p("doorverwijzing"), question=p(), employer_name=p(), contact_name=p(), referring_organisation=abu,
        referred_by=partner_abu, status=TicketStatus.ANSWERED,
    )  # fmt: skip
    Message.objects.create(ticket=referral, kind=MessageKind.REPLY, author=adviseur, body=p("antwoord"))
    closed = TicketFactory(subject=p("gesloten"), question=p(), status=TicketStatus.CLOSED, outcome=outcome,
                           closed_at=timezone.now(), assigned_to=adviseur)  # fmt: skip

    # --- Doe-netwerken ---
    network = NetworkFactory(
        slug="kwaad-netwerk", name=p("netwerk", limit=150), summary=p(limit=300), description=p(), sector_focus=SHORT,
        host_organisation=hostile_org, coordinators=[community_coordinator],
    )  # fmt: skip
    network.themes.add(theme)
    network.examples.add(example)
    MembershipFactory(network=network, user=werkgever, organisation=hostile_org, motivation=p())
    requester = UserFactory(role="werkgever", first_name=SHORT, last_name=SHORT, organisation=hostile_org)
    Membership.objects.create(
        network=network, user=requester, organisation=hostile_org, status=MembershipStatus.REQUESTED, motivation=p()
    )
    declined = UserFactory(role="werkgever", first_name=SHORT, last_name=SHORT, organisation=hostile_org)
    Membership.objects.create(
        network=network, user=declined, organisation=hostile_org, status=MembershipStatus.DECLINED,
        motivation=p(), decline_reason=p(),
    )  # fmt: skip
    meeting = MeetingFactory(
        network=network, title=p("bijeenkomst"), location=p(), agenda=p(), is_public=True,
        starts_at=timezone.now() + timedelta(days=3), ends_at=timezone.now() + timedelta(days=3, hours=2),
    )  # fmt: skip
    past = MeetingFactory(
        network=network, title=p("verleden"), location=p(), agenda=p(), minutes=p() + " https://example.nl/x",
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        minutes_added_at=timezone.now(), is_public=True,
    )  # fmt: skip
    lesson = LessonFactory(network=network, meeting=past, title=p("les"), body=p(), published_at=timezone.now())
    ProposalFactory(network=network, lesson=lesson, kind=ProposalKind.NEW, title=p("voorstel"), body=p(),
                    created_by=community_coordinator)  # fmt: skip
    post = PostFactory(network=network, author=werkgever, title=p("bericht"), body=p() + " https://example.nl/y")
    reply = PostFactory(network=network, author=requester, parent=post, title="", body=p("reactie"))
    PostFactory(network=network, author=werkgever, title=p("verborgen"), body=p(), hidden_at=timezone.now(),
                hidden_by=community_coordinator, hidden_reason=p(limit=300))  # fmt: skip
    PostReport.objects.create(post=reply, reporter=werkgever, reason=p())
    ResourceFactory(network=network, title=p("link"), description=p(), visibility=ResourceVisibility.PUBLIC)
    ResourceFactory(
        network=network, title=p("bestand"), description=p(), url="", file=ContentFile(b"hallo", name="a.txt"),
        original_name=p("naam.txt"), content_type="text/plain", size=5, visibility=ResourceVisibility.MEMBERS,
    )  # fmt: skip
    EventFactory(title=p("datum"), description=p(), location=p(), starts_at=timezone.now() + timedelta(days=5))
    role_model = published_role_model(
        slug="kwaad-rolmodel", name=p(limit=120), job_title=SHORT, organisation=p(), message=p(), what_they_did=p()
    )
    consent_token = "toestemming-" + "y" * 30
    RoleModel.objects.filter(pk=role_model.pk).update(token_hash=RoleModel.hash(consent_token))

    # --- Impact ---
    period = half_year_of(today)
    PartnerInput.objects.create(
        organisation=abu, period_start=period.start, period_end=period.end, note=p(), questions_heard=40
    )
    agreement = Agreement.objects.create(
        meeting_date=period.start - timedelta(days=1), action=p(limit=300), owner=hostile_org,
        due_date=period.end, status_note=p(limit=300),
    )  # fmt: skip
    report = Report.objects.create(period_start=period.start, period_end=period.end, requested_by=contentbeheerder)
    impact_production.produce_report(report_id=report.pk)

    # --- Reach ---
    ShortLink.objects.create(code="kwaad", target="/menukaart/", purpose=p(), created_by=contentbeheerder)

    return {
        "measure": measure, "example": example, "ticket": ticket, "referral": referral, "closed": closed,
        "follow_token": follow_token, "share_token": share_token, "consent_token": consent_token,
        "network": network, "meeting": meeting, "past": past, "post": post, "reply": reply, "lesson": lesson,
        "role_model": role_model, "report": report, "agreement": agreement, "theme": theme,
    }  # fmt: skip


def object_pages(w: dict) -> dict[str, str]:
    """The pages of the hostile objects (name → path), each expected to show the payload escaped."""
    n = w["network"].slug
    pages = {
        "measure": reverse("menukaart:measure_detail", args=[w["measure"].slug]),
        "example": reverse("menukaart:example_detail", args=[w["example"].slug]),
        "example react": reverse("communities:example_react", args=[w["example"].slug]),
        "catalogue search": reverse("menukaart:index") + "?q=alert",
        "catalogue theme": reverse("menukaart:index") + f"?thema={w['theme'].slug}",
        "materials": reverse("menukaart:material_list"),
        "initiatives": reverse("menukaart:initiative_list"),
        "examples": reverse("menukaart:example_list"),
        "plan": reverse("menukaart:plan"),
        "plan print": reverse("menukaart:plan_print"),
        "shared plan": reverse("menukaart:shared_plan", args=[w["share_token"]]),
        "content gaps": reverse("menukaart:content_gaps"),
        "follow": reverse("helpdesk:follow", args=[w["follow_token"]]),
        "my ticket": reverse("helpdesk:my_ticket", args=[w["ticket"].reference]),
        "my tickets": reverse("helpdesk:my_tickets"),
        "queue": reverse("helpdesk:queue") + "?status=alle",
        "queue search": reverse("helpdesk:queue") + "?q=alert",
        "ticket": reverse("helpdesk:ticket_detail", args=[w["ticket"].reference]),
        "closed ticket": reverse("helpdesk:ticket_detail", args=[w["closed"].reference]),
        "referral ticket": reverse("helpdesk:ticket_detail", args=[w["referral"].reference]),
        "referrals": reverse("helpdesk:referral_list"),
        "referral": reverse("helpdesk:referral_detail", args=[w["referral"].reference]),
        "my work": reverse("helpdesk:my_work"),
        "networks": reverse("communities:index"),
        "network": reverse("communities:network_detail", args=[n]),
        "members": reverse("communities:member_list", args=[n]),
        "members manage": reverse("communities:members_manage", args=[n]),
        "meeting": reverse("communities:meeting_detail", args=[n, w["meeting"].pk]),
        "past meeting": reverse("communities:meeting_detail", args=[n, w["past"].pk]),
        "meeting edit": reverse("communities:meeting_edit", args=[n, w["meeting"].pk]),
        "minutes": reverse("communities:meeting_minutes", args=[n, w["past"].pk]),
        "lesson propose": reverse("communities:lesson_propose", args=[n, w["lesson"].pk]),
        "discussion": reverse("communities:discussion", args=[n]),
        "thread": reverse("communities:thread", args=[n, w["post"].pk]),
        "post edit": reverse("communities:post_edit", args=[n, w["post"].pk]),
        "post report": reverse("communities:post_report", args=[n, w["reply"].pk]),
        "resources": reverse("communities:resources", args=[n]),
        "calendar": reverse("communities:calendar"),
        "my networks": reverse("communities:my_networks"),
        "proposals": reverse("communities:proposal_review_list"),
        "proposal": reverse("communities:proposal_review", args=[w["lesson"].proposals.first().pk]),
        "moderation": reverse("communities:moderation"),
        "my examples": reverse("communities:my_examples"),
        "role models": reverse("communities:role_model_list"),
        "role model": reverse("communities:role_model_detail", args=[w["role_model"].slug]),
        "role model consent": reverse("communities:role_model_consent", args=[w["consent_token"]]),
        "impact report": reverse("impact:report_detail", args=[w["report"].pk]),
        "impact reports": reverse("impact:report_list"),
        "partner input": reverse("impact:partner_input"),
        "agreements": reverse("impact:agreement_list"),
        "agreement": reverse("impact:agreement_edit", args=[w["agreement"].pk]),
        "profile": reverse("accounts:profile"),
        "embed": "/embed/maatregelen/",
    }
    return pages


# Who sees which object page (the others get a 403, 404 or a log-in redirect, also checked).
ROLES = ["anoniem", "werkgever", "partner-medewerker", "adviseur", "contentbeheerder", "community-coordinator"]


def _check_response(where: str, response) -> bool:
    """Assert the response carries the payload only escaped; True when it showed it (escaped)."""
    content_type = response.get("Content-Type", "")
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content).decode("utf-8", errors="replace")
    else:
        body = response.content.decode("utf-8", errors="replace")
    if "html" in content_type:
        assert_escaped(where, body)
        return ESCAPED in body or escape(SHORT) in body
    # Anything else is never sniffed as HTML by a browser.
    assert response.get("X-Content-Type-Options") == "nosniff", f"{where}: {content_type} without nosniff"
    return PAYLOAD in body


@pytest.mark.parametrize("role", ROLES)
def test_every_page_shows_the_payload_only_escaped(role, world, user_with_role, client, settings):
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    shown = set()
    for path in _pages_without_parameters():
        response = client.get(path)
        assert response.status_code < 500, f"{role} GET {path}: {response.status_code}"
        if _check_response(f"{role} {path}", response):
            shown.add(path)
    for name, path in object_pages(world).items():
        response = client.get(path)
        assert response.status_code < 500, f"{role} GET {name} {path}: {response.status_code}"
        if _check_response(f"{role} {name} {path}", response):
            shown.add(name)
    expected = {
        "anoniem": {"measure", "example", "catalogue search", "materials", "initiatives", "network", "role model",
                    "meeting", "calendar", "follow", "role model consent", "examples", "networks", "embed"},
        "werkgever": {"plan", "plan print", "shared plan", "my ticket", "my tickets", "thread", "discussion",
                      "resources", "past meeting", "members", "my examples", "example react", "post edit",
                      "post report"},
        "partner-medewerker": {"referrals", "referral", "partner input", "impact report"},
        "adviseur": {"queue", "queue search", "ticket", "closed ticket", "referral ticket", "my work"},
        "contentbeheerder": {"content gaps", "moderation", "proposals", "proposal", "agreements", "agreement",
                             "impact report"},
        "community-coordinator": {"members manage", "meeting edit", "minutes", "lesson propose", "network"},
    }[role]  # fmt: skip
    assert expected <= shown, f"{role}: these pages did not show the (escaped) payload: {sorted(expected - shown)}"


def test_the_admin_shows_the_payload_only_escaped(world, superuser, client):
    """Every registered model's change list, and the change form of its first row, for a superuser."""
    client.force_login(superuser)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        response = client.get(reverse(f"admin:{info[0]}_{info[1]}_changelist"))
        assert response.status_code == 200, f"changelist {info}: {response.status_code}"
        _check_response(f"admin changelist {info}", response)
        first = model_admin.get_queryset(_admin_request(superuser)).first()
        if first is not None:
            response = client.get(reverse(f"admin:{info[0]}_{info[1]}_change", args=[first.pk]))
            assert response.status_code in (200, 302), f"change {info}: {response.status_code}"
            _check_response(f"admin change {info}", response)
            checked += 1
    revision = MeasureRevision.objects.first()
    try:
        review = reverse("admin:menukaart_measurerevision_review", args=[revision.pk])
    except NoReverseMatch:
        review = None
    if review:
        assert _check_response("revision review", client.get(review))
    assert checked >= 20


def _admin_request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_api_json_and_downloads_carry_the_payload_as_data(world, client):
    """The open-data API and downloads: JSON (never HTML), the exact text back after parsing."""
    paths = [
        "/api/v1/maatregelen/", f"/api/v1/maatregelen/{world['measure'].slug}/", "/api/v1/materialen/",
        "/api/v1/initiatieven/", "/api/v1/praktijkvoorbeelden/",
        f"/api/v1/praktijkvoorbeelden/{world['example'].slug}/", "/api/v1/download/menukaart.json",
    ]  # fmt: skip
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("application/json"), path
        assert response["X-Content-Type-Options"] == "nosniff"
        assert any(PAYLOAD in text for text in _strings(response.json())), path
    response = client.get("/api/v1/download/menukaart.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    assert any(PAYLOAD in cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row)


def _strings(data):
    """Every string in a parsed JSON document."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_atom_feeds_escape_the_payload_inside_their_html_summaries(world, client):
    """Atom's <summary type="html"> is HTML after one round of XML decoding: the text must be escaped
    for HTML inside it, or a feed reader renders the payload as markup."""
    atom = "{http://www.w3.org/2005/Atom}"
    for path in ["/feeds/maatregelen/", f"/feeds/maatregelen/{world['theme'].slug}/", "/feeds/praktijkvoorbeelden/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        root = ElementTree.fromstring(response.content)  # noqa: S314 (the portal's own feed)
        entries = root.findall(f"{atom}entry")
        assert entries, path
        for entry in entries:
            for element in entry.iter():
                if element.get("type") == "html":
                    assert_escaped(f"{path} {element.tag}", element.text or "")
                elif element.tag in (f"{atom}title", f"{atom}summary"):
                    assert element.get("type") in (None, "text"), element.tag
        summaries = [entry.find(f"{atom}summary").text for entry in entries]
        assert any(ESCAPED in summary for summary in summaries), path


def test_icalendar_feeds_carry_the_payload_as_text(world, client):
    network = world["network"]
    for path in [reverse("communities:public_feed"), reverse("communities:network_feed", args=[network.slug])]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("text/calendar")
        assert response["X-Content-Type-Options"] == "nosniff"
        unfolded = re.sub(r"\r\n[ \t]", "", response.content.decode())
        assert "SUMMARY:<script>alert(1)</script>" in unfolded.replace("\\", ""), path


def test_csv_json_and_pdf_exports_escape_or_carry_the_payload(world, werkgever, contentbeheerder, client, monkeypatch):
    """The plan's and the report's CSV and JSON are downloads; the HTML WeasyPrint renders is escaped."""
    rendered = []

    def fake_render_pdf(*, html, base_url):
        rendered.append(html)
        return b"%PDF-1.4 test"

    monkeypatch.setattr("menukaart.pdf.render_pdf", fake_render_pdf)
    client.force_login(werkgever)
    response = client.get(reverse("menukaart:plan_csv"))
    assert response["Content-Disposition"].startswith("attachment")
    rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    assert any(PAYLOAD in cell for row in rows for cell in row)
    assert client.get(reverse("menukaart:plan_pdf")).status_code == 200
    client.force_login(contentbeheerder)
    report = world["report"]
    for name in ("impact:report_csv", "impact:report_json"):
        response = client.get(reverse(name, args=[report.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert "html" not in response["Content-Type"]
    assert any(PAYLOAD in text for text in _strings(client.get(reverse("impact:report_json", args=[report.pk])).json()))
    assert client.get(reverse("impact:report_pdf", args=[report.pk])).status_code == 200
    assert len(rendered) == 2
    for html in rendered:
        assert_escaped("PDF HTML", html)
        assert ESCAPED in html


EMAIL_TEMPLATES = sorted(
    str(path.relative_to(Path(__file__).resolve().parents[2] / "templates"))
    for path in (Path(__file__).resolve().parents[2] / "templates").rglob("*.txt")
    if "email" in path.name or "/email/" in str(path)
)


def test_every_email_carries_the_payload_as_plain_text(world, werkgever, settings):
    """Every e-mail template, rendered through the outbox with hostile objects and sent: the payload
    is in the text as typed (no HTML escaping in a text e-mail), no header spans two lines, and the
    portal sends no HTML part at all."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    w = world
    today = timezone.localdate()
    membership = Membership.objects.filter(network=w["network"]).exclude(decline_reason="").first()
    report = PostReport.objects.first()
    example = w["example"]
    example.decline_reason = PAYLOAD
    reaction = ExampleReaction.objects.first()
    reaction.decline_reason = PAYLOAD
    proposal = w["lesson"].proposals.first()
    proposal.review_note = PAYLOAD
    context = {
        "ticket": w["ticket"], "greeting_name": PAYLOAD, "referred": True, "period": half_year_of(today),
        "user": werkgever, "example": example, "link": "https://portaal.example.nl/x", "role_model": w["role_model"],
        "text": w["role_model"].consent_text(), "proposal": proposal, "measure": w["measure"],
        "network": w["network"], "meeting": w["past"], "url": "https://portaal.example.nl/y",
        "membership": membership, "kind": PAYLOAD, "post": w["reply"], "subject": PAYLOAD, "by": werkgever,
        "signup_url": "https://portaal.example.nl/z", "posts": [w["post"], w["reply"]],
        "start": today, "end": today, "report": report, "organisation": PAYLOAD, "reaction": reaction,
        "login_url": "https://portaal.example.nl/l", "reset_url": "https://portaal.example.nl/r", "hours": 48,
        "due": today, "status": PAYLOAD, "channel": PAYLOAD, "week_start": today,
        "week_end": today, "inactive_period": PAYLOAD, "delete_after": today,
        "data_url": "https://portaal.example.nl/d", "privacy_url": "https://portaal.example.nl/p",
    }  # fmt: skip
    assert len(EMAIL_TEMPLATES) >= 25
    for template in EMAIL_TEMPLATES:
        if template.endswith("_subject.txt"):
            continue
        get_template(template)
        message = queue_mail(
            to="ontvanger@example.nl", subject=f"{PAYLOAD}\r\nBcc: iedereen@example.nl", template=template,
            context=context, private_link="https://portaal.example.nl/geheim",
        )  # fmt: skip
        deliver(message.pk)
        message.refresh_from_db()
        assert message.status == "verstuurd" or message.sent_at is not None, template
    sent = mail.outbox
    assert len(sent) == len([t for t in EMAIL_TEMPLATES if not t.endswith("_subject.txt")])
    carried = 0
    for email, template in zip(sent, [t for t in EMAIL_TEMPLATES if not t.endswith("_subject.txt")], strict=True):
        assert "\n" not in email.subject and "\r" not in email.subject
        assert email.bcc == [] and "Bcc" not in email.extra_headers
        assert not getattr(email, "alternatives", []), f"{template}: an HTML part"
        assert email.content_subtype == "plain"
        for entity in ("&lt;", "&gt;", "&quot;", "&#x27;", "&amp;"):
            assert entity not in email.body, f"{template}: HTML-escaped text ({entity}) in a text e-mail"
        carried += PAYLOAD in email.body or SHORT in email.body
    assert carried >= 20
    assert OutboxMessage.objects.count() == len(sent)
