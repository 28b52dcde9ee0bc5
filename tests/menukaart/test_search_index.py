"""The search index (sitesearch) stays current, whichever way a measure or its relations change."""

import pytest
from django.db import connection
from django.urls import reverse

from menukaart.models import Measure, Status
from menukaart.services import change_status
from tests.menukaart.factories import MeasureFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return list(Measure.objects.matching(text).values_list("slug", flat=True))


def test_gin_index_exists():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'sitesearch_doc_vector_gin'")
        (definition,) = cursor.fetchone()
    assert "gin (vector)" in definition


def test_title_change_is_searchable_at_once():
    measure = MeasureFactory(slug="m", title="Mentorprogramma")
    measure.title = "Reverse mentoring"
    measure.save()
    assert found("reverse") == ["m"]
    assert found("mentorprogramma") == []


def test_tags_levels_and_themes_are_searchable():
    measure = MeasureFactory(slug="m")
    measure.tags.add("zwangerschap")
    assert found("zwangerschap") == ["m"]
    theme = ThemeFactory(slug="taal", name="Taalbeleid")
    measure.themes.add(theme)
    assert found("taalbeleid") == ["m"]
    measure.tags.remove("zwangerschap")
    assert found("zwangerschap") == []


def test_steps_and_tips_are_searchable_with_lower_weight_than_the_title():
    MeasureFactory(slug="in-titel", title="Vlootschouw houden")
    MeasureFactory(slug="in-stap", title="Talentgesprekken", steps=["Plan eerst een vlootschouw."])
    assert sorted(found("vlootschouw")) == ["in-stap", "in-titel"]
    ranked = list(Measure.objects.matching("vlootschouw").order_by("-score").values_list("slug", flat=True))
    assert ranked == ["in-titel", "in-stap"]


def test_editor_saving_in_the_admin_updates_the_index_once_published(client, contentbeheerder, superuser):
    """A concept is saved directly but has no place in the index until it is published (a published
    measure's edit waits for review: see below)."""
    measure = MeasureFactory(slug="m", title="Oude titel", status=Status.CONCEPT, published_at=None)
    client.force_login(contentbeheerder)
    data = {
        "title": "Nieuwe titel",
        "slug": "m",
        "summary": measure.summary,
        "why_it_works": measure.why_it_works,
        "steps": ["Begin klein."],
        "evidence": str(measure.evidence),
        "sources": [source.pk for source in measure.sources.all()],
        "levels": [level.pk for level in measure.levels.all()],
        "themes": [theme.pk for theme in measure.themes.all()],
        "size": measure.size,
        "tags": "uitstroom",
        "effort": measure.effort,
        "cost": measure.cost,
    }
    response = client.post(reverse("admin:menukaart_measure_change", args=[measure.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert found("uitstroom") == []  # a concept is never searchable
    measure.refresh_from_db()
    change_status(item=measure, to_status=Status.REVIEW, by=contentbeheerder)
    change_status(item=measure, to_status=Status.PUBLISHED, by=superuser)
    assert found("uitstroom") == ["m"]
    assert found("nieuwe titel") == ["m"]


def test_publishing_a_revision_updates_the_index(contentbeheerder, superuser):
    from menukaart import revisions

    measure = MeasureFactory(slug="p", title="Oude titel")
    revision = revisions.save_revision(
        measure=measure, data={"title": "Vlootschouw", "tags": ["uitstroom"]}, changed=["title"], by=contentbeheerder
    )
    assert found("vlootschouw") == []
    revisions.publish_revision(revision=revision, by=superuser)
    assert found("vlootschouw") == ["p"]
    assert found("uitstroom") == ["p"]
