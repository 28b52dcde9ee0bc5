"""The impact report's links in the main menu, chosen by permission (as helpdesk's navigation)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helpdesk.context_processors import NavLink

# (permission, label, URL name, the views in which the link is the current page)
LINKS = (
    ("helpdesk.view_capacity", _("Capaciteit"), "impact:capacity", {"impact:capacity"}),
    (
        "impact.view_report",
        _("Impact"),
        "impact:report_list",
        {
            "impact:report_list",
            "impact:report_detail",
            "impact:report_progress",
            "impact:agreement_list",
            "impact:agreement_edit",
            "impact:partner_input",
        },
    ),
)


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"impact_nav": ()}
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    return {
        "impact_nav": tuple(
            NavLink(label=label, url=reverse(url_name), current=view_name in current_on)
            for permission, label, url_name, current_on in LINKS
            if user.has_perm(permission)
        )
    }
