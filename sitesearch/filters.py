"""The portal-wide search's query string: ?q=...&soort=maatregel&thema=werving (facets per kind and theme)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from menukaart.facets import Branch, column, facet_counts, table
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
        return apply(qs, self.parsed)

    def filter_themes(self, qs, name, value):
        return qs.filter(pk__in=self._with_themes(value)) if value else qs

    @staticmethod
    def _with_themes(themes):
        return SearchDocument.themes.through.objects.filter(theme__in=themes).values("searchdocument_id")

    def filter_queryset(self, queryset, exclude: str | None = None):
        for name, value in self.form.cleaned_data.items():
            if name != exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """Disjunctive counts per kind and theme, and the total: one query (menukaart.facets)."""
        if not hasattr(self, "_facet_counts"):
            chosen = {}
            if kinds := self.form.cleaned_data.get("soort"):
                chosen["soort"] = Q(kind__in=kinds)
            if themes := self.form.cleaned_data.get("thema"):
                chosen["thema"] = Q(pk__in=self._with_themes(themes))
            through = SearchDocument.themes.through
            joins = f"JOIN {table(through)} t ON t.{column(through, 'searchdocument')} = b.id"
            branches = [Branch("soort", "b.kind"), Branch("thema", f"t.{column(through, 'theme')}", joins=joins)]
            if self.rank_page is not None:
                base, columns = apply(self.queryset, self.parsed), ["pk", "kind", "title", "score"]
            else:
                base, columns = match(self.queryset, self.parsed), ["pk", "kind"]
            self._facet_counts = facet_counts(base, columns, chosen, branches, self.rank_page)
        return self._facet_counts

    def facets(self) -> list[Facet]:
        """Every kind that has results (or is chosen) and every theme, with disjunctive counts."""
        counts = self.facet_counts()
        chosen_kinds = set(self.form.cleaned_data.get("soort") or [])
        chosen_themes = {theme.slug for theme in self.form.cleaned_data.get("thema") or []}
        kinds = [
            FacetValue(
                value=value, label=str(label), count=counts["soort"].get(value, 0), selected=value in chosen_kinds
            )
            for value, label in Kind.choices
            if counts["soort"].get(value) or value in chosen_kinds
        ]
        themes = [
            FacetValue(
                value=theme.slug,
                label=theme.name,
                count=counts["thema"].get(str(theme.pk), 0),
                selected=theme.slug in chosen_themes,
            )
            for theme in Theme.objects.only("slug", "name")
        ]
        return [
            Facet(name="soort", label=str(self.filters["soort"].label), values=kinds),
            Facet(name="thema", label=str(self.filters["thema"].label), values=themes),
        ]
