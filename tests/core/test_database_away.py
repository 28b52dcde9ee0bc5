"""The database away is a Dutch 503 with Retry-After, not a 500: visitors are told to retry."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def plain_bug(request):
    raise ZeroDivisionError


urlpatterns = [
    path("test-database-gone/", database_gone),
    path("test-plain-bug/", plain_bug),
    *portal_urlpatterns,
]
handler500 = "core.views.server_error"


@pytest.mark.urls("tests.core.test_database_away")
def test_a_database_outage_is_a_dutch_503_with_retry_after(db):
    response = Client(raise_request_exception=False).get("/test-database-gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Het portaal is even niet bereikbaar" in html
    assert "Verstuur het over een minuut opnieuw" in html


@pytest.mark.urls("tests.core.test_database_away")
def test_any_other_error_stays_a_500(db):
    response = Client(raise_request_exception=False).get("/test-plain-bug/")
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.content.decode()
