"""Menukaart figures, from the anonymous usage events (no person, no session, time to the hour).

Usage events cannot point at an employer, so their counts are not suppressed (unit SIGNALS);
search texts can, so a search text is only shown when it was searched at least 5 times.
"""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from helpdesk.models import SuggestionStat
from impact.figures.base import SIGNALS, SUPPRESSION_THRESHOLD, Context, Row, figure
from impact.figures.common import counts_by
from impact.figures.helpdesk import questions_per_theme
from menukaart.models import Material, Measure, Status, Theme, UsageEvent


def _events(kind: str):
    return UsageEvent.objects.filter(kind=kind)


def _usage(context: Context, kind: str, dimension: str) -> dict:
    """{measure or material id: [count per period]} of one kind of event, from one grouped query
    over all views, plan additions and material clicks (shared by the menukaart figures)."""

    def compute():
        grouped = (
            UsageEvent.objects.filter(
                context.in_range("hour"),
                kind__in=[UsageEvent.Kind.MEASURE_VIEW, UsageEvent.Kind.PLAN_ADD, UsageEvent.Kind.MATERIAL_CLICK],
            )
            .annotate(bucket=context.bucket("hour"))
            .values("bucket", "kind", "measure", "material")
            .annotate(n=Count("pk"))
            .order_by()
        )
        result: dict = defaultdict(lambda: [0] * len(context.periods))
        for group in grouped:  # one row per (period, kind, measure or material)
            key = group["material"] if group["kind"] == UsageEvent.Kind.MATERIAL_CLICK else group["measure"]
            result[(group["kind"], key)][group["bucket"]] += group["n"]
        return dict(result)

    usage = context.cached("usage", compute)
    return {key: list(values) for (event_kind, key), values in usage.items() if event_kind == kind}


def _measure_rows(counts: dict) -> list[Row]:
    names = dict(Measure.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "title"))
    return [Row(pk, names.get(pk, "?"), values) for pk, values in counts.items() if pk in names]


@figure(section="menukaart", title=_("Meest bekeken maatregelen"), unit=SIGNALS, top=10)
def most_viewed_measures(context: Context) -> list[Row]:
    """De tien maatregelen waarvan de pagina in de periode het vaakst werd bekeken (gebruikssignaal
    'Maatregel bekeken')."""
    return _measure_rows(_usage(context, UsageEvent.Kind.MEASURE_VIEW, "measure"))


@figure(section="menukaart", title=_("Meest gebruikte materialen"), unit=SIGNALS, top=10)
def most_used_materials(context: Context) -> list[Row]:
    """De tien materialen waarvan de link in de periode het vaakst werd gevolgd."""
    counts = _usage(context, UsageEvent.Kind.MATERIAL_CLICK, "material")
    names = dict(Material.objects.filter(pk__in=[k for k in counts if k]).values_list("pk", "title"))
    return [Row(pk, names[pk], values) for pk, values in counts.items() if pk in names]


@figure(section="menukaart", title=_("Vaakst aan een eigen menukaart toegevoegd"), unit=SIGNALS, top=10)
def most_added_to_plans(context: Context) -> list[Row]:
    """De tien maatregelen die in de periode het vaakst aan een eigen 'Mijn menukaart' werden toegevoegd."""
    return _measure_rows(_usage(context, UsageEvent.Kind.PLAN_ADD, "measure"))


@figure(section="menukaart", title=_("Grootste stijgers"), unit=SIGNALS, chart="")
def biggest_risers(context: Context) -> list[Row]:
    """De tien maatregelen waarvan het aantal keer bekeken het meest steeg ten opzichte van de vorige
    periode (alleen stijgers)."""
    rows = _measure_rows(_usage(context, UsageEvent.Kind.MEASURE_VIEW, "measure"))
    rising = [row for row in rows if row.values[-1] > row.values[-2]]
    return sorted(rising, key=lambda row: (-(row.values[-1] - row.values[-2]), row.label))[:10]


@figure(section="menukaart", title=_("Zoekvragen zonder resultaat"), chart="")
def searches_without_results(context: Context) -> list[Row]:
    """Zoekteksten (kleine letters, enkele spaties) die geen maatregel vonden en in de periode minstens 5
    keer werden gezocht; minder vaak gezochte teksten staan er niet, omdat een zoektekst een werkgever
    kan noemen."""
    searches = _events(UsageEvent.Kind.SEARCH).filter(result_count=0)
    frequent = (
        searches.filter(hour__gte=context.current.starts_at, hour__lt=context.current.ends_before)
        .values("query")
        .annotate(n=Count("pk"))
        .filter(n__gte=SUPPRESSION_THRESHOLD)
        .order_by("-n", "query")[:20]
        .values_list("query", flat=True)
    )
    counts = counts_by(context, searches.filter(query__in=list(frequent)), "query", time_field="hour")
    return sorted(
        (Row(query, query, values) for query, values in counts.items()), key=lambda row: (-row.values[-1], row.label)
    )


@figure(section="menukaart", title=_("Inhoudelijke gaten: veel vragen, weinig maatregelen"), chart="")
def content_gaps(context: Context) -> list[Row]:
    """Thema's op volgorde van het aantal vragen in de periode gedeeld door (gepubliceerde maatregelen in
    dat thema + 1), zodat een thema zonder maatregel het hoogst komt; het aantal gepubliceerde
    maatregelen staat in de naam. De tien thema's met de hoogste verhouding."""
    published = dict(
        Theme.objects.annotate(n=Count("measures", filter=Q(measures__status=Status.PUBLISHED))).values_list("pk", "n")
    )
    rows = [row for row in questions_per_theme(context) if row.values[-1]]
    for row in rows:
        count = published.get(row.key, 0)
        row.label = _("%(theme)s (%(n)s maatregelen)") % {"theme": row.label, "n": count}
        row.ratio = row.values[-1] / (count + 1)
    return sorted(rows, key=lambda row: (-row.ratio, row.label))[:10]


@figure(section="menukaart", title=_("Suggesties op het vraagformulier (afbuiging)"), unit=SIGNALS, chart="")
def deflection(context: Context) -> list[Row]:
    """Hoe vaak het vraagformulier maatregelen voorstelde, hoe vaak een voorstel werd geopend, in hoeveel
    bezoeken, en hoeveel van die bezoeken toch een vraag stuurden. 'Afgebogen' = bezoeken met een
    geopend voorstel min die toch een vraag stelden (de bezoeker vond een antwoord zonder te vragen)."""
    grouped = (
        SuggestionStat.objects.filter(day__gte=context.periods[0].start, day__lte=context.current.end)
        .annotate(bucket=context.bucket_by_date("day"))
        .values("bucket")
        .annotate(
            shown=Sum("suggestions_shown"),
            opens=Sum("suggestion_opens"),
            visits=Sum("visits_with_open"),
            asked=Sum("asked_after_open"),
        )
        .order_by()
    )
    values = defaultdict(lambda: [0] * len(context.periods))
    for group in grouped:  # one row per period
        for key in ("shown", "opens", "visits", "asked"):
            values[key][group["bucket"]] = group[key] or 0
    deflected = [max(v - a, 0) for v, a in zip(values["visits"], values["asked"], strict=True)]
    return [
        Row("getoond", _("Suggesties getoond"), values["shown"]),
        Row("geopend", _("Suggesties geopend"), values["opens"]),
        Row("bezoeken", _("Bezoeken met een geopende suggestie"), values["visits"]),
        Row("toch-gevraagd", _("Daarna toch een vraag gesteld"), values["asked"]),
        Row("afgebogen", _("Afgebogen (geen vraag nodig)"), deflected),
    ]
