import pytest

from helpdesk import services
from tests.helpdesk.factories import OutcomeFactory, ReferralFactory, TicketFactory
from tests.menukaart.factories import MeasureFactory, ThemeFactory


@pytest.fixture
def theme(db):
    return ThemeFactory(slug="werving", name="Werving en selectie")


@pytest.fixture
def measure(theme):
    measure = MeasureFactory(
        slug="anoniem-solliciteren",
        title="Anoniem solliciteren",
        summary="Haal naam en foto weg uit de eerste selectieronde.",
        why_it_works="Selecteurs beoordelen vaardigheden in plaats van afkomst bij werving en selectie.",
    )
    measure.themes.add(theme)
    return measure


@pytest.fixture
def outcome(db):
    return OutcomeFactory(slug="beantwoord", name="Beantwoord met advies")


@pytest.fixture
def ticket(db):
    return TicketFactory()


@pytest.fixture
def referral_abu(partner_abu):
    return ReferralFactory(referring_organisation=partner_abu.organisation, referred_by=partner_abu)


@pytest.fixture
def referral_awvn(partner_awvn):
    return ReferralFactory(referring_organisation=partner_awvn.organisation, referred_by=partner_awvn)


@pytest.fixture
def submitted(db, django_capture_on_commit_callbacks):
    """A question submitted through the service; returns (ticket, follow token)."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.submit_question(
            subject="Diversiteit in ons team",
            question="Hoe bespreken wij culturele diversiteit in het team?",
            employer_name="Bakkerij Mol",
            contact_name="Fatima Mol",
            contact_email="fatima@bakkerij.example",
            consent_processing=True,
        )


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded files go to a temporary private folder, never into the project's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.PRIVATE_MEDIA_ROOT},
        },
    }
    return settings.PRIVATE_MEDIA_ROOT
