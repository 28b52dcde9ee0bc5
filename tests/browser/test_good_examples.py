"""Good examples in the browser: an employer sends one in, an editor publishes it, it shows on its
measure's page. Every new page is checked with axe."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from communities.models import RoleModelStatus
from menukaart.models import ExampleStatus
from tests.browser.helpers import assert_accessible, login
from tests.communities.factories import RoleModelFactory, published_role_model
from tests.menukaart.factories import ExampleFactory, MeasureFactory, ThemeFactory

pytestmark = pytest.mark.browser


def test_employer_sends_in_an_example_an_editor_publishes_it_and_it_shows_on_its_measure(
    page, new_page, werkgever, contentbeheerder
):
    theme = ThemeFactory(name="Behoud")
    measure = MeasureFactory(title="Zet buddy's in")
    measure.themes.set([theme])
    MeasureFactory(title="Start een mentorprogramma")

    # The employer: the list offers to share one; the form explains moderation and shows the hashtag.
    login(page, werkgever)
    page.goto(reverse("menukaart:example_list"))
    assert_accessible(page)
    page.get_by_role("link", name="Deel je eigen voorbeeld").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deel je goede voorbeeld")
    expect(page.locator("#hashtag-text")).to_have_text("#WerkagendaVIA")
    assert_accessible(page)

    # A first try without measures: the summary says what to fix, nothing typed is lost.
    page.get_by_label("Titel").fill("Een buddy voor elke nieuwe collega")
    page.get_by_label("Sector").select_option(label="Bouwnijverheid")
    page.get_by_label("50 tot 250 medewerkers").check()
    page.get_by_label("Wat heeft je organisatie gedaan?").fill(
        "Elke nieuwe collega krijgt een buddy uit een ander team."
    )
    page.get_by_label("Wat heeft het opgeleverd?").fill("Elf van de twaalf nieuwe collega's bleven.")
    page.get_by_role("button", name="Voorbeeld insturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies minstens één maatregel.")
    expect(page.get_by_label("Titel")).to_have_value("Een buddy voor elke nieuwe collega")
    assert_accessible(page)
    page.get_by_label("Zet buddy's in").check()
    page.get_by_role("button", name="Voorbeeld insturen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn voorbeelden en reacties")
    expect(page.get_by_text("Ingestuurd, wacht op moderatie")).to_be_visible()
    assert_accessible(page)

    # Meanwhile a visitor does not see it on the measure's page.
    visitor = new_page()
    visitor.goto(measure.get_absolute_url())
    expect(visitor.get_by_text("Een buddy voor elke nieuwe collega")).to_have_count(0)

    # The editor publishes it from the moderation page.
    editor = new_page()
    login(editor, contentbeheerder)
    editor.goto(reverse("communities:moderation"))
    expect(editor.get_by_role("heading", name="Een buddy voor elke nieuwe collega")).to_be_visible()
    assert_accessible(editor)
    editor.get_by_role("button", name=re.compile(r"^Publiceren\s*: Een buddy voor elke nieuwe collega$")).click()
    expect(editor.get_by_text("Gepubliceerd: Een buddy voor elke nieuwe collega")).to_be_visible()

    # Now it is on the measure's page, and its own page takes reactions.
    visitor.goto(measure.get_absolute_url())
    visitor.get_by_role("link", name="Een buddy voor elke nieuwe collega").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Een buddy voor elke nieuwe collega")
    expect(visitor.get_by_role("link", name="Log in om te reageren")).to_be_visible()
    assert_accessible(visitor)


def test_reaction_and_role_model_pages_are_accessible(page, new_page, werkgever):
    example = ExampleFactory(title="Mentoring bij de bank", status=ExampleStatus.PUBLISHED)
    login(page, werkgever)
    page.goto(reverse("communities:example_react", args=[example.slug]))
    assert_accessible(page)
    page.get_by_label("Vraag").check()
    page.get_by_role("button", name="Reactie insturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit veld is verplicht.")
    assert_accessible(page)
    page.get_by_label("Je reactie").fill("Hoeveel uur per maand kost het een mentor?")
    page.get_by_role("button", name="Reactie insturen").click()
    expect(page.get_by_text("wacht op moderatie; alleen jij ziet dit")).to_be_visible()

    role_model = published_role_model(name="Nadia El Idrissi")
    visitor = new_page()
    visitor.goto(reverse("communities:index"))
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Maak kennis met de rolmodellen").click()
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Nadia El Idrissi").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Nadia El Idrissi")
    assert_accessible(visitor)
    assert role_model.status == RoleModelStatus.PUBLISHED


def test_the_private_consent_page_is_accessible_and_withdrawal_takes_effect(page, contentbeheerder):
    from communities import consent

    role_model = RoleModelFactory(name="Martijn Hoekstra")
    token = consent.request_consent(role_model=role_model, by=contentbeheerder)
    page.goto(reverse("communities:role_model_consent", args=[token]))
    expect(page.locator(".consent-text")).to_contain_text("Naam: Martijn Hoekstra")
    assert_accessible(page)
    page.get_by_role("button", name="Ik geef toestemming om deze tekst te publiceren").click()
    expect(page.get_by_text("Je toestemming is vastgelegd")).to_be_visible()
    consent.publish_role_model(role_model=role_model, by=contentbeheerder)
    page.get_by_role("button", name="Trek mijn toestemming in").click()
    expect(page.get_by_text("Je profiel staat niet meer op het portaal.")).to_be_visible()
    assert_accessible(page)
    page.goto(role_model.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Martijn Hoekstra")
