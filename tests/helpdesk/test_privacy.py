"""Retention, export, erasure, and escaping of everything a user typed."""

import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from helpdesk import services
from helpdesk.models import Attachment, AuditAction, AuditEvent, MessageKind, Ticket, TicketStatus
from helpdesk.tasks import pseudonymise_expired_tickets
from tests.helpdesk.factories import TicketFactory

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script>'


def closed_ticket(outcome, *, months_ago: int, **fields):
    ticket = TicketFactory(status=TicketStatus.CLOSED, outcome=outcome, **fields)
    Ticket.objects.filter(pk=ticket.pk).update(closed_at=timezone.now() - timedelta(days=31 * months_ago))
    ticket.refresh_from_db()
    return ticket


def test_pseudonymisation_after_retention_keeps_statistics(outcome, adviseur, theme, settings):
    settings.HELPDESK_RETENTION_MONTHS = 24
    old = TicketFactory(sector="F", size_band="10-49", province="utrecht")
    old.themes.add(theme)
    services.reply(ticket=old, by=adviseur, body="Antwoord met naam Jan")
    Ticket.objects.filter(pk=old.pk).update(
        status=TicketStatus.CLOSED, outcome=outcome, closed_at=timezone.now() - timedelta(days=800)
    )
    services.record_feedback(ticket=old, helpful=True, reason="Jan vond het goed")
    services.issue_access_token(ticket=old)
    recent = closed_ticket(outcome, months_ago=23)
    assert pseudonymise_expired_tickets() == 1
    old.refresh_from_db()
    assert old.pseudonymised_at is not None
    assert old.contact_email == "" and old.contact_name == services.PSEUDONYM
    assert old.employer_name == services.PSEUDONYM and old.question == services.PSEUDONYM
    assert (old.sector, old.size_band, old.province, old.outcome) == ("F", "10-49", "utrecht", outcome)
    assert theme in old.themes.all()
    assert old.feedback.helpful is True and old.feedback.reason == ""
    assert not old.messages.exclude(body=services.PSEUDONYM).exists()
    assert not old.access_tokens.exists()
    assert AuditEvent.objects.filter(ticket=old, action=AuditAction.PSEUDONYMISED).exists()
    recent.refresh_from_db()
    assert recent.pseudonymised_at is None and recent.contact_email
    assert pseudonymise_expired_tickets() == 0  # idempotent


def test_pseudonymisation_removes_attachment_files(outcome, adviseur, django_capture_on_commit_callbacks):
    ticket = TicketFactory()
    message = services.add_note(ticket=ticket, by=adviseur, body="bijlage")
    attachment = Attachment.objects.create(
        message=message,
        file=ContentFile(b"%PDF-1.4", name="a.pdf"),
        original_name="a.pdf",
        content_type="application/pdf",
        size=8,
    )
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    services.close_ticket(ticket=ticket, by=adviseur, outcome=outcome)
    Ticket.objects.filter(pk=ticket.pk).update(closed_at=timezone.now() - timedelta(days=800))
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the deletion commits
        pseudonymise_expired_tickets()
    assert not storage.exists(name)
    assert not Attachment.objects.exists()


def test_export_and_erase_a_requesters_data(adviseur, superuser):
    mine = TicketFactory(contact_email="Anna@Example.nl")
    services.add_note(ticket=mine, by=adviseur, body="interne notitie")
    services.reply(ticket=mine, by=adviseur, body="antwoord")
    other = TicketFactory(contact_email="bob@example.nl")
    data = services.export_requester_data(email="anna@example.nl", by=superuser)
    assert [q["vraagnummer"] for q in data["vragen"]] == [mine.reference]
    assert [m["tekst"] for m in data["vragen"][0]["berichten"]] == ["antwoord"]  # notes are internal
    json.dumps(data)
    assert services.erase_requester_data(email="anna@example.nl", by=superuser) == 1
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.contact_email == "" and mine.pseudonymised_at
    assert other.contact_email == "bob@example.nl"
    assert AuditEvent.objects.filter(ticket=mine, action=AuditAction.ERASED, actor=superuser).exists()


