"""A short glossary of the jargon that remains in the menukaart, explained in plain Dutch (B1).

`explain_terms` (template filter `uitleg`) adds the short explanation in brackets after the first
time a term appears in a text, with a link to the glossary page, so no one has to look it up.
"""

import re

from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

GLOSSARY = (
    (
        "borging",
        _("borging"),
        _(
            "zorgen dat een aanpak blijft, ook als de mensen die ermee begonnen weg zijn: vastleggen in beleid, "
            "planning en cijfers"
        ),
    ),
    (
        "commitment-van-de-top",
        _("commitment van de top"),
        _("de directie kiest er zichtbaar voor en maakt tijd, geld en mensen vrij"),
    ),
    (
        "intervisie",
        _("intervisie"),
        _("collega's bespreken in een kleine groep situaties uit hun werk en helpen elkaar met vragen en advies"),
    ),
    ("smart", _("SMART"), _("een doel dat Specifiek, Meetbaar, Acceptabel, Realistisch en Tijdgebonden is")),
    (
        "vlootschouw",
        _("vlootschouw"),
        _("een overleg waarin leidinggevenden samen het talent en de groei van hun medewerkers bespreken"),
    ),
)


def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + re.escape(term) + r")(?![\w-])", re.IGNORECASE)


def explain_terms(text: str) -> str:
    """The text, escaped, with each glossary term explained once (first occurrence)."""
    result = str(conditional_escape(text))
    url = reverse("menukaart:glossary")
    for slug, term, explanation in GLOSSARY:
        pattern = _pattern(str(term))

        def add(match, slug=slug, explanation=explanation):
            return str(
                format_html(
                    '{} <span class="term-explained">(<a href="{}#{}">{}</a>)</span>',
                    mark_safe(match.group(1)),  # noqa: S308 (already escaped above)  # nosec B308 B703
                    url,
                    slug,
                    explanation,
                )
            )

        result = pattern.sub(add, result, count=1)
    return mark_safe(result)  # noqa: S308 (built from escaped text and format_html)  # nosec B308 B703
