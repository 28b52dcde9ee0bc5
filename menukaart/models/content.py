from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from core.choices import Sector, SizeBand

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django_stubs_ext import StrOrPromise

    from accounts.models import AnyUser, User
    from sitesearch.query import ParsedQuery


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    REVIEW = "review", _("Ter review")
    PUBLISHED = "published", _("Gepubliceerd")


# The editorial status machine, in one place (as the helpdesk's tickets): the allowed changes, the
# check (Publishable.can_transition_to) and InvalidTransition. menukaart.services.change_status
# applies a change. Concept -> ter review -> gepubliceerd; anything published can go back to concept.
TRANSITIONS: dict[str, set[str]] = {
    Status.CONCEPT: {Status.REVIEW},
    Status.REVIEW: {Status.CONCEPT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.CONCEPT},
}


class InvalidTransition(Exception):
    """A status change the workflow does not allow (for example concept straight to published)."""


class Band(models.TextChoices):
    LOW = "laag", _("Laag")
    MEDIUM = "midden", _("Midden")
    HIGH = "hoog", _("Hoog")


class OrganisationSize(models.TextChoices):
    SME = "mkb", _("Mkb")
    LARGE = "groot", _("Grote organisaties")
    BOTH = "beide", _("Mkb en grote organisaties")


class Evidence(models.IntegerChoices):
    """The evidence scale shown with every measure; its definitions are on the site (docs/menukaart.md)."""

    UNKNOWN = 0, _("Onvoldoende bekend")
    PRACTICE = 1, _("Praktijkkennis")
    PROMISING = 2, _("Veelbelovend")
    REASONABLE = 3, _("Redelijk bewijs")
    STRONG = 4, _("Sterk bewijs")


# What each step of the evidence scale means; shown next to every measure and on the scale page.
EVIDENCE_DEFINITIONS = {
    Evidence.UNKNOWN: _(
        "Er is te weinig bekend over het effect. De maatregel is logisch of wordt gevraagd, maar er is nog geen "
        "praktijkervaring of onderzoek dat laat zien dat hij werkt."
    ),
    Evidence.PRACTICE: _(
        "Werkgevers en adviseurs hebben er goede ervaringen mee, beschreven in handreikingen of praktijkvoorbeelden. "
        "Het effect is niet onderzocht."
    ),
    Evidence.PROMISING: _(
        "Er is eerste onderzoek dat op een positief effect wijst, bijvoorbeeld een evaluatie of een studie in "
        "één organisatie, of sterk onderzoek naar het mechanisme waarop de maatregel steunt."
    ),
    Evidence.REASONABLE: _(
        "Meerdere onderzoeken laten een positief effect zien, bijvoorbeeld vergelijkingen tussen organisaties of "
        "experimenten in de praktijk. Het effect kan per situatie verschillen."
    ),
    Evidence.STRONG: _(
        "Het effect is herhaaldelijk aangetoond in goed opgezet onderzoek, zoals experimenten of overzichtsstudies, "
        "ook in Nederland of vergelijkbare landen."
    ),
}


if TYPE_CHECKING:
    _QuerySetMixin = models.QuerySet[Any]
else:
    _QuerySetMixin = object


class ListsMeasures(_QuerySetMixin):
    """QuerySet methods for rows that list measures (levels, themes, phases, materials,
    initiatives, examples: each has a `measures` relation)."""

    def with_published_measures(self, *, only: tuple[str, ...] = ()) -> Self:
        """Each row's published measures, in title order, prefetched in one query for all rows
        (`row.measures.all()`): a public page never lists an unpublished measure. `only`: just these
        fields of each measure (when the page only links to them)."""
        measures = Measure.objects.published().order_by("title")
        if only:
            measures = measures.only(*only)
        return self.prefetch_related(Prefetch("measures", queryset=measures))


class TaxonomyTermQuerySet(ListsMeasures, models.QuerySet):
    pass


