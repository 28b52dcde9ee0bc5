"""The open-data representation of published content (version 1 of the API).

Field names are English and stable: a change that removes or renames a field is a new version
(/api/v2/), never an edit here. Choice fields carry both the stable code and its Dutch label.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation
from communities.models import Event, Meeting, Network
from menukaart.models import Example, Initiative, Material, Measure, Source


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


@extend_schema_field(
    {
        "type": "object",
        "properties": {"code": {"type": ["string", "integer"]}, "label": {"type": "string"}},
        "required": ["code", "label"],
    }
)
class ChoiceField(serializers.Field):
    """{"code": "laag", "label": "Laag"} for a model field with choices."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        name = self.source or self.field_name
        return {"code": getattr(instance, name), "label": str(getattr(instance, f"get_{name}_display")())}


class SourceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, help_text="Link naar de bron; leeg als er geen is.")

    class Meta:
        model = Source
        fields = ["citation", "year", "url"]


def slug_list() -> serializers.ManyRelatedField:
    """The slugs of related terms or items, e.g. "themes": ["werving"]."""
    # many=True makes a ManyRelatedField (SlugRelatedField.__new__); the stubs do not model that.
    return serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")  # type: ignore[return-value]


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.SerializerMethodField):
    """The public page of the item on the portal (absolute, Dutch)."""

    def __init__(self, **kwargs):
        super().__init__(method_name="page_url", **kwargs)


class PublishedContentSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    def page_url(self, obj) -> str:
        return absolute(obj.get_absolute_url())


class MeasureSerializer(PublishedContentSerializer):
    evidence = ChoiceField()
    effort = ChoiceField()
    cost = ChoiceField()
    size = ChoiceField()
    levels = slug_list()
    themes = slug_list()
    phases = slug_list()
    materials = slug_list()
    initiatives = slug_list()
    sources = SourceSerializer(many=True, read_only=True)
    steps = serializers.ListField(child=serializers.CharField(), read_only=True)
    tips = serializers.ListField(child=serializers.CharField(), read_only=True)
    pitfalls = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Measure
        fields = [
            "slug", "url", "title", "summary", "why_it_works", "evidence", "evidence_note", "backfire_warning",
            "levels", "themes", "phases", "size", "effort", "cost", "lead_time", "works_council",
            "works_council_note", "privacy_note", "steps", "tips", "pitfalls", "sources", "materials",
            "initiatives", "published_at", "updated_at",
        ]  # fmt: skip


class MaterialSerializer(PublishedContentSerializer):
    kind = ChoiceField()
    cost = ChoiceField()
    # Added within version 1 (a new field is a compatible change); the model's help text is for editors.
    in_development = serializers.BooleanField(
        read_only=True, help_text="De maker werkt er nog aan: nog niet klaar (op het portaal: 'In ontwikkeling')."
    )
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Material
        fields = ["slug", "url", "title", "summary", "kind", "provider", "cost", "audience", "in_development",
                  "sources", "published_at", "updated_at"]  # fmt: skip

    def page_url(self, obj) -> str:
        # A material's own address is the provider's; the portal's page lists it.
        return obj.url or absolute(obj.get_absolute_url())


class InitiativeSerializer(PublishedContentSerializer):
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = ["slug", "url", "name", "summary", "organiser", "sources", "published_at", "updated_at"]

    def page_url(self, obj) -> str:
        return obj.url or absolute(obj.get_absolute_url())


class ExampleSerializer(PublishedContentSerializer):
    measures = serializers.SerializerMethodField()
    themes = slug_list()
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Example
        fields = ["slug", "url", "title", "organisation", "sector", "what_they_did", "what_it_brought",
                  "measures", "themes", "sources", "published_at", "updated_at"]  # fmt: skip

    def get_measures(self, obj) -> list[str]:
        # Only published measures (prefetched by the view): a draft is never named in open data.
        return [measure.slug for measure in obj.published_measures]


# --- Doe-netwerken and the public agenda ---------------------------------------------------------


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["slug", "name"]


class NetworkSerializer(PublishedContentSerializer):
    themes = slug_list()
    host_organisation = OrganisationRefSerializer(read_only=True)
    region = ChoiceField()
    join_policy = ChoiceField()
    status = ChoiceField()
    examples = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()

    class Meta:
        model = Network
        fields = ["slug", "url", "name", "summary", "description", "themes", "host_organisation", "region",
                  "sector_focus", "join_policy", "status", "examples", "calendar_url", "created_at",
                  "updated_at"]  # fmt: skip

    def get_examples(self, obj) -> list[str]:
        # Only published examples (prefetched by the view).
        return [example.slug for example in obj.published_examples]

    def get_calendar_url(self, obj) -> str:
        """The network's public meetings as an iCalendar feed."""
        return absolute(reverse("communities:network_feed", kwargs={"slug": obj.slug}))


class MeetingSerializer(PublishedContentSerializer):
    network: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    network_name = serializers.CharField(source="network.name", read_only=True)
    online = serializers.SerializerMethodField()
    cancelled = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "url", "network", "network_name", "title", "starts_at", "ends_at", "location", "online",
                  "agenda", "cancelled", "created_at", "updated_at"]  # fmt: skip

    def get_online(self, obj) -> bool:
        """Online participation possible (the link itself is for the network's members)."""
        return bool(obj.online_url)

    def get_cancelled(self, obj) -> bool:
        return obj.cancelled_at is not None


class EventSerializer(PublishedContentSerializer):
    class Meta:
        model = Event
        fields = ["id", "url", "title", "description", "starts_at", "ends_at", "all_day", "location", "updated_at"]

    def page_url(self, obj) -> str:
        # A date's own page is the organiser's; otherwise the portal's public agenda.
        return obj.url or absolute(reverse("communities:calendar") + f"#datum-{obj.pk}")
