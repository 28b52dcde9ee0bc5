"""Public pages of the menukaart: the catalogue, a measure, overviews and the linked content."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from menukaart.filters import ExampleFilter, MaterialFilter, MeasureFilter
from menukaart.models import (
    EVIDENCE_DEFINITIONS,
    Evidence,
    Example,
    ExampleReaction,
    Initiative,
    Level,
    Material,
    Measure,
    Phase,
)
from menukaart.permissions import can_submit_example
from menukaart.services import find_plan, record_material_click, record_measure_view, record_search
from menukaart.views.paging import PAGE_PARAM, page_or_404, ranked_page_or_404

PAGE_SIZE = 12
MATERIAL_SEARCH_PAGE_SIZE = 20  # of the 60 best matches (MaterialFilter.MAX_SEARCH_RESULTS)


def _plan_measure_ids(request) -> set[int]:
    plan = find_plan(user=request.user, session=request.session)
    return set(plan.items.values_list("measure_id", flat=True)) if plan else set()


def _active_filters(request, filterset) -> list[dict]:
    """Each chosen facet value with a link that removes just that value (and goes back to page 1)."""
    chips = []
    for facet in filterset.facet_list:
        for value in facet.values:
            if value.selected:
                params = request.GET.copy()
                params.pop(PAGE_PARAM, None)
                params.setlist(facet.name, [v for v in params.getlist(facet.name) if v != value.value])
                chips.append({"facet": facet.label, "label": value.label, "remove_query": params.urlencode()})
    return chips


@require_GET
def measure_list(request):
    filterset = MeasureFilter(request.GET, queryset=Measure.objects.published().for_catalogue())
    if not filterset.is_valid():
        # Unknown filter values or an overlong query: say what is wrong, show no results, 400.
        return render(request, "menukaart/measure_list.html", {"filter": filterset, "invalid": True}, status=400)

    if filterset.ranks_by_search:
        page = ranked_page_or_404(request, filterset, PAGE_SIZE)
    else:
        page = page_or_404(request, filterset.qs, PAGE_SIZE, count=filterset.count())

    filterset.facet_list = filterset.facets()
    search_text = filterset.search_text
    if search_text and page.number == 1 and PAGE_PARAM not in request.GET:
        record_search(query=search_text, result_count=page.paginator.count)
    reset_search_params = request.GET.copy()
    reset_search_params.pop("q", None)
    reset_search_params.pop(PAGE_PARAM, None)
    return render(
        request,
        "menukaart/measure_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "measures": page.object_list,
            "facets": filterset.facet_list,
            "active_filters": _active_filters(request, filterset),
            "search_text": search_text,
            "without_search_query": reset_search_params.urlencode(),
            "plan_measure_ids": _plan_measure_ids(request),
        },
    )


@require_GET
def measure_detail(request, slug):
    measure = get_object_or_404(Measure.objects.visible_to(request.user).for_detail(), slug=slug)
    if measure.is_published:
        record_measure_view(measure=measure)
    return render(
        request,
        "menukaart/measure_detail.html",
        {
            "measure": measure,
            "is_preview": not measure.is_published,
            "in_plan": measure.pk in _plan_measure_ids(request),
            "back_query": _back_query(request),
            "network_origins": _network_origins(measure),
        },
    )


def _network_origins(measure) -> list:
    """The doe-netwerken whose accepted proposal led to this measure.

    Read through the proposal's own foreign key (its reverse relation `network_proposals`): the
    menukaart imports nothing from the communities app, and shows nothing when it is not installed.
    """
    proposals = getattr(measure, "network_proposals", None)
    if proposals is None:
        return []
    accepted = proposals.filter(status="overgenomen", network__is_listed=True).select_related("network")
    return [proposal.network for proposal in accepted.order_by("reviewed_at")]


BACK_PARAM = "terug"


def _back_query(request) -> str | None:
    """The catalogue's query string the visitor came from ("terug naar resultaten"), re-encoded.

    Only the catalogue's own parameters pass; anything else in it is dropped, so the link can only
    lead back to the catalogue. None when the visitor did not come from the results.
    """
    if BACK_PARAM not in request.GET:
        return None
    allowed = set(MeasureFilter.base_filters) | {"q", "sorteer", PAGE_PARAM}
    kept = QueryDict(mutable=True)
    for key, values in QueryDict(request.GET[BACK_PARAM][:2000]).lists():
        if key in allowed:
            kept.setlist(key, [value[:200] for value in values[:50]])
    return kept.urlencode()


@require_GET
def level_overview(request):
    levels = Level.objects.with_published_measures()
    return render(request, "menukaart/level_overview.html", {"levels": levels})


@require_GET
def phase_overview(request):
    """The five TNO steps as a beginner's route: what each step is and which measures belong to it."""
    phases = Phase.objects.with_published_measures()
    return render(request, "menukaart/phase_overview.html", {"phases": phases})


