"""The machinery every figure shares: periods as buckets, the registry and the suppression rule.

A figure is a small named function decorated with @figure; its docstring is its definition (shown
on the report page, in the exports and in docs/impact-report.md). It returns rows, each with one
raw value per period (oldest first); `build` turns them into cells with suppression applied.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from impact.periods import Period

# Counts of 1 to 4 could point at one employer: they are suppressed ("minder dan 5").
SUPPRESSION_THRESHOLD = 5

COUNT = "aantal"  # value: int
RATE = "procent"  # value: (part, whole) -> percentage of whole
DURATION = "werkdagen"  # value: (median, p90, n)
SIGNALS = "signalen"  # value: int; anonymous usage counts that cannot point at an employer: not suppressed


@dataclass(frozen=True)
class Context:
    """What every figure function gets: the trend periods (oldest first; the last is the report's)."""

    periods: list[Period]
    today: date
    # Results shared by several figures within one report (one query instead of several).
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def cached(self, key: str, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @property
    def current(self) -> Period:
        return self.periods[-1]

    @property
    def previous(self) -> Period:
        return self.periods[-2]

    def bucket(self, field_name: str) -> Case:
        """0 for the oldest period ... n-1 for the report's own period, by the local time of `field_name`."""
        return Case(
            *[
                When(**{f"{field_name}__gte": p.starts_at, f"{field_name}__lt": p.ends_before}, then=Value(i))
                for i, p in enumerate(self.periods)
            ],
            default=Value(None),
            output_field=IntegerField(),
        )

    def bucket_by_date(self, field_name: str) -> Case:
        """As bucket(), for a date field (no time of day)."""
        return Case(
            *[
                When(**{f"{field_name}__gte": p.start, f"{field_name}__lte": p.end}, then=Value(i))
                for i, p in enumerate(self.periods)
            ],
            default=Value(None),
            output_field=IntegerField(),
        )

    def in_range(self, field_name: str) -> Q:
        return Q(**{f"{field_name}__gte": self.periods[0].starts_at, f"{field_name}__lt": self.periods[-1].ends_before})


@dataclass
class Row:
    key: str
    label: str
    values: list = field(default_factory=list)


@dataclass(frozen=True)
class FigureSpec:
    key: str
    section: str
    title: str
    unit: str
    function: Callable[[Context], list[Row]]
    exclusive: bool  # the rows split one whole: one suppressed cell alone could be recovered by subtraction
    chart: str  # "bar" (current period per row), "trend" (one line per row over the periods) or ""
    top: int  # keep only this many rows (0: all), ranked by the report period's value
    order: str  # "change": rows by their (shown) change, largest rise first; suppressed changes last

    @property
    def definition(self) -> str:
        """The docstring, on one line: the figure's definition (Dutch; translated like any other text)."""
        return " ".join(inspect.cleandoc(self.function.__doc__ or "").split())


REGISTRY: dict[str, FigureSpec] = {}

SECTIONS = {
    "helpdesk": _("Helpdesk"),
    "terugkerend": _("Terugkerende vragen"),
    "menukaart": _("Menukaart"),
    "netwerken": _("Doe-netwerken"),
}


def figure(
    *,
    section: str,
    title,
    unit: str = COUNT,
    exclusive: bool = False,
    chart: str = "bar",
    top: int = 0,
    order: str = "",
):
    def register(function):
        key = function.__name__
        REGISTRY[key] = FigureSpec(
            key=key,
            section=section,
            title=title,
            unit=unit,
            function=function,
            exclusive=exclusive,
            chart=chart,
            top=top,
            order=order,
        )
        return function

    return register


# --- Cells and the suppression rule ------------------------------------------------------------


def _small(n) -> bool:
    return n is not None and 0 < n < SUPPRESSION_THRESHOLD


def count_cell(n: int | None) -> dict:
    n = n or 0
    return {"value": None, "suppressed": True} if _small(n) else {"value": n}


def rate_cell(raw) -> dict:
    """A share in percent; suppressed when the whole is below 5 or the part is 1 to 4."""
    part, whole = raw if raw else (0, 0)
    if not whole:
        return {"value": None, "base": 0}
    if whole < SUPPRESSION_THRESHOLD or _small(part):
        return {"value": None, "suppressed": True}
    return {"value": round(100 * part / whole, 1), "base": whole}


def duration_cell(raw) -> dict:
    """Median and 90th percentile in working days; suppressed when fewer than 5 questions count."""
    median, p90, n = raw if raw else (None, None, 0)
    if not n:
        return {"value": None, "p90": None, "base": 0}
    if n < SUPPRESSION_THRESHOLD:
        return {"value": None, "p90": None, "suppressed": True}
    return {"value": median, "p90": p90, "base": n}


def signal_cell(n: int | None) -> dict:
    return {"value": n or 0}


CELL = {COUNT: count_cell, RATE: rate_cell, DURATION: duration_cell, SIGNALS: signal_cell}


def _secondary_suppression(rows: list[dict], column: int) -> None:
    """If exactly one cell of a column of exclusive rows is suppressed, the total minus the others
    would give it away: then the smallest other non-zero cell is suppressed as well."""
    suppressed = [row for row in rows if row["cells"][column].get("suppressed")]
    if len(suppressed) != 1:
        return
    candidates = [row for row in rows if not row["cells"][column].get("suppressed") and row["cells"][column]["value"]]
    if candidates:
        smallest = min(candidates, key=lambda row: row["cells"][column]["value"])
        smallest["cells"][column] = {"value": None, "suppressed": True}


def _change(current: dict, previous: dict) -> dict:
    """Report period minus the previous one; suppressed when either is (no recovering by subtraction)."""
    if current.get("suppressed") or previous.get("suppressed"):
        return {"value": None, "suppressed": True}
    if current["value"] is None or previous["value"] is None:
        return {"value": None}
    return {"value": round(current["value"] - previous["value"], 1)}


def build(spec: FigureSpec, context: Context) -> dict:
    """Run one figure and return it as plain JSON (cells suppressed, change against the previous period)."""
    make_cell = CELL[spec.unit]
    rows = [
        {"key": str(row.key), "label": str(row.label), "cells": [make_cell(value) for value in row.values]}
        for row in spec.function(context)
    ]
    if spec.exclusive:
        for column in range(len(context.periods)):
            _secondary_suppression(rows, column)
    for row in rows:
        row["change"] = _change(row["cells"][-1], row["cells"][-2])
    if spec.order == "change":
        # Sorted on what is shown, so the order never gives a suppressed difference away.
        rows.sort(
            key=lambda row: (row["change"].get("suppressed", False), -(row["change"]["value"] or 0), row["label"])
        )
    if spec.top:
        rows.sort(key=lambda row: (-(row["cells"][-1]["value"] or 0), row["label"]))
        rows = rows[: spec.top]
    return {
        "key": spec.key,
        "section": spec.section,
        "title": str(spec.title),
        "definition": spec.definition,
        "unit": spec.unit,
        "chart": spec.chart,
        "rows": rows,
    }
