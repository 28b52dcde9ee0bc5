"""Editing role models in the admin (editors). Publishing needs the person's consent to the exact
text (communities/consent.py); consents are read-only here: only the person gives or withdraws one."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.utils.translation import gettext_lazy as _

from communities import consent
from communities.models import (
    Event,
    Lesson,
    Meeting,
    Membership,
    Network,
    Post,
    PostReport,
    Proposal,
    Resource,
    RoleModel,
    RoleModelConsent,
)


class RoleModelConsentInline(admin.TabularInline):
    model = RoleModelConsent
    extra = 0
    can_delete = False
    fields = ("given_by", "given_at", "withdrawn_at", "text")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LabelledFileWidget(AdminFileWidget):
    """Django's admin file widget puts the field's name in a <legend> and leaves the file input
    itself without a label (axe: "Form elements must have labels"); this one gets a <label for>."""

    use_fieldset = False


@admin.register(RoleModel)
class RoleModelAdmin(admin.ModelAdmin):
    formfield_overrides = {models.ImageField: {"widget": LabelledFileWidget}}
    list_display = ("__str__", "job_title", "organisation", "status", "covered_by_consent", "updated_at")
    list_filter = ("status",)
    search_fields = ("name", "organisation", "job_title")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("status", "published_at", "erased_at", "covered_by_consent")
    fields = (
        "name", "slug", "job_title", "organisation", "photo", "message", "what_they_did", "email",
        "status", "published_at", "erased_at", "covered_by_consent",
    )  # fmt: skip
    inlines = [RoleModelConsentInline]
    actions = ("ask_consent", "publish", "unpublish")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("consents")

    def has_change_permission(self, request, obj=None):
        # An erased profile (consent withdrawn) is only the proof of that consent: nothing to edit.
        if obj is not None and obj.is_erased:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description=_("toestemming voor deze tekst"), boolean=True)
    def covered_by_consent(self, obj) -> bool:
        return any(c.text_hash == obj.text_hash and c.withdrawn_at is None for c in obj.consents.all())

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(consent.PUBLISH)

    def _run(self, request, queryset, action, done_message):
        for role_model in queryset:
            try:
                action(role_model)
            except (consent.ConsentError, PermissionError) as error:
                self.message_user(request, f"{role_model}: {error}", messages.WARNING)
            else:
                self.message_user(request, done_message % {"name": role_model.name}, messages.SUCCESS)

    @admin.action(description=_("Toestemming vragen (e-mail met persoonlijke link)"), permissions=["change"])
    def ask_consent(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda rm: consent.request_consent(role_model=rm, by=request.user),
            _("%(name)s krijgt een e-mail met een persoonlijke link."),
        )

    @admin.action(description=_("Publiceren (alleen met toestemming)"), permissions=["publish"])
    def publish(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda rm: consent.publish_role_model(role_model=rm, by=request.user),
            _("%(name)s staat op het portaal."),
        )

    @admin.action(description=_("Depubliceren"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda rm: consent.unpublish_role_model(role_model=rm, by=request.user),
            _("%(name)s staat niet meer op het portaal."),
        )


# --- Doe-netwerken: editors set up networks (name, themes, coordinators, host) and the public dates;
# the day-to-day work (members, meetings, discussion) happens on the site.


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user", "decided_by"]
    fields = ["user", "organisation", "status", "requested_at", "decided_at"]
    readonly_fields = ["requested_at", "decided_at"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "host_organisation", "region", "join_policy", "is_listed", "status"]
    list_filter = ["status", "is_listed", "join_policy", "region", "themes"]
    list_select_related = ["host_organisation"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes", "coordinators", "examples"]
    inlines = [MembershipInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "all_day", "location"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "starts_at", "is_public", "capacity", "cancelled_at"]
    list_filter = ["network", "is_public"]
    list_select_related = ["network"]
    raw_id_fields = ["created_by"]
    date_hierarchy = "starts_at"


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "meeting", "published_at"]
    list_filter = ["network"]
    list_select_related = ["network", "meeting"]
    raw_id_fields = ["created_by", "meeting"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "network", "author", "created_at", "hidden_at"]
    list_filter = ["network"]
    list_select_related = ["network", "author"]
    raw_id_fields = ["author", "parent", "hidden_by"]
    readonly_fields = ["notified_at"]


@admin.register(PostReport)
class PostReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reporter", "created_at", "handled_at"]
    raw_id_fields = ["post", "reporter", "handled_by"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "visibility", "created_at"]
    list_filter = ["network", "visibility"]
    list_select_related = ["network"]
    raw_id_fields = ["added_by"]
    readonly_fields = ["file", "original_name", "content_type", "size"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "kind", "status", "measure", "created_at"]
    list_filter = ["status", "kind", "network"]
    list_select_related = ["network", "measure"]
    raw_id_fields = ["lesson", "measure", "created_by", "reviewed_by"]
