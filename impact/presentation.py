"""Turn a report's stored figures into what the page, the PDF and the exports show.

Charts are inline SVG (no script, no style attribute: colours come from the stylesheet), each
with a title and a description; the page shows each chart's data table and a text summary too.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from impact.figures.base import DURATION, RATE, SECTIONS

SUPPRESSED_TEXT = "<5"


def cell_text(cell: dict | None, unit: str) -> str:
    if not cell:
        return "–"
    if cell.get("suppressed"):
        return SUPPRESSED_TEXT
    value = cell.get("value")
    if value is None:
        return "–"
    if unit == RATE:
        return f"{number_format(value, 1)}%"
    if unit == DURATION:
        return _("%(median)s (p90: %(p90)s)") % {"median": value, "p90": cell.get("p90")}
    return number_format(value, force_grouping=True)


def change_text(cell: dict, unit: str) -> str:
    if cell.get("suppressed"):
        return SUPPRESSED_TEXT
    value = cell.get("value")
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    shown = number_format(abs(value), 1 if unit == RATE else 0, force_grouping=True)
    return f"{sign}{shown}{' pp' if unit == RATE else ''}"


def _speak(cell: dict, unit: str) -> str:
    """A value as a sentence part ("minder dan 5" instead of "<5")."""
    return _("minder dan 5") if cell.get("suppressed") else cell_text(cell, unit)


def summary(figure: dict, periods: list[dict]) -> str:
    """One or two sentences about the report period and the change against the previous one."""
    rows, unit = figure["rows"], figure["unit"]
    current, previous = periods[-1]["label"], periods[-2]["label"]
    if not rows:
        return _("Geen gegevens in %(period)s.") % {"period": current}
    if len(rows) == 1:
        row = rows[0]
        return _("%(label)s in %(period)s: %(value)s; in %(previous)s: %(before)s (verschil %(change)s).") % {
            "label": row["label"],
            "period": current,
            "value": _speak(row["cells"][-1], unit),
            "previous": previous,
            "before": _speak(row["cells"][-2], unit),
            "change": change_text(row["change"], unit),
        }
    shown = [row for row in rows if row["cells"][-1].get("value")]
    ranked = sorted(shown, key=lambda row: -row["cells"][-1]["value"])[:3]
    parts = []
    if ranked:
        parts.append(
            _("Hoogst in %(period)s: %(list)s.")
            % {
                "period": current,
                "list": ", ".join(f"{row['label']} ({cell_text(row['cells'][-1], unit)})" for row in ranked),
            }
        )
    else:
        parts.append(_("In %(period)s geen getoonde waarden (alles 0 of minder dan 5).") % {"period": current})
    changes = [row for row in rows if row["change"].get("value")]
    if changes:
        rise = max(changes, key=lambda row: row["change"]["value"])
        fall = min(changes, key=lambda row: row["change"]["value"])
        if rise["change"]["value"] > 0:
            parts.append(
                _("Grootste stijging: %(label)s (%(change)s).")
                % {"label": rise["label"], "change": change_text(rise["change"], unit)}
            )
        if fall["change"]["value"] < 0:
            parts.append(
                _("Grootste daling: %(label)s (%(change)s).")
                % {"label": fall["label"], "change": change_text(fall["change"], unit)}
            )
    suppressed = sum(1 for row in rows if row["cells"][-1].get("suppressed"))
    if suppressed:
        parts.append(_("%(n)s waarden zijn minder dan 5 en daarom niet getoond.") % {"n": suppressed})
    return " ".join(parts)


# --- Charts --------------------------------------------------------------------------------------

WIDTH = 640
BAR_HEIGHT = 22
LABEL_WIDTH = 260


def bar_chart(figure: dict, periods: list[dict], chart_id: str, summary_text: str) -> SafeString:
    """Horizontal bars: the report period's value per row (at most 12 rows)."""
    rows = figure["rows"][:12]
    values = [row["cells"][-1].get("value") or 0 for row in rows]
    top = max(values + [1])
    height = BAR_HEIGHT * len(rows) + 10
    bars = []
    for index, row in enumerate(rows):
        y = 5 + index * BAR_HEIGHT
        value = row["cells"][-1].get("value") or 0
        width = int((WIDTH - LABEL_WIDTH - 70) * value / top)
        label = row["label"] if len(row["label"]) <= 36 else row["label"][:35] + "…"
        bars.append(
            format_html(
                '<text x="{}" y="{}" class="chart-label" text-anchor="end">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar{}"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                LABEL_WIDTH - 6,
                y + 15,
                label,
                LABEL_WIDTH,
                y + 3,
                width,
                BAR_HEIGHT - 6,
                " chart-suppressed" if row["cells"][-1].get("suppressed") else "",
                LABEL_WIDTH + width + 6,
                y + 15,
                cell_text(row["cells"][-1], figure["unit"]),
            )  # fmt: skip
        )
    return _svg(chart_id, figure["title"], summary_text, height, format_html_join("", "{}", ((bar,) for bar in bars)))


