"""The account's own pages: profile, download of own data, deletion. Logged-in users only."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import OrganisationKind
from accounts.profile import delete_account, personal_data, save_profile
from accounts.profile_forms import DeleteAccountForm, ProfileForm


def _can_edit_organisation(user) -> bool:
    return user.organisation is None or user.organisation.kind == OrganisationKind.EMPLOYER


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    organisation = user.organisation
    editable = _can_edit_organisation(user)
    initial = (
        {"organisation_name": organisation.name, "sector": organisation.sector, "size_band": organisation.size_band}
        if organisation
        else {}
    )
    form = ProfileForm(request.POST or None, initial=initial) if editable else None
    if request.method == "POST" and form is not None and form.is_valid():
        save_profile(
            user=user,
            organisation_name=form.cleaned_data["organisation_name"],
            sector=form.cleaned_data["sector"],
            size_band=form.cleaned_data["size_band"],
        )
        messages.success(request, _("Je profiel is opgeslagen."))
        return redirect("accounts:profile")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/profile.html", {"form": form, "editable": editable}, status=status)


@login_required
@require_GET
def my_data(request):
    """Right of access: everything stored about the account, as a JSON file."""
    response = HttpResponse(
        json.dumps(personal_data(user=request.user), ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        delete_account(user=request.user)
        logout(request)
        messages.success(request, _("Je account en de gegevens die erbij hoorden, zijn verwijderd."))
        return redirect("core:home")
    status = 200
    if request.method == "POST":
        status = 503 if form.unavailable else 429 if form.throttled else 400
    return render(request, "accounts/delete.html", {"form": form}, status=status)
