"""Small helpers for figure functions: group counts per period bucket into rows."""

from collections import defaultdict

from django.db.models import Count

from impact.figures.base import Context, Row


def counts_by(context: Context, queryset, dimension: str, *, time_field: str, count: str = "pk", distinct=False):
    """{dimension value: [count per period]} with one grouped query (GROUP BY bucket, dimension)."""
    grouped = (
        queryset.filter(context.in_range(time_field))
        .annotate(bucket=context.bucket(time_field))
        .values("bucket", dimension)
        .annotate(n=Count(count, distinct=distinct))
        .order_by()
    )
    result: dict = defaultdict(lambda: [0] * len(context.periods))
    for group in grouped:  # one row per (period, value): a handful, not the tickets themselves
        result[group[dimension]][group["bucket"]] = group["n"]
    return result


def choice_rows(counts: dict, choices, context: Context, *, unknown_label: str) -> list[Row]:
    """One row per choice (also when zero), plus "unknown" for empty values when there are any."""
    rows = [Row(value, label, counts.get(value, [0] * len(context.periods))) for value, label in choices]
    unknown = [
        a + b
        for a, b in zip(
            counts.get("", [0] * len(context.periods)), counts.get(None, [0] * len(context.periods)), strict=True
        )
    ]
    if any(unknown):
        rows.append(Row("onbekend", unknown_label, unknown))
    return rows


def named_rows(counts: dict, names: dict, context: Context) -> list[Row]:
    """Rows for ids with a name looked up in `names` (ids without a row in the data are left out)."""
    return [Row(key, names.get(key, str(key)), values) for key, values in counts.items() if key is not None]
