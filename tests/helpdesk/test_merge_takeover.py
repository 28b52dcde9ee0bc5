"""Issue 7, finding 2: a merge must never hand one requester's thread to a stranger.

Anyone can ask a question giving someone else's e-mail address. When an advisor then merges the
stranger's ticket with the victim's (same address, so it looks like one requester), the stranger's
follow link must still show only the stranger's own ticket, in either merge direction.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpdesk import services
from helpdesk.models import Attachment, Message, MessageKind
from tests.factories import UserFactory
from tests.helpdesk.factories import TicketFactory

pytestmark = pytest.mark.django_db


def pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 vertrouwelijk", content_type="application/pdf")


@pytest.fixture
def victim_and_stranger(adviseur):
    """The victim's real question (answered, with an attachment) and a stranger's question with the
    victim's address, each with its own follow link."""
    victim = TicketFactory(contact_email="directie@bouw.example", question="VRAAG-VAN-HET-SLACHTOFFER")
    services.requester_reply(ticket=victim, body="BERICHT-VAN-HET-SLACHTOFFER", files=[pdf("loonstrook.pdf")])
    Message.objects.create(ticket=victim, kind=MessageKind.REPLY, author=adviseur, body="ANTWOORD-AAN-SLACHTOFFER")
    stranger = TicketFactory(contact_email="Directie@Bouw.example", question="Vraag van een vreemde")
    return (
        victim,
        services.issue_access_token(ticket=victim),
        stranger,
        services.issue_access_token(ticket=stranger),
    )


def test_strangers_follow_link_never_shows_the_ticket_it_was_merged_into(client, adviseur, victim_and_stranger):
    victim, _victim_token, stranger, stranger_token = victim_and_stranger
    services.merge_tickets(source=stranger, target=victim, by=adviseur)

    response = client.get(reverse("helpdesk:follow", args=[stranger_token]))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["ticket"] == stranger
    for secret in (
        "VRAAG-VAN-HET-SLACHTOFFER",
        "BERICHT-VAN-HET-SLACHTOFFER",
        "ANTWOORD-AAN-SLACHTOFFER",
        victim.reference,
    ):
        assert secret not in html
    assert "Deze vraag is samengevoegd met een andere vraag" in html
    attachment = Attachment.objects.get(original_name="loonstrook.pdf")
    assert client.get(reverse("helpdesk:follow_attachment", args=[stranger_token, attachment.pk])).status_code == 404


def test_stranger_cannot_post_into_the_victims_thread_after_a_merge(client, adviseur, victim_and_stranger):
    victim, _victim_token, stranger, stranger_token = victim_and_stranger
    services.merge_tickets(source=stranger, target=victim, by=adviseur)
    before = victim.messages.count()
    response = client.post(reverse("helpdesk:follow_reply", args=[stranger_token]), {"body": "Ik ben het echt"})
    assert response.status_code == 404
    assert victim.messages.count() == before
    assert not Message.objects.filter(body="Ik ben het echt").exists()


def test_reverse_merge_routes_none_of_the_victims_later_replies_to_the_stranger(client, adviseur, victim_and_stranger):
    victim, victim_token, stranger, stranger_token = victim_and_stranger
    services.merge_tickets(source=victim, target=stranger, by=adviseur)

    # The victim's link still shows the victim's own (now closed) ticket, not the stranger's.
    response = client.get(reverse("helpdesk:follow", args=[victim_token]))
    assert response.context["ticket"] == victim
    assert "Vraag van een vreemde" not in response.content.decode()
    # A reply through it is not accepted into the stranger's thread...
    client.post(reverse("helpdesk:follow_reply", args=[victim_token]), {"body": "LATER-BERICHT-SLACHTOFFER"})
    assert not stranger.messages.filter(body="LATER-BERICHT-SLACHTOFFER").exists()
    # ...and the stranger's link shows nothing of the victim.
    html = client.get(reverse("helpdesk:follow", args=[stranger_token])).content.decode()
    for secret in ("VRAAG-VAN-HET-SLACHTOFFER", "BERICHT-VAN-HET-SLACHTOFFER", "LATER-BERICHT-SLACHTOFFER"):
        assert secret not in html


def test_my_questions_leads_to_the_target_only_for_the_same_account(client, adviseur, werkgever):
    source = TicketFactory(requester_user=werkgever, contact_email="een@example.nl")
    target = TicketFactory(requester_user=werkgever, contact_email="een@example.nl")
    services.merge_tickets(source=source, target=target, by=adviseur)
    client.force_login(werkgever)
    response = client.get(reverse("helpdesk:my_ticket", args=[source.reference]))
    assert response["Location"] == reverse("helpdesk:my_ticket", args=[target.reference])

    stranger = UserFactory(role="werkgever")
    other_source = TicketFactory(requester_user=stranger, contact_email="een@example.nl")
    services.merge_tickets(source=other_source, target=target, by=adviseur)
    client.force_login(stranger)
    response = client.get(reverse("helpdesk:my_ticket", args=[other_source.reference]))
    assert response.status_code == 200
    assert response.context["ticket"] == other_source


def test_merge_form_says_what_a_merge_shares(client, adviseur):
    ticket = TicketFactory()
    client.force_login(adviseur)
    html = client.get(reverse("helpdesk:ticket_detail", args=[ticket.reference])).content.decode()
    assert "Er wordt niets gedeeld" in html
    assert "elke volglink toont alleen de vraag waarvoor die is gemaakt" in html
    assert "Een gelijk e-mailadres bewijst niet dat het dezelfde persoon is" in html
