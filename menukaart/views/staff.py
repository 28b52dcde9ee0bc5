"""Pages for editors (contentbeheerders)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from menukaart.models import UsageEvent
from menukaart.permissions import VIEW_CONTENT_GAPS
from menukaart.views.paging import page_or_404


@require_GET
@login_required
@permission_required(VIEW_CONTENT_GAPS, raise_exception=True)
def content_gaps(request):
    """Searches that found nothing, most asked first: what the menukaart is still missing."""
    page = page_or_404(request, UsageEvent.objects.zero_result_searches(), 50)
    return render(request, "menukaart/content_gaps.html", {"page_obj": page, "gaps": page.object_list})
