"""The measures suggested for a question on the advisor's ticket page, kept in the cache.

The suggestions rank the whole catalogue against the question's text (menukaart.search.
suggest_measures): on a catalogue of 5,000 measures that was most of the ticket page's time, and
the same answer for every view of the same question. So the answer (the measures' ids, in order,
when there are any) is kept in the cache per question text for an hour, together with the
catalogue version it was computed on (menukaart.catalogue_version, renewed whenever the catalogue
changes), and an answer of an older version is computed again. The measures themselves are read
fresh (published ones only) on every view. When the cache cannot be reached the suggestions are
computed as before.
"""

import hashlib
import logging

from django.core.cache import cache

from core.ratelimit import CACHE_ERRORS
from menukaart.catalogue_version import VERSION_KEY, current_version
from menukaart.models import Measure
from menukaart.search import suggest_measures

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3600


def suggested_measures(text: str, *, limit: int = 5) -> list[Measure]:
    """suggest_measures(text, limit), from the cache when the catalogue has not changed since."""
    key = f"helpdesk:measure-suggestions:{limit}:{hashlib.sha256(text.encode()).hexdigest()}"
    try:
        kept = cache.get_many([VERSION_KEY, key])  # one round trip for both
    except CACHE_ERRORS:
        return suggest_measures(text, limit=limit)
    version, (kept_version, ids) = kept.get(VERSION_KEY), kept.get(key, (None, None))
    if version is None or kept_version != version or not ids:
        measures = suggest_measures(text, limit=limit)
        # Not kept when there are none: finding nothing is quick, and the page then always asks one
        # query here, kept or not.
        if measures:
            _keep(key, version, [measure.pk for measure in measures])
        return measures
    found = Measure.objects.published().only("slug", "title", "summary", "status").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _keep(key: str, version: int | None, ids: list[int]) -> None:
    try:
        if version is None:
            version = current_version()
            if version is None:
                return
        cache.set(key, (version, ids), TIMEOUT_SECONDS)
    except CACHE_ERRORS:
        log.warning("measure suggestions not kept: the cache is unavailable")
