"""Editing role models in the admin (editors). Publishing needs the person's consent to the exact
text (communities/consent.py); consents are read-only here: only the person gives or withdraws one."""

from pathlib import PurePosixPath

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
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
from communities.models.role_models import MAX_PHOTO_BYTES, PHOTO_FORMATS
from core.uploads import safe_file_name, save_upload


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


class RoleModelAdminForm(forms.ModelForm):
    """A new photo must be a real JPEG or PNG (Pillow decoded it: Django's ImageField), of the type
    its extension says, and at most MAX_PHOTO_BYTES: the photo is served as that image type."""

    class Meta:
        model = RoleModel
        fields = ("name", "slug", "job_title", "organisation", "photo", "message", "what_they_did", "email")

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not isinstance(photo, UploadedFile):
            return photo  # unchanged, or cleared
        photo.name = safe_file_name(photo.name)
        if photo.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(
                _("De foto is te groot (%(size)s). Het maximum is %(max)s."),
                params={"size": filesizeformat(photo.size), "max": filesizeformat(MAX_PHOTO_BYTES)},
                code="size",
            )
        image_format = getattr(getattr(photo, "image", None), "format", None)
        suffix = PurePosixPath(photo.name).suffix.lower()
        if PHOTO_FORMATS.get(suffix) != image_format:
            raise forms.ValidationError(
                _("De foto moet een JPEG- of PNG-bestand zijn, met de extensie die bij de inhoud past (.jpg of .png)."),
                code="format",
            )
        return photo


@admin.register(RoleModel)
class RoleModelAdmin(admin.ModelAdmin):
    form = RoleModelAdminForm
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

    def save_model(self, request, obj, form, change):
        """A photo the storage refuses (disk full, read-only) is left out; the rest is saved."""
        upload = form.cleaned_data.get("photo")
        if isinstance(upload, UploadedFile) and not save_upload(obj, "photo", upload):
            obj.photo = form.initial.get("photo") or ""
            self.message_user(
                request,
                _(
                    "De foto kon niet worden opgeslagen: de opslag is vol of alleen-lezen. De andere gegevens zijn "
                    "bewaard. Meld dit bij de beheerder en voeg de foto later opnieuw toe."
                ),
                messages.ERROR,
            )
        super().save_model(request, obj, form, change)

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
