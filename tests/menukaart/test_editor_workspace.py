"""The editors' workspace in Beheer: list fields as rows, draft revisions of published measures that
another editor reviews, the start page with what needs attention, the weekly link check, Dutch."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import django
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from menukaart import revisions
from menukaart.linkcheck import check_link, check_material_links
from menukaart.models import MaterialLinkCheck, MeasureRevision, RevisionState, Status, UsageEvent
from menukaart.tasks import check_material_links as check_material_links_task
from tests.accounts.factories import UserFactory
from tests.menukaart.factories import MaterialFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def change_form_data(client, measure) -> dict:
    """What the browser would post back from the measure's change form, unchanged."""
    response = client.get(reverse("admin:menukaart_measure_change", args=[measure.pk]))
    form = response.context["adminform"].form
    data: dict = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name in ("steps", "tips", "pitfalls"):
            data[name] = list(value)
            data[f"{name}__order"] = [str(n) for n in range(1, len(value) + 1)]
        elif name == "tags":
            data[name] = field.widget.format_value(value) or ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif value is not None:
            data[name] = str(value)
    return data


def save(client, measure, **changes):
    data = {**change_form_data(client, measure), **changes}
    return client.post(reverse("admin:menukaart_measure_change", args=[measure.pk]), data)


@pytest.fixture
def second_editor(ser_dib):
    from accounts.roles import CONTENTBEHEERDER

    return UserFactory(role=CONTENTBEHEERDER, organisation=ser_dib, first_name="Eva", last_name="Tweede")


# --- List fields as rows -----------------------------------------------------------------------