def trend_chart(figure: dict, periods: list[dict], chart_id: str, summary_text: str) -> SafeString:
    """One line per row (at most 3) over the periods; a suppressed point is left out (a gap)."""
    rows = figure["rows"][:3]
    height = 200
    left, right, top_margin, bottom = 50, 20, 15, 40
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    all_values = [c.get("value") or 0 for row in rows for c in row["cells"]]
    top = max(all_values + [1])
    steps = max(len(periods) - 1, 1)

    def x(i):
        return left + plot_w * i / steps

    def y(v):
        return top_margin + plot_h * (1 - v / top)

    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-axis"></line>', left, y(0), WIDTH - right, y(0)
        ),
        format_html(
            '<text x="{}" y="{}" class="chart-value" text-anchor="end">{}</text>',
            left - 6,
            y(top) + 4,
            number_format(top, force_grouping=True),
        ),
        format_html('<text x="{}" y="{}" class="chart-value" text-anchor="end">0</text>', left - 6, y(0) + 4),
    ]
    for i, period in enumerate(periods):
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-label" text-anchor="middle">{}</text>',
                x(i),
                height - 18,
                period["label"],
            )
        )
    for series, row in enumerate(rows):
        points = [(x(i), y(c["value"])) for i, c in enumerate(row["cells"]) if c.get("value") is not None]
        if len(points) > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" class="chart-line chart-series-{}"></polyline>',
                    " ".join(f"{px:.0f},{py:.0f}" for px, py in points),
                    series,
                )
            )
        parts.append(
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="4" class="chart-point chart-series-{}"></circle>',
                ((f"{px:.0f}", f"{py:.0f}", series) for px, py in points),
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-legend chart-series-{}">{}</text>',
                left + series * 200,
                height - 2,
                series,
                row["label"],
            )
        )
    return _svg(
        chart_id, figure["title"], summary_text, height, format_html_join("", "{}", ((part,) for part in parts))
    )


def _svg(chart_id: str, title: str, description: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH, height, chart_id, chart_id, chart_id, title, chart_id, description, body,
    )  # fmt: skip


# --- The page's view of a report -----------------------------------------------------------------


@dataclass
class FigureView:
    key: str
    title: str
    definition: str
    unit: str
    headers: list[str]
    rows: list[dict]
    summary: str
    chart: SafeString | str
    own_row: dict | None = None


@dataclass
class SectionView:
    key: str
    title: str
    figures: list[FigureView] = field(default_factory=list)


def report_view(data: dict, *, own_organisation_id: int | None = None) -> list[SectionView]:
    periods = data["periods"]
    sections: dict[str, SectionView] = {}
    for figure in data["figures"]:
        section = sections.setdefault(
            figure["section"], SectionView(figure["section"], str(SECTIONS.get(figure["section"], figure["section"])))
        )
        text = summary(figure, periods)
        chart_id = f"grafiek-{figure['key'].replace('_', '-')}"
        if figure["chart"] == "bar" and figure["rows"]:
            chart = bar_chart(figure, periods, chart_id, text)
        elif figure["chart"] == "trend" and figure["rows"]:
            chart = trend_chart(figure, periods, chart_id, text)
        else:
            chart = ""
        rows = [
            {
                "label": row["label"],
                "cells": [cell_text(cell, figure["unit"]) for cell in row["cells"]],
                "change": change_text(row["change"], figure["unit"]),
            }
            for row in figure["rows"]
        ]
        own = None
        if own_organisation_id and figure["key"] == "questions_per_partner":
            own = next(
                (r for r, raw in zip(rows, figure["rows"], strict=True) if raw["key"] == str(own_organisation_id)), None
            )
        section.figures.append(
            FigureView(
                key=figure["key"],
                title=_(figure["title"]),
                definition=_(figure["definition"]),
                unit=figure["unit"],
                headers=[p["label"] for p in periods],
                rows=rows,
                summary=text,
                chart=chart,
                own_row=own,
            )
        )
    return list(sections.values())
