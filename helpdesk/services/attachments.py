"""Files with a message: their stored names and the ticket's storage quota."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from helpdesk.models import Attachment, Message, Ticket


def shortened_file_name(name: str, limit: int = 200) -> str:
    """The name within `limit` characters, shortened before its extension: "rapport….pdf" must
    stay a .pdf for whoever downloads it (cutting the end cut the extension off)."""
    if len(name) <= limit:
        return name
    suffix = PurePosixPath(name).suffix[:20]
    return name[: len(name) - len(PurePosixPath(name).suffix)][: limit - len(suffix)] + suffix


def save_attachments(message: Message, files: Iterable[UploadedFile]) -> None:
    for upload in files:
        Attachment.objects.create(
            message=message,
            file=upload,
            original_name=shortened_file_name(upload.name or ""),
            content_type=upload.content_type or "application/octet-stream",
            size=upload.size or 0,
        )


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
