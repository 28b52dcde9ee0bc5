"""The portal-wide search page (/zoeken/): every kind of published item, with facets per kind and theme."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from menukaart.services import record_search
from sitesearch.filters import PortalSearchFilter
from sitesearch.models import SearchDocument
from sitesearch.query import did_you_mean, highlight

PAGE_SIZE = 20
PAGE_PARAM = "pagina"
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

    paginator = Paginator(filterset.qs, PAGE_SIZE)
    paginator.count = filterset.count()  # counted without computing every match's score
    try:
        page = paginator.page(request.GET.get(PAGE_PARAM) or 1)
    except InvalidPage as error:
        raise Http404(_("Deze pagina bestaat niet.")) from error
    terms = filterset.parsed.terms
    results = [
        {"document": document, "summary": highlight(_shorten(document.summary), terms)} for document in page.object_list
    ]
    if page.number == 1 and PAGE_PARAM not in request.GET:
        record_search(query=text, result_count=paginator.count)
    context |= {
        "page_obj": page,
        "results": results,
        "facets": filterset.facets(),
        "suggestion": did_you_mean(filterset.parsed) if paginator.count < LITTLE else None,
    }
    return render(request, "sitesearch/search.html", context)


def _shorten(text: str, limit: int = 280) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