def test_admin_actions_export_and_erase(client, superuser):
    ticket = TicketFactory(contact_email="anna@example.nl")
    client.force_login(superuser)
    url = reverse("admin:helpdesk_ticket_changelist")
    response = client.post(url, {"action": "export_requester", "_selected_action": [ticket.pk]})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)[0]["vragen"][0]["vraagnummer"] == ticket.reference
    response = client.post(url, {"action": "erase_requester", "_selected_action": [ticket.pk]})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.pseudonymised_at is not None


def test_script_payloads_in_every_field_are_rendered_escaped(client, adviseur, partner_abu, measure):
    fields = {name: PAYLOAD for name in ("subject", "question", "employer_name", "contact_name", "contact_phone")}
    ticket, token = services.submit_question(**fields, contact_email="x@example.nl", consent_processing=True)
    Ticket.objects.filter(pk=ticket.pk).update(
        referring_organisation=partner_abu.organisation, consent_share_with_partner=True, channel="doorverwijzing"
    )
    services.reply(ticket=ticket, by=adviseur, body=PAYLOAD, measures=[measure])
    services.add_note(ticket=ticket, by=adviseur, body=PAYLOAD)
    services.requester_reply(ticket=ticket, body=PAYLOAD)
    pages = []
    client.force_login(adviseur)
    pages.append(client.get(reverse("helpdesk:ticket_detail", args=[ticket.reference])))
    pages.append(client.get(reverse("helpdesk:queue")))
    client.force_login(partner_abu)
    pages.append(client.get(reverse("helpdesk:referral_list")))
    pages.append(client.get(reverse("helpdesk:referral_detail", args=[ticket.reference])))
    client.logout()
    pages.append(client.get(reverse("helpdesk:follow", args=[token])))
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_script_payload_in_the_public_form_is_escaped_when_redisplayed(client):
    response = client.post(reverse("helpdesk:ask"), {"action": "submit", "subject": PAYLOAD, "question": PAYLOAD})
    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()


def test_notes_never_reach_the_requester_export(adviseur):
    ticket = TicketFactory()
    services.add_note(ticket=ticket, by=adviseur, body="geheim")
    data = services.export_requester_data(email=ticket.contact_email, by=adviseur)
    assert all(m["soort"] != MessageKind.NOTE for m in data["vragen"][0]["berichten"])


def test_opening_a_ticket_in_the_admin_is_audited(client, superuser, adviseur):
    ticket = TicketFactory()
    client.force_login(superuser)
    assert client.get(reverse("admin:helpdesk_ticket_change", args=[ticket.pk])).status_code == 200
    assert AuditEvent.objects.filter(ticket=ticket, action=AuditAction.VIEWED, actor=superuser).exists()
    client.force_login(adviseur)  # advisors work in the queue, not in the ticket admin
    assert client.get(reverse("admin:helpdesk_ticket_change", args=[ticket.pk])).status_code in {302, 403}
    assert not AuditEvent.objects.filter(ticket=ticket, actor=adviseur).exists()


@pytest.mark.parametrize("how", ["retention", "erasure"])
def test_audit_trail_no_longer_names_the_requesters_account_after_pseudonymisation(client, werkgever, outcome, how):
    """Regression (review I1): events of a logged-in requester kept actor=user and the username."""
    werkgever.username = "jan.jansen@bakkerij.example"
    werkgever.save()
    ticket = TicketFactory(requester_user=werkgever, contact_email="jan@bakkerij.example")
    other = TicketFactory(requester_user=werkgever, contact_email="ander@bakkerij.example")
    client.force_login(werkgever)
    for each in (ticket, other):
        assert client.get(reverse("helpdesk:my_ticket", args=[each.reference])).status_code == 200
    assert AuditEvent.objects.filter(ticket=ticket, actor=werkgever).exists()
    if how == "retention":
        Ticket.objects.filter(pk=ticket.pk).update(
            status=TicketStatus.CLOSED, outcome=outcome, closed_at=timezone.now() - timedelta(days=800)
        )
        assert services.pseudonymise_expired() == 1
    else:
        services.erase_requester_data(email="jan@bakkerij.example", by=None)
    ticket.refresh_from_db()
    assert ticket.requester_user is None
    events = AuditEvent.objects.filter(ticket=ticket)
    assert not events.filter(actor=werkgever).exists()
    assert not events.filter(actor_label__icontains="bakkerij").exists()
    assert events.filter(action=AuditAction.VIEWED, actor_label=services.REQUESTER_LABEL).exists()
    # The requester's other, not pseudonymised ticket keeps its trail.
    assert AuditEvent.objects.filter(ticket=other, actor=werkgever).exists()


