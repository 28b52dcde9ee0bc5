"""The number of indexed documents, which every search needs for its terms' weights: cached until
the index gains or loses a document (sitesearch.indexing forgets it). Without the cache (Redis
away) it is counted each time; a count that could not be forgotten is at most ten minutes old,
which only shifts the weights a little."""

import logging

from django.core.cache import cache
from django.db import transaction

from core.ratelimit import CACHE_ERRORS
from sitesearch.models import SearchDocument

DOCUMENT_COUNT_KEY = "sitesearch:document-count"
TIMEOUT_SECONDS = 600
log = logging.getLogger(__name__)


def total_documents() -> int:
    try:
        return int(cache.get_or_set(DOCUMENT_COUNT_KEY, SearchDocument.objects.count, TIMEOUT_SECONDS) or 0)
    except CACHE_ERRORS:
        return SearchDocument.objects.count()


def forget_document_count() -> None:
    # Now, for this transaction's own searches, and after the commit, for everyone else's.
    _forget()
    transaction.on_commit(_forget)


def _forget() -> None:
    try:
        cache.delete(DOCUMENT_COUNT_KEY)
    except CACHE_ERRORS:
        log.warning("search document count not renewed: the cache is unavailable")
