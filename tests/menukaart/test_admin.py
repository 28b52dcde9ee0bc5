"""Editing in the admin: workflow actions, the publish permission, history and preview."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from menukaart.models import Measure, Status, UsageEvent
from menukaart.services import InvalidTransition, change_status
from tests.accounts.factories import UserFactory
from tests.menukaart.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def run_action(client, action, *measures):
    return client.post(
        reverse("admin:menukaart_measure_changelist"),
        {"action": action, "_selected_action": [m.pk for m in measures]},
        follow=True,
    )


def test_editor_moves_a_measure_through_review_to_published(client, contentbeheerder):
    measure = MeasureFactory(status=Status.CONCEPT, published_at=None)
    client.force_login(contentbeheerder)

    run_action(client, "send_to_review", measure)
    measure.refresh_from_db()
    assert measure.status == Status.REVIEW

    run_action(client, "publish", measure)
    measure.refresh_from_db()
    assert measure.status == Status.PUBLISHED
    assert measure.published_at is not None


def test_concept_cannot_skip_review(client, contentbeheerder):
    measure = MeasureFactory(status=Status.CONCEPT, published_at=None)
    client.force_login(contentbeheerder)
    response = run_action(client, "publish", measure)
    measure.refresh_from_db()
    assert measure.status == Status.CONCEPT
    assert "Van Concept naar Gepubliceerd kan niet." in response.content.decode()


def test_publish_action_is_not_offered_without_the_publish_permission(client):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label="menukaart", codename__in=["view_measure", "change_measure"])
    )
    MeasureFactory(status=Status.REVIEW)
    client.force_login(editor)
    response = client.get(reverse("admin:menukaart_measure_changelist"))
    actions = [name for name, _label in response.context["action_form"].fields["action"].choices]
    assert "send_to_review" in actions
    assert "publish" not in actions


def test_service_refuses_to_publish_without_permission(werkgever):
    measure = MeasureFactory(status=Status.REVIEW)
    with pytest.raises(PermissionError):
        change_status(item=measure, to_status=Status.PUBLISHED, by=werkgever)
    with pytest.raises(InvalidTransition):
        change_status(item=measure, to_status=Status.REVIEW, by=werkgever)


def test_status_is_read_only_in_the_change_form(client, contentbeheerder):
    measure = MeasureFactory()
    client.force_login(contentbeheerder)
    response = client.get(reverse("admin:menukaart_measure_change", args=[measure.pk]))
    assert response.status_code == 200
    assert "status" not in response.context["adminform"].form.fields


def test_change_history_is_kept_and_shown(client, contentbeheerder):
    measure = MeasureFactory(status=Status.REVIEW)
    client.force_login(contentbeheerder)
    run_action(client, "publish", measure)
    assert measure.history.count() >= 2
    response = client.get(reverse("admin:menukaart_measure_history", args=[measure.pk]))
    assert response.status_code == 200
    assert "Status: Gepubliceerd" in response.content.decode()


def test_changelist_with_filters_and_search(client, contentbeheerder):
    MeasureFactory(title="Anoniem solliciteren")
    client.force_login(contentbeheerder)
    response = client.get(reverse("admin:menukaart_measure_changelist"), {"q": "anoniem", "status__exact": "published"})
    assert response.status_code == 200
    assert "Anoniem solliciteren" in response.content.decode()


@pytest.mark.parametrize("status", [Status.CONCEPT, Status.REVIEW])
def test_unpublished_measure_is_not_public(client, werkgever, status):
    measure = MeasureFactory(status=status)
    assert client.get(measure.get_absolute_url()).status_code == 404
    client.force_login(werkgever)
    assert client.get(measure.get_absolute_url()).status_code == 404
    assert measure not in Measure.objects.published()


@pytest.mark.parametrize("role", ["contentbeheerder", "adviseur"])
def test_users_with_view_unpublished_see_a_preview(client, user_with_role, role):
    measure = MeasureFactory(status=Status.CONCEPT, title="Nog in de maak")
    client.force_login(user_with_role(role))
    response = client.get(measure.get_absolute_url())
    assert response.status_code == 200
    assert "Voorbeeld: deze maatregel is nog niet gepubliceerd" in response.content.decode()
    assert not UsageEvent.objects.exists(), "previews are not counted as views"
