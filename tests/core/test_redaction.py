"""Link tokens (follow links, shared plans) never reach a log."""

import io
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from gunicorn.config import Config

from core.redaction import RedactSecretPathsFilter, redact
from portal.gunicorn_logging import RedactingLogger

TOKEN = "Zx9-secret_TOKEN"


def test_redact_replaces_tokens_in_follow_and_share_paths():
    assert (
        redact(f"GET /helpdesk/volg/{TOKEN}/reageren/ HTTP/1.1") == "GET /helpdesk/volg/[verborgen]/reageren/ HTTP/1.1"
    )
    assert redact(f"/en/menukaart/gedeeld/{TOKEN}/?x=1") == "/en/menukaart/gedeeld/[verborgen]/?x=1"
    assert redact("/menukaart/maatregel/mentorprogramma/") == "/menukaart/maatregel/mentorprogramma/"


def test_gunicorn_access_log_atoms_are_redacted():
    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/helpdesk/volg/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": f"/helpdesk/volg/{TOKEN}/",
        "QUERY_STRING": "",
        "HTTP_REFERER": f"https://portaal.example.nl/menukaart/gedeeld/{TOKEN}/",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", f"https://x/helpdesk/volg/{TOKEN}/")])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))
    assert TOKEN not in str(atoms)
    assert atoms["r"] == "GET /helpdesk/volg/[verborgen]/ HTTP/1.1"


@pytest.mark.django_db
def test_django_request_log_lines_are_redacted(client):
    """A 4xx on a follow link is logged by django.request with the path: the handler drops the token."""
    (handler,) = [
        handler
        for handler in logging.getLogger("django").handlers
        if any(isinstance(f, RedactSecretPathsFilter) for f in handler.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        client.get(reverse("helpdesk:follow", args=[TOKEN]))
    finally:
        handler.setStream(previous)
    assert "/helpdesk/volg/[verborgen]/" in stream.getvalue()
    assert TOKEN not in stream.getvalue()


def test_the_console_handler_redacts():
    from django.conf import settings

    assert "redact_secret_paths" in settings.LOGGING["handlers"]["console"]["filters"]
    for logger_name in ("django", "django.server"):
        assert settings.LOGGING["loggers"][logger_name]["handlers"] == ["console"]
