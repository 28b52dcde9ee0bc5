"""The catalogue's filters, sorting and facet counts.

Facets are "disjunctive": the count next to a value is the number of measures you would see with
that value added to your current choice, so within one facet values combine with OR and facets
combine with AND. The catalogue's counts come from the ids of its matches and masks kept per
catalogue version (menukaart.facet_masks); the portal search's from one grouped query
(menukaart.facets). Either way the number of queries does not grow with the catalogue.
"""

from collections import defaultdict
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from core.choices import Sector, SizeBand
from menukaart.facet_masks import FacetMasks, kept_masks, mask_of
from menukaart.facets import PAGE, TOTAL, RankedPage, matches_and_page
from menukaart.models import Band, Evidence, Example, Level, Material, Measure, OrganisationSize, Phase, Status, Theme
from menukaart.search import MAX_QUERY_LENGTH
from sitesearch.query import match, parse

SIZE_CHOICES = [
    (OrganisationSize.SME.value, _("Mkb")),
    (OrganisationSize.LARGE.value, _("Grote organisatie")),
]


class MeasureOrderingFilter(django_filters.OrderingFilter):
    """Sorting from a fixed list; "relevantie" is the search rank (title when there is no search)."""

    RELEVANCE = "relevantie"

    def __init__(self, **kwargs):
        super().__init__(
            fields=(("title", "titel"), ("-view_count", "populair"), ("-published_at", "nieuw")),
            choices=[
                (self.RELEVANCE, _("Relevantie")),
                ("titel", _("Titel (A-Z)")),
                ("populair", _("Meest bekeken")),
                ("nieuw", _("Nieuwste")),
            ],
            empty_label=None,
            **kwargs,
        )

    def filter(self, qs, value):
        param = value[0] if value else self.RELEVANCE
        if param == self.RELEVANCE:
            if "score" in qs.query.annotations:
                return qs  # already in the search's order (sitesearch.query.apply)
            return qs.order_by("title")
        return qs.order_by(self.param_map[param], "title")


class RankedSearchFilterSet(django_filters.FilterSet):
    """A FilterSet whose search scores and orders its matches, and whose `facet_counts()` counts
    the facets and the total in one query (menukaart.facets); with `rank_page` set first, that query
    also brings one page of the ranked matches (`ranked_rows()`)."""

    rank_page: RankedPage | None = None

    def facet_counts(self) -> dict[str, dict[str, int]]:
        raise NotImplementedError

    def count(self) -> int:
        """The number of matches (from the facet query: no query of its own)."""
        return self.facet_counts()[TOTAL][TOTAL]

    def ranked_rows(self) -> list:
        """The rows of `rank_page`, best first, loaded from the filter's queryset (one query)."""
        positions = self.facet_counts()[PAGE]
        rows = self.queryset.filter(pk__in=[int(pk) for pk in positions])
        return sorted(rows, key=lambda row: positions[str(row.pk)])


