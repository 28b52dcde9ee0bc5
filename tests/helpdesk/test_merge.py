"""Merging duplicates: only tickets of the same requester, partner and consent; nothing leaks between them."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from helpdesk import permissions, services
from helpdesk.forms import MergeForm
from helpdesk.models import Attachment, Ticket, TicketStatus
from tests.accounts.factories import TEST_PASSWORD
from tests.helpdesk.factories import ReferralFactory, TicketFactory

pytestmark = pytest.mark.django_db


def pdf(name="a.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 secret", content_type="application/pdf")


def merge_form(source, target):
    form = MergeForm({"target": target.reference}, ticket=source)
    return form.is_valid(), form.errors.get("target", [""])[0]


def test_tickets_of_different_requesters_are_not_merged(adviseur):
    source = TicketFactory(contact_email="a@example.nl")
    target = TicketFactory(contact_email="b@example.nl")
    valid, error = merge_form(source, target)
    assert not valid and "andere vragensteller" in error
    with pytest.raises(services.MergeNotAllowed):
        services.merge_tickets(source=source, target=target, by=adviseur)
    source.refresh_from_db()
    assert source.merged_into is None and source.status == TicketStatus.NEW


def test_tickets_without_e_mail_address_are_not_one_requester(adviseur):
    source = TicketFactory(contact_email="")
    target = TicketFactory(contact_email="")
    assert merge_form(source, target)[0] is False
    with pytest.raises(services.MergeNotAllowed):
        services.merge_tickets(source=source, target=target, by=adviseur)


def test_same_e_mail_address_in_other_case_or_same_account_may_be_merged(adviseur, werkgever):
    assert merge_form(TicketFactory(contact_email="A@Example.nl"), TicketFactory(contact_email="a@example.nl "))[0]
    source = TicketFactory(requester_user=werkgever, contact_email="een@example.nl")
    target = TicketFactory(requester_user=werkgever, contact_email="twee@example.nl")
    assert merge_form(source, target)[0]
    services.merge_tickets(source=source, target=target, by=adviseur)
    source.refresh_from_db()
    assert source.merged_into == target


def test_referrals_of_other_partners_or_with_other_consent_are_not_merged(adviseur, partner_abu, partner_awvn):
    abu = ReferralFactory(referring_organisation=partner_abu.organisation, contact_email="a@example.nl")
    awvn = ReferralFactory(referring_organisation=partner_awvn.organisation, contact_email="a@example.nl")
    valid, error = merge_form(abu, awvn)
    assert not valid and "andere partner" in error
    no_consent = ReferralFactory(
        referring_organisation=partner_abu.organisation, contact_email="a@example.nl", consent_share_with_partner=False
    )
    valid, error = merge_form(no_consent, abu)
    assert not valid and "toestemming" in error
    direct = TicketFactory(contact_email="a@example.nl")
    assert not merge_form(direct, abu)[0]
    for source, target in [(abu, awvn), (no_consent, abu), (direct, abu)]:
        with pytest.raises(services.MergeNotAllowed):
            services.merge_tickets(source=source, target=target, by=adviseur)


def test_merge_page_explains_a_refusal(client, adviseur):
    source = TicketFactory(contact_email="a@example.nl")
    target = TicketFactory(contact_email="b@example.nl")
    client.force_login(adviseur)
    response = client.post(reverse("helpdesk:ticket_merge", args=[source.reference]), {"target": target.reference})
    assert response.status_code == 400
    assert "andere vragensteller" in response.content.decode()


def test_merged_duplicates_thread_stays_on_the_duplicate_and_is_linked_for_advisors(client, adviseur):
    source = TicketFactory(contact_email="a@example.nl")
    target = TicketFactory(contact_email="a@example.nl")
    services.requester_reply(ticket=source, body="Tweede bericht", files=[pdf("tweede.pdf")])
    services.merge_tickets(source=source, target=target, by=adviseur)
    assert Attachment.objects.get(original_name="tweede.pdf").message.ticket == source
    client.force_login(adviseur)
    body = client.get(reverse("helpdesk:ticket_detail", args=[target.reference])).content.decode()
    assert f'href="{source.get_absolute_url()}"' in body
    assert "Tweede bericht" not in body


def test_follow_link_of_another_requester_never_shows_a_merged_thread(client, adviseur):
    """Regression (review C1): the target's follow link showed the merged source's messages."""
    source = TicketFactory(contact_email="a@example.nl")
    target = TicketFactory(contact_email="b@example.nl")
    services.requester_reply(ticket=source, body="GEHEIM-VAN-ANNA", files=[pdf("anna.pdf")])
    token_b = services.issue_access_token(ticket=target)
    with pytest.raises(services.MergeNotAllowed):
        services.merge_tickets(source=source, target=target, by=adviseur)
    assert "GEHEIM-VAN-ANNA" not in client.get(reverse("helpdesk:follow", args=[token_b])).content.decode()
    attachment = Attachment.objects.get(original_name="anna.pdf")
    response = client.get(reverse("helpdesk:follow_attachment", args=[token_b, attachment.pk]))
    assert response.status_code == 404


def test_same_requester_merge_shows_no_other_requesters_data_on_the_follow_page(client, adviseur):
    source = TicketFactory(contact_email="a@example.nl")
    target = TicketFactory(contact_email="a@example.nl")
    other = TicketFactory(contact_email="b@example.nl")
    services.requester_reply(ticket=other, body="VAN-IEMAND-ANDERS")
    services.merge_tickets(source=source, target=target, by=adviseur)
    token = services.issue_access_token(ticket=target)
    assert "VAN-IEMAND-ANDERS" not in client.get(reverse("helpdesk:follow", args=[token])).content.decode()


def test_partner_without_consent_never_sees_another_partners_referral(client, adviseur, partner_abu, partner_awvn):
    """Regression (review C2)."""
    source = ReferralFactory(
        referring_organisation=partner_abu.organisation,
        referred_by=partner_abu,
        consent_share_with_partner=False,
        contact_email="a@example.nl",
    )
    services.requester_reply(ticket=source, body="ABU-LID-GEHEIM")
    target = ReferralFactory(
        referring_organisation=partner_awvn.organisation, referred_by=partner_awvn, contact_email="a@example.nl"
    )
    with pytest.raises(services.MergeNotAllowed):
        services.merge_tickets(source=source, target=target, by=adviseur)
    client.login(username=partner_awvn.username, password=TEST_PASSWORD)
    response = client.get(reverse("helpdesk:referral_detail", args=[target.reference]))
    assert "ABU-LID-GEHEIM" not in response.content.decode()


def pseudonymise(ticket, outcome):
    Ticket.objects.filter(pk=ticket.pk).update(
        status=TicketStatus.CLOSED, outcome=outcome, closed_at=timezone.now() - timedelta(days=800)
    )
    assert services.pseudonymise_expired() == 1
    ticket.refresh_from_db()


def test_pseudonymised_tickets_are_never_merged(adviseur, outcome):
    """Regression (review C3): a merge into a pseudonymised ticket kept the data forever."""
    target = TicketFactory(contact_email="a@example.nl")
    pseudonymise(target, outcome)
    source = TicketFactory(contact_email="a@example.nl")
    assert not permissions.can_merge(adviseur, target)
    assert permissions.can_merge(adviseur, source)
    valid, error = merge_form(source, target)
    assert not valid and "Er is geen" in error
    with pytest.raises(services.MergeNotAllowed):
        services.merge_tickets(source=source, target=target, by=adviseur)
    with pytest.raises(services.MergeNotAllowed):
        services.merge_tickets(source=target, target=source, by=adviseur)


def test_merge_note_names_only_the_reference(adviseur):
    source = TicketFactory(contact_email="a@example.nl", subject="Over mijn zieke collega Piet", question="Piet ...")
    target = TicketFactory(contact_email="a@example.nl")
    services.merge_tickets(source=source, target=target, by=adviseur)
    assert not target.messages.filter(body__contains="Piet").exists()


def test_erasure_after_a_merge_leaves_nothing_of_the_requester(adviseur, superuser, werkgever):
    """Regression (review C3): merged messages survived the erasure of the source's requester."""
    source = TicketFactory(contact_email="a@example.nl", question="Vraag van Anna over haar collega Piet")
    target = TicketFactory(contact_email="A@example.nl")
    services.requester_reply(ticket=source, body="Anna's extra bericht")
    services.merge_tickets(source=source, target=target, by=adviseur)
    services.erase_requester_data(email="a@example.nl", by=superuser)
    for ticket in (source, target):
        ticket.refresh_from_db()
        assert ticket.pseudonymised_at is not None
    assert not Ticket.objects.filter(pk__in=[source.pk, target.pk], question__contains="Piet").exists()
    assert not source.messages.filter(body__contains="Anna").exists()
    assert not target.messages.filter(body__contains="Anna").exists()
    # Same account, other e-mail addresses: erasing one address leaves the other ticket's own
    # thread only; nothing of the erased ticket was moved onto it.
    one = TicketFactory(requester_user=werkgever, contact_email="een@example.nl")
    two = TicketFactory(requester_user=werkgever, contact_email="twee@example.nl")
    services.requester_reply(ticket=one, body="Bericht van een")
    services.merge_tickets(source=one, target=two, by=adviseur)
    services.erase_requester_data(email="een@example.nl", by=superuser)
    assert not two.messages.filter(body__contains="Bericht van een").exists()
    assert not one.messages.filter(body__contains="Bericht van een").exists()
