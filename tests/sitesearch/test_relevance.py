"""The relevance set (sitesearch/data/relevance.yaml) on the real content: the figures may not drop.

The floors are the figures reached on 30 November 2026 (docs/search.md), on PostgreSQL; the same
figures were reached on SQLite. Raise them when the search gets better; never lower them to make a
change pass.
"""

import pytest

from sitesearch.relevance import evaluate, load_set, report

SHORT_HITS_AT_3 = 74  # of 75
QUESTION_HITS_AT_5 = 33  # of 33
SHORT_PRECISION_AT_3 = 0.40
QUESTION_PRECISION_AT_5 = 0.28


def test_the_set_is_big_enough():
    data = load_set()
    assert len(data["short"]) >= 60
    assert len(data["questions"]) >= 30
    assert all(item["fits"] for item in [*data["short"], *data["questions"]])


@pytest.mark.django_db
def test_relevance_does_not_fall_below_the_measured_figures(shared_catalogue, db):
    figures = evaluate()
    summary = report(figures)
    assert figures.short_hit3 >= SHORT_HITS_AT_3, summary
    assert figures.short_hit_rate >= 0.90, summary
    assert figures.question_hit5 >= QUESTION_HITS_AT_5, summary
    assert figures.question_hit_rate >= 0.85, summary
    assert figures.short_precision3 >= SHORT_PRECISION_AT_3 - 0.005, summary
    assert figures.question_precision5 >= QUESTION_PRECISION_AT_5 - 0.005, summary
    assert figures.zero_results == [], summary
