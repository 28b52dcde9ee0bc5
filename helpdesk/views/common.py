from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from core.ratelimit import over_limit_or_log
from helpdesk.models import Attachment


def rate_limited(request, *, scope: str) -> bool:
    """Count one attempt for this client; True when it is over HELPDESK_ASK_RATE_LIMIT in the window.
    With the cache (Redis) down the attempt is accepted and the outage logged: a question is never lost."""
    return over_limit_or_log(
        request,
        scope=f"helpdesk:{scope}",
        limit=settings.HELPDESK_ASK_RATE_LIMIT,
        window=settings.HELPDESK_ASK_RATE_WINDOW_SECONDS,
    )


def reply_rate_limited(request, ticket) -> bool:
    """Count one reply of the requester to this ticket (follow link and "Mijn vragen" together,
    from any address); True when it is over HELPDESK_REPLY_RATE_LIMIT in the window. Every reply
    mails the advisors, so this also limits that mail. Cache down: accepted and logged."""
    return over_limit_or_log(
        request,
        scope="helpdesk:reply",
        limit=settings.HELPDESK_REPLY_RATE_LIMIT,
        window=settings.HELPDESK_REPLY_RATE_WINDOW_SECONDS,
        per=str(ticket.pk),
    )


def rate_limited_reply_form(request):
    """The reply form refused by the rate limit, with the typed text kept (files are not kept)."""
    from helpdesk.forms import RequesterReplyForm

    form = RequesterReplyForm(request.POST)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Je hebt in korte tijd veel reacties gestuurd. Wacht een uur en probeer het dan opnieuw; "
            "je tekst staat hieronder nog."
        ),
    )
    return form


def page_number(request, name: str = "pagina") -> int:
    """The requested page of a list: 1 for anything that is not a whole number of at most six digits
    (a larger one would overflow the database's OFFSET)."""
    value = request.GET.get(name, "1")
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        return 1
    return max(int(value), 1)


def attachment_response(attachment: Attachment) -> FileResponse:
    """Always a download (never rendered inline by the browser), with the allowlisted type."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        # The row is there but the file is gone (e.g. deleted by pseudonymisation meanwhile).
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
