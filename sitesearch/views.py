"""The portal-wide search page (/zoeken/): every kind of published item, with facets per kind and theme."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from menukaart.services import record_search
from menukaart.views.paging import PAGE_PARAM, ranked_page_or_404
from sitesearch.filters import PortalSearchFilter
from sitesearch.models import SearchDocument
from sitesearch.query import did_you_mean, highlight

PAGE_SIZE = 20
LITTLE = 3  # fewer results than this: offer "bedoelde je"


@require_GET
def search(request):
    filterset = PortalSearchFilter(request.GET, queryset=SearchDocument.objects.defer("vector", "body_terms"))
    if not filterset.is_valid():
        return render(request, "sitesearch/search.html", {"filter": filterset, "invalid": True}, status=400)
    text = (filterset.form.cleaned_data.get("q") or "").strip()
    context = {"filter": filterset, "search_text": text}
    if not text:
        return render(request, "sitesearch/search.html", context)

    page = ranked_page_or_404(request, filterset, PAGE_SIZE)  # with the counts and facets: one query
    terms = filterset.parsed.terms
    results = [
        {"document": document, "summary": highlight(_shorten(document.summary), terms)} for document in page.object_list
    ]
    if page.number == 1 and PAGE_PARAM not in request.GET:
        record_search(query=text, result_count=page.paginator.count)
    context |= {
        "page_obj": page,
        "results": results,
        "facets": filterset.facets(),
        "suggestion": did_you_mean(filterset.parsed) if page.paginator.count < LITTLE else None,
    }
    return render(request, "sitesearch/search.html", context)


def _shorten(text: str, limit: int = 280) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
