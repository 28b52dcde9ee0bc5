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
from menukaart.models.editorial import MaterialLinkCheck, MeasureRevision, RevisionState
from menukaart.models.events import UsageEvent
from menukaart.models.plans import Plan, PlanItem

__all__ = [
    "EVIDENCE_DEFINITIONS",
    "Band",
    "Evidence",
    "Example",
    "Initiative",
    "Level",
    "Material",
    "MaterialLinkCheck",
    "Measure",
    "MeasureQuerySet",
    "MeasureRevision",
    "OrganisationSize",
    "Phase",
    "Plan",
    "PlanItem",
    "Publishable",
    "RevisionState",
    "PublishableQuerySet",
    "Source",
    "Status",
    "TaxonomyTerm",
    "Theme",
    "UsageEvent",
]
