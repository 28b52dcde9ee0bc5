"""Van les naar menukaart: a coordinator proposes a lesson, editors review it, the measure shows
the network it came from (the menukaart imports nothing from communities)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from communities.models import Proposal, ProposalKind, ProposalStatus
from tests.communities.conftest import outbox_to
from tests.communities.factories import LessonFactory, NetworkFactory, ProposalFactory
from tests.menukaart.factories import MeasureFactory


@pytest.mark.django_db
def test_coordinator_turns_a_lesson_into_a_proposal(client, network, coordinator):
    lesson = LessonFactory(network=network)
    client.force_login(coordinator)
    url = reverse("communities:lesson_propose", args=[network.slug, lesson.pk])
    assert lesson.title in client.get(url).content.decode()
    response = client.post(url, {"kind": "nieuw", "title": "Vaste vragenlijst", "body": "Voorstel."})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.lesson == lesson and proposal.network == network
    assert proposal.status == ProposalStatus.SUBMITTED


@pytest.mark.django_db
def test_a_change_must_name_the_measure(client, network, coordinator):
    lesson = LessonFactory(network=network)
    client.force_login(coordinator)
    url = reverse("communities:lesson_propose", args=[network.slug, lesson.pk])
    response = client.post(url, {"kind": "wijziging", "title": "Aanpassen", "body": "x"})
    assert response.status_code == 400
    assert "Kies de maatregel die je wilt laten aanpassen." in response.content.decode()
    response = client.post(url, {"kind": "wijziging", "measure": "999999", "title": "Aanpassen", "body": "x"})
    assert response.status_code == 400
    assert "Kies een maatregel uit de lijst." in response.content.decode()


@pytest.mark.django_db
def test_a_member_cannot_propose(client, network, member):
    lesson = LessonFactory(network=network)
    client.force_login(member)
    assert client.get(reverse("communities:lesson_propose", args=[network.slug, lesson.pk])).status_code == 404


@pytest.mark.django_db
def test_editor_accepts_and_the_measure_page_names_the_network(client, network, coordinator, editor):
    measure = MeasureFactory(title="Gestructureerd interview")
    proposal = ProposalFactory(network=network)
    client.force_login(editor)
    assert proposal.title in client.get(reverse("communities:proposal_review_list")).content.decode()
    response = client.post(
        reverse("communities:proposal_review", args=[proposal.pk]),
        {"decision": "accept", "measure": measure.pk, "note": "Verwerkt in de stappen."},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.measure == measure
    assert "Gestructureerd interview" in outbox_to(coordinator.email)[0].body
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Uit de doe-netwerken" in page
    assert network.get_absolute_url() in page


@pytest.mark.django_db
def test_declined_or_pending_proposals_do_not_show_on_the_measure(client, network, editor):
    measure = MeasureFactory()
    ProposalFactory(network=network, kind=ProposalKind.CHANGE, measure=measure)
    assert "Uit de doe-netwerken" not in client.get(measure.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_declining_needs_a_note(client, network, editor):
    proposal = ProposalFactory(network=network)
    client.force_login(editor)
    response = client.post(
        reverse("communities:proposal_review", args=[proposal.pk]), {"decision": "decline", "note": ""}
    )
    assert response.status_code == 400
    assert "Schrijf kort waarom het voorstel niet wordt overgenomen." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "member", "outsider"])
def test_only_editors_review(client, request, network, role):
    proposal = ProposalFactory(network=NetworkFactory())
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("communities:proposal_review_list")).status_code == 403
    assert client.get(reverse("communities:proposal_review", args=[proposal.pk])).status_code == 403


def test_menukaart_and_helpdesk_do_not_import_communities():
    """The dependency graph stays one-way: communities reads the menukaart, never the reverse."""
    for app in ("menukaart", "helpdesk"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                assert not any(name.split(".")[0] == "communities" for name in names), f"{path} imports communities"
