"""Tickets: the question, its status machine, its number, its follow links."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

from helpdesk.models.employer import SECTOR_CHOICES_WITH_CODE, CharterStatus, Province, SizeBand


class TicketStatus(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    WAITING = "wacht_op_werkgever", _("Wacht op werkgever")
    ANSWERED = "beantwoord", _("Beantwoord")
    CLOSED = "gesloten", _("Gesloten")
    REOPENED = "heropend", _("Heropend")


# The ticket's status machine, in one place: the allowed changes (TRANSITIONS), the check
# (Ticket.can_transition_to) and the move (Ticket.move_to, raising InvalidTransition). Services
# lock the row, call move_to and save STATUS_FIELDS; forms offer only what can_transition_to allows.
TRANSITIONS: dict[str, frozenset[str]] = {
    TicketStatus.NEW: frozenset(
        {TicketStatus.IN_PROGRESS, TicketStatus.WAITING, TicketStatus.ANSWERED, TicketStatus.CLOSED}
    ),
    TicketStatus.IN_PROGRESS: frozenset({TicketStatus.WAITING, TicketStatus.ANSWERED, TicketStatus.CLOSED}),
    TicketStatus.WAITING: frozenset(
        {TicketStatus.IN_PROGRESS, TicketStatus.REOPENED, TicketStatus.ANSWERED, TicketStatus.CLOSED}
    ),
    TicketStatus.ANSWERED: frozenset({TicketStatus.REOPENED, TicketStatus.WAITING, TicketStatus.CLOSED}),
    TicketStatus.CLOSED: frozenset({TicketStatus.REOPENED}),
    TicketStatus.REOPENED: frozenset(
        {TicketStatus.IN_PROGRESS, TicketStatus.WAITING, TicketStatus.ANSWERED, TicketStatus.CLOSED}
    ),
}
OPEN_STATUSES = (TicketStatus.NEW, TicketStatus.IN_PROGRESS, TicketStatus.WAITING, TicketStatus.REOPENED)

# What a ticket's names and free texts become once its personal data is removed (retention or
# erasure, helpdesk.services.privacy); the impact report leaves such employers out of its counts.
PSEUDONYM = "[gepseudonimiseerd]"


# What a status change may touch (closing sets closed_at and the outcome; reopening clears them).
STATUS_FIELDS = ["status", "closed_at", "outcome", "updated_at"]


class InvalidTransition(Exception):
    """A status change that TRANSITIONS does not allow."""

    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status, self.to_status = from_status, to_status
        super().__init__(f"{from_status} -> {to_status} is not allowed")


class Channel(models.TextChoices):
    WEB = "web", _("Webformulier")
    REFERRAL = "doorverwijzing", _("Doorverwijzing door partner")
    PHONE = "telefoon", _("Telefoon")
    EMAIL = "e-mail", _("E-mail")


class Priority(models.TextChoices):
    LOW = "laag", _("Laag")
    NORMAL = "normaal", _("Normaal")
    HIGH = "hoog", _("Hoog")


class OutcomeCategory(models.Model):
    """How a ticket ended (for trends and the impact report): maintained in the admin."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("uitkomstcategorie")
        verbose_name_plural = _("uitkomstcategorieën")

    def __str__(self) -> str:
        return self.name


