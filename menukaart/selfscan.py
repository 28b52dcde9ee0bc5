"""The "Waar sta je?" self-scan: its questions, how answers are scored, and what it recommends.

The questions follow the TNO handreiking (2022): the five steps of change (commitment of the top,
one responsible lead, ambassadors, a plan of action, embedding and monitoring) and the four levels
(organisation, HR, manager, team). Every answer describes a state that can be observed, on a
scale of 0-3 (not started, started, in place, measured and acted on), so the score is a fact and
not a feeling. docs/menukaart.md describes the questions, the scoring and the recommendations.

This module holds no database writes; menukaart.services saves scans.
"""

from dataclasses import dataclass, field
from statistics import mean

from django.db.models import Avg, Case, CharField, Count, Q, Value, When
from django.utils.translation import gettext_lazy as _

# The answer scale. Option texts per question say what each value looks like in practice.
NOT_STARTED, STARTED, IN_PLACE, MEASURED = 0, 1, 2, 3
VALUE_LABELS = {
    NOT_STARTED: _("Niet begonnen"),
    STARTED: _("Begonnen"),
    IN_PLACE: _("Geregeld"),
    MEASURED: _("Gemeten en bijgestuurd"),
}
MAX_VALUE = MEASURED

# The five steps of change (slugs as the menukaart's phases) and the four levels (as its levels).
STEPS = (
    ("commitment", _("Commitment van de top")),
    ("hoofdverantwoordelijke", _("Een hoofdverantwoordelijke")),
    ("ambassadeurs", _("Ambassadeurs")),
    ("plan-van-aanpak", _("Plan van aanpak")),
    ("borging", _("Borging")),
)
LEVELS = (
    ("organisatie", _("Organisatie")),
    ("hr", _("HR")),
    ("leidinggevende", _("Leidinggevende")),
    ("team", _("Team")),
)
STEP_LABELS = dict(STEPS)
LEVEL_LABELS = dict(LEVELS)

# Below this many scans in a group, aggregated results are not shown (they could point to one employer).
MIN_CELL = 5


@dataclass(frozen=True)
class Question:
    key: str
    step: str
    level: str
    text: str
    options: tuple[str, str, str, str]
    # Slugs of the measures that close this gap, best first.
    measures: tuple[str, ...] = field(default_factory=tuple)

    @property
    def choices(self) -> list[tuple[int, str]]:
        return list(enumerate(self.options))