class MeasureFilter(RankedSearchFilterSet):
    """The catalogue's query string: ?q=...&niveau=hr&thema=behoud&...&sorteer=populair."""

    niveau = django_filters.ModelMultipleChoiceFilter(
        label=_("Niveau"), queryset=Level.objects.all(), to_field_name="slug", method="filter_levels"
    )
    thema = django_filters.ModelMultipleChoiceFilter(
        label=_("Thema"), queryset=Theme.objects.all(), to_field_name="slug", method="filter_themes"
    )
    stap = django_filters.ModelMultipleChoiceFilter(
        label=_("Stap"), queryset=Phase.objects.all(), to_field_name="slug", method="filter_phases"
    )
    omvang = django_filters.MultipleChoiceFilter(label=_("Geschikt voor"), choices=SIZE_CHOICES, method="filter_size")
    inspanning = django_filters.MultipleChoiceFilter(label=_("Inspanning"), field_name="effort", choices=Band.choices)
    kosten = django_filters.MultipleChoiceFilter(label=_("Kosten"), field_name="cost", choices=Band.choices)
    bewijs = django_filters.TypedMultipleChoiceFilter(
        label=_("Bewijskracht"), field_name="evidence", choices=Evidence.choices, coerce=int
    )
    materiaal = django_filters.MultipleChoiceFilter(
        label=_("Soort materiaal"), choices=Material.Kind.choices, method="filter_material_kind"
    )
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Je zoekvraag is te lang: gebruik maximaal %(limit_value)d tekens.")},
    )
    sorteer = MeasureOrderingFilter(label=_("Sorteer op"))

    # The facets, in the order in which they are shown.
    FACETS = ("niveau", "thema", "stap", "omvang", "inspanning", "kosten", "bewijs", "materiaal")
    TERM_THROUGH = {
        "niveau": lambda: Measure.levels.through,
        "thema": lambda: Measure.themes.through,
        "stap": lambda: Measure.phases.through,
    }
    FACET_FIELD = {"inspanning": "effort", "kosten": "cost", "bewijs": "evidence"}

    class Meta:
        model = Measure
        fields: list[str] = []

    # --- filter methods --------------------------------------------------------------------------

    TERM_COLUMN = {"niveau": "level", "thema": "theme", "stap": "phase"}

    @classmethod
    def facet_condition(cls, name: str, value) -> Q:
        """What a measure must meet for one facet's chosen values (which combine with OR)."""
        if name in cls.TERM_COLUMN:
            field = cls.TERM_COLUMN[name]
            through = cls.TERM_THROUGH[name]()
            return Q(pk__in=through._default_manager.filter(**{f"{field}__in": value}).values("measure_id"))
        if name == "omvang":
            return Q(size__in=[*value, OrganisationSize.BOTH])  # a measure for "beide" fits every size
        if name == "materiaal":
            material_ids = Material.objects.published().filter(kind__in=value).values("pk")
            through = Measure.materials.through
            return Q(pk__in=through.objects.filter(material__in=material_ids).values("measure_id"))
        return Q(**{f"{cls.FACET_FIELD[name]}__in": value})

    def _facet_filter(self, qs, name, value):
        return qs.filter(self.facet_condition(name, value)) if value else qs

    def filter_levels(self, qs, name, value):
        return self._facet_filter(qs, "niveau", value)

    def filter_themes(self, qs, name, value):
        return self._facet_filter(qs, "thema", value)

    def filter_phases(self, qs, name, value):
        return self._facet_filter(qs, "stap", value)

    def filter_size(self, qs, name, value):
        return self._facet_filter(qs, "omvang", value)

    def filter_material_kind(self, qs, name, value):
        return self._facet_filter(qs, "materiaal", value)

    def filter_search(self, qs, name, value):
        parsed = self.parsed_search
        if parsed is None:
            return qs
        if not self.ranks_by_search:  # sorted otherwise: the filter only, no score per match
            return match(qs, parsed, prefix="search_document__")
        return qs.matching_parsed(parsed)

    @property
    def parsed_search(self):
        """The parsed search text, parsed once per request (facets filter again without re-parsing)."""
        if not hasattr(self, "_parsed_search"):
            text = (self.form.cleaned_data.get("q") or "").strip()
            self._parsed_search = parse(text) if text else None
        return self._parsed_search

    # --- results and facets ----------------------------------------------------------------------

    def filter_queryset(self, queryset, exclude: str | None = None):
        for name, value in self.form.cleaned_data.items():
            if name == exclude:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def search_text(self) -> str:
        return (self.form.cleaned_data.get("q") or "").strip() if self.is_valid() else ""

    @property
    def active_filter_count(self) -> int:
        return sum(1 for name in self.FACETS if self.form.cleaned_data.get(name))

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """Every facet's counts, the total and (for a ranked search) the page's rows: one query for
        the ids of the matches (and the page), then the kept masks (menukaart.facet_masks)."""
        if not hasattr(self, "_facet_counts"):
            base = self.queryset.prefetch_related(None)
            page = self.rank_page if self.ranks_by_search else None
            if page is not None:
                base = base.matching_parsed(self.parsed_search)
            elif self.parsed_search is not None:
                base = match(base, self.parsed_search, prefix="search_document__")
            chosen = {name: value for name in self.FACETS if (value := self.form.cleaned_data.get(name))}
            conditions = {name: self.facet_condition(name, value) for name, value in chosen.items()} if page else {}
            ids, positions = matches_and_page(base, conditions, page)
            masks = kept_masks("catalogue", self.build_facet_masks)
            counts = masks.counts(mask_of(ids), {name: self.mask_values(name, value) for name, value in chosen.items()})
            self._facet_counts = {**counts, PAGE: positions}
        return self._facet_counts

    @property
    def ranks_by_search(self) -> bool:
        """Whether the results are in the search's order (a search, sorted by relevance)."""
        sort = self.form.cleaned_data.get("sorteer")
        return self.parsed_search is not None and (not sort or sort[0] == MeasureOrderingFilter.RELEVANCE)

    @classmethod
    def build_facet_masks(cls) -> FacetMasks:
        """Per facet value, the measures (all of them, published or not) that have it; 5 queries."""
        ids: dict[str, dict[str, list[int]]] = {name: defaultdict(list) for name in cls.FACETS}
        for name, field in cls.TERM_COLUMN.items():
            through = cls.TERM_THROUGH[name]()
            for term_id, measure_id in through._default_manager.values_list(f"{field}_id", "measure_id"):
                ids[name][str(term_id)].append(measure_id)
        for pk, size, *values in Measure.objects.values_list("pk", "size", *cls.FACET_FIELD.values()):
            ids["omvang"][size].append(pk)
            for name, value in zip(cls.FACET_FIELD, values, strict=True):
                ids[name][str(value)].append(pk)
        links = Measure.materials.through._default_manager.filter(material__status=Status.PUBLISHED)
        for kind, measure_id in links.values_list("material__kind", "measure_id"):
            ids["materiaal"][kind].append(measure_id)
        masks = {name: {value: mask_of(pks) for value, pks in values.items()} for name, values in ids.items()}
        return FacetMasks(masks)

    @classmethod
    def mask_values(cls, name: str, value) -> list[str]:
        """The facet values (as the masks name them) that meet one facet's choice: facet_condition's
        counterpart."""
        if name in cls.TERM_COLUMN:
            return [str(term.pk) for term in value]
        if name == "omvang":
            return [*value, OrganisationSize.BOTH]  # a measure for "beide" fits every size
        return [str(item) for item in value]

    def facets(self) -> list["Facet"]:
        """Every facet with its values and counts (facet_counts: one query, plus one per taxonomy)."""
        counts = self.facet_counts()
        facets = []
        for name in self.FACETS:
            selected = {str(getattr(v, "slug", v)) for v in (self.form.cleaned_data.get(name) or [])}
            values = [
                FacetValue(value=value, label=label, count=count, selected=value in selected)
                for value, label, count in self._values(name, counts[name])
            ]
            facets.append(Facet(name=name, label=self.filters[name].label, values=values))
        return facets

    def _values(self, name: str, counts: dict[str, int]) -> list[tuple[str, str, int]]:
        """(value, label, count) for every value of one facet, in display order."""
        if name in self.TERM_COLUMN:
            terms = self.filters[name].queryset.model.objects.only("slug", "name")
            return [(term.slug, term.name, counts.get(str(term.pk), 0)) for term in terms]
        if name == "omvang":
            both = counts.get(OrganisationSize.BOTH, 0)
            counts = {
                OrganisationSize.SME: counts.get(OrganisationSize.SME, 0) + both,
                OrganisationSize.LARGE: counts.get(OrganisationSize.LARGE, 0) + both,
            }
        return [(str(value), label, counts.get(str(value), 0)) for value, label in self.filters[name].extra["choices"]]


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def has_selection(self) -> bool:
        return any(value.selected for value in self.values)


