"""Measuring the search against the relevance set (sitesearch/data/relevance.yaml).

Used by bench/relevance.py (prints the figures and the misses) and tests/sitesearch/test_relevance.py
(fails when they drop). Needs the real content loaded (load_menukaart).
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from menukaart.filters import MeasureFilter
from menukaart.models import Measure
from menukaart.search import suggest_measures
from sitesearch.models import SearchDocument
from sitesearch.query import apply, parse

RELEVANCE_SET = Path(__file__).resolve().parent / "data" / "relevance.yaml"


@dataclass
class Figures:
    short_total: int = 0
    short_hit3: int = 0
    short_precision3: float = 0.0
    short_precision5: float = 0.0
    question_total: int = 0
    question_hit5: int = 0
    question_precision3: float = 0.0
    question_precision5: float = 0.0
    zero_results: list[str] = field(default_factory=list)
    misses: list[tuple[str, list[str], list[str]]] = field(default_factory=list)

    @property
    def short_hit_rate(self) -> float:
        return self.short_hit3 / self.short_total if self.short_total else 0.0

    @property
    def question_hit_rate(self) -> float:
        return self.question_hit5 / self.question_total if self.question_total else 0.0

    @property
    def zero_result_rate(self) -> float:
        total = self.short_total + self.question_total
        return len(self.zero_results) / total if total else 0.0


def load_set() -> dict[str, list[dict]]:
    return yaml.safe_load(RELEVANCE_SET.read_text(encoding="utf-8"))


def _catalogue(query: str) -> list[str]:
    """The catalogue's order for a search (default sorting: relevance), as the menukaart page shows it."""
    filterset = MeasureFilter({"q": query}, queryset=Measure.objects.published().for_catalogue())
    return [measure.slug for measure in filterset.qs[:5]]


def _precision(found: list[str], fits: set[str], k: int) -> float:
    return sum(1 for slug in found[:k] if slug in fits) / k


def evaluate() -> Figures:
    data = load_set()
    figures = Figures()
    for item in data["short"]:
        found, fits = _catalogue(item["q"]), set(item["fits"])
        figures.short_total += 1
        figures.short_precision3 += _precision(found, fits, 3)
        figures.short_precision5 += _precision(found, fits, 5)
        if fits & set(found[:3]):
            figures.short_hit3 += 1
        else:
            figures.misses.append((item["q"], sorted(fits), found[:3]))
    for item in data["questions"]:
        found, fits = [m.slug for m in suggest_measures(item["q"])], set(item["fits"])
        figures.question_total += 1
        figures.question_precision3 += _precision(found, fits, 3)
        figures.question_precision5 += _precision(found, fits, 5)
        if fits & set(found[:5]):
            figures.question_hit5 += 1
        else:
            figures.misses.append((item["q"], sorted(fits), found[:5]))
    for item in [*data["short"], *data["questions"]]:
        if not apply(SearchDocument.objects.all(), parse(item["q"])).exists():
            figures.zero_results.append(item["q"])
    figures.short_precision3 /= max(figures.short_total, 1)
    figures.short_precision5 /= max(figures.short_total, 1)
    figures.question_precision3 /= max(figures.question_total, 1)
    figures.question_precision5 /= max(figures.question_total, 1)
    return figures


def report(figures: Figures) -> str:
    lines = [
        f"Short queries: {figures.short_total}; a fitting measure in the top 3: {figures.short_hit3} "
        f"({figures.short_hit_rate:.0%}); precision at 3: {figures.short_precision3:.2f}, at 5: "
        f"{figures.short_precision5:.2f}",
        f"Questions: {figures.question_total}; a fitting suggestion in the top 5: {figures.question_hit5} "
        f"({figures.question_hit_rate:.0%}); precision at 3: {figures.question_precision3:.2f}, at 5: "
        f"{figures.question_precision5:.2f}",
        f"Zero-result rate (portal-wide search): {figures.zero_result_rate:.1%} {figures.zero_results}",
        f"Misses ({len(figures.misses)}):",
    ]
    lines += [f"  {query!r}: wanted one of {fits}, got {found}" for query, fits, found in figures.misses]
    return "\n".join(lines)