@pytest.mark.parametrize("how", ["retention", "erasure"])
def test_outbox_errors_hold_no_address_and_are_cleared(submitted, superuser, outcome, monkeypatch, caplog, how):
    """Regression (review I4): SMTP errors quote the recipient; they stayed in last_error and the log."""
    import smtplib

    from core import delivery
    from core.models import OutboxMessage

    ticket, _token = submitted

    def refused(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({self.to[0]: (550, b"unknown user fatima@bakkerij.example")})

    monkeypatch.setattr(delivery.EmailMessage, "send", refused)
    message = OutboxMessage.objects.get(to="fatima@bakkerij.example")
    OutboxMessage.objects.filter(pk=message.pk).update(status="wachtend", sent_at=None)
    assert delivery.deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert message.last_error == "SMTPRecipientsRefused (550)"
    assert "fatima" not in caplog.text and "SMTPRecipientsRefused (550)" in caplog.text
    OutboxMessage.objects.filter(pk=message.pk).update(
        last_error="oud: fatima@bakkerij.example", private_link="https://portal.example/helpdesk/volg/geheim/"
    )
    if how == "retention":
        Ticket.objects.filter(pk=ticket.pk).update(
            status=TicketStatus.CLOSED, outcome=outcome, closed_at=timezone.now() - timedelta(days=800)
        )
        assert services.pseudonymise_expired() == 1
    else:
        services.erase_requester_data(email="fatima@bakkerij.example", by=superuser)
    assert not OutboxMessage.objects.filter(last_error__contains="fatima").exists()
    assert not OutboxMessage.objects.about(ticket).exclude(private_link="").exists()
    assert not OutboxMessage.objects.about(ticket).exclude(to="").exists()


def untouched(ticket, days):
    Ticket.objects.filter(pk=ticket.pk).update(updated_at=timezone.now() - timedelta(days=days))


def test_answered_and_waiting_tickets_close_after_inactivity_and_then_reach_retention(settings, outcome):
    """Regression (review I5): tickets never closed were never pseudonymised."""
    settings.HELPDESK_AUTO_CLOSE_DAYS = 30
    answered = TicketFactory(status=TicketStatus.ANSWERED)
    waiting = TicketFactory(status=TicketStatus.WAITING)
    recent = TicketFactory(status=TicketStatus.ANSWERED)
    in_progress = TicketFactory(status=TicketStatus.IN_PROGRESS)
    for ticket in (answered, waiting, in_progress):
        untouched(ticket, 31)
    untouched(recent, 29)
    assert pseudonymise_expired_tickets() == 0
    for ticket in (answered, waiting):
        ticket.refresh_from_db()
        assert ticket.status == TicketStatus.CLOSED and ticket.closed_at is not None
        assert ticket.outcome.slug == services.AUTO_CLOSE_OUTCOME_SLUG and not ticket.outcome.is_active
        event = ticket.audit_events.get(action=AuditAction.CLOSED)
        assert event.actor is None and event.actor_label == services.SYSTEM_LABEL
        assert event.detail["status_from"] in (TicketStatus.ANSWERED, TicketStatus.WAITING)
    for ticket in (recent, in_progress):
        ticket.refresh_from_db()
        assert ticket.status != TicketStatus.CLOSED
    # A retention period later the nightly task pseudonymises them.
    Ticket.objects.filter(pk__in=[answered.pk, waiting.pk]).update(closed_at=timezone.now() - timedelta(days=800))
    assert pseudonymise_expired_tickets() == 2
    assert services.close_inactive() == 0


def test_auto_close_can_be_switched_off(settings):
    settings.HELPDESK_AUTO_CLOSE_DAYS = 0
    ticket = TicketFactory(status=TicketStatus.ANSWERED)
    untouched(ticket, 400)
    assert services.close_inactive() == 0
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.ANSWERED