QUESTIONS: tuple[Question, ...] = (
    # Step 1: commitment of the top
    Question(
        "top-doel", "commitment", "organisatie",
        _("Heeft de directie gelijke kansen als doel gekozen?"),
        (
            _("Nee, de directie heeft het er nog niet over gehad."),
            _("De directie vindt het belangrijk, maar heeft nog niets besloten."),
            _("De directie heeft een doel gekozen en tijd, geld en mensen vrijgemaakt."),
            _("De directie bespreekt ook minstens één keer per jaar de voortgang, met cijfers."),
        ),
        ("zorg-voor-commitment-van-de-top", "overtuig-met-feiten-en-ervaringen", "onderteken-het-charter-diversiteit"),
    ),
    Question(
        "top-voorbeeld", "commitment", "organisatie",
        _("Laat de directie zelf zien dat gelijke kansen ertoe doen?"),
        (
            _("Nee, de directie zegt er niets over."),
            _("De directie noemt het weleens, bijvoorbeeld in een nieuwsbrief."),
            _("De directie spreekt zich er regelmatig over uit en doet zelf mee, bijvoorbeeld bij werving."),
            _("Dat doet de directie, en we vragen medewerkers elk jaar of ze dat merken."),
        ),
        ("laat-de-top-het-goede-voorbeeld-geven", "maak-rolmodellen-zichtbaar"),
    ),
    Question(
        "ondernemingsraad", "commitment", "organisatie",
        _("Is de ondernemingsraad (of de personeelsvertegenwoordiging) erbij betrokken?"),
        (
            _("Nee, we hebben het onderwerp niet met de OR besproken."),
            _("We hebben de OR op de hoogte gebracht."),
            _("De OR denkt mee over het beleid en heeft ingestemd waar dat nodig is."),
            _("De OR krijgt ook elk jaar de cijfers en de voortgang en bespreekt die met de directie."),
        ),
        ("werk-samen-met-de-ondernemingsraad", "maak-beleid-samen-met-medewerkers"),
    ),
    # Step 2: one responsible lead
    Question(
        "eigenaar", "hoofdverantwoordelijke", "organisatie",
        _("Is één persoon verantwoordelijk voor gelijke kansen?"),
        (
            _("Nee, niemand is er speciaal verantwoordelijk voor."),
            _("Iemand doet het erbij, zonder vaste tijd of mandaat."),
            _("Eén persoon is eigenaar, met tijd, budget en een directe lijn naar de directie."),
            _("Die persoon legt ook elk jaar verantwoording af over de resultaten."),
        ),
        ("stel-een-hoofdverantwoordelijke-aan",),
    ),
    Question(
        "projectgroep", "hoofdverantwoordelijke", "organisatie",
        _("Werkt er een groep mensen uit verschillende delen van de organisatie aan?"),
        (
            _("Nee."),
            _("Er zijn een paar enthousiaste collega's, maar geen vaste groep."),
            _("Er is een gemengde projectgroep met een opdracht en vaste overleggen."),
            _("De projectgroep kijkt ook regelmatig wat haar acties hebben opgeleverd."),
        ),
        ("stel-een-projectgroep-samen",),
    ),
    # Step 3: ambassadors
    Question(
        "ambassadeurs", "ambassadeurs", "organisatie",
        _("Zijn er ambassadeurs die het onderwerp uitdragen in de organisatie?"),
        (
            _("Nee."),
            _("Een paar collega's doen dat uit zichzelf."),
            _("Er zijn ambassadeurs in verschillende afdelingen, en ze weten wat er van hen verwacht wordt."),
            _("We houden ook bij wat de ambassadeurs doen en wat dat oplevert."),
        ),
        ("zet-ambassadeurs-in",),
    ),
    Question(
        "medewerkersstem", "ambassadeurs", "team",
        _("Kunnen medewerkers hun ervaringen en ideeën kwijt, bijvoorbeeld in een medewerkersnetwerk?"),
        (
            _("Nee, daar is geen plek voor."),
            _("Dat kan informeel, bij de leidinggevende of bij HR."),
            _("Er is een medewerkersnetwerk of een vast overleg, met tijd en budget."),
            _("Wat daaruit komt, leggen we ook vast en gebruiken we bij besluiten."),
        ),
        ("faciliteer-medewerkersnetwerken", "onderzoek-behoeften-van-medewerkers", "organiseer-open-dialooggesprekken"),
    ),
    Question(
        "rolmodellen", "ambassadeurs", "team",
        _("Zijn er zichtbare rolmodellen met verschillende achtergronden?"),
        (
            _("Nee, daar hebben we niet op gelet."),
            _("Er zijn er een paar, maar we laten ze niet zien."),
            _("We laten collega's met verschillende achtergronden zien, binnen en buiten de organisatie."),
            _("Dat doen we, en we volgen of het meer sollicitaties en doorstroom oplevert."),
        ),
        ("maak-rolmodellen-zichtbaar", "start-een-mentorprogramma"),
    ),
    # Step 4: plan of action
    Question(
        "beginsituatie", "plan-van-aanpak", "organisatie",
        _("Weet je hoe je organisatie er nu voor staat?"),
        (
            _("Nee, dat hebben we niet uitgezocht."),
            _("We hebben een indruk, uit gesprekken of een losse vraag in het medewerkersonderzoek."),
            _("We hebben de beginsituatie in kaart gebracht: cijfers, beleid en ervaringen van medewerkers."),
            _("Dat hebben we gedaan, en we herhalen het zodat we verschillen zien."),
        ),
        ("breng-de-beginsituatie-in-kaart", "onderzoek-behoeften-van-medewerkers"),
    ),
    Question(
        "plan", "plan-van-aanpak", "organisatie",
        _("Is er een plan van aanpak met concrete doelen?"),
        (
            _("Nee."),
            _("Er zijn goede voornemens, maar niets op papier."),
            _("Er is een plan met doelen, maatregelen, eigenaren en een planning."),
            _("De doelen zijn ook meetbaar en we kijken elk jaar of we ze halen."),
        ),
        ("maak-een-plan-van-aanpak", "formuleer-doelen-en-streefcijfers", "communiceer-eerst-intern"),
    ),
    Question(
        "werving", "plan-van-aanpak", "hr",
        _("Hoe objectief werf en selecteer je?"),
        (
            _("We werven zoals altijd: via de bekende kanalen en op gevoel."),
            _("We letten erop, bijvoorbeeld met neutrale vacatureteksten."),
            _("We gebruiken vaste criteria, dezelfde vragen voor iedereen, een gemengde commissie en nieuwe kanalen."),
            _("Dat doen we, en we volgen per stap van de selectie wie afvalt."),
        ),
        ("werf-en-selecteer-objectief", "objectiveer-hr-processen", "zoek-nieuwe-wervingskanalen"),
    ),
    Question(
        "doorstroom", "plan-van-aanpak", "hr",
        _("Heeft iedereen een gelijke kans om door te groeien?"),
        (
            _("Daar hebben we geen zicht op."),
            _("Vacatures staan soms intern open; talent wordt vooral informeel gespot."),
            _("Alle vacatures staan intern open en we bespreken talent met vaste criteria."),
            _("Dat doen we, en we vergelijken de doorstroom van groepen medewerkers."),
        ),
        ("maak-doorstroom-transparant", "vlootschouw-met-oog-voor-diversiteit", "start-een-carriereprogramma"),
    ),
    Question(
        "leiderschap", "plan-van-aanpak", "leidinggevende",
        _("Weten leidinggevenden hoe ze inclusief leidinggeven?"),
        (
            _("Daar besteden we geen aandacht aan."),
            _("Er was weleens een workshop of training."),
            _("Inclusief leidinggeven staat in het functieprofiel, en er is training met opvolging."),
            _("Het komt ook terug in hun beoordeling, met feedback van hun team."),
        ),
        ("veranker-inclusief-leiderschap", "selecteer-inclusieve-leidinggevenden", "geef-trainingen-met-opvolging"),
    ),
    Question(
        "gesprekken", "plan-van-aanpak", "leidinggevende",
        _("Zijn functioneringsgesprekken eerlijk en voor iedereen gelijk?"),
        (
            _("Iedere leidinggevende doet het op een eigen manier."),
            _("Er is een formulier, maar er zijn geen vaste criteria."),
            _("Er zijn vaste criteria voor iedereen, en de leidinggevende vraagt wat de medewerker nodig heeft."),
            _("Dat is zo, en we vergelijken de uitkomsten tussen groepen medewerkers."),
        ),
        ("verbeter-functioneringsgesprekken", "betrek-medewerkers-bij-beslissingen"),
    ),
    Question(
        "inwerken", "plan-van-aanpak", "team",
        _("Hoe werk je nieuwe collega's in?"),
        (
            _("Ze zoeken het zelf uit."),
            _("Er is een inwerkprogramma, maar niet voor iedereen."),
            _("Iedereen krijgt een inwerkprogramma en een buddy."),
            _("Dat is zo, en na een paar maanden vragen we hoe het ging en doen we iets met de antwoorden."),
        ),
        ("maak-onboarding-inclusief", "zet-buddys-in"),
    ),
    Question(
        "veiligheid", "plan-van-aanpak", "team",
        _("Weten medewerkers wat niet kan, en waar ze terechtkunnen bij discriminatie?"),
        (
            _("Er zijn geen afspraken over."),
            _("Er is een gedragscode, maar weinig mensen kennen hem."),
            _("Iedereen kent de gedragscode, en er is een vertrouwenspersoon en een klachtenregeling."),
            _("Dat is zo, en we volgen de meldingen en wat ermee gebeurt."),
        ),
        (
            "hanteer-zero-tolerance-voor-ongewenst-gedrag",
            "professionaliseer-klachtenregeling-en-vertrouwenspersoon",
            "neem-discriminatie-op-in-de-rie",
        ),
    ),
    Question(
        "samenwerken", "plan-van-aanpak", "team",
        _("Werken collega's met verschillende achtergronden echt samen?"),
        (
            _("Daar letten we niet op."),
            _("Soms is er een activiteit, zoals een teamuitje rond een feestdag."),
            _("Teams praten er regelmatig over en werken bewust in gemengde groepen."),
            _("Dat doen we, en we vragen in het medewerkersonderzoek of iedereen zich thuis voelt."),
        ),
        (
            "bevorder-contact-en-dialoog-in-teams",
            "gebruik-een-diversiteitskalender",
            "organiseer-open-dialooggesprekken",
        ),
    ),
    # Step 5: embedding and monitoring
    Question(
        "kerncijfers", "borging", "hr",
        _("Houd je cijfers bij over de in-, door- en uitstroom van medewerkers?"),
        (
            _("We houden geen cijfers bij."),
            _("We hebben onze in-, door- en uitstroom één keer bekeken."),
            _("We volgen ze elk jaar."),
            _("We volgen ze, sturen erop bij en bespreken ze met de ondernemingsraad."),
        ),
        ("meet-diversiteit-en-inclusie", "borg-en-monitor-de-aanpak"),
    ),
    Question(
        "vertrek", "borging", "hr",
        _("Weet je waarom medewerkers vertrekken?"),
        (
            _("Nee, we vragen er niet naar."),
            _("Soms is er een exitgesprek."),
            _("Iedereen die vertrekt, krijgt een exitgesprek met een vraag over inclusie."),
            _("Dat is zo, en we zoeken patronen in de antwoorden en doen er iets mee."),
        ),
        ("vraag-naar-inclusie-in-exitgesprekken",),
    ),
    Question(
        "vast-beleid", "borging", "organisatie",
        _("Is gelijke kansen een vast onderdeel van beleid en planning?"),
        (
            _("Nee, het hangt af van een paar mensen."),
            _("Het staat in een los plan of project."),
            _("Het staat in het HR-beleid, de jaarplannen en de begroting."),
            _("Dat is zo, en het jaarverslag meldt de resultaten."),
        ),
        ("borg-en-monitor-de-aanpak", "houd-rekening-met-verschillende-behoeften", "check-gelijke-beloning"),
    ),
)  # fmt: skip

