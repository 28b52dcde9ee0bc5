"""The catalogue's facet counts from masks of measure ids, kept per catalogue version.

Counting the catalogue's eight facets in SQL grouped every match by level, theme, step, size,
effort, cost, evidence and material kind: on a large catalogue that was most of a catalogue page's time
(docs/search.md, Speed). Which measure has which facet value changes only when the catalogue is
edited, so it is kept: per facet value a mask, a Python int with bit n set for the measure with id n
(about 600 bytes per value at 5,000 measures). A page then needs only the ids of its matches (one
cheap query); its counts are a few AND and bit-count operations.

The masks are kept in each process's memory together with the catalogue version they were built
on (menukaart.catalogue_version); the version is in the shared cache, so a change is seen by every
process at once. When the cache cannot be reached, the masks are built again for every request:
slower, never out of date.
"""

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from core.ratelimit import CACHE_ERRORS
from menukaart.catalogue_version import current_version
from menukaart.facets import TOTAL

log = logging.getLogger(__name__)


def mask_of(ids: Iterable[int]) -> int:
    """The mask with the bit of every id set."""
    ids = list(ids)
    if not ids:
        return 0
    bits = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        bits[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(bits, "little")


@dataclass(frozen=True)
class FacetMasks:
    """Per facet, per value (as the facet counts name it), the mask of the measures with it."""

    masks: Mapping[str, Mapping[str, int]]

    def either(self, facet: str, values: Iterable[str]) -> int:
        """The measures with any of these values of one facet."""
        mask = 0
        for value in values:
            mask |= self.masks[facet].get(value, 0)
        return mask

    def counts(self, matched: int, chosen: Mapping[str, Iterable[str]]) -> dict[str, dict[str, int]]:
        """{facet: {value: count}} and {TOTAL: {TOTAL: count}} for the `matched` measures.

        `chosen`: per facet with a choice, the values chosen (they combine with OR). A facet's
        counts are over the matches that pass every *other* chosen facet (disjunctive facets), the
        total over those that pass all of them.
        """
        passing = {facet: self.either(facet, values) for facet, values in chosen.items()}
        counts: dict[str, dict[str, int]] = {}
        for facet, values in self.masks.items():
            within = matched
            for other, mask in passing.items():
                if other != facet:
                    within &= mask
            counts[facet] = {value: count for value, mask in values.items() if (count := (within & mask).bit_count())}
        total = matched
        for mask in passing.values():
            total &= mask
        counts[TOTAL] = {TOTAL: total.bit_count()}
        return counts


_kept: dict[str, tuple[int, FacetMasks]] = {}  # this process's masks: name -> (version, masks)


def kept_masks(name: str, build: Callable[[], FacetMasks]) -> FacetMasks:
    """`build()`'s masks, built again only when the catalogue has changed since (see above)."""
    try:
        version = current_version()
    except CACHE_ERRORS:
        log.warning("facet masks built for this request: the cache is unavailable")
        return build()
    held = _kept.get(name)
    if held is not None and held[0] == version:
        return held[1]
    masks = build()
    if version is not None:
        _kept[name] = (version, masks)
    return masks
