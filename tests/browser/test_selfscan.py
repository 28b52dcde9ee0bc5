"""The self-scan in the browser: a visitor without an account answers, reads the result, adds a measure.

At 1280 and 375 px wide: axe clean, no horizontal scrolling at 320 px (WCAG 1.4.10), targets of at
least 24 by 24 px (2.5.8). axe checks neither reflow nor target size, so these tests measure them.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from menukaart import selfscan
from menukaart.models import PlanItem
from tests.browser.helpers import assert_accessible, assert_reflows, assert_targets_large_enough

pytestmark = pytest.mark.browser


@pytest.fixture
def content(live_server):
    call_command("load_menukaart", verbosity=0)


@pytest.mark.parametrize("width", [1280, 375])
def test_visitor_does_the_scan_and_adds_a_recommended_measure(new_page, content, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(reverse("menukaart:scan_start"))
    assert_accessible(page)
    assert_reflows(page)
    page.get_by_role("button", name="Begin de scan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies hoeveel mensen er werken.")
    page.get_by_label("10 tot 50 medewerkers").check()
    page.get_by_role("combobox", name="In welke sector").select_option("F")
    page.get_by_role("button", name="Begin de scan").click()

    for number, (slug, label) in enumerate(selfscan.STEPS, start=1):
        expect(page.get_by_role("heading", level=1)).to_have_text(str(label))
        expect(page.get_by_text(f"stap {number} van 5")).to_be_visible()
        if number == 1:
            assert_accessible(page)
            assert_targets_large_enough(page)
            assert_reflows(page)
        for question in selfscan.questions_for_step(slug):
            page.locator(f"input[name='{question.key}'][value='{0 if number == 1 else 2}']").check()
        page.get_by_role("button", name="Bekijk je uitslag" if number == 5 else "Volgende stap").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Waar sta je? Je uitslag")
    expect(page.get_by_role("img", name="0,0 van 3 (Niet begonnen)").first).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Stap 1: Commitment van de top")
    assert_accessible(page)
    assert_targets_large_enough(page)
    assert_reflows(page)

    first_gap = page.locator(".scan-gap").first
    expect(first_gap.get_by_role("heading", level=3)).to_have_text("Heeft de directie gelijke kansen als doel gekozen?")
    card = first_gap.locator(".measure-card").first
    title = card.locator(".measure-card-title").inner_text().strip()
    card.get_by_role("button", name="Zet in mijn menukaart").click()
    expect(page.get_by_role("status")).to_contain_text(title)
    assert PlanItem.objects.filter(measure__title=title).count() == 1
    page.goto(reverse("menukaart:plan"))
    expect(page.get_by_role("link", name=title)).to_be_visible()