class TaxonomyTerm(models.Model):
    """A fixed vocabulary term (level, theme, phase): slug for URLs, a name, an order."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("uitleg"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Level(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("niveau")
        verbose_name_plural = _("niveaus")


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class Phase(TaxonomyTerm):
    """One of the five steps of change in the TNO handreiking; position is the step number."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")


class Source(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Brondocument")
        RESEARCH = "onderzoek", _("Onderzoek")

    key = models.SlugField(_("sleutel"), max_length=80, unique=True)
    citation = models.TextField(_("bronvermelding"))
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.DOCUMENT)

    class Meta:
        ordering = ["citation"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self) -> str:
        return self.citation


_Publishable = TypeVar("_Publishable", bound="Publishable")


class PublishableQuerySet(models.QuerySet[_Publishable]):
    def published(self) -> Self:
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user: AnyUser | None) -> Self:
        """Published items for everyone; editors with menukaart.view_unpublished also see drafts (preview)."""
        from menukaart.permissions import can_preview

        if can_preview(user):
            return self.all()
        return self.published()


class LinkedPublishableQuerySet(ListsMeasures, PublishableQuerySet):
    """Materials and initiatives: published items that list the measures they belong to."""


class MaterialQuerySet(LinkedPublishableQuerySet):
    def about_themes(self, themes: Iterable[Theme] | models.QuerySet[Theme]) -> Self:
        """Materials of a published measure on any of these themes (a material has no themes of its
        own: it has them through its measures). One subquery on the link table, so no duplicates."""
        measures = Measure.objects.published().filter(themes__in=themes)
        links = Measure.materials.through._default_manager.filter(measure__in=measures)
        return self.filter(pk__in=links.values("material_id"))


class Publishable(models.Model):
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    reviewed_at = models.DateField(_("laatst inhoudelijk gecontroleerd"), null=True, blank=True)

    # Set before a save; django-simple-history writes them into the history row.
    _change_reason: str
    _history_user: User | None

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def can_transition_to(self, status: str) -> bool:
        return status in TRANSITIONS.get(self.status, set())

    def publish(self) -> None:
        self.status = Status.PUBLISHED
        self.published_at = self.published_at or timezone.now()


