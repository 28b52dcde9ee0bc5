"""The helpdesk as people use it: a partner refers, an advisor answers, the employer reads and rates.

Every page visited is checked with axe-core (no serious or critical violations).
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from helpdesk.models import Feedback, Ticket, TicketStatus
from tests.browser.helpers import assert_accessible, login
from tests.helpdesk.factories import MeasureFactory, ThemeFactory

pytestmark = pytest.mark.browser

FOLLOW_LINK = re.compile(r"/helpdesk/volg/([A-Za-z0-9_-]+)/")


@pytest.fixture
def private_media(settings, tmp_path):
    """Uploaded files (none expected here) go to a temporary folder, never into the project's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def measure(db):
    theme = ThemeFactory(slug="werving", name="Werving en selectie")
    measure = MeasureFactory(
        slug="anoniem-solliciteren",
        title="Anoniem solliciteren",
        summary="Haal naam en foto weg uit de eerste selectieronde.",
        why_it_works="Selecteurs beoordelen vaardigheden in plaats van afkomst.",
    )
    measure.themes.add(theme)
    return measure


def follow_token_in_mail_to(address: str) -> str:
    bodies = [message.body for message in mail.outbox if address in message.to]
    assert bodies, f"no e-mail to {address}; sent: {[message.to for message in mail.outbox]}"
    match = FOLLOW_LINK.search(bodies[-1])
    assert match, f"no follow link in the e-mail to {address}:\n{bodies[-1]}"
    return match.group(1)


