"""Helpdesk figures. A "question" is a ticket, not counting duplicates merged into another question.

Times are local (Europe/Amsterdam); a question belongs to the period in which it was received.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, F, Q, Window
from django.db.models.functions import ExtractMonth, ExtractYear, Lower, RowNumber, TruncDate
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from helpdesk.models import (
    AuditEvent,
    Channel,
    CharterStatus,
    Message,
    MessageKind,
    OutcomeCategory,
    Province,
    Sector,
    SizeBand,
    Ticket,
    TicketStatus,
)
from impact.figures.base import DURATION, RATE, Context, Row, figure
from impact.figures.common import choice_rows, counts_by, named_rows
from impact.figures.sql import nearest_rank, working_days_between
from impact.periods import AMSTERDAM
from menukaart.models import Theme

PSEUDONYM = "[gepseudonimiseerd]"  # helpdesk.services.PSEUDONYM: the employer name after retention


def questions(context: Context):
    """Tickets that count as questions: everything but duplicates merged into another question."""
    return Ticket.objects.filter(merged_into__isnull=True)


@figure(section="helpdesk", title=_("Vragen ontvangen"), chart="trend")
def questions_received(context: Context) -> list[Row]:
    """Vragen die in de periode binnenkwamen (Nederlandse tijd), ook doorverwijzingen; dubbele vragen die
    zijn samengevoegd met een andere vraag tellen niet mee."""
    counts = _channel_counts(context)
    total = [sum(values) for values in zip(*counts.values(), strict=True)] if counts else [0] * len(context.periods)
    return [Row("totaal", _("Vragen"), total)]


def _channel_counts(context: Context) -> dict:
    return context.cached(
        "channels", lambda: counts_by(context, questions(context), "channel", time_field="created_at")
    )


@figure(section="helpdesk", title=_("Vragen per maand"), exclusive=True)
def questions_per_month(context: Context) -> list[Row]:
    """Binnengekomen vragen per kalendermaand van de periode (maand 1 is de eerste maand van de periode),
    in Nederlandse tijd; de kolommen van eerdere periodes tonen dezelfde maand van hun periode."""
    grouped = (
        questions(context)
        .filter(context.in_range("created_at"))
        .annotate(
            bucket=context.bucket("created_at"),
            year=ExtractYear("created_at", tzinfo=AMSTERDAM),
            month=ExtractMonth("created_at", tzinfo=AMSTERDAM),
        )
        .values("bucket", "year", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    months = max(
        1,
        (context.current.end.year - context.current.start.year) * 12
        + context.current.end.month
        - context.current.start.month
        + 1,
    )
    values = defaultdict(lambda: [0] * len(context.periods))
    for group in grouped:  # one row per (period, month)
        start = context.periods[group["bucket"]].start
        index = (group["year"] - start.year) * 12 + group["month"] - start.month
        values[index][group["bucket"]] = group["n"]
    rows = []
    for index in range(months):
        month_number = (context.current.start.month - 1 + index) % 12 + 1
        year = context.current.start.year + (context.current.start.month - 1 + index) // 12
        rows.append(Row(f"maand-{index + 1}", f"{MONTHS[month_number]} {year}", values[index]))
    return rows


@figure(section="helpdesk", title=_("Vragen per kanaal"), exclusive=True)
def questions_per_channel(context: Context) -> list[Row]:
    """Binnengekomen vragen per kanaal: webformulier, doorverwijzing door een partner, telefoon, e-mail."""
    counts = _channel_counts(context)
    return choice_rows(counts, Channel.choices, context, unknown_label=_("Onbekend"))


@figure(section="helpdesk", title=_("Vragen per doorverwijzende partner"), exclusive=True)
def questions_per_partner(context: Context) -> list[Row]:
    """Binnengekomen vragen per doorverwijzende partnerorganisatie; vragen die rechtstreeks binnenkwamen
    (zonder partner) staan in een eigen rij."""
    counts = counts_by(context, questions(context), "referring_organisation", time_field="created_at")
    names = dict(Organisation.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "name"))
    partners = Organisation.objects.referring_partners().values_list("pk", "name")
    rows = [Row(pk, name, counts.get(pk, [0] * len(context.periods))) for pk, name in partners]
    rows += [Row(pk, names[pk], values) for pk, values in counts.items() if pk and pk not in dict(partners)]
    rows.append(Row("direct", _("Rechtstreeks (zonder partner)"), counts.get(None, [0] * len(context.periods))))
    return rows


@figure(section="helpdesk", title=_("Vragen per thema"))
def questions_per_theme(context: Context) -> list[Row]:
    """Binnengekomen vragen per thema van de menukaart dat de adviseur eraan gaf. Een vraag kan meer
    thema's hebben, dus de rijen tellen niet op tot het aantal vragen; vragen zonder thema tellen niet
    mee."""

    def compute():
        through = Ticket.themes.through.objects.filter(ticket__merged_into__isnull=True)
        return counts_by(context, through, "theme_id", time_field="ticket__created_at", count="ticket_id")

    counts = context.cached("themes", compute)
    names = dict(Theme.objects.values_list("pk", "name"))
    rows = [Row(row.key, row.label, list(row.values)) for row in named_rows(counts, names, context)]
    return sorted(rows, key=lambda row: (-row.values[-1], row.label))


@figure(section="helpdesk", title=_("Vragen per sector"), exclusive=True)
def questions_per_sector(context: Context) -> list[Row]:
    """Binnengekomen vragen per sector van de werkgever (SBI-sectie), zoals de werkgever die opgaf."""
    counts = counts_by(context, questions(context), "sector", time_field="created_at")
    return choice_rows(counts, Sector.choices, context, unknown_label=_("Niet opgegeven"))


@figure(section="helpdesk", title=_("Vragen per omvang"), exclusive=True)
def questions_per_size_band(context: Context) -> list[Row]:
    """Binnengekomen vragen per omvang van de werkgever (aantal medewerkers), zoals de werkgever die opgaf."""
    counts = counts_by(context, questions(context), "size_band", time_field="created_at")
    return choice_rows(counts, SizeBand.choices, context, unknown_label=_("Niet opgegeven"))


@figure(section="helpdesk", title=_("Vragen per provincie"), exclusive=True)
def questions_per_province(context: Context) -> list[Row]:
    """Binnengekomen vragen per provincie van de werkgever, zoals de werkgever die opgaf."""
    counts = counts_by(context, questions(context), "province", time_field="created_at")
    return choice_rows(counts, Province.choices, context, unknown_label=_("Niet opgegeven"))


@figure(section="helpdesk", title=_("Ondertekenaars van het Charter Diversiteit"), exclusive=True)
def questions_by_charter(context: Context) -> list[Row]:
    """Binnengekomen vragen van werkgevers die het Charter Diversiteit ondertekenden, die dat niet deden en
    die het niet wisten, volgens het antwoord op het formulier."""
    counts = counts_by(context, questions(context), "charter_signatory", time_field="created_at")
    labels = {
        CharterStatus.SIGNATORY: _("Ondertekenaar"),
        CharterStatus.NOT_SIGNATORY: _("Geen ondertekenaar"),
        CharterStatus.UNKNOWN: _("Onbekend"),
    }
    return [Row(value, labels[value], counts.get(value, [0] * len(context.periods))) for value in labels]


def _durations(context: Context, end_field: str, extra: Q) -> list:
    """(median, 90th percentile, n) per period of the working days from receipt to `end_field`.

    Nearest-rank percentiles computed in the database with window functions: the median is the
    value at rank ceil(n/2) of the sorted working days, the 90th percentile the one at ceil(0.9 n).
    """
    span = working_days_between(
        "created_at", end_field, first_year=context.periods[0].start.year, last_year=context.today.year
    )
    ranked = (
        questions(context)
        .filter(context.in_range("created_at"), extra)
        .annotate(bucket=context.bucket("created_at"), days=span)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("bucket")], order_by=[F("days").asc(), F("pk").asc()]),
            n=Window(Count("pk"), partition_by=[F("bucket")]),
        )
        .order_by()
    )
    result = [(None, None, 0) for _period in context.periods]
    picked = ranked.annotate(r50=nearest_rank("n", 50), r90=nearest_rank("n", 90)).filter(
        Q(rank=F("r50")) | Q(rank=F("r90"))
    )
    for bucket, days, rank, n, r50, r90 in picked.values_list("bucket", "days", "rank", "n", "r50", "r90"):
        median, p90, _n = result[bucket]  # at most two rows per period (one when both ranks are the same)
        result[bucket] = (days if rank == r50 else median, days if rank == r90 else p90, n)
    return result


@figure(section="helpdesk", title=_("Tijd tot eerste reactie"), unit=DURATION, chart="")
def first_response_time(context: Context) -> list[Row]:
    """Werkdagen van binnenkomst tot het eerste antwoord van de adviseur aan de werkgever, voor de vragen
    uit de periode die een antwoord kregen: mediaan en 90e percentiel (nearest rank). Werkdagen zijn
    maandag tot en met vrijdag zonder Nederlandse feestdagen (Algemene termijnenwet); een antwoord op de
    dag van binnenkomst is 0, op de volgende werkdag 1."""
    return [
        Row(
            "eerste-reactie",
            _("Eerste reactie"),
            _durations(context, "first_response_at", Q(first_response_at__isnull=False)),
        )
    ]


@figure(section="helpdesk", title=_("Doorlooptijd tot afsluiting"), unit=DURATION, chart="")
def resolution_time(context: Context) -> list[Row]:
    """Werkdagen van binnenkomst tot afsluiten, voor de vragen uit de periode die nu gesloten zijn: mediaan
    en 90e percentiel (nearest rank), geteld als bij de eerste reactie."""
    extra = Q(status=TicketStatus.CLOSED, closed_at__isnull=False)
    return [Row("afgesloten", _("Afgesloten"), _durations(context, "closed_at", extra))]


@figure(section="helpdesk", title=_("Binnen de servicetermijn"), unit=RATE, chart="trend")
def service_level_adherence(context: Context) -> list[Row]:
    """Van de vragen uit de periode die een antwoord kregen of waarvan de uiterste reactiedatum voorbij is:
    het deel met een eerste antwoord op of vóór die datum (de servicetermijn: 2, 5 of 10 werkdagen naar
    prioriteit). Een vraag die na de uiterste datum nog wacht, telt als gemist."""
    today = context.today
    first_reply_day = TruncDate("first_response_at", tzinfo=AMSTERDAM)
    base = questions(context).filter(Q(first_response_at__isnull=False) | Q(due_date__lt=today))
    grouped = (
        base.filter(context.in_range("created_at"))
        .annotate(bucket=context.bucket("created_at"), reply_day=first_reply_day)
        .values("bucket")
        .annotate(whole=Count("pk"), part=Count("pk", filter=Q(reply_day__lte=F("due_date"))))
        .order_by()
    )
    values = [(0, 0)] * len(context.periods)
    for group in grouped:
        values[group["bucket"]] = (group["part"], group["whole"])
    return [Row("binnen-termijn", _("Eerste reactie binnen de termijn"), values)]


@figure(section="helpdesk", title=_("Heropende vragen"), unit=RATE, chart="trend")
def reopen_rate(context: Context) -> list[Row]:
    """Van de vragen uit de periode: het deel dat minstens één keer werd heropend (door een reactie van de
    werkgever of door een adviseur), volgens de audittrail van de helpdesk."""
    grouped = (
        AuditEvent.objects.filter(detail__status_to=TicketStatus.REOPENED, ticket__merged_into__isnull=True)
        .exclude(detail__status_from=TicketStatus.REOPENED)
        .filter(context.in_range("ticket__created_at"))
        .annotate(bucket=context.bucket("ticket__created_at"))
        .values("bucket")
        .annotate(part=Count("ticket", distinct=True))
        .order_by()
    )
    reopened = {group["bucket"]: group["part"] for group in grouped}
    totals = questions_received(context)[0].values
    values = [(reopened.get(i, 0), total) for i, total in enumerate(totals)]
    return [Row("heropend", _("Heropend"), values)]


@figure(section="helpdesk", title=_("Uitkomsten van afgesloten vragen"), exclusive=True)
def outcomes(context: Context) -> list[Row]:
    """Vragen die in de periode werden gesloten (naar datum van sluiten), per uitkomstcategorie die de
    adviseur koos."""
    counts = counts_by(
        context, questions(context).filter(status=TicketStatus.CLOSED), "outcome", time_field="closed_at"
    )
    names = dict(OutcomeCategory.objects.values_list("pk", "name"))
    return sorted(named_rows(counts, names, context), key=lambda row: (-row.values[-1], row.label))


def _helpful(context: Context, queryset, dimension: str) -> dict:
    grouped = (
        queryset.filter(context.in_range("created_at"), feedback__isnull=False)
        .annotate(bucket=context.bucket("created_at"))
        .values("bucket", dimension)
        .annotate(whole=Count("pk"), part=Count("pk", filter=Q(feedback__helpful=True)))
        .order_by()
    )
    result: dict = defaultdict(lambda: [(0, 0)] * len(context.periods))
    for group in grouped:
        values = list(result[group[dimension]])
        values[group["bucket"]] = (group["part"], group["whole"])
        result[group[dimension]] = values
    return result


@figure(section="helpdesk", title=_("Heeft dit geholpen? Per thema"), unit=RATE)
def helpful_per_theme(context: Context) -> list[Row]:
    """Van de vragen uit de periode waarop de werkgever 'Heeft dit geholpen?' beantwoordde: het deel dat ja
    zei, per thema van de vraag."""
    result = _helpful(context, questions(context), "themes")
    names = dict(Theme.objects.values_list("pk", "name"))
    return [Row(pk, names[pk], values) for pk, values in result.items() if pk is not None]


@figure(section="helpdesk", title=_("Heeft dit geholpen? Per kanaal"), unit=RATE)
def helpful_per_channel(context: Context) -> list[Row]:
    """Van de vragen uit de periode waarop de werkgever 'Heeft dit geholpen?' beantwoordde: het deel dat ja
    zei, per kanaal waarlangs de vraag binnenkwam."""
    result = _helpful(context, questions(context), "channel")
    labels = dict(Channel.choices)
    return [Row(value, labels.get(value, value), values) for value, values in result.items()]


def employers_with_question(context: Context) -> list[int]:
    """Distinct employers (by name, ignoring case) with a question received in each period."""
    grouped = (
        questions(context)
        .exclude(employer_name=PSEUDONYM)
        .filter(context.in_range("created_at"))
        .annotate(bucket=context.bucket("created_at"))
        .values("bucket")
        .annotate(n=Count(Lower("employer_name"), distinct=True))
        .order_by()
    )
    values = [0] * len(context.periods)
    for group in grouped:  # one row per period
        values[group["bucket"]] = group["n"]
    return values


def norm_capacity(context: Context) -> list[int]:
    """Employers the advisors can serve in each period by the norm: fte x employers per fte x days / 365."""
    per_year = settings.HELPDESK_ADVISOR_FTE * settings.HELPDESK_EMPLOYERS_PER_FTE
    return [round(per_year * period.days / 365) for period in context.periods]


@figure(section="helpdesk", title=_("Capaciteit tegenover de norm"), chart="")
def capacity(context: Context) -> list[Row]:
    """Werkgevers met minstens één vraag in de periode (verschillend op naam, hoofdletters genegeerd;
    werkgevers van wie de gegevens na de bewaartermijn zijn gepseudonimiseerd tellen niet mee) tegenover
    de capaciteit volgens de norm: HELPDESK_ADVISOR_FTE fte x HELPDESK_EMPLOYERS_PER_FTE (ongeveer 75)
    werkgevers per fte per jaar, naar rato van de lengte van de periode. Elke 75 werkgevers boven de
    capaciteit vragen ongeveer 1 fte extra."""
    return [
        Row("werkgevers", _("Werkgevers met een vraag"), employers_with_question(context)),
        Row("capaciteit", _("Capaciteit volgens de norm (werkgevers)"), norm_capacity(context)),
    ]


# --- Recurring questions -----------------------------------------------------------------------


@figure(section="terugkerend", title=_("Meest gevraagde thema's"), top=10)
def top_themes(context: Context) -> list[Row]:
    """De tien thema's met de meeste binnengekomen vragen in de periode (zoals bij 'Vragen per thema')."""
    return questions_per_theme(context)


