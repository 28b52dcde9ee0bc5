"""Keep secret link tokens out of logs.

The follow link of a helpdesk question (/helpdesk/volg/<token>/) and the read-only link of a shared
plan (/menukaart/gedeeld/<token>/) grant access to whoever holds them, so request logs must not
contain them: gunicorn's access log, Django's request log (4xx/5xx lines) and the dev server's log.
"""

import logging
import re

SECRET_PATH = re.compile(r"(/(?:volg|gedeeld)/)[^/?#\s\"']+")
REDACTED = r"\1[verborgen]"


def redact(text: str) -> str:
    return SECRET_PATH.sub(REDACTED, text)


class RedactSecretPathsFilter(logging.Filter):
    """A logging filter that removes link tokens from a record's message and string arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                key: redact(value) if isinstance(value, str) else value for key, value in record.args.items()
            }
        return True
