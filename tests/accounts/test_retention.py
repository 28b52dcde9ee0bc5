"""Unused accounts are not kept for ever (accounts.retention): sign-ups never verified go after a
few days; employer accounts unused for ACCOUNT_INACTIVE_DELETE_DAYS go after an e-mail warning;
staff accounts never."""

import logging
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from accounts import retention, signup
from accounts.models import Organisation, User
from accounts.tasks import delete_inactive_accounts
from core.models import OutboxMessage, OutboxStatus
from helpdesk.models import Ticket
from helpdesk.services import PSEUDONYM
from menukaart.models import Plan
from tests.factories import UserFactory
from tests.helpdesk.factories import TicketFactory

pytestmark = pytest.mark.django_db

DELETE_DAYS = 730
WARNING_DAYS = 30


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.ACCOUNT_INACTIVE_DELETE_DAYS = DELETE_DAYS
    settings.ACCOUNT_INACTIVE_WARNING_DAYS = WARNING_DAYS
    settings.ACCOUNT_UNVERIFIED_DELETE_DAYS = 7


def employer(*, unused_days: int, **kwargs) -> User:
    """An employer account whose last log-in was `unused_days` ago."""
    moment = timezone.now() - timedelta(days=unused_days)
    user = UserFactory(role="werkgever", **kwargs)
    User.objects.filter(pk=user.pk).update(last_login=moment, date_joined=moment - timedelta(days=10))
    user.refresh_from_db()
    return user


def warnings_to(user: User) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.about(user).filter(subject__contains="binnenkort verwijderd"))


def test_an_employer_unused_almost_the_whole_period_is_warned_once():
    user = employer(unused_days=DELETE_DAYS - WARNING_DAYS + 1, email="anna@example.nl")
    assert retention.warn_inactive_accounts() == 1
    [warning] = warnings_to(user)
    assert warning.to == "anna@example.nl"
    deadline = timezone.localdate() + timedelta(days=WARNING_DAYS)
    from django.utils import formats

    assert f"vóór {formats.date_format(deadline, 'j F Y')}" in warning.body
    assert "/account/inloggen/" in warning.body and "2 jaar niet wordt gebruikt" in warning.body
    user.refresh_from_db()
    assert user.inactivity_warned_at is not None
    assert retention.warn_inactive_accounts() == 0  # once per inactive period
    assert len(warnings_to(user)) == 1


def test_recently_used_accounts_are_not_warned():
    employer(unused_days=DELETE_DAYS - WARNING_DAYS - 1)
    employer(unused_days=3)
    assert retention.warn_inactive_accounts() == 0
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("role", ["partner-medewerker", "adviseur", "contentbeheerder", "community-coordinator"])
def test_staff_accounts_are_never_warned_or_deleted(role, ser_dib):
    staff = UserFactory(role=role, organisation=ser_dib)
    superuser = UserFactory(role="superuser", organisation=ser_dib)
    both = UserFactory(role="werkgever")
    from accounts.services import assign_role

    assign_role(user=both, role=role)  # an employer who is also staff counts as staff
    long_ago = timezone.now() - timedelta(days=5 * DELETE_DAYS)
    User.objects.filter(pk__in=[staff.pk, superuser.pk, both.pk]).update(
        last_login=long_ago, date_joined=long_ago, inactivity_warned_at=long_ago + timedelta(days=1)
    )
    assert retention.warn_inactive_accounts() == 0
    assert retention.delete_inactive_accounts() == 0
    assert User.objects.filter(pk__in=[staff.pk, superuser.pk, both.pk]).count() == 3
    assert set(retention.employer_accounts()) == set()