@figure(section="terugkerend", title=_("Meest gebruikte tags"), top=10)
def top_tags(context: Context) -> list[Row]:
    """De tien menukaart-tags die het vaakst voorkomen bij de maatregelen die adviseurs in hun antwoorden
    op vragen uit de periode meestuurden (elke vraag telt een tag één keer)."""
    links = Message.measures.through.objects.filter(
        message__kind=MessageKind.REPLY, message__ticket__merged_into__isnull=True
    )
    rows = (
        links.filter(context.in_range("message__ticket__created_at"), measure__tags__isnull=False)
        .annotate(bucket=context.bucket("message__ticket__created_at"))
        .values("bucket", "measure__tags__name")
        .annotate(n=Count("message__ticket", distinct=True))
        .order_by()
    )
    result: dict = defaultdict(lambda: [0] * len(context.periods))
    for group in rows:
        result[group["measure__tags__name"]][group["bucket"]] = group["n"]
    return [Row(name, name, values) for name, values in result.items()]


@figure(section="terugkerend", title=_("Stijgende en dalende thema's"), chart="", order="change")
def rising_and_falling_themes(context: Context) -> list[Row]:
    """Thema's op volgorde van de verandering in aantal vragen ten opzichte van de vorige periode: grootste
    stijging eerst, grootste daling laatst (alleen thema's met vragen in een van beide periodes).
    Thema's met een weggelaten verschil staan onderaan."""
    return [row for row in questions_per_theme(context) if row.values[-1] or row.values[-2]]


@figure(section="terugkerend", title=_("Nieuwe thema's deze periode"), chart="")
def new_themes(context: Context) -> list[Row]:
    """Thema's met vragen in de periode en geen enkele vraag in eerdere periodes van de trend."""
    return [row for row in questions_per_theme(context) if row.values[-1] and not any(row.values[:-1])]
