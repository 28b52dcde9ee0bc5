"""Menukaart models: the content (measures and what they link to), plans and usage events."""

from menukaart.models.content import (
    EVIDENCE_DEFINITIONS,
    Band,
    Evidence,
    Example,
    Initiative,
    Level,
    Material,
    Measure,
    MeasureQuerySet,
    OrganisationSize,
    Phase,
    Publishable,
    PublishableQuerySet,
    Source,
    Status,
    TaxonomyTerm,
    Theme,
)
from menukaart.models.events import UsageEvent
from menukaart.models.plans import Plan, PlanItem
from menukaart.models.scans import KeyFigure, Scan, ScanAnswer

__all__ = [
    "EVIDENCE_DEFINITIONS",
    "Band",
    "Evidence",
    "Example",
    "Initiative",
    "KeyFigure",
    "Level",
    "Material",
    "Measure",
    "MeasureQuerySet",
    "OrganisationSize",
    "Phase",
    "Plan",
    "PlanItem",
    "Publishable",
    "Scan",
    "ScanAnswer",
    "PublishableQuerySet",
    "Source",
    "Status",
    "TaxonomyTerm",
    "Theme",
    "UsageEvent",
]
