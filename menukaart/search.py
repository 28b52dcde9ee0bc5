"""The stored full-text search vector of measures (PostgreSQL) and query normalisation.

Weights: title A, one-line summary B, everything else C (why it works, evidence note, steps, tips,
pitfalls, backfire warning, tags, level and theme names). Text search configuration `dutch`.
"""

import contextlib
import functools
import operator
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

from menukaart.models import Measure

MAX_QUERY_LENGTH = 200
_SPACES = re.compile(r"\s+")
# Inside refresh_search_vectors_once(): the ids to refresh when the block ends.
_pending: ContextVar[set[int] | None] = ContextVar("menukaart_pending_search_refresh", default=None)


def normalise_query(text: str) -> str:
    """The form in which a search is stored as a signal: lower case, single spaces, at most 200 characters."""
    return _SPACES.sub(" ", text).strip().lower()[:MAX_QUERY_LENGTH]


def _body_text(measure: Measure) -> str:
    parts = [measure.why_it_works, measure.evidence_note, measure.backfire_warning]
    parts += [str(item) for item in (*measure.steps, *measure.tips, *measure.pitfalls)]
    parts += [tag.name.replace("-", " ") for tag in measure.tags.all()]
    parts += [term.name for term in (*measure.levels.all(), *measure.themes.all())]
    return "\n".join(part for part in parts if part)


def refresh_search_vectors(measure_ids: Iterable[int]) -> None:
    """Recompute the stored search vector of the given measures. A no-op on SQLite.

    Called after a measure or its tags, levels or themes change (menukaart.signals) and by the loader.
    One read for all measures, then one UPDATE per measure.
    """
    ids = list(measure_ids)
    if connection.vendor != "postgresql" or not ids:
        return
    pending = _pending.get()
    if pending is not None:
        pending.update(ids)
        return
    measures = Measure.objects.filter(pk__in=ids).defer("search_vector")
    measures = measures.prefetch_related("tags", "levels", "themes")  # type: ignore[misc]  # taggit has no types
    for measure in measures:
        vector = (
            SearchVector(Value(measure.title), weight="A", config="dutch")
            + SearchVector(Value(measure.summary), weight="B", config="dutch")
            + SearchVector(Value(_body_text(measure)), weight="C", config="dutch")
        )
        Measure.objects.filter(pk=measure.pk).update(search_vector=vector)


@contextlib.contextmanager
def refresh_search_vectors_once() -> Iterator[None]:
    """Collect refreshes (from signals during a bulk load) and do each measure once, at the end."""
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    # Only reached without an exception: a failed load is rolled back and needs no refresh.
    refresh_search_vectors(pending)


# For suggestions from free text (a helpdesk question, say): words shorter than this are mostly
# function words, and on SQLite they would match almost everything.
_SUGGEST_MIN_WORD = 4
_WORD = re.compile(r"\w+")


def suggest_measures(text: str, limit: int = 5) -> list[Measure]:
    """Published measures that best answer a free text, best first; for other apps (the helpdesk).

    PostgreSQL: the catalogue's Dutch full-text search (stemmed, weighted; measures with all words
    first, then by rank). SQLite (development only): measures whose title or summary contains any
    word of at least four letters, those with most matching words first. Empty or unusable text
    gives []. Never raises on odd input; at most `limit` measures, at most the first 200 characters
    of the text are used.
    """
    text = normalise_query(text.replace("\x00", " "))
    if not text or limit <= 0:
        return []
    measures = Measure.objects.published().defer("search_vector")
    if connection.vendor == "postgresql":
        words = " ".join(_WORD.findall(text))  # no websearch operators from a question
        if not words:
            return []
        matches = measures.matching(words)
        # all_words and rank are annotated by matching(); the type checker cannot follow.
        return list(matches.order_by("-all_words", "-rank", "title")[:limit])  # type: ignore[misc]
    long_words = sorted({word for word in _WORD.findall(text) if len(word) >= _SUGGEST_MIN_WORD})
    if not long_words:
        return []
    hits = [Q(title__icontains=word) | Q(summary__icontains=word) for word in long_words]
    score = sum(
        (Case(When(hit, then=Value(1)), default=Value(0), output_field=IntegerField()) for hit in hits),
        start=Value(0, output_field=IntegerField()),
    )
    return list(
        measures.filter(functools.reduce(operator.or_, hits)).annotate(score=score).order_by("-score", "title")[:limit]
    )
