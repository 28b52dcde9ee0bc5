"""The monthly newsletter "Nieuw op de menukaart": double opt-in, one-click unsubscribe, and the
monthly e-mail of what was new and updated, all through the shared outbox (core.outbox).

- Subscribing is enumeration-safe: the form answers the same for every address. A new address (or
  one that never confirmed) gets a confirmation link; a confirmed address gets nothing. At most
  NEWSLETTER_CONFIRMATIONS_PER_ADDRESS confirmation e-mails go to one address a day, whoever asks.
- The confirmation link holds a random token (only its SHA-256 is stored); it opens a page with a
  button, so a mail scanner that follows links confirms nothing. It works until the sign-up is
  deleted, NEWSLETTER_UNCONFIRMED_DAYS days after it was made.
- Every newsletter carries a lasting, signed unsubscribe link (List-Unsubscribe and
  List-Unsubscribe-Post, RFC 8058). Unsubscribing deletes the address and erases it from the
  outbox's copies.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.models import OutboxMessage
from core.outbox import queue_mail
from core.ratelimit import over_limit_or_log
from menukaart.models import Example, Material, Measure
from reach.models import NewsletterDelivery, NewsletterIssue, NewsletterSubscriber

UNSUBSCRIBE_SALT = "reach.newsletter.unsubscribe"
ERASED = "(gewist)"


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise(email: str) -> str:
    return email.strip().lower()


# --- Subscribing ---------------------------------------------------------------------------------


def subscribe_rate_limited(request) -> bool:
    """Count one sign-up of this client; True when over NEWSLETTER_SUBSCRIBE_RATE_LIMIT this hour.
    With the cache down the sign-up is accepted (and the outage logged)."""
    return over_limit_or_log(
        request, scope="newsletter:subscribe", limit=settings.NEWSLETTER_SUBSCRIBE_RATE_LIMIT, window=3600
    )


@transaction.atomic
def request_subscription(*, email: str, request=None) -> None:
    """Sign an address up (unconfirmed) and send the confirmation link. Says nothing about whether
    the address was known: the caller shows the same page either way."""
    email = normalise(email)
    subscriber = NewsletterSubscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.is_confirmed:
        return
    # Per address, whoever asks: the form cannot be used to flood someone's mailbox.
    if request is not None and over_limit_or_log(
        request,
        scope="newsletter:confirmations",
        limit=settings.NEWSLETTER_CONFIRMATIONS_PER_ADDRESS,
        window=24 * 3600,
        per=email,
    ):
        return
    token = secrets.token_urlsafe(32)
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = NewsletterSubscriber.objects.create(email=email, confirm_token_hash=_hash(token))
        except IntegrityError:
            return  # the same address signed up at the same moment: that sign-up sends the link
    else:
        # A new link, and the sign-up counts from now: the old link stops working.
        subscriber.confirm_token_hash = _hash(token)
        subscriber.created_at = timezone.now()
        subscriber.save(update_fields=["confirm_token_hash", "created_at"])
    queue_mail(
        to=subscriber.email,
        subject=_("Bevestig je aanmelding voor de nieuwsbrief van de Werkagenda VIA"),
        template="reach/email/newsletter_confirm.txt",
        context={"days": settings.NEWSLETTER_UNCONFIRMED_DAYS},
        about=subscriber,
        # The link holds the token: the outbox keeps it only until the message is sent.
        private_link=_absolute(reverse("newsletter:confirm", kwargs={"token": token})),
    )


def subscriber_for_confirmation(token: str) -> NewsletterSubscriber | None:
    """The sign-up this confirmation link was sent for (None when unknown, used or too old)."""
    cutoff = timezone.now() - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_DAYS)
    return NewsletterSubscriber.objects.filter(
        confirm_token_hash=_hash(token), confirmed_at__isnull=True, created_at__gte=cutoff
    ).first()


@transaction.atomic
def confirm(subscriber: NewsletterSubscriber) -> None:
    subscriber.confirmed_at = timezone.now()
    subscriber.confirm_token_hash = ""  # nosec B105 (the used link's hash is cleared, not a password)
    subscriber.save(update_fields=["confirmed_at", "confirm_token_hash"])


# --- Unsubscribing -------------------------------------------------------------------------------


def unsubscribe_token(subscriber: NewsletterSubscriber) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT, sep=".").sign(str(subscriber.pk))


def unsubscribe_url(subscriber: NewsletterSubscriber) -> str:
    return _absolute(reverse("newsletter:unsubscribe", kwargs={"token": unsubscribe_token(subscriber)}))


def subscriber_for_unsubscribe(token: str) -> NewsletterSubscriber | None:
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT, sep=".").unsign(token[:200])
    except signing.BadSignature:
        return None
    return NewsletterSubscriber.objects.filter(pk=int(pk)).first() if pk.isdigit() else None


@transaction.atomic
def remove(subscriber: NewsletterSubscriber) -> None:
    """Delete the address and erase it from the outbox's copies (a pending e-mail is not sent)."""
    OutboxMessage.objects.about(subscriber).update(to="", body=ERASED, private_link="", headers={}, last_error="")
    subscriber.delete()


