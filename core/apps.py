from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portaal")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin ("Beheer") with the portal's own site: a start page with what needs attention."""

    default = False  # "core" itself is CoreConfig; this one is named in INSTALLED_APPS instead of django.contrib.admin
    default_site = "core.admin_site.PortalAdminSite"
