import factory
from django.utils import timezone

from core.choices import Sector, SizeBand
from menukaart.models import (
    Band,
    Evidence,
    Example,
    ExampleReaction,
    ExampleStatus,
    Initiative,
    Level,
    Material,
    Measure,
    OrganisationSize,
    Phase,
    ReactionStatus,
    Source,
    Status,
    Theme,
)
from tests.accounts.factories import UserFactory


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"niveau-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    position = factory.Sequence(int)


class ThemeFactory(LevelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"thema-{n}")


class PhaseFactory(LevelFactory):
    class Meta:
        model = Phase
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"stap-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"bron-{n}")
    citation = factory.Sequence(lambda n: f"Auteur, A. (2022). Onderzoek naar gelijke kansen, deel {n}.")
    year = 2022
    kind = Source.Kind.RESEARCH


class PublishedMixin(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class MaterialFactory(PublishedMixin):
    class Meta:
        model = Material

    slug = factory.Sequence(lambda n: f"materiaal-{n}")
    title = factory.Sequence(lambda n: f"Toolkit nummer {n}")
    summary = "Een praktische toolkit voor werkgevers."
    kind = Material.Kind.TOOLKIT
    provider = "SER Diversiteit in Bedrijf"
    url = factory.Sequence(lambda n: f"https://www.example.nl/toolkit-{n}")


class InitiativeFactory(PublishedMixin):
    class Meta:
        model = Initiative

    slug = factory.Sequence(lambda n: f"initiatief-{n}")
    name = factory.Sequence(lambda n: f"Netwerk {n}")
    summary = "Een netwerk van werkgevers."


class MeasureFactory(PublishedMixin):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"maatregel-{n}")
    title = factory.Sequence(lambda n: f"Maatregel nummer {n}")
    summary = "Een korte samenvatting van de maatregel."
    why_it_works = "Omdat het onbewuste vooroordelen verkleint."
    evidence = Evidence.PROMISING
    steps = factory.LazyFunction(lambda: ["Begin klein.", "Evalueer na drie maanden."])
    tips = factory.LazyFunction(lambda: ["Betrek de ondernemingsraad vroeg."])
    pitfalls = factory.LazyFunction(lambda: ["Alleen een eenmalige actie."])
    size = OrganisationSize.BOTH
    effort = Band.MEDIUM
    cost = Band.LOW

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if create:
            self.levels.set(extracted if extracted is not None else [LevelFactory(slug="organisatie")])

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [ThemeFactory(slug="behoud")])

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if create and extracted:
            self.phases.set(extracted)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create:
            self.sources.set(extracted if extracted is not None else [SourceFactory(key="tno-test")])

    @factory.post_generation
    def materials(self, create, extracted, **kwargs):
        if create and extracted:
            self.materials.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class ExampleFactory(PublishedMixin):
    class Meta:
        model = Example
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"voorbeeld-{n}")
    title = factory.Sequence(lambda n: f"Praktijkvoorbeeld {n}")
    organisation = "Voorbeeld BV"
    what_they_did = "Ze werkten met anonieme cv's."

    @factory.post_generation
    def measures(self, create, extracted, **kwargs):
        if create and extracted:
            self.measures.set(extracted)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create:
            self.sources.set(extracted if extracted is not None else [SourceFactory(key="tno-test")])


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