def test_a_warned_account_still_unused_is_deleted_with_the_delete_my_account_service(client, caplog):
    user = employer(unused_days=DELETE_DAYS + 1, email="kees@example.nl")
    Plan.objects.create(user=user)
    ticket = TicketFactory(contact_email="kees@example.nl", question="Onze vraag over werving")
    Ticket.objects.filter(pk=ticket.pk).update(updated_at=timezone.now() - timedelta(days=DELETE_DAYS + 5))
    User.objects.filter(pk=user.pk).update(inactivity_warned_at=timezone.now() - timedelta(days=WARNING_DAYS))
    other = employer(unused_days=1)

    with caplog.at_level(logging.INFO, logger="portal.security"):
        assert retention.delete_inactive_accounts() == 1
    assert not User.objects.filter(pk=user.pk).exists()
    assert User.objects.filter(pk=other.pk).exists()
    assert not Plan.objects.filter(user_id=user.pk).exists()
    ticket.refresh_from_db()
    assert ticket.question == PSEUDONYM and ticket.contact_email == ""
    assert not OutboxMessage.objects.filter(to__iexact="kees@example.nl").exists()
    assert f"account deleted: user={user.pk} reason=inactive" in caplog.text
    assert "kees@example.nl" not in caplog.text


def test_no_deletion_without_a_warning_at_least_the_warning_period_before():
    """An account unused for longer than the period when this rule starts (or when the task did
    not run) still gets its warning first, and the full warning period."""
    user = employer(unused_days=DELETE_DAYS * 3)
    assert retention.delete_inactive_accounts() == 0  # never warned
    assert retention.warn_inactive_accounts() == 1
    User.objects.filter(pk=user.pk).update(inactivity_warned_at=timezone.now() - timedelta(days=WARNING_DAYS - 1))
    assert retention.delete_inactive_accounts() == 0  # warned, but not long enough ago
    assert retention.delete_inactive_accounts(now=timezone.now() + timedelta(days=1)) == 1


def test_a_log_in_after_the_warning_keeps_the_account_and_a_later_period_is_warned_again():
    user = employer(unused_days=DELETE_DAYS - WARNING_DAYS + 1)
    retention.warn_inactive_accounts()
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    later = timezone.now() + timedelta(days=WARNING_DAYS + 1)
    assert retention.delete_inactive_accounts(now=later) == 0
    assert User.objects.filter(pk=user.pk).exists()
    much_later = timezone.now() + timedelta(days=DELETE_DAYS - WARNING_DAYS + 1)
    assert retention.warn_inactive_accounts(now=much_later) == 1
    assert len(warnings_to(user)) == 2


def test_a_question_going_on_counts_as_use_of_the_account():
    """Someone who follows a question through its e-mail link (no log-in) is using the portal."""
    user = employer(unused_days=DELETE_DAYS + 1, email="lisa@example.nl")
    TicketFactory(contact_email="Lisa@Example.nl")  # asked (and so changed) today
    User.objects.filter(pk=user.pk).update(inactivity_warned_at=timezone.now() - timedelta(days=WARNING_DAYS + 1))
    assert retention.warn_inactive_accounts() == 0
    assert retention.delete_inactive_accounts() == 0
    assert User.objects.filter(pk=user.pk).exists()


def test_the_whole_timeline_through_the_nightly_task():
    user = employer(unused_days=DELETE_DAYS - WARNING_DAYS - 2)
    assert delete_inactive_accounts() == {"unverified": 0, "deleted": 0, "warned": 0}
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(days=DELETE_DAYS - WARNING_DAYS + 1))
    assert delete_inactive_accounts() == {"unverified": 0, "deleted": 0, "warned": 1}
    assert delete_inactive_accounts() == {"unverified": 0, "deleted": 0, "warned": 0}
    # A month on: the account is still unused, and the warning is old enough.
    User.objects.filter(pk=user.pk).update(
        last_login=timezone.now() - timedelta(days=DELETE_DAYS + 1),
        inactivity_warned_at=timezone.now() - timedelta(days=WARNING_DAYS),
    )
    assert delete_inactive_accounts() == {"unverified": 0, "deleted": 1, "warned": 0}
    assert not User.objects.filter(pk=user.pk).exists()


