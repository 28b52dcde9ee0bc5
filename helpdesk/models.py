"""Helpdesk: questions (tickets) of employers, answered by SER/DiB advisors.

Who may see or do what is decided in helpdesk/permissions.py; writes go through helpdesk/services.py.
"""

import hashlib
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TicketStatus(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    WAITING = "wacht_op_werkgever", _("Wacht op werkgever")
    ANSWERED = "beantwoord", _("Beantwoord")
    CLOSED = "gesloten", _("Gesloten")
    REOPENED = "heropend", _("Heropend")


# The allowed status changes. Anything else raises InvalidTransition (see services.transition).
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


class InvalidTransition(Exception):
    """A status change that TRANSITIONS does not allow."""

    def __init__(self, from_status: str, to_status: str):
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


class SizeBand(models.TextChoices):
    S1_9 = "1-9", _("1 tot 10 medewerkers")
    S10_49 = "10-49", _("10 tot 50 medewerkers")
    S50_249 = "50-249", _("50 tot 250 medewerkers")
    S250 = "250+", _("250 of meer medewerkers")


class Sector(models.TextChoices):
    """The sections of the Standaard Bedrijfsindeling (SBI, CBS)."""

    A = "A", _("A Landbouw, bosbouw en visserij")
    B = "B", _("B Delfstoffenwinning")
    C = "C", _("C Industrie")
    D = "D", _("D Energievoorziening")
    E = "E", _("E Waterbedrijven en afvalbeheer")
    F = "F", _("F Bouwnijverheid")
    G = "G", _("G Handel")
    H = "H", _("H Vervoer en opslag")
    I = "I", _("I Logies-, maaltijd- en drankverstrekking")  # noqa: E741
    J = "J", _("J Informatie en communicatie")
    K = "K", _("K Financiële dienstverlening")
    L = "L", _("L Verhuur van en handel in onroerend goed")
    M = "M", _("M Specialistische zakelijke diensten")
    N = "N", _("N Verhuur en overige zakelijke diensten (o.a. uitzendbureaus)")
    O = "O", _("O Openbaar bestuur en overheidsdiensten")  # noqa: E741
    P = "P", _("P Onderwijs")
    Q = "Q", _("Q Gezondheids- en welzijnszorg")
    R = "R", _("R Cultuur, sport en recreatie")
    S = "S", _("S Overige dienstverlening")


class Province(models.TextChoices):
    DR = "drenthe", _("Drenthe")
    FL = "flevoland", _("Flevoland")
    FR = "friesland", _("Fryslân")
    GE = "gelderland", _("Gelderland")
    GR = "groningen", _("Groningen")
    LI = "limburg", _("Limburg")
    NB = "noord-brabant", _("Noord-Brabant")
    NH = "noord-holland", _("Noord-Holland")
    OV = "overijssel", _("Overijssel")
    UT = "utrecht", _("Utrecht")
    ZE = "zeeland", _("Zeeland")
    ZH = "zuid-holland", _("Zuid-Holland")


class CharterStatus(models.TextChoices):
    SIGNATORY = "ja", _("Ja, wij hebben het Charter Diversiteit ondertekend")
    NOT_SIGNATORY = "nee", _("Nee")
    UNKNOWN = "onbekend", _("Weet ik niet")


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


class TicketQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, *, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def assigned_to_user(self, user):
        return self.filter(assigned_to=user) if user.is_authenticated else self.none()

    def in_queue_order(self):
        return self.order_by("due_date", "created_at", "pk")

    def after_in_queue(self, ticket: "Ticket"):
        """Tickets that come after `ticket` in the queue order (due date, then arrival)."""
        return self.filter(
            Q(due_date__gt=ticket.due_date)
            | Q(due_date=ticket.due_date, created_at__gt=ticket.created_at)
            | Q(due_date=ticket.due_date, created_at=ticket.created_at, pk__gt=ticket.pk),
            # Implied by the condition above, but PostgreSQL only starts the scan of the due-date
            # index at this date when it is said outright (else it reads every earlier ticket).
            due_date__gte=ticket.due_date,
        ).in_queue_order()

    def for_queue(self):
        """What a queue row shows, in a constant number of queries."""
        from menukaart.models import Theme

        return self.select_related("assigned_to", "referring_organisation").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "name"))
        )

    def for_detail(self):
        return self.select_related(
            "assigned_to", "referring_organisation", "referred_by", "outcome", "merged_into", "feedback"
        ).prefetch_related("themes")

    def merged_into_ticket(self, ticket):
        """The duplicates merged into `ticket`, for links on its page: reference only, one query.

        A plain filter rather than `ticket.merged_tickets`: through the related manager, Django 5.2
        loads each duplicate's deferred `merged_into_id` again (one query per duplicate) when it
        sets the known relation on every row."""
        return self.filter(merged_into=ticket).only("pk", "reference").order_by("reference")

    def asked_by(self, user):
        """The tickets a registered employer asked while logged in (their "Mijn vragen")."""
        return self.filter(requester_user=user) if user.is_authenticated else self.none()

    def for_requester_list(self):
        return self.only("reference", "subject", "status", "created_at")

    def of_requester(self, email: str):
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
    sector = models.CharField(_("sector (SBI)"), max_length=1, choices=Sector.choices, blank=True)
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
    # Where the question was asked from, as plain text (e.g. "doe-netwerk:<slug>" for the "Stel een
    # vraag" link on a network's page). Text, not a foreign key: the helpdesk does not import the
    # apps that link to it.
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
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    def can_transition_to(self, status: str) -> bool:
        return status in TRANSITIONS[self.status]


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


