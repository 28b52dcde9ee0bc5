from datetime import timedelta

import factory
from django.utils import timezone

from communities.models import (
    Event,
    Lesson,
    Meeting,
    MeetingRegistration,
    Membership,
    MembershipStatus,
    Network,
    Post,
    Proposal,
    ProposalKind,
    Resource,
    ResourceVisibility,
    RoleModel,
    RoleModelConsent,
    RoleModelStatus,
)
from core.choices import Sector, SizeBand
from menukaart.models import ExampleReaction, ExampleStatus, ReactionStatus
from tests.factories import OrganisationFactory, UserFactory
from tests.menukaart.factories import ExampleFactory


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"netwerk-{n}")
    name = factory.Sequence(lambda n: f"Doe-netwerk {n}")
    summary = "Werkgevers leren samen objectief werven en selecteren."
    description = "We komen vier keer per jaar bij elkaar en delen wat werkt."
    host_organisation = factory.SubFactory(OrganisationFactory)
    target_employers = 60

    @factory.post_generation
    def coordinators(self, create, extracted, **kwargs):
        if create and extracted:
            self.coordinators.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory, role="werkgever")
    organisation = factory.LazyAttribute(lambda o: o.user.organisation)
    status = MembershipStatus.ACTIVE
    decided_at = factory.LazyFunction(timezone.now)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    location = "Den Haag"
    agenda = "1. Opening\n2. Ervaringen met anoniem solliciteren"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRegistration

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory, role="werkgever")


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    network = factory.SubFactory(NetworkFactory)
    meeting = None
    title = factory.Sequence(lambda n: f"Les {n}")
    body = "Een vaste vragenlijst maakt gesprekken beter vergelijkbaar."


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    network = factory.SubFactory(NetworkFactory)
    author = factory.SubFactory(UserFactory, role="werkgever")
    title = factory.Sequence(lambda n: f"Vraag {n}")
    body = "Hoe houden jullie de selectiecommissie divers?"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Bron {n}")
    url = factory.Sequence(lambda n: f"https://www.example.nl/bron-{n}")
    visibility = ResourceVisibility.MEMBERS


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    network = factory.SubFactory(NetworkFactory)
    lesson = factory.SubFactory(LessonFactory, network=factory.SelfAttribute("..network"))
    kind = ProposalKind.NEW
    title = factory.Sequence(lambda n: f"Voorstel {n}")
    body = "Neem een vaste vragenlijst op als maatregel."


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = "Internationale dag tegen racisme en discriminatie"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    all_day = True


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