QUESTIONS_BY_KEY = {question.key: question for question in QUESTIONS}
STEP_NUMBERS = {slug: number for number, (slug, _label) in enumerate(STEPS, start=1)}


def questions_for_step(step: str) -> list[Question]:
    return [question for question in QUESTIONS if question.step == step]


# --- Scoring ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaScore:
    """The score of one step or level: the mean answer (0-3) of its questions, None if unanswered."""

    slug: str
    label: str
    score: float | None
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round((self.score or 0) / MAX_VALUE * 100)

    @property
    def state(self) -> str:
        """The nearest answer label, so "1,6" reads as "Geregeld" rather than only a number."""
        return "" if self.score is None else str(VALUE_LABELS[min(MAX_VALUE, int(self.score + 0.5))])


def _area(slug: str, label: str, questions: list[Question], answers: dict[str, int]) -> AreaScore:
    values = [answers[q.key] for q in questions if q.key in answers]
    return AreaScore(
        slug=slug,
        label=str(label),
        score=round(float(mean(values)), 1) if values else None,
        answered=len(values),
        total=len(questions),
    )


@dataclass(frozen=True)
class Profile:
    steps: list[AreaScore]
    levels: list[AreaScore]
    overall: float | None

    @property
    def areas(self) -> list[AreaScore]:
        return [*self.steps, *self.levels]


