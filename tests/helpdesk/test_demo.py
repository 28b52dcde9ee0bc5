import pytest
from django.core.management import call_command

from accounts.services import load_demo_users, load_organisations
from core.models import OutboxMessage, OutboxStatus
from helpdesk.models import OutcomeCategory, StandardAnswer, Ticket, TicketStatus


@pytest.mark.django_db
def test_load_helpdesk_demo_is_idempotent_and_sends_no_mail(mailoutbox, django_capture_on_commit_callbacks):
    load_organisations()
    load_demo_users(password="een-lang-demo-wachtwoord")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_helpdesk_demo", verbosity=0)
        call_command("load_helpdesk_demo", verbosity=0)
    assert Ticket.objects.count() == 10
    assert {t.status for t in Ticket.objects.all()} == set(TicketStatus.values)
    assert Ticket.objects.filter(referring_organisation__slug="abu").exists()
    assert Ticket.objects.filter(referring_organisation__slug="awvn").exists()
    assert OutcomeCategory.objects.count() == 5 and StandardAnswer.objects.count() == 3
    assert not OutboxMessage.objects.exclude(status=OutboxStatus.SENT).exists()
    assert mailoutbox == []
    # The demo employer finds two questions under "Mijn vragen".
    assert Ticket.objects.filter(requester_user__username="werkgever", channel="web").count() == 2
