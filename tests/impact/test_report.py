"""Producing a report (in-process here; with the real worker in test_reliability.py) and its pages."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from core.models import OutboxMessage
from impact import production, services
from impact.figures import REGISTRY
from impact.models import Agreement, AgreementStatus, PartnerInput, Report, ReportStatus
from impact.periods import Period
from tests.impact.conftest import H1_2026


@pytest.fixture
def report(dataset, contentbeheerder, abu, settings):
    settings.IMPACT_REPORT_DISTRIBUTION = ["partners@example.nl", "ser@example.nl"]
    Agreement.objects.create(
        meeting_date=date(2026, 3, 10), action="Factsheet werving statushouders maken", owner=abu,
        due_date=date(2026, 6, 1), status=AgreementStatus.DONE,
    )  # fmt: skip
    Agreement.objects.create(
        meeting_date=date(2025, 9, 10), action="Oude afspraak", owner=abu, due_date=date(2025, 12, 1)
    )
    PartnerInput.objects.create(
        organisation=abu, period_start=H1_2026.start, period_end=H1_2026.end,
        note="Veel vragen over taal op de werkvloer.", questions_heard=40, employers_reached=3,
    )  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("impact.production.timezone.localdate", lambda: date(2026, 7, 15))
        report = services.request_report(period=H1_2026, by=contentbeheerder)
    report.refresh_from_db()
    return report


@pytest.mark.django_db(transaction=True)
def test_a_requested_report_is_produced_complete_with_every_figure_and_mailed_once(report):
    assert report.status == ReportStatus.COMPLETE
    assert [f["key"] for f in report.data["figures"]] == list(REGISTRY)
    assert [p["label"] for p in report.data["periods"]] == ["juli-december 2025", "januari-juni 2026"]
    assert report.data["agreements"][0]["action"] == "Factsheet werving statushouders maken"
    assert len(report.data["agreements"]) == 1  # only the latest meeting before the period's end
    assert report.data["partner_input"][0]["employers_reached"] == {"value": None, "suppressed": True}
    mails = OutboxMessage.objects.filter(subject__startswith="Impactrapportage")
    assert sorted(mails.values_list("to", flat=True)) == ["partners@example.nl", "ser@example.nl"]
    assert f"/impact/rapportage/{report.pk}/" in mails.first().body


@pytest.mark.django_db(transaction=True)
def test_asking_again_for_the_same_period_gives_the_same_report(report, adviseur):
    again = services.request_report(period=H1_2026, by=adviseur)
    assert again.pk == report.pk
    assert Report.objects.count() == 1
    assert OutboxMessage.objects.filter(subject__startswith="Impactrapportage").count() == 2
    assert production.produce_report(report_id=report.pk) is False  # nothing to do


@pytest.mark.django_db
def test_a_failed_report_is_asked_for_again_and_then_completes(dataset, adviseur, monkeypatch):
    def broken(**kwargs):
        raise ValueError("boom")

    monkeypatch.setattr("impact.production.compute_figures", broken)
    period = Period(date(2025, 7, 1), date(2025, 12, 31))
    with pytest.raises(ValueError):
        from impact.tasks import produce_report

        report = Report.objects.create(period_start=period.start, period_end=period.end)
        produce_report.apply(args=[report.pk], throw=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.last_error == "ValueError"
    assert report.data == {}
    monkeypatch.undo()
    with django_capture_on_commit():
        services.request_report(period=period, by=adviseur)
    report.refresh_from_db()
    assert report.status == ReportStatus.COMPLETE


@pytest.mark.django_db
def test_the_half_year_beat_asks_once_for_the_report_of_the_half_year_that_ended(dataset, settings, monkeypatch):
    from impact.tasks import produce_half_year_report

    settings.IMPACT_REPORT_DISTRIBUTION = ["partners@example.nl"]
    monkeypatch.setattr("impact.tasks.timezone.localdate", lambda: date(2026, 7, 2))
    with django_capture_on_commit():
        report_id = produce_half_year_report()
    report = Report.objects.get(pk=report_id)
    assert (report.period_start, report.period_end) == (H1_2026.start, H1_2026.end)
    assert report.scheduled is True
    assert report.status == ReportStatus.COMPLETE
    with django_capture_on_commit():
        assert produce_half_year_report() == report_id  # the same report, produced and mailed once
    assert Report.objects.count() == 1
    assert OutboxMessage.objects.filter(subject__startswith="Impactrapportage").count() == 1


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.mark.django_db(transaction=True)
def test_report_page_shows_charts_tables_summaries_definitions_and_suppression(client, report, adviseur):
    client.force_login(adviseur)
    response = client.get(reverse("impact:report_detail", args=[report.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') >= 5
    assert 'aria-labelledby="grafiek-questions-per-channel-title grafiek-questions-per-channel-desc"' in html
    assert "Tabel: Vragen per kanaal" in html
    assert "&lt;5" in html
    assert "Definitie:" in html
    assert "Factsheet werving statushouders maken" in html
    assert "Veel vragen over taal op de werkvloer." in html
    assert "style=" not in html


@pytest.mark.django_db(transaction=True)
def test_partner_staff_see_their_own_referrals_beside_the_totals(client, report, partner_abu):
    client.force_login(partner_abu)
    html = client.get(reverse("impact:report_detail", args=[report.pk])).content.decode()
    assert (
        "Doorverwezen door ABU in deze periode: &lt;5." in html or "Doorverwezen door ABU in deze periode: 5." in html
    )
    assert "jouw organisatie" in html


@pytest.mark.django_db(transaction=True)
def test_csv_has_every_figure_and_marks_suppressed_cells_without_their_value(client, report, adviseur):
    client.force_login(adviseur)
    response = client.get(reverse("impact:report_csv", args=[report.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="impactrapportage-2026-H1.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {line[2] for line in lines[1:]} == set(REGISTRY) - {key for key in REGISTRY if not _has_rows(report, key)}
    phone = [
        line
        for line in lines
        if line[2] == "questions_per_channel" and line[3] == "Telefoon" and line[4] == "januari-juni 2026"
    ]
    assert phone == [
        [
            "helpdesk",
            "Vragen per kanaal",
            "questions_per_channel",
            "Telefoon",
            "januari-juni 2026",
            "",
            "aantal",
            "ja (minder dan 5)",
        ]
    ]
    change = [
        line
        for line in lines
        if line[2] == "questions_per_channel" and line[3] == "Telefoon" and line[4] == "verschil met vorige periode"
    ]
    assert change[0][5] == "" and change[0][7] == "ja (minder dan 5)"


def _has_rows(report, key):
    return any(f["key"] == key and f["rows"] for f in report.data["figures"])


@pytest.mark.django_db(transaction=True)
def test_json_has_every_figure_with_its_definition(client, report, adviseur):
    client.force_login(adviseur)
    data = json.loads(client.get(reverse("impact:report_json", args=[report.pk])).content)
    assert [f["key"] for f in data["figures"]] == list(REGISTRY)
    channels = next(f for f in data["figures"] if f["key"] == "questions_per_channel")
    assert channels["definition"] == REGISTRY["questions_per_channel"].definition
    phone = next(r for r in channels["rows"] if r["key"] == "telefoon")
    assert phone["cells"][-1] == {"value": None, "suppressed": True}


@pytest.mark.django_db(transaction=True)
def test_pdf_download(client, report, adviseur):
    client.force_login(adviseur)
    response = client.get(reverse("impact:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_report_that_is_not_complete_is_never_shown(client, adviseur):
    report = Report.objects.create(period_start=date(2025, 1, 1), period_end=date(2025, 6, 30))
    client.force_login(adviseur)
    for name in ("report_detail", "report_csv", "report_json", "report_pdf"):
        assert client.get(reverse(f"impact:{name}", args=[report.pk])).status_code == 404
    progress = client.get(reverse("impact:report_progress", args=[report.pk]))
    assert progress.status_code == 200
    assert "staat klaar om gemaakt te worden" in progress.content.decode()


@pytest.mark.django_db
def test_progress_page_shows_how_far_the_worker_is(client, adviseur):
    from django.core.cache import cache

    report = Report.objects.create(period_start=date(2025, 1, 1), period_end=date(2025, 6, 30))
    cache.set(production.progress_key(report.pk), {"done": 3, "total": 25, "step": "Vragen per thema"})
    client.force_login(adviseur)
    html = client.get(reverse("impact:report_progress", args=[report.pk])).content.decode()
    assert "Bezig: 3 van 25 cijfers berekend (nu: Vragen per thema)." in html
    assert '<progress max="25" value="3"' in html


@pytest.mark.django_db
class TestRequestForm:
    def test_an_editor_asks_for_a_period_and_is_sent_to_the_report(self, client, contentbeheerder, dataset):
        client.force_login(contentbeheerder)
        with django_capture_on_commit():
            response = client.post(reverse("impact:report_request"), {"start": "2025-07-01", "end": "2025-12-31"})
        report = Report.objects.get()
        assert response.status_code == 302
        assert response["Location"] in {reverse("impact:report_progress", args=[report.pk]), report.get_absolute_url()}

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"start": "2026-01-01", "end": "2025-12-31"}, "De einddatum ligt vóór de begindatum."),
            ({"start": "2020-01-01", "end": "2099-12-31"}, "Een rapportage gaat over een periode die voorbij is"),
            ({"start": "2010-01-01", "end": "2020-12-31"}, "Kies een periode van hoogstens drie jaar."),
            ({"start": "gisteren", "end": "2025-12-31"}, "Vul een datum in als dd-mm-jjjj"),
            ({"end": "2025-12-31"}, "Vul deze datum in."),
        ],
    )
    def test_bad_periods_get_a_dutch_message_and_a_400(self, client, adviseur, data, message):
        client.force_login(adviseur)
        response = client.post(reverse("impact:report_request"), data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert Report.objects.count() == 0

    def test_partner_staff_cannot_ask_for_a_report(self, client, partner_abu):
        client.force_login(partner_abu)
        response = client.post(reverse("impact:report_request"), {"start": "2025-07-01", "end": "2025-12-31"})
        assert response.status_code == 403
