"""Issue 11's trust pages: contact, partners, privacy and accessibility statements.

They quote the settings (contact details, answer time, retention periods) rather than fixed text,
so these tests change the settings and look for the new values on the page.
"""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core import partners, trust

pytestmark = pytest.mark.django_db

PAGES = ["core:contact", "core:partners", "core:privacy", "core:accessibility"]


def url(name: str, language: str = "nl") -> str:
    with translation.override(language):
        return reverse(name)


def page(client, name: str, language: str = "nl") -> str:
    response = client.get(url(name, language))
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    """The page's words with tags removed and white space collapsed, as a reader sees them."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_page_renders_in_both_languages_with_one_heading(client, name, language):
    html = page(client, name, language)
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    ("name", "dutch", "english"),
    [
        ("core:contact", "Stel je vraag online", "Ask your question online"),
        ("core:partners", "Wie zitten erachter?", "Who is behind this portal?"),
        ("core:privacy", "Privacyverklaring", "Privacy statement"),
        ("core:accessibility", "Toegankelijkheidsverklaring", "Accessibility statement"),
    ],
)
def test_the_english_version_is_english(client, name, dutch, english):
    assert dutch in page(client, name, "nl")
    html = page(client, name, "en")
    assert english in html
    assert dutch not in html


def test_every_page_links_the_four_pages_in_its_footer(client):
    for language in ("nl", "en"):
        html = page(client, "core:home", language)
        footer = html[html.index('<footer class="site-footer"') :]
        for name in PAGES:
            assert f'href="{url(name, language)}"' in footer, (language, name)


def test_the_footer_marks_the_current_page(client):
    html = page(client, "core:contact")
    footer = html[html.index('<footer class="site-footer"') :]
    assert f'href="{url("core:contact")}" aria-current="page"' in footer
    assert f'href="{url("core:privacy")}" aria-current="page"' not in footer


def test_contact_shows_the_details_from_the_settings(client, settings):
    settings.CONTACT_ORGANISATION = "Helpdesk Testorganisatie"
    settings.CONTACT_EMAIL = "vragen@test.example"
    settings.CONTACT_PHONE = "030 123 45 67"
    settings.CONTACT_ADDRESS = ["Testorganisatie", "Postbus 12", "3500 AA Utrecht"]
    settings.CONTACT_OPENING_TIME = "08:30"
    settings.CONTACT_CLOSING_TIME = "16:00"
    settings.HELPDESK_SERVICE_LEVEL_DAYS = {**settings.HELPDESK_SERVICE_LEVEL_DAYS, "normaal": 3}
    html = page(client, "core:contact")
    text = text_of(html)
    assert "Helpdesk Testorganisatie" in text
    assert 'href="mailto:vragen@test.example"' in html
    assert 'href="tel:+31301234567"' in html and "030 123 45 67" in text
    assert "Testorganisatie<br>Postbus 12<br>3500 AA Utrecht" in html
    assert "van 8.30 tot 16.00 uur" in text
    assert "binnen 3 werkdagen een eerste reactie" in text
    assert f'href="{url("helpdesk:ask")}"' in html
    assert "Bezuidenhoutseweg" not in html


def test_contact_defaults_are_ser_diversiteit_in_bedrijf(client):
    text = text_of(page(client, "core:contact"))
    assert "Bezuidenhoutseweg 60" in text and "2594 AW Den Haag" in text
    assert "070 3499 499" in text
    days = settings.HELPDESK_SERVICE_LEVEL_DAYS["normaal"]
    assert f"binnen {days} werkdagen" in text
    assert "van 9.00 tot 17.00 uur" in text


def test_contact_in_english(client):
    text = text_of(page(client, "core:contact", "en"))
    days = settings.HELPDESK_SERVICE_LEVEL_DAYS["normaal"]
    assert f"within {days} working days" in text
    assert "070 3499 499" in text


def test_privacy_names_the_retention_periods_of_the_settings(client, settings):
    settings.HELPDESK_RETENTION_MONTHS = 18
    settings.HELPDESK_AUTO_CLOSE_DAYS = 45
    settings.SESSION_COOKIE_AGE = 6 * 3600
    settings.LOG_RETENTION_DAYS = 14
    settings.BACKUP_RETENTION_DAYS = 21
    text = text_of(page(client, "core:privacy"))
    assert "18 maanden nadat je vraag is afgerond" in text
    assert "18 maanden na afronden" in text  # the table
    assert "45 dagen niet reageert" in text
    assert "Je sessie duurt 6 uur" in text
    assert "6 uur na je laatste wijziging" in text
    assert "logbestanden 14 dagen" in text
    assert "21 dagen. Gegevens die we verwijderen" in text
    assert "24 maanden" not in text


def test_privacy_names_the_retention_of_accounts_and_e_mails_of_the_settings(client, settings):
    settings.OUTBOX_RETENTION_DAYS = 45
    settings.ACCOUNT_INACTIVE_DELETE_DAYS = 3 * 365
    settings.ACCOUNT_INACTIVE_WARNING_DAYS = 21
    settings.ACCOUNT_UNVERIFIED_DELETE_DAYS = 5
    settings.ACCOUNT_VERIFY_HOURS = 24
    text = text_of(page(client, "core:privacy"))
    assert "We verwijderen de kopie 45 dagen nadat de e-mail is verstuurd" in text
    assert "45 dagen na verzenden" in text  # the table
    assert "Gebruik je je account 3 jaar niet, dan verwijderen we het" in text
    assert "of tot je het 3 jaar niet hebt gebruikt" in text  # the table
    assert "21 dagen van tevoren sturen we je een e-mail" in text
    assert "Die link werkt 24 uur" in text
    assert "verwijderen we het account na 5 dagen" in text
    assert "2 jaar" not in text and "90 dagen" not in text
    settings.ACCOUNT_INACTIVE_DELETE_DAYS = 400
    assert "Gebruik je je account 400 dagen niet" in text_of(page(client, "core:privacy"))


def test_privacy_covers_the_networks_sign_up_role_model_withdrawal_and_e_mails(client):
    html = page(client, "core:privacy")
    text = text_of(html)
    for anchor in ("account", "account-maken", "doe-netwerken", "rolmodellen", "e-mails"):
        assert f'id="{anchor}"' in html
    networks = text[text.index("Doe-netwerken Welke gegevens") : text.index("Een vraag aan de helpdesk")]
    for part in (
        "Van welke netwerken je lid bent",
        "je motivatie",
        "Voor welke bijeenkomsten je je aanmeldt",
        "Je berichten en reacties in het gesprek",
        "AVG artikel 6 lid 1b",
        "Berichten, ledenlijst en verslagen zijn nooit openbaar",
        "je berichten met de reacties daarop en je meldingen",
    ):
        assert part in networks, part
    assert "Trek je die in, dan verwijderen we je gegevens meteen" in text
    assert "mail ons dan" not in text[text.index("Rolmodellen") :][:800]  # erased without asking
    assert "Maak je zelf een account" in text
    assert "Deze accounts verwijderen we niet automatisch" in text  # staff


def test_privacy_account_and_network_parts_in_english(client):
    text = text_of(page(client, "core:privacy", "en"))
    assert "If you do not use your account for 2 years, we delete it" in text
    assert "Which data" in text
    assert "Gebruik je je account" not in text


@pytest.mark.parametrize(
    ("days", "words"), [(730, "2 jaar"), (365, "1 jaar"), (90, "90 dagen"), (1, "1 dag"), (400, "400 dagen")]
)
def test_period_says_whole_years_as_years(days, words):
    with translation.override("nl"):
        assert trust.period(days) == words


def test_privacy_retention_defaults_match_the_settings_in_both_languages(client):
    months = settings.HELPDESK_RETENTION_MONTHS
    assert f"{months} maanden nadat je vraag is afgerond" in text_of(page(client, "core:privacy"))
    assert f"{months} months after your question was closed" in text_of(page(client, "core:privacy", "en"))


def test_privacy_names_the_controller_contacts_and_the_regulator(client, settings):
    settings.PRIVACY_EMAIL = "privacy@test.example"
    settings.PRIVACY_DPO_EMAIL = "fg@test.example"
    html = page(client, "core:privacy")
    text = text_of(html)
    assert "De Sociaal-Economische Raad (SER) is verantwoordelijk" in text
    assert 'href="mailto:privacy@test.example"' in html
    assert 'href="mailto:fg@test.example"' in html
    assert "Functionaris gegevensbescherming" in text
    assert 'href="https://autoriteitpersoonsgegevens.nl"' in html
    # The rights are exercised in the portal: the account's download and deletion.
    assert f'href="{url("accounts:profile")}"' in html
    assert f'href="{url("accounts:delete")}"' in html


def test_privacy_lists_the_cookies_the_portal_sets(client, settings):
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    html = page(client, "core:privacy")
    for name in ("__Host-sessionid", settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME, "messages"):
        assert f"<dt><code>{name}</code></dt>" in html


def test_the_cookies_listed_are_the_cookies_set(client, werkgever):
    """Log in, add to the plan, choose a language: every cookie the portal set is in the statement."""
    client.force_login(werkgever)
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    response = client.get(url("core:privacy"))
    set_cookies = set(client.cookies.keys())
    listed = {cookie.name for cookie in response.context["cookies"]}
    assert set_cookies <= listed, set_cookies - listed


def test_accessibility_statement_has_the_dutch_model_parts(client, settings):
    settings.CONTACT_EMAIL = "meld@test.example"
    settings.HELPDESK_SERVICE_LEVEL_DAYS = {**settings.HELPDESK_SERVICE_LEVEL_DAYS, "normaal": 4}
    html = page(client, "core:accessibility")
    text = text_of(html)
    assert "WCAG 2.1" in text and "WCAG 2.2" in text
    assert "Status: voldoet gedeeltelijk." in text
    assert "Hoe we het testen" in text and "axe-core" in text
    assert "Wat nog niet goed werkt" in text
    assert 'href="mailto:meld@test.example"' in html
    assert "binnen 4 werkdagen een reactie" in text
    assert trust.ACCESSIBILITY_STATEMENT_DATE.strftime("%Y") in text
    assert "30 november 2026" in text
    assert f'href="{url("core:contact")}"' in html


def test_accessibility_time_limits_follow_the_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 8 * 3600
    settings.STAFF_SESSION_IDLE_SECONDS = 20 * 60
    text = text_of(page(client, "core:accessibility"))
    assert "na 8 uur uitgelogd" in text
    assert "na 20 minuten zonder activiteit" in text


def test_partners_page_names_every_partner_with_a_plain_link(client):
    html = page(client, "core:partners")
    text = text_of(html)
    for partner in [partners.CENTRAL, *partners.REFERRING, *partners.OTHERS]:
        assert partner.name in text
        assert f'<a href="{partner.website}">{partner.domain}</a>' in html
    for name in ("ABU", "AWVN", "NBBU", "VNO-NCW", "FNV", "Randstad", "Nederlandse Arbeidsinspectie"):
        assert name in text
    assert "Ministerie van Sociale Zaken en Werkgelegenheid" in text


@pytest.mark.parametrize("name", PAGES)
def test_the_pages_load_nothing_from_other_sites(client, name):
    """Links to the partners' and the regulator's sites are plain links: no images, scripts or styles."""
    html = page(client, name)
    loaded = re.findall(r'\bsrc="([^"]+)"', html)
    loaded += re.findall(r'<link rel="(?:stylesheet|icon)"[^>]*href="([^"]+)"', html)
    assert loaded and all(address.startswith("/") for address in loaded), loaded
    assert "<img" not in html and "<iframe" not in html


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("070 3499 499", "tel:+31703499499"),
        ("(030) 123-45-67", "tel:+31301234567"),
        ("+31 70 3499 499", "tel:+31703499499"),
        ("0031 70 3499 499", "tel:+31703499499"),
    ],
)
def test_tel_uri(phone, uri):
    assert trust.tel_uri(phone) == uri


def test_a_wrong_opening_time_stops_the_start():
    env = {**os.environ, "CONTACT_OPENING_TIME": "negen uur", "DJANGO_SETTINGS_MODULE": "portal.settings.base"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "CONTACT_OPENING_TIME must be a time" in result.stderr
