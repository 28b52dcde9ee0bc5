"""Coordinators' pages (their own networks; editors: every network) and the editors' review list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communities import permissions, services
from communities.forms import DeclineForm, InviteForm, LessonForm, MeetingForm, MinutesForm, ProposalForm, ReviewForm
from communities.models import Lesson, Membership, Proposal, ProposalStatus
from communities.services import CommunityError
from communities.views.common import managed_network
from communities.views.public import meeting_context


@login_required
@require_http_methods(["GET", "POST"])
def members_manage(request, slug):
    network = managed_network(request, slug)
    invite_form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if invite_form.is_valid():
            services.invite_member(network=network, email=invite_form.cleaned_data["email"], by=request.user)
            messages.success(
                request,
                _(
                    "Verstuurd. Met een account is de werkgever nu lid; "
                    "anders krijgt hij een uitnodiging voor een account."
                ),
            )
            return redirect("communities:members_manage", slug=slug)
        status = 400
    return render(
        request,
        "communities/members_manage.html",
        {
            "network": network,
            "pending": network.memberships.pending().for_member_list(),
            "members": network.memberships.active().for_member_list(),
            "invite_form": invite_form,
        },
        status=status,
    )


def _pending(request, slug, pk) -> Membership:
    network = managed_network(request, slug)
    return get_object_or_404(network.memberships.pending().select_related("user", "network"), pk=pk)


@login_required
@require_POST
def membership_approve(request, slug, pk):
    membership = _pending(request, slug, pk)
    services.approve_membership(membership=membership, by=request.user)
    messages.success(request, _("%(name)s is nu lid.") % {"name": membership.user})
    return redirect("communities:members_manage", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def membership_decline(request, slug, pk):
    membership = _pending(request, slug, pk)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.decline_membership(membership=membership, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("De aanvraag is afgewezen; de aanvrager krijgt je reden per e-mail."))
        return redirect("communities:members_manage", slug=slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "communities/membership_decline.html",
        {"network": membership.network, "membership": membership, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, slug):
    network = managed_network(request, slug)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = services.create_meeting(
            network=network,
            by=request.user,
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            location=data["location"],
            online_url=data["online_url"],
            agenda=data["agenda"],
            capacity=data["capacity"],
            is_public=data["is_public"],
        )
        messages.success(request, _("De bijeenkomst staat in de agenda. De leden krijgen een e-mail."))
        return redirect(meeting)
    status = 400 if request.method == "POST" else 200
    return render(request, "communities/meeting_form.html", {"network": network, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk):
    network = managed_network(request, slug)
    meeting = get_object_or_404(network.meetings, pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.starts_at, meeting.ends_at = form.cleaned_data["starts_at"], form.cleaned_data["ends_at"]
        meeting.save()
        messages.success(request, _("De bijeenkomst is bijgewerkt."))
        return redirect(meeting)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "communities/meeting_form.html", {"network": network, "form": form, "meeting": meeting}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_minutes(request, slug, pk):
    """Minutes and lessons learned, after the meeting."""
    network = managed_network(request, slug)
    meeting = get_object_or_404(network.meetings.for_list().select_related("network"), pk=pk)
    minutes_form = MinutesForm(initial={"minutes": meeting.minutes})
    lesson_form = LessonForm()
    status = 200
    if request.method == "POST":
        if "minutes" in request.POST:
            minutes_form = MinutesForm(request.POST)
            if minutes_form.is_valid():
                try:
                    services.record_minutes(
                        meeting=meeting, minutes=minutes_form.cleaned_data["minutes"], by=request.user
                    )
                except CommunityError as refused:
                    minutes_form.add_error("minutes", refused.message)
                else:
                    messages.success(request, _("Het verslag is bewaard. De deelnemers krijgen een e-mail."))
                    return redirect("communities:meeting_minutes", slug=slug, pk=pk)
        else:
            lesson_form = LessonForm(request.POST)
            if lesson_form.is_valid():
                services.add_lesson(
                    network=network,
                    meeting=meeting,
                    by=request.user,
                    title=lesson_form.cleaned_data["title"],
                    body=lesson_form.cleaned_data["body"],
                    publish=lesson_form.cleaned_data["publish"],
                )
                messages.success(request, _("De les is bewaard."))
                return redirect("communities:meeting_minutes", slug=slug, pk=pk)
        status = 400
    return render(
        request,
        "communities/meeting_minutes.html",
        meeting_context(request, meeting, minutes_form=minutes_form, lesson_form=lesson_form),
        status=status,
    )


@login_required
@require_POST
def lesson_publish(request, slug, pk):
    network = managed_network(request, slug)
    lesson = get_object_or_404(Lesson.objects.filter(network=network), pk=pk)
    publish = request.POST.get("publish") == "1"
    services.set_lesson_published(lesson=lesson, published=publish)
    messages.success(request, _("De les is openbaar.") if publish else _("De les is alleen nog voor leden zichtbaar."))
    return redirect(lesson.meeting or network)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_propose(request, slug, pk):
    network = managed_network(request, slug)
    lesson = get_object_or_404(Lesson.objects.filter(network=network).select_related("meeting"), pk=pk)
    form = ProposalForm(request.POST or None, initial={"title": lesson.title, "body": lesson.body})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.propose_lesson(
            lesson=lesson,
            by=request.user,
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            measure=data["measure"],
        )
        messages.success(request, _("Je voorstel staat bij de redactie van de menukaart."))
        return redirect(lesson.meeting or network)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "communities/lesson_propose.html", {"network": network, "lesson": lesson, "form": form}, status=status
    )


def _require_reviewer(request) -> None:
    if not permissions.can_review_proposals(request.user):
        raise PermissionDenied


@login_required
@require_GET
def proposal_review_list(request):
    _require_reviewer(request)
    proposals = Proposal.objects.for_review()
    return render(
        request,
        "communities/proposal_review_list.html",
        {
            "submitted": proposals.filter(status=ProposalStatus.SUBMITTED),
            "reviewed": proposals.exclude(status=ProposalStatus.SUBMITTED).order_by("-reviewed_at")[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_review(request, pk):
    _require_reviewer(request)
    proposal = get_object_or_404(Proposal.objects.for_review(), pk=pk)
    form = ReviewForm(request.POST or None, initial={"measure": proposal.measure_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                services.accept_proposal(proposal=proposal, by=request.user, measure=data["measure"], note=data["note"])
            else:
                services.decline_proposal(proposal=proposal, by=request.user, note=data["note"])
        except CommunityError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Het besluit is bewaard; de coördinatoren krijgen een e-mail."))
            return redirect("communities:proposal_review_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "communities/proposal_review.html", {"proposal": proposal, "form": form}, status=status)
