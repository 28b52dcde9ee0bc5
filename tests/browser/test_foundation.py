"""The shared layout, the log-in page and the language switch, used as people use them."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, login
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def focused(page) -> dict:
    """The element that has keyboard focus: tag, id, class, text and whether focus is visible."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(), id: el.id, className: el.className,
                text: (el.innerText || el.value || '').trim(), name: el.getAttribute('name'),
                focusVisible: el.matches(':focus-visible'),
                outlined: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
            };
        }"""
    )


def tab_to(page, predicate, *, max_tabs: int = 40) -> dict:
    """Press Tab until the focused element matches; fail if it is never reached."""
    seen = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
        seen.append(element["text"] or element["id"] or element["tag"])
    raise AssertionError(f"Not reachable with Tab; focus went through: {seen}")


@pytest.mark.parametrize(
    "url_name",
    [
        "core:home",
        "core:about",
        "core:privacy",
        "core:accessibility",
        "accounts:login",
        "accounts:password_reset",
    ],
)
def test_public_pages_load_and_are_accessible(page, url_name):
    response = page.goto(reverse(url_name))
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)


def test_logged_in_layout_is_accessible(page, adviseur):
    login(page, adviseur)
    page.goto(reverse("core:home"))
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert_accessible(page)


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto(reverse("core:home"))
    page.keyboard.press("Tab")
    skip = focused(page)
    assert "skip-link" in skip["className"]
    assert skip["text"] == "Direct naar de inhoud"
    assert skip["focusVisible"] and skip["outlined"]
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhoud")
    assert focused(page)["id"] == "inhoud"
    assert focused(page)["tag"] == "main"
    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('inhoud').contains(document.activeElement)")


def test_header_navigation_in_tab_order_with_visible_focus(page):
    page.goto(reverse("core:home"))
    expected = [
        "Direct naar de inhoud", "Werkagenda VIA", "Menukaart", "Stel een vraag", "Doe-netwerken",
        "Mijn menukaart", "Inloggen",
    ]  # fmt: skip
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["focusVisible"] and element["outlined"], f"no visible focus on {element}"
        reached.append(element["text"])
    assert reached[0] == expected[0]
    assert expected[1] in reached[1]  # the brand link to the home page: logo mark, name and tagline
    assert reached[2:5] == expected[2:5]
    assert reached[5].startswith("Mijn menukaart")  # the plan link, with its item counter
    assert reached[6] == expected[6]
    page.keyboard.press("Enter")
    expect(page).to_have_url(page.context.live_server_url + reverse("accounts:login"))
    expect(page.get_by_role("link", name="Inloggen")).to_have_attribute("aria-current", "page")


def test_log_in_with_the_keyboard_only(page, werkgever):
    page.goto(reverse("accounts:login"))
    tab_to(page, lambda element: element["name"] == "username")
    page.keyboard.type(werkgever.username)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "password"
    page.keyboard.type(TEST_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # A werkgever lands on their own workspace, "Mijn vragen".
    expect(page).to_have_url(page.context.live_server_url + reverse("helpdesk:my_tickets"))
    expect(page.locator(".nav-user")).to_contain_text(werkgever.get_full_name())
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def test_wrong_password_shows_accessible_dutch_error(page, werkgever):
    page.goto(reverse("accounts:login"))
    page.get_by_label("Gebruikersnaam").fill(werkgever.username)
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("De combinatie van gebruikersnaam en wachtwoord klopt niet")
    assert_accessible(page)


def test_language_switch_with_the_keyboard(page):
    page.goto(reverse("core:about"))
    tab_to(page, lambda element: element["id"] == "language-select")
    page.keyboard.press("ArrowDown")  # Nederlands -> English
    expect(page.locator("#language-select")).to_have_value("en")
    expect(page.locator("#language-select option:checked")).to_have_text("English")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Kies taal"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == page.context.live_server_url + "/en" + reverse("core:about")
    expect(page.locator("#language-select")).to_have_value("en")
    expect(page.get_by_role("heading", level=1)).to_have_text("About this portal")
    # And back: the choice is remembered and the Dutch URL comes back.
    page.locator("#language-select").select_option("nl")
    with page.expect_navigation():
        page.get_by_role("button", name="Choose language").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert page.url == page.context.live_server_url + reverse("core:about")


def test_form_errors_are_announced_and_linked_to_their_field(page):
    page.goto(reverse("accounts:password_reset"))
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Stuur de link").click()
    expect(page.get_by_role("alert")).to_contain_text("Controleer het formulier")
    field = page.get_by_label("E-mailadres")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description("Voer een geldig e-mailadres in.")
    assert field.input_value() == "geen-adres"  # nothing the user typed is lost
    # The link in the error summary takes keyboard users to the field.
    page.get_by_role("alert").get_by_role("link").focus()
    page.keyboard.press("Enter")
    expect(field).to_be_focused()
    assert_accessible(page)


def test_password_change_form_is_accessible(page, werkgever):
    login(page, werkgever)
    page.goto(reverse("accounts:password_change"))
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("url_name", ["core:home", "accounts:login"])
def test_pages_reflow_on_a_narrow_screen_without_sideways_scrolling(page, url_name):
    """WCAG 1.4.10: at 320 CSS pixels wide everything fits without horizontal scrolling."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reverse(url_name))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()


def test_expired_form_page_is_dutch_and_accessible(page, werkgever):
    page.goto(reverse("accounts:login"))
    page.get_by_label("Gebruikersnaam").fill(werkgever.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.context.clear_cookies()  # as when the browser dropped the CSRF cookie
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Inloggen").click()
    assert navigation.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Het formulier is verlopen")
    assert_accessible(page)
