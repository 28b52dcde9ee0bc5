"""Staff workspaces in a real browser: advisor (mijn werk, ticket page with one composer) and partner
(overview, referral form, referral detail), at 1280 and 375 pixels wide, with axe-core and a check
that every id is unique and every form control has a label."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.models import OutboxMessage
from helpdesk.models import Message, MessageKind, TicketStatus
from tests.browser.helpers import (
    assert_accessible,
    assert_no_sideways_scroll,
    assert_unique_ids_and_labels,
    login,
)
from tests.helpdesk.factories import (
    MeasureFactory,
    OutcomeFactory,
    ReferralFactory,
    StandardAnswerFactory,
    TicketFactory,
)

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def workload(adviseur, partner_abu):
    MeasureFactory(title="Anoniem solliciteren", summary="Naam en foto weg uit de eerste selectieronde.")
    OutcomeFactory(name="Advies gegeven")
    StandardAnswerFactory(title="Charter", body="Beste {contactpersoon}, ons antwoord volgt vóór {termijn}.")
    ticket = ReferralFactory(
        subject="Anoniem solliciteren invoeren",
        question="Hoe voeren wij anoniem solliciteren in?",
        employer_name="Uitzendbureau Zuid",
        referring_organisation=partner_abu.organisation,
        referred_by=partner_abu,
        assigned_to=adviseur,
        status=TicketStatus.IN_PROGRESS,
    )
    TicketFactory(assigned_to=adviseur, status=TicketStatus.WAITING)
    return ticket


def check(page) -> None:
    assert_accessible(page)
    assert_unique_ids_and_labels(page)
    assert_no_sideways_scroll(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_advisor_workspace_at_each_width(page, adviseur, workload, private_media, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, adviseur)
    page.goto(reverse("helpdesk:my_work"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")
    expect(page.get_by_role("heading", name="Sneltoetsen")).to_be_visible()
    check(page)
    page.get_by_role("link", name=workload.reference).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(workload.reference)
    check(page)
    main = page.locator(".workspace-main").bounding_box()
    side = page.locator(".workspace-side").bounding_box()
    if width >= 1024:
        assert side["x"] > main["x"] + main["width"] - 1, "two columns on a wide screen"
    else:
        assert side["y"] > main["y"], "one column on a narrow screen"
    # The audit trail is folded away; the composer starts as an internal note.
    expect(page.locator("details.audit-trail")).not_to_have_attribute("open", "")
    expect(page.get_by_role("button", name="Notitie opslaan (intern, niet versturen)")).to_be_visible()
    expect(page.get_by_role("button", name="Antwoord versturen naar de werkgever")).to_be_hidden()
    page.get_by_label("Antwoord aan werkgever (wordt gemaild)").check()
    expect(page.get_by_role("button", name="Notitie opslaan (intern, niet versturen)")).to_be_hidden()
    expect(page.get_by_role("button", name="Antwoord versturen naar de werkgever")).to_be_visible()
    # The measure suggested for this question's text is at the top of the picker, shown as a card.
    expect(page.locator(".measure-picker .picker-card").first).to_contain_text("Anoniem solliciteren")
    check(page)
    # A standard answer goes into the text with its placeholders filled (JavaScript, no reload).
    page.get_by_label("Zoek een standaardantwoord").fill("charter")
    page.get_by_role("button", name="Invoegen in de tekst").click()
    expect(page.get_by_label("Tekst van het antwoord aan de werkgever")).to_have_value(
        re.compile(rf"^Beste {workload.contact_name}, ons antwoord volgt vóór \d+ \w+ \d{{4}}\.$")
    )


def test_the_internal_note_is_never_sent_without_javascript(new_page, adviseur, workload, private_media):
    page = new_page(java_script_enabled=False)
    login(page, adviseur)
    page.goto(reverse("helpdesk:ticket_detail", args=[workload.reference]))
    page.get_by_label("Tekst van de interne notitie").fill("Intern: eerst met collega overleggen.")
    page.get_by_role("button", name="Notitie opslaan (intern, niet versturen)").click()
    expect(page.get_by_role("status")).to_contain_text("De interne notitie is opgeslagen (niet verstuurd).")
    note = Message.objects.get(ticket=workload)
    assert note.kind == MessageKind.NOTE
    assert not OutboxMessage.objects.filter(to=workload.contact_email).exists()
    # Switch to "answer" but forget the tick: nothing goes out, the text stays.
    page.get_by_label("Antwoord aan werkgever (wordt gemaild)").check()
    page.get_by_label("Tekst van het antwoord aan de werkgever").fill("Ons advies volgt hierbij.")
    page.get_by_role("button", name="Antwoord versturen naar de werkgever").click()
    expect(page.get_by_role("alert")).to_contain_text("Er is nog niets verstuurd.")
    expect(page.get_by_label("Tekst van het antwoord aan de werkgever")).to_have_value("Ons advies volgt hierbij.")
    assert not OutboxMessage.objects.filter(to=workload.contact_email).exists()
    assert Message.objects.filter(ticket=workload).count() == 1


def test_queue_shortcuts_move_through_the_list(page, adviseur, workload):
    login(page, adviseur)
    page.goto(reverse("helpdesk:queue"))
    page.locator("body").press("j")
    expect(page.locator("[data-ticket-list] tbody a").first).to_be_focused()
    page.get_by_label("Sneltoetsen aan").uncheck()
    page.locator("h1").click()
    page.keyboard.press("j")
    expect(page.locator("[data-ticket-list] tbody a").first).not_to_be_focused()


@pytest.mark.parametrize("width", WIDTHS)
def test_partner_workspace_at_each_width(page, partner_abu, workload, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, partner_abu)
    page.goto(reverse("helpdesk:referral_list"))
    expect(page.get_by_role("heading", name="Wat er aankomt")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Doorverwijzen", exact=True).click()
    expect(page.get_by_text("Wat de werkgever krijgt")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Doorverwijzen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul het e-mailadres of het telefoonnummer van de werkgever in.")
    check(page)
    page.goto(reverse("helpdesk:referral_detail", args=[workload.reference]))
    expect(page.get_by_text("Reactie uiterlijk")).to_be_visible()
    check(page)
