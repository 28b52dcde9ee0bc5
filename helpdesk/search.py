"""Menukaart measures that match a question's text, to suggest before the question is sent.

PostgreSQL: full-text search with the Dutch configuration (stemming, stop words), any of the
question's words may match, ranked. SQLite (local development): a simple word match.
The lead may later point this at the menukaart's own search.
"""

import re

from django.db import connection
from django.db.models import Q, QuerySet

from menukaart.models import Measure

MIN_WORD_LENGTH = 4
MAX_WORDS = 30


def _words(text: str) -> list[str]:
    words = [w.lower() for w in re.findall(r"\w+", text or "") if len(w) >= MIN_WORD_LENGTH]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def suggest_measures(text: str, *, limit: int = 5) -> QuerySet[Measure] | list[Measure]:
    words = _words(text)
    if not words:
        return []
    published = Measure.objects.published()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="dutch")
            + SearchVector("summary", weight="B", config="dutch")
            + SearchVector("why_it_works", weight="C", config="dutch")
        )
        query = SearchQuery(words[0], config="dutch")
        for word in words[1:]:
            query |= SearchQuery(word, config="dutch")
        return list(
            published.annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0)
            .order_by("-rank", "title")
            .only("slug", "title", "summary")[:limit]
        )
    condition = Q()
    for word in words:
        condition |= Q(title__icontains=word) | Q(summary__icontains=word) | Q(why_it_works__icontains=word)
    return list(published.filter(condition).order_by("title").only("slug", "title", "summary")[:limit])
