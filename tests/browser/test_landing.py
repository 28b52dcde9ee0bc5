"""The landing pages (per sector, size and partner) and the newsletter sign-up are accessible and reflow at
320 px."""

import pytest
from playwright.sync_api import expect

from reach.models import LandingKind, LandingPage
from tests.browser.helpers import assert_accessible
from tests.communities.factories import NetworkFactory
from tests.menukaart.factories import ExampleFactory, MeasureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/voor/", "/voor/partner/abu/", "/voor/sector/bouw/", "/voor/mkb/", "/nieuwsbrief/"])
def test_landing_pages_are_accessible(page, abu, path):
    MeasureFactory(title="Een vaste vragenlijst voor elk sollicitatiegesprek")
    ExampleFactory(title="Bouwbedrijf werkt met buddy's", sector="F", size_band="50-249")
    NetworkFactory(name="Denktank uitzendbranche", host_organisation=abu)
    LandingPage.objects.create(
        kind=LandingKind.PARTNER, organisation=abu, intro="Welkom.", contact_intro="Bel ons.", contact_phone="030 1"
    )
    page.goto(path)
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
