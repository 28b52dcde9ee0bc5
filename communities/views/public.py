"""Public pages: the list of networks, a network's page, a meeting."""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from communities.models import Lesson, Meeting, MeetingRegistration, Network, Resource
from communities.views.common import roles_in, visible_network
from menukaart.models import Example


@require_GET
def index(request):
    networks = Network.objects.visible_to(request.user).for_list().order_by("name")
    return render(request, "communities/index.html", {"networks": networks})


@require_GET
def network_detail(request, slug):
    network = visible_network(request, slug)
    roles = roles_in(request, network)
    meetings = Meeting.objects.visible_to(request.user).filter(network=network).upcoming().for_list()
    lessons = Lesson.objects.filter(network=network)
    if not roles["can_participate"]:
        lessons = lessons.published()
    return render(
        request,
        "communities/network_detail.html",
        {
            "network": network,
            "themes": network.themes.all(),
            "coordinators": network.coordinators.select_related("organisation").order_by("last_name"),
            "meetings": meetings[:10],
            "lessons": lessons.select_related("meeting")[:10],
            "examples": Example.objects.published().for_list().filter(networks=network)[:12],
            "public_resources": Resource.objects.visible_to(request.user).filter(network=network).for_list()[:5],
            **roles,
        },
    )


@require_GET
def meeting_detail(request, slug, pk):
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).for_list().select_related("network"), network__slug=slug, pk=pk
    )
    return render(request, "communities/meeting_detail.html", meeting_context(request, meeting))


def meeting_context(request, meeting: Meeting, **extra) -> dict:
    network = meeting.network
    roles = roles_in(request, network)
    registered = (
        request.user.is_authenticated
        and MeetingRegistration.objects.filter(meeting=meeting, user=request.user).exists()
    )
    registrations = (
        meeting.registrations.select_related("user", "user__organisation") if roles["can_participate"] else []
    )
    lessons = meeting.lessons.all() if roles["can_participate"] else meeting.lessons.published()
    lessons = lessons.annotate(proposed=Exists(network.proposals.filter(lesson=OuterRef("pk"))))
    seats_left = None if meeting.capacity is None else max(meeting.capacity - meeting.registration_count, 0)
    return {
        "network": network,
        "meeting": meeting,
        "registered": registered,
        "registrations": registrations,
        "lessons": lessons,
        "seats_left": seats_left,
        **roles,
        **extra,
    }