def score(answers: dict[str, int]) -> Profile:
    """The profile of a set of answers ({question key: 0-3}); unknown keys are ignored."""
    answers = {key: value for key, value in answers.items() if key in QUESTIONS_BY_KEY}
    steps = [_area(slug, label, questions_for_step(slug), answers) for slug, label in STEPS]
    levels = [_area(slug, label, [q for q in QUESTIONS if q.level == slug], answers) for slug, label in LEVELS]
    return Profile(steps=steps, levels=levels, overall=round(float(mean(answers.values())), 1) if answers else None)


# --- Recommendations -------------------------------------------------------------------------------

MAX_GAPS = 3
MEASURES_PER_GAP = 3


@dataclass
class Gap:
    question: Question
    value: int
    measures: list = field(default_factory=list)

    @property
    def step_label(self) -> str:
        return str(STEP_LABELS[self.question.step])

    @property
    def current_text(self) -> str:
        return str(self.question.options[self.value])

    @property
    def next_state(self) -> str:
        """What the next answer would look like: the concrete target for this gap."""
        return str(self.question.options[min(self.value + 1, MAX_VALUE)])


def gaps(answers: dict[str, int], limit: int = MAX_GAPS) -> list[Gap]:
    """The few gaps that matter most: the lowest answers first, and among equals the earliest step.

    The steps of change build on each other (TNO): without commitment of the top a plan of action
    stalls, so an early step that has not started goes before a later one.
    """
    open_questions = [
        (answers[q.key], STEP_NUMBERS[q.step], index, q)
        for index, q in enumerate(QUESTIONS)
        if q.key in answers and answers[q.key] < MAX_VALUE
    ]
    open_questions.sort(key=lambda row: row[:3])
    return [Gap(question=q, value=value) for value, _step, _index, q in open_questions[:limit]]


