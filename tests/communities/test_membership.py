"""Joining, approving, declining, leaving; every step is e-mailed through the outbox."""

import pytest
from django.urls import reverse

from communities.models import JoinPolicy, Membership, MembershipStatus
from tests.communities.conftest import outbox_to
from tests.communities.factories import MeetingFactory, RegistrationFactory


@pytest.mark.django_db
def test_employer_asks_to_join_and_the_coordinator_hears_of_it(client, network, outsider, coordinator):
    client.force_login(outsider)
    response = client.post(reverse("communities:join", args=[network.slug]), {"motivation": "Wij willen leren."})
    assert response.status_code == 302
    membership = Membership.objects.get(network=network, user=outsider)
    assert membership.status == MembershipStatus.REQUESTED
    assert membership.organisation == outsider.organisation
    [mail] = outbox_to(coordinator.email)
    assert "Wij willen leren." in mail.body
    assert "/beheer/leden/" in mail.body


@pytest.mark.django_db
def test_asking_twice_says_so_in_dutch(client, network, outsider):
    client.force_login(outsider)
    client.post(reverse("communities:join", args=[network.slug]), {"motivation": ""})
    response = client.post(reverse("communities:join", args=[network.slug]), {"motivation": ""}, follow=True)
    assert "Je hebt al gevraagd om lid te worden" in response.content.decode()
    assert Membership.objects.filter(network=network, user=outsider).count() == 1


@pytest.mark.django_db
def test_coordinator_approves_and_the_member_gets_a_welcome(client, network, outsider, coordinator):
    membership = Membership.objects.create(network=network, user=outsider, organisation=outsider.organisation)
    client.force_login(coordinator)
    response = client.post(reverse("communities:membership_approve", args=[network.slug, membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.decided_by == coordinator
    assert "Welkom" in outbox_to(outsider.email)[0].subject


@pytest.mark.django_db
def test_declining_needs_a_reason_which_the_employer_receives(client, network, outsider, coordinator):
    membership = Membership.objects.create(network=network, user=outsider)
    client.force_login(coordinator)
    url = reverse("communities:membership_decline", args=[network.slug, membership.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Schrijf kort waarom je de aanvraag afwijst." in response.content.decode()
    client.post(url, {"reason": "Dit netwerk is voor de uitzendbranche."})
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.DECLINED
    assert "Dit netwerk is voor de uitzendbranche." in outbox_to(outsider.email)[0].body


@pytest.mark.django_db
def test_a_declined_employer_may_ask_again(client, network, outsider):
    Membership.objects.create(network=network, user=outsider, status=MembershipStatus.DECLINED, decline_reason="x")
    client.force_login(outsider)
    client.post(reverse("communities:join", args=[network.slug]), {"motivation": "Nu wel uit de sector."})
    membership = Membership.objects.get(network=network, user=outsider)
    assert membership.status == MembershipStatus.REQUESTED
    assert membership.decline_reason == ""


@pytest.mark.django_db
def test_tampered_membership_id_is_a_404(client, network, coordinator, member):
    client.force_login(coordinator)
    active = Membership.objects.get(user=member)
    assert client.post(reverse("communities:membership_approve", args=[network.slug, active.pk])).status_code == 404
    assert client.post(reverse("communities:membership_approve", args=[network.slug, 999999])).status_code == 404


@pytest.mark.django_db
def test_member_leaves_and_future_sign_ups_go(client, network, member):
    meeting = MeetingFactory(network=network)
    RegistrationFactory(meeting=meeting, user=member)
    client.force_login(member)
    client.post(reverse("communities:leave", args=[network.slug]))
    assert Membership.objects.get(user=member).status == MembershipStatus.LEFT
    assert not meeting.registrations.exists()
    assert client.get(reverse("communities:member_list", args=[network.slug])).status_code == 404


@pytest.mark.django_db
def test_network_by_invitation_offers_no_request(client, network, outsider):
    network.join_policy = JoinPolicy.INVITATION
    network.save()
    client.force_login(outsider)
    page = client.get(network.get_absolute_url()).content.decode()
    assert "Vraag om lid te worden" not in page
    assert "op uitnodiging" in page
    client.post(reverse("communities:join", args=[network.slug]), {"motivation": ""})
    assert not Membership.objects.filter(user=outsider).exists()


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_log_in_or_sign_up(client, network):
    page = client.get(network.get_absolute_url()).content.decode()
    assert reverse("accounts:signup") in page
    response = client.get(reverse("communities:join", args=[network.slug]))
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


@pytest.mark.django_db
def test_motivation_too_long_gets_a_dutch_message_and_keeps_the_text(client, network, outsider):
    client.force_login(outsider)
    text = "x" * 2001
    response = client.post(reverse("communities:join", args=[network.slug]), {"motivation": text})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit is te lang: gebruik ten hoogste 2000 tekens (nu 2001)." in body
    assert text in body


@pytest.mark.django_db
def test_coordinator_adds_an_employer_with_an_account_by_address(client, network, outsider, coordinator):
    client.force_login(coordinator)
    url = reverse("communities:members_manage", args=[network.slug])
    assert client.post(url, {"email": outsider.email.upper()}).status_code == 302
    assert Membership.objects.get(user=outsider).status == MembershipStatus.ACTIVE
    assert "Welkom" in outbox_to(outsider.email)[0].subject


@pytest.mark.django_db
def test_coordinator_invites_an_unknown_address_to_make_an_account(client, network, coordinator):
    client.force_login(coordinator)
    url = reverse("communities:members_manage", args=[network.slug])
    client.post(url, {"email": "nieuw@werkgever.example"})
    [mail] = outbox_to("nieuw@werkgever.example")
    assert "/account/registreren/" in mail.body
    response = client.post(url, {"email": "geen adres"})
    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in" in response.content.decode()
