"""Demo content for the helpdesk: outcome categories, standard answers and ~10 tickets. Idempotent.

Run by `manage.py load_demo` after the demo users exist (partner-abu, partner-awvn, adviseur, ...).
Demo tickets are recognised by their requester's e-mail address (@demo.example), so running the
command again changes nothing. Their e-mails are not sent: the outbox rows are marked sent.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.models import OutboxMessage, OutboxStatus
from helpdesk import services
from helpdesk.models import OutcomeCategory, StandardAnswer, Ticket, TicketStatus
from menukaart.models import Measure, Theme

OUTCOMES = [
    ("advies-gegeven", "Advies gegeven"),
    ("verwezen-menukaart", "Verwezen naar maatregelen in de menukaart"),
    ("doorverwezen-specialist", "Doorverwezen naar een specialist of expertisecentrum"),
    ("geen-reactie", "Geen reactie van de werkgever"),
    ("dubbel", "Dubbele vraag"),
]

STANDARD_ANSWERS = [
    (
        "Bedankt, we nemen contact op",
        "Dank je wel voor je vraag. Een adviseur van SER Diversiteit in Bedrijf neemt binnen vijf werkdagen "
        "contact met je op om je situatie beter te begrijpen.",
    ),
    (
        "Anoniem of gestandaardiseerd werven",
        "Veel werkgevers beginnen met gestructureerde sollicitatiegesprekken: dezelfde vragen voor iedere "
        "kandidaat, vooraf bepaalde beoordelingscriteria en een beoordeling door meer dan één persoon. "
        "In de menukaart vind je de stappen en de valkuilen.",
    ),
    (
        "Charter Diversiteit",
        "Het Charter Diversiteit is een intentieverklaring waarmee je laat zien dat je werk maakt van diversiteit "
        "en inclusie. Ondertekenaars krijgen ondersteuning van SER Diversiteit in Bedrijf bij het opstellen "
        "van een plan van aanpak.",
    ),
]

# (subject, question, employer, sector, size, province, partner username or "", status, share consent)
TICKETS = [
    (
        "Werven van statushouders",
        "Wij willen statushouders aannemen in de bouw. Waar beginnen we en hoe regelen we begeleiding op de werkvloer?",
        "Bouwbedrijf Van Dam",
        "F",
        "50-249",
        "gelderland",
        "",
        "nieuw",
        False,
    ),
    (
        "Taaleisen bij uitzendkrachten",
        "Een lid vraagt of het Nederlandse taaleisen mag stellen aan "
        "flexkrachten in de logistiek, en hoe dat zonder discriminatie kan.",
        "Logistiek Oost BV",
        "H",
        "250+",
        "overijssel",
        "partner-abu",
        "in_behandeling",
        True,
    ),
    (
        "Gesprek over discriminatie in het team",
        "Een medewerker meldt opmerkingen over afkomst door collega's. "
        "Hoe voeren wij als leidinggevenden het gesprek hierover?",
        "Zorggroep De Linde",
        "Q",
        "250+",
        "utrecht",
        "partner-awvn",
        "beantwoord",
        True,
    ),
    (
        "Diversiteitsbeleid voor het mkb",
        "Wij zijn een klein ICT-bedrijf en willen een eenvoudig plan voor diversiteit. Is er een voorbeeld?",
        "Softwarehuis Kern",
        "J",
        "10-49",
        "noord-holland",
        "",
        "wacht_op_werkgever",
        False,
    ),
    (
        "Stage voor jongeren met migratieachtergrond",
        "Hoe vinden wij stagiairs met een migratieachtergrond en voorkomen we stagediscriminatie?",
        "Installatiebedrijf Zuid",
        "F",
        "10-49",
        "noord-brabant",
        "partner-abu",
        "gesloten",
        False,
    ),
    (
        "Vragen over anoniem solliciteren",
        "Werkt anoniem solliciteren echt? Wij twijfelen over de kosten.",
        "Gemeentelijk Vervoerbedrijf",
        "H",
        "250+",
        "zuid-holland",
        "",
        "heropend",
        False,
    ),
    (
        "Inclusieve vacatureteksten",
        "Onze vacatures trekken vooral één type kandidaat. Hoe schrijven we inclusiever?",
        "Retail Noord",
        "G",
        "50-249",
        "groningen",
        "partner-awvn",
        "nieuw",
        False,
    ),
    (
        "Religieuze feestdagen en roosters",
        "Medewerkers vragen vrij voor het Suikerfeest. Hoe regelen we dat eerlijk in het rooster?",
        "Distributiecentrum West",
        "H",
        "250+",
        "zuid-holland",
        "",
        "in_behandeling",
        False,
    ),
    (
        "Charter Diversiteit ondertekenen",
        "Wat houdt ondertekening van het Charter Diversiteit in en wat kost het?",
        "Accountantskantoor Oost",
        "M",
        "50-249",
        "overijssel",
        "partner-abu",
        "beantwoord",
        True,
    ),
    (
        "Mentorprogramma opzetten",
        "Wij willen een mentorprogramma voor nieuwe collega's met een andere "
        "culturele achtergrond. Welke valkuilen zijn er?",
        "Hotel Centraal",
        "I",
        "10-49",
        "utrecht",
        "",
        "gesloten",
        False,
    ),
]


class Command(BaseCommand):
    help = "Load helpdesk demo content (outcomes, standard answers, demo tickets). Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        for position, (slug, name) in enumerate(OUTCOMES):
            OutcomeCategory.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})
        for title, body in STANDARD_ANSWERS:
            StandardAnswer.objects.update_or_create(title=title, defaults={"body": body})
        users = {
            u.username: u
            for u in User.objects.filter(
                username__in=["adviseur", "adviseur2", "partner-abu", "partner-awvn", "werkgever"]
            )
        }
        advisor = users.get("adviseur")
        if advisor is None:
            self.stdout.write("No demo advisor yet (run load_demo): skipped the demo tickets.")
            return
        themes = list(Theme.objects.all()[:6])
        measures = list(Measure.objects.published()[:3])
        created = 0
        direct_asked = 0
        for index, row in enumerate(TICKETS):
            subject, question, employer, sector, size, province, partner, status, share = row
            email = f"demo{index + 1}@demo.example"
            if Ticket.objects.filter(contact_email=email).exists():
                continue
            created += 1
            profile = {
                "subject": subject,
                "question": question,
                "employer_name": employer,
                "contact_name": f"Contactpersoon {employer}",
                "contact_email": email,
                "sector": sector,
                "size_band": size,
                "province": province,
                "themes": themes[index % len(themes) :][:2] if themes else [],
                "consent_processing": True,
            }
            partner_user = users.get(partner) if partner else None
            if partner_user is not None:
                ticket = services.refer_question(by=partner_user, consent_share_with_partner=share, **profile)
            else:
                # The demo employer asked the first direct questions while logged in ("Mijn vragen").
                asked_by = users.get("werkgever") if direct_asked < 2 else None
                direct_asked += 1
                ticket, _token = services.submit_question(requester_user=asked_by, **profile)
            self._progress(
                ticket, status, advisor=users.get("adviseur2") if index % 3 == 0 else advisor, measures=measures
            )
            # Spread the demo over the last weeks, so the capacity dashboard has something to show.
            Ticket.objects.filter(pk=ticket.pk).update(
                created_at=timezone.now() - timedelta(days=3 * index + 1),
                due_date=services.due_date_for(
                    priority="normaal", start=timezone.localdate() - timedelta(days=3 * index + 1)
                ),
            )
        # Demo tickets have invented addresses: never send their e-mails.
        OutboxMessage.objects.filter(ticket__contact_email__endswith="@demo.example").update(
            status=OutboxStatus.SENT, sent_at=timezone.now(), private_link=""
        )
        self.stdout.write(f"Helpdesk demo: {created} tickets created.")

    def _progress(self, ticket, status, *, advisor, measures):
        outcome = OutcomeCategory.objects.get(slug="advies-gegeven")
        if status == TicketStatus.NEW:
            return
        services.claim_ticket(ticket=ticket, by=advisor)
        if status == TicketStatus.IN_PROGRESS:
            services.add_note(ticket=ticket, by=advisor, body="Eerst even bellen om de situatie te begrijpen.")
            return
        if status == TicketStatus.WAITING:
            services.reply(
                ticket=ticket,
                by=advisor,
                body="Hoeveel medewerkers heb je, en is er een OR?",
                then_status=TicketStatus.WAITING,
            )
            return
        services.reply(
            ticket=ticket,
            by=advisor,
            measures=measures,
            body="Dank voor je vraag. Hieronder vind je maatregelen die bij je situatie passen.",
        )
        if status == TicketStatus.REOPENED:
            services.requester_reply(
                ticket=ticket, body="Dank je. Wat kost dit ongeveer voor een organisatie als de onze?"
            )
        elif status == TicketStatus.CLOSED:
            services.close_ticket(ticket=ticket, by=advisor, outcome=outcome)
            services.record_feedback(ticket=ticket, helpful=True)
