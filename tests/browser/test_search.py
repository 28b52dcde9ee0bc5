"""The portal-wide search as an employer uses it: the header field, a question, facets, "bedoelde je"."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, assert_reflows

pytestmark = pytest.mark.browser


@pytest.fixture
def content(live_server):
    call_command("load_menukaart", verbosity=0)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_employer_searches_the_whole_portal_from_the_header(new_page, content, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto(reverse("menukaart:phases"))
    page.get_by_label("Zoek op het hele portaal").fill("Mag een sollicitant met een hoofddoek worden afgewezen?")
    page.get_by_label("Zoek op het hele portaal").press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q="))
    expect(page.locator("#search-results-title")).to_contain_text("resultaten")
    top = " ".join(page.locator(".search-result h3").all_inner_texts()[:5]).lower()
    assert any(topic in top for topic in ("objectief", "ongewenst", "discriminatie")), top
    expect(page.locator(".search-result mark").first).to_be_visible()
    if javascript:
        assert_accessible(page)  # axe-core needs JavaScript; without it, it would wait forever

    # Only materials, through the kind facet.
    page.get_by_label(re.compile(r"^Materiaal \(\d+\)$")).check()
    page.get_by_role("button", name="Toon resultaten").click()
    expect(page).to_have_url(re.compile(r"soort=materiaal"))
    kinds = set(page.locator(".result-kind").all_inner_texts())
    assert kinds == {"Materiaal"}, kinds


def test_a_typo_gets_did_you_mean_and_the_search_fits_a_narrow_screen(new_page, content):
    page = new_page(viewport={"width": 320, "height": 800})
    page.goto(reverse("sitesearch:search") + "?q=vlotschouw")
    link = page.get_by_role("link", name="vlootschouw")
    expect(link).to_be_visible()
    link.click()
    expect(page.locator(".search-result h3").first).to_contain_text("vlootschouw")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320
    assert_accessible(page)


def test_materials_page_searches_and_filters(page, content):
    page.goto(reverse("menukaart:material_list"))
    page.get_by_label("Zoek in materialen").fill("e-learning")
    page.get_by_label("Zoek in materialen").press("Enter")
    expect(page.locator("#results-title")).to_contain_text("voor 'e-learning'")
    assert "E-learning gelijke kansen bij werven en selecteren" in page.locator(".card h3").all_inner_texts()
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_materials_page_filters_by_theme_and_labels_what_is_in_development(new_page, content, javascript):
    page = new_page(java_script_enabled=javascript, viewport={"width": 375, "height": 800})
    page.goto(reverse("menukaart:material_list"))
    page.get_by_text("Filters", exact=True).click()  # folded away at 375 px
    page.get_by_role("group", name="Thema").get_by_label("Werving en selectie").check()
    page.get_by_role("button", name="Toon materialen").click()
    expect(page).to_have_url(re.compile(r"thema=werving-en-selectie"))
    expect(page.get_by_role("group", name="Thema").get_by_label("Werving en selectie")).to_be_checked()
    titles = page.locator(".card h3").all_inner_texts()
    assert "Wegwijzer Pesten" not in titles, titles  # a material of the theme sociale veiligheid only
    # The zelfinspectietool belongs to a measure on werving en selectie and is not ready yet.
    card = page.locator("#zelfinspectietool-werving-en-selectie")
    expect(card.get_by_role("heading", level=3)).to_have_text("Zelfinspectietool werving en selectie (In ontwikkeling)")
    expect(card.locator(".badge-development")).to_be_visible()
    expect(card).to_contain_text("Dit materiaal is nog niet klaar")
    expect(page.locator("main")).not_to_contain_text("Onbekend")
    assert_reflows(page)
    if javascript:
        assert_accessible(page)
