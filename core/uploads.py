"""Uploaded files, shared by every app that takes them (helpdesk attachments, network resources,
role-model photos): the uploader's file name made safe to show and to offer for download, the
headers every download of an uploaded file gets, and storing a file so that a full or read-only disk
costs the file only, never the rest of what the user sent (`save_upload`).

On disk a file always has a random name chosen by the app (`upload_to`); the uploader's name is only
kept in the row, shown in the page and sent as the download name. Django already cuts it to its
last path component (so `../../etc/passwd` arrives as `passwd`), but it HTML-unescapes it first
(`a&#10;b.pdf` arrives with a line break) and keeps control and formatting characters such as NUL or
the right-to-left override (`factuur<U+202E>fdp.txt` is shown as `factuurtxt.pdf`).
"""

import contextlib
import errno
import logging
import unicodedata
from pathlib import PurePosixPath

# Unicode categories never kept in a file name: control characters (NUL, line breaks, ...), format
# characters (bidirectional overrides and isolates, zero-width characters), surrogates, private use,
# unassigned code points, and line and paragraph separators.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}

FALLBACK_NAME = "bestand"

log = logging.getLogger(__name__)

# A download of a file someone uploaded: nothing in it may run, load or be framed, even if a browser
# were to render it. `sandbox` also gives it an opaque origin (no cookies, no access to the portal).
DOWNLOAD_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; form-action 'none'; sandbox"


def shortened_file_name(name: str, limit: int = 200) -> str:
    """The name within `limit` characters, shortened before its extension: "rapport….pdf" must
    stay a .pdf for whoever downloads it (cutting the end cut the extension off)."""
    if len(name) <= limit:
        return name
    suffix = PurePosixPath(name).suffix[:20]
    return name[: len(name) - len(PurePosixPath(name).suffix)][: limit - len(suffix)] + suffix


def safe_file_name(name: str, limit: int = 200) -> str:
    """The uploader's file name as shown and offered for download: its last path component only,
    without control, format (bidi) or separator characters, without leading dots or spaces, at most
    `limit` characters with its extension kept; "bestand" when nothing is left."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char) not in _DROPPED_CATEGORIES)
    name = " ".join(name.split()).lstrip(". ")
    return shortened_file_name(name, limit) if name else FALLBACK_NAME


def harden_download(response, *, private: bool = True):
    """Headers for every response that hands out an uploaded file (a download, or a photo for an
    <img>): never sniffed into another type, never a document that can run anything."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CONTENT_SECURITY_POLICY
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


class FileNotStored(Exception):
    """The storage refused a file that cannot be left out (its message is Dutch, for the user)."""


def save_upload(instance, field_name: str, upload) -> bool:
    """Store `upload` as the file of `instance.<field_name>` (under the name its upload_to gives; the
    row is not saved). False when the storage refuses it with an OSError (disk full, read-only,
    quota, permissions): then the error is logged, a partly written file is removed, and the field
    is left as it was, so the caller can keep everything else and tell the user."""
    field_file = getattr(instance, field_name)
    field = field_file.field
    name = field.generate_filename(instance, upload.name)
    try:
        stored = field_file.storage.save(name, upload, max_length=field.max_length)
    except OSError as error:
        code = errno.errorcode.get(error.errno, error.errno) if error.errno else type(error).__name__
        log.error(
            "upload not stored: model=%s field=%s size=%s error=%s",
            instance._meta.label, field_name, getattr(upload, "size", "?"), code,
        )  # fmt: skip
        with contextlib.suppress(OSError):
            field_file.storage.delete(name)
        return False
    setattr(instance, field_name, stored)
    return True
