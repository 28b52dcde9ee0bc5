"""Beheer (the Django admin) with a start page that says what needs attention.

The attention list itself is gathered by the areas that own the data (menukaart.attention); this
module adds the blocks whose work happens on the portal's own pages (moderation of sent-in
examples, proposals from doe-netwerken) and links to those pages. Each block shows only to users
who may act on it, and costs a fixed number of queries.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def attention_for(user) -> dict:
    from communities.models import Proposal
    from communities.permissions import can_review_proposals
    from menukaart.attention import attention_for as menukaart_attention
    from menukaart.models import Example, ExampleReaction
    from menukaart.permissions import can_moderate_examples

    blocks = menukaart_attention(user)
    if can_moderate_examples(user):
        blocks["moderation"] = {
            "examples": Example.objects.awaiting_moderation().count(),
            "reactions": ExampleReaction.objects.awaiting_moderation().count(),
            "url": reverse("communities:moderation"),
        }
    if can_review_proposals(user):
        blocks["proposals"] = {
            "count": Proposal.objects.submitted().count(),
            "url": reverse("communities:proposal_review_list"),
        }
    return blocks


# Other work on the portal's own pages, by permission: (permission, label, URL name).
PORTAL_PAGES = (
    ("impact.view_report", _("Impactrapportage"), "impact:report_list"),
    ("helpdesk.view_capacity", _("Capaciteitsdashboard"), "impact:capacity"),
)


def portal_pages_for(user) -> list[dict]:
    return [
        {"label": label, "url": reverse(url_name)}
        for permission, label, url_name in PORTAL_PAGES
        if user.has_perm(permission)
    ]


class PortalAdminSite(AdminSite):
    index_template = "admin/portal_index.html"

    def index(self, request, extra_context=None):
        context = {
            **(extra_context or {}),
            "attention": attention_for(request.user),
            "portal_pages": portal_pages_for(request.user),
        }
        return super().index(request, context)


class PortalAdminConfig(AdminConfig):
    """Django's admin ("Beheer") with the portal's own site; named in INSTALLED_APPS instead of
    django.contrib.admin. Lives in the project package because it joins several apps."""

    default_site = "portal.admin_site.PortalAdminSite"