@require_GET
def evidence_scale(request):
    scale = [
        {"value": level.value, "label": level.label, "definition": EVIDENCE_DEFINITIONS[level]} for level in Evidence
    ]
    return render(request, "menukaart/evidence_scale.html", {"scale": scale})


@require_GET
def material_list(request):
    """All published materials by kind; with ?q= a search (best first); filters ?thema=, ?soort=, ?kosten=."""
    # A material can belong to many measures: only what the card's links need.
    materials = (
        Material.objects.published()
        .order_by("kind", "title")
        .prefetch_related("sources")
        .with_published_measures(only=("pk", "slug", "title"))
    )
    filterset = MaterialFilter(request.GET, queryset=materials)
    if not filterset.is_valid():
        return render(request, "menukaart/material_list.html", {"filter": filterset, "invalid": True}, status=400)
    materials = filterset.qs
    context = {"filter": filterset, "materials": materials, "search_text": filterset.search_text}
    if filterset.search_text:  # the best matches, a page at a time
        page = page_or_404(request, materials, MATERIAL_SEARCH_PAGE_SIZE)
        context |= {"page_obj": page, "materials": page.object_list, "result_count": page.paginator.count}
    else:
        context["result_count"] = len(materials)
    return render(request, "menukaart/material_list.html", context)


@require_GET
def material_link(request, slug):
    """Count a click on a material's link, then send the visitor there.

    Only ever redirects to the address stored on a published material, never to one taken from
    the request, so this cannot be used as an open redirect.
    """
    material = get_object_or_404(Material.objects.published(), slug=slug)
    if not material.url.startswith(("https://", "http://")):
        raise Http404(_("Dit materiaal heeft geen link."))
    record_material_click(material=material)
    return HttpResponseRedirect(material.url)


@require_GET
def initiative_list(request):
    initiatives = Initiative.objects.published().prefetch_related("sources").with_published_measures()
    return render(request, "menukaart/initiative_list.html", {"initiatives": initiatives})


EXAMPLE_PAGE_SIZE = 20


@require_GET
def example_list(request):
    filterset = ExampleFilter(request.GET, queryset=Example.objects.published().for_list())
    if not filterset.is_valid():
        return render(request, "menukaart/example_list.html", {"filter": filterset, "invalid": True}, status=400)
    page = page_or_404(request, filterset.qs, EXAMPLE_PAGE_SIZE)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return render(
        request,
        "menukaart/example_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "examples": page.object_list,
            "filter_query": params.urlencode(),
            "is_filtered": any(filterset.form.cleaned_data.get(name) for name in filterset.filters),
            "can_submit": can_submit_example(request.user),
            "hashtag": settings.VIA_HASHTAG,
        },
    )


@require_GET
def example_detail(request, slug):
    """A published example for everyone; the sender also sees their own sent-in story (with its
    status), editors everything. Reactions: published ones, plus the viewer's own."""
    examples = (
        Example.objects.visible_to(request.user)
        .prefetch_related(
            "themes",
            "sources",
            Prefetch("reactions", queryset=ExampleReaction.objects.shown_to(request.user).for_thread()),
        )
        .with_published_measures()
    )
    example = get_object_or_404(examples, slug=slug)
    return render(
        request,
        "menukaart/example_detail.html",
        {
            "example": example,
            "is_preview": not example.is_published,
            "is_own": request.user.is_authenticated and example.submitted_by_id == request.user.pk,
            "reactions": example.reactions.all(),
            "can_react": example.is_published and can_submit_example(request.user),
            "hashtag": settings.VIA_HASHTAG,
        },
    )


@require_GET
def glossary(request):
    from menukaart.glossary import GLOSSARY

    return render(request, "menukaart/glossary.html", {"terms": GLOSSARY})
