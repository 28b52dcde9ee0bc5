"""Small screens: the catalogue's filters fold away behind "Filters" (without JavaScript too), the
result count stays in view, and checkboxes are 24 px targets. axe checks none of this."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import assert_reflows, assert_targets_large_enough

pytestmark = pytest.mark.browser


@pytest.fixture
def content(live_server):
    call_command("load_menukaart", verbosity=0)


@pytest.mark.parametrize("javascript", [True, False])
def test_filters_fold_away_on_a_phone_and_the_count_stays_in_view(new_page, content, javascript):
    page = new_page(viewport={"width": 375, "height": 812}, java_script_enabled=javascript)
    page.goto(reverse("menukaart:index"))
    # Before: about 40 checkboxes came first and the first card was three screens down. Now the
    # count follows the folded "Filters" right under the search field (within the first 1000 px).
    count = page.locator("#results-title")
    expect(count).to_have_text("45 maatregelen")
    assert count.bounding_box()["y"] < 1000
    checkbox = page.get_by_role("checkbox").first
    expect(checkbox).to_be_hidden()
    page.get_by_text("Filters", exact=True).click()
    expect(checkbox).to_be_visible()
    box = checkbox.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    checkbox.check()
    page.get_by_role("button", name="Toon resultaten").click()
    # The old page already has the filters open: wait for the filtered page before measuring it.
    page.wait_for_url("**niveau=*")
    page.wait_for_load_state("load")
    expect(page.locator(".facets-details")).to_have_attribute("open", "")  # chosen filters stay in view
    if javascript:
        assert_targets_large_enough(page)
        assert_reflows(page)


def test_filters_are_open_on_a_wide_screen(new_page, content):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(reverse("menukaart:index"))
    expect(page.get_by_role("checkbox").first).to_be_visible()