def size_fit(size_band: str) -> set[str]:
    """The measure sizes (menukaart.OrganisationSize) that fit an organisation of this size band."""
    from core.choices import SizeBand

    if size_band == SizeBand.S250:
        return {"groot", "beide"}
    if size_band:
        return {"mkb", "beide"}
    return {"mkb", "groot", "beide"}


def recommend(answers: dict[str, int], *, size_band: str = "", sector: str = "", exclude=()) -> list[Gap]:
    """The gaps with, for each, the published measures that fit the organisation (one query).

    A measure fits when it is meant for the organisation's size. Measures with a published
    practice example from the same sector go first, then the order the question lists them in.
    A measure already recommended for an earlier gap is not repeated.
    """
    from menukaart.models import Measure

    found = gaps(answers)
    slugs = {slug for gap in found for slug in gap.question.measures}
    if not slugs:
        return found
    measures = Measure.objects.published().for_catalogue().filter(slug__in=slugs, size__in=size_fit(size_band))
    if sector:
        measures = measures.annotate(
            in_sector=Count("examples", filter=Q(examples__status="published", examples__sector=sector))
        )
    by_slug = {measure.slug: measure for measure in measures}
    shown: set[str] = set(exclude)
    for gap in found:
        candidates = [by_slug[slug] for slug in gap.question.measures if slug in by_slug and slug not in shown]
        # A stable sort: among equals the question's own order stays.
        candidates.sort(key=lambda m: -min(getattr(m, "in_sector", 0), 1))
        gap.measures = candidates[:MEASURES_PER_GAP]
        shown.update(m.slug for m in gap.measures)
    return found


# --- Aggregates for the impact report ---------------------------------------------------------------


def _step_case():
    return Case(
        *[When(question__in=[q.key for q in questions_for_step(slug)], then=Value(slug)) for slug, _l in STEPS],
        output_field=CharField(),
    )


def anonymous_aggregates(*, since=None, until=None) -> list[dict]:
    """Completed scans, aggregated per step and size band, for the impact report.

    No organisation, account or sector is in the result. A group (cell) with fewer than MIN_CELL
    scans shows its count as "< 5" and no score, so a small group cannot point to one employer.
    Rows: {"step", "step_label", "size_band", "scans", "mean"}.
    """
    from menukaart.models import ScanAnswer

    answers = ScanAnswer.objects.filter(scan__completed_at__isnull=False, question__in=QUESTIONS_BY_KEY)
    if since is not None:
        answers = answers.filter(scan__completed_at__gte=since)
    if until is not None:
        answers = answers.filter(scan__completed_at__lt=until)
    rows = (
        answers.annotate(step=_step_case())
        .values("step", "scan__size_band")
        .annotate(scans=Count("scan", distinct=True), mean=Avg("value"))
        .order_by("step", "scan__size_band")
    )
    result = []
    for row in rows:
        small = row["scans"] < MIN_CELL
        result.append(
            {
                "step": row["step"],
                "step_label": str(STEP_LABELS[row["step"]]),
                "size_band": row["scan__size_band"],
                "scans": None if small else row["scans"],
                "suppressed": small,
                "mean": None if small else round(float(row["mean"]), 1),
            }
        )
    result.sort(key=lambda row: (STEP_NUMBERS[row["step"]], row["size_band"]))
    return result
