"""What in the menukaart needs an editor's attention, for Beheer's start page (portal.admin_site,
which adds the blocks of the other apps).

Each block is there only for users with the matching permission, and each costs a fixed number of
queries whatever the amount of content.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from menukaart.models import (
    Example,
    Initiative,
    Material,
    MaterialLinkCheck,
    Measure,
    MeasureRevision,
    Status,
    UsageEvent,
)
from menukaart.permissions import can_view_content_gaps

LIST_LIMIT = 10
CONTENT_MODELS = (Measure, Material, Initiative, Example)


def _changelist(model, query: str = "") -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{query}" if query else url


def due_for_review_filter() -> Q:
    cutoff = timezone.localdate() - timedelta(days=settings.MENUKAART_REVIEW_INTERVAL_DAYS)
    return Q(status=Status.PUBLISHED) & (Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=cutoff))


def attention_for(user) -> dict:
    blocks: dict = {}
    if user.has_perm("menukaart.view_measurerevision"):
        waiting = MeasureRevision.objects.waiting().for_list().order_by("updated_at")
        blocks["revisions"] = {
            "rows": list(waiting[:LIST_LIMIT]),
            "count": waiting.count(),
            "url": _changelist(MeasureRevision, "state__exact=review"),
        }
    in_review, due = [], []
    for model in CONTENT_MODELS:
        if not user.has_perm(f"menukaart.view_{model._meta.model_name}"):
            continue
        in_review.append(
            {
                "label": model._meta.verbose_name_plural,
                "count": model.objects.filter(status=Status.REVIEW).count(),
                "url": _changelist(model, "status__exact=review"),
            }
        )
        due.append(
            {
                "label": model._meta.verbose_name_plural,
                "count": model.objects.filter(due_for_review_filter()).count(),
                "url": _changelist(model, "status__exact=published"),
            }
        )
    if in_review:
        blocks["in_review"] = in_review
        blocks["due"] = due
        blocks["review_interval_days"] = settings.MENUKAART_REVIEW_INTERVAL_DAYS
    if can_view_content_gaps(user):
        blocks["gaps"] = {
            "rows": list(UsageEvent.objects.zero_result_searches()[:5]),
            "url": reverse("menukaart:content_gaps"),
        }
    if user.has_perm("menukaart.view_material"):
        broken = MaterialLinkCheck.objects.filter(ok=False).select_related("material").order_by("material__title")
        blocks["dead_links"] = {"rows": list(broken[:LIST_LIMIT]), "count": broken.count()}
    return blocks