class MessageKind(models.TextChoices):
    REPLY = "antwoord", _("Antwoord aan werkgever")
    NOTE = "notitie", _("Interne notitie")
    REQUESTER = "werkgever", _("Bericht van werkgever")


class MessageQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(kind=MessageKind.NOTE)

    def for_thread(self):
        from menukaart.models import Measure

        return (
            self.select_related("author")
            .prefetch_related("attachments", Prefetch("measures", queryset=Measure.objects.order_by("title")))
            .order_by("created_at", "pk")
        )


class Message(models.Model):
    """A reply to the employer, an internal note, or a message from the employer."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("soort"), max_length=20, choices=MessageKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helpdesk_messages",
    )
    body = models.TextField(_("tekst"))
    measures = models.ManyToManyField(
        "menukaart.Measure", verbose_name=_("maatregelen uit de menukaart"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tijd"), default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        # A ticket's thread is always read in this order.
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="helpdesk_message_thread")]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_note(self) -> bool:
        return self.kind == MessageKind.NOTE


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A random file name: the uploader's name is kept in original_name, never on disk."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"helpdesk/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file with a message. Stored in PRIVATE_MEDIA_ROOT; served only by an access-checked view."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("bestand"), upload_to=attachment_path)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.original_name


class StandardAnswer(models.Model):
    """A reusable answer text, maintained by editors (contentbeheerders)."""

    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"))
    themes = models.ManyToManyField("menukaart.Theme", verbose_name=_("thema's"), blank=True, related_name="+")
    is_active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("standaardantwoord")
        verbose_name_plural = _("standaardantwoorden")

    def __str__(self) -> str:
        return self.title

    def render(self, *, ticket: "Ticket", advisor=None) -> str:
        """The text with its placeholders filled in for this ticket (see STANDARD_ANSWER_PLACEHOLDERS)."""
        from django.utils.formats import date_format

        values = {
            "{werkgever}": ticket.employer_name,
            "{contactpersoon}": ticket.contact_name,
            "{vraagnummer}": ticket.reference,
            "{termijn}": date_format(ticket.due_date, "j F Y") if ticket.due_date else "",
            "{adviseur}": (advisor.get_full_name() or advisor.get_username()) if advisor else "",
        }
        text = self.body
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        return text


# What an editor may write in a standard answer; filled in when an advisor inserts it.
STANDARD_ANSWER_PLACEHOLDERS = ("{werkgever}", "{contactpersoon}", "{vraagnummer}", "{termijn}", "{adviseur}")


class AuditAction(models.TextChoices):
    CREATED = "aangemaakt", _("Aangemaakt")
    VIEWED = "bekeken", _("Persoonsgegevens bekeken")
    STATUS = "status", _("Status gewijzigd")
    CLAIMED = "opgepakt", _("Opgepakt")
    ASSIGNED = "toegewezen", _("Toegewezen")
    REPLIED = "beantwoord", _("Antwoord verstuurd")
    NOTE = "notitie", _("Notitie toegevoegd")
    REQUESTER_MESSAGE = "reactie", _("Reactie van werkgever")
    MERGED = "samengevoegd", _("Samengevoegd")
    CLOSED = "gesloten", _("Gesloten")
    FEEDBACK = "feedback", _("Feedback gegeven")
    ATTACHMENT = "bijlage", _("Bijlage gedownload")
    EXPORTED = "geexporteerd", _("Gegevens geëxporteerd")
    ERASED = "gewist", _("Gegevens gewist op verzoek")
    PSEUDONYMISED = "gepseudonimiseerd", _("Gepseudonimiseerd na bewaartermijn")


class AuditEvent(models.Model):
    """Who did or saw what, when, on which ticket. Holds no personal data of the requester."""

    ticket = models.ForeignKey(Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events")
    ticket_reference = models.CharField(_("vraagnummer"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("wie (omschrijving)"), max_length=100, blank=True)
    action = models.CharField(_("wat"), max_length=30, choices=AuditAction.choices)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("wanneer"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.ticket_reference} {self.action}"


class Feedback(models.Model):
    """The employer's answer to "did this help?". One per ticket."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField(_("geholpen"))
    reason = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.ticket_id}: {'+' if self.helpful else '-'}"


class SuggestionStat(models.Model):
    """Daily counters for suggested measures on the question form. No personal data at all.

    A "form visit" is identified only by a random number in the form; these counters never hold it
    (a ticket keeps it only hashed into its submission key, against double posts).
    Deflection = visits where a suggestion was opened minus those that still asked a question.
    """

    day = models.DateField(unique=True)
    suggestions_shown = models.PositiveIntegerField(default=0)
    suggestion_opens = models.PositiveIntegerField(default=0)
    visits_with_open = models.PositiveIntegerField(default=0)
    asked_after_open = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("suggestiestatistiek")
        verbose_name_plural = _("suggestiestatistieken")

    def __str__(self) -> str:
        return str(self.day)

    @property
    def deflected(self) -> int:
        return max(self.visits_with_open - self.asked_after_open, 0)
