"""Who may see or do what with the impact report. Role rights are Django permissions (accounts/roles.py)."""

from accounts.models import OrganisationKind
from impact.models import Agreement, PartnerInput, Report


def can_view_reports(user) -> bool:
    return user.is_authenticated and user.has_perm("impact.view_report")


def can_produce_reports(user) -> bool:
    """Editors and SER/DiB advisors: a report for any period, from the portal."""
    return user.is_authenticated and user.has_perm("impact.produce_report")


def reports_visible_to(user):
    """Complete reports only: a report that is still being made (or failed) is never shown."""
    return Report.objects.complete() if can_view_reports(user) else Report.objects.none()


def report_requests_visible_to(user):
    """Every report row with its status, for those who may ask for reports (the progress pages)."""
    return Report.objects.all() if can_produce_reports(user) else Report.objects.none()


def own_partner_organisation(user):
    """The partner organisation whose referral figures this user sees beside the totals, if any."""
    if user.is_authenticated and user.organisation_id and user.has_perm("impact.add_partnerinput"):
        organisation = user.organisation
        if organisation.kind in (OrganisationKind.REFERRING_PARTNER, OrganisationKind.WERKAGENDA_PARTNER):
            return organisation
    return None


def partner_inputs_editable_by(user):
    """Partner staff edit their own organisation's input only."""
    organisation = own_partner_organisation(user)
    if organisation is None or not user.has_perm("impact.change_partnerinput"):
        return PartnerInput.objects.none()
    return PartnerInput.objects.filter(organisation=organisation)


def agreements_visible_to(user):
    return (
        Agreement.objects.select_related("owner")
        if user.has_perm("impact.view_agreement")
        else Agreement.objects.none()
    )


def can_record_agreements(user) -> bool:
    return user.has_perm("impact.add_agreement") and user.has_perm("impact.change_agreement")
