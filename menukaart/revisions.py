"""Draft revisions of published measures: written by one editor, published by another.

An edit to a published measure in Beheer is stored here instead of on the measure, so the public
page keeps the published text until a second editor (with menukaart.publish_measure) publishes the
revision. The measure's history then shows the change with the reviewer as its author and the
revision's writer in the change reason; the revision keeps both names.
"""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from menukaart.models import Measure, MeasureRevision, RevisionState, Status
from menukaart.permissions import can_publish


class RevisionRefused(Exception):
    """A revision action that is not allowed (own revision, no right to publish, already handled)."""


def _plain(value):
    """A form value as plain JSON: ids for model rows, ISO text for dates, names for tags."""
    if isinstance(value, QuerySet | list | tuple | set):
        return [_plain(item) for item in value]
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def form_data(cleaned_data: dict) -> dict:
    return {name: _plain(value) for name, value in cleaned_data.items()}


def has_open_revision(measure: Measure) -> MeasureRevision | None:
    return MeasureRevision.objects.waiting().filter(measure=measure).first()


@transaction.atomic
def save_revision(*, measure: Measure, data: dict, changed: list[str], by) -> MeasureRevision:
    """Store (or continue) the open draft revision of a published measure."""
    revision = MeasureRevision.objects.select_for_update().waiting().filter(measure=measure).first()
    if revision is None:
        return MeasureRevision.objects.create(
            measure=measure, data=data, changed_fields=sorted(set(changed)), created_by=by, updated_by=by
        )
    revision.data = data
    revision.changed_fields = sorted(set(revision.changed_fields) | set(changed))
    revision.updated_by = by
    revision.save(update_fields=["data", "changed_fields", "updated_by", "updated_at"])
    return revision


def _check_reviewer(revision: MeasureRevision, by) -> None:
    if revision.state != RevisionState.REVIEW:
        raise RevisionRefused(_("Deze revisie is al beoordeeld."))
    if by.pk in revision.authors:
        raise RevisionRefused(_("Een andere redacteur moet je eigen revisie beoordelen."))


def _apply(measure: Measure, data: dict) -> None:
    many = {}
    for name, value in data.items():
        if name == "tags":
            many[name] = value
            continue
        try:
            field = Measure._meta.get_field(name)
        except FieldDoesNotExist:  # a field removed since the draft was written
            continue
        if field.many_to_many:
            many[name] = value
        elif field.editable and not field.primary_key and name not in ("status", "published_at"):
            setattr(measure, field.attname, field.to_python(value))
    measure.save()
    for name, value in many.items():
        if name == "tags":
            names = value if isinstance(value, list) else [part.strip() for part in str(value).split(",")]
            measure.tags.set([tag for tag in names if tag], clear=True)
        else:
            getattr(measure, name).set(value or [])


@transaction.atomic
def publish_revision(*, revision: MeasureRevision, by) -> Measure:
    """Apply the revision to the published measure. Needs publishing rights; never the writer's own."""
    revision = MeasureRevision.objects.select_for_update().get(pk=revision.pk)
    _check_reviewer(revision, by)
    if not can_publish(by):
        raise RevisionRefused(_("Je mag niet publiceren."))
    measure = Measure.objects.get(pk=revision.measure_id)
    writer = revision.created_by
    measure._history_user = by
    measure._change_reason = _("Revisie #%(number)s van %(writer)s, beoordeeld en gepubliceerd door %(reviewer)s") % {
        "number": revision.pk,
        "writer": (writer.get_full_name() or writer.get_username()) if writer else "?",
        "reviewer": by.get_full_name() or by.get_username(),
    }
    if measure.status != Status.PUBLISHED:
        measure.publish()
    _apply(measure, revision.data)
    revision.state = RevisionState.PUBLISHED
    revision.reviewed_by = by
    revision.reviewed_at = timezone.now()
    revision.save(update_fields=["state", "reviewed_by", "reviewed_at", "updated_at"])
    return measure


@transaction.atomic
def reject_revision(*, revision: MeasureRevision, by, note: str = "") -> MeasureRevision:
    """Send the revision back: the published measure stays as it is."""
    revision = MeasureRevision.objects.select_for_update().get(pk=revision.pk)
    _check_reviewer(revision, by)
    revision.state = RevisionState.REJECTED
    revision.reviewed_by = by
    revision.reviewed_at = timezone.now()
    revision.review_note = note
    revision.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    return revision
