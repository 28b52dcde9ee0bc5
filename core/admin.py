from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import OutboxMessage, OutboxStatus


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """The shared e-mail outbox. Read-only except "retry"; the private link is never shown."""

    list_display = ["created_at", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    fields = [
        "to", "subject", "body", "about_type", "about_id", "message_id", "status", "attempts", "last_error",
        "created_at", "next_attempt_at", "sending_since", "sent_at",
    ]  # fmt: skip
    readonly_fields = fields
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Opnieuw proberen te versturen"))
    def retry(self, request, queryset):
        count = queryset.exclude(status=OutboxStatus.SENT).update(
            status=OutboxStatus.PENDING, next_attempt_at=timezone.now()
        )
        self.message_user(request, _("%(count)d berichten staan weer klaar.") % {"count": count})
