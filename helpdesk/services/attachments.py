"""Files with a message: their stored names and the ticket's storage quota."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.uploads import safe_file_name, save_upload, shortened_file_name  # noqa: F401 (shortened_file_name: kept importable here)
from helpdesk.models import Attachment, Message, Ticket

log = logging.getLogger(__name__)


def save_attachments(message: Message, files: Iterable[UploadedFile]) -> list[str]:
    """Store the files with the message. A file the storage refuses (disk full, read-only: an
    OSError) is left out and logged; the message is kept. Returns the names of the files left out,
    also kept as `message.files_not_stored` for the view to tell the user."""
    not_stored = []
    for upload in files:
        attachment = Attachment(
            message=message,
            original_name=safe_file_name(upload.name or ""),
            content_type=upload.content_type or "application/octet-stream",
            size=upload.size or 0,
        )
        if not save_upload(attachment, "file", upload):
            log.error("attachment left out of message %s of ticket %s", message.pk, message.ticket.reference)
            not_stored.append(attachment.original_name)
            continue
        attachment.save()
    message.files_not_stored = not_stored
    return not_stored


class AttachmentQuotaExceeded(ValueError):
    """The files would take the ticket's attachments over HELPDESK_TICKET_ATTACHMENT_QUOTA_BYTES
    (the message is Dutch, for the requester)."""


def check_attachment_quota(*, ticket: Ticket, files: Iterable[UploadedFile]) -> None:
    """Raise AttachmentQuotaExceeded when these files do not fit in the ticket's storage quota.
    Every attachment of the ticket counts, whoever uploaded it. Call it with the ticket locked."""
    adding = sum(upload.size or 0 for upload in files)
    if not adding:
        return
    used = Attachment.objects.filter(message__ticket=ticket).aggregate(total=Sum("size"))["total"] or 0
    quota = settings.HELPDESK_TICKET_ATTACHMENT_QUOTA_BYTES
    if used + adding > quota:
        raise AttachmentQuotaExceeded(
            _(
                "Bij deze vraag is al %(used)s aan bijlagen opgeslagen; er past nog %(left)s bij. "
                "Stuur minder of kleinere bestanden, of neem contact op met de helpdesk."
            )
            % {"used": filesizeformat(used), "left": filesizeformat(max(quota - used, 0))}
        )
