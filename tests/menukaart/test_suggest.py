"""menukaart.search.suggest_measures: the public search function other apps (the helpdesk) call."""

import pytest
from django.db import connection

from menukaart.models import Measure, Status
from menukaart.search import suggest_measures


@pytest.fixture
def content(shared_catalogue, db):
    pass


@pytest.mark.parametrize(
    ("question", "expected_slug"),
    [
        ("Hoe krijg ik de ondernemingsraad mee?", "werk-samen-met-de-ondernemingsraad"),
        ("Wij willen onze leidinggevenden inclusiever selecteren", "selecteer-inclusieve-leidinggevenden"),
        ("Wat vraag je in een exitgesprek?", "vraag-naar-inclusie-in-exitgesprekken"),
        ("Onze vertrouwenspersoon is ook HR-adviseur, is dat een probleem?", None),
    ],
)
def test_suggestions_for_helpdesk_questions(content, question, expected_slug):
    suggestions = suggest_measures(question)
    assert 0 < len(suggestions) <= 5
    assert all(isinstance(measure, Measure) and measure.is_published for measure in suggestions)
    if expected_slug:
        assert expected_slug in [measure.slug for measure in suggestions[:3]]


def test_limit_and_order_are_stable(content):
    five = suggest_measures("diversiteit inclusie medewerkers", limit=5)
    two = suggest_measures("diversiteit inclusie medewerkers", limit=2)
    assert len(five) == 5
    assert two == five[:2]
    assert suggest_measures("diversiteit", limit=0) == []


def test_only_published_measures(content):
    measure = Measure.objects.get(slug="werk-samen-met-de-ondernemingsraad")
    Measure.objects.filter(pk=measure.pk).update(status=Status.CONCEPT)
    assert measure not in suggest_measures("ondernemingsraad", limit=50)


@pytest.mark.parametrize(
    "text", ["", "   ", "de het een", "?!", "\x00ondernemingsraad", '"-" OR -', "a" * 5000, "ondernemingsraad " * 200]
)
def test_odd_text_never_raises(content, text):
    suggestions = suggest_measures(text)
    assert isinstance(suggestions, list) and len(suggestions) <= 5


def test_four_queries(content, django_assert_num_queries):
    """Synonyms, term frequencies and the document count (to weigh the words), then the measures."""
    with django_assert_num_queries(4):
        suggest_measures("Hoe krijg ik de ondernemingsraad mee?")


def test_fallback_without_postgresql(content, monkeypatch):
    """The SQLite path (development): any longer word in title or summary, most matching words first."""
    monkeypatch.setattr(connection, "vendor", "sqlite")
    suggestions = suggest_measures("Hoe werken we samen met de ondernemingsraad?")
    assert suggestions[0].slug == "werk-samen-met-de-ondernemingsraad"
    assert suggest_measures("de en op") == []
