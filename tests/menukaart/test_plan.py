"""Mijn menukaart: without an account, merged on log-in, a plan with details, exports and a share link."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from menukaart.models import Plan, PlanItem, Status, UsageEvent
from menukaart.pdf import LocalStaticFetcher, render_pdf
from tests.factories import TEST_PASSWORD, UserFactory
from tests.menukaart.factories import MeasureFactory

pytestmark = pytest.mark.django_db
PLAN = reverse("menukaart:plan")


def add(client, measure, **extra):
    return client.post(reverse("menukaart:plan_add", args=[measure.slug]), extra)


def plan_titles(client):
    response = client.get(PLAN)
    return [form.instance.measure.title for form in response.context["formset"]]


def formset_data(items, **overrides):
    data = {
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data.update(
            {
                f"items-{index}-id": str(item.pk),
                f"items-{index}-position": str(item.position),
                f"items-{index}-owner": item.owner,
                f"items-{index}-start_month": "",
                f"items-{index}-note": item.note,
                f"items-{index}-progress": item.progress,
            }
        )
    data.update(overrides)
    return data


def test_visitor_adds_and_removes_measures_without_an_account(client):
    a, b = MeasureFactory(title="Anoniem solliciteren"), MeasureFactory(title="Buddy")
    response = add(client, a, next=reverse("menukaart:index"))
    assert response.status_code == 302 and response["Location"] == reverse("menukaart:index")
    add(client, b)
    add(client, a)  # twice is once
    assert plan_titles(client) == ["Anoniem solliciteren", "Buddy"]
    assert UsageEvent.objects.filter(kind=UsageEvent.Kind.PLAN_ADD).count() == 2

    client.post(reverse("menukaart:plan_remove", args=[a.slug]))
    assert plan_titles(client) == ["Buddy"]
    assert PlanItem.objects.get().position == 1


def test_add_refuses_get_unpublished_and_foreign_next(client):
    draft = MeasureFactory(status=Status.CONCEPT)
    measure = MeasureFactory()
    assert client.get(reverse("menukaart:plan_add", args=[measure.slug])).status_code == 405
    assert add(client, draft).status_code == 404
    response = add(client, measure, next="https://evil.example/")
    assert response["Location"] == measure.get_absolute_url()


def test_empty_plan_page_explains_what_to_do(client):
    html = client.get(PLAN).content.decode()
    assert "Je menukaart is nog leeg." in html


def test_session_plan_is_merged_into_the_account_on_log_in(client):
    user = UserFactory()
    a, b, c = MeasureFactory(title="A"), MeasureFactory(title="B"), MeasureFactory(title="C")
    own = Plan.objects.create(user=user)
    PlanItem.objects.create(plan=own, measure=b, position=1, owner="HR-manager")
    PlanItem.objects.create(plan=own, measure=c, position=2)

    add(client, a)
    add(client, b)
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302

    assert plan_titles(client) == ["B", "C", "A"]
    assert own.items.get(measure=b).owner == "HR-manager", "the account's own details win"
    assert Plan.objects.count() == 1


def test_first_plan_of_a_new_account_is_the_session_plan(client):
    user = UserFactory()
    add(client, MeasureFactory(title="A"))
    client.force_login(user)
    assert plan_titles(client) == ["A"]
    assert Plan.objects.get().user == user


def test_logged_in_plan_is_kept_in_the_account(client):
    user = UserFactory()
    client.force_login(user)
    add(client, MeasureFactory(title="A"))
    client.logout()
    assert plan_titles(client) == []
    client.force_login(user)
    assert plan_titles(client) == ["A"]


def test_plan_is_ordered_with_owner_start_month_and_note(client):
    a, b = MeasureFactory(title="A"), MeasureFactory(title="B")
    add(client, a)
    add(client, b)
    item_a, item_b = PlanItem.objects.order_by("position")
    data = formset_data(
        [item_a, item_b],
        **{
            "items-0-position": "2",
            "items-1-position": "1",
            "items-1-owner": "Teamleider inkoop",
            "items-1-start_month": "2027-03",
            "items-1-note": "Eerst met de OR bespreken.",
        },
    )
    response = client.post(PLAN, data)
    assert response.status_code == 302
    assert plan_titles(client) == ["B", "A"]
    item_b.refresh_from_db()
    assert (item_b.position, item_b.owner, item_b.start_month) == (1, "Teamleider inkoop", datetime.date(2027, 3, 1))
    assert item_b.note == "Eerst met de OR bespreken."


def test_bad_month_gives_a_dutch_message_and_keeps_the_input(client):
    add(client, MeasureFactory())
    item = PlanItem.objects.get()
    response = client.post(PLAN, formset_data([item], **{"items-0-start_month": "maart", "items-0-note": "Bewaar"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een maand in als JJJJ-MM, bijvoorbeeld 2027-03." in html
    assert "Bewaar" in html


def test_delete_checkbox_removes_an_item(client):
    add(client, MeasureFactory(title="A"))
    add(client, MeasureFactory(title="B"))
    items = list(PlanItem.objects.order_by("position"))
    client.post(PLAN, formset_data(items, **{"items-0-DELETE": "on"}))
    assert plan_titles(client) == ["B"]


def test_formset_cannot_touch_another_plan(client):
    other = Plan.objects.create()
    foreign = PlanItem.objects.create(plan=other, measure=MeasureFactory(), position=1, owner="Niet van jou")
    add(client, MeasureFactory())
    mine = PlanItem.objects.exclude(pk=foreign.pk).get()
    data = formset_data([mine], **{"items-0-id": str(foreign.pk), "items-0-owner": "Gekaapt"})
    client.post(PLAN, data)
    foreign.refresh_from_db()
    assert foreign.owner == "Niet van jou"


def test_csv_export(client):
    add(client, MeasureFactory(title='=HYPERLINK("x")'))
    item = PlanItem.objects.get()
    item.owner = "HR"
    item.start_month = datetime.date(2027, 1, 1)
    item.save()
    response = client.get(reverse("menukaart:plan_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Volgorde", "Maatregel", "Samenvatting", "Eigenaar", "Startmaand"]
    assert rows[1][1] == '\'=HYPERLINK("x")', "formulas are neutralised"
    assert rows[1][3:5] == ["HR", "2027-01"]


def test_pdf_export(client):
    add(client, MeasureFactory(title="Anoniem solliciteren"))
    response = client.get(reverse("menukaart:plan_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_export_without_weasyprint_libraries_explains_the_alternatives(client, monkeypatch):
    """A machine without Pango cannot make PDFs: a clear Dutch 503 with print and CSV, not a 500."""
    import sys

    add(client, MeasureFactory(title="Anoniem solliciteren"))
    monkeypatch.setitem(sys.modules, "menukaart.pdf", None)  # importing it now fails
    response = client.get(reverse("menukaart:plan_pdf"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "Je plan is bewaard" in html
    assert reverse("menukaart:plan_csv") in html


def test_pdf_fetcher_serves_only_local_static_files():
    fetcher = LocalStaticFetcher()
    with pytest.raises(ValueError, match="only local static"):
        fetcher.fetch("https://example.org/tracker.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("http://testserver/static/../../etc/passwd")
    response = fetcher.fetch("http://testserver/static/css/menukaart-pdf.css")
    assert b"@page" in response.read()
    # A document pointing at the internet still renders; the image is simply not fetched.
    assert render_pdf(
        html='<img src="https://example.org/x.png"><p>Hallo</p>', base_url="http://testserver/"
    ).startswith(b"%PDF")


def test_share_link_is_read_only_and_revocable(client):
    add(client, MeasureFactory(title="Buddy"))
    client.post(reverse("menukaart:plan_share"))
    plan = Plan.objects.get()
    shared_url = client.get(PLAN).context["share_url"]
    assert len(shared_url.rstrip("/").rsplit("/", 1)[-1]) >= 40

    other = client.__class__()
    response = other.get(shared_url)
    assert response.status_code == 200
    assert "Buddy" in response.content.decode()
    assert 'name="items-' not in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"

    client.post(reverse("menukaart:plan_share"))  # a new link replaces the old one
    assert other.get(shared_url).status_code == 404
    client.post(reverse("menukaart:plan_unshare"))
    plan.refresh_from_db()
    assert plan.share_token_hash is None
    assert other.get(reverse("menukaart:shared_plan", args=["x" * 43])).status_code == 404


def test_plan_page_query_count_is_constant(client, django_assert_max_num_queries):
    for _ in range(3):
        add(client, MeasureFactory())
    with django_assert_max_num_queries(8):
        client.get(PLAN)
    for _ in range(20):
        add(client, MeasureFactory())
    with django_assert_max_num_queries(8):
        assert client.get(PLAN).status_code == 200


def test_unreachable_visitor_plans_are_purged(settings):
    from datetime import timedelta

    from django.utils import timezone

    from menukaart.tasks import purge_unreachable_visitor_plans

    old = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    expired = Plan.objects.create()
    shared = Plan.objects.create(share_token_hash=Plan.hash_token("gedeeld-" + "x" * 40))
    owned = Plan.objects.create(user=UserFactory())
    fresh = Plan.objects.create()
    Plan.objects.filter(pk__in=[expired.pk, shared.pk, owned.pk]).update(updated_at=old)

    assert purge_unreachable_visitor_plans() == 1
    assert set(Plan.objects.values_list("pk", flat=True)) == {shared.pk, owned.pk, fresh.pk}


def test_status_with_dates_is_saved_and_filled_in_when_left_empty(client):
    measure = MeasureFactory()
    add(client, measure)
    item = PlanItem.objects.get()
    response = client.post(PLAN, formset_data([item], **{"items-0-progress": "klaar"}))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.progress == "klaar" and item.started_on == item.done_on == timezone.localdate()
    client.post(PLAN, formset_data([item], **{"items-0-progress": "gepland"}))
    item.refresh_from_db()
    assert item.progress == "gepland" and item.started_on is None and item.done_on is None


def test_plan_form_errors_are_summarised_with_links_to_the_fields(client):
    measure = MeasureFactory(title="Buddy")
    add(client, measure)
    item = PlanItem.objects.get()
    data = formset_data(
        [item],
        **{"items-0-progress": "klaar", "items-0-started_on": "2027-05-01", "items-0-done_on": "2027-04-01"},
    )
    response = client.post(PLAN, data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Controleer je plan" in content
    assert 'href="#id_items-0-done_on"' in content
    assert "Buddy, klaar op: De datum &#x27;klaar op&#x27; ligt voor de datum &#x27;gestart op&#x27;." in content
    assert 'value="2027-05-01"' in content  # nothing typed is lost


def _full_plan(client, user):
    """A plan with one measure with everything the export shows, and a completed self-scan."""
    from menukaart import selfscan
    from menukaart.models import Scan
    from menukaart.services import complete_scan, save_scan_answers
    from tests.menukaart.factories import MaterialFactory, SourceFactory

    measure = MeasureFactory(
        title="Werf en selecteer objectief",
        steps=["Stel vooraf criteria op."],
        tips=["Gebruik een gemengde commissie."],
        pitfalls=["Alleen een training is niet genoeg."],
        lead_time="Drie maanden",
    )
    measure.sources.add(SourceFactory(citation="TNO (2022), Handreiking", url="https://www.example.nl/tno"))
    measure.materials.add(MaterialFactory(title="Toolkit werving", url="https://www.example.nl/toolkit"))
    client.force_login(user)
    add(client, measure)
    PlanItem.objects.filter(measure=measure).update(
        owner="HR-adviseur", note="Met de OR bespreken", start_month=datetime.date(2027, 3, 1), progress="gestart"
    )
    scan = Scan.objects.create(user=user, size_band="10-49")
    save_scan_answers(scan=scan, answers={q.key: 1 for q in selfscan.QUESTIONS})
    complete_scan(scan=scan)
    return measure


EXPORT_SECTIONS = [
    "Waar staan we? Zelfscan van",
    "Stap 1: Commitment van de top",
    "Werf en selecteer objectief",
    "Status",
    "Gestart",
    "HR-adviseur",
    "maart 2027",
    "Drie maanden",
    "Met de OR bespreken",
    "Zo begin je",
    "Stel vooraf criteria op.",
    "Tips",
    "Gebruik een gemengde commissie.",
    "Valkuilen",
    "Alleen een training is niet genoeg.",
    "Bronnen en links",
    "TNO (2022), Handreiking",
    "https://www.example.nl/tno",
    "Toolkit werving",
    "/menukaart/maatregel/",
]


def test_print_view_has_every_section_and_the_latest_scan(client):
    _full_plan(client, UserFactory())
    response = client.get(reverse("menukaart:plan_print"))
    content = response.content.decode()
    for section in EXPORT_SECTIONS:
        assert section in content, section
    assert "data-print hidden" in content  # the print button appears only with JavaScript


def test_pdf_text_has_every_section(client):
    import pypdf

    _full_plan(client, UserFactory())
    response = client.get(reverse("menukaart:plan_pdf"))
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for section in EXPORT_SECTIONS:
        assert section in text, section


def test_export_shows_only_the_visitors_own_scan(client):
    from menukaart import selfscan
    from menukaart.models import Scan
    from menukaart.services import complete_scan, save_scan_answers

    other = Scan.objects.create(user=UserFactory(), size_band="10-49")
    save_scan_answers(scan=other, answers={q.key: 3 for q in selfscan.QUESTIONS})
    complete_scan(scan=other)
    add(client, MeasureFactory())
    assert "Waar staan we?" not in client.get(reverse("menukaart:plan_print")).content.decode()


def test_header_counts_the_measures_in_the_plan_and_links_to_it(client):
    content = client.get(reverse("menukaart:index")).content.decode()
    assert 'class="nav-plan"' in content and '0<span class="visually-hidden"> maatregelen</span>' in content
    add(client, MeasureFactory())
    add(client, MeasureFactory())
    content = client.get(reverse("core:home")).content.decode()
    assert '2<span class="visually-hidden"> maatregelen</span>' in content


def test_added_message_links_to_the_plan(client):
    measure = MeasureFactory(title="Buddy")
    response = add(client, measure)
    page = client.get(response["Location"]).content.decode()
    assert "'Buddy' staat nu in je menukaart." in page
    assert f'<a href="{PLAN}">Bekijk je menukaart</a>' in page


def test_measure_page_leads_back_to_the_results_with_the_filters_and_to_a_question(client):
    measure = MeasureFactory(title="Buddy")
    url = measure.get_absolute_url()
    page = client.get(url + "?terug=" + "niveau%3Dhr%26q%3Dbuddy%26evil%3D1").content.decode()
    assert 'href="/menukaart/?niveau=hr&amp;q=buddy">Terug naar resultaten' in page
    assert "Terug naar resultaten" not in client.get(url).content.decode()
    assert f"/helpdesk/vraag/?maatregel={measure.slug}" in page or f"?maatregel={measure.slug}" in page
    cards = client.get(reverse("menukaart:index") + "?q=buddy").content.decode()
    assert f'{url}?terug=q%3Dbuddy"' in cards


def test_question_form_is_prefilled_with_the_measure(client):
    measure = MeasureFactory(title="Buddy")
    form = client.get(reverse("helpdesk:ask") + f"?maatregel={measure.slug}").context["form"]
    assert form.initial["subject"] == "Vraag over de maatregel 'Buddy'"
    assert form.initial["themes"] == [theme.pk for theme in measure.themes.all()]
    assert "subject" not in client.get(reverse("helpdesk:ask") + "?maatregel=bestaat-niet").context["form"].initial
