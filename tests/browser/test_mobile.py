"""Small screens: the filters of the catalogue and the materials page fold away behind "Filters"
(without JavaScript too), the result count stays in view, and checkboxes are 24 px targets. axe
checks none of this."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, assert_reflows, assert_targets_large_enough

pytestmark = pytest.mark.browser


@pytest.fixture
def content(live_server):
    call_command("load_menukaart", verbosity=0)


def choose_a_filter_on_a_phone(page, checkbox, button: str, filtered_url: str) -> None:
    """Unfold "Filters", check a checkbox (a 24 px target) and show the results: the choice keeps them open."""
    expect(checkbox).to_be_attached()
    expect(checkbox).to_be_hidden()
    page.get_by_text("Filters", exact=True).click()
    expect(checkbox).to_be_visible()
    box = checkbox.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    checkbox.check()
    page.get_by_role("button", name=button).click()
    # The old page already has the filters open: wait for the filtered page before measuring it.
    page.wait_for_url(filtered_url)
    page.wait_for_load_state("load")
    expect(page.locator(".facets-details")).to_have_attribute("open", "")  # chosen filters stay in view


@pytest.mark.parametrize("javascript", [True, False])
def test_filters_fold_away_on_a_phone_and_the_count_stays_in_view(new_page, content, javascript):
    page = new_page(viewport={"width": 375, "height": 812}, java_script_enabled=javascript)
    page.goto(reverse("menukaart:index"))
    # Before: about 40 checkboxes came first and the first card was three screens down. Now the
    # count follows the folded "Filters" right under the search field (within the first 1000 px).
    count = page.locator("#results-title")
    expect(count).to_have_text("45 maatregelen")
    assert count.bounding_box()["y"] < 1000
    # A CSS locator: get_by_role skips hidden elements, so "hidden" would also pass with no checkbox at all.
    checkbox = page.locator("#catalogue-facets input[type=checkbox]").first
    choose_a_filter_on_a_phone(page, checkbox, "Toon resultaten", "**niveau=*")
    if javascript:
        assert_targets_large_enough(page)
        assert_reflows(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_material_filters_fold_away_on_a_phone_and_the_count_stays_in_view(new_page, content, javascript):
    page = new_page(viewport={"width": 375, "height": 812}, java_script_enabled=javascript)
    page.goto(reverse("menukaart:material_list"))
    # Before: 17 checkboxes came first, with no count, and the first card was below the first
    # screen. Now a count follows the folded "Filters" under the search field, on the first screen.
    count = page.locator("#results-title")
    expect(count).to_have_text("26 materialen")
    box = count.bounding_box()
    assert box["y"] + box["height"] <= 812, box
    checkbox = page.locator("#m-thema-werving-en-selectie")
    choose_a_filter_on_a_phone(page, checkbox, "Toon materialen", "**thema=werving-en-selectie")
    expect(page.locator(".facets-summary")).to_have_text("Filters (1 gekozen)")
    expect(checkbox).to_be_checked()
    expect(count).not_to_have_text("26 materialen")
    if javascript:
        assert_targets_large_enough(page)
        assert_reflows(page)
        assert_accessible(page)


@pytest.mark.parametrize("url_name", ["menukaart:index", "menukaart:material_list"])
def test_filters_are_open_on_a_wide_screen(new_page, content, url_name):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(reverse(url_name))
    expect(page.get_by_role("checkbox").first).to_be_visible()
