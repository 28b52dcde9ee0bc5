"""Demo data for the impact report: about 600 anonymous demo questions over three and a half
half-years, menukaart usage, partner input, agreements, and the report of the last half-year.

Idempotent: demo questions have references starting with DEMO-, and are only made once. Bulk
inserts (no e-mail, no audit trail): these questions exist only to give the report trends.
"""

import random
from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation
from helpdesk.models import Channel, Feedback, OutcomeCategory, SuggestionStat, Ticket, TicketStatus
from helpdesk.workdays import add_working_days
from impact import services
from impact.models import Agreement, AgreementStatus, PartnerInput
from impact.periods import AMSTERDAM, half_year_of, last_complete_half_year
from menukaart.models import Measure, Theme, UsageEvent

PREFIX = "DEMO-"
# What employers typically ask, so queues and partner lists in the demo read like the real thing.
SUBJECTS = (
    "Anoniem solliciteren invoeren",
    "Objectief selecteren in sollicitatiegesprekken",
    "Taaleisen in vacatures",
    "Statushouders aannemen",
    "Gebedsruimte op het werk",
    "Discriminerende opmerking van een klant",
    "Charter Diversiteit ondertekenen",
    "Diversiteitsbeleid opzetten",
    "Een medewerkersnetwerk starten",
    "Inclusieve vacatureteksten",
    "Melding van ongewenst gedrag",
    "Discriminerend verzoek aan een uitzendbureau",
    "Cijfers over diversiteit bijhouden",
    "Leidinggevenden trainen in inclusie",
    "Religieuze feestdagen en roosters",
    "Stage voor jongeren met een migratieachtergrond",
)


