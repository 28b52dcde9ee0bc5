from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models.networks import Membership, Network

# The longest post or reply (characters).
MAX_POST_LENGTH = 5000


class PostQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(hidden_at__isnull=True)

    def threads(self):
        return self.filter(parent__isnull=True)

    def for_discussion(self, *, include_hidden: bool = False):
        """Threads with their replies and authors, in a constant number of queries."""
        replies = Post.objects.select_related("author", "author__organisation").order_by("created_at")
        threads = self.threads()
        if not include_hidden:
            threads = threads.shown()
            replies = replies.shown()
        return (
            threads.select_related("author", "author__organisation")
            .prefetch_related(Prefetch("replies", queryset=replies))
            .order_by("-created_at")
        )


class Post(models.Model):
    """A post in a network's discussion (gesprek): a question or an experience, or a reply to one."""

    network = models.ForeignKey(Network, verbose_name=_("netwerk"), on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", verbose_name=_("reactie op"), on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("schrijver"), on_delete=models.CASCADE, related_name="network_posts"
    )
    title = models.CharField(_("onderwerp"), max_length=200, blank=True)
    body = models.TextField(_("bericht"), max_length=MAX_POST_LENGTH)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("bewerkt op"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("verborgen op"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verborgen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reden"), max_length=300, blank=True)
    # Set when the per-post e-mails were queued (once per post, also when a task runs twice).
    notified_at = models.DateTimeField(_("e-mails verstuurd op"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return self.title or self.body[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def editable_until(self):
        return self.created_at + timezone.timedelta(minutes=settings.COMMUNITIES_POST_EDIT_MINUTES)

    def is_editable_by(self, user, *, now=None) -> bool:
        return self.author_id == user.pk and not self.is_hidden and (now or timezone.now()) <= self.editable_until()


class PostReport(models.Model):
    """A member's report of a post to the coordinators (one per person and post)."""

    post = models.ForeignKey(Post, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemeld door"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("waarom meld je dit?"), max_length=1000)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="communities_report_once"),
        ]

    def __str__(self) -> str:
        return f"melding {self.pk}"


class DigestDelivery(models.Model):
    """One weekly digest of one membership: its unique key makes the weekly task idempotent."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="digests")
    week_start = models.DateField(_("week vanaf"))
    post_count = models.PositiveIntegerField(_("aantal berichten"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("weekoverzicht")
        verbose_name_plural = _("weekoverzichten")
        constraints = [
            models.UniqueConstraint(fields=["membership", "week_start"], name="communities_digest_once_a_week"),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} {self.week_start}"
