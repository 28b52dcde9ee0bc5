"""E-mail subjects and the audit trail's system actors are translated like the rest of the helpdesk."""

from django.utils import translation

from core.models import OutboxMessage
from helpdesk import services
from helpdesk.models import AuditEvent


def _ask():
    return services.submit_question(
        subject="Diversiteit in ons team",
        question="Hoe bespreken wij culturele diversiteit in het team?",
        employer_name="Bakkerij Mol",
        contact_name="Fatima Mol",
        contact_email="fatima@bakkerij.example",
        consent_processing=True,
    )


def test_subjects_are_dutch_by_default(db):
    ticket, _token = _ask()
    subjects = set(OutboxMessage.objects.about(ticket).values_list("subject", flat=True))
    assert subjects == {f"[{ticket.reference}] Je vraag is ontvangen", f"[{ticket.reference}] Nieuwe vraag"}


def test_subjects_follow_the_active_language(db):
    with translation.override("en"):
        ticket, _token = _ask()
    subjects = set(OutboxMessage.objects.about(ticket).values_list("subject", flat=True))
    assert subjects == {f"[{ticket.reference}] We have received your question", f"[{ticket.reference}] New question"}


def test_system_actors_are_stored_in_dutch_and_shown_translated(db):
    ticket, _token = _ask()
    event = AuditEvent.objects.get(ticket=ticket)
    assert event.actor_label == services.REQUESTER_LABEL == "vragensteller (volglink)"
    assert event.actor_display == "vragensteller (volglink)"
    with translation.override("en"):
        assert event.actor_display == "requester (follow link)"
        assert AuditEvent(actor_label="adviseur").actor_display == "adviseur"
