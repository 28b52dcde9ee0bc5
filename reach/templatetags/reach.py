"""{% structured_data object %}: schema.org JSON-LD for a measure (HowTo) or an example (Article),
and {% organisation_data %} for the portal itself. JSON-LD is data, not script: the strict CSP
does not apply to it, and its text is escaped like json_script does."""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from menukaart.models import Example, Measure

register = template.Library()

ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False).translate(ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308  # nosec B308 B703 (escaped above)


def _url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def organisation() -> dict:
    return {
        "@type": "Organization",
        "name": "Werkagenda VIA portaal",
        "url": _url("/"),
        "description": "Wat werkt voor gelijke kansen en culturele diversiteit op het werk.",
    }


def measure_data(measure: Measure) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": measure.title,
        "description": measure.summary,
        "url": _url(measure.get_absolute_url()),
        "inLanguage": "nl",
        "dateModified": measure.updated_at.isoformat() if measure.updated_at else None,
        "step": [{"@type": "HowToStep", "position": n, "text": step} for n, step in enumerate(measure.steps, 1)],
        "publisher": organisation(),
    }


def example_data(example: Example) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": example.title,
        "about": example.organisation,
        "articleBody": example.what_they_did,
        "url": _url(example.get_absolute_url()),
        "inLanguage": "nl",
        "datePublished": example.published_at.isoformat() if example.published_at else None,
        "dateModified": example.updated_at.isoformat() if example.updated_at else None,
        "publisher": organisation(),
    }


@register.simple_tag
def structured_data(obj) -> str:
    if isinstance(obj, Measure):
        return _script(measure_data(obj))
    if isinstance(obj, Example):
        return _script(example_data(obj))
    return ""


@register.simple_tag
def organisation_data() -> str:
    return _script({"@context": "https://schema.org", **organisation(), "@type": ["Organization", "WebSite"]})
