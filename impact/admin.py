from django.contrib import admin

from impact.models import Agreement, PartnerInput, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only: reports are made by the workers (a failed one can be deleted and asked for again)."""

    list_display = ["__str__", "status", "scheduled", "requested_at", "completed_at", "duration_ms"]
    list_filter = ["status", "scheduled"]
    exclude = ["data"]
    readonly_fields = [f.name for f in Report._meta.fields if f.name != "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["action", "owner", "meeting_date", "due_date", "status"]
    list_filter = ["status", "meeting_date"]


@admin.register(PartnerInput)
class PartnerInputAdmin(admin.ModelAdmin):
    list_display = ["organisation", "period_start", "period_end", "updated_at"]