def test_a_sign_up_never_verified_is_deleted_after_the_set_days(caplog):
    user = signup.register_employer(
        email="nooit@bevestigd.example",
        password="een-heel-sterk-wachtwoord-2026",
        first_name="Nooit",
        last_name="Bevestigd",
        organisation_name="Nooit Bevestigd BV",
    )
    verification = OutboxMessage.objects.about(user).get()
    # Someone typed this address; its owner asked the helpdesk a question before.
    question = TicketFactory(contact_email="nooit@bevestigd.example", question="Mijn eigen vraag")
    other_mail = OutboxMessage.objects.create(to="nooit@bevestigd.example", subject="Iets anders", body=".")
    verified = employer(unused_days=20)

    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=6))
    assert retention.delete_unverified_signups() == 0
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=8))
    organisation = Organisation.objects.get(name="Nooit Bevestigd BV")
    Organisation.objects.filter(pk=organisation.pk).update(created_at=timezone.now() - timedelta(days=8))
    with caplog.at_level(logging.INFO, logger="portal.security"):
        assert retention.delete_unverified_signups() == 1

    assert not User.objects.filter(pk=user.pk).exists()
    assert not OutboxMessage.objects.filter(pk=verification.pk).exists()
    assert not Organisation.objects.filter(pk=organisation.pk).exists()  # made by the sign-up, unused
    # The address was never shown to be theirs: nothing else held for it is touched.
    question.refresh_from_db()
    assert question.question == "Mijn eigen vraag" and question.contact_email == "nooit@bevestigd.example"
    assert OutboxMessage.objects.filter(pk=other_mail.pk).exists()
    assert User.objects.filter(pk=verified.pk).exists()
    assert f"account deleted: user={user.pk} reason=unverified" in caplog.text


def test_an_unverified_sign_up_keeps_an_organisation_that_others_use():
    colleague = UserFactory(role="werkgever")
    user = signup.register_employer(
        email="collega@example.nl",
        password="een-heel-sterk-wachtwoord-2026",
        first_name="Nieuwe",
        last_name="Collega",
        organisation_name=colleague.organisation.name,
    )
    assert user.organisation == colleague.organisation
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=30))
    assert retention.delete_unverified_signups() == 1
    assert Organisation.objects.filter(pk=colleague.organisation.pk).exists()


def test_an_account_that_was_verified_and_used_is_not_an_unverified_sign_up():
    user = employer(unused_days=30)
    User.objects.filter(pk=user.pk).update(is_active=False)  # blocked by a superuser after use
    assert retention.delete_unverified_signups() == 0
    assert User.objects.filter(pk=user.pk).exists()


def test_the_warning_is_sent_through_the_outbox(django_capture_on_commit_callbacks, mailoutbox):
    user = employer(unused_days=DELETE_DAYS - WARNING_DAYS + 1, email="mail@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        retention.warn_inactive_accounts()
    assert [m.to for m in mailoutbox] == [["mail@example.nl"]]
    assert OutboxMessage.objects.about(user).get().status == OutboxStatus.SENT


def test_the_nightly_task_is_scheduled_and_registered():
    from portal.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["accounts-delete-inactive"]
    assert entry["task"] == "accounts.tasks.delete_inactive_accounts" and entry["task"] in app.tasks


@pytest.mark.parametrize(
    ("env", "error"),
    [
        ({"ACCOUNT_UNVERIFIED_DELETE_DAYS": "2", "ACCOUNT_VERIFY_HOURS": "48"}, "longer than ACCOUNT_VERIFY_HOURS"),
        ({"ACCOUNT_INACTIVE_WARNING_DAYS": "400", "ACCOUNT_INACTIVE_DELETE_DAYS": "365"}, "shorter than"),
    ],
)
def test_periods_that_contradict_each_other_stop_the_start(env, error):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "portal.settings.base"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert error in result.stderr


def test_one_account_that_fails_does_not_stop_the_others(monkeypatch, caplog):
    first = employer(unused_days=DELETE_DAYS + 2)
    second = employer(unused_days=DELETE_DAYS + 1)
    User.objects.filter(pk__in=[first.pk, second.pk]).update(
        inactivity_warned_at=timezone.now() - timedelta(days=WARNING_DAYS)
    )
    real_delete = retention.delete_account

    def failing_for_first(*, user, reason):
        if user.pk == first.pk:
            raise RuntimeError("storage away")
        real_delete(user=user, reason=reason)

    monkeypatch.setattr(retention, "delete_account", failing_for_first)
    with caplog.at_level(logging.ERROR, logger="accounts.retention"):
        assert retention.delete_inactive_accounts() == 1
    assert User.objects.filter(pk=first.pk).exists() and not User.objects.filter(pk=second.pk).exists()
    assert f"could not delete inactive account user={first.pk}" in caplog.text
