"""Demo content for good examples and role models (`make run` only; called by load_demo).

The stories apply measures from the source documents (TNO 2022 handreiking; SER Diversiteit in
Bedrijf 2022 on employee networks; the Charter Diversiteit examples) at the demo employer and at
partners' members. The role models are fictional people at fictional firms, with consent records
made the way the private link makes them. Idempotent; sends no e-mail.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from communities.models import RoleModel, RoleModelConsent, RoleModelStatus
from core.choices import Sector, SizeBand
from menukaart.models import Example, ExampleReaction, ExampleStatus, Measure, ReactionStatus, Source

# (slug, submitter, status, title, organisation, sector, size, what they did, what it brought, measures, sources,
#  decline reason)
EXAMPLES = [
    (
        "bouwbedrijf-de-vries-buddys-op-de-bouwplaats",
        "werkgever",
        ExampleStatus.PUBLISHED,
        "Bouwbedrijf De Vries: een buddy voor elke nieuwe collega",
        "Bouwbedrijf De Vries",
        Sector.F,
        SizeBand.S50_249,
        "Nieuwe collega's met een migratieachtergrond vertrokken vaak in het eerste jaar. We gaven elke nieuwe "
        "medewerker een buddy uit een ander team: iemand die de weg wijst, meeneemt naar de lunch en de eerste drie "
        "maanden elke week even vraagt hoe het gaat. De buddy's kregen een korte uitleg over wat wel en niet bij "
        "hun rol hoort. In het exitgesprek vragen we nu ook of iemand zich thuis voelde.",
        "Van de twaalf nieuwe collega's van vorig jaar zijn er elf gebleven. Buddy's zeggen dat ze zelf ook meer "
        "zijn gaan letten op grappen die niet goed vallen. Lastig was tijd vrijmaken in drukke weken: we plannen "
        "de gesprekjes nu vooraf in.",
        ["zet-buddys-in", "maak-onboarding-inclusief", "vraag-naar-inclusie-in-exitgesprekken"],
        ["tno-2022"],
        "",
    ),
    (
        "transportbedrijf-gestructureerde-gesprekken",
        "partner-awvn",
        ExampleStatus.SUBMITTED,
        "Transportbedrijf Van Dijk: dezelfde vragen voor elke sollicitant",
        "Transportbedrijf Van Dijk",
        Sector.H,
        SizeBand.S250,
        "Na een AWVN-bijeenkomst over objectief werven stelde het bedrijf vooraf vast waar een goede planner aan "
        "moet voldoen. Elke sollicitant krijgt nu dezelfde vragen in dezelfde volgorde, en twee interviewers "
        "scoren los van elkaar voordat ze overleggen.",
        "Interviewers merken dat ze minder op hun gevoel afgaan. Het aandeel sollicitanten met een "
        "migratieachtergrond dat een tweede gesprek krijgt, is gestegen; het bedrijf volgt dat het komende jaar.",
        ["werf-en-selecteer-objectief", "objectiveer-hr-processen"],
        ["tno-2022"],
        "",
    ),
    (
        "uitzendbureau-netwerk-zonder-toestemming",
        "partner-abu",
        ExampleStatus.DECLINED,
        "Uitzendbureau Zon: een netwerk voor flexkrachten",
        "Uitzendbureau Zon",
        Sector.N,
        SizeBand.S10_49,
        "Flexkrachten met verschillende achtergronden kwamen elk kwartaal bij elkaar om ervaringen te delen, "
        "zoals medewerkersnetwerken dat bij grote werkgevers doen.",
        "Meer flexkrachten meldden zich voor een vaste baan.",
        ["faciliteer-medewerkersnetwerken"],
        ["ser-dib-2022"],
        "Het uitzendbureau heeft nog niet laten weten dat het met naam genoemd wil worden. Vraag dat eerst na en "
        "stuur het voorbeeld dan opnieuw in.",
    ),
]

# (example slug, author username, kind, status, body)
REACTIONS = [
    (
        "bouwbedrijf-de-vries-buddys-op-de-bouwplaats",
        "partner-abu",
        ExampleReaction.Kind.QUESTION,
        ReactionStatus.PUBLISHED,
        "Hoe kozen jullie de buddy's: vrijwillig, of vroeg de leidinggevende mensen? En kregen ze er uren voor?",
    ),
    (
        "bouwbedrijf-de-vries-buddys-op-de-bouwplaats",
        "partner-nbbu",
        ExampleReaction.Kind.EXPERIENCE,
        ReactionStatus.PUBLISHED,
        "Bij een van onze leden werkt het ook voor uitzendkrachten: de buddy zit in het team waar de "
        "uitzendkracht komt te werken, en het intermediair belt na twee weken allebei even op.",
    ),
    (
        "bouwbedrijf-de-vries-buddys-op-de-bouwplaats",
        "partner-vno-ncw",
        ExampleReaction.Kind.QUESTION,
        ReactionStatus.SUBMITTED,
        "Mogen we dit voorbeeld gebruiken in onze nieuwsbrief voor regionale mkb-afdelingen?",
    ),
    (
        "ns-trainbow",
        "werkgever",
        ExampleReaction.Kind.QUESTION,
        ReactionStatus.PUBLISHED,
        "Wij zijn met 120 mensen veel kleiner. Heeft iemand ervaring met een netwerk dat we samen met andere "
        "bouwbedrijven in de regio opzetten?",
    ),
    (
        "abu-selecteren-zonder-vooroordelen",
        "werkgever",
        ExampleReaction.Kind.EXPERIENCE,
        ReactionStatus.SUBMITTED,
        "Onze planners volgden de training ook. Het hielp vooral dat we daarna samen afspraken maakten over wat we "
        "doen als een opdrachtgever een discriminerend verzoek doet.",
    ),
]

ROLE_MODELS = [
    {
        "slug": "nadia-el-idrissi",
        "name": "Nadia El Idrissi",
        "job_title": "Directeur-eigenaar",
        "organisation": "Schoonmaakbedrijf Helder",
        "email": "nadia.elidrissi@example.nl",
        "message": "Je hoeft geen groot bedrijf te zijn om eerlijk te werven. Begin bij je eigen vacaturetekst en "
        "vraag je af wie je ermee buitensluit.",
        "what_they_did": "Ik herschreef onze vacatures in eenvoudige taal en vraag niet meer om een cv maar om een "
        "proefdag. Nieuwe collega's krijgen een buddy. Met andere ondernemers uit de regio deel ik wat werkt in "
        "een doe-netwerk.",
    },
    {
        "slug": "martijn-hoekstra",
        "name": "Martijn Hoekstra",
        "job_title": "HR-directeur",
        "organisation": "Logistiek Centrum Delta",
        "email": "martijn.hoekstra@example.nl",
        "message": "Diversiteit is geen project van HR alleen. Als de directie zelf luistert naar collega's die "
        "zich niet thuis voelen, verandert er echt iets.",
        "what_they_did": "Ik zette samen met collega's een medewerkersnetwerk op dat meepraat over beleid, en liet "
        "elk directielid een jaar lang een jongere collega als omgekeerde mentor kiezen. We meten elk jaar of "
        "iedereen even snel doorstroomt.",
    },
]


class Command(BaseCommand):
    help = "Load demo good examples (with reactions) and two role models. Development only; idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        users = {user.username: user for user in get_user_model().objects.select_related("organisation")}
        missing = {row[1] for row in EXAMPLES} | {row[1] for row in REACTIONS}
        missing -= users.keys()
        if missing:
            raise CommandError(f"Load the demo users first (load_demo); missing: {', '.join(sorted(missing))}")
        now = timezone.now()
        editor = users.get("redacteur")
        for number, row in enumerate(EXAMPLES):
            slug, username, status, title, organisation, sector, size, did, brought, measures, sources, reason = row
            submitted_at = now - timedelta(days=20 - number * 5)
            example, _created = Example.objects.update_or_create(
                slug=slug,
                defaults={
                    "title": title,
                    "organisation": organisation,
                    "sector": sector,
                    "size_band": size,
                    "what_they_did": did,
                    "what_it_brought": brought,
                    "status": status,
                    "submitted_by": users[username],
                    "submitted_at": submitted_at,
                    "published_at": submitted_at + timedelta(days=2) if status == ExampleStatus.PUBLISHED else None,
                    "moderated_by": editor if status != ExampleStatus.SUBMITTED else None,
                    "moderated_at": submitted_at + timedelta(days=2) if status != ExampleStatus.SUBMITTED else None,
                    "decline_reason": reason,
                },
            )
            example.measures.set(Measure.objects.filter(slug__in=measures))
            example.themes.set({theme for measure in example.measures.all() for theme in measure.themes.all()})
            example.sources.set(Source.objects.filter(key__in=sources))
        examples = {example.slug: example for example in Example.objects.filter(slug__in={r[0] for r in REACTIONS})}
        for number, (slug, username, kind, status, body) in enumerate(REACTIONS):
            if slug not in examples:
                continue  # the menukaart content is not loaded
            author = users[username]
            ExampleReaction.objects.update_or_create(
                example=examples[slug],
                author=author,
                body=body,
                defaults={
                    "kind": kind,
                    "status": status,
                    "organisation_name": author.organisation.name if author.organisation else "",
                    "created_at": now - timedelta(days=10 - number),
                    "moderated_by": editor if status == ReactionStatus.PUBLISHED else None,
                    "moderated_at": now - timedelta(days=9 - number) if status == ReactionStatus.PUBLISHED else None,
                },
            )
        for values in ROLE_MODELS:
            role_model, _created = RoleModel.objects.update_or_create(
                slug=values["slug"], defaults={k: v for k, v in values.items() if k != "slug"}
            )
            role_model.refresh_from_db()
            if not role_model.consents.filter(text_hash=role_model.text_hash, withdrawn_at=None).exists():
                RoleModelConsent.objects.create(
                    role_model=role_model,
                    given_by=f"{role_model.name} <{role_model.email}>",
                    given_at=now - timedelta(days=14),
                    text=role_model.consent_text(),
                    text_hash=role_model.text_hash,
                )
            if role_model.status != RoleModelStatus.PUBLISHED:
                role_model.status = RoleModelStatus.PUBLISHED
                role_model.published_at = now - timedelta(days=13)
                role_model.save(update_fields=["status", "published_at", "updated_at"])
