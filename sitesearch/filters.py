"""The portal-wide search's query string: ?q=...&soort=maatregel&thema=werving (facets per kind and theme)."""

import django_filters
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from menukaart.filters import Facet, FacetValue, RankedSearchFilterSet
from menukaart.models import Theme
from sitesearch.models import Kind, SearchDocument
from sitesearch.query import MAX_QUERY_LENGTH, ParsedQuery, apply, match, parse


class PortalSearchFilter(RankedSearchFilterSet):
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Je zoekvraag is te lang: gebruik maximaal %(limit_value)d tekens.")},
    )
    soort = django_filters.MultipleChoiceFilter(label=_("Soort"), field_name="kind", choices=Kind.choices)
    thema = django_filters.ModelMultipleChoiceFilter(
        label=_("Thema"), queryset=Theme.objects.all(), to_field_name="slug", method="filter_themes"
    )

    FACETS = ("soort", "thema")

    class Meta:
        model = SearchDocument
        fields: list[str] = []

    @property
    def parsed(self) -> ParsedQuery:
        if not hasattr(self, "_parsed"):
            self._parsed = parse((self.form.cleaned_data.get("q") or "").strip())
        return self._parsed

    def filter_search(self, qs, name, value):
        return match(qs, self.parsed) if self._unranked else apply(qs, self.parsed)

    def filter_themes(self, qs, name, value):
        if not value:
            return qs
        through = SearchDocument.themes.through
        return qs.filter(pk__in=through.objects.filter(theme__in=value).values("searchdocument_id"))

    def filter_queryset(self, queryset, exclude: str | None = None):
        for name, value in self.form.cleaned_data.items():
            if name != exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets(self) -> list[Facet]:
        """Disjunctive counts (as in the catalogue): one query per facet over the matched documents."""
        chosen_kinds = set(self.form.cleaned_data.get("soort") or [])
        chosen_themes = {theme.slug for theme in self.form.cleaned_data.get("thema") or []}
        rows = self.unranked(exclude="soort").values("kind").annotate(n=Count("pk"))
        counts = {row["kind"]: row["n"] for row in rows}
        kinds = [
            FacetValue(value=value, label=str(label), count=counts.get(value, 0), selected=value in chosen_kinds)
            for value, label in Kind.choices
            if counts.get(value) or value in chosen_kinds
        ]
        theme_base = self.unranked(exclude="thema").values("pk")
        through = SearchDocument.themes.through
        per_theme = (
            through.objects.filter(theme=OuterRef("pk"), searchdocument__in=theme_base)
            .values("theme")
            .annotate(n=Count("pk"))
            .values("n")  # type: ignore[misc]  # the stubs do not see the annotation just above
        )
        themes = [
            FacetValue(value=theme.slug, label=theme.name, count=theme.n, selected=theme.slug in chosen_themes)
            for theme in Theme.objects.annotate(n=Coalesce(Subquery(per_theme), 0))
        ]
        return [
            Facet(name="soort", label=str(self.filters["soort"].label), values=kinds),
            Facet(name="thema", label=str(self.filters["thema"].label), values=themes),
        ]
