"""The catalogue's version: a number in the shared cache that changes whenever the catalogue does.

What is worked out from the catalogue and kept (the catalogue's facet masks, menukaart.facet_masks;
the measures suggested for a helpdesk question, helpdesk.measure_suggestions) is kept with the
version it was worked out on, and worked out again once that is no longer the current version. The
receivers in menukaart.signals call `catalogue_changed` when a measure or a material is saved or
deleted, a level, theme or step is deleted, or a measure's levels, themes, steps, materials or
tags change; `reindex_search` calls it too. A version lasts an hour at most, so that what was kept
through a change the cache did not hear of (it was away) is not kept for long.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

from core.ratelimit import CACHE_ERRORS

VERSION_KEY = "menukaart:catalogue-version"
TIMEOUT_SECONDS = 3600
log = logging.getLogger(__name__)


def current_version() -> int | None:
    """The current version, started when there is none (None only if the cache drops it at once).
    Raises one of CACHE_ERRORS when the cache cannot be reached."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=TIMEOUT_SECONDS)
        version = cache.get(VERSION_KEY)
    return version


def catalogue_changed() -> None:
    """Start a new version: now (for this transaction's own pages) and after the commit (for everyone
    else's: a page built in between may have kept the old catalogue)."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    try:
        cache.set(VERSION_KEY, time.time_ns(), timeout=TIMEOUT_SECONDS)  # never a version used before
    except CACHE_ERRORS:
        log.warning("catalogue version not renewed: the cache is unavailable")
