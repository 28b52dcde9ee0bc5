"""Issue 11's trust pages in the browser: contact, partners, privacy and accessibility statements.

At 1280 and 375 px wide, in Dutch and English: axe clean, no horizontal scrolling at 320 px (WCAG
1.4.10) and targets of at least 24 by 24 px (2.5.8), which axe does not check; reached from the
footer with the keyboard.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.browser.test_foundation import tab_to
from tests.browser.test_selfscan import assert_reflows, assert_targets_large_enough

pytestmark = pytest.mark.browser

PAGES = ["core:contact", "core:partners", "core:privacy", "core:accessibility"]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("url_name", PAGES)
def test_the_page_is_accessible_and_reflows(new_page, url_name, language, width):
    page = new_page(viewport={"width": width, "height": 900})
    with translation.override(language):
        address = reverse(url_name)
    response = page.goto(address)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)
    assert_targets_large_enough(page)
    assert_reflows(page)


def test_the_footer_leads_to_each_page_with_the_keyboard(page):
    page.goto(reverse("core:home"))
    footer = page.get_by_role("navigation", name="Voettekst")
    for name, heading in [
        ("Wie zitten erachter", "Wie zitten erachter?"),
        ("Contact", "Contact"),
        ("Privacy", "Privacyverklaring"),
        ("Toegankelijkheid", "Toegankelijkheidsverklaring"),
    ]:
        expect(footer.get_by_role("link", name=name, exact=True)).to_be_visible()
        element = tab_to(page, lambda seen, name=name: seen["tag"] == "a" and seen["text"] == name, max_tabs=80)
        assert element["focusVisible"]
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(footer.get_by_role("link", name=name, exact=True)).to_have_attribute("aria-current", "page")


def test_the_privacy_contents_jump_to_their_sections(page):
    page.goto(reverse("core:privacy"))
    contents = page.get_by_role("navigation", name="Op deze pagina")
    contents.get_by_role("link", name="Je rechten en hoe je ze gebruikt").click()
    heading = page.get_by_role("heading", name="Je rechten en hoe je ze gebruikt")
    expect(heading).to_be_in_viewport()


def test_the_contact_page_offers_the_question_form(page):
    page.goto(reverse("core:contact"))
    expect(page.get_by_role("link", name="070 3499 499")).to_have_attribute("href", "tel:+31703499499")
    page.get_by_role("main").get_by_role("link", name="Stel een vraag", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel een vraag aan de helpdesk")


@pytest.mark.parametrize("url_name", ["core:home", "core:about", "accounts:login"])
def test_the_other_pages_the_statement_names_have_large_targets_and_reflow(new_page, url_name):
    """The accessibility statement says these are checked for reflow and target size on a phone."""
    page = new_page(viewport={"width": 375, "height": 900})
    page.goto(reverse(url_name))
    assert_targets_large_enough(page)
    assert_reflows(page)