def test_steps_are_edited_as_rows_reordered_by_number_and_emptied_rows_dropped(client, contentbeheerder):
    measure = MeasureFactory(status=Status.CONCEPT, published_at=None, steps=["Eerst", "Dan", "Weg"])
    client.force_login(contentbeheerder)
    page = client.get(reverse("admin:menukaart_measure_change", args=[measure.pk])).content.decode()
    assert 'id="id_steps_0"' in page and "Voer een geldige JSON in" not in page
    response = save(
        client,
        measure,
        steps=["Eerst", "Dan", "", "Nieuw, zonder JSON"],
        steps__order=["2", "1", "3", "4"],
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    measure.refresh_from_db()
    assert measure.steps == ["Dan", "Eerst", "Nieuw, zonder JSON"]


def test_an_overlong_row_is_refused_in_dutch(client, contentbeheerder):
    measure = MeasureFactory(status=Status.CONCEPT, published_at=None)
    client.force_login(contentbeheerder)
    response = save(client, measure, tips=["x" * 1001], tips__order=["1"])
    assert response.status_code == 200
    assert "Regel 1 is te lang: maximaal 1000 tekens." in response.content.decode()


# --- Draft revisions of published measures --------------------------------------------------------


def test_published_measure_edit_waits_for_another_editor_then_goes_live(client, contentbeheerder, second_editor):
    measure = MeasureFactory(title="Mentoring", summary="Oude samenvatting.")
    client.force_login(contentbeheerder)
    response = save(client, measure, summary="Nieuwe samenvatting.")
    revision = MeasureRevision.objects.get(measure=measure)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:menukaart_measurerevision_review", args=[revision.pk])

    # The public keeps the published version.
    measure.refresh_from_db()
    assert measure.summary == "Oude samenvatting."
    public = client.get(measure.get_absolute_url()).content.decode()
    assert "Oude samenvatting." in public and "Nieuwe samenvatting." not in public

    # The writer cannot publish their own revision.
    review_url = reverse("admin:menukaart_measurerevision_review", args=[revision.pk])
    assert client.post(review_url, {"action": "publish"}).status_code == 403
    with pytest.raises(revisions.RevisionRefused):
        revisions.publish_revision(revision=revision, by=contentbeheerder)

    # Another editor sees what changes and publishes it.
    client.force_login(second_editor)
    page = client.get(review_url)
    assert [row["after"] for row in page.context["diff"]] == ["Nieuwe samenvatting."]
    client.post(review_url, {"action": "publish"})
    measure.refresh_from_db()
    revision.refresh_from_db()
    assert measure.summary == "Nieuwe samenvatting." and measure.status == Status.PUBLISHED
    assert revision.state == RevisionState.PUBLISHED and revision.reviewed_by == second_editor
    # History shows who did what: the reviewer published, the writer is named.
    latest = measure.history.first()
    assert latest.history_user == second_editor
    assert contentbeheerder.get_full_name() in latest.history_change_reason
    assert second_editor.get_full_name() in latest.history_change_reason
    history = client.get(reverse("admin:menukaart_measure_history", args=[measure.pk])).content.decode()
    assert "Revisie #" in history


def test_a_second_edit_continues_the_open_revision_and_links_stay_until_published(
    client, contentbeheerder, second_editor
):
    measure = MeasureFactory(steps=["Oud"])
    client.force_login(contentbeheerder)
    save(client, measure, steps=["Nieuw"], steps__order=["1"])
    form = client.get(reverse("admin:menukaart_measure_change", args=[measure.pk])).context["adminform"].form
    assert form["steps"].value() == ["Nieuw"]  # the form opens with the draft
    save(client, measure, tips=["Extra tip"], tips__order=["1"])
    assert MeasureRevision.objects.waiting().filter(measure=measure).count() == 1
    measure.refresh_from_db()
    assert measure.steps == ["Oud"]
    revision = MeasureRevision.objects.get()
    assert set(revision.changed_fields) >= {"steps", "tips"}
    revisions.reject_revision(revision=revision, by=second_editor, note="Bron ontbreekt")
    measure.refresh_from_db()
    assert measure.steps == ["Oud"]


def test_revision_pages_are_for_editors_only(client, adviseur, contentbeheerder):
    measure = MeasureFactory()
    revision = revisions.save_revision(measure=measure, data={"summary": "x"}, changed=["summary"], by=contentbeheerder)
    client.force_login(adviseur)
    assert client.get(reverse("admin:menukaart_measurerevision_review", args=[revision.pk])).status_code == 403


# --- Beheer start page -------------------------------------------------------------------------


def test_start_page_lists_what_needs_attention(client, contentbeheerder, second_editor):
    measure = MeasureFactory(title="Maatregel met revisie")
    revisions.save_revision(measure=measure, data={"summary": "x"}, changed=["summary"], by=second_editor)
    MeasureFactory(status=Status.REVIEW)
    material = MaterialFactory(title="Kapotte toolkit")
    MaterialLinkCheck.objects.create(material=material, url="http://example.invalid/", ok=False, error="HTTP 404")
    UsageEvent.objects.create(kind=UsageEvent.Kind.SEARCH, hour="2026-01-01T10:00Z", query="zzp", result_count=0)
    client.force_login(contentbeheerder)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Wat aandacht nodig heeft" in page
    assert "1 revisie wacht op review" in page and "Maatregel met revisie" in page
    assert "Kapotte toolkit" in page
    assert "“zzp”" in page and reverse("menukaart:content_gaps") in page
    assert "Toe aan een inhoudelijke controle" in page


def test_start_page_lists_moderation_and_network_proposals_with_links(client, contentbeheerder):
    """The editors' work on the portal's own pages (doe-netwerken, examples, impact) is on the
    start page too, each with its link."""
    from tests.communities.factories import ProposalFactory
    from tests.menukaart.factories import ReactionFactory, SubmittedExampleFactory

    SubmittedExampleFactory()
    ReactionFactory()
    ProposalFactory()
    client.force_login(contentbeheerder)
    page = client.get(reverse("admin:index")).content.decode()
    assert "1 goed voorbeeld, 1 reactie" in page and reverse("communities:moderation") in page
    assert "1 voorstel wacht op beoordeling" in page and reverse("communities:proposal_review_list") in page
    assert reverse("impact:report_list") in page
    # Editors do not see the advisors' capacity dashboard; role models are in the list of models.
    assert reverse("impact:capacity") not in page
    assert reverse("admin:communities_rolemodel_changelist") in page


def test_start_page_shows_an_adviser_only_what_they_may_act_on(client, adviseur):
    client.force_login(adviseur)
    response = client.get(reverse("admin:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "wacht op beoordeling" not in page and reverse("communities:moderation") not in page
    assert reverse("impact:capacity") in page and reverse("impact:report_list") in page


def test_start_page_query_count_does_not_grow(client, contentbeheerder, second_editor):
    from tests.communities.factories import ProposalFactory
    from tests.menukaart.factories import SubmittedExampleFactory

    client.force_login(contentbeheerder)
    url = reverse("admin:index")

    def add_rows(n):
        for _ in range(n):
            measure = MeasureFactory()
            revisions.save_revision(measure=measure, data={}, changed=[], by=second_editor)
            material = MaterialFactory()
            MaterialLinkCheck.objects.create(material=material, url="http://x.invalid/", ok=False)
            SubmittedExampleFactory()
            ProposalFactory()

    add_rows(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_rows(20)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_beheer_speaks_dutch(client, contentbeheerder):
    client.force_login(contentbeheerder)
    changelist = client.get(reverse("admin:menukaart_measure_changelist")).content.decode()
    assert "Search maatregelen" not in changelist
    if django.VERSION >= (6, 0):  # Django 5.2's search form has no "Search <name>" heading at all
        assert "Zoek in maatregelen" in changelist
    add = client.get(reverse("admin:menukaart_measure_add")).content.decode()
    if django.VERSION >= (6, 0):  # on 5.2 LTS one English "- Select an option -" remains (noted in the CHANGELOG)
        assert "- Select an option -" not in add and "- Maak een keuze -" in add
    catalog = client.get("/beheer/jsi18n/").content.decode()
    assert "Let op: vul tijden in volgens de tijdzone" in catalog


# --- Weekly link check (against a local server, never the internet) ------------------------------


class Handler(BaseHTTPRequestHandler):
    def _answer(self):
        if self.path == "/goed":
            self.send_response(200)
        elif self.path == "/geen-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/geen-head":
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_check_link_reports_working_and_dead_links(local_server):
    assert check_link(f"{local_server}/goed").ok
    assert check_link(f"{local_server}/geen-head").ok  # HEAD refused, GET works
    dead = check_link(f"{local_server}/weg")
    assert not dead.ok and dead.status_code == 404
    assert not check_link("ftp://example.invalid/bestand").ok


def test_check_link_survives_a_server_that_is_not_there():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = check_link(f"http://127.0.0.1:{port}/", timeout=2)
    assert not result.ok and result.error


def test_weekly_task_records_each_published_material_once(local_server):
    good = MaterialFactory(url=f"{local_server}/goed")
    bad = MaterialFactory(url=f"{local_server}/weg")
    MaterialFactory(url=f"{local_server}/weg", status=Status.CONCEPT)  # not public: not checked
    assert check_material_links_task() == 1
    assert check_material_links() == (2, 1)  # idempotent: rows are overwritten
    assert MaterialLinkCheck.objects.count() == 2
    assert MaterialLinkCheck.objects.get(material=good).ok
    assert MaterialLinkCheck.objects.get(material=bad).status_code == 404
