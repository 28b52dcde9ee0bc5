"""Writes in the menukaart: the editorial status workflow, plans ("Mijn menukaart") and usage signals."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from menukaart.models import (
    KeyFigure,
    Material,
    Measure,
    Plan,
    PlanItem,
    Publishable,
    Scan,
    ScanAnswer,
    Status,
    UsageEvent,
)
from menukaart.models.content import TRANSITIONS, InvalidTransition  # noqa: F401 (importable from here too)
from menukaart.models.scans import SCAN_SESSION_KEY
from menukaart.permissions import can_publish
from menukaart.search import normalise_query

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase

    from accounts.models import AnyUser, User

PLAN_SESSION_KEY = "menukaart_plan_id"


@transaction.atomic
def change_status(*, item: Publishable, to_status: str, by: User) -> None:
    """Move a measure, material, initiative or example through the workflow.

    Publishing needs menukaart.publish_measure; callers (admin actions) check it before, this
    function checks again so no path can publish without it.
    """
    if not item.can_transition_to(to_status):
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


def _this_hour() -> datetime:
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


def find_plan(*, user: AnyUser, session: SessionBase) -> Plan | None:
    """The current visitor's plan, without creating one: the account's, or the one in the session."""
    if user.is_authenticated:
        return Plan.objects.filter(user=user).first()
    plan_id = session.get(PLAN_SESSION_KEY)
    if plan_id is None:
        return None
    return Plan.objects.filter(pk=plan_id, user__isnull=True).first()


def plan_item_count(*, user: AnyUser, session: SessionBase) -> int:
    """How many published measures the visitor's plan holds, in one query (none without a plan)."""
    items = PlanItem.objects.filter(measure__status=Status.PUBLISHED)
    if user.is_authenticated:
        return items.filter(plan__user=user).count()
    plan_id = session.get(PLAN_SESSION_KEY)
    if plan_id is None:
        return 0
    return items.filter(plan_id=plan_id, plan__user__isnull=True).count()


@transaction.atomic
def get_or_create_plan(*, user: AnyUser, session: SessionBase) -> Plan:
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
def merge_session_plan(*, user: User, session: SessionBase) -> None:
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
    """Give the plan an unguessable read-only link (a new one each time; the old link stops working).
    Returns the token; only its hash is stored, so this is the one moment it is known."""
    token = secrets.token_urlsafe(32)
    plan.share_token_hash = Plan.hash_token(token)
    plan.save(update_fields=["share_token_hash", "updated_at"])
    return token


@transaction.atomic
def revoke_share(*, plan: Plan) -> None:
    plan.share_token_hash = None
    plan.save(update_fields=["share_token_hash", "updated_at"])


def shared_plan_for_token(token: str) -> Plan | None:
    return Plan.objects.filter(share_token_hash=Plan.hash_token(token)).first()


def first_of_month(value: date | None) -> date | None:
    return value.replace(day=1) if value else None


@transaction.atomic
def set_item_progress(*, item: PlanItem, progress: str, on: date | None = None) -> None:
    """Mark a measure in the plan planned, started or done; the dates follow unless given.

    Started and done keep their first date; going back to planned clears them, and back to
    started clears the done date.
    """
    today = on or timezone.localdate()
    item.progress = progress
    if progress == PlanItem.Progress.PLANNED:
        item.started_on = item.done_on = None
    elif progress == PlanItem.Progress.STARTED:
        item.started_on = item.started_on or today
        item.done_on = None
    else:
        item.started_on = item.started_on or today
        item.done_on = item.done_on or today
    item.save(update_fields=["progress", "started_on", "done_on"])


# --- Self-scan ("Waar sta je?") --------------------------------------------------------------------


@transaction.atomic
def start_scan(*, user: AnyUser, session: SessionBase, size_band: str, sector: str = "") -> Scan:
    """A new scan for an account, or for the session (it moves to the account on sign-up or log-in)."""
    scan = Scan.objects.create(user=user if user.is_authenticated else None, size_band=size_band, sector=sector)
    if not user.is_authenticated:
        session[SCAN_SESSION_KEY] = scan.pk
    return scan


@transaction.atomic
def save_scan_answers(*, scan: Scan, answers: dict[str, int]) -> None:
    """Store (or change) answers; a scan stays changeable after it was completed."""
    from menukaart.selfscan import MAX_VALUE, QUESTIONS_BY_KEY

    for key, value in answers.items():
        if key not in QUESTIONS_BY_KEY or not 0 <= value <= MAX_VALUE:
            raise ValueError(f"Not a scan answer: {key}={value}")
        ScanAnswer.objects.update_or_create(scan=scan, question=key, defaults={"value": value})
    Scan.objects.filter(pk=scan.pk).update(updated_at=timezone.now())


@transaction.atomic
def complete_scan(*, scan: Scan) -> bool:
    """Mark the scan complete once every question has an answer. Returns whether it is complete."""
    from menukaart.selfscan import QUESTIONS_BY_KEY

    answered = set(scan.answers.values_list("question", flat=True))
    if not set(QUESTIONS_BY_KEY) <= answered:
        return False
    if scan.completed_at is None:
        scan.completed_at = timezone.now()
        scan.save(update_fields=["completed_at", "updated_at"])
    return True


@transaction.atomic
def claim_session_scan(*, user: User, session: SessionBase) -> None:
    """On log-in or sign-up: the scan made without an account becomes the account's."""
    scan_id = session.pop(SCAN_SESSION_KEY, None)
    if scan_id is not None:
        Scan.objects.filter(pk=scan_id, user__isnull=True).update(user=user)


@transaction.atomic
def save_key_figure(*, user: User, year: int, group: str, **figures: int | None) -> KeyFigure:
    """Add or replace the figures of one year and group."""
    figure, _created = KeyFigure.objects.update_or_create(user=user, year=year, group=group.strip(), defaults=figures)
    return figure
