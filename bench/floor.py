"""The floor: what Django itself costs for each key page that `make bench` measures.

One bare view per key page, behind the same middleware (the portal's MIDDLEWARE), logged in the
same way (the same session; the helpdesk floors check the same permission with Django's own
decorators), that fetches the rows the page lists with plain ORM queries (select_related and
prefetch_related as a Django developer would write them) and renders them with a minimal template
(bench/templates/floor/: no base layout, no menu, no forms, no includes, no translations, no
context processors). What a floor leaves out is what the real page adds on top of its rows:
counters and facet counts, forms and filter panels, the navigation and layout, usage and audit
records. The ratio ours / floor in docs/benchmarks.md is what those additions cost.

The floor returns the same rows as the real page for the URLs bench/run.py asks; it is not a
general implementation of the page's query string (it reads only the parameters the benchmark uses).

These views exist only under bench/settings.py (ROOT_URLCONF bench.urls), never in production.
"""

from pathlib import Path

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template import Context, Engine
from django.urls import path
from django.views.decorators.http import require_GET

from helpdesk.models import OPEN_STATUSES, AuditEvent, Message, Ticket
from menukaart.models import Example, Initiative, Material, Measure, Status
from menukaart.models.content import MeasureQuerySet

CATALOGUE_PAGE_SIZE = 12  # as menukaart.views.catalogue
QUEUE_PAGE_SIZE = 50  # as helpdesk.views.staff
QUEUE_COUNT_CAP = 1000
API_PAGE_SIZE = 50  # as reach.api.Pagination

# The catalogue's term filters: query parameter -> (through table's term column, relation).
TERM_FILTERS = {"niveau": "level", "thema": "theme", "stap": "phase"}
# Direct field filters: query parameter -> field.
FIELD_FILTERS = {"inspanning": "effort", "kosten": "cost", "bewijs": "evidence"}
# The queue's sort keys (helpdesk.filters.QueueFilter) -> field.
QUEUE_SORT = {"termijn": "due_date", "ontvangen": "created_at", "prioriteit": "priority", "nummer": "reference"}


# Django's template engine with only the floor's templates (cached loader, built-in tags and filters).
ENGINE = Engine(dirs=[Path(__file__).resolve().parent / "templates"])


def _page(template: str, context: dict) -> HttpResponse:
    # No request: no context processors, no CSRF token; the floor's own minimal template.
    return HttpResponse(ENGINE.get_template(f"floor/{template}").render(Context(context)))


def _catalogue_rows(params):
    measures = Measure.objects.filter(status=Status.PUBLISHED)
    through = {"level": Measure.levels.through, "theme": Measure.themes.through, "phase": Measure.phases.through}
    for param, term in TERM_FILTERS.items():
        if slugs := params.getlist(param):
            rows = through[term].objects.filter(**{f"{term}__slug__in": slugs}).values("measure_id")
            measures = measures.filter(pk__in=rows)
    for param, field in FIELD_FILTERS.items():
        if values := params.getlist(param):
            measures = measures.filter(**{f"{field}__in": values})
    if sizes := params.getlist("omvang"):
        measures = measures.filter(size__in=[*sizes, "beide"])
    text = params.get("q", "").strip()
    if text:
        # Which measures match and in what order is the search's definition (the portal's search
        # index, best first): the floor asks the same question, only without the page around it.
        return measures.matching(text)
    return measures.order_by("title")


