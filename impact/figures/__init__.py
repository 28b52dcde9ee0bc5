"""Every figure of the impact report. Importing this package registers them (in report order)."""

from impact.figures import communities, helpdesk, menukaart  # noqa: F401  (registration)
from impact.figures.base import REGISTRY, SECTIONS, SUPPRESSION_THRESHOLD, Context, build

__all__ = ["REGISTRY", "SECTIONS", "SUPPRESSION_THRESHOLD", "Context", "build"]
