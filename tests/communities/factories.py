import factory
from django.utils import timezone

from communities.models import RoleModel, RoleModelConsent, RoleModelStatus
from core.choices import Sector, SizeBand
from menukaart.models import ExampleReaction, ExampleStatus, ReactionStatus
from tests.factories import UserFactory
from tests.menukaart.factories import ExampleFactory


class SubmittedExampleFactory(ExampleFactory):
    """A story sent in through the portal, waiting for moderation."""

    status = ExampleStatus.SUBMITTED
    published_at = None
    submitted_by = factory.SubFactory(UserFactory, role="werkgever")
    submitted_at = factory.LazyFunction(timezone.now)
    sector = Sector.F
    size_band = SizeBand.S10_49
    what_it_brought = "Meer sollicitanten met een migratieachtergrond."


class ReactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExampleReaction

    example = factory.SubFactory(ExampleFactory)
    author = factory.SubFactory(UserFactory, role="werkgever")
    organisation_name = factory.LazyAttribute(lambda o: o.author.organisation.name)
    kind = ExampleReaction.Kind.QUESTION
    body = factory.Sequence(lambda n: f"Hoe hebben jullie de leidinggevenden meegekregen? ({n})")
    status = ReactionStatus.SUBMITTED


class RoleModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleModel

    slug = factory.Sequence(lambda n: f"rolmodel-{n}")
    name = factory.Sequence(lambda n: f"Fatima Bakker {n}")
    job_title = "Directeur"
    organisation = "Installatiebedrijf Noord"
    message = "Gelijke kansen beginnen bij wie je uitnodigt."
    what_they_did = "Ik liet ons team werven zonder cv."
    email = factory.Sequence(lambda n: f"rolmodel{n}@example.nl")
    status = RoleModelStatus.DRAFT


def consent_to_current_text(role_model: RoleModel) -> RoleModelConsent:
    role_model.refresh_from_db()
    return RoleModelConsent.objects.create(
        role_model=role_model, given_by=role_model.name, text=role_model.consent_text(), text_hash=role_model.text_hash
    )


def published_role_model(**kwargs) -> RoleModel:
    role_model = RoleModelFactory(**kwargs)
    consent_to_current_text(role_model)
    role_model.status = RoleModelStatus.PUBLISHED
    role_model.published_at = timezone.now()
    role_model.save()
    return role_model
