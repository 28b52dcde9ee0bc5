"""The employer's journey in one go, at 1280 and 375 px wide: sign up, open the verification link
from the e-mail, do the "Waar sta je?" self-scan, put a recommended measure in the plan with one
click, fill in the plan in Mijn menukaart and take its PDF to the board.

Every page on the way is checked with axe-core and for what axe does not check: no horizontal
scrolling at 320 px (WCAG 1.4.10), targets of 24 by 24 px (2.5.8), autocomplete on personal-data
fields (1.3.5), unique ids and labelled controls. The PDF's text is checked for every section.
"""

import io
import re

import pypdf
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from core.models import OutboxMessage
from menukaart import selfscan
from menukaart.models import PlanItem, Scan
from tests.browser.helpers import (
    assert_accessible,
    assert_autocomplete,
    assert_reflows,
    assert_targets_large_enough,
    assert_unique_ids_and_labels,
)

pytestmark = pytest.mark.browser

PASSWORD = "een-heel-sterk-wachtwoord-2026"


@pytest.fixture
def content(live_server):
    call_command("load_menukaart", verbosity=0)


def check(page) -> None:
    """Everything a step's page must pass, at the width the test runs at and at 320 px."""
    assert_accessible(page)
    assert_unique_ids_and_labels(page)
    assert_autocomplete(page)
    assert_targets_large_enough(page)
    assert_reflows(page, reload=False)


def verification_path(email: str) -> str:
    """The link in the verification e-mail. The outbox sent it at once (tasks run in-process here)
    and then forgot the link, as it does with every private link; the sent e-mail has it."""
    outbox_row = OutboxMessage.objects.filter(to=email).latest("pk")
    assert outbox_row.subject == "Bevestig je e-mailadres voor de Werkagenda VIA"
    assert outbox_row.private_link == ""
    [sent] = [message for message in mail.outbox if email in message.to]
    match = re.search(r"https?://[^/\s]+(/account/registreren/bevestigen/[^\s]+/)", sent.body)
    assert match, sent.body
    return match.group(1)


@pytest.mark.parametrize("width", [1280, 375])
def test_sign_up_verify_scan_plan_and_pdf(new_page, content, width):
    page = new_page(viewport={"width": width, "height": 900})
    email = f"fatima.{width}@devries.example"

    # 1. Sign up. The personal fields say what they are, so the browser can fill them in.
    page.goto(reverse("accounts:signup"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Account aanmaken voor werkgevers")
    check(page)
    page.get_by_label("Voornaam", exact=True).fill("Fatima")
    page.get_by_label("Achternaam", exact=True).fill("El Amrani")
    page.get_by_label("Naam van je organisatie").fill("Bouwbedrijf De Vries")
    page.get_by_label("E-mailadres", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(PASSWORD)
    page.get_by_label("Ik ga akkoord met het bewaren").check()
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith(reverse("accounts:signup_done"))
    expect(page.get_by_text(email).first).to_be_visible()
    check(page)
    assert not User.objects.get(email=email).is_active

    # 2. Open the link from the e-mail and confirm: logged in.
    page.goto(verification_path(email))
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mailadres bevestigen")
    check(page)
    page.get_by_role("button", name="Bevestigen en inloggen").click()
    expect(page.get_by_role("status")).to_contain_text("Je e-mailadres is bevestigd.")
    assert User.objects.get(email=email).is_active
    expect(page.get_by_role("link", name="Fatima El Amrani (je account)")).to_be_visible()

    # 3. "Waar sta je?": size and sector, five steps of questions, the result with its gaps.
    page.goto(reverse("menukaart:scan_start"))
    check(page)
    page.get_by_label("10 tot 50 medewerkers").check()
    page.get_by_role("combobox", name="In welke sector").select_option("F")
    page.get_by_role("button", name="Begin de scan").click()
    for number, (slug, label) in enumerate(selfscan.STEPS, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(str(label))
        if number == 1:
            check(page)
        for question in selfscan.questions_for_step(slug):
            page.locator(f"input[name='{question.key}'][value='{1 if number <= 2 else 0}']").check()
        page.get_by_role("button", name="Bekijk je uitslag" if number == 5 else "Volgende stap").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waar sta je? Je uitslag")
    expect(page.get_by_role("table")).to_contain_text("Stap 1: Commitment van de top")
    check(page)
    scan = Scan.objects.get(user__email=email)
    assert scan.is_complete and scan.size_band == "10-49"

    # 4. One click puts a recommended measure in the plan; the header counts it.
    card = page.locator(".scan-gap").first.locator(".measure-card").first
    title = card.locator(".measure-card-title").inner_text().strip()
    card.get_by_role("button", name="Zet in mijn menukaart").click()
    expect(page.get_by_role("status")).to_contain_text(title)
    item = PlanItem.objects.get(plan__user__email=email)
    assert item.measure.title == title
    plan_link = page.get_by_role("link", name=re.compile(r"^Mijn menukaart 1 maatregel$"))
    expect(plan_link).to_be_visible()

    # 5. Mijn menukaart: who, when, a note and the status, saved.
    plan_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn menukaart")
    check(page)
    page.get_by_label("Eigenaar").fill("HR-adviseur")
    page.get_by_label("Startmaand").fill("2027-03")
    page.get_by_label("Notitie").fill("Eerst met de ondernemingsraad bespreken.")
    page.get_by_label("Status").select_option(label="Gestart")
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Je menukaart is opgeslagen.")
    item.refresh_from_db()
    assert (item.owner, item.progress, item.start_month.isoformat()) == ("HR-adviseur", "gestart", "2027-03-01")
    check(page)

    # 6. The PDF for the board: the scan profile and every section of the measure.
    with page.expect_download(timeout=90_000) as download:  # a PDF render takes a while on a busy machine
        page.get_by_role("link", name="Download als PDF").click(no_wait_after=True)
    with open(download.value.path(), "rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(" ".join(pdf_page.extract_text() for pdf_page in reader.pages).split())
    measure = item.measure
    sections = [
        "Waar staan we? Zelfscan van",
        "Stap 1: Commitment van de top",
        "Niveau:",
        title,
        "Status",
        "Gestart",
        "Eigenaar",
        "HR-adviseur",
        "Startmaand",
        "maart 2027",
        "Inspanning",
        "Kosten",
        "Bewijskracht",
        "Notitie",
        "Eerst met de ondernemingsraad bespreken.",
    ]
    if measure.steps:
        sections += ["Zo begin je", " ".join(measure.steps[0].split())]
    if measure.tips:
        sections += ["Tips", " ".join(measure.tips[0].split())]
    if measure.pitfalls:
        sections += ["Valkuilen", " ".join(measure.pitfalls[0].split())]
    if measure.sources.exists():
        sections += ["Bronnen en links"]
    missing = [section for section in sections if section not in text]
    assert not missing, f"Not in the PDF: {missing}\n{text[:3000]}"
