from datetime import timedelta

import factory
from django.utils import timezone

from helpdesk.models import Channel, OutcomeCategory, StandardAnswer, Ticket
from menukaart.models import Measure, Status, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"maatregel-{n}")
    title = factory.Sequence(lambda n: f"Maatregel {n}")
    summary = "Een maatregel die werkt."
    why_it_works = "Omdat het onderzoek dat laat zien."
    evidence = 2
    effort = "laag"
    cost = "laag"
    status = Status.PUBLISHED


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeCategory
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"uitkomst-{n}")
    name = factory.Sequence(lambda n: f"Uitkomst {n}")


class StandardAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardAnswer

    title = factory.Sequence(lambda n: f"Standaardantwoord {n}")
    body = "Dank voor je vraag. Kijk eens naar de menukaart."


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticket

    reference = factory.Sequence(lambda n: f"DIB-2000-{n:06d}")
    subject = factory.Sequence(lambda n: f"Vraag over werving {n}")
    question = "Hoe werven wij inclusiever zonder iemand voor te trekken?"
    employer_name = factory.Sequence(lambda n: f"Werkgever {n} BV")
    contact_name = "Jan Jansen"
    contact_email = factory.Sequence(lambda n: f"werkgever{n}@example.nl")
    consent_processing = True
    channel = Channel.WEB
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


class ReferralFactory(TicketFactory):
    channel = Channel.REFERRAL
    consent_share_with_partner = True


def ask_form_data(**overrides) -> dict:
    """A valid POST to the public question form ("Stel een vraag"); overrides replace fields."""
    return {
        "action": "submit",
        "subject": "Werving van statushouders",
        "question": "Hoe begeleiden wij statushouders goed bij werving en selectie?",
        "employer_name": "Bouwbedrijf Noord",
        "contact_name": "Piet de Boer",
        "contact_email": "piet@noord.example",
        "charter_signatory": "onbekend",
        "consent": "on",
        **overrides,
    }


# The composer's fields for an answer to the employer (switch, button and tick) and for a note.
SEND = {"kind": "antwoord", "action": "antwoord", "confirm_send": "on"}
NOTE = {"kind": "notitie", "action": "notitie"}