class Command(BaseCommand):
    help = "Load demo data for the impact report (three half-years and more) and produce the last report."

    def handle(self, *args, **options):
        today = timezone.localdate()
        last = last_complete_half_year(today)
        first = last.previous().previous()
        with transaction.atomic():
            if not Ticket.objects.filter(reference__startswith=PREFIX).exists():
                made = self._tickets(first.start, today)
                self._usage(first.start, today)
                self.stdout.write(f"Impact demo: {made} demo questions.")
            self._partner_input_and_agreements(last, today)
        report = services.request_report(period=last)
        report.refresh_from_db()
        self.stdout.write(f"Impact demo: report {last.label} ({report.get_status_display()}).")

    def _tickets(self, start: date, today: date) -> int:
        rng = random.Random(2026)  # noqa: S311  # nosec B311 (demo data, not security)
        themes = list(Theme.objects.order_by("position", "name"))
        partners = list(Organisation.objects.referring_partners())
        outcomes = list(OutcomeCategory.objects.filter(is_active=True))
        if not themes or not outcomes:
            return 0
        days = (today - start).days
        tickets, links = [], []
        for number in range(600):
            # More questions later on, and "Werving" style themes growing: a visible trend.
            offset = int(days * (rng.random() ** 0.8))
            day = start + timedelta(days=min(offset, days - 1))
            created = datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=AMSTERDAM)
            partner = rng.choice(partners) if partners and rng.random() < 0.45 else None
            response_days = rng.choice([0, 1, 1, 2, 2, 3, 4, 6, 8])
            responded = created + timedelta(days=response_days) if day < today - timedelta(days=10) else None
            closed = (
                created + timedelta(days=response_days + rng.randint(3, 20))
                if responded and rng.random() < 0.8
                else None
            )
            tickets.append(
                Ticket(
                    reference=f"{PREFIX}{number:05d}",
                    subject=rng.choice(SUBJECTS),
                    question="Een vraag van een werkgever (demo, zonder persoonsgegevens).",
                    employer_name=f"Demowerkgever {rng.randint(1, 450)}",
                    contact_name="Demo",
                    sector=rng.choice("CFGHMNPQ"),
                    size_band=rng.choice(["1-9", "10-49", "50-249", "250+"]),
                    province=rng.choice(["utrecht", "noord-holland", "zuid-holland", "gelderland", "noord-brabant"]),
                    charter_signatory=rng.choice(["ja", "nee", "onbekend"]),
                    channel=Channel.REFERRAL
                    if partner
                    else rng.choice([Channel.WEB, Channel.WEB, Channel.EMAIL, Channel.PHONE]),
                    referring_organisation=partner,
                    status=TicketStatus.CLOSED
                    if closed
                    else (TicketStatus.ANSWERED if responded else TicketStatus.NEW),
                    outcome=rng.choice(outcomes) if closed else None,
                    due_date=add_working_days(day, 5),
                    first_response_at=responded,
                    closed_at=closed,
                    created_at=created,
                    pseudonymised_at=closed,  # no personal data in demo questions at all
                )
            )
        Ticket.objects.bulk_create(tickets)
        saved = Ticket.objects.filter(reference__startswith=PREFIX).order_by("reference")
        through = Ticket.themes.through
        feedback = []
        for ticket in saved:  # demo set-up only (600 rows once), not a report figure
            picked = rng.sample(
                themes[: max(3, min(len(themes), 3 + ticket.created_at.month % 5))], k=min(2, len(themes))
            )
            links += [through(ticket_id=ticket.pk, theme_id=theme.pk) for theme in picked]
            if ticket.closed_at and rng.random() < 0.5:
                feedback.append(Feedback(ticket=ticket, helpful=rng.random() < 0.75))
        through.objects.bulk_create(links, ignore_conflicts=True)
        Feedback.objects.bulk_create(feedback)
        return len(tickets)

    def _usage(self, start: date, today: date) -> None:
        rng = random.Random(7)  # noqa: S311  # nosec B311 (demo data, not security)
        measures = list(Measure.objects.published()[:25])
        events = []
        day = start
        while day < today:
            moment = datetime.combine(day, time(rng.randint(8, 20)), tzinfo=AMSTERDAM)
            for measure in rng.sample(measures, k=min(4, len(measures))):
                events += [UsageEvent(kind=UsageEvent.Kind.MEASURE_VIEW, hour=moment, measure=measure)] * rng.randint(
                    1, 4
                )
            if measures and rng.random() < 0.3:
                events.append(UsageEvent(kind=UsageEvent.Kind.PLAN_ADD, hour=moment, measure=rng.choice(measures)))
            if rng.random() < 0.2:
                query = rng.choice(["statushouders bouw", "taaleis vacature", "leeftijd werving", "neurodiversiteit"])
                events.append(UsageEvent(kind=UsageEvent.Kind.SEARCH, hour=moment, query=query, result_count=0))
            if day.weekday() == 0:
                SuggestionStat.objects.get_or_create(
                    day=day,
                    defaults={
                        "suggestions_shown": rng.randint(10, 40),
                        "suggestion_opens": rng.randint(4, 15),
                        "visits_with_open": rng.randint(3, 10),
                        "asked_after_open": rng.randint(0, 3),
                    },
                )
            day += timedelta(days=1)
        UsageEvent.objects.bulk_create(events, batch_size=2000)

    def _partner_input_and_agreements(self, last, today) -> None:
        abu = Organisation.objects.filter(slug="abu").first()
        awvn = Organisation.objects.filter(slug="awvn").first()
        ser = Organisation.objects.filter(slug="ser-dib").first()
        theme = Theme.objects.order_by("position").first()
        if abu and not PartnerInput.objects.filter(organisation=abu, period_start=last.start).exists():
            item = PartnerInput.objects.create(
                organisation=abu, period_start=last.start, period_end=last.end,
                questions_heard=35, employers_reached=20,
                note="Uitzendbureaus vragen vaak hoe ze discriminerende verzoeken van opdrachtgevers weigeren.",
            )  # fmt: skip
            if theme:
                item.themes.add(theme)
        if awvn and not PartnerInput.objects.filter(organisation=awvn, period_start=last.start).exists():
            PartnerInput.objects.create(
                organisation=awvn, period_start=last.start, period_end=last.end, questions_heard=12,
                note="Leden willen voorbeelden van gestructureerde sollicitatiegesprekken.",
            )  # fmt: skip
        meeting = half_year_of(last.start).start + timedelta(days=70)
        if ser and abu and not Agreement.objects.exists():
            Agreement.objects.create(
                meeting_date=meeting, action="Handreiking 'nee zeggen tegen discriminerende verzoeken' in de menukaart",
                owner=abu, due_date=meeting + timedelta(days=90), status=AgreementStatus.DONE,
            )  # fmt: skip
            Agreement.objects.create(
                meeting_date=meeting, action="Terugkerende vragen over taaleisen bundelen tot één antwoord",
                owner=ser, due_date=meeting + timedelta(days=60), status=AgreementStatus.IN_PROGRESS,
                status_note="Concept ligt bij de redactie.",
            )  # fmt: skip
            Agreement.objects.create(
                meeting_date=today - timedelta(days=20),
                action="Werkgevers uit de bouw uitnodigen voor een doe-netwerk",
                owner=awvn or abu, due_date=today + timedelta(days=60),
            )  # fmt: skip
