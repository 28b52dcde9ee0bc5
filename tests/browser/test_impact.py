"""The impact report as an editor uses it: produce a report for a chosen period, open it, download
the PDF and the CSV, record an agreement. axe-core checks the report and the agreements pages."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from helpdesk.models import Channel
from impact.models import Agreement
from tests.browser.helpers import assert_accessible, login
from tests.helpdesk.factories import ThemeFactory, TicketFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def questions(db, abu):
    theme = ThemeFactory(slug="werving", name="Werving")
    for month in (2, 3, 4, 9, 10):
        for _ in range(6):
            year = 2025
            ticket = TicketFactory(
                created_at=datetime(year, month, 3, 10, tzinfo=ZoneInfo("Europe/Amsterdam")),
                channel=Channel.REFERRAL if month % 2 else Channel.WEB,
                referring_organisation=abu if month % 2 else None,
                due_date=date(year, month, 10),
            )
            ticket.themes.add(theme)


def test_editor_produces_opens_and_downloads_a_report(page, contentbeheerder, questions):
    login(page, contentbeheerder)
    page.goto(reverse("impact:report_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Impactrapportages")
    page.get_by_label("Van").fill("2025-07-01")
    page.get_by_label("Tot en met").fill("2025-12-31")
    page.get_by_role("button", name="Rapportage maken").click()
    # Tasks run in-process in this test: the progress page sends the editor on to the report.
    if "voortgang" in page.url:
        page.get_by_role("link", name="Nu verversen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impactrapportage juli-december 2025")
    expect(page.get_by_role("img", name="Vragen per kanaal")).to_be_visible()
    expect(page.get_by_role("table", name="Tabel: Vragen per kanaal")).to_be_visible()
    assert_accessible(page)

    with page.expect_download(timeout=90_000) as pdf:  # a PDF of every figure takes a while on a busy machine
        page.get_by_role("link", name="Download als pdf").click(no_wait_after=True)
    assert pdf.value.suggested_filename == "impactrapportage-2025-H2.pdf"
    assert open(pdf.value.path(), "rb").read(4) == b"%PDF"
    with page.expect_download() as csv:
        page.get_by_role("link", name="Alle cijfers als csv").click()
    assert csv.value.suggested_filename == "impactrapportage-2025-H2.csv"
    assert "questions_per_channel" in open(csv.value.path(), encoding="utf-8-sig").read()


def test_editor_records_an_agreement(page, contentbeheerder, abu):
    login(page, contentbeheerder)
    page.goto(reverse("impact:agreement_list"))
    assert_accessible(page)
    page.get_by_label("Datum bijeenkomst").fill("2026-03-10")
    page.get_by_label("Actie").fill("Factsheet werving statushouders maken")
    page.get_by_label("Eigenaar (organisatie)").select_option(label="ABU")
    page.get_by_label("Uiterlijk").fill("2026-06-01")
    page.get_by_role("button", name="Afspraak vastleggen").click()
    expect(page.get_by_text("De afspraak is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("link", name="Factsheet werving statushouders maken")).to_be_visible()
    assert Agreement.objects.get().owner == abu
    assert_accessible(page)
