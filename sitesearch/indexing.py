"""Keeping the search index current: one SearchDocument per public item, and the vocabulary.

Each kind of item registers a `Source`: how to load its public rows and what title, summary, body
and themes a row has. `reindex(kind, ids)` brings those rows' documents up to date: public rows get
a document, rows that are not public (or no longer exist) lose theirs. Signals call it after every
save (sitesearch.signals); `manage.py reindex_search` rebuilds everything. Inside `batched()`
(the content loader) the work is collected and done once at the end.
"""

import contextlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Prefetch, QuerySet, Value
from django.utils import timezone, translation
from django.utils.formats import date_format

from sitesearch.analysis import analyse, padded, words
from sitesearch.counts import forget_document_count
from sitesearch.models import Kind, SearchDocument, SearchTerm


@dataclass
class Source:
    """How one kind of item becomes documents. `public` returns the publicly visible rows, ready to read."""

    kind: str
    public: Callable[[], QuerySet]
    # Each is given one row of `public()` (a model instance of this kind).
    title: Callable[[Any], str]
    summary: Callable[[Any], str]
    body: Callable[[Any], str]
    theme_ids: Callable[[Any], Iterable[int]] = field(default=lambda obj: ())
    published_at: Callable[[Any], datetime | None] = field(default=lambda obj: getattr(obj, "published_at", None))
    is_measure: bool = False


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.kind] = source


_pending: ContextVar[dict[str, set[int]] | None] = ContextVar("sitesearch_pending", default=None)


@contextlib.contextmanager
def batched() -> Iterator[None]:
    """Collect reindexing (from signals during a bulk load) and do each item once, when the block ends."""
    pending: dict[str, set[int]] = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for kind, ids in pending.items():
        reindex(kind, ids)


def reindex(kind: str, ids: Iterable[int]) -> None:
    """Bring the documents of these items up to date (create, update or delete). Runs in the caller's transaction."""
    ids = set(ids)
    if not ids or kind not in SOURCES:
        return
    pending = _pending.get()
    if pending is not None:
        pending.setdefault(kind, set()).update(ids)
        return
    _reindex(SOURCES[kind], ids)


