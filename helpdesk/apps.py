from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "helpdesk"
    verbose_name = _("Helpdesk")

    def ready(self):
        from core.retention import keep_messages_about
        from helpdesk import measure_suggestions, signals  # noqa: F401 (connects the receivers)
        from helpdesk.models import Ticket

        # The e-mails about a question are part of its record (what we told the requester, and
        # when) until the question is pseudonymised, which strips them (helpdesk.services.privacy);
        # the outbox's own retention passes them by.
        keep_messages_about(Ticket)
