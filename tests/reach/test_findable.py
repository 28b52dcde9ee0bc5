"""Findable: sitemap with hreflang, robots.txt, canonical and Open Graph tags, schema.org JSON-LD,
and Atom feeds that a real feed parser reads."""

import json
import re
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse

from menukaart.models import Status
from tests.menukaart.factories import ExampleFactory, MeasureFactory, ThemeFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def content(db):
    theme = ThemeFactory(slug="werving", name="Werving en selectie")
    measure = MeasureFactory(slug="anoniem-solliciteren", title="Anoniem solliciteren", steps=["Stap één", "Stap twee"])
    measure.themes.add(theme)
    other = MeasureFactory(slug="iets-anders")
    MeasureFactory(slug="concept-maatregel", status=Status.CONCEPT)
    ExampleFactory(slug="bakkerij", title="Bakkerij werft anders <b>")
    return {"measure": measure, "other": other, "theme": theme}


def test_the_sitemap_lists_public_pages_in_both_languages_with_hreflang(content, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own sitemap)
    locations = [url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")]
    assert any(loc.endswith("/menukaart/maatregel/anoniem-solliciteren/") for loc in locations)
    assert any(loc.endswith("/en/menukaart/maatregel/anoniem-solliciteren/") for loc in locations)
    assert not any("concept-maatregel" in loc for loc in locations)
    alternates = {link.get("hreflang") for link in root.iter(f"{XHTML}link")}
    assert {"nl", "en", "x-default"} <= alternates


def test_robots_allows_content_and_keeps_private_pages_out(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /beheer/" in text and "Disallow: /helpdesk/volg/" in text
    assert "Disallow: /menukaart/\n" not in text
    assert re.search(r"^Sitemap: https?://.+/sitemap\.xml$", text, re.M)


def test_pages_have_a_canonical_address_hreflang_and_open_graph(content, client):
    html = client.get(reverse("menukaart:measure_detail", args=["anoniem-solliciteren"]), {"van": "zoeken"}).content
    html = html.decode()
    assert re.search(r'<link rel="canonical" href="https?://[^"]+/menukaart/maatregel/anoniem-solliciteren/">', html)
    assert 'hreflang="en" href="' in html and 'hreflang="x-default"' in html
    assert '<meta property="og:title" content="Anoniem solliciteren">' in html
    assert '<meta property="og:type" content="article">' in html


def test_measure_and_example_pages_carry_schema_org_json_ld(content, client):
    html = client.get(reverse("menukaart:measure_detail", args=["anoniem-solliciteren"])).content.decode()
    data = json.loads(JSONLD.search(html).group(1))
    assert data["@type"] == "HowTo" and data["name"] == "Anoniem solliciteren"
    assert [step["text"] for step in data["step"]] == ["Stap één", "Stap twee"]
    html = client.get(reverse("menukaart:example_detail", args=["bakkerij"])).content.decode()
    raw = JSONLD.search(html).group(1)
    assert "<b>" not in raw  # escaped inside the script element
    assert json.loads(raw)["headline"] == "Bakkerij werft anders <b>"
    home = client.get(reverse("core:home")).content.decode()
    assert "Organization" in json.loads(JSONLD.search(home).group(1))["@type"]


def test_the_measures_feed_parses_and_holds_published_measures_only(content, client):
    feed = feedparser.parse(client.get("/feeds/maatregelen/").content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert "Anoniem solliciteren" in titles and all("concept" not in t.lower() for t in titles)
    assert feed.entries[0].link.startswith("http")


def test_a_theme_feed_holds_that_theme_only_and_an_unknown_theme_is_a_404(content, client):
    feed = feedparser.parse(client.get("/feeds/maatregelen/werving/").content)
    assert [entry.title for entry in feed.entries] == ["Anoniem solliciteren"]
    assert "Werving en selectie" in feed.feed.title
    assert client.get("/feeds/maatregelen/bestaat-niet/").status_code == 404


def test_the_examples_feed_parses(content, client):
    feed = feedparser.parse(client.get("/feeds/praktijkvoorbeelden/").content)
    assert not feed.bozo
    assert feed.entries[0].title.startswith("Bakkerij werft anders")
