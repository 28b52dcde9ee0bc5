"""The open-data API, version 1: published content only, read-only, public, cacheable.

Every list and item answers conditional requests: the ETag and Last-Modified come from one cheap
aggregate over the filtered rows (newest change and row count), computed before any row is read,
so a partner that polls with If-None-Match gets a 304 without the page being built.
"""

import hashlib
import logging

from django.db.models import Count, Max, Prefetch
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import pagination, throttling, viewsets

from core.ratelimit import CACHE_ERRORS, client_key
from menukaart.filters import MeasureFilter
from menukaart.models import Example, Initiative, Material, Measure
from reach import serializers

log = logging.getLogger(__name__)

API_VERSION = "1"


class Pagination(pagination.PageNumberPagination):
    page_query_param = "pagina"
    page_size = 50
    page_size_query_param = "per_pagina"
    max_page_size = 200

    def get_paginated_response_schema(self, schema):
        # DRF describes next/previous with OpenAPI 3.0's "nullable"; the document is OpenAPI 3.1.
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {"count": {"type": "integer"}, "next": link, "previous": link, "results": schema},
        }


class ClientRateThrottle(throttling.SimpleRateThrottle):
    """Requests per client (its address as the proxy reports it, see core.ratelimit). When the
    cache is down the API stays open (and says so in the log): open data must not go dark."""

    scope = "open_data"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_key(request)}

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS:
            log.warning("open-data rate limit not counted: the cache is unavailable")
            return True


class ConditionalMixin:
    """ETag / Last-Modified for lists and items, and 304 for a matching conditional request."""

    max_age = 300

    def _stamp(self, queryset):
        return queryset.order_by().aggregate(changed=Max("updated_at"), rows=Count("pk"))

    def _conditional(self, request, stamp, respond):
        changed = stamp["changed"]
        raw = f"v{API_VERSION}|{request.get_full_path()}|{changed and changed.isoformat()}|{stamp['rows']}"
        etag = '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'
        last_modified = int(changed.timestamp()) if changed else None  # HTTP dates have whole seconds
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        response = not_modified or respond()
        response["ETag"] = etag
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=self.max_age)
        return response

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        return self._conditional(request, self._stamp(queryset), lambda: super(ConditionalMixin, self).list(
            request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        queryset = self.get_queryset().filter(**{self.lookup_field: kwargs[self.lookup_field]})
        return self._conditional(request, self._stamp(queryset), lambda: super(ConditionalMixin, self).retrieve(
            request, *args, **kwargs))


class OpenDataViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    pagination_class = Pagination
    throttle_classes = [ClientRateThrottle]
    authentication_classes: list = []  # public data: no sessions, so no CSRF and no personal context


@extend_schema_view(
    list=extend_schema(summary="Maatregelen (gepubliceerd), te filteren zoals de menukaart"),
    retrieve=extend_schema(summary="Eén maatregel"),
)
class MeasureViewSet(OpenDataViewSet):
    serializer_class = serializers.MeasureSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = MeasureFilter

    def get_queryset(self):
        return (
            Measure.objects.published()
            .prefetch_related(
                "levels", "themes", "phases", "sources",
                Prefetch("materials", queryset=Material.objects.published().only("slug")),
                Prefetch("initiatives", queryset=Initiative.objects.published().only("slug")),
            )
            .order_by("title")
        )  # fmt: skip


@extend_schema_view(
    list=extend_schema(summary="Materialen (gepubliceerd)"), retrieve=extend_schema(summary="Eén materiaal")
)
class MaterialViewSet(OpenDataViewSet):
    serializer_class = serializers.MaterialSerializer

    def get_queryset(self):
        return Material.objects.published().prefetch_related("sources").order_by("title")


@extend_schema_view(
    list=extend_schema(summary="Initiatieven en netwerken (gepubliceerd)"),
    retrieve=extend_schema(summary="Eén initiatief"),
)
class InitiativeViewSet(OpenDataViewSet):
    serializer_class = serializers.InitiativeSerializer

    def get_queryset(self):
        return Initiative.objects.published().prefetch_related("sources").order_by("name")


@extend_schema_view(
    list=extend_schema(summary="Praktijkvoorbeelden (gepubliceerd)"), retrieve=extend_schema(summary="Eén voorbeeld")
)
class ExampleViewSet(OpenDataViewSet):
    serializer_class = serializers.ExampleSerializer

    def get_queryset(self):
        return (
            Example.objects.published()
            .prefetch_related(
                "themes", "sources",
                Prefetch("measures", queryset=Measure.objects.published().only("slug"), to_attr="published_measures"),
            )
            .order_by("title")
        )  # fmt: skip