class TicketCounter(models.Model):
    """The last reference number issued per year; its row is locked while a number is drawn."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("vraagnummerteller")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


def overdue_condition(today: date | None = None) -> Q:
    """Open and past the due date: one definition for the queue, its filter and its counters."""
    return Q(status__in=OPEN_STATUSES, due_date__lt=today or timezone.localdate())


class TicketQuerySet(models.QuerySet["Ticket"]):
    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, *, today: date | None = None) -> Self:
        """Open tickets past their due date (the queue's "Over de termijn" and the advisor's list)."""
        return self.filter(overdue_condition(today))

    def not_overdue(self, *, today: date | None = None) -> Self:
        return self.exclude(overdue_condition(today))

    def assigned_to_user(self, user: User | AnonymousUser) -> Self:
        return self.filter(assigned_to=user) if user.is_authenticated else self.none()

    def in_queue_order(self) -> Self:
        return self.order_by("due_date", "created_at", "pk")

    def after_in_queue(self, ticket: Ticket) -> Self:
        """Tickets that come after `ticket` in the queue order (due date, then arrival)."""
        return self.filter(
            Q(due_date__gt=ticket.due_date)
            | Q(due_date=ticket.due_date, created_at__gt=ticket.created_at)
            | Q(due_date=ticket.due_date, created_at=ticket.created_at, pk__gt=ticket.pk),
            # Implied by the condition above, but PostgreSQL only starts the scan of the due-date
            # index at this date when it is said outright (else it reads every earlier ticket).
            due_date__gte=ticket.due_date,
        ).in_queue_order()

    def for_queue(self) -> Self:
        """What a queue row shows, in a constant number of queries."""
        from menukaart.models import Theme

        return self.select_related("assigned_to", "referring_organisation").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "name"))
        )

    def for_detail(self) -> Self:
        return self.select_related(
            "assigned_to", "referring_organisation", "referred_by", "outcome", "merged_into", "feedback"
        ).prefetch_related("themes")

    def merged_into_ticket(self, ticket: Ticket) -> Self:
        """The duplicates merged into `ticket`, for links on its page: reference only, one query.

        A plain filter rather than `ticket.merged_tickets`: through the related manager, Django 5.2
        loads each duplicate's deferred `merged_into_id` again (one query per duplicate) when it
        sets the known relation on every row."""
        return self.filter(merged_into=ticket).only("pk", "reference").order_by("reference")

    def asked_by(self, user: User | AnonymousUser) -> Self:
        """The tickets a registered employer asked while logged in (their "Mijn vragen")."""
        return self.filter(requester_user=user) if user.is_authenticated else self.none()

    def for_requester_list(self) -> Self:
        return self.only("reference", "subject", "status", "created_at")

    def of_requester(self, email: str) -> Self:
        return self.filter(contact_email__iexact=email.strip()) if email.strip() else self.none()


class Ticket(models.Model):
    """A question (Vraag) of an employer, asked directly or referred by a partner helpdesk."""

    reference = models.CharField(_("vraagnummer"), max_length=20, unique=True, editable=False)
    subject = models.CharField(_("onderwerp"), max_length=200)
    question = models.TextField(_("vraag"))
    # The employer (requester). Personal data: pseudonymised after the retention period.
    employer_name = models.CharField(_("naam organisatie"), max_length=200)
    contact_name = models.CharField(_("naam contactpersoon"), max_length=200)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    # The employer's profile: kept for statistics after pseudonymisation.
    sector = models.CharField(_("sector (SBI)"), max_length=1, choices=SECTOR_CHOICES_WITH_CODE, blank=True)
    size_band = models.CharField(_("aantal medewerkers"), max_length=10, choices=SizeBand.choices, blank=True)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices, blank=True)
    charter_signatory = models.CharField(
        _("ondertekenaar Charter Diversiteit"),
        max_length=10,
        choices=CharterStatus.choices,
        default=CharterStatus.UNKNOWN,
    )
    themes = models.ManyToManyField("menukaart.Theme", verbose_name=_("thema's"), blank=True, related_name="tickets")
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    # Where the question was asked from, as plain text: "doe-netwerk:<slug>" for the "Stel een
    # vraag" link on a network's page, "partnersite:<organisation slug>" (or "partnersite" without a
    # partner) for the question form embedded in a partner's site. Text, not a foreign key: the
    # helpdesk does not import the apps that link to it.
    source = models.CharField(_("bron"), max_length=80, blank=True, default="")
    referring_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("doorverwijzende organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_tickets",
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("doorverwezen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_tickets",
    )
    # The registered employer (werkgever) who asked while logged in: sees the ticket under "Mijn
    # vragen". Personal data: unlinked when the ticket is pseudonymised.
    requester_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vragensteller (account)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpdesk_questions",
    )
    consent_processing = models.BooleanField(_("toestemming verwerking persoonsgegevens"), default=False)
    consent_share_with_partner = models.BooleanField(_("toestemming antwoord delen met partner"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=TicketStatus.choices, default=TicketStatus.NEW)
    priority = models.CharField(_("prioriteit"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adviseur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
    )
    due_date = models.DateField(_("reactie uiterlijk"))
    first_response_at = models.DateTimeField(_("eerste antwoord"), null=True, blank=True)
    outcome = models.ForeignKey(
        OutcomeCategory,
        verbose_name=_("uitkomst"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd met"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_tickets",
    )
    created_at = models.DateTimeField(_("ontvangen"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    pseudonymised_at = models.DateTimeField(_("gepseudonimiseerd op"), null=True, blank=True)
    # The question form's idempotency key: a hash of the form visit and what was asked (see
    # services.submission_key). The same form posted twice finds this ticket instead of a second one.
    submission_key = models.CharField(_("formulierinzending"), max_length=64, blank=True, editable=False)
    # The e-mails about this ticket in the shared outbox (erased with the ticket's personal data).
    outbox = GenericRelation(
        "core.OutboxMessage", content_type_field="about_type", object_id_field="about_id", related_query_name="ticket"
    )

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        permissions = [
            ("refer_ticket", _("Vragen van leden doorverwijzen")),
            ("view_own_organisation_tickets", _("Doorverwijzingen van de eigen organisatie bekijken")),
            ("view_own_tickets", _("Eigen vragen bekijken (Mijn vragen)")),
            ("work_queue", _("De vragenwachtrij behandelen (oppakken, beantwoorden, notities, sluiten)")),
            ("assign_ticket", _("Vragen toewijzen aan een adviseur")),
            ("merge_ticket", _("Dubbele vragen samenvoegen")),
            ("view_capacity", _("Het capaciteitsdashboard bekijken")),
            ("export_requester_data", _("Gegevens van een vragensteller exporteren")),
            ("erase_requester_data", _("Gegevens van een vragensteller wissen")),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="helpdesk_ticket_status_idx"),
            models.Index(fields=["assigned_to", "status"], name="helpdesk_ticket_assignee_idx"),
            models.Index(fields=["due_date"], name="helpdesk_ticket_due_idx"),
            models.Index(fields=["closed_at"], name="helpdesk_ticket_closed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=TicketStatus.CLOSED) | Q(outcome__isnull=False) | Q(merged_into__isnull=False),
                name="helpdesk_closed_ticket_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(channel=Channel.REFERRAL) | Q(referring_organisation__isnull=False),
                name="helpdesk_referral_has_partner",
            ),
            models.UniqueConstraint(
                fields=["submission_key"], condition=~Q(submission_key=""), name="helpdesk_ticket_one_per_submission"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("helpdesk:ticket_detail", kwargs={"reference": self.reference})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def source_label(self) -> str:
        """Where the question was asked from, in words for the advisors ("" when not recorded)."""
        kind, _sep, key = self.source.partition(":")
        if kind == "doe-netwerk" and key:
            return _("de pagina van doe-netwerk %(network)s") % {"network": key}
        if kind == "partnersite":
            if key:
                return _("het vraagformulier op de site van partner %(partner)s") % {"partner": key}
            return str(_("het vraagformulier op de site van een partner"))
        return self.source

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    def can_transition_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]

    def move_to(self, status: str) -> str:
        """Apply a status change along TRANSITIONS (raises InvalidTransition), without saving; returns
        the old status. Closing stamps closed_at; reopening clears it and the outcome. Services call
        this on a locked row and save STATUS_FIELDS."""
        old = self.status
        if old == status:
            return old
        if not self.can_transition_to(status):
            raise InvalidTransition(old, status)
        self.status = status
        if status == TicketStatus.CLOSED:
            self.closed_at = timezone.now()
        elif old == TicketStatus.CLOSED:
            self.closed_at = None
            self.outcome = None
        return old


class TicketAccessToken(models.Model):
    """A private follow link for the requester. Only the SHA-256 of the token is stored."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="access_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("volglink")
        verbose_name_plural = _("volglinks")

    def __str__(self) -> str:
        return f"volglink {self.pk}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
