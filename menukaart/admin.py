"""Editing the menukaart in the Django admin.

Status changes only through the workflow actions (concept -> ter review -> gepubliceerd), so the
status field is read-only in the forms. Publishing needs menukaart.publish_measure. Every change is
kept by simple_history ("Geschiedenis" on each item). "Bekijk op site" shows unpublished items to
users with menukaart.view_unpublished (preview).
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from menukaart.models import (
    Example,
    ExampleReaction,
    Initiative,
    Level,
    Material,
    Measure,
    Phase,
    Source,
    Status,
    Theme,
)
from menukaart.permissions import can_publish
from menukaart.services import InvalidTransition, change_status


class WorkflowAdmin(SimpleHistoryAdmin):
    readonly_fields = ("status", "published_at", "updated_at")
    actions = ("send_to_review", "publish", "back_to_concept")
    list_per_page = 50

    def has_publish_permission(self, request) -> bool:
        return can_publish(request.user)

    def _transition(self, request, queryset, to_status):
        done, refused = 0, []
        for item in queryset:
            try:
                change_status(item=item, to_status=to_status, by=request.user)
            except (InvalidTransition, PermissionError) as error:
                refused.append(f"{item}: {error}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d item gewijzigd.", "%(count)d items gewijzigd.", done) % {"count": done},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Ter review aanbieden"), permissions=["change"])
    def send_to_review(self, request, queryset):
        self._transition(request, queryset, Status.REVIEW)

    @admin.action(description=_("Publiceren"), permissions=["publish"])
    def publish(self, request, queryset):
        self._transition(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Terug naar concept (depubliceren)"), permissions=["change"])
    def back_to_concept(self, request, queryset):
        self._transition(request, queryset, Status.CONCEPT)


@admin.register(Measure)
class MeasureAdmin(WorkflowAdmin):
    list_display = ("title", "status", "evidence", "size", "effort", "cost", "view_count", "updated_at")
    list_filter = ("status", "evidence", "levels", "themes", "phases", "size", "effort", "cost", "pilot")
    search_fields = ("title", "slug", "summary", "why_it_works")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("levels", "themes", "phases", "sources", "related", "materials", "initiatives")
    readonly_fields = (*WorkflowAdmin.readonly_fields, "view_count")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "status", "published_at", "updated_at", "reviewed_at")}),
        (_("Inhoud"), {"fields": ("why_it_works", "steps", "tips", "pitfalls", "backfire_warning")}),
        (_("Bewijskracht"), {"fields": ("evidence", "evidence_note", "sources")}),
        (_("Indeling"), {"fields": ("levels", "themes", "phases", "size", "tags", "pilot")}),
        (
            _("Uitvoering"),
            {"fields": ("effort", "cost", "lead_time", "works_council", "works_council_note", "privacy_note")},
        ),
        (_("Verwijzingen"), {"fields": ("related", "materials", "initiatives", "view_count")}),
    )


@admin.register(Material)
class MaterialAdmin(WorkflowAdmin):
    list_display = ("title", "kind", "provider", "cost", "status", "updated_at")
    list_filter = ("status", "kind", "cost")
    search_fields = ("title", "slug", "summary", "provider")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("sources",)


@admin.register(Initiative)
class InitiativeAdmin(WorkflowAdmin):
    list_display = ("name", "organiser", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("name", "slug", "summary", "organiser")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("sources",)


@admin.register(Example)
class ExampleAdmin(WorkflowAdmin):
    """Stories sent in through the portal are moderated on the moderation page (publish, or decline
    with a reason); here editors can correct them and later unpublish them like any example."""

    list_display = ("title", "organisation", "sector", "size_band", "status", "updated_at")
    list_filter = ("status", "themes", "sector", "size_band")
    search_fields = ("title", "slug", "organisation", "what_they_did")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("measures", "themes", "sources")
    readonly_fields = (
        *WorkflowAdmin.readonly_fields,
        "submitted_by", "submitted_at", "moderated_by", "moderated_at", "decline_reason",
    )  # fmt: skip


@admin.register(ExampleReaction)
class ExampleReactionAdmin(admin.ModelAdmin):
    """Read-only for editors: reactions are published or declined on the moderation page."""

    list_display = ("example", "kind", "organisation_name", "status", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("body", "organisation_name", "example__title")
    list_select_related = ("example",)
    readonly_fields = (
        "example", "author", "organisation_name", "kind", "body", "status", "created_at",
        "moderated_by", "moderated_at", "decline_reason",
    )  # fmt: skip

    def has_add_permission(self, request):
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("citation", "year", "kind")
    list_filter = ("kind", "year")
    search_fields = ("key", "citation")


class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position", "measure_count")
    search_fields = ("name", "slug")
    ordering = ("position", "name")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_total=Count("measures"))

    @admin.display(description=_("maatregelen"), ordering="measure_total")
    def measure_count(self, obj) -> int:
        return obj.measure_total


admin.site.register(Level, TaxonomyAdmin)
admin.site.register(Theme, TaxonomyAdmin)
admin.site.register(Phase, TaxonomyAdmin)
