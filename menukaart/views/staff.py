"""Pages for editors (contentbeheerders)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from menukaart.models import UsageEvent
from menukaart.permissions import VIEW_CONTENT_GAPS


@require_GET
@login_required
@permission_required(VIEW_CONTENT_GAPS, raise_exception=True)
def content_gaps(request):
    """Searches that found nothing, most asked first: what the menukaart is still missing."""
    paginator = Paginator(UsageEvent.objects.zero_result_searches(), 50)
    try:
        page = paginator.page(request.GET.get("pagina") or 1)
    except InvalidPage as error:
        raise Http404(_("Deze pagina bestaat niet.")) from error
    return render(request, "menukaart/content_gaps.html", {"page_obj": page, "gaps": page.object_list})
