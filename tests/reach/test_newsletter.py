"""The monthly newsletter "Nieuw op de menukaart": double opt-in through the outbox, enumeration-safe
and rate-limited sign-up, one-click unsubscribe (RFC 8058), the monthly task, and the addresses
treated as personal data (unconfirmed ones deleted, removed ones erased from the outbox)."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage, OutboxStatus
from menukaart.models import Status
from reach import newsletter
from reach.models import NewsletterDelivery, NewsletterIssue, NewsletterSubscriber
from tests.menukaart.factories import ExampleFactory, MaterialFactory, MeasureFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("newsletter:subscribe")
LINK = re.compile(r"http://\S+/nieuwsbrief/(?:bevestigen|afmelden)/\S+/")


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the outbox's on-commit sends at once; gives a function that returns the sent e-mails."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        return result

    return run


def confirmed(email: str) -> NewsletterSubscriber:
    return NewsletterSubscriber.objects.create(email=email, confirmed_at=timezone.now())


def test_signing_up_sends_a_confirmation_link_that_confirms_only_with_the_button(client, sent):
    assert client.get(SUBSCRIBE).status_code == 200
    response = sent(lambda: client.post(SUBSCRIBE, {"email": " Piet@Noord.example "}))
    assert response.status_code == 200 and "Kijk in je mailbox" in response.content.decode()
    subscriber = NewsletterSubscriber.objects.get()
    assert subscriber.email == "piet@noord.example" and not subscriber.is_confirmed
    [message] = mail.outbox
    assert message.to == ["piet@noord.example"]
    link = LINK.search(message.body).group(0)
    # The outbox keeps the link only until the message is sent; the database has just its hash.
    stored = OutboxMessage.objects.get()
    assert stored.status == OutboxStatus.SENT and stored.private_link == "" and link not in stored.body
    assert link.split("/")[-2] not in subscriber.confirm_token_hash
    path = link.removeprefix(settings.PORTAL_BASE_URL.rstrip("/"))
    page = client.get(path)  # a mail scanner following the link confirms nothing
    assert page.status_code == 200 and "Ja, stuur me de nieuwsbrief" in page.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed
    assert "Je bent aangemeld" in client.post(path).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed and subscriber.confirm_token_hash == ""
    assert client.get(path).status_code == 404  # used


def test_the_answer_is_the_same_for_every_address(client, sent):
    confirmed("bekend@example.nl")
    known = sent(lambda: client.post(SUBSCRIBE, {"email": "bekend@example.nl"}))
    unknown = sent(lambda: client.post(SUBSCRIBE, {"email": "nieuw@example.nl"}))
    assert known.status_code == unknown.status_code == 200

    def page(response) -> str:  # the CSRF token of the footer's language form differs per answer
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert page(known) == page(unknown)
    assert [m.to for m in mail.outbox] == [["nieuw@example.nl"]]  # a confirmed address gets nothing


def test_an_unconfirmed_address_asking_again_gets_a_new_link_and_the_old_one_stops(client, sent):
    sent(lambda: client.post(SUBSCRIBE, {"email": "piet@noord.example"}))
    sent(lambda: client.post(SUBSCRIBE, {"email": "piet@noord.example"}))
    first, second = (LINK.search(m.body).group(0) for m in mail.outbox)
    assert first != second and NewsletterSubscriber.objects.count() == 1
    assert Client().get(first.removeprefix(settings.PORTAL_BASE_URL.rstrip("/"))).status_code == 404
    assert Client().get(second.removeprefix(settings.PORTAL_BASE_URL.rstrip("/"))).status_code == 200


def test_one_address_gets_a_few_confirmation_mails_a_day_whoever_asks(sent, settings):
    settings.NEWSLETTER_CONFIRMATIONS_PER_ADDRESS = 2
    for n in range(4):
        response = sent(lambda n=n: Client(REMOTE_ADDR=f"10.0.0.{n}").post(SUBSCRIBE, {"email": "doel@example.nl"}))
        assert response.status_code == 200
    assert len(mail.outbox) == 2


def test_sign_ups_are_rate_limited_per_client(client, settings):
    settings.NEWSLETTER_SUBSCRIBE_RATE_LIMIT = 2
    codes = [client.post(SUBSCRIBE, {"email": f"iemand{n}@example.nl"}).status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert NewsletterSubscriber.objects.count() == 2


@pytest.mark.parametrize("data", [{"email": ""}, {"email": "geen-adres"}, {"email": "a@b.nl", "website": "spam"}])
def test_bad_input_is_a_dutch_400_and_signs_nobody_up(client, data):
    response = client.post(SUBSCRIBE, data)
    assert response.status_code == 400 and "Controleer het formulier" in response.content.decode()
    assert not NewsletterSubscriber.objects.exists()


def test_an_old_confirmation_link_no_longer_works_and_the_sign_up_is_deleted(client, sent, settings):
    sent(lambda: client.post(SUBSCRIBE, {"email": "laat@example.nl"}))
    link = LINK.search(mail.outbox[0].body).group(0).removeprefix(settings.PORTAL_BASE_URL.rstrip("/"))
    old = timezone.now() - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_DAYS, minutes=1)
    NewsletterSubscriber.objects.update(created_at=old)
    keep_confirmed = confirmed("blijft@example.nl")
    NewsletterSubscriber.objects.filter(pk=keep_confirmed.pk).update(created_at=old)
    recent = NewsletterSubscriber.objects.create(email="recent@example.nl")
    assert client.get(link).status_code == 404
    assert newsletter.purge_unconfirmed() == 1
    assert set(NewsletterSubscriber.objects.values_list("email", flat=True)) == {"blijft@example.nl", recent.email}
    # The confirmation e-mail in the outbox no longer holds the address.
    assert OutboxMessage.objects.get().to == ""


@pytest.fixture
def last_month(db):
    """Content published and changed in the month before 1 March 2027."""
    feb = datetime(2027, 2, 10, 12, tzinfo=UTC)
    old = datetime(2026, 6, 1, 12, tzinfo=UTC)
    MeasureFactory(title="Nieuwe maatregel", published_at=feb)
    changed = MeasureFactory(title="Bijgewerkte maatregel", published_at=old)
    MeasureFactory(title="Oude maatregel", published_at=old)
    MeasureFactory(title="Concept maatregel", published_at=feb, status=Status.CONCEPT)
    ExampleFactory(title="Nieuw voorbeeld", organisation="Bakkerij Mol", published_at=feb)
    MaterialFactory(title="Nieuwe toolkit", published_at=feb)
    from menukaart.models import Measure

    Measure.objects.filter(pk=changed.pk).update(updated_at=feb)
    Measure.objects.exclude(pk=changed.pk).update(updated_at=old)
    Measure.objects.filter(title="Nieuwe maatregel").update(updated_at=feb)


def test_the_monthly_newsletter_goes_to_confirmed_subscribers_with_one_click_unsubscribe(last_month, sent):
    first, second = confirmed("een@example.nl"), confirmed("twee@example.nl")
    NewsletterSubscriber.objects.create(email="onbevestigd@example.nl")
    assert sent(lambda: newsletter.send_monthly(today=date(2027, 3, 1))) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["een@example.nl", "twee@example.nl"]
    message = next(m for m in mail.outbox if m.to == ["een@example.nl"])
    assert message.subject == "Nieuw op de menukaart: februari 2027"
    body = message.body
    assert "Nieuwe maatregel" in body and "Bijgewerkte maatregel" in body
    assert "Nieuw voorbeeld (Bakkerij Mol)" in body and "Nieuwe toolkit" in body
    assert "Oude maatregel" not in body and "Concept maatregel" not in body
    link = newsletter.unsubscribe_url(first)
    assert link in body
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert newsletter.unsubscribe_url(second) not in body
    # Run again (a redelivered task): nobody gets it twice.
    assert sent(lambda: newsletter.send_monthly(today=date(2027, 3, 1))) == 0
    assert len(mail.outbox) == 2
    assert NewsletterIssue.objects.get().items == 4 and NewsletterDelivery.objects.count() == 2
    # A subscriber who confirmed later still gets this month's issue on a second run.
    confirmed("later@example.nl")
    assert sent(lambda: newsletter.send_monthly(today=date(2027, 3, 15))) == 1


def test_no_newsletter_when_nothing_was_new(last_month, sent):
    confirmed("een@example.nl")
    assert sent(lambda: newsletter.send_monthly(today=date(2027, 6, 1))) == 0
    assert not NewsletterIssue.objects.exists() and not mail.outbox


def test_one_click_unsubscribe_needs_no_session_or_csrf_and_erases_the_address(last_month, sent):
    subscriber = confirmed("weg@example.nl")
    sent(lambda: newsletter.send_monthly(today=date(2027, 3, 1)))
    path = newsletter.unsubscribe_url(subscriber).removeprefix(settings.PORTAL_BASE_URL.rstrip("/"))
    mail_client = Client(enforce_csrf_checks=True)
    page = mail_client.get(path)
    assert page.status_code == 200 and "Ja, meld me af" in page.content.decode()
    response = mail_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Je bent afgemeld" in response.content.decode()
    assert not NewsletterSubscriber.objects.exists()
    assert list(OutboxMessage.objects.values_list("to", "headers")) == [("", {})]
    again = mail_client.get(path)
    assert "Je bent afgemeld" in again.content.decode() and "Ja, meld me af" not in again.content.decode()


@pytest.mark.parametrize("token", ["12", "12.vals", "x" * 300])
def test_a_tampered_unsubscribe_link_removes_nobody(client, token):
    confirmed("blijft@example.nl")
    assert client.post(reverse("newsletter:unsubscribe", args=[token])).status_code == 200
    assert NewsletterSubscriber.objects.count() == 1


def test_the_tasks_are_scheduled_monthly_and_nightly():
    from reach import tasks

    schedule = settings.CELERY_BEAT_SCHEDULE
    monthly = schedule["reach-monthly-newsletter"]
    assert monthly["task"] == "reach.tasks.send_monthly_newsletter" and monthly["schedule"].day_of_month == {1}
    assert schedule["reach-purge-unconfirmed-subscribers"]["task"] == "reach.tasks.purge_unconfirmed_subscribers"
    assert tasks.send_monthly_newsletter.name == "reach.tasks.send_monthly_newsletter"
    assert tasks.purge_unconfirmed_subscribers() == 0


def test_the_personal_link_pages_are_kept_out_of_search_engines(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /nieuwsbrief/bevestigen/" in robots and "Disallow: /nieuwsbrief/afmelden/" in robots
    assert "Disallow: /nieuwsbrief/\n" not in robots
