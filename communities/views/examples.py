"""Good examples: send one in, react to one, and (editors) moderate both.

The public list and page of an example are the menukaart's (menukaart:example_list/detail).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities import moderation
from communities.example_forms import DeclineForm, ExampleSubmitForm, ReactionForm
from menukaart.models import Example, ExampleReaction, Measure
from menukaart.permissions import can_moderate_examples, can_submit_example


def _require_submitter(user) -> None:
    if not can_submit_example(user):
        raise PermissionDenied


def _require_moderator(user) -> None:
    if not can_moderate_examples(user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def example_submit(request):
    _require_submitter(request.user)
    organisation = request.user.organisation
    initial = {"organisation": organisation.name if organisation and organisation.kind == "employer" else ""}
    form = ExampleSubmitForm(request.POST if request.method == "POST" else None, initial=initial, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            moderation.submit_example(
                by=request.user,
                title=data["title"],
                organisation=data["organisation"],
                sector=data["sector"],
                size_band=data["size_band"],
                what_they_did=data["what_they_did"],
                what_it_brought=data["what_it_brought"],
                measures=list(data["measures"]),
                themes=list(data["themes"]),
            )
            messages.success(
                request,
                _("Dank je! Je voorbeeld is bewaard. De redactie bekijkt het; daarna krijg je een e-mail."),
            )
            return redirect("communities:my_examples")
        return render(
            request,
            "communities/example_submit.html",
            {"form": form, "hashtag": settings.VIA_HASHTAG},
            status=400,
        )
    return render(request, "communities/example_submit.html", {"form": form, "hashtag": settings.VIA_HASHTAG})


@login_required
def my_examples(request):
    """The user's own examples and reactions, with their status (and the reason when declined)."""
    examples = Example.objects.submitted_by(request.user).prefetch_related("themes").order_by("-submitted_at", "-pk")
    reactions = (
        ExampleReaction.objects.filter(author=request.user).select_related("example").order_by("-created_at", "-pk")
    )
    return render(
        request,
        "communities/my_examples.html",
        {
            "examples": examples,
            "reactions": reactions,
            "can_submit": can_submit_example(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def example_react(request, slug):
    _require_submitter(request.user)
    example = get_object_or_404(Example.objects.published(), slug=slug)
    form = ReactionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            moderation.submit_reaction(
                example=example, by=request.user, kind=form.cleaned_data["kind"], body=form.cleaned_data["body"]
            )
            messages.success(
                request, _("Dank je! Je reactie is bewaard en verschijnt zodra de redactie hem heeft bekeken.")
            )
            return redirect(example.get_absolute_url() + "#reactions-title")
        return render(request, "communities/example_react.html", {"form": form, "example": example}, status=400)
    return render(request, "communities/example_react.html", {"form": form, "example": example})


def _queue_context(*, forms: dict | None = None) -> dict:
    examples = (
        Example.objects.awaiting_moderation()
        .select_related("submitted_by__organisation")
        .prefetch_related("themes", Prefetch("measures", queryset=Measure.objects.only("pk", "slug", "title")))
        .order_by("submitted_at", "pk")
    )
    reactions = (
        ExampleReaction.objects.awaiting_moderation()
        .select_related("example", "author__organisation")
        .order_by("created_at", "pk")
    )
    forms = forms or {}
    return {
        "examples": [
            (example, forms.get(("example", example.pk)) or DeclineForm(prefix=f"e{example.pk}"))
            for example in examples
        ],
        "reactions": [
            (reaction, forms.get(("reaction", reaction.pk)) or DeclineForm(prefix=f"r{reaction.pk}"))
            for reaction in reactions
        ],
    }


@login_required
def moderation_queue(request):
    _require_moderator(request.user)
    return render(request, "communities/moderation_queue.html", _queue_context())


def _decide(request, *, kind: str, item, publish, decline):
    """Publish or decline (with a reason) one item from the queue; on a missing reason, show the
    queue again with the message at that item (400), keeping what was typed."""
    prefix = f"{kind[0]}{item.pk}"
    if request.POST.get("decision") == "publish":
        try:
            publish(item)
        except moderation.ModerationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Gepubliceerd: %(title)s") % {"title": _label(kind, item)})
        return redirect("communities:moderation")
    if request.POST.get("decision") != "decline":
        messages.error(request, _("Kies publiceren of afwijzen."))
        return redirect("communities:moderation")
    form = DeclineForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return render(
            request, "communities/moderation_queue.html", _queue_context(forms={(kind, item.pk): form}), status=400
        )
    try:
        decline(item, form.cleaned_data["reason"])
    except moderation.ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Afgewezen: %(title)s") % {"title": _label(kind, item)})
    return redirect("communities:moderation")


def _label(kind: str, item) -> str:
    return item.title if kind == "example" else _("reactie op ‘%(title)s’") % {"title": item.example.title}


@login_required
@require_POST
def example_decide(request, pk: int):
    _require_moderator(request.user)
    # Only stories sent in through the portal are moderated here; anything else is a 404.
    example = get_object_or_404(Example.objects.exclude(submitted_at=None), pk=pk)
    return _decide(
        request,
        kind="example",
        item=example,
        publish=lambda item: moderation.publish_example(example=item, by=request.user),
        decline=lambda item, reason: moderation.decline_example(example=item, by=request.user, reason=reason),
    )


@login_required
@require_POST
def reaction_decide(request, pk: int):
    _require_moderator(request.user)
    reaction = get_object_or_404(ExampleReaction.objects.select_related("example"), pk=pk)
    return _decide(
        request,
        kind="reaction",
        item=reaction,
        publish=lambda item: moderation.publish_reaction(reaction=item, by=request.user),
        decline=lambda item, reason: moderation.decline_reaction(reaction=item, by=request.user, reason=reason),
    )
