"""Pages for people with an account: joining, leaving, meetings, the member list, my networks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communities import services
from communities.forms import EmailPreferenceForm, JoinForm
from communities.models import Meeting, Membership, MembershipStatus, Network
from communities.services import CommunityError
from communities.views.common import participated_network, roles_in, visible_network
from communities.views.public import meeting_context


@login_required
@require_GET
def my_networks(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .exclude(status=MembershipStatus.LEFT)
        .select_related("network")
        .order_by("network__name")
    )
    coordinated = Network.objects.filter(coordinators=request.user).for_list().order_by("name")
    return render(request, "communities/my_networks.html", {"memberships": memberships, "coordinated": coordinated})


@login_required
@require_http_methods(["GET", "POST"])
def join(request, slug):
    network = visible_network(request, slug)
    roles = roles_in(request, network)
    if not roles["can_ask_to_join"]:
        if roles["membership"] is not None and roles["membership"].status == MembershipStatus.REQUESTED:
            messages.info(request, _("Je hebt al gevraagd om lid te worden. De coördinator beslist binnenkort."))
        elif roles["is_member"]:
            messages.info(request, _("Je bent al lid van dit netwerk."))
        return redirect(network)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_membership(network=network, user=request.user, motivation=form.cleaned_data["motivation"])
        except CommunityError as refused:
            messages.info(request, refused.message)
            return redirect(network)
        messages.success(
            request, _("Je aanvraag is verstuurd. Je krijgt een e-mail zodra de coördinator heeft besloten.")
        )
        return redirect(network)
    status = 400 if request.method == "POST" else 200
    return render(request, "communities/join.html", {"network": network, "form": form}, status=status)


@login_required
@require_POST
def leave(request, slug):
    network = visible_network(request, slug)
    membership = get_object_or_404(Membership.objects.active(), network=network, user=request.user)
    services.leave_network(membership=membership)
    messages.success(request, _("Je bent geen lid meer van %(network)s.") % {"network": network.name})
    return redirect(network)


@login_required
@require_POST
def email_preference(request, slug):
    network = participated_network(request, slug)
    membership = get_object_or_404(Membership.objects.active(), network=network, user=request.user)
    form = EmailPreferenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een van de drie mogelijkheden."))
        return redirect("communities:discussion", slug=network.slug)
    services.set_email_preference(membership=membership, preference=form.cleaned_data["email_preference"])
    messages.success(request, _("Je keuze voor e-mail is bewaard."))
    return redirect("communities:discussion", slug=network.slug)


def _participant_meeting(request, slug, pk) -> Meeting:
    network = participated_network(request, slug)
    return get_object_or_404(Meeting.objects.filter(network=network).for_list().select_related("network"), pk=pk)


@login_required
@require_POST
def meeting_register(request, slug, pk):
    meeting = _participant_meeting(request, slug, pk)
    if not roles_in(request, meeting.network)["is_member"]:
        return _refuse(request, meeting, _("Alleen leden van het netwerk kunnen zich aanmelden."), 403)
    try:
        services.register_for_meeting(meeting=meeting, user=request.user)
    except CommunityError as refused:
        return _refuse(request, meeting, refused.message, 409)
    messages.success(request, _("Je bent aangemeld. Je krijgt een bevestiging per e-mail."))
    return redirect(meeting)


@login_required
@require_POST
def meeting_cancel_registration(request, slug, pk):
    meeting = _participant_meeting(request, slug, pk)
    try:
        services.cancel_registration(meeting=meeting, user=request.user)
    except CommunityError as refused:
        return _refuse(request, meeting, refused.message, 409)
    messages.success(request, _("Je bent afgemeld voor deze bijeenkomst."))
    return redirect(meeting)


def _refuse(request, meeting, message, status):
    meeting = Meeting.objects.for_list().select_related("network").get(pk=meeting.pk)
    return render(
        request, "communities/meeting_detail.html", meeting_context(request, meeting, error=message), status=status
    )


@login_required
@require_GET
def member_list(request, slug):
    network = participated_network(request, slug)
    members = network.memberships.active().for_member_list()
    return render(
        request,
        "communities/member_list.html",
        {
            "network": network,
            "members": members,
            "coordinators": network.coordinators.select_related("organisation").order_by("last_name"),
            **roles_in(request, network),
        },
    )