def test_referral_answered_with_a_measure_and_rated_by_the_employer(
    page, partner_abu, adviseur, measure, private_media
):
    # (a) A partner employee of ABU refers a member's question with the employer's consent.
    login(page, partner_abu)
    page.goto(reverse("helpdesk:refer"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag van een lid doorverwijzen naar SER/DiB")
    assert_accessible(page)
    page.get_by_label("Onderwerp", exact=True).fill("Anoniem solliciteren invoeren")
    page.get_by_label("Vraag van de werkgever", exact=True).fill(
        "Ons lid wil anoniem solliciteren invoeren. Hoe pakken zij dat aan zonder de selectie te vertragen?"
    )
    page.get_by_label("Werving en selectie").check()
    page.get_by_label("Naam van de werkgever (organisatie)", exact=True).fill("Uitzendbureau Zuid")
    page.get_by_label("Contactpersoon bij de werkgever", exact=True).fill("Sanne de Wit")
    page.get_by_label(re.compile("^E-mailadres van de werkgever")).fill("sanne@zuid.example")
    page.get_by_label("De werkgever geeft toestemming om de vraag en contactgegevens door te geven").check()
    page.get_by_label("De werkgever geeft toestemming om het antwoord van SER/DiB").check()
    page.get_by_role("button", name="Doorverwijzen").click()

    ticket = Ticket.objects.get()
    expect(page.get_by_role("status")).to_contain_text(f"De vraag is doorverwezen onder nummer {ticket.reference}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Doorverwijzing {ticket.reference}")
    assert_accessible(page)
    assert ticket.referring_organisation == partner_abu.organisation and ticket.consent_share_with_partner

    page.get_by_role("link", name="Terug naar de doorverwijzingen").click()
    row = page.get_by_role("row").filter(has_text=ticket.reference)
    expect(row).to_contain_text("Anoniem solliciteren invoeren")
    expect(row).to_contain_text("Nieuw")
    assert_accessible(page)

    # (b) An advisor finds it in the queue, claims it and answers with a linked menukaart measure.
    page.context.clear_cookies()
    login(page, adviseur)
    page.goto(reverse("helpdesk:queue"))
    assert_accessible(page)
    page.get_by_role("link", name=ticket.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ticket.reference)
    assert_accessible(page)
    page.get_by_role("button", name="Oppakken").click()
    expect(page.get_by_role("status")).to_contain_text("Je hebt deze vraag opgepakt.")
    page.get_by_label("Antwoord aan werkgever (wordt gemaild)").check()
    page.get_by_label("Tekst van het antwoord aan de werkgever").fill(
        "Begin met één vacature en haal naam, foto en geboortedatum uit de eerste ronde."
    )
    page.get_by_label(re.compile("^Anoniem solliciteren")).check()  # suggested for this question
    page.get_by_label("Ja, stuur dit antwoord naar Uitzendbureau Zuid.").check()
    page.get_by_role("button", name="Antwoord versturen naar de werkgever").click()
    expect(page.get_by_role("status")).to_contain_text("Het antwoord is verstuurd naar de werkgever.")
    assert_accessible(page)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.ANSWERED and ticket.assigned_to == adviseur

    # (c) The employer opens the private link from the e-mail, reads the answer with the measure
    # card and says in one click that it helped.
    token = follow_token_in_mail_to("sanne@zuid.example")
    page.context.clear_cookies()
    page.goto(reverse("helpdesk:follow", args=[token]))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Je vraag {ticket.reference}")
    expect(page.get_by_text("Begin met één vacature")).to_be_visible()
    card = page.locator(".card").filter(has=page.get_by_role("link", name="Anoniem solliciteren"))
    expect(card).to_contain_text("Haal naam en foto weg uit de eerste selectieronde.")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, dit hielp").click()
    expect(page.get_by_role("status")).to_contain_text("Dank je wel voor je feedback.")
    expect(page.locator("#feedback")).to_contain_text("Je gaf aan dat het antwoord hielp.")
    assert_accessible(page)
    assert Feedback.objects.get(ticket=ticket).helpful is True


def fill_question(page) -> None:
    page.get_by_label("Onderwerp", exact=True).fill("Werving van statushouders")
    page.get_by_label("Je vraag", exact=True).fill("Hoe begeleiden wij statushouders goed bij werving en selectie?")
    page.get_by_label("Naam van de organisatie", exact=True).fill("Bouwbedrijf Noord")
    page.get_by_label("Naam contactpersoon", exact=True).fill("Piet de Boer")


def test_ask_form_shows_dutch_errors_then_the_reference(page, measure, private_media):
    page.goto(reverse("helpdesk:ask"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel een vraag aan de helpdesk")
    assert_accessible(page)
    fill_question(page)
    page.get_by_label("E-mailadres", exact=True).fill("piet-at-noord")
    page.get_by_role("button", name="Vraag versturen").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Controleer het formulier")
    expect(summary).to_contain_text("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")
    expect(summary).to_contain_text("Geef toestemming voor het gebruik van je gegevens")
    expect(summary).to_be_focused()  # keyboard and screen-reader users land on what to fix
    expect(page.locator("#id_consent_error")).to_have_count(1)  # shown once at its field, one id
    email = page.get_by_label("E-mailadres", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("Vul een geldig e-mailadres in"))
    expect(email).to_have_value("piet-at-noord")  # nothing typed is lost
    expect(page.get_by_label("Je vraag", exact=True)).to_have_value(
        "Hoe begeleiden wij statushouders goed bij werving en selectie?"
    )
    assert_accessible(page)
    summary.get_by_role("link", name=re.compile("E-mailadres")).click()
    expect(email).to_be_focused()
    assert not Ticket.objects.exists()

    email.fill("piet@noord.example")
    page.get_by_label(re.compile("Ik geef SER Diversiteit in Bedrijf toestemming")).check()
    page.get_by_role("button", name="Vraag versturen").click()

    ticket = Ticket.objects.get()
    expect(page.get_by_role("status")).to_contain_text(f"Je vraag is ontvangen onder nummer {ticket.reference}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Je vraag {ticket.reference}")
    assert_accessible(page)


@pytest.fixture
def page_without_javascript(browser, live_server):
    context = browser.new_context(locale="nl-NL", base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(5_000)
    foreign = []

    def only_live_server(route):
        url = route.request.url
        if url == live_server.url or url.startswith(live_server.url + "/"):
            route.continue_()
        else:
            foreign.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", only_live_server)
    yield context.new_page()
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"


def test_ask_form_with_suggestions_works_without_javascript(page_without_javascript, measure, private_media):
    page = page_without_javascript
    page.goto(reverse("helpdesk:ask"))
    fill_question(page)
    page.get_by_label("Je vraag", exact=True).fill("Hoe voeren wij anoniem solliciteren in?")
    page.get_by_role("button", name="Bekijk suggesties").click()
    suggestions = page.get_by_role("region", name="Suggesties uit de menukaart")
    expect(suggestions.get_by_role("link", name="Anoniem solliciteren")).to_be_visible()
    expect(page.get_by_label("Naam contactpersoon", exact=True)).to_have_value("Piet de Boer")

    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een e-mailadres in, zodat we je kunnen antwoorden.")
    page.get_by_label("E-mailadres", exact=True).fill("piet@noord.example")
    page.get_by_label(re.compile("Ik geef SER Diversiteit in Bedrijf toestemming")).check()
    page.get_by_role("button", name="Vraag versturen").click()
    ticket = Ticket.objects.get()
    expect(page.get_by_role("status")).to_contain_text(ticket.reference)
    assert ticket.contact_email == "piet@noord.example"


@pytest.mark.parametrize(("role", "link"), [("adviseur", "Vragen"), ("partner_abu", "Doorverwijzingen")])
def test_role_links_in_the_menu_fit_a_narrow_screen(page, request, role, link):
    """WCAG 1.4.10 with the longest menus: the role links wrap instead of scrolling sideways."""
    login(page, request.getfixturevalue(role))
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reverse("core:home"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name=link, exact=True).click()
    expect(menu.get_by_role("link", name=link, exact=True)).to_have_attribute("aria-current", "page")
    page.wait_for_load_state("load")  # the stylesheet applies before we measure
    # The page does not scroll sideways; the wide table scrolls in its own box, reachable by keyboard.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    expect(page.locator(".table-scroll")).to_have_attribute("tabindex", "0")
    assert_accessible(page)


def test_werkgever_asks_logged_in_and_follows_it_under_mijn_vragen(page, werkgever, private_media):
    login(page, werkgever)
    page.goto(reverse("helpdesk:ask"))
    expect(page.get_by_label("E-mailadres", exact=True)).to_have_value(werkgever.email)  # from the account
    expect(page.get_by_label("Naam contactpersoon", exact=True)).to_have_value(werkgever.get_full_name())
    assert_accessible(page)
    page.get_by_label("Onderwerp", exact=True).fill("Stageplekken voor iedereen")
    page.get_by_label("Je vraag", exact=True).fill("Hoe zorgen wij dat stageplekken eerlijk worden verdeeld?")
    page.get_by_label("Naam van de organisatie", exact=True).fill("Drukkerij West")
    page.get_by_label(re.compile("Ik geef SER Diversiteit in Bedrijf toestemming")).check()
    page.get_by_role("button", name="Vraag versturen").click()
    ticket = Ticket.objects.get()
    assert ticket.requester_user == werkgever

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn vragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn vragen")
    row = page.get_by_role("row").filter(has_text=ticket.reference)
    expect(row).to_contain_text("Stageplekken voor iedereen")
    expect(row).to_contain_text("Nieuw")
    assert_accessible(page)
    row.get_by_role("link", name=ticket.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Je vraag {ticket.reference}")
    expect(page.get_by_role("link", name="Terug naar mijn vragen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Je reactie").fill("Het gaat om zes plekken per jaar.")
    page.get_by_role("button", name="Reactie versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Je reactie is verstuurd.")
    expect(page.get_by_text("Het gaat om zes plekken per jaar.")).to_be_visible()


def submit_question_with_visit(page, visit: str) -> None:
    """Fill and send the question form as it was rendered for form visit `visit` (a second post of
    the same form, as a double click or a browser's retry sends it)."""
    page.goto(reverse("helpdesk:ask"))
    page.locator("input[name=form_visit]").evaluate("(input, visit) => { input.value = visit; }", visit)
    fill_question(page)
    page.get_by_label("E-mailadres", exact=True).fill("piet@noord.example")
    page.get_by_label(re.compile("Ik geef SER Diversiteit in Bedrijf toestemming")).check()
    page.get_by_role("button", name="Vraag versturen").click()


def test_the_same_question_form_sent_twice_is_one_question(page, new_page, private_media):
    page.goto(reverse("helpdesk:ask"))
    visit = page.locator("input[name=form_visit]").input_value()
    submit_question_with_visit(page, visit)
    ticket = Ticket.objects.get()
    expect(page.get_by_role("status")).to_contain_text(ticket.reference)
    sent = len(mail.outbox)
    # The same browser sends the same form again: the same confirmation, nothing new.
    submit_question_with_visit(page, visit)
    expect(page.get_by_role("status")).to_contain_text(ticket.reference)
    expect(page.get_by_role("heading", level=1)).to_contain_text(ticket.reference)
    assert Ticket.objects.count() == 1 and len(mail.outbox) == sent
    # Another browser replaying the form learns only that it arrived.
    other = new_page()
    submit_question_with_visit(other, visit)
    expect(other.get_by_role("heading", level=1)).to_have_text("Je vraag is al ontvangen")
    expect(other.get_by_role("main")).not_to_contain_text(ticket.reference)
    assert_accessible(other)
    assert Ticket.objects.count() == 1 and len(mail.outbox) == sent