class MaterialFilter(django_filters.FilterSet):
    """The materials page's own search and filters: ?q=...&thema=behoud&soort=e-learning&kosten=gratis.

    Values within one filter combine with OR, filters combine with AND (as in the catalogue).
    """

    q = django_filters.CharFilter(
        label=_("Zoek in materialen"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Je zoekvraag is te lang: gebruik maximaal %(limit_value)d tekens.")},
    )
    thema = django_filters.ModelMultipleChoiceFilter(
        label=_("Thema"), queryset=Theme.objects.all(), to_field_name="slug", method="filter_themes"
    )
    soort = django_filters.MultipleChoiceFilter(
        label=_("Soort materiaal"), field_name="kind", choices=Material.Kind.choices
    )
    # "Onbekend" is not something to choose: a visitor filters on what is known.
    kosten = django_filters.MultipleChoiceFilter(
        label=_("Kosten"),
        field_name="cost",
        choices=[(value, label) for value, label in Material.Cost.choices if value != Material.Cost.UNKNOWN],
    )

    class Meta:
        model = Material
        fields: list[str] = []

    MAX_SEARCH_RESULTS = 60

    def filter_search(self, qs, name, value):
        """Materials matching the search (the portal's index), best first; the 60 best (two queries)."""
        from sitesearch.models import Kind, SearchDocument
        from sitesearch.query import apply

        text = value.strip()
        if not text:
            return qs
        documents = apply(SearchDocument.objects.filter(kind=Kind.MATERIAL), parse(text))
        ranked = list(documents.values_list("object_id", flat=True)[: self.MAX_SEARCH_RESULTS])
        order = Case(*(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ranked)), default=Value(len(ranked)))
        return qs.filter(pk__in=ranked).order_by(order, "title")

    def filter_themes(self, qs, name, value):
        """Materials of the published measures on these themes (Material.objects.about_themes)."""
        return qs.about_themes(value) if value else qs

    @property
    def search_text(self) -> str:
        return (self.form.cleaned_data.get("q") or "").strip() if self.is_valid() else ""

    @property
    def chosen_count(self) -> int:
        """How many filter values (not the search) were asked for, valid or not: the page keeps them in view."""
        values = (self.form[name].value() or [] for name in self.filters if name != "q")
        return sum(len({value for value in chosen if value}) for chosen in values)


class ExampleFilter(django_filters.FilterSet):
    """The examples list's query string: ?thema=behoud&sector=K&omvang=250%2B&maatregel=<slug>."""

    thema = django_filters.ModelMultipleChoiceFilter(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        method="filter_themes",
        widget=forms.CheckboxSelectMultiple,
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), field_name="sector", choices=Sector.choices, empty_label=_("Alle sectoren")
    )
    omvang = django_filters.ChoiceFilter(
        label=_("Omvang van de organisatie"),
        field_name="size_band",
        choices=SizeBand.choices,
        empty_label=_("Alle groottes"),
    )
    maatregel = django_filters.ModelChoiceFilter(
        label=_("Maatregel"),
        queryset=Measure.objects.published().only("pk", "slug", "title").order_by("title"),
        to_field_name="slug",
        method="filter_measure",
        empty_label=_("Alle maatregelen"),
    )

    class Meta:
        model = Example
        fields: list[str] = []

    def filter_themes(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(pk__in=Example.themes.through.objects.filter(theme__in=value).values("example_id"))

    def filter_measure(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(pk__in=Example.measures.through.objects.filter(measure=value).values("example_id"))
