"""Meetings: planning with Dutch messages for bad input, sign-up with a capacity, minutes afterwards."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Lesson, Meeting, MeetingRegistration
from tests.communities.conftest import outbox_to
from tests.communities.factories import MeetingFactory, MembershipFactory, RegistrationFactory


def meeting_data(**overrides):
    day = timezone.localdate() + timedelta(days=21)
    data = {
        "title": "Werven zonder vooroordeel",
        "date": day.isoformat(),
        "start_time": "14:00",
        "end_time": "16:30",
        "location": "AWVN, Den Haag",
        "online_url": "",
        "agenda": "1. Ervaringen\n2. Vragenlijst",
        "capacity": "12",
        "is_public": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_coordinator_plans_a_meeting_and_members_are_told(client, network, coordinator, member):
    client.force_login(coordinator)
    response = client.post(reverse("communities:meeting_create", args=[network.slug]), meeting_data())
    assert response.status_code == 302
    meeting = Meeting.objects.get(network=network)
    assert timezone.localtime(meeting.starts_at).hour == 14
    assert meeting.capacity == 12
    assert "Werven zonder vooroordeel" in outbox_to(member.email)[0].subject


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date": "2020-01-01"}, "Deze datum en tijd zijn al voorbij."),
        ({"date": "31-02-2027"}, "Vul een geldige datum in"),
        ({"date": "9999-01-01"}, "meer dan vijf jaar vooruit"),
        ({"start_time": "25:00"}, "Vul een geldige tijd in"),
        ({"end_time": "13:00"}, "De eindtijd moet na de begintijd liggen."),
        ({"location": "", "online_url": ""}, "Vul een plaats in, een link voor online deelname, of allebei."),
        ({"online_url": "javascript:alert(1)"}, "Vul een volledige link in"),
        ({"capacity": "0"}, "Vul 1 of meer in"),
        ({"capacity": "veel"}, "Vul een heel getal in."),
        ({"title": "x" * 201}, "Dit is te lang: gebruik ten hoogste 200 tekens (nu 201)."),
        ({"agenda": "x" * 5001}, "Dit is te lang: gebruik ten hoogste 5000 tekens (nu 5001)."),
    ],
)
def test_bad_meeting_input_gets_a_dutch_message(client, network, coordinator, overrides, message):
    client.force_login(coordinator)
    response = client.post(reverse("communities:meeting_create", args=[network.slug]), meeting_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_member_signs_up_once(client, meeting, member):
    client.force_login(member)
    url = reverse("communities:meeting_register", args=[meeting.network.slug, meeting.pk])
    assert client.post(url).status_code == 302
    response = client.post(url)
    assert response.status_code == 409
    assert "Je bent al aangemeld voor deze bijeenkomst." in response.content.decode()
    assert MeetingRegistration.objects.filter(meeting=meeting).count() == 1
    assert "aangemeld" in outbox_to(member.email)[0].subject


@pytest.mark.django_db
def test_full_meeting_refuses_in_dutch(client, network, member):
    meeting = MeetingFactory(network=network, capacity=1)
    RegistrationFactory(meeting=meeting)
    client.force_login(member)
    response = client.post(reverse("communities:meeting_register", args=[network.slug, meeting.pk]))
    assert response.status_code == 409
    assert "Deze bijeenkomst is vol." in response.content.decode()


@pytest.mark.django_db
def test_past_meeting_refuses_sign_up(client, network, member):
    past = timezone.now() - timedelta(days=2)
    meeting = MeetingFactory(network=network, starts_at=past, ends_at=past + timedelta(hours=1))
    client.force_login(member)
    response = client.post(reverse("communities:meeting_register", args=[network.slug, meeting.pk]))
    assert response.status_code == 409
    assert "al geweest" in response.content.decode()


@pytest.mark.django_db
def test_non_member_cannot_sign_up_even_for_a_public_meeting(client, meeting, outsider, coordinator):
    client.force_login(outsider)
    url = reverse("communities:meeting_register", args=[meeting.network.slug, meeting.pk])
    assert client.post(url).status_code == 404
    client.force_login(coordinator)
    assert client.post(url).status_code == 403
    assert not meeting.registrations.exists()


@pytest.mark.django_db
def test_tampered_meeting_id_is_a_404(client, network, member):
    other = MeetingFactory()
    client.force_login(member)
    assert client.post(reverse("communities:meeting_register", args=[network.slug, other.pk])).status_code == 404
    assert client.get(reverse("communities:meeting_detail", args=[network.slug, other.pk])).status_code == 404


@pytest.mark.django_db
def test_minutes_and_lessons_after_the_meeting(client, network, coordinator, member):
    past = timezone.now() - timedelta(days=1)
    meeting = MeetingFactory(network=network, starts_at=past, ends_at=past + timedelta(hours=2))
    RegistrationFactory(meeting=meeting, user=member)
    client.force_login(coordinator)
    url = reverse("communities:meeting_minutes", args=[network.slug, meeting.pk])
    assert client.post(url, {"minutes": "We bespraken de vragenlijst."}).status_code == 302
    assert client.post(url, {"title": "Vaste vragen", "body": "Werkt beter.", "publish": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "We bespraken de vragenlijst."
    assert Lesson.objects.get(meeting=meeting).is_published
    assert any("Verslag" in m.subject for m in outbox_to(member.email))
    client.force_login(member)
    assert "We bespraken de vragenlijst." in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_minutes_before_the_meeting_are_refused(client, meeting, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("communities:meeting_minutes", args=[meeting.network.slug, meeting.pk]), {"minutes": "x"}
    )
    assert response.status_code == 400
    assert "Een verslag kan pas na het begin van de bijeenkomst." in response.content.decode()


@pytest.mark.django_db
def test_a_member_of_another_network_sees_no_members_only_meeting(client, other_member, network):
    closed = MeetingFactory(network=network, is_public=False)
    MembershipFactory(network=network, user=other_member, status="afgewezen")
    client.force_login(other_member)
    assert client.get(closed.get_absolute_url()).status_code == 404
