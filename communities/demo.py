"""Demo content of the doe-netwerken for `make run` (load_demo): three networks built from the
source documents, with members, meetings with minutes and lessons, and a discussion.

Idempotent: networks are matched by slug and rebuilt; dates are relative to today so the demo
always has a meeting to come and one that was held.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, OrganisationKind
from accounts.roles import WERKGEVER
from accounts.services import assign_role
from communities.models import (
    Event,
    JoinPolicy,
    Lesson,
    Meeting,
    MeetingRegistration,
    Membership,
    MembershipStatus,
    Network,
    Post,
    Proposal,
    ProposalKind,
    Region,
    Resource,
    ResourceVisibility,
)
from menukaart.models import Example, Measure, Theme

WERKAGENDA = (
    "Bron: Werkagenda VIA, afspraken tussen ABU, AWVN, FNV, Inspectie SZW, "
    "ministerie van SZW, NBBU, Randstad en VNO-NCW (2021)"
)
ACTIEPLAN = "Bron: Ministerie van SZW (2023), Voortgang actieplan arbeidsmarktdiscriminatie"
SER_DIB = "Bron: SER Diversiteit in Bedrijf (2022), Medewerkersnetwerken en medezeggenschap"

# Demo employers that take part (no log-in: they only make the member lists real).
EMPLOYERS = [
    ("zorggroep-oost", "Zorggroep Oost (demo)", "Ingrid", "Hoekstra"),
    ("logistiek-noord", "Logistiek Centrum Noord (demo)", "Youssef", "Benali"),
    ("gemeente-rivierstad", "Gemeente Rivierstad (demo)", "Marieke", "Dijkstra"),
    ("techniek-zuid", "Technisch Bureau Zuid (demo)", "Kevin", "Tran"),
    ("uitzend-flex", "FlexWerk Uitzendgroep (demo)", "Sanne", "Vermeulen"),
    ("uitzend-match", "MatchPlus Uitzenden (demo)", "Ahmed", "Yousef"),
]


def _local(days: int, hour: int, minute: int = 0):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _employer(slug: str, name: str, first: str, last: str):
    organisation, _created = Organisation.objects.update_or_create(
        slug=f"demo-{slug}", defaults={"name": name, "kind": OrganisationKind.EMPLOYER}
    )
    user, created = get_user_model().objects.get_or_create(
        username=f"demo-{slug}",
        defaults={"first_name": first, "last_name": last, "email": f"{slug}@example.nl", "organisation": organisation},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        assign_role(user=user, role=WERKGEVER)
    return user


def _join(network, user, status=MembershipStatus.ACTIVE, motivation=""):
    Membership.objects.update_or_create(
        network=network,
        user=user,
        defaults={
            "organisation": user.organisation,
            "status": status,
            "motivation": motivation,
            "decided_at": timezone.now() if status == MembershipStatus.ACTIVE else None,
        },
    )


def _network(slug, *, themes, coordinators, examples=(), **fields):
    network, _created = Network.objects.update_or_create(slug=slug, defaults=fields)
    # Rebuild what hangs under it, so loading twice gives the same demo.
    network.meetings.all().delete()
    network.posts.all().delete()
    network.lessons.all().delete()
    network.resources.all().delete()
    network.themes.set(Theme.objects.filter(slug__in=themes))
    network.coordinators.set([user for user in coordinators if user])
    network.examples.set(Example.objects.filter(slug__in=examples))
    return network


def _meeting(
    network, *, days, title, agenda, minutes="", capacity=None, is_public=True, location="", online_url="", by=None
):
    starts = _local(days, 14)
    meeting = Meeting.objects.create(
        network=network,
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2, minutes=30),
        location=location,
        online_url=online_url,
        agenda=agenda,
        capacity=capacity,
        is_public=is_public,
        minutes=minutes,
        minutes_added_at=starts + timedelta(days=2) if minutes else None,
        created_by=by,
    )
    return meeting


def _thread(network, author, title, body, replies=(), days_ago=3):
    created = timezone.now() - timedelta(days=days_ago)
    post = Post.objects.create(
        network=network, author=author, title=title, body=body, created_at=created, notified_at=created
    )
    for offset, (person, text) in enumerate(replies, start=1):
        at = created + timedelta(hours=offset * 5)
        Post.objects.create(network=network, parent=post, author=person, body=text, created_at=at, notified_at=at)
    return post


def _public_events():
    Event.objects.all().delete()
    today = timezone.localdate()
    year = today.year if (today.month, today.day) <= (3, 21) else today.year + 1
    Event.objects.create(
        title="21 maart: Internationale dag tegen racisme en discriminatie",
        description="Een dag om op het werk aandacht te vragen voor gelijke kansen en tegen discriminatie.",
        starts_at=datetime(year, 3, 21, 9, tzinfo=timezone.get_current_timezone()),
        all_day=True,
    )
    # Diversity Day: the first Tuesday of October.
    year = today.year if today.month < 10 else today.year + 1
    first = datetime(year, 10, 1, 9, tzinfo=timezone.get_current_timezone())
    tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    Event.objects.create(
        title="Diversity Day",
        description=(
            "Organisaties laten zien hoe zij werken aan diversiteit en inclusie. Doe mee met een eigen activiteit."
        ),
        starts_at=tuesday,
        all_day=True,
    )
    Event.objects.create(
        title="Impactbijeenkomst Werkagenda VIA",
        description=(
            "Twee keer per jaar bespreken de partners wat werkgevers nu nodig hebben: terugkerende vragen, "
            "populaire materialen en wat de doe-netwerken leerden. " + WERKAGENDA + "."
        ),
        starts_at=_local(75, 13),
        ends_at=_local(75, 17),
        location="Den Haag",
    )


@transaction.atomic
def load_demo() -> int:
    User = get_user_model()
    coordinator = User.objects.filter(username="coordinator").first()
    werkgever = User.objects.filter(username="werkgever").first()
    partner_abu = User.objects.filter(username="partner-abu").first()
    adviseur2 = User.objects.filter(username="adviseur2").first()
    employers = [_employer(*row) for row in EMPLOYERS]
    zorg, logistiek, gemeente, techniek, flex, match = employers

    # 1. Objective recruitment and selection (AWVN), coordinated by the demo `coordinator`.
    werving = _network(
        "objectief-werven-en-selecteren",
        name="Objectief werven en selecteren",
        summary="Werkgevers oefenen samen met werven en selecteren zonder vooroordelen.",
        description=(
            "In dit doe-netwerk passen werkgevers maatregelen toe die bewezen helpen om eerlijker te werven en te "
            "selecteren, zoals een vaste vragenlijst, een divers selectiecomité en het weglaten van naam en foto in "
            "de eerste ronde. We oefenen in een veilige groep, met vallen en opstaan, en nemen wat we leren mee naar "
            "de menukaart. AWVN wil met meerdere van zulke groepen uitkomen op ongeveer 60 werkgevers die de toon "
            "zetten. Enkele van deze lerende netwerken richten zich op het midden- en kleinbedrijf.\n\n"
            + WERKAGENDA
            + ".\n"
            + ACTIEPLAN
        ),
        host_organisation=Organisation.objects.get(slug="awvn"),
        region=Region.NATIONAL,
        sector_focus="Alle sectoren, met een groep voor het mkb",
        target_employers=60,
        join_policy=JoinPolicy.OPEN,
        is_listed=True,
        themes=["werving-en-selectie"],
        coordinators=[coordinator],
        examples=["szw-hele-instrumentarium"],
    )
    for user in (werkgever, zorg, logistiek, gemeente):
        if user:
            _join(werving, user)
    _join(werving, techniek, MembershipStatus.REQUESTED, "Wij zoeken technici en willen onze selectie eerlijker maken.")
    held = _meeting(
        werving,
        days=-21,
        title="Terugkombijeenkomst: de vaste vragenlijst",
        agenda=(
            "1. Rondje: wat hebben we uitgeprobeerd?\n2. De vaste vragenlijst in "
            "de praktijk\n3. Afspraken voor het volgende kwartaal"
        ),
        minutes=(
            "Aanwezig: vier werkgevers en de coördinator.\n\n"
            "Drie werkgevers gebruiken nu een vaste vragenlijst in het eerste gesprek. Zij merken dat de gesprekken "
            "beter te vergelijken zijn en dat het selectiecomité minder op 'klik' beslist. Lastig: leidinggevenden "
            "vinden het in het begin stijf. Wat hielp: samen de vragen "
            "opstellen en na afloop kort de scores bespreken.\n\n"
            "Afspraak: iedereen probeert het komend kwartaal bij ten minste twee vacatures."
        ),
        location="AWVN, Den Haag",
        capacity=20,
        by=coordinator,
    )
    for user in (werkgever, zorg, logistiek):
        if user:
            MeetingRegistration.objects.create(meeting=held, user=user)
    lesson = Lesson.objects.create(
        network=werving,
        meeting=held,
        title="Stel de vaste vragen samen met de leidinggevenden op",
        body=(
            "Een vaste vragenlijst werkt pas als de mensen die selecteren erachter staan. Stel de vragen samen op "
            "en bespreek na elk gesprek kort de scores; dan voelt het minder stijf en blijft het eerlijk."
        ),
        published_at=held.starts_at + timedelta(days=2),
        created_by=coordinator,
    )
    Lesson.objects.create(
        network=werving,
        meeting=held,
        title="Begin met twee vacatures",
        body="Probeer het eerst bij twee vacatures; dan is het overzichtelijk en heb je snel iets om te bespreken.",
        created_by=coordinator,
    )
    measure = Measure.objects.filter(slug="werf-en-selecteer-objectief").first()
    if measure:
        Proposal.objects.filter(network=werving).delete()
        Proposal.objects.create(
            network=werving,
            lesson=lesson,
            kind=ProposalKind.CHANGE,
            measure=measure,
            title="Tip: stel de vaste vragen samen op",
            body=lesson.body,
            created_by=coordinator,
        )
    upcoming = _meeting(
        werving,
        days=24,
        title="Divers selectiecomité: hoe doe je dat?",
        agenda=(
            "1. Opening\n2. Ervaringen met een divers selectiecomité\n3. "
            "Gastspreker SER Diversiteit in Bedrijf\n4. Afspraken"
        ),
        location="AWVN, Den Haag",
        online_url="https://meet.example.nl/werving",
        capacity=20,
        by=coordinator,
    )
    MeetingRegistration.objects.create(meeting=upcoming, user=zorg)
    _thread(
        werving,
        zorg,
        "Naam en foto weglaten: ervaringen?",
        "Wij willen in de eerste ronde naam en foto weglaten. Wie heeft "
        "dat al gedaan, en hoe ging het met de recruiters?",
        replies=[
            (
                logistiek,
                "Wij doen het een half jaar. Recruiters moesten wennen, maar er "
                "komen meer verschillende mensen op gesprek.",
            ),
            (
                werkgever or gemeente,
                "Let op: in de tweede ronde zie je alles alsnog. Gebruik daar een vaste vragenlijst.",
            ),
        ],
    )
    _thread(
        werving,
        gemeente,
        "Handige lijst met neutrale vacatureteksten",
        "Voor wie zoekt: de checklist voor inclusieve vacatureteksten staat bij de bronnen van dit netwerk.",
        days_ago=1,
    )
    Resource.objects.create(
        network=werving,
        title="Checklist inclusieve vacatureteksten",
        description="Een korte checklist om vacatureteksten na te lopen op uitsluitende woorden.",
        url="https://www.example.nl/checklist-vacatureteksten",
        visibility=ResourceVisibility.PUBLIC,
        added_by=coordinator,
    )
    Resource.objects.create(
        network=werving,
        title="Onze vaste vragenlijst (voorbeeld van Zorggroep Oost)",
        url="https://www.example.nl/vragenlijst-zorggroep",
        visibility=ResourceVisibility.MEMBERS,
        added_by=zorg,
    )

    # 2. The temp agency sector (ABU's Denktank Diversiteit), by invitation.
    uitzend = _network(
        "denktank-diversiteit-uitzendbranche",
        name="Denktank Diversiteit uitzendbranche",
        summary="Uitzendorganisaties werken samen aan selecteren zonder vooroordelen en een eerlijke bemiddeling.",
        description=(
            "De ABU breidt haar Denktank Diversiteit uit tot een overleg voor de hele uitzendbranche. Uitzend"
            "organisaties delen wat werkt bij selecteren zonder vooroordelen, hoe je omgaat met discriminerende "
            "verzoeken van opdrachtgevers en wat de training 'selecteren zonder vooroordelen' oplevert. De inzichten "
            "gaan terug naar de impactbijeenkomst.\n\n" + WERKAGENDA
        ),
        host_organisation=Organisation.objects.get(slug="abu"),
        region=Region.NATIONAL,
        sector_focus="Uitzendbranche",
        target_employers=25,
        join_policy=JoinPolicy.INVITATION,
        is_listed=True,
        themes=["werving-en-selectie", "inclusieve-cultuur"],
        coordinators=[partner_abu],
    )
    for user in (flex, match):
        _join(uitzend, user)
    held_uitzend = _meeting(
        uitzend,
        days=-35,
        title="Nee zeggen tegen een discriminerend verzoek",
        agenda=(
            "1. Casussen uit de praktijk\n2. Hoe reageer je op een opdrachtgever?\n3. Wat heeft de intercedent nodig?"
        ),
        minutes=(
            "Twee uitzendorganisaties lieten zien hoe hun intercedenten reageren op een verzoek om 'geen mensen met "
            "een migratieachtergrond'. Belangrijk: een vaste zin die iedereen kent, steun van de leidinggevende en "
            "een melding in het eigen systeem."
        ),
        location="ABU, Amsterdam",
        is_public=False,
        by=partner_abu,
    )
    MeetingRegistration.objects.create(meeting=held_uitzend, user=flex)
    Lesson.objects.create(
        network=uitzend,
        meeting=held_uitzend,
        title="Geef intercedenten een vaste zin en steun van boven",
        body=(
            "Intercedenten zeggen makkelijker nee als ze een vaste zin hebben "
            "en weten dat hun leidinggevende achter hen staat."
        ),
        published_at=held_uitzend.starts_at + timedelta(days=3),
        created_by=partner_abu,
    )
    _meeting(
        uitzend,
        days=40,
        title="Training selecteren zonder vooroordelen: wat leverde het op?",
        agenda="1. Resultaten van de training\n2. Hoe houden we het vast?",
        online_url="https://meet.example.nl/denktank",
        capacity=15,
        is_public=False,
        by=partner_abu,
    )
    _thread(
        uitzend,
        flex,
        "Registreren van verzoeken",
        "Hoe registreren jullie een discriminerend verzoek, zonder de opdrachtgever meteen kwijt te raken?",
        replies=[(match, "Wij noteren het als incident en de vestigingsmanager belt de opdrachtgever dezelfde week.")],
    )

    # 3. Employee networks (SER/DiB).
    medewerkers = _network(
        "medewerkersnetwerken",
        name="Medewerkersnetwerken die werken",
        summary="Werkgevers leren hoe medewerkersnetwerken bijdragen aan een inclusieve organisatie.",
        description=(
            "Steeds meer organisaties hebben medewerkersnetwerken, bijvoorbeeld voor biculturele collega's, vrouwen "
            "of jongeren. In dit netwerk delen werkgevers wat een medewerkersnetwerk laat slagen: steun van de top, "
            "tijd en budget, een sponsor of ambassadeur, onafhankelijkheid en een goede band met de "
            "ondernemingsraad.\n\n" + SER_DIB
        ),
        host_organisation=Organisation.objects.get(slug="ser-dib"),
        region=Region.WEST,
        sector_focus="Grote organisaties en overheid",
        target_employers=30,
        join_policy=JoinPolicy.OPEN,
        is_listed=True,
        themes=["inclusieve-cultuur", "behoud"],
        coordinators=[adviseur2],
        examples=["ienm-ambassadeursnetwerk", "ocw-buddysysteem-en-ambassadeurs"],
    )
    for user in (gemeente, techniek, zorg):
        _join(medewerkers, user)
    held_mw = _meeting(
        medewerkers,
        days=-14,
        title="Wat maakt een medewerkersnetwerk sterk?",
        agenda="1. Voorbeelden van Charter-ondertekenaars\n2. De rol van de ondernemingsraad\n3. Tijd en budget",
        minutes=(
            "We bespraken de randvoorwaarden uit de publicatie van SER Diversiteit in Bedrijf. Bij de deelnemers "
            "werkte het vooral als de directie zichtbaar meedoet en netwerkleden tijd krijgen, net als or-leden. "
            "Een netwerk dat te veel een verlengstuk van de directie is, verliest geloofwaardigheid."
        ),
        location="SER, Den Haag",
        by=adviseur2,
    )
    for user in (gemeente, techniek):
        MeetingRegistration.objects.create(meeting=held_mw, user=user)
    Lesson.objects.create(
        network=medewerkers,
        meeting=held_mw,
        title="Geef netwerkleden tijd, zoals or-leden",
        body=(
            "Netwerken houden het vol als leden een deel van hun werktijd aan het netwerk mogen besteden en de top "
            "zichtbaar betrokken is, zonder het netwerk over te nemen."
        ),
        published_at=held_mw.starts_at + timedelta(days=1),
        created_by=adviseur2,
    )
    _meeting(
        medewerkers,
        days=45,
        title="Medewerkersnetwerk en ondernemingsraad: samen sterker",
        agenda="1. Wat mag de or?\n2. Afspraken tussen netwerk en or\n3. Voorbeelden",
        location="SER, Den Haag",
        capacity=30,
        by=adviseur2,
    )
    _thread(
        medewerkers,
        techniek,
        "Budget voor ons netwerk",
        "Ons netwerk krijgt nu geen budget. Hoe hebben jullie dat bij de directie geregeld?",
        replies=[
            (
                gemeente,
                "Wij koppelden de doelen van het netwerk aan de doelen van de "
                "organisatie. Toen kwam er een klein budget.",
            )
        ],
    )
    _public_events()
    return Network.objects.count()
