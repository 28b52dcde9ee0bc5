"""One page of a long list, its number taken from the address (`?pagina=2`)."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

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
