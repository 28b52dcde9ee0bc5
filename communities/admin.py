"""Editing role models in the admin (editors). Publishing needs the person's consent to the exact
text (communities/consent.py); consents are read-only here: only the person gives or withdraws one."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from communities import consent
from communities.models import RoleModel, RoleModelConsent


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


@admin.register(RoleModel)
class RoleModelAdmin(admin.ModelAdmin):
    list_display = ("name", "job_title", "organisation", "status", "covered_by_consent", "updated_at")
    list_filter = ("status",)
    search_fields = ("name", "organisation", "job_title")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("status", "published_at", "covered_by_consent")
    fields = (
        "name", "slug", "job_title", "organisation", "photo", "message", "what_they_did", "email",
        "status", "published_at", "covered_by_consent",
    )  # fmt: skip
    inlines = [RoleModelConsentInline]
    actions = ("ask_consent", "publish", "unpublish")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("consents")

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
