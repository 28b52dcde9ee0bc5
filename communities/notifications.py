"""The discussion's e-mail to members: a new post to those who want one per post, and the weekly
digest to those who chose one. The work of communities.tasks.notify_post and send_weekly_digests;
both are safe to run twice (Post.notified_at, one DigestDelivery per membership and week)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import mail
from communities.models import DigestDelivery, EmailPreference, Membership, Network, Post


@transaction.atomic
def send_post_notifications(*, post_id: int) -> int:
    """E-mail a new post to the members who chose "per post" (not its author). Once per post."""
    post = Post.objects.select_for_update().filter(pk=post_id, notified_at__isnull=True, hidden_at__isnull=True).first()
    if post is None:
        return 0
    post = Post.objects.select_related("network", "author", "parent").get(pk=post.pk)
    memberships = (
        Membership.objects.active()
        .filter(network=post.network, email_preference=EmailPreference.PER_POST)
        .exclude(user=post.author)
        .select_related("user")
    )
    url = mail.absolute(post.network.get_absolute_url() + "gesprek/")
    count = 0
    for membership in memberships:
        mail.send(
            to=membership.user.email,
            subject=_("Nieuw in %(network)s: %(subject)s")
            % {"network": post.network.name, "subject": (post.parent or post).title or _("een bericht")},
            template="communities/email/post.txt",
            context={"post": post, "url": url},
            about=membership,
            unsubscribe_url=unsubscribe_url(membership),
        )
        count += 1
    Post.objects.filter(pk=post.pk).update(notified_at=timezone.now())
    return count


def unsubscribe_url(membership: Membership) -> str:
    return mail.absolute(reverse("communities:unsubscribe", kwargs={"token": mail.unsubscribe_token(membership)}))


def week_start_for(day: date) -> date:
    """The Monday of the week before `day`'s week: the digest sent on a Monday covers the week before."""
    return day - timedelta(days=day.weekday() + 7)


@transaction.atomic
def send_weekly_digests(*, week_start: date | None = None) -> int:
    """One e-mail per member who chose the weekly digest, listing the posts of the week (Mon-Sun,
    Amsterdam time) in each of their networks. Idempotent: DigestDelivery is unique per week."""
    week_start = week_start or week_start_for(timezone.localdate())
    tz = timezone.get_current_timezone()
    start = datetime.combine(week_start, datetime.min.time(), tzinfo=tz)
    end = start + timedelta(days=7)
    in_week = Q(posts__created_at__gte=start, posts__created_at__lt=end, posts__hidden_at__isnull=True)
    networks = Network.objects.annotate(week_posts=Count("posts", filter=in_week)).filter(week_posts__gt=0)
    sent = 0
    for network in networks:
        posts = list(
            network.posts.filter(created_at__gte=start, created_at__lt=end, hidden_at__isnull=True)
            .select_related("author", "parent")
            .order_by("created_at")
        )
        memberships = (
            Membership.objects.active()
            .filter(network=network, email_preference=EmailPreference.WEEKLY)
            .exclude(digests__week_start=week_start)
            .select_related("user")
        )
        url = mail.absolute(network.get_absolute_url() + "gesprek/")
        for membership in memberships:
            DigestDelivery.objects.create(membership=membership, week_start=week_start, post_count=len(posts))
            mail.send(
                to=membership.user.email,
                subject=_("Weekoverzicht %(network)s") % {"network": network.name},
                template="communities/email/digest.txt",
                context={
                    "network": network,
                    "posts": posts,
                    "week_start": week_start,
                    "week_end": week_start + timedelta(days=6),
                    "url": url,
                },
                about=membership,
                unsubscribe_url=unsubscribe_url(membership),
            )
            sent += 1
    return sent
