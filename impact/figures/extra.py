"""The parts of the report that are records rather than counts: agreements and partner input."""

from django.db.models import Prefetch

from impact.figures.base import count_cell
from impact.models import Agreement, PartnerInput
from impact.periods import Period
from menukaart.models import Theme


def agreements_of_previous_meeting(period: Period) -> list[dict]:
    """The agreements of the latest impact meeting held on or before the period's last day (the
    meeting about the previous period), each with action, owner (an organisation), due date and
    its status when the report was made."""
    return [
        {
            "meeting_date": agreement.meeting_date.isoformat(),
            "action": agreement.action,
            "owner": str(agreement.owner),
            "due_date": agreement.due_date.isoformat(),
            "status": agreement.status,
            "status_label": str(agreement.get_status_display()),
            "status_note": agreement.status_note,
        }
        for agreement in Agreement.objects.of_last_meeting_before(period.end)
    ]


def partner_input(period: Period) -> list[dict]:
    """What each partner organisation recorded for a half-year that overlaps the period: themes,
    note and rough counts (counts below 5 suppressed, as everywhere)."""
    inputs = (
        PartnerInput.objects.overlapping(period.start, period.end)
        .select_related("organisation")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "name")))
        .order_by("organisation__name", "period_start")
    )
    return [
        {
            "organisation_id": item.organisation_id,
            "organisation": item.organisation.name,
            "period": Period(item.period_start, item.period_end).label,
            "themes": [theme.name for theme in item.themes.all()],
            "note": item.note,
            "questions_heard": count_cell(item.questions_heard) if item.questions_heard is not None else None,
            "employers_reached": count_cell(item.employers_reached) if item.employers_reached is not None else None,
        }
        for item in inputs
    ]
