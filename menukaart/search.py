"""The menukaart's side of the portal search: query normalisation and suggestions for other apps.

Measures are indexed by the `sitesearch` app (one SearchDocument per published measure, with Dutch
analysis done in Python); `Measure.objects.matching()` joins to it. See docs/search.md.
"""

import re

from menukaart.models import Measure, MeasureQuerySet
from sitesearch.query import MAX_QUERY_LENGTH, highlight, parse

__all__ = ["MAX_QUERY_LENGTH", "normalise_query", "suggest_measures"]

_SPACES = re.compile(r"\s+")


def normalise_query(text: str) -> str:
    """The form in which a search is stored as a signal: lower case, single spaces, at most 200 characters."""
    return _SPACES.sub(" ", text).strip().lower()[:MAX_QUERY_LENGTH]


def suggest_measures(text: str, limit: int = 5) -> list[Measure]:
    """Published measures that best answer a free text (a helpdesk question, say), best first.

    Ranked as a question (docs/search.md): by how much of the text's meaningful terms a measure
    covers, rare terms and title/summary matches counting most; synonyms apply. Each measure gets
    `highlighted_summary`: its summary with the matched words in <mark>. Empty or unusable text
    gives []; never raises on odd input; at most the first 200 characters of the text are used.
    A constant number of queries (four).
    """
    text = normalise_query(text.replace("\x00", " "))
    if not text or limit <= 0:
        return []
    parsed = parse(text)
    if not parsed:
        return []
    parsed.text += "?"  # always ranked as a question
    measures = list(Measure.objects.published().only(*MeasureQuerySet.CARD_FIELDS).matching_parsed(parsed)[:limit])
    terms = parsed.terms
    for measure in measures:
        measure.highlighted_summary = highlight(measure.summary, terms)
    return measures