class Material(Publishable):
    class Kind(models.TextChoices):
        TOOLKIT = "toolkit", _("Toolkit")
        ELEARNING = "e-learning", _("E-learning")
        GAME = "game", _("Spel")
        CHECKLIST = "checklist", _("Checklist")
        MONITOR = "monitor", _("Monitor of meetinstrument")
        GUIDE = "handreiking", _("Handreiking")
        TRAINING = "training", _("Training")

    class Cost(models.TextChoices):
        FREE = "gratis", _("Gratis")
        PAID = "betaald", _("Betaald")
        UNKNOWN = "onbekend", _("Onbekend")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    provider = models.CharField(_("aanbieder"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    cost = models.CharField(_("kosten"), max_length=20, choices=Cost.choices, default=Cost.UNKNOWN)
    audience = models.CharField(_("doelgroep"), max_length=300, blank=True)
    in_development = models.BooleanField(
        _("in ontwikkeling"),
        default=False,
        help_text=_("Aanzetten als de maker er nog aan werkt en het nog niet klaar is."),
    )
    sources = models.ManyToManyField(Source, verbose_name=_("bronnen"), blank=True, related_name="materials")

    objects = MaterialQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("materiaal")
        verbose_name_plural = _("materialen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("menukaart:material_list") + f"#{self.slug}"

    @property
    def has_known_cost(self) -> bool:
        """False when the cost is "onbekend": a public page then leaves the cost out."""
        return bool(self.cost) and self.cost != self.Cost.UNKNOWN

    def sources_besides_itself(self) -> list[Source]:
        """The sources about this material, without the material's own publication: a citation that
        contains the title (or the part before a colon) would only repeat the title under "Bron".
        Uses the prefetched sources."""
        name = _comparable(self.title.partition(":")[0]) or _comparable(self.title)
        return [source for source in self.sources.all() if name not in _comparable(source.citation)]


def _comparable(text: str) -> str:
    """Text for a loose comparison: case and runs of whitespace do not count."""
    return " ".join(text.casefold().split())


class Initiative(Publishable):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    summary = models.TextField(_("samenvatting"))
    organiser = models.CharField(_("organisator"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    sources = models.ManyToManyField(Source, verbose_name=_("bronnen"), blank=True, related_name="initiatives")

    objects = LinkedPublishableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiatief of netwerk")
        verbose_name_plural = _("initiatieven en netwerken")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("menukaart:initiative_list") + f"#{self.slug}"


class MeasureQuerySet(PublishableQuerySet["Measure"]):
    CARD_FIELDS = ("slug", "title", "summary", "status", "evidence", "effort", "cost", "size", "published_at")

    def for_catalogue(self) -> Self:
        """What a list of measure cards needs (and no more), in a constant number of queries."""
        return self.only(*self.CARD_FIELDS).prefetch_related("levels", "themes", "phases")

    def for_detail(self) -> Self:
        """Everything the detail page shows; related content only when published."""
        # The stubs cannot type one call with Prefetch querysets of different models.
        return self.prefetch_related(  # type: ignore[type-var]
            "levels",
            "themes",
            "phases",
            "tags",
            "sources",
            Prefetch("related", queryset=Measure.objects.published().order_by("title")),
            Prefetch("materials", queryset=Material.objects.published()),
            Prefetch("initiatives", queryset=Initiative.objects.published()),
            Prefetch("examples", queryset=Example.objects.published()),
        )

    def matching(self, text: str) -> Self:
        """Measures matching a free-text query, best first (annotations `score` and `coverage`).

        Uses the portal's search index (sitesearch: Dutch analysis, compounds, synonyms, weights),
        on PostgreSQL and SQLite alike. See docs/search.md.
        """
        from sitesearch.query import parse

        return self.matching_parsed(parse(text))

    def matching_parsed(self, parsed: ParsedQuery) -> Self:
        from sitesearch.query import apply

        return apply(self, parsed, prefix="search_document__")


class MeasureHistoricalRecords(HistoricalRecords):
    """Measure history that also follows level, theme and step changes made from the other side.

    django-simple-history records an m2m change on the instance the manager belongs to, so
    `theme.measures.add(measure)` would try to write a Theme history (there is none) and fail. Here
    a change from the term's side is recorded on each measure it touches, as if made from the
    measure's side.
    """

    def m2m_changed(
        self,
        instance: Any,
        action: str,
        attr: str,
        pk_set: set[int] | None,
        reverse: bool,
        model: Any = None,
        **kwargs: Any,
    ) -> None:
        if not reverse:
            return super().m2m_changed(instance=instance, action=action, attr=attr, pk_set=pk_set, reverse=reverse)
        # `instance` is a Level, Theme or Phase; `model` is Measure; `attr` the field on Measure.
        if action == "pre_clear":
            instance._measures_before_clear = set(
                model._default_manager.filter(**{attr: instance}).values_list("pk", flat=True)
            )
            return None
        if action not in ("post_add", "post_remove", "post_clear"):
            return None
        measure_ids = pk_set if action != "post_clear" else instance.__dict__.pop("_measures_before_clear", set())
        for measure in model._default_manager.filter(pk__in=measure_ids or ()):
            super().m2m_changed(instance=measure, action=action, attr=attr, pk_set=None, reverse=False)
        return None


class Measure(Publishable):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(_("samenvatting in één zin"), max_length=300)
    why_it_works = models.TextField(_("waarom het werkt"))
    evidence = models.PositiveSmallIntegerField(_("bewijskracht"), choices=Evidence.choices)
    evidence_note = models.TextField(_("toelichting bewijskracht"), blank=True)
    backfire_warning = models.TextField(_("waarschuwing: kan averechts werken"), blank=True)
    steps = models.JSONField(_("zo begin je (stappen)"), default=list, blank=True)
    tips = models.JSONField(_("tips voor de uitvoering"), default=list, blank=True)
    pitfalls = models.JSONField(_("valkuilen"), default=list, blank=True)
    levels = models.ManyToManyField(Level, verbose_name=_("niveaus"), related_name="measures")
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), related_name="measures")
    phases = models.ManyToManyField(Phase, verbose_name=_("stappen"), related_name="measures", blank=True)
    size = models.CharField(
        _("geschikt voor"), max_length=10, choices=OrganisationSize.choices, default=OrganisationSize.BOTH
    )
    effort = models.CharField(_("inspanning (uren)"), max_length=10, choices=Band.choices)
    cost = models.CharField(_("kosten"), max_length=10, choices=Band.choices)
    lead_time = models.CharField(_("doorlooptijd"), max_length=100, blank=True)
    works_council = models.BooleanField(_("ondernemingsraad heeft inspraak"), default=False)
    works_council_note = models.TextField(_("toelichting ondernemingsraad"), blank=True)
    privacy_note = models.TextField(_("privacy (AVG)"), blank=True)
    pilot = models.BooleanField(_("toegepast in de TNO-pilot"), default=False)
    sources = models.ManyToManyField(Source, verbose_name=_("bronnen"), related_name="measures")
    related = models.ManyToManyField("self", verbose_name=_("gerelateerde maatregelen"), blank=True)
    materials = models.ManyToManyField(Material, verbose_name=_("materialen"), blank=True, related_name="measures")
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("initiatieven"), blank=True, related_name="measures"
    )
    tags = TaggableManager(verbose_name=_("trefwoorden"), blank=True)
    # Denormalised counter for "most viewed"; the events themselves are in UsageEvent.
    view_count = models.PositiveIntegerField(_("aantal keer bekeken"), default=0, editable=False)

    objects = MeasureQuerySet.as_manager()
    history = MeasureHistoricalRecords(m2m_fields=[levels, themes, phases], excluded_fields=["view_count"])

    # Set by menukaart.search.suggest_measures (not a field): the summary with the matched words marked.
    highlighted_summary: str

    class Meta:
        ordering = ["title"]
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        permissions = [
            ("publish_measure", _("Maatregelen publiceren")),
            ("view_unpublished", _("Ongepubliceerde inhoud bekijken")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("menukaart:measure_detail", kwargs={"slug": self.slug})

    @property
    def evidence_definition(self) -> StrOrPromise:
        return EVIDENCE_DEFINITIONS[Evidence(self.evidence)]


class ExampleStatus(models.TextChoices):
    """The editorial workflow's statuses plus two for stories sent in through the portal."""

    CONCEPT = "concept", _("Concept")
    REVIEW = "review", _("Ter review")
    SUBMITTED = "ingestuurd", _("Ingestuurd, wacht op moderatie")
    PUBLISHED = "published", _("Gepubliceerd")
    DECLINED = "afgewezen", _("Afgewezen")


class ExampleQuerySet(ListsMeasures, PublishableQuerySet["Example"]):
    LIST_FIELDS = ("slug", "title", "organisation", "sector", "size_band", "status", "published_at", "submitted_by_id")

    def visible_to(self, user: AnyUser | None) -> Self:
        """Published examples for everyone; the submitter also sees their own (any status);
        users who may preview (editors, advisors) see everything. Anything else is a 404."""
        from menukaart.permissions import can_preview

        if can_preview(user):
            return self.all()
        if user is not None and user.is_authenticated:
            return self.filter(Q(status=Status.PUBLISHED) | Q(submitted_by=user))
        return self.published()

    def for_list(self) -> Self:
        """What a card in a list needs, in a constant number of queries."""
        return self.only(*self.LIST_FIELDS).prefetch_related("themes")

    def awaiting_moderation(self) -> Self:
        return self.filter(status=ExampleStatus.SUBMITTED)

    def submitted_by(self, user: User) -> Self:
        return self.filter(submitted_by=user)


class Example(Publishable):
    """A good-practice example (praktijkvoorbeeld) of an organisation.

    Written by editors from the source documents, or sent in through the portal by an employer or
    partner staff ("goede voorbeelden", Werkagenda action E) and then moderated: nothing sent in is
    public before an editor publishes it.
    """

    status = models.CharField(_("status"), max_length=20, choices=ExampleStatus.choices, default=ExampleStatus.CONCEPT)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200)
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices, blank=True)
    size_band = models.CharField(_("omvang"), max_length=10, choices=SizeBand.choices, blank=True)
    what_they_did = models.TextField(_("wat ze deden"))
    what_it_brought = models.TextField(_("wat het opleverde"), blank=True)
    measures = models.ManyToManyField(Measure, verbose_name=_("maatregelen"), blank=True, related_name="examples")
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), blank=True, related_name="examples")
    # Editors' examples cite a source document; a story sent in has its sender as its source.
    sources = models.ManyToManyField(Source, verbose_name=_("bronnen"), blank=True, related_name="examples")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingestuurd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_examples",
    )
    submitted_at = models.DateTimeField(_("ingestuurd op"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemodereerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("gemodereerd op"), null=True, blank=True)
    decline_reason = models.TextField(_("reden van afwijzing"), blank=True)

    objects = ExampleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "title"]
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")
        permissions = [
            ("submit_example", _("Goede voorbeelden insturen")),
            ("moderate_example", _("Ingestuurde voorbeelden en reacties modereren")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(decline_reason=""),
                name="menukaart_example_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("menukaart:example_detail", kwargs={"slug": self.slug})

    @property
    def is_submitted(self) -> bool:
        return self.submitted_by_id is not None or self.submitted_at is not None


class ExampleReactionQuerySet(models.QuerySet["ExampleReaction"]):
    def published(self) -> Self:
        return self.filter(status=ReactionStatus.PUBLISHED)

    def awaiting_moderation(self) -> Self:
        return self.filter(status=ReactionStatus.SUBMITTED)

    def for_thread(self) -> Self:
        return self.select_related("author__organisation").order_by("created_at", "pk")

    def shown_to(self, user: AnyUser | None) -> Self:
        """On an example's page: published reactions, plus the user's own (with their status)."""
        if user is not None and user.is_authenticated:
            return self.filter(Q(status=ReactionStatus.PUBLISHED) | Q(author=user))
        return self.published()


class ReactionStatus(models.TextChoices):
    SUBMITTED = "ingestuurd", _("Wacht op moderatie")
    PUBLISHED = "published", _("Gepubliceerd")
    DECLINED = "afgewezen", _("Afgewezen")


class ExampleReaction(models.Model):
    """A question or an own experience on a published example; shown only once moderated."""

    class Kind(models.TextChoices):
        QUESTION = "vraag", _("Vraag")
        EXPERIENCE = "ervaring", _("Eigen ervaring")

    example = models.ForeignKey(
        Example, verbose_name=_("voorbeeld"), on_delete=models.CASCADE, related_name="reactions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="example_reactions"
    )
    # The organisation's name as shown with the reaction (never the person's name).
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    body = models.TextField(_("reactie"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReactionStatus.choices, default=ReactionStatus.SUBMITTED
    )
    created_at = models.DateTimeField(_("ingestuurd op"), default=timezone.now)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemodereerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("gemodereerd op"), null=True, blank=True)
    decline_reason = models.TextField(_("reden van afwijzing"), blank=True)

    objects = ExampleReactionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reactie op een voorbeeld")
        verbose_name_plural = _("reacties op voorbeelden")
        indexes = [models.Index(fields=["example", "status", "created_at"], name="menukaart_reaction_thread")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(decline_reason=""),
                name="menukaart_reaction_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_published(self) -> bool:
        return self.status == ReactionStatus.PUBLISHED
