"""{% structured_data object %}: schema.org JSON-LD for a measure (HowTo), an example (Article) or a
public meeting of a doe-netwerk (Event), and {% organisation_data %} for the portal itself. JSON-LD
is data, not script: the strict CSP does not apply to it, and its text is escaped like json_script
does."""

import json
from typing import Any

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from communities.models import Meeting
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


def meeting_data(meeting: Meeting) -> dict:
    online = bool(meeting.online_url)
    if meeting.location and online:
        mode = "https://schema.org/MixedEventAttendanceMode"
    else:
        mode = (
            "https://schema.org/OnlineEventAttendanceMode"
            if online
            else "https://schema.org/OfflineEventAttendanceMode"
        )
    location = []
    if meeting.location:
        location.append({"@type": "Place", "name": meeting.location, "address": meeting.location})
    if online:
        # The link itself is for the network's members: the meeting's page is the virtual location.
        location.append({"@type": "VirtualLocation", "url": _url(meeting.get_absolute_url())})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "description": meeting.agenda[:500] or meeting.network.summary,
        "url": _url(meeting.get_absolute_url()),
        "startDate": meeting.starts_at.isoformat(),
        "endDate": meeting.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if meeting.cancelled_at
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": mode,
        "inLanguage": "nl",
        "organizer": {"@type": "Organization", "name": meeting.network.host_organisation.name},
        "superEvent": {
            "@type": "EventSeries",
            "name": meeting.network.name,
            "url": _url(meeting.network.get_absolute_url()),
        },
    }
    if location:
        data["location"] = location[0] if len(location) == 1 else location
    return data


@register.simple_tag
def structured_data(obj) -> str:
    if isinstance(obj, Measure):
        return _script(measure_data(obj))
    if isinstance(obj, Example):
        return _script(example_data(obj))
    if isinstance(obj, Meeting):
        # Only what is announced to everyone: a members-only meeting is not for search engines.
        return _script(meeting_data(obj)) if obj.is_public and obj.network.is_listed else ""
    return ""


@register.simple_tag
def organisation_data() -> str:
    return _script({"@context": "https://schema.org", **organisation(), "@type": ["Organization", "WebSite"]})
