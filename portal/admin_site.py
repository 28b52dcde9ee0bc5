"""Beheer (the Django admin) with a start page that says what needs attention.

The attention list itself is gathered by the areas that own the data (menukaart.attention); each
block shows only to users who may act on it.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class PortalAdminSite(AdminSite):
    index_template = "admin/portal_index.html"

    def index(self, request, extra_context=None):
        from menukaart.attention import attention_for

        context = {**(extra_context or {}), "attention": attention_for(request.user)}
        return super().index(request, context)


class PortalAdminConfig(AdminConfig):
    """Django's admin ("Beheer") with the portal's own site; named in INSTALLED_APPS instead of
    django.contrib.admin. Lives in the project package because it joins several apps."""

    default_site = "portal.admin_site.PortalAdminSite"
