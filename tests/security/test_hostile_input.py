"""Hostile input, property-based: whatever a visitor or a logged-in user types into any form or any
query string, the portal answers with a page or a 4xx, never a 500.

The pages are discovered, not listed: every URL without parameters is fetched for each role, and
every form on it is filled by hypothesis with hostile values (random unicode, NUL bytes, huge
values, wrong types, odd dates, script payloads, repeated parameters). New pages and forms are
covered the day they are added. The runs are derandomised so CI is reproducible.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import _clear_test_cache_keys
from tests.menukaart.factories import ExampleFactory, InitiativeFactory, MaterialFactory, MeasureFactory, ThemeFactory

# Namespaces and pages left out: the admin has its own (Django's) forms, log-out ends the session
# the test is using, i18n switches the language.
SKIPPED_NAMESPACES = {"admin", "djdt"}
SKIPPED_NAMES = {"accounts:logout", "set_language", "health"}
SKIPPED_ACTIONS = ("/uitloggen/", "/i18n/", "/beheer/")

HOSTILE_WORDS = [
    "", " ", "0", "-1", "1", "2", "NaN", "inf", "-inf", "1e309", "ja", "nee", "off", "true", "null", "None",
    "9" * 40, "\x00", "a\x00b", "<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>",
    "../../etc/passwd", "' OR 1=1 --", "%00", "%", "_", "\\", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂", "\u202e", "\ud7ff",
    "2026-02-30", "31-12-1899", "9999-99-99", "12:99", "25:00", "[]", "{}", "[1,2", "http://", "javascript:alert(1)",
    "a@b", "@", "x" * 300,
]

hostile_value = st.one_of(
    st.sampled_from(HOSTILE_WORDS),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.builds(lambda char, n: char * n, st.characters(), st.sampled_from([1_000, 20_000, 120_000])),
)


class _FormParser(HTMLParser):
    """Collects each <form>'s method, action and field names (with the options of selects)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": {},
                "files": set(),
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in {"input", "textarea", "select", "button"} and attrs.get("name"):
            name = attrs["name"]
            if attrs.get("type") == "file":
                self._form["files"].add(name)
            else:
                self._form["fields"].setdefault(name, [])
                if attrs.get("value"):
                    self._form["fields"][name].append(attrs["value"])
            if tag == "select":
                self._select = name
        elif tag == "option" and self._form is not None and self._select and attrs.get("value"):
            self._form["fields"][self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _pages_without_parameters() -> list[str]:
    """Every URL name in the project whose pattern takes no parameters, as reversed Dutch paths."""
    names: list[str] = []

    def walk(patterns, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in SKIPPED_NAMESPACES:
                    continue
                inner = pattern.namespace if pattern.namespace else namespace
                if inner and namespace and pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}"
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
                names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    paths = []
    with translation.override("nl"):
        for name in sorted(set(names) - SKIPPED_NAMES):
            try:
                paths.append(reverse(name))
            except Exception:  # noqa: BLE001,S112 - a pattern that needs arguments after all: not a page
                continue
    return paths


def _forms_on(client, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code < 500, f"GET {path} answered {response.status_code}"
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = _FormParser()
    parser.feed(response.content.decode("utf-8", errors="replace"))
    forms = []
    for form in parser.forms:
        action = urljoin(path, form["action"]) if form["action"] else path
        if urlsplit(action).netloc or action.startswith(SKIPPED_ACTIONS):
            continue
        forms.append({**form, "action": urlsplit(action).path})
    return forms


def _fuzz_form(client, form: dict) -> None:
    field_names = sorted(form["fields"]) + ["page", "q", "sort", "o", "next", "pagina", "zoek"]
    known_values = sorted({value for values in form["fields"].values() for value in values})
    value = st.one_of(hostile_value, st.sampled_from(known_values)) if known_values else hostile_value
    pairs = st.lists(st.tuples(st.sampled_from(field_names) | st.text(max_size=12), value), max_size=12)
    files = st.just([]) if not form["files"] else st.lists(
        st.tuples(
            st.sampled_from(sorted(form["files"])),
            st.sampled_from(["a.pdf", "../../x.pdf", "x.svg", "x.html", "x.pdf.exe", "", "é" * 300 + ".png"]),
            st.sampled_from([b"", b"%PDF-1.4 hallo", b"<svg onload=alert(1)>", b"\x00" * 64]),
        ),
        max_size=2,
    )

    @settings(
        max_examples=15,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(pairs=pairs, uploads=files)
    def check(pairs, uploads):
        _clear_test_cache_keys()  # throttles must not turn every later example into a 429
        if form["method"] == "post":
            data: dict = {}
            for key, item in pairs:
                data.setdefault(key, []).append(item)
            for key, name, content in uploads:
                data.setdefault(key, []).append(SimpleUploadedFile(name, content))
            response = client.post(form["action"], data)
        else:
            response = client.get(f"{form['action']}?{urlencode(pairs, doseq=True)}")
        assert response.status_code < 500, f"{form['method'].upper()} {form['action']} {pairs!r} → 500"

    check()


@pytest.fixture
def content(db):
    theme = ThemeFactory(slug="werving", name="Werving en selectie")
    measures = MeasureFactory.create_batch(3)
    for measure in measures:
        measure.themes.add(theme)
    MaterialFactory.create_batch(2)
    InitiativeFactory()
    ExampleFactory()
    return measures


@pytest.mark.parametrize("role", ["anoniem", "werkgever", "partner-medewerker", "adviseur", "contentbeheerder"])
def test_no_form_or_query_string_gives_a_server_error(role, user_with_role, content, client):
    """For each role: every form on every parameterless page, filled with hostile values, gives < 500."""
    user = user_with_role(role)
    if user is not None:
        client.force_login(user)
    fuzzed = 0
    for path in _pages_without_parameters():
        for form in _forms_on(client, path):
            if user is not None and form["action"].endswith("/inloggen/"):
                continue  # a log-in form on a page for a logged-in user would end the test's session
            _fuzz_form(client, form)
            fuzzed += 1
            if user is not None:
                client.force_login(user)  # a form may have logged the user out or rotated the session
    assert fuzzed >= 3, "the discovery found too few forms: the test would prove nothing"

