"""One page of a long list, its number taken from the address (`?pagina=2`)."""

from collections.abc import Sequence

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from menukaart.facets import RankedPage

PAGE_PARAM = "pagina"


def page_or_404(request: HttpRequest, items, per_page: int, *, count: int | None = None) -> Page:
    """The page the address asks for (the first without one); a page that does not exist is a 404.
    `count`: the number of items when the caller has a cheaper way to count them."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get(PAGE_PARAM) or 1)
    except InvalidPage as error:
        raise Http404(_("Deze pagina bestaat niet.")) from error


def requested_page(request: HttpRequest) -> int:
    """The page number the address asks for, before the items are counted; junk is a 404."""
    try:
        number = int(request.GET.get(PAGE_PARAM) or 1)
    except ValueError as error:
        raise Http404(_("Deze pagina bestaat niet.")) from error
    if number < 1:
        raise Http404(_("Deze pagina bestaat niet."))
    return number


class LoadedPage(Sequence):
    """`total` items of which only one page (from `offset`) is loaded: what page_or_404 pages
    through when the page's items came with the counts (RankedSearchFilterSet.rank_page)."""

    def __init__(self, total: int, offset: int, items: list):
        self.total, self.offset, self.items = total, offset, items

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice) or (index.start or 0) != self.offset:
            raise IndexError("Only the loaded page can be read.")
        return self.items


def ranked_page_or_404(request: HttpRequest, filterset, per_page: int) -> Page:
    """The page the address asks for of a RankedSearchFilterSet's matches, best first: the page's
    rows come with the facet counts (one query), then only they are loaded."""
    filterset.rank_page = RankedPage(offset=(requested_page(request) - 1) * per_page, limit=per_page)
    items = LoadedPage(filterset.count(), filterset.rank_page.offset, filterset.ranked_rows())
    return page_or_404(request, items, per_page, count=filterset.count())
