from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.ratelimit import over_limit_or_log
from core.uploads import harden_download
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
    """Always a download (never rendered inline by the browser), with the allowlisted type and the
    headers of core.uploads.harden_download (nosniff, a sandboxing CSP, never cached)."""
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
    return harden_download(response)


def report_files_not_stored(request, message, *, staff: bool) -> bool:
    """Tell the user which files of the message just saved could not be stored (disk full or
    read-only, see services.save_attachments), and what to do. True when there were any."""
    names = getattr(message, "files_not_stored", None) or []
    if not names:
        return False
    if staff:
        text = ngettext(
            "Het bericht is opgeslagen, maar het bestand %(names)s kon niet worden bewaard: de opslag voor "
            "bijlagen is vol of alleen-lezen. Meld dit bij de beheerder en voeg het bestand later toe met een "
            "nieuw bericht.",
            "Het bericht is opgeslagen, maar de bestanden %(names)s konden niet worden bewaard: de opslag voor "
            "bijlagen is vol of alleen-lezen. Meld dit bij de beheerder en voeg de bestanden later toe met een "
            "nieuw bericht.",
            len(names),
        )
    else:
        text = ngettext(
            "Je reactie is verstuurd, maar het bestand %(names)s kon door een storing bij ons niet worden "
            "bewaard. Je tekst is wel opgeslagen. Stuur het bestand later opnieuw mee met een nieuwe reactie, "
            "of mail het naar de helpdesk.",
            "Je reactie is verstuurd, maar de bestanden %(names)s konden door een storing bij ons niet worden "
            "bewaard. Je tekst is wel opgeslagen. Stuur de bestanden later opnieuw mee met een nieuwe reactie, "
            "of mail ze naar de helpdesk.",
            len(names),
        )
    messages.warning(request, text % {"names": ", ".join(names)})
    return True
