"""Rolmodellen: the public profiles, their photos, and the person's private consent page."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communities import consent
from communities.models import RoleModel

PHOTO_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


@require_GET
def role_model_list(request):
    role_models = RoleModel.objects.published().for_list()
    return render(request, "communities/role_model_list.html", {"role_models": role_models})


@require_GET
def role_model_detail(request, slug):
    role_model = get_object_or_404(RoleModel.objects.published(), slug=slug)
    return render(request, "communities/role_model_detail.html", {"role_model": role_model})


@require_GET
def role_model_photo(request, slug):
    """The photo of a published profile only; unpublished or withdrawn ones are a 404."""
    role_model = get_object_or_404(RoleModel.objects.published().exclude(photo=""), slug=slug)
    suffix = "." + role_model.photo.name.rsplit(".", 1)[-1].lower()
    if suffix not in PHOTO_TYPES:
        raise Http404
    try:
        handle = role_model.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=PHOTO_TYPES[suffix])
    response["Cache-Control"] = "no-cache"
    return response


@require_http_methods(["GET", "POST"])
def role_model_consent(request, token):
    """The person's private page: read the exact text, agree to it, or withdraw."""
    role_model = consent.role_model_for_token(token)
    if role_model is None:
        raise Http404(_("Deze link werkt niet (meer)."))
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "consent":
            try:
                consent.give_consent(role_model=role_model, text_hash=request.POST.get("text_hash", ""))
            except consent.ConsentError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, _("Dank je. Je toestemming is vastgelegd; de redactie publiceert je profiel.")
                )
        elif action == "withdraw":
            consent.withdraw_consent(role_model=role_model)
            # The link no longer works: the profile's data, the link included, is erased.
            return redirect("communities:role_model_withdrawn")
        else:
            messages.error(request, _("Kies of je toestemming geeft of intrekt."))
        return redirect("communities:role_model_consent", token=token)
    role_model.refresh_from_db()
    return render(
        request,
        "communities/role_model_consent.html",
        {
            "role_model": role_model,
            "text": role_model.consent_text(),
            "has_consent": consent.has_current_consent(role_model),
            "active_consents": role_model.consents.filter(withdrawn_at=None).exists(),
        },
    )


@require_GET
def role_model_withdrawn(request):
    """Where the consent page sends the person after withdrawal (their own link is gone by then)."""
    return render(request, "communities/role_model_withdrawn.html")
