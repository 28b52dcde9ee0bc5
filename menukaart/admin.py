"""Editing the menukaart in the Django admin.

Status changes only through the workflow actions (concept -> ter review -> gepubliceerd), so the
status field is read-only in the forms. Publishing needs menukaart.publish_measure. Every change is
kept by simple_history ("Geschiedenis" on each item). "Bekijk op site" shows unpublished items to
users with menukaart.view_unpublished (preview).
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from simple_history.admin import SimpleHistoryAdmin

from menukaart import revisions
from menukaart.models import (
    Example,
    ExampleReaction,
    Initiative,
    Level,
    Material,
    MaterialLinkCheck,
    Measure,
    MeasureRevision,
    Phase,
    RevisionState,
    Source,
    Status,
    Theme,
)
from menukaart.permissions import can_publish
from menukaart.services import InvalidTransition, change_status
from menukaart.widgets import ListRowsField


class WorkflowAdmin(SimpleHistoryAdmin):
    readonly_fields: tuple[str, ...] = ("status", "published_at", "updated_at")
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


class MeasureAdminForm(forms.ModelForm):
    """Steps, tips and pitfalls as rows (menukaart.widgets), never as raw JSON."""

    steps = ListRowsField(label=_("Zo begin je (stappen)"), row_label=_("Stap"))
    tips = ListRowsField(label=_("Tips voor de uitvoering"), row_label=_("Tip"))
    pitfalls = ListRowsField(label=_("Valkuilen"), row_label=_("Valkuil"))

    class Meta:
        model = Measure
        fields = ("steps", "tips", "pitfalls")  # the admin adds the rest from its fieldsets


@admin.register(Measure)
class MeasureAdmin(WorkflowAdmin):
    """Edits to a published measure become a draft revision (menukaart.revisions) that another editor
    reviews and publishes; the public page keeps the published version until then."""

    form = MeasureAdminForm
    list_display = ("title", "status", "open_revision", "evidence", "size", "effort", "cost", "updated_at")
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

    def get_queryset(self, request):
        from django.db.models import Exists, OuterRef

        waiting = MeasureRevision.objects.waiting().filter(measure=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_revision=Exists(waiting))

    @admin.display(description=_("revisie wacht op review"), boolean=True, ordering="has_revision")
    def open_revision(self, obj) -> bool:
        return obj.has_revision

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        draft = revisions.has_open_revision(obj) if obj is not None and obj.is_published else None
        if draft is None:
            return form

        class DraftForm(form):
            """Opens with the open draft's values, so a second edit continues the draft."""

            def __init__(self, *args, **inner):
                super().__init__(*args, **inner)
                if not self.is_bound:
                    for name, value in draft.data.items():
                        if name in self.fields:
                            self.initial[name] = ", ".join(value) if name == "tags" else value

        return DraftForm

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        draft = revisions.has_open_revision(obj) if obj is not None and obj.is_published else None
        if draft is not None and request.method == "GET":
            messages.warning(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    gettext(
                        "Deze maatregel heeft een revisie die wacht op review. Je bewerkt die revisie; "
                        "het publiek ziet nog de gepubliceerde versie."
                    ),
                    reverse("admin:menukaart_measurerevision_review", args=[draft.pk]),
                    gettext("Bekijk de revisie"),
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        published = change and Measure.objects.filter(pk=obj.pk, status=Status.PUBLISHED).exists()
        if not published:
            super().save_model(request, obj, form, change)
            return
        request._menukaart_revision = revisions.save_revision(
            measure=Measure.objects.get(pk=obj.pk),
            data=revisions.form_data(form.cleaned_data),
            changed=form.changed_data,
            by=request.user,
        )

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_menukaart_revision", None) is not None:
            return  # the published measure's links stay as they are until the revision is published
        super().save_related(request, form, formsets, change)

    def response_change(self, request, obj):
        revision = getattr(request, "_menukaart_revision", None)
        if revision is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            gettext(
                "Je wijzigingen staan klaar als revisie. Een andere redacteur beoordeelt en publiceert ze; "
                "tot dan ziet het publiek de gepubliceerde versie."
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:menukaart_measurerevision_review", args=[revision.pk]))


@admin.register(MeasureRevision)
class MeasureRevisionAdmin(admin.ModelAdmin):
    """Revisions are written through the measure's form and handled on the review page."""

    list_display = ("measure", "state", "created_by", "updated_at", "reviewed_by")
    list_filter = ("state",)
    list_select_related = ("measure", "created_by", "reviewed_by")
    search_fields = ("measure__title",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("<int:pk>/review/", review, name="menukaart_measurerevision_review"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not (object_id.isascii() and object_id.isdigit()):
            return super().change_view(request, object_id, form_url, extra_context)
        return HttpResponseRedirect(reverse("admin:menukaart_measurerevision_review", args=[object_id]))

    def _diff(self, revision) -> list[dict]:
        measure = revision.measure
        rows = []
        for name in revision.changed_fields:
            if name == "tags":
                before = ", ".join(sorted(tag.name for tag in measure.tags.all()))
                after = ", ".join(revision.data.get(name) or [])
                label = gettext("trefwoorden")
            else:
                try:
                    field: Any = Measure._meta.get_field(name)  # a concrete field of the revision's form
                except FieldDoesNotExist:
                    continue
                label = field.verbose_name
                value = revision.data.get(name)
                if field.many_to_many:
                    model = field.related_model
                    before = "; ".join(str(item) for item in getattr(measure, name).all())
                    after = "; ".join(str(item) for item in model._default_manager.filter(pk__in=value or []))
                elif isinstance(value, list):
                    before = "\n".join(f"• {item}" for item in getattr(measure, name) or [])
                    after = "\n".join(f"• {item}" for item in value)
                elif field.choices:
                    before = getattr(measure, f"get_{name}_display")()
                    after = dict(field.flatchoices).get(field.to_python(value), value)
                else:
                    before = getattr(measure, name)
                    after = value
            rows.append({"label": label, "before": before if before not in (None, "") else "–", "after": after or "–"})
        return rows

    @method_decorator(require_http_methods(["GET", "POST"]))
    def review_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        revision = get_object_or_404(MeasureRevision.objects.for_list(), pk=pk)
        may_review = (
            revision.state == RevisionState.REVIEW
            and request.user.pk not in revision.authors
            and self.has_change_permission(request)
        )
        if request.method == "POST":
            if not may_review:
                raise PermissionDenied
            action = request.POST.get("action")
            try:
                if action == "publish":
                    measure = revisions.publish_revision(revision=revision, by=request.user)
                    self.message_user(
                        request,
                        gettext("De revisie is gepubliceerd: %(title)s staat nu zo op de site.")
                        % {"title": measure.title},
                        messages.SUCCESS,
                    )
                elif action == "reject":
                    revisions.reject_revision(
                        revision=revision, by=request.user, note=request.POST.get("note", "")[:2000]
                    )
                    self.message_user(request, gettext("De revisie is teruggestuurd."), messages.SUCCESS)
                else:
                    self.message_user(request, gettext("Kies publiceren of terugsturen."), messages.ERROR)
            except revisions.RevisionRefused as error:
                self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:menukaart_measurerevision_review", args=[revision.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Revisie van %(title)s") % {"title": revision.measure.title},
            "revision": revision,
            "diff": self._diff(revision),
            "may_review": may_review,
            "may_publish": may_review and can_publish(request.user),
            "own": request.user.pk in revision.authors,
        }
        return TemplateResponse(request, "admin/menukaart/measurerevision/review.html", context)


@admin.register(MaterialLinkCheck)
class MaterialLinkCheckAdmin(admin.ModelAdmin):
    list_display = ("material", "ok", "status_code", "error", "checked_at")
    list_filter = ("ok",)
    list_select_related = ("material",)
    readonly_fields = ("material", "url", "ok", "status_code", "error", "checked_at")

    def has_add_permission(self, request):
        return False


@admin.register(Material)
class MaterialAdmin(WorkflowAdmin):
    list_display = ("title", "kind", "provider", "cost", "in_development", "status", "updated_at")
    list_filter = ("status", "kind", "cost", "in_development")
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