def purge_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete the sign-ups never confirmed within NEWSLETTER_UNCONFIRMED_DAYS. Returns how many."""
    now = now or timezone.now()
    stale = NewsletterSubscriber.objects.unconfirmed_since(now - timedelta(days=settings.NEWSLETTER_UNCONFIRMED_DAYS))
    count = 0
    for subscriber in stale.iterator():
        remove(subscriber)
        count += 1
    return count


# --- The monthly e-mail --------------------------------------------------------------------------


@dataclass
class MonthContent:
    month: date
    new_measures: list
    updated_measures: list
    new_examples: list
    new_materials: list

    @property
    def count(self) -> int:
        return len(self.new_measures) + len(self.updated_measures) + len(self.new_examples) + len(self.new_materials)


def previous_month(today: date) -> date:
    """The first day of the month before `today`'s."""
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def _bounds(month: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(month, datetime.min.time()))
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, timezone.make_aware(datetime.combine(following, datetime.min.time()))


def month_content(month: date) -> MonthContent:
    """What was published (new) or changed (updated) on the menukaart in `month`: published content only."""
    start, end = _bounds(month)
    new = {"published_at__gte": start, "published_at__lt": end}
    measures = Measure.objects.published().only("slug", "title", "summary", "published_at", "updated_at")
    return MonthContent(
        month=month,
        new_measures=list(measures.filter(**new).order_by("title")),
        updated_measures=list(
            measures.filter(updated_at__gte=start, updated_at__lt=end, published_at__lt=start).order_by("title")
        ),
        new_examples=list(
            Example.objects.published().filter(**new).only("slug", "title", "organisation").order_by("title")
        ),
        new_materials=list(Material.objects.published().filter(**new).only("slug", "title", "url").order_by("title")),
    )


def send_monthly(*, today: date | None = None) -> int:
    """Queue the newsletter about the previous month for every confirmed subscriber who has not had
    it yet. Nothing when nothing was new or updated. Idempotent (NewsletterDelivery per subscriber
    and issue): run it again and only those missed get it. Returns the number of e-mails queued."""
    month = previous_month(today or timezone.localdate())
    with translation.override(settings.LANGUAGE_CODE):
        content = month_content(month)
        if not content.count:
            return 0
        issue, _created = NewsletterIssue.objects.get_or_create(month=month, defaults={"items": content.count})
        context = {
            "content": content,
            "month_name": date_format(month, "F Y"),
            "base_url": settings.PORTAL_BASE_URL.rstrip("/"),
            "menukaart_url": _absolute(reverse("menukaart:index")),
            "feed_url": _absolute(reverse("feed_measures")),
        }
        subject = _("Nieuw op de menukaart: %(month)s") % {"month": context["month_name"]}
        done = set(NewsletterDelivery.objects.filter(issue=issue).values_list("subscriber_id", flat=True))
        queued = 0
        for subscriber in NewsletterSubscriber.objects.confirmed().exclude(pk__in=done).order_by("pk").iterator():
            if _deliver(issue=issue, subscriber=subscriber, subject=subject, context=context):
                queued += 1
    return queued


@transaction.atomic
def _deliver(*, issue, subscriber, subject: str, context: dict) -> bool:
    try:
        with transaction.atomic():
            NewsletterDelivery.objects.create(issue=issue, subscriber=subscriber)
    except IntegrityError:
        return False  # another run queued this one
    link = unsubscribe_url(subscriber)
    queue_mail(
        to=subscriber.email,
        subject=subject,
        template="reach/email/newsletter.txt",
        context=context,
        about=subscriber,
        private_link=link,
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    return True
