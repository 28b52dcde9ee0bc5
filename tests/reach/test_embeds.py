"""Embeds: the widget may be framed by the listed partner sites only; every other page never."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.menukaart.factories import MeasureFactory, ThemeFactory

pytestmark = pytest.mark.django_db

PARTNER = "https://www.partner.example"


@pytest.fixture
def theme(db):
    theme = ThemeFactory(slug="werving", name="Werving en selectie")
    for n in range(7):
        MeasureFactory(slug=f"werving-{n}", title=f"Werving {n}").themes.add(theme)
    MeasureFactory(slug="ander-thema", title="Ander thema")
    return theme


@override_settings(EMBED_FRAME_ANCESTORS=[PARTNER])
def test_the_widget_may_be_framed_by_listed_partners_only(theme, client):
    response = client.get(reverse("reach:embed_measures"), {"thema": "werving"})
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert f"frame-ancestors 'self' {PARTNER};" in response["Content-Security-Policy"]
    assert "evil.example" not in response["Content-Security-Policy"]


@override_settings(EMBED_FRAME_ANCESTORS=[PARTNER])
def test_every_other_page_still_refuses_framing(theme, client):
    for url in (reverse("core:home"), reverse("menukaart:index"), reverse("helpdesk:ask"), reverse("embed_guide")):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_widget_shows_a_themes_measures_and_opens_the_portal_in_a_new_window(theme, client):
    html = client.get(reverse("reach:embed_measures"), {"thema": "werving", "aantal": "3"}).content.decode()
    assert html.count('target="_blank" rel="noopener"') >= 3
    assert "Werving" in html and "Ander thema" not in html
    assert html.count("<li>") == 3
    assert 'action="http://testserver/menukaart/"' in html


@pytest.mark.parametrize("aantal", ["ja", "-4", "9999999999999999999999", ""])
def test_odd_widget_parameters_still_give_a_widget(aantal, theme, client):
    response = client.get(reverse("reach:embed_measures"), {"thema": "<script>", "aantal": aantal})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_the_guide_shows_the_code_to_paste_and_a_preview(theme, client):
    html = client.get(reverse("embed_guide")).content.decode()
    assert "&lt;iframe src=" in html and "thema=werving" in html
    assert '<iframe src="/embed/maatregelen/?thema=werving&amp;aantal=3"' in html
