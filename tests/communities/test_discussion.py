"""The members' discussion: posting, editing for a short time, reporting, hiding, e-mail choices,
the weekly digest and one-click unsubscribe."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail as django_mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from communities import notifications
from communities.models import DigestDelivery, EmailPreference, Membership, Post, PostReport
from tests.communities.conftest import outbox_to
from tests.communities.factories import MembershipFactory, PostFactory


@pytest.mark.django_db
def test_member_posts_and_per_post_readers_get_an_email(client, network, member, django_capture_on_commit_callbacks):
    reader = MembershipFactory(network=network, email_preference=EmailPreference.PER_POST).user
    weekly = MembershipFactory(network=network, email_preference=EmailPreference.WEEKLY).user
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:discussion", args=[network.slug]),
            {"title": "Anoniem solliciteren", "body": "Wie heeft ervaring? Zie https://www.example.nl/les"},
        )
    post = Post.objects.get()
    assert response.status_code == 302
    [mail] = outbox_to(reader.email)
    assert "Anoniem solliciteren" in mail.subject
    assert mail.private_link == ""  # sent: the unsubscribe link is no longer kept in the outbox
    [sent] = [message for message in django_mail.outbox if reader.email in message.to]
    assert "/doe-netwerken/e-mail-afmelden/" in sent.body
    assert sent.extra_headers["List-Unsubscribe"].startswith("<http")
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert outbox_to(weekly.email) == []
    assert outbox_to(member.email) == []
    assert post.notified_at is not None
    # Links in plain text become links; nothing else is HTML.
    page = client.get(reverse("communities:thread", args=[network.slug, post.pk])).content.decode()
    assert '<a href="https://www.example.nl/les" rel="nofollow">' in page


@pytest.mark.django_db
def test_post_notification_runs_once_even_if_the_task_runs_twice(network, member):
    MembershipFactory(network=network, email_preference=EmailPreference.PER_POST)
    post = PostFactory(network=network, author=member)
    assert notifications.send_post_notifications(post_id=post.pk) == 1
    assert notifications.send_post_notifications(post_id=post.pk) == 0


@pytest.mark.django_db
def test_html_is_shown_as_text(client, network, member):
    post = PostFactory(network=network, author=member, body="<script>alert(1)</script> <b>vet</b>")
    client.force_login(member)
    page = client.get(reverse("communities:thread", args=[network.slug, post.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;b&gt;vet&lt;/b&gt;" in page


@pytest.mark.django_db
def test_empty_and_oversized_posts_get_dutch_messages_and_keep_the_text(client, network, member):
    client.force_login(member)
    url = reverse("communities:discussion", args=[network.slug])
    response = client.post(url, {"title": "Vraag", "body": ""})
    assert response.status_code == 400
    assert "Schrijf je bericht." in response.content.decode()
    long = "woord " * 1000
    response = client.post(url, {"title": "Vraag", "body": long})
    assert response.status_code == 400
    assert "Dit is te lang: gebruik ten hoogste 5000 tekens" in response.content.decode()
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_reply_to_a_thread(client, network, member):
    thread = PostFactory(network=network)
    client.force_login(member)
    client.post(
        reverse("communities:thread", args=[network.slug, thread.pk]), {"body": "Wij gebruiken een vaste lijst."}
    )
    assert thread.replies.get().author == member


@pytest.mark.django_db
def test_author_edits_within_the_window_and_not_after(client, network, member):
    post = PostFactory(network=network, author=member)
    client.force_login(member)
    url = reverse("communities:post_edit", args=[network.slug, post.pk])
    assert client.post(url, {"title": "Nieuw", "body": "Aangepast"}).status_code == 302
    post.refresh_from_db()
    assert post.body == "Aangepast" and post.edited_at
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    response = client.post(url, {"title": "Te laat", "body": "Te laat"})
    assert response.status_code == 409
    assert "de eerste 15 minuten na het plaatsen bewerken" in response.content.decode()
    post.refresh_from_db()
    assert post.body == "Aangepast"


@pytest.mark.django_db
def test_someone_elses_post_cannot_be_edited(client, network, member):
    post = PostFactory(network=network)
    client.force_login(member)
    assert client.post(reverse("communities:post_edit", args=[network.slug, post.pk]), {"body": "x"}).status_code == 404


@pytest.mark.django_db
def test_report_reaches_the_coordinator_once(client, network, member, coordinator):
    post = PostFactory(network=network)
    client.force_login(member)
    url = reverse("communities:post_report", args=[network.slug, post.pk])
    assert client.post(url, {"reason": "Noemt een sollicitant bij naam."}).status_code == 302
    response = client.post(url, {"reason": "Nog eens"})
    assert response.status_code == 409
    assert "Je hebt dit bericht al gemeld." in response.content.decode()
    assert PostReport.objects.count() == 1
    assert "Noemt een sollicitant bij naam." in outbox_to(coordinator.email)[0].body


@pytest.mark.django_db
def test_coordinator_hides_and_reports_are_handled_members_cannot_hide(client, network, member, coordinator):
    post = PostFactory(network=network)
    PostReport.objects.create(post=post, reporter=member, reason="x")
    client.force_login(member)
    assert client.post(reverse("communities:post_hide", args=[network.slug, post.pk])).status_code == 404
    client.force_login(coordinator)
    client.post(reverse("communities:post_hide", args=[network.slug, post.pk]), {"reason": "Privacy"})
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_by == coordinator
    assert post.reports.get().handled_at is not None
    client.post(reverse("communities:post_unhide", args=[network.slug, post.pk]))
    post.refresh_from_db()
    assert not post.is_hidden


@pytest.mark.django_db
def test_member_chooses_email_per_network(client, network, member):
    client.force_login(member)
    client.post(reverse("communities:email_preference", args=[network.slug]), {"email_preference": "per_bericht"})
    assert Membership.objects.get(user=member).email_preference == EmailPreference.PER_POST
    response = client.post(
        reverse("communities:email_preference", args=[network.slug]), {"email_preference": "x"}, follow=True
    )
    assert "Kies een van de drie mogelijkheden." in response.content.decode()


def _at(day: date, hour: int):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


@pytest.mark.django_db
def test_weekly_digest_of_one_week_of_activity(network, member):
    monday = date(2026, 11, 16)
    weekly = MembershipFactory(network=network, email_preference=EmailPreference.WEEKLY).user
    MembershipFactory(network=network, email_preference=EmailPreference.NONE)
    MembershipFactory(network=network, email_preference=EmailPreference.PER_POST)
    titles = []
    for offset in range(7):  # one post a day, Monday to Sunday
        title = f"Dag {offset + 1}: vraag over werving"
        titles.append(title)
        PostFactory(network=network, author=member, title=title, created_at=_at(monday + timedelta(days=offset), 10))
    thread = Post.objects.get(title=titles[0])
    PostFactory(
        network=network, author=weekly, parent=thread, title="", body="Mijn reactie", created_at=_at(monday, 12)
    )
    PostFactory(network=network, title="Vorige week", created_at=_at(monday - timedelta(days=1), 10))
    PostFactory(network=network, title="Deze week", created_at=_at(monday + timedelta(days=7), 10))
    hidden = PostFactory(network=network, title="Verborgen", created_at=_at(monday, 11))
    hidden.hidden_at = timezone.now()
    hidden.save()

    sent = notifications.send_weekly_digests(week_start=monday)

    # The member (weekly is the default) and the weekly reader; not "none", not "per post".
    assert sent == 2
    [mail] = outbox_to(weekly.email)
    assert mail.subject == f"Weekoverzicht {network.name}"
    for title in titles:
        assert title in mail.body
    assert "reageerde op “Dag 1: vraag over werving”" in mail.body
    assert "Vorige week" not in mail.body and "Deze week" not in mail.body and "Verborgen" not in mail.body
    assert "16 november tot en met 22 november 2026" in mail.body
    assert "/doe-netwerken/e-mail-afmelden/" in mail.private_link
    assert "[[private-link]]" in mail.body
    assert DigestDelivery.objects.get(membership__user=weekly).post_count == 8
    # Running the task again for the same week sends nothing more.
    assert notifications.send_weekly_digests(week_start=monday) == 0


@pytest.mark.django_db
def test_no_digest_for_a_quiet_week(network, member):
    assert notifications.send_weekly_digests(week_start=date(2026, 11, 16)) == 0


def test_digest_week_is_the_week_before_the_monday_it_is_sent():
    assert notifications.week_start_for(date(2026, 11, 23)) == date(2026, 11, 16)


def test_digest_is_scheduled_weekly_in_the_beat():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["communities-weekly-digest"]
    assert entry["task"] == "communities.tasks.send_weekly_digests"


@pytest.mark.django_db
def test_one_click_unsubscribe(client, network, member):
    membership = Membership.objects.get(user=member)
    url = notifications.unsubscribe_url(membership).split("testserver")[-1].split("://")[-1]
    path = url[url.index("/") :]
    assert "Ja, geen e-mail meer" in client.get(path).content.decode()
    membership.refresh_from_db()
    assert membership.email_preference == EmailPreference.WEEKLY  # GET (a mail scanner) changes nothing
    response = client.post(path)  # one click: no session, no CSRF token needed (RFC 8058)
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.email_preference == EmailPreference.NONE


@pytest.mark.django_db
def test_tampered_unsubscribe_token_is_a_404(client, network, member):
    membership = Membership.objects.get(user=member)
    path = reverse("communities:unsubscribe", args=[f"{membership.pk}.nietgeldig"])
    assert client.post(path).status_code == 404


@pytest.mark.django_db
@override_settings(COMMUNITIES_POST_EDIT_MINUTES=1)
def test_edit_window_follows_the_setting(network, member):
    post = PostFactory(network=network, author=member, created_at=timezone.now() - timedelta(minutes=2))
    assert not post.is_editable_by(member)