def reindex_all() -> int:
    """Rebuild the whole index and vocabulary from the public items; returns the number of documents."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        forget_document_count()
        for source in SOURCES.values():
            ids = source.public().values_list("pk", flat=True)
            for start in range(0, len(ids), 500):
                _reindex(source, set(ids[start : start + 500]))
    return SearchDocument.objects.count()


@transaction.atomic
def _reindex(source: Source, ids: set[int]) -> None:
    existing = {
        doc.object_id: doc
        for doc in SearchDocument.objects.filter(kind=source.kind, object_id__in=ids).only(
            "pk", "object_id", "title_terms", "summary_terms", "body_terms"
        )
    }
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for doc in existing.values():
        counts.subtract(_doc_terms(doc))
    public = {obj.pk: obj for obj in source.public().filter(pk__in=ids)}
    gone = [doc.pk for object_id, doc in existing.items() if object_id not in public]
    if gone:
        SearchDocument.objects.filter(pk__in=gone).delete()
    if gone or public.keys() - existing.keys():
        forget_document_count()
    for obj in public.values():
        doc = existing.get(obj.pk) or SearchDocument(kind=source.kind, object_id=obj.pk)
        title, summary, body = source.title(obj), source.summary(obj), source.body(obj)
        title_terms, summary_terms, body_terms = analyse(title), analyse(summary), analyse(body)
        doc.title, doc.summary, doc.url = title[:300], summary, obj.get_absolute_url()
        doc.published_at = source.published_at(obj)
        doc.measure_id = obj.pk if source.is_measure else None
        doc.title_terms, doc.summary_terms, doc.body_terms = (
            padded(title_terms),
            padded(summary_terms),
            padded(body_terms),
        )
        doc.save()
        doc.themes.set(list(source.theme_ids(obj)))
        counts.update(_doc_terms(doc))
        _remember_words(surface, f"{title}\n{summary}\n{body}")
        if connection.vendor == "postgresql":
            SearchDocument.objects.filter(pk=doc.pk).update(
                vector=SearchVector(Value(doc.title_terms), weight="A", config="simple")
                + SearchVector(Value(doc.summary_terms), weight="B", config="simple")
                + SearchVector(Value(doc.body_terms), weight="C", config="simple")
            )
    _apply_counts(counts, surface)


def _doc_terms(doc: SearchDocument) -> set[str]:
    return set(f"{doc.title_terms} {doc.summary_terms} {doc.body_terms}".split())


def _remember_words(surface: dict[str, str], text: str) -> None:
    """For each term, one readable word it came from (the first seen), for "bedoelde je"."""
    for word in words(text):
        if "-" in word or len(word) < 3:
            continue
        for term in analyse(word)[:1]:
            surface.setdefault(term, word)


def _apply_counts(counts: Counter[str], surface: dict[str, str]) -> None:
    changed = {term: delta for term, delta in counts.items() if delta}
    if not changed:
        return
    rows = {row.term: row for row in SearchTerm.objects.filter(term__in=list(changed))}
    new = []
    for term, delta in changed.items():
        if term in rows:
            rows[term].document_count = max(0, rows[term].document_count + delta)
        elif delta > 0 and len(term) <= 100:
            new.append(SearchTerm(term=term, word=surface.get(term, term)[:100], document_count=delta))
    SearchTerm.objects.bulk_update(rows.values(), ["document_count"], batch_size=500)
    SearchTerm.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    SearchTerm.objects.filter(document_count=0).delete()


# --- the menukaart's kinds ---------------------------------------------------------------------------


def register_menukaart() -> None:
    """Called from SitesearchConfig.ready()."""
    from menukaart.models import Example, Initiative, Material, Measure, Theme

    def measure_body(measure) -> str:
        parts = [measure.why_it_works, measure.evidence_note, measure.backfire_warning, measure.works_council_note]
        parts += [str(item) for item in (*measure.steps, *measure.tips, *measure.pitfalls)]
        parts += [tag.name.replace("-", " ") for tag in measure.tags.all()]
        parts += [term.name for term in (*measure.levels.all(), *measure.themes.all(), *measure.phases.all())]
        return "\n".join(part for part in parts if part)

    register(
        Source(
            kind=Kind.MEASURE,
            public=lambda: Measure.objects.published().prefetch_related(  # type: ignore[misc]  # taggit has no types
                "tags", "levels", "themes", "phases"
            ),
            title=lambda m: m.title,
            summary=lambda m: m.summary,
            body=measure_body,
            theme_ids=lambda m: [theme.pk for theme in m.themes.all()],
            is_measure=True,
        )
    )
    published_measures = Measure.objects.published().only("pk").prefetch_related("themes")

    def themes_of_measures(obj) -> set[int]:
        return {theme.pk for measure in obj.measures.all() for theme in measure.themes.all()}

    register(
        Source(
            kind=Kind.MATERIAL,
            public=lambda: Material.objects.published().prefetch_related(
                Prefetch("measures", queryset=published_measures)
            ),
            title=lambda m: m.title,
            summary=lambda m: m.summary,
            body=lambda m: "\n".join([m.get_kind_display(), m.provider, m.audience]),
            theme_ids=themes_of_measures,
        )
    )
    register(
        Source(
            kind=Kind.INITIATIVE,
            public=lambda: Initiative.objects.published().prefetch_related(
                Prefetch("measures", queryset=published_measures)
            ),
            title=lambda i: i.name,
            summary=lambda i: i.summary,
            body=lambda i: i.organiser,
            theme_ids=themes_of_measures,
        )
    )
    register(
        Source(
            kind=Kind.EXAMPLE,
            public=lambda: Example.objects.published().prefetch_related(
                Prefetch("themes", queryset=Theme.objects.all())
            ),
            title=lambda e: e.title,
            summary=lambda e: e.what_they_did[:300],
            body=lambda e: "\n".join([e.organisation, e.get_sector_display(), e.what_they_did, e.what_it_brought]),
            theme_ids=lambda e: [theme.pk for theme in e.themes.all()],
        )
    )


# --- the doe-netwerken's kinds -----------------------------------------------------------------------


def register_communities() -> None:
    """Listed networks (with their published lessons) and the public meetings of listed networks.

    Called from SitesearchConfig.ready(). Members-only content (unlisted networks, meetings that are
    not announced publicly, unpublished lessons, the discussion, resources) is never indexed.
    Public dates (communities.Event) are not indexed: they have no page of their own and the public
    calendar shows only the coming ones.
    """
    from communities.models import Lesson, Meeting, Network

    published_lessons = Lesson.objects.published().only("pk", "network_id", "meeting_id", "title", "body")

    def lesson_text(lessons) -> list[str]:
        return [f"{lesson.title}\n{lesson.body}" for lesson in lessons]

    def network_body(network) -> str:
        parts = [network.description, network.sector_focus, network.get_region_display()]
        parts.append(network.host_organisation.name)
        parts += lesson_text(network.lessons.all())
        return "\n".join(part for part in parts if part)

    register(
        Source(
            kind=Kind.NETWORK,
            public=lambda: (
                Network.objects.listed()
                .select_related("host_organisation")
                .prefetch_related("themes", Prefetch("lessons", queryset=published_lessons))
            ),
            title=lambda n: n.name,
            summary=lambda n: n.summary,
            body=network_body,
            theme_ids=lambda n: [theme.pk for theme in n.themes.all()],
            published_at=lambda n: n.created_at,
        )
    )

    def meeting_summary(meeting) -> str:
        # Indexed text is Dutch whatever the language of the request that saved the meeting.
        with translation.override(settings.LANGUAGE_CODE):
            when = date_format(timezone.localtime(meeting.starts_at), "j F Y")
        parts = [when, meeting.network.name, meeting.location]
        return " · ".join(part for part in parts if part)

    def meeting_body(meeting) -> str:
        parts = [meeting.agenda, *lesson_text(meeting.lessons.all())]
        return "\n".join(part for part in parts if part)

    register(
        Source(
            kind=Kind.MEETING,
            public=lambda: (
                Meeting.objects.public()
                .filter(cancelled_at__isnull=True)
                .select_related("network")
                .prefetch_related("network__themes", Prefetch("lessons", queryset=published_lessons))
            ),
            title=lambda m: m.title,
            summary=meeting_summary,
            body=meeting_body,
            theme_ids=lambda m: [theme.pk for theme in m.network.themes.all()],
            published_at=lambda m: m.created_at,
        )
    )
