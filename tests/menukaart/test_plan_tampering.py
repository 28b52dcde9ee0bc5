"""Issue 7, findings 7 and 11 on Mijn menukaart: odd `next` values, tampered plan forms and
shared-plan tokens stored only as hashes."""

import pytest
from django.test import Client
from django.urls import reverse

from menukaart.models import Plan
from tests.menukaart.factories import MeasureFactory

pytestmark = pytest.mark.django_db
PLAN = reverse("menukaart:plan")


@pytest.fixture
def measure():
    return MeasureFactory(slug="buddyprogramma")


@pytest.mark.parametrize("next_value", ["ja", "0", "NaN", "off", "-1", "menukaart:plan", "//evil.example/", ""])
def test_add_with_a_bare_word_as_next_goes_back_to_the_measure(client, measure, next_value):
    """`next=ja` reached reverse() and gave a 500 (all 141 server errors of a fuzzing run)."""
    response = client.post(reverse("menukaart:plan_add", args=[measure.slug]), {"next": next_value})
    assert response.status_code == 302
    assert response["Location"] == measure.get_absolute_url()


@pytest.mark.parametrize("next_value", ["ja", "0", "NaN", "off", "-1"])
def test_remove_with_a_bare_word_as_next_goes_to_the_plan(client, measure, next_value):
    client.post(reverse("menukaart:plan_add", args=[measure.slug]))
    response = client.post(reverse("menukaart:plan_remove", args=[measure.slug]), {"next": next_value})
    assert response.status_code == 302
    assert response["Location"] == PLAN


def test_a_path_on_this_site_as_next_is_followed(client, measure):
    response = client.post(reverse("menukaart:plan_add", args=[measure.slug]), {"next": "/menukaart/?thema=werving"})
    assert response["Location"] == "/menukaart/?thema=werving"


def _item_id(client) -> int:
    return client.get(PLAN).context["formset"].forms[0].instance.pk


def _row(index: int, item_id: int, note: str) -> dict:
    return {
        f"items-{index}-id": str(item_id),
        f"items-{index}-position": "1",
        f"items-{index}-owner": "HR",
        f"items-{index}-note": note,
    }


@pytest.fixture
def someone_elses_item_id(measure):
    other = Client()
    other.post(reverse("menukaart:plan_add", args=[MeasureFactory(slug="ander").slug]))
    return _item_id(other)


@pytest.mark.parametrize("shape", ["extra form only", "extra form next to own", "initial form"])
def test_plan_form_with_an_item_not_in_the_plan_says_nothing_was_saved(client, measure, someone_elses_item_id, shape):
    """It said "Je menukaart is opgeslagen" for a row that was silently skipped."""
    client.post(reverse("menukaart:plan_add", args=[measure.slug]))
    own_id = _item_id(client)
    if shape == "extra form only":
        data = {"items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", **_row(0, someone_elses_item_id, "vreemd")}
    elif shape == "extra form next to own":
        data = {
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "1",
            **_row(0, own_id, "eigen notitie"),
            **_row(1, someone_elses_item_id, "vreemd"),
        }
    else:
        data = {"items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "1", **_row(0, someone_elses_item_id, "vreemd")}
    response = client.post(PLAN, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is niets opgeslagen" in html
    assert "Je menukaart is opgeslagen" not in html
    assert not Plan.objects.filter(items__note__in=["vreemd", "eigen notitie"]).exists()


def test_share_tokens_are_stored_only_as_a_hash_and_the_link_is_shown_once(client, measure):
    client.post(reverse("menukaart:plan_add", args=[measure.slug]))
    client.post(reverse("menukaart:plan_share"))
    share_url = client.get(PLAN).context["share_url"]
    token = share_url.rstrip("/").rsplit("/", 1)[-1]
    plan = Plan.objects.get()
    assert plan.share_token_hash == Plan.hash_token(token) != token
    assert not Plan.objects.filter(share_token_hash=token).exists()
    assert not hasattr(plan, "share_token")
    assert Client().get(share_url).status_code == 200
    # Shown once: the next visit says a link exists and offers a new one.
    page = client.get(PLAN)
    assert page.context["share_url"] == ""
    assert "Die laten we maar één keer zien" in page.content.decode()
    assert token not in page.content.decode()
