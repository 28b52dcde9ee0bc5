"""The menukaart as an employer uses it, on the real content: filter, search, plan, export, share.

Each test loads the real content (fixtures/menukaart) itself: live_server tests run in a
transactional database that is emptied after every test. The load takes about a second, so the
journeys are few and long rather than many and short.
"""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from menukaart.models import Measure, Plan, UsageEvent
from sitesearch.indexing import SOURCES
from sitesearch.models import Kind
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def content(live_server):
    call_command("load_menukaart", verbosity=0)


def hr_behoud_measures() -> list[Measure]:
    return list(
        Measure.objects.published().filter(levels__slug="hr").filter(themes__slug="behoud").order_by("title").distinct()
    )


def result_titles(page) -> list[str]:
    return page.locator(".measure-card h2").all_inner_texts()


def results_heading(count: int) -> re.Pattern:
    return re.compile(rf"^\s*{count} maatregel(en)?\b")


def plan_button(page, title: str, action: str = "Zet in mijn menukaart"):
    """The add (or remove) button of one measure; its accessible name ends in the measure's title."""
    return page.get_by_role("button", name=re.compile(rf"^{re.escape(action)}\s*: {re.escape(title)}$"))


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
                    text: (el.innerText || el.value || '').trim(), focusVisible: el.matches(':focus-visible')};
        }"""
    )


def tab_to(page, predicate, *, max_tabs: int = 80) -> dict:
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
    raise AssertionError("Not reachable with Tab")


def test_employer_filters_searches_plans_exports_and_shares(page, new_page, content):
    expected = hr_behoud_measures()
    assert 0 < len(expected) <= 12, "the filtered result should fit on one page for this test"

    # Filter with htmx: each checkbox updates the results and the address without a page load.
    page.goto(reverse("menukaart:index"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Menukaart: maatregelen die werken")
    page.get_by_role("group", name="Niveau").get_by_label(re.compile(r"^HR \(")).check()
    expect(page).to_have_url(re.compile(r"niveau=hr"))
    page.get_by_role("group", name="Thema").get_by_label(re.compile(r"^Behoud \(")).check()
    expect(page).to_have_url(re.compile(r"niveau=hr.*thema=behoud|thema=behoud.*niveau=hr"))
    expect(page.locator("#results-title")).to_have_text(results_heading(len(expected)))
    assert result_titles(page) == [measure.title for measure in expected]
    expect(page.get_by_role("list", name="Gekozen filters")).to_contain_text("Niveau: HR")
    expect(page.get_by_role("list", name="Gekozen filters")).to_contain_text("Thema: Behoud")
    assert_accessible(page)

    # Search: "leidinggevenden" also finds measures that only say "leidinggevende" (Dutch stemming).
    page.goto(reverse("menukaart:index"))
    page.get_by_label("Zoek een maatregel").fill("leidinggevenden")
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.locator("#results-title")).to_contain_text("voor 'leidinggevenden'")
    titles = result_titles(page)
    assert titles[0] == "Selecteer leidinggevenden die inclusief willen leiden"
    found = {
        m.title: (m.title + "\n" + m.summary + "\n" + SOURCES[Kind.MEASURE].body(m)).lower()
        for m in Measure.objects.filter(title__in=titles)
    }
    assert any("leidinggevende" in text and "leidinggevenden" not in text for text in found.values()), found

    # Open a measure and add it to Mijn menukaart.
    first, second = expected[0], expected[1] if len(expected) > 1 else Measure.objects.exclude(pk=expected[0].pk)[0]
    page.goto(reverse("menukaart:index") + "?niveau=hr&thema=behoud")
    page.get_by_role("link", name=first.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    assert_accessible(page)
    plan_button(page, first.title).click()
    expect(page.get_by_text(f"'{first.title}' staat nu in je menukaart.")).to_be_visible()
    expect(plan_button(page, first.title, "Weghalen")).to_be_visible()
    # The second one straight from the list: the visitor stays on the filtered list.
    page.goto(reverse("menukaart:index") + "?niveau=hr&thema=behoud")
    plan_button(page, second.title).click()
    expect(page.get_by_text(f"'{second.title}' staat nu in je menukaart.")).to_be_visible()
    assert "niveau=hr" in page.url

    # Mijn menukaart: owner, start month and note, saved.
    page.get_by_role("navigation", name="Menukaart").get_by_role("link", name="Mijn menukaart").click()
    expect(page.locator(".plan-item")).to_have_count(2)
    first_item = page.locator(".plan-item").filter(has_text=first.title)
    first_item.get_by_label("Eigenaar").fill("HR-adviseur")
    first_item.get_by_label("Startmaand").fill("2027-03")
    first_item.get_by_label("Notitie").fill("Bespreken met de OR; daarna de leidinggevenden informeren.")
    page.locator(".plan-item").filter(has_text=second.title).get_by_label("Eigenaar").fill("Teamleider")
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.get_by_text("Je menukaart is opgeslagen.")).to_be_visible()
    first_item = page.locator(".plan-item").filter(has_text=first.title)
    expect(first_item.get_by_label("Eigenaar")).to_have_value("HR-adviseur")
    expect(first_item.get_by_label("Startmaand")).to_have_value("2027-03")
    assert_accessible(page)

    # Downloads: a real PDF, and a CSV with what was filled in.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als PDF").click()
    pdf = download_info.value
    assert pdf.suggested_filename == "mijn-menukaart.pdf"
    with open(pdf.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als spreadsheet (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "mijn-menukaart.csv"
    with open(download.path(), encoding="utf-8-sig") as file:
        rows = list(csv.reader(io.StringIO(file.read()), delimiter=";"))
    assert rows[0][:6] == ["Volgorde", "Maatregel", "Samenvatting", "Eigenaar", "Startmaand", "Notitie"]
    by_title = {row[1]: row for row in rows[1:]}
    assert by_title[first.title][3:6] == [
        "HR-adviseur",
        "2027-03",
        "Bespreken met de OR; daarna de leidinggevenden informeren.",
    ]
    assert by_title[second.title][3] == "Teamleider"

    # Share: someone else (a fresh browser) sees the plan read-only.
    page.get_by_role("button", name="Maak een deellink (alleen lezen)").click()
    share_url = page.get_by_label("Deellink").input_value()
    token = share_url.rstrip("/").rsplit("/", 1)[-1]
    assert set(Plan.objects.get(share_token_hash=Plan.hash_token(token)).items.values_list("measure", flat=True)) == {
        first.pk,
        second.pk,
    }
    colleague = new_page()
    response = colleague.goto(share_url)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex"
    expect(colleague.get_by_role("heading", level=2, name=first.title)).to_be_visible()
    expect(colleague.get_by_role("heading", level=2, name=second.title)).to_be_visible()
    expect(colleague.get_by_text("HR-adviseur")).to_be_visible()
    expect(colleague.get_by_text("maart 2027")).to_be_visible()
    expect(colleague.locator("main").locator("input, textarea, select, form")).to_have_count(0)
    expect(colleague.get_by_role("button", name="Plan opslaan")).to_have_count(0)
    assert_accessible(colleague)
    # The colleague's own Mijn menukaart is empty: the link gives read access, not the plan.
    colleague.goto(reverse("menukaart:plan"))
    expect(colleague.get_by_text("Je menukaart is nog leeg.")).to_be_visible()


def test_filters_work_without_javascript(new_page, content):
    page = new_page(java_script_enabled=False)
    expected = hr_behoud_measures()
    page.goto(reverse("menukaart:index"))
    page.get_by_role("group", name="Niveau").get_by_label(re.compile(r"^HR \(")).check()
    page.get_by_role("group", name="Thema").get_by_label(re.compile(r"^Behoud \(")).check()
    # Without JavaScript nothing happens until the form is sent.
    expect(page).to_have_url(page.context.live_server_url + reverse("menukaart:index"))
    with page.expect_navigation():
        page.get_by_role("button", name="Toon resultaten").click()
    assert "niveau=hr" in page.url and "thema=behoud" in page.url
    expect(page.locator("#results-title")).to_have_text(results_heading(len(expected)))
    assert result_titles(page) == [measure.title for measure in expected]
    expect(page.get_by_role("group", name="Niveau").get_by_label(re.compile(r"^HR \("))).to_be_checked()
    # Removing one filter is a plain link.
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Thema: Behoud")).click()
    assert "thema=" not in page.url and "niveau=hr" in page.url
    # Adding to the plan is a plain form post too.
    plan_button(page, expected[0].title).click()
    expect(page.get_by_text(f"'{expected[0].title}' staat nu in je menukaart.")).to_be_visible()
    # (No axe run here: axe-core needs JavaScript. The same pages are checked in the other tests.)


def test_facet_filters_and_add_to_plan_with_the_keyboard_only(page, content):
    expected = hr_behoud_measures()
    page.goto(reverse("menukaart:index"))
    hr = tab_to(page, lambda element: element["id"] == "f-niveau-hr")
    assert hr["focusVisible"]
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"niveau=hr"))
    # htmx swaps the region; focus must stay on the checkbox so the visitor can go on from there.
    expect(page.locator("#f-niveau-hr")).to_be_checked()
    expect(page.locator("#f-niveau-hr")).to_be_focused()
    tab_to(page, lambda element: element["id"] == "f-thema-behoud")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"thema=behoud"))
    expect(page.locator("#results-title")).to_have_text(results_heading(len(expected)))
    expect(page.locator("#f-thema-behoud")).to_be_focused()
    # On to the first result's button and press Enter.
    tab_to(page, lambda element: element["tag"] == "button" and expected[0].title in element["text"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text(f"'{expected[0].title}' staat nu in je menukaart.")).to_be_visible()
    assert Plan.objects.filter(items__measure=expected[0]).count() == 1


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_search_submitted_with_enter(new_page, content, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto(reverse("menukaart:index"))
    tab_to(page, lambda element: element["id"] == "id_q")
    page.keyboard.type("ondernemingsraad")
    # With htmx, leaving the field also updates the results; either way the address holds the query.
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=ondernemingsraad"))
    expect(page.locator("#results-title")).to_contain_text("voor 'ondernemingsraad'")
    assert "Werk samen met de ondernemingsraad" in " ".join(result_titles(page))
    # One search, one request: the search signal is recorded once.
    assert UsageEvent.objects.filter(kind=UsageEvent.Kind.SEARCH, query="ondernemingsraad").count() == 1


def test_overview_and_content_pages_are_accessible(page, content):
    for url_name in [
        "menukaart:evidence_scale",
        "menukaart:levels",
        "menukaart:phases",
        "menukaart:material_list",
        "menukaart:initiative_list",
        "menukaart:example_list",
    ]:
        response = page.goto(reverse(url_name))
        assert response.status == 200, url_name
        expect(page.locator("h1")).to_have_count(1)
        # The menukaart navigation says where you are.
        expect(page.get_by_role("navigation", name="Menukaart").locator("[aria-current=page]")).to_have_count(1)
        assert_accessible(page)
    # An example's detail page as well.
    page.goto(reverse("menukaart:example_list"))
    page.locator("main h2 a, main h3 a").first.click()
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)
