import json

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from helpdesk import services
from helpdesk.models import AuditEvent, OutcomeCategory, StandardAnswer, Ticket


@admin.register(StandardAnswer)
class StandardAnswerAdmin(admin.ModelAdmin):
    list_display = ["title", "is_active", "updated_at"]
    list_filter = ["is_active", "themes"]
    search_fields = ["title", "body"]
    filter_horizontal = ["themes"]


@admin.register(OutcomeCategory)
class OutcomeCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """For the technical administrator: privacy requests (export, erase). Advisors use the queue."""

    list_display = ["reference", "subject", "status", "channel", "referring_organisation", "created_at"]
    list_filter = ["status", "channel", "referring_organisation"]
    list_select_related = ["referring_organisation"]
    search_fields = ["reference", "contact_email"]
    readonly_fields = ["reference", "created_at", "closed_at", "pseudonymised_at"]
    raw_id_fields = ["assigned_to", "referred_by", "requester_user", "merged_into"]
    actions = ["export_requester", "erase_requester"]
    show_full_result_count = False

    @admin.action(
        description=_("Gegevens van de vragensteller(s) exporteren (JSON)"), permissions=["export_requester_data"]
    )
    def export_requester(self, request, queryset):
        emails = sorted({t.contact_email.lower() for t in queryset if t.contact_email})
        data = [services.export_requester_data(email=email, by=request.user) for email in emails]
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="gegevens-vragensteller.json"'
        return response

    @admin.action(
        description=_("Gegevens van de vragensteller(s) wissen (op verzoek)"), permissions=["erase_requester_data"]
    )
    def erase_requester(self, request, queryset):
        emails = sorted({t.contact_email.lower() for t in queryset if t.contact_email})
        erased = sum(services.erase_requester_data(email=email, by=request.user) for email in emails)
        self.message_user(
            request,
            ngettext("Gegevens gewist in %(count)d vraag.", "Gegevens gewist in %(count)d vragen.", erased)
            % {"count": erased},
            messages.SUCCESS,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Opening a ticket in the admin shows personal data: it is in the audit trail too."""
        ticket = (
            Ticket.objects.filter(pk=object_id).first()
            if str(object_id).isascii() and str(object_id).isdigit() and len(str(object_id)) < 19
            else None
        )
        if ticket is not None and self.has_view_or_change_permission(request, ticket):
            services.record_view(ticket=ticket, by=request.user, what="beheer")
        return super().change_view(request, object_id, form_url, extra_context)

    def has_export_requester_data_permission(self, request):
        return request.user.has_perm("helpdesk.export_requester_data")

    def has_erase_requester_data_permission(self, request):
        return request.user.has_perm("helpdesk.erase_requester_data")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "ticket_reference", "actor_label", "action"]
    list_filter = ["action"]
    search_fields = ["ticket_reference", "actor_label"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
