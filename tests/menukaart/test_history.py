"""Measure history (django-simple-history) follows level, theme and step changes from either side."""

import pytest

from menukaart.models import Measure
from tests.menukaart.factories import LevelFactory, MeasureFactory, PhaseFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def recorded_themes(measure: Measure) -> set[str]:
    latest = measure.history.latest("history_id")
    return {row.theme.slug for row in latest.themes.all()}


def test_adding_from_the_theme_side_is_recorded_on_the_measure():
    measure = MeasureFactory(themes=[ThemeFactory(slug="behoud")])
    before = measure.history.count()
    theme = ThemeFactory(slug="doorstroom")
    theme.measures.add(measure)  # failed with "'Theme' object has no attribute 'history'" before
    assert measure.history.count() == before + 1
    assert measure.history.latest("history_id").history_type == "~"
    assert recorded_themes(measure) == {"behoud", "doorstroom"}
    theme.measures.remove(measure)
    assert recorded_themes(measure) == {"behoud"}


def test_clearing_from_the_theme_side_records_every_measure_it_touched():
    theme = ThemeFactory(slug="behoud")
    first, second = MeasureFactory(themes=[theme, ThemeFactory(slug="werving")]), MeasureFactory(themes=[theme])
    untouched = MeasureFactory(themes=[ThemeFactory(slug="werving")])
    untouched_before = untouched.history.count()
    theme.measures.clear()
    assert recorded_themes(first) == {"werving"}
    assert recorded_themes(second) == set()
    assert untouched.history.count() == untouched_before


def test_levels_and_steps_from_their_side_too():
    measure = MeasureFactory()
    level, phase = LevelFactory(slug="team"), PhaseFactory(slug="borging")
    level.measures.add(measure)
    phase.measures.set([measure])
    latest = measure.history.latest("history_id")
    assert "team" in {row.level.slug for row in latest.levels.all()}
    assert {row.phase.slug for row in latest.phases.all()} == {"borging"}


def test_changes_from_the_measure_side_are_recorded_as_before():
    measure = MeasureFactory(themes=[ThemeFactory(slug="behoud")])
    measure.themes.add(ThemeFactory(slug="doorstroom"))
    assert recorded_themes(measure) == {"behoud", "doorstroom"}


def test_search_index_follows_a_clear_from_the_theme_side():
    theme = ThemeFactory(slug="taal", name="Taalbeleid")
    MeasureFactory(slug="m", themes=[theme])
    assert list(Measure.objects.matching("taalbeleid").values_list("slug", flat=True)) == ["m"]
    theme.measures.clear()
    assert list(Measure.objects.matching("taalbeleid").values_list("slug", flat=True)) == []
