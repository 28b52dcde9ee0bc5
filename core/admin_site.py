"""Beheer (the Django admin) with a start page that says what needs attention.

The attention list itself is gathered by the areas that own the data (menukaart.attention); each
block shows only to users who may act on it.
"""

from django.contrib.admin import AdminSite


class PortalAdminSite(AdminSite):
    index_template = "admin/portal_index.html"

    def index(self, request, extra_context=None):
        from menukaart.attention import attention_for

        context = {**(extra_context or {}), "attention": attention_for(request.user)}
        return super().index(request, context)
