"""Disjunctive facet counts, and the total, in one SQL query.

The base is the set of rows before any facet is applied (the search's matches, say). Every chosen
facet becomes a flag on each base row: does the row pass that facet? A facet's counts are grouped
over the base rows that pass every *other* chosen facet, so within a facet values combine with OR
and facets combine with AND (the count next to a value is what you would see with that value added).
The base is computed once, as a common table expression, instead of once per facet; it runs on
PostgreSQL and SQLite alike.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Field, Model, Q, QuerySet

TOTAL = ""  # the key of the row count (rows that pass every chosen facet)
PAGE = "#"  # the key of one page of the rows, by rank: {id: position on the page}


@dataclass(frozen=True)
class RankedPage:
    """Which rows of the result to return along with the counts, best first (by the base's `score`,
    then `title`, then id): saves ranking the matches in a query of their own."""

    offset: int
    limit: int


@dataclass(frozen=True)
class Branch:
    """One facet's grouped count. SQL over the base row `b` and the tables joined to it."""

    facet: str
    value: str  # what is counted per value, e.g. "b.effort" or "t.level_id"
    joins: str = ""  # e.g. "JOIN menukaart_measure_levels t ON t.measure_id = b.id"
    count: str = "COUNT(*)"
    where: str = ""
    params: Sequence[object] = field(default_factory=tuple)


def table(model: type[Model]) -> str:
    """A model's table, quoted, for the SQL of a Branch."""
    return connection.ops.quote_name(model._meta.db_table)


def column(model: type[Model], field_name: str) -> str:
    """The column of a model's field, quoted, for the SQL of a Branch."""
    field = model._meta.get_field(field_name)
    if not isinstance(field, Field) or not field.column:
        raise ValueError(f"{model.__name__}.{field_name} has no column")
    return connection.ops.quote_name(field.column)


def flag_name(facet: str) -> str:
    return f"chosen_{facet.replace('-', '_')}"


def _base(base: QuerySet, columns: Sequence[str], chosen: Mapping[str, Q]) -> tuple[str, list]:
    """The common table expression `base`: its columns, then a flag per chosen facet."""
    flags = {
        flag_name(name): ExpressionWrapper(condition, output_field=BooleanField()) for name, condition in chosen.items()
    }
    rows = base.order_by().annotate(**flags).values(*columns, *flags)
    base_sql, base_params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    names = ["id" if column == "pk" else column for column in columns] + list(flags)
    return f"WITH base ({', '.join(quote(name) for name in names)}) AS ({base_sql}) ", list(base_params)


def _where(chosen: Iterable[str], besides: str, *extra: str) -> str:
    """Rows that pass every chosen facet but `besides`, and the extra conditions."""
    conditions = [f"b.{connection.ops.quote_name(flag_name(name))}" for name in chosen if name != besides]
    conditions += [condition for condition in extra if condition]
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def _page_select(chosen: Iterable[str], page: RankedPage) -> tuple[str, list]:
    """(id, position) for one page of the base rows that pass every chosen facet, best first."""
    order = "score DESC, title, id"
    sql = (
        f"SELECT p.id AS id, ROW_NUMBER() OVER (ORDER BY {order}) AS position FROM "  # noqa: S608  # nosec B608
        f"(SELECT b.id, b.score, b.title FROM base b{_where(chosen, TOTAL)} ORDER BY {order} LIMIT %s OFFSET %s) p"
    )
    return sql, [page.limit, page.offset]


def facet_counts(
    base: QuerySet,
    columns: Sequence[str],
    chosen: Mapping[str, Q],
    branches: Iterable[Branch],
    page: RankedPage | None = None,
) -> dict[str, dict[str, int]]:
    """{facet: {value (as text): count}} for every branch, and {TOTAL: {TOTAL: rows}}; one query.

    `base`: the rows before any facet; `columns`: its fields the branches use ("pk" is named id),
    fields first, then annotations in the order they were added; `chosen`: per facet with a choice,
    the condition a row must meet. `page`: also {PAGE: {id: position}} for those rows of the
    result (the base then has columns "title" and "score").
    """
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    counts[TOTAL][TOTAL] = 0
    if base.query.is_empty():
        return counts
    sql, params = _base(base, columns, chosen)
    selects = []
    for branch in [*branches, Branch(facet=TOTAL, value="''")]:
        group = "" if branch.facet == TOTAL else f" GROUP BY {branch.value}"
        # Only SQL written in this module and its callers, with quoted names; values are parameters.
        selects.append(
            f"SELECT %s, CAST({branch.value} AS VARCHAR(200)), {branch.count} "  # noqa: S608  # nosec B608
            f"FROM base b {branch.joins}{_where(chosen, branch.facet, branch.where)}{group}"
        )
        params.extend([branch.facet, *branch.params])
    if page is not None:
        page_sql, page_params = _page_select(chosen, page)
        selects.append(f"SELECT %s, CAST(r.id AS VARCHAR(200)), r.position FROM ({page_sql}) r")  # noqa: S608  # nosec B608
        params.extend([PAGE, *page_params])
    with connection.cursor() as cursor:
        cursor.execute(sql + " UNION ALL ".join(selects), params)
        for facet, value, count in cursor.fetchall():
            counts[facet][value] = count
    return counts


def matches_and_page(
    base: QuerySet, chosen: Mapping[str, Q], page: RankedPage | None = None
) -> tuple[list[int], dict[str, int]]:
    """The ids of all rows of `base` (the matches before any facet, for menukaart.facet_masks), and
    with `page` {id (as text): position} for that page of the rows that pass every `chosen` facet,
    best first (the base then has the annotation `score`); one query."""
    if base.query.is_empty():
        return [], {}
    if page is None:
        ids_sql, ids_params = base.order_by().values_list("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(ids_sql, ids_params)
            return [pk for (pk,) in cursor.fetchall()], {}
    sql, params = _base(base, ["pk", "title", "score"], chosen)
    page_sql, page_params = _page_select(chosen, page)
    # The ids come with no position, the page's rows with theirs.
    sql += f"SELECT b.id, NULL FROM base b UNION ALL {page_sql}"  # noqa: S608  # nosec B608
    ids, positions = [], {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *page_params])
        for pk, position in cursor.fetchall():
            if position is None:
                ids.append(pk)
            else:
                positions[str(pk)] = position
    return ids, positions
