"""The editors' workspace in Beheer, in a real browser at 1280 and 375 pixels: the start page and
every change form editors use pass axe-core with unique ids and labelled controls; list fields
are edited as rows (with and without JavaScript); a published measure's edit waits for review."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from menukaart import revisions
from menukaart.models import MeasureRevision, Status
from tests.browser.helpers import assert_accessible, assert_unique_ids_and_labels, login
from tests.communities.factories import EventFactory, NetworkFactory, RoleModelFactory
from tests.helpdesk.factories import StandardAnswerFactory
from tests.menukaart.factories import ExampleFactory, InitiativeFactory, MaterialFactory, MeasureFactory, SourceFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def content(db):
    measure = MeasureFactory(title="Mentoring", steps=["Eerst", "Dan"])
    material = MaterialFactory()
    return {
        "measure": measure,
        "material": material,
        "example": ExampleFactory(measures=[measure]),
        "initiative": InitiativeFactory(),
        "source": SourceFactory(key="bron-x"),
        "answer": StandardAnswerFactory(),
        "role_model": RoleModelFactory(),
        "network": NetworkFactory(),
        "event": EventFactory(),
    }


def check(page) -> None:
    assert_accessible(page)
    assert_unique_ids_and_labels(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_beheer_pages_editors_use_are_accessible(page, contentbeheerder, content, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, contentbeheerder)
    page.goto(reverse("admin:index"))
    expect(page.get_by_role("heading", name="Wat aandacht nodig heeft")).to_be_visible()
    check(page)
    urls = [
        reverse("admin:menukaart_measure_change", args=[content["measure"].pk]),
        reverse("admin:menukaart_measure_add"),
        reverse("admin:menukaart_material_change", args=[content["material"].pk]),
        reverse("admin:menukaart_example_change", args=[content["example"].pk]),
        reverse("admin:menukaart_initiative_change", args=[content["initiative"].pk]),
        reverse("admin:menukaart_source_change", args=[content["source"].pk]),
        reverse("admin:helpdesk_standardanswer_change", args=[content["answer"].pk]),
        reverse("admin:menukaart_measure_changelist"),
        # What editors run from Beheer since the doe-netwerken, reach and impact work landed.
        reverse("admin:communities_rolemodel_change", args=[content["role_model"].pk]),
        reverse("admin:communities_network_change", args=[content["network"].pk]),
        reverse("admin:communities_event_change", args=[content["event"].pk]),
        reverse("admin:reach_shortlink_add"),
        reverse("admin:impact_agreement_add"),
    ]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        check(page)


def test_list_rows_are_added_reordered_and_removed_with_javascript(page, contentbeheerder, content):
    measure = MeasureFactory(title="Concept", status=Status.CONCEPT, published_at=None, steps=["Eerst", "Dan"])
    login(page, contentbeheerder)
    page.goto(reverse("admin:menukaart_measure_change", args=[measure.pk]))
    steps = page.locator(".field-steps")
    steps.get_by_role("button", name="Omlaag").first.click()  # "Eerst" moves below "Dan"
    steps.get_by_label("Stap 3", exact=True).fill("Nieuwe stap")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    measure.refresh_from_db()
    assert measure.steps == ["Dan", "Eerst", "Nieuwe stap"]


def test_list_rows_without_javascript(new_page, contentbeheerder, content):
    measure = MeasureFactory(title="Concept", status=Status.CONCEPT, published_at=None, tips=["Een", "Twee"])
    page = new_page(java_script_enabled=False)
    login(page, contentbeheerder)
    page.goto(reverse("admin:menukaart_measure_change", args=[measure.pk]))
    tips = page.locator(".field-tips")
    tips.get_by_label("Tip 1", exact=True).fill("")  # remove
    tips.get_by_label("Volgorde van tip 2").fill("9")
    tips.get_by_label("Tip 3", exact=True).fill("Drie")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    measure.refresh_from_db()
    assert measure.tips == ["Drie", "Twee"]


def test_published_measure_edit_becomes_a_revision_another_editor_publishes(page, contentbeheerder, superuser, content):
    measure = content["measure"]
    login(page, contentbeheerder)
    page.goto(reverse("admin:menukaart_measure_change", args=[measure.pk]))
    page.get_by_label("Samenvatting in één zin").fill("Een nieuwe samenvatting.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("Je wijzigingen staan klaar als revisie.")).to_be_visible()
    check(page)
    measure.refresh_from_db()
    assert measure.summary != "Een nieuwe samenvatting."
    revision = MeasureRevision.objects.get()
    page.context.clear_cookies()
    login(page, superuser)
    page.goto(reverse("admin:menukaart_measurerevision_review", args=[revision.pk]))
    expect(page.get_by_role("cell", name="Een nieuwe samenvatting.")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("De revisie is gepubliceerd")).to_be_visible()
    measure.refresh_from_db()
    assert measure.summary == "Een nieuwe samenvatting."
    assert revisions.has_open_revision(measure) is None
