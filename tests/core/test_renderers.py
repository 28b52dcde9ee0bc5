"""core.renderers.PortalFormRenderer writes exactly the HTML of Django's own widget templates.

Each widget is rendered with the portal's renderer and with Django's template renderer, and the two
must be identical, character for character; then whole pages full of forms are compared the same
way (their CSRF tokens are random per render, so those are blanked first).
"""

import re
from datetime import date

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.renderers import PortalFormRenderer
from tests.accounts.factories import UserFactory
from tests.helpdesk.factories import StandardAnswerFactory, TicketFactory
from tests.menukaart.factories import MeasureFactory, ThemeFactory

TEMPLATES = DjangoTemplates()
PORTAL = PortalFormRenderer()

CHOICES = [
    ("", "---------"),
    ("a", "Aap & <noot>"),
    (2, gettext_lazy("Nieuw")),
    ("groep", [("x", "X"), ("y", mark_safe("<em>Y</em>"))]),
    ('"q"', 3),
    (mark_safe("s&amp;afe"), "Veilig"),
]
WIDGETS = [
    (forms.TextInput(), "naam", 'Jan <Jansen> & "zoon"'),
    (
        forms.TextInput(attrs={"required": True, "maxlength": 200, "aria-describedby": "hulp", "hidden": False}),
        "q",
        None,
    ),
    (forms.TextInput(), "leeg", ""),
    (forms.EmailInput(attrs={"autocomplete": "email"}), "email", "a@example.nl"),
    (forms.NumberInput(attrs={"min": 0, "step": 1}), "n", 12),
    (forms.URLInput(), "url", "https://example.nl/?a=1&b=2"),
    (forms.HiddenInput(), "verborgen", "x"),
    (forms.PasswordInput(render_value=True), "wachtwoord", "geheim"),
    (forms.PasswordInput(), "wachtwoord", "geheim"),
    (forms.DateInput(attrs={"type": "date"}), "datum", date(2026, 1, 2)),
    (forms.CheckboxInput(), "vink", True),
    (forms.CheckboxInput(), "vink", False),
    (forms.FileInput(), "bestand", None),
    (forms.Textarea(attrs={"rows": 10}), "tekst", "Regel 1\n<b>Regel 2</b> & meer"),
    (forms.Textarea(), "tekst", None),
    (forms.Textarea(), "tekst", ""),
    (forms.Select(choices=CHOICES), "keuze", "a"),
    (forms.Select(choices=CHOICES, attrs={"class": "x", "disabled": True}), "keuze", "y"),
    (forms.Select(choices=CHOICES), "keuze", None),
    (forms.Select(choices=CHOICES), "keuze", 2),
    (forms.Select(choices=[]), "leeg", None),
    (forms.SelectMultiple(choices=CHOICES), "meer", ["a", "x", "y"]),
    (forms.NullBooleanSelect(), "janee", True),
]


@pytest.mark.parametrize(("widget", "name", "value"), WIDGETS, ids=lambda item: getattr(item, "__name__", None))
def test_widget_html_is_the_same_as_with_django_templates(widget, name, value):
    attrs = {"id": f"id_{name}"}
    expected = widget.render(name, value, attrs=attrs, renderer=TEMPLATES)
    assert widget.render(name, value, attrs=attrs, renderer=PORTAL) == expected


def test_a_widget_with_a_template_of_its_own_still_uses_it():
    class Fancy(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Fancy(choices=CHOICES)
    assert widget.render("k", "a", renderer=PORTAL) == widget.render("k", "a", renderer=TEMPLATES)
    radios = forms.RadioSelect(choices=CHOICES)
    assert radios.render("r", "a", renderer=PORTAL) == radios.render("r", "a", renderer=TEMPLATES)


def test_the_portal_uses_it():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), PortalFormRenderer)


# Random per render: the CSRF token, and the question form's visit key.
RANDOM = re.compile(r'name="(csrfmiddlewaretoken|form_visit)" value="[^"]+"')


def page(client, url, renderer) -> str:
    with override_settings(FORM_RENDERER=renderer):
        response = client.get(url)
    assert response.status_code == 200, url
    return RANDOM.sub(r'name="\1" value=""', response.content.decode())


def compare(client, urls) -> None:
    for url in urls:
        ours = page(client, url, "core.renderers.PortalFormRenderer")
        assert ours == page(client, url, "django.forms.renderers.DjangoTemplates"), url


@pytest.mark.django_db
def test_pages_full_of_forms_are_the_same(client, adviseur, abu, monkeypatch):
    # The ticket page adds a row to its own audit trail on every view: not while comparing.
    monkeypatch.setattr("helpdesk.services.record_view", lambda **kwargs: None)
    theme = ThemeFactory()
    measure = MeasureFactory(title="Anoniem solliciteren")
    measure.themes.add(theme)
    ticket = TicketFactory(subject="Anoniem solliciteren", referring_organisation=abu, channel="doorverwijzing")
    StandardAnswerFactory()
    urls = [reverse("helpdesk:ask"), reverse("menukaart:index") + f"?thema={theme.slug}", reverse("accounts:login")]
    compare(client, urls)
    client.force_login(adviseur)
    urls = [
        reverse("helpdesk:queue") + f"?status=nieuw&partner=abu&theme={theme.slug}&unassigned=true&sort=-ontvangen",
        reverse("helpdesk:ticket_detail", args=[ticket.reference]),
    ]
    compare(client, urls)
    client.force_login(UserFactory(role="superuser"))
    compare(
        client,
        [reverse("admin:menukaart_measure_change", args=[measure.pk]), reverse("admin:helpdesk_ticket_changelist")],
    )
