"""The employer's account: profile, download of own data, and deletion that says what happens."""

import json

import pytest
from django.urls import reverse

from accounts.models import Organisation, OrganisationKind, User
from helpdesk.models import Ticket
from menukaart import selfscan
from menukaart.models import KeyFigure, Plan, PlanItem, Scan, ScanAnswer
from menukaart.services import complete_scan, save_scan_answers
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpdesk.factories import ask_form_data
from tests.menukaart.factories import MeasureFactory

pytestmark = pytest.mark.django_db
PROFILE = reverse("accounts:profile")
DELETE = reverse("accounts:delete")


def test_account_pages_need_a_log_in(client):
    for url in (PROFILE, DELETE, reverse("accounts:my_data")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_employer_saves_organisation_sector_and_size(client):
    user = UserFactory(role="werkgever")
    client.force_login(user)
    response = client.post(PROFILE, {"organisation_name": "Bakkerij Noord", "sector": "G", "size_band": "10-49"})
    assert response.status_code == 302
    user.organisation.refresh_from_db()
    assert (user.organisation.name, user.organisation.sector, user.organisation.size_band) == (
        "Bakkerij Noord",
        "G",
        "10-49",
    )
    page = client.get(PROFILE).content.decode()
    assert 'autocomplete="organization"' in page


def test_profile_form_errors_are_dutch_and_keep_the_input(client):
    client.force_login(UserFactory(role="werkgever"))
    response = client.post(PROFILE, {"organisation_name": "", "sector": "Z", "size_band": "10-49"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Vul de naam van je organisatie in." in content and "Kies een sector uit de lijst." in content


def test_an_account_without_organisation_gets_its_own(client):
    user = UserFactory(organisation=None)
    client.force_login(user)
    client.post(PROFILE, {"organisation_name": "Nieuw BV", "sector": "", "size_band": "1-9"})
    user.refresh_from_db()
    assert user.organisation.name == "Nieuw BV" and user.organisation.kind == OrganisationKind.EMPLOYER


def test_partner_staff_cannot_change_their_partners_record(client, partner_abu):
    client.force_login(partner_abu)
    page = client.get(PROFILE).content.decode()
    assert "Profiel opslaan" not in page
    client.post(PROFILE, {"organisation_name": "Overgenomen", "sector": "G", "size_band": "1-9"})
    assert Organisation.objects.get(slug="abu").name == "ABU"


def _owned_things(client, user):
    plan = Plan.objects.create(user=user)
    PlanItem.objects.create(plan=plan, measure=MeasureFactory(title="Buddy"), owner="HR")
    scan = Scan.objects.create(user=user, size_band="1-9")
    save_scan_answers(scan=scan, answers={q.key: 1 for q in selfscan.QUESTIONS})
    complete_scan(scan=scan)
    KeyFigure.objects.create(user=user, year=2026, group="Alle medewerkers", inflow=3)
    client.force_login(user)
    client.post(reverse("helpdesk:ask"), ask_form_data(contact_email=user.email, question="Onze eigen vraag"))


def test_download_holds_account_plan_scans_key_figures_and_questions(client):
    user = UserFactory(role="werkgever", email="anna@example.nl")
    _owned_things(client, user)
    response = client.get(reverse("accounts:my_data"))
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    data = json.loads(response.content)
    assert data["account"]["e-mailadres"] == "anna@example.nl"
    assert data["mijn_menukaart"][0]["maatregel"] == "Buddy"
    assert len(data["zelfscans"][0]["antwoorden"]) == len(selfscan.QUESTIONS)
    assert data["kerncijfers"][0]["inflow"] == 3
    assert data["helpdesk"]["vragen"][0]["vraag"] == "Onze eigen vraag"


def test_delete_page_says_what_happens_to_plans_scans_questions_and_memberships(client):
    client.force_login(UserFactory(role="werkgever"))
    content = client.get(DELETE).content.decode()
    parts = ("Mijn menukaart", "Zelfscans", "Vragen aan de helpdesk", "Doe-netwerken", "E-mails")
    assert 'autocomplete="current-password"' in content
    for part in parts:
        assert part in content


def test_wrong_password_deletes_nothing(client):
    user = UserFactory(role="werkgever")
    client.force_login(user)
    response = client.post(DELETE, {"password": "fout"})
    assert response.status_code == 400
    assert "Dit wachtwoord klopt niet." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_the_account_removes_plan_scans_key_figures_and_personal_data_of_questions(client):
    user = UserFactory(role="werkgever", email="anna@example.nl")
    _owned_things(client, user)
    other = UserFactory(role="werkgever")
    _owned_things(client, other)
    client.force_login(user)
    response = client.post(DELETE, {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Plan.objects.filter(user_id=user.pk).exists()
    assert not Scan.objects.filter(user_id=user.pk).exists()
    assert ScanAnswer.objects.count() == len(selfscan.QUESTIONS)  # only the other account's
    assert KeyFigure.objects.count() == 1
    ticket = Ticket.objects.exclude(requester_user=other).get()
    assert ticket.contact_email != "anna@example.nl" and "Onze eigen vraag" not in ticket.question
    assert Ticket.objects.get(requester_user=other).question == "Onze eigen vraag"
    assert client.get(PROFILE).status_code == 302  # logged out


def test_deleting_the_account_removes_its_e_mails_and_its_part_in_the_networks(client, caplog):
    """What the privacy statement says goes with the account: the e-mails to it (sent or waiting),
    memberships, meeting sign-ups, posts and reports; a shared resource stays without the name."""
    import logging

    from communities import services as community_services
    from communities.models import MeetingRegistration, Membership, Post, PostReport
    from core.models import OutboxMessage
    from core.outbox import queue_mail
    from tests.communities.factories import MeetingFactory, MembershipFactory, PostFactory, ResourceFactory

    user = UserFactory(role="werkgever", email="anna@example.nl")
    membership = MembershipFactory(user=user)
    network = membership.network
    community_services.register_for_meeting(meeting=MeetingFactory(network=network), user=user)
    post = PostFactory(network=network, author=user)
    others_post = PostFactory(network=network)
    PostReport.objects.create(post=others_post, reporter=user, reason="Klopt niet")
    resource = ResourceFactory(network=network, added_by=user)
    waiting = queue_mail(
        to="Anna@example.nl", subject="Wachtwoord", template="registration/password_reset_email.txt", context={}
    )
    to_someone_else = queue_mail(
        to="bert@example.nl", subject="Iets", template="registration/password_reset_email.txt", context={}
    )
    assert OutboxMessage.objects.filter(to__iexact="anna@example.nl").count() == 2  # and the sign-up confirmation

    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="portal.security"):
        assert client.post(DELETE, {"password": TEST_PASSWORD}).status_code == 302

    assert not OutboxMessage.objects.filter(to__iexact="anna@example.nl").exists()
    assert not OutboxMessage.objects.filter(pk=waiting.pk).exists()
    assert OutboxMessage.objects.filter(pk=to_someone_else.pk).exists()
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not MeetingRegistration.objects.filter(user_id=user.pk).exists()
    assert not Post.objects.filter(pk=post.pk).exists() and Post.objects.filter(pk=others_post.pk).exists()
    assert not PostReport.objects.exists()
    resource.refresh_from_db()
    assert resource.added_by is None
    assert f"account deleted: user={user.pk} reason=own request" in caplog.text