@require_GET
def catalogue(request):
    measures = (
        _catalogue_rows(request.GET).only(*MeasureQuerySet.CARD_FIELDS).prefetch_related("levels", "themes", "phases")
    )
    page = Paginator(measures, CATALOGUE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return _page("catalogue.html", {"page": page})


@require_GET
def measure_detail(request, slug):
    measure = get_object_or_404(
        Measure.objects.filter(status=Status.PUBLISHED)
        .prefetch_related(
            "levels",
            "themes",
            "phases",
            "tags",
            "sources",
            Prefetch("related", queryset=Measure.objects.filter(status=Status.PUBLISHED).only("slug", "title")),
            Prefetch("materials", queryset=Material.objects.filter(status=Status.PUBLISHED)),
            Prefetch("initiatives", queryset=Initiative.objects.filter(status=Status.PUBLISHED)),
            Prefetch("examples", queryset=Example.objects.filter(status=Status.PUBLISHED).only("slug", "title")),
        ),
        slug=slug,
    )
    return _page("measure.html", {"measure": measure})


def _slugs(items) -> list[str]:
    return [item.slug for item in items]


def _choice(measure, name):
    return {"code": getattr(measure, name), "label": str(getattr(measure, f"get_{name}_display")())}


@require_GET
def api_measures(request):
    """The open-data measure list as plain JsonResponse: the same fields, no REST framework."""
    measures = (
        _catalogue_rows(request.GET)
        .prefetch_related(
            "levels",
            "themes",
            "phases",
            "sources",
            Prefetch("materials", queryset=Material.objects.filter(status=Status.PUBLISHED).only("slug")),
            Prefetch("initiatives", queryset=Initiative.objects.filter(status=Status.PUBLISHED).only("slug")),
        )
    )
    page = Paginator(measures, API_PAGE_SIZE).get_page(request.GET.get("pagina"))
    base = "http://testserver"
    results = [
        {
            "slug": m.slug,
            "url": base + m.get_absolute_url(),
            "title": m.title,
            "summary": m.summary,
            "why_it_works": m.why_it_works,
            "evidence": _choice(m, "evidence"),
            "evidence_note": m.evidence_note,
            "backfire_warning": m.backfire_warning,
            "levels": _slugs(m.levels.all()),
            "themes": _slugs(m.themes.all()),
            "phases": _slugs(m.phases.all()),
            "size": _choice(m, "size"),
            "effort": _choice(m, "effort"),
            "cost": _choice(m, "cost"),
            "lead_time": m.lead_time,
            "works_council": m.works_council,
            "works_council_note": m.works_council_note,
            "privacy_note": m.privacy_note,
            "steps": m.steps,
            "tips": m.tips,
            "pitfalls": m.pitfalls,
            "sources": [{"citation": s.citation, "year": s.year, "url": s.url} for s in m.sources.all()],
            "materials": _slugs(m.materials.all()),
            "initiatives": _slugs(m.initiatives.all()),
            "published_at": m.published_at,
            "updated_at": m.updated_at,
        }
        for m in page.object_list
    ]
    return JsonResponse({"count": page.paginator.count, "results": results})


def _queue_rows(request):
    params = request.GET
    tickets = Ticket.objects.all()
    status = params.get("status", "open")
    tickets = tickets.filter(status__in=OPEN_STATUSES) if status == "open" else tickets.filter(status=status)
    if channel := params.get("channel"):
        tickets = tickets.filter(channel=channel)
    if params.get("unassigned") == "true":
        tickets = tickets.filter(assigned_to__isnull=True)
    if text := params.get("q", "").strip():
        tickets = tickets.filter(
            Q(subject__icontains=text) | Q(employer_name__icontains=text) | Q(question__icontains=text)
        )
    sort = params.get("sort", "")
    field = QUEUE_SORT.get(sort.lstrip("-"))
    return (
        tickets.order_by(f"-{field}" if sort.startswith("-") else field)
        if field
        else tickets.order_by("due_date", "created_at")
    )


@login_required
@permission_required("helpdesk.work_queue", raise_exception=True)
@require_GET
def queue(request):
    tickets = _queue_rows(request)
    rows = list(
        tickets.select_related("assigned_to", "referring_organisation").prefetch_related("themes")[
            : QUEUE_PAGE_SIZE + 1
        ]
    )
    # The list's own count ("n vragen gevonden"), capped as on the real page.
    count = tickets.order_by()[: QUEUE_COUNT_CAP + 1].count()
    return _page(
        "queue.html",
        {
            "tickets": rows[:QUEUE_PAGE_SIZE],
            "has_next": len(rows) > QUEUE_PAGE_SIZE,
            "count": min(count, QUEUE_COUNT_CAP),
        },
    )


@login_required
@permission_required("helpdesk.work_queue", raise_exception=True)
@require_GET
def ticket_detail(request, reference):
    ticket = get_object_or_404(
        Ticket.objects.select_related(
            "assigned_to", "referring_organisation", "referred_by", "outcome"
        ).prefetch_related("themes"),
        reference=reference,
    )
    thread = (
        Message.objects.filter(ticket=ticket)
        .select_related("author")
        .prefetch_related(
            "attachments", Prefetch("measures", queryset=Measure.objects.only("slug", "title", "summary"))
        )
        .order_by("created_at", "pk")
    )
    audit = AuditEvent.objects.filter(ticket=ticket).order_by("-created_at")[:30]
    return _page("ticket.html", {"ticket": ticket, "thread": thread, "audit_events": audit})


def report_floor(periods) -> dict:
    """The report's floor: every row the report counts, read once. One grouped count per table
    over the trend's whole span (tickets, their themes, messages and linked measures, feedback,
    reopen events, usage events), in the half-years of the trend. What the report adds on top is
    reading the same rows per figure, with the figures' own conditions and groupings."""
    start, end = periods[0].start, periods[-1].end
    half_year = (
        "date_trunc('year', {col})"
        " + CASE WHEN extract(month FROM {col}) > 6 THEN interval '6 months' ELSE interval '0' END"
    )
    tables = [
        ("helpdesk_ticket t", "t.created_at", "t.merged_into_id IS NULL"),
        (
            "helpdesk_ticket_themes tt JOIN helpdesk_ticket t ON t.id = tt.ticket_id",
            "t.created_at",
            "t.merged_into_id IS NULL",
        ),
        ("helpdesk_message m", "m.created_at", "TRUE"),
        (
            "helpdesk_message_measures mm JOIN helpdesk_message m ON m.id = mm.message_id",
            "m.created_at",
            "TRUE",
        ),
        ("helpdesk_feedback f", "f.created_at", "TRUE"),
        ("helpdesk_auditevent a", "a.created_at", "a.action = 'status'"),
        ("menukaart_usageevent e", "e.hour", "TRUE"),
    ]
    counts = {}
    with connection.cursor() as cursor:
        for table, column, condition in tables:
            bucket = half_year.format(col=column)
            cursor.execute(
                f"SELECT {bucket} AS half, count(*) FROM {table} "  # noqa: S608 (fixed names, no input)
                f"WHERE {column} >= %s AND {column} < %s + interval '1 day' AND {condition} GROUP BY half",
                [start, end],
            )
            counts[table.split()[0]] = sum(n for _half, n in cursor.fetchall())
    return counts


urlpatterns = [
    path("menukaart/", catalogue, name="floor_catalogue"),
    path("menukaart/maatregel/<slug:slug>/", measure_detail, name="floor_measure"),
    path("api/maatregelen/", api_measures, name="floor_api_measures"),
    path("helpdesk/wachtrij/", queue, name="floor_queue"),
    path("helpdesk/wachtrij/<str:reference>/", ticket_detail, name="floor_ticket"),
]
