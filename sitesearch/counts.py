"""The number of indexed documents, which every search needs for its terms' weights: cached until
the index gains or loses a document (sitesearch.indexing forgets it)."""

from django.core.cache import cache
from django.db import transaction

from sitesearch.models import SearchDocument

DOCUMENT_COUNT_KEY = "sitesearch:document-count"


def total_documents() -> int:
    return int(cache.get_or_set(DOCUMENT_COUNT_KEY, SearchDocument.objects.count, timeout=600) or 0)


def forget_document_count() -> None:
    # Now, for this transaction's own searches, and after the commit, for everyone else's.
    cache.delete(DOCUMENT_COUNT_KEY)
    transaction.on_commit(lambda: cache.delete(DOCUMENT_COUNT_KEY))
