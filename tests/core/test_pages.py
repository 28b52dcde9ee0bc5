import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_home_page_is_dutch_and_leads_to_the_three_areas(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html  # skip link
    for target in ("menukaart:index", "helpdesk:ask", "communities:index", "accounts:login"):
        assert reverse(target) in html
    assert "Stel een vraag" in html


def test_english_is_available_under_en_prefix(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_language_switch_goes_both_ways(client):
    """Django's set_language cannot translate /en/... back on its own; the form must help it."""
    with translation.override("nl"):
        about = reverse("core:about")
    response = client.get(about)
    assert f'name="next" type="hidden" value="{about}"' in response.content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": about})
    assert response["Location"] == f"/en{about}"
    response = client.get(f"/en{about}?pagina=2")
    assert f'name="next" type="hidden" value="{about}?pagina=2"' in response.content.decode()
    response = client.post(reverse("set_language"), {"language": "nl", "next": f"{about}?pagina=2"})
    assert response["Location"] == f"{about}?pagina=2"
    assert client.get(about).context["LANGUAGE_CODE"] == "nl"


@pytest.mark.parametrize("name", ["core:about", "core:privacy", "core:accessibility", "communities:index"])
def test_static_pages_render(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_unknown_page_gives_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_health_reports_database_cache_and_broker(client):
    response = client.get("/gezondheid/")
    assert response.status_code == 200
    report = response.json()
    assert report["database"] == report["cache"] == report["broker"] == report["status"] == "ok"
    assert report["workers_seen_last_5_min"] == 0


def test_health_is_503_when_redis_is_down(client, redis_down):
    """It answered 200 with Redis down: monitoring could not see the outage."""
    response = client.get("/gezondheid/")
    assert response.status_code == 503
    report = response.json()
    assert report["cache"] == report["broker"] == report["status"] == "fout"
    assert report["database"] == "ok"


def test_health_is_503_when_only_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/gezondheid/")
    assert response.status_code == 503
    assert response.json()["broker"] == "fout"
    assert response.json()["cache"] == "ok"


def test_security_headers_and_csp(client):
    response = client.get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_load_nothing_from_the_internet(client):
    """No address off the portal at all, except the portal's own absolute address (canonical,
    hreflang, og:url) and the schema.org vocabulary named in JSON-LD (an identifier, never fetched)."""
    html = client.get(reverse("core:home")).content.decode()
    own = settings.PORTAL_BASE_URL.rstrip("/")
    loaded = re.findall(r'\bsrc="([^"]+)"', html)
    loaded += re.findall(r'<link rel="(?:stylesheet|icon)"[^>]*href="([^"]+)"', html)
    assert loaded and all(url.startswith("/") for url in loaded), loaded
    rest = html.replace(own, "").replace("http://testserver", "").replace('"https://schema.org"', "")
    assert "http://" not in rest
    assert "https://" not in rest


def test_a_wrong_http_method_gets_a_dutch_405_page_everywhere(client):
    """Django's require_* decorators answer an empty 405; the portal shows what to do instead."""
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert "Dit kan zo niet" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/menukaart/gedeeld/%00/",
        "/menukaart/gedeeld/" + "a" * 5000 + "/",
        "/helpdesk/volg/%00/",
        "/helpdesk/volg/" + "b" * 5000 + "/",
        "/helpdesk/wachtrij/%00/",
    ],
)
def test_odd_link_tokens_are_a_404_not_a_500(client, path):
    assert client.get(path).status_code == 404
