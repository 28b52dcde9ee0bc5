"""The portal-wide search index, its vocabulary and the editors' synonyms."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a search result is; the order is the order of the facet."""

    MEASURE = "maatregel", _("Maatregel")
    MATERIAL = "materiaal", _("Materiaal")
    INITIATIVE = "initiatief", _("Initiatief of netwerk")
    EXAMPLE = "praktijkvoorbeeld", _("Praktijkvoorbeeld")
    NETWORK = "doe-netwerk", _("Doe-netwerk")
    MEETING = "bijeenkomst", _("Bijeenkomst")


class SearchDocument(models.Model):
    """One published, publicly visible item as the search sees it. Items that are not public have no row.

    Written only by sitesearch.indexing (after saves, on publish and unpublish, and by
    `manage.py reindex_search`). The *_terms fields hold analysed terms (sitesearch.analysis) as
    " a b c "; `vector` holds the same terms with weights A (title), B (summary) and C (the rest)
    for PostgreSQL's GIN index. SQLite matches on the padded text instead.
    """

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("id van het item"))
    # Set for measures, so the catalogue can join its search to the measures it filters.
    measure = models.OneToOneField(
        "menukaart.Measure", null=True, blank=True, on_delete=models.CASCADE, related_name="search_document"
    )
    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("samenvatting"), blank=True)
    url = models.CharField(_("adres"), max_length=500)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    themes = models.ManyToManyField("menukaart.Theme", verbose_name=_("thema's"), blank=True, related_name="+")
    title_terms = models.TextField(blank=True, editable=False)
    summary_terms = models.TextField(blank=True, editable=False)
    body_terms = models.TextField(blank=True, editable=False)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("zoekindex-item")
        verbose_name_plural = _("zoekindex")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="sitesearch_one_document_per_item")]
        indexes = [models.Index(fields=["kind", "published_at"], name="sitesearch_doc_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        return self.url


class SearchTerm(models.Model):
    """The indexed vocabulary: a term, a word it came from (for "bedoelde je"), in how many documents."""

    term = models.CharField(max_length=100, unique=True)
    word = models.CharField(max_length=100)
    document_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("zoekterm")
        verbose_name_plural = _("zoektermen")

    def __str__(self) -> str:
        return self.word


class Synonym(models.Model):
    """An everyday word or abbreviation and the terms the portal uses for it; applied when searching.

    "statushouder" -> "vluchteling, nieuwkomer": a search for statushouders also finds what is
    written about refugees and newcomers. One direction only: add the reverse row where it helps.
    """

    term = models.CharField(
        _("woord of afkorting"),
        max_length=100,
        unique=True,
        help_text=_("Zoals bezoekers het typen, bijvoorbeeld statushouder, OR of anoniem solliciteren."),
    )
    related = models.TextField(
        _("zoek ook op"),
        help_text=_("Woorden of woordgroepen die ook gezocht worden, gescheiden door komma's."),
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("synoniem of verwant begrip")
        verbose_name_plural = _("synoniemen en verwante begrippen")

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs):
        self.term = " ".join(self.term.lower().split())
        super().save(*args, **kwargs)

    @property
    def related_list(self) -> list[str]:
        return [item.strip() for item in self.related.split(",") if item.strip()]
