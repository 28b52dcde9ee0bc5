"""Writes in the menukaart: the editorial status workflow, plans ("Mijn menukaart") and usage signals."""

import secrets
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from menukaart.models import Material, Measure, Plan, PlanItem, Publishable, Status, UsageEvent
from menukaart.permissions import can_publish
from menukaart.search import normalise_query

PLAN_SESSION_KEY = "menukaart_plan_id"

# The editorial workflow: concept -> ter review -> gepubliceerd; anything published can go back to concept.
TRANSITIONS: dict[str, set[str]] = {
    Status.CONCEPT: {Status.REVIEW},
    Status.REVIEW: {Status.CONCEPT, Status.PUBLISHED},
    Status.PUBLISHED: {Status.CONCEPT},
}


class InvalidTransition(Exception):
    """A status change the workflow does not allow (for example concept straight to published)."""


@transaction.atomic
def change_status(*, item: Publishable, to_status: str, by) -> None:
    """Move a measure, material, initiative or example through the workflow.

    Publishing needs menukaart.publish_measure; callers (admin actions) check it before, this
    function checks again so no path can publish without it.
    """
    if to_status not in TRANSITIONS.get(item.status, set()):
        raise InvalidTransition(
            _("Van %(from)s naar %(to)s kan niet.") % {"from": item.get_status_display(), "to": Status(to_status).label}
        )
    if to_status == Status.PUBLISHED:
        if not can_publish(by):
            raise PermissionError(_("Je mag niet publiceren."))
        item.publish()
    else:
        item.status = to_status
    item._change_reason = _("Status: %(status)s") % {"status": Status(to_status).label}
    item.save()


# --- Usage signals ---------------------------------------------------------------------------------


def _this_hour():
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def record_measure_view(*, measure: Measure) -> None:
    """A view of a published measure: an anonymous event and the "most viewed" counter."""
    UsageEvent.objects.create(kind=UsageEvent.Kind.MEASURE_VIEW, hour=_this_hour(), measure=measure)
    Measure.objects.filter(pk=measure.pk).update(view_count=F("view_count") + 1)


def record_material_click(*, material: Material) -> None:
    UsageEvent.objects.create(kind=UsageEvent.Kind.MATERIAL_CLICK, hour=_this_hour(), material=material)


def record_search(*, query: str, result_count: int) -> None:
    normalised = normalise_query(query)
    if normalised:
        UsageEvent.objects.create(
            kind=UsageEvent.Kind.SEARCH, hour=_this_hour(), query=normalised, result_count=result_count
        )


# --- Plans -----------------------------------------------------------------------------------------


def find_plan(*, user, session) -> Plan | None:
    """The current visitor's plan, without creating one: the account's, or the one in the session."""
    if user.is_authenticated:
        return Plan.objects.filter(user=user).first()
    plan_id = session.get(PLAN_SESSION_KEY)
    if plan_id is None:
        return None
    return Plan.objects.filter(pk=plan_id, user__isnull=True).first()


@transaction.atomic
def get_or_create_plan(*, user, session) -> Plan:
    plan = find_plan(user=user, session=session)
    if plan is not None:
        return plan
    if user.is_authenticated:
        plan, _created = Plan.objects.get_or_create(user=user)
        return plan
    plan = Plan.objects.create()
    session[PLAN_SESSION_KEY] = plan.pk
    return plan


@transaction.atomic
def add_to_plan(*, plan: Plan, measure: Measure) -> bool:
    """Add a measure at the end of the plan. Returns False if it was already there."""
    if plan.items.filter(measure=measure).exists():
        return False
    last = plan.items.aggregate(last=Max("position"))["last"] or 0
    try:
        with transaction.atomic():
            PlanItem.objects.create(plan=plan, measure=measure, position=last + 1)
    except IntegrityError:  # added at the same moment in another tab
        return False
    UsageEvent.objects.create(kind=UsageEvent.Kind.PLAN_ADD, hour=_this_hour(), measure=measure)
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    return True


@transaction.atomic
def remove_from_plan(*, plan: Plan, measure: Measure) -> bool:
    deleted, _details = plan.items.filter(measure=measure).delete()
    if deleted:
        renumber_plan(plan=plan)
    return bool(deleted)


def renumber_plan(*, plan: Plan) -> None:
    """Positions 1..n in the current order, so the plan reads as numbered steps."""
    items = list(plan.items.order_by("position", "added_at").only("pk", "position"))
    changed = []
    for number, item in enumerate(items, start=1):
        if item.position != number:
            item.position = number
            changed.append(item)
    PlanItem.objects.bulk_update(changed, ["position"])
    # Any change to the plan counts as activity (unreachable visitor plans are purged by age).
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


@transaction.atomic
def merge_session_plan(*, user, session) -> None:
    """On log-in: move the measures chosen without an account into the user's plan.

    Measures already in the user's plan keep the user's details; new ones go at the end with
    their owner, start month and note. The visitor's plan is then removed from the session.
    """
    plan_id = session.pop(PLAN_SESSION_KEY, None)
    if plan_id is None:
        return
    visitor_plan = Plan.objects.filter(pk=plan_id, user__isnull=True).first()
    if visitor_plan is None:
        return
    own_plan = Plan.objects.filter(user=user).first()
    if own_plan is None:
        visitor_plan.user = user
        visitor_plan.save(update_fields=["user", "updated_at"])
        return
    existing = set(own_plan.items.values_list("measure_id", flat=True))
    last = own_plan.items.aggregate(last=Max("position"))["last"] or 0
    moved = []
    for item in visitor_plan.items.order_by("position", "added_at"):
        if item.measure_id in existing:
            continue
        last += 1
        moved.append(
            PlanItem(
                plan=own_plan,
                measure_id=item.measure_id,
                position=last,
                owner=item.owner,
                start_month=item.start_month,
                note=item.note,
            )
        )
    PlanItem.objects.bulk_create(moved)
    visitor_plan.delete()


@transaction.atomic
def share_plan(*, plan: Plan) -> str:
    """Give the plan an unguessable read-only link (a new one each time; the old link stops working)."""
    plan.share_token = secrets.token_urlsafe(32)
    plan.save(update_fields=["share_token", "updated_at"])
    return plan.share_token


@transaction.atomic
def revoke_share(*, plan: Plan) -> None:
    plan.share_token = None
    plan.save(update_fields=["share_token", "updated_at"])


def first_of_month(value: date | None) -> date | None:
    return value.replace(day=1) if value else None
