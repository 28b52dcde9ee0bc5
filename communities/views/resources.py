"""Bronnen: links and files of a network. Public ones for everyone, the rest for participants."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communities import services
from communities.forms import ResourceForm
from communities.models import Resource, ResourceVisibility
from communities.views.common import roles_in, visible_network


@require_http_methods(["GET", "POST"])
def resources(request, slug):
    network = visible_network(request, slug)
    roles = roles_in(request, network)
    form = None
    status = 200
    if roles["can_participate"]:
        form = ResourceForm(request.POST or None, request.FILES or None, may_publish=roles["can_manage"])
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                services.add_resource(
                    network=network,
                    by=request.user,
                    title=data["title"],
                    description=data["description"],
                    url=data["url"],
                    upload=data["file"],
                    visibility=data.get("visibility") or ResourceVisibility.MEMBERS,
                )
                messages.success(request, _("De bron is gedeeld."))
                return redirect("communities:resources", slug=slug)
            status = 400
    elif request.method == "POST":
        raise Http404
    items = Resource.objects.visible_to(request.user).filter(network=network).for_list()
    return render(
        request,
        "communities/resources.html",
        {"network": network, "resources": items, "form": form, **roles},
        status=status,
    )


@require_GET
def resource_download(request, slug, pk):
    """Always a download with the allowlisted type; a resource the user may not see is a 404."""
    resource = get_object_or_404(Resource.objects.visible_to(request.user).exclude(file=""), network__slug=slug, pk=pk)
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=resource.original_name, content_type=resource.content_type
    )
    response["Cache-Control"] = "private, no-store" if not resource.is_public else "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
