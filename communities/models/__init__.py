"""Communities (doe-netwerken) models."""

from communities.models.role_models import RoleModel, RoleModelConsent, RoleModelQuerySet, RoleModelStatus

__all__ = ["RoleModel", "RoleModelConsent", "RoleModelQuerySet", "RoleModelStatus"]
