"""The open-data API: published content only, documented, filterable, paginated, cacheable,
rate-limited, readable from any origin."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from menukaart.models import Status
from reach.api import ClientRateThrottle
from tests.menukaart.factories import (
    ExampleFactory,
    InitiativeFactory,
    MaterialFactory,
    MeasureFactory,
    SourceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

LISTS = {
    "api:measure-list": "PaginatedMeasureList",
    "api:material-list": "PaginatedMaterialList",
    "api:initiative-list": "PaginatedInitiativeList",
    "api:example-list": "PaginatedExampleList",
}


@pytest.fixture
def catalogue(db):
    theme = ThemeFactory(slug="werving", name="Werving en selectie")
    source = SourceFactory()
    published = MeasureFactory(slug="anoniem-solliciteren", title="Anoniem solliciteren")
    published.themes.add(theme)
    published.sources.add(source)
    draft = MeasureFactory(slug="nog-in-concept", title="Concept", status=Status.CONCEPT, published_at=None)
    draft.themes.add(theme)
    MaterialFactory(slug="toolkit")
    MaterialFactory(slug="toolkit-concept", status=Status.CONCEPT)
    InitiativeFactory(slug="netwerk")
    example = ExampleFactory(slug="voorbeeld")
    example.measures.add(published, draft)
    return {"published": published, "draft": draft, "theme": theme}


@pytest.fixture
def openapi(client):
    response = client.get(reverse("api:openapi"))
    assert response.status_code == 200
    return response.json()


def test_the_openapi_document_is_valid_and_versioned(openapi):
    validate(openapi)
    assert openapi["info"]["version"] == "1"
    assert "/api/v1/maatregelen/" in openapi["paths"]


@pytest.mark.parametrize("name,schema", LISTS.items())
def test_every_list_matches_its_schema_in_the_openapi_document(name, schema, catalogue, openapi, client):
    response = client.get(reverse(name))
    assert response.status_code == 200
    validator = Draft202012Validator({**openapi, "$ref": f"#/components/schemas/{schema}"})
    errors = list(validator.iter_errors(response.json()))
    assert not errors, errors[0]
    assert response.json()["count"] >= 1


def test_only_published_content_ever_appears(catalogue, client):
    body = json.dumps(
        [client.get(reverse(name)).json() for name in LISTS]
        + [client.get(reverse("api:download_json")).content.decode()]
    )
    assert "anoniem-solliciteren" in body
    assert "nog-in-concept" not in body and "toolkit-concept" not in body
    assert client.get(reverse("api:measure-detail", args=["nog-in-concept"])).status_code == 404
    example = client.get(reverse("api:example-detail", args=["voorbeeld"])).json()
    assert example["measures"] == ["anoniem-solliciteren"]


def test_measure_fields_carry_codes_labels_and_absolute_urls(catalogue, client):
    measure = client.get(reverse("api:measure-detail", args=["anoniem-solliciteren"])).json()
    assert measure["url"].startswith("http") and measure["url"].endswith("/menukaart/maatregel/anoniem-solliciteren/")
    assert set(measure["cost"]) == {"code", "label"}
    assert "werving" in measure["themes"]
    assert measure["sources"][0]["citation"]


def test_materials_say_whether_they_are_still_in_development(catalogue, openapi, client):
    MaterialFactory(slug="zelfinspectietool", in_development=True)
    listed = client.get(reverse("api:material-list")).json()["results"]
    assert {m["slug"]: m["in_development"] for m in listed} == {"toolkit": False, "zelfinspectietool": True}
    detail = client.get(reverse("api:material-detail", args=["zelfinspectietool"])).json()
    assert detail["in_development"] is True
    # Added within version 1: a new, always present field; the fields that were there stay.
    schema = openapi["components"]["schemas"]["Material"]
    assert schema["properties"]["in_development"]["type"] == "boolean"
    assert "in_development" in schema["required"]
    assert {"slug", "url", "title", "summary", "kind", "provider", "cost", "audience", "sources", "published_at",
            "updated_at"} < set(schema["properties"])  # fmt: skip


def test_measures_filter_like_the_catalogue_and_bad_filters_are_a_400(catalogue, client):
    other = MeasureFactory(slug="andere-maatregel")
    listed = client.get(reverse("api:measure-list"), {"thema": "werving"}).json()
    assert [m["slug"] for m in listed["results"]] == ["anoniem-solliciteren"]
    assert other.slug in json.dumps(client.get(reverse("api:measure-list")).json())
    assert client.get(reverse("api:measure-list"), {"thema": "bestaat-niet"}).status_code == 400
    assert client.get(reverse("api:measure-list"), {"kosten": "gratis"}).status_code == 400


def test_pagination_follows_links_and_refuses_pages_that_do_not_exist(catalogue, client):
    MeasureFactory.create_batch(4)
    first = client.get(reverse("api:measure-list"), {"per_pagina": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2 and "pagina=2" in first["next"]
    last = client.get(reverse("api:measure-list"), {"per_pagina": 2, "pagina": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None
    assert client.get(reverse("api:measure-list"), {"pagina": 99}).status_code == 404
    assert client.get(reverse("api:measure-list"), {"pagina": "ja"}).status_code == 404


def test_conditional_requests_are_answered_304_until_the_content_changes(catalogue, client):
    url = reverse("api:measure-list")
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"] and "max-age" in first["Cache-Control"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and not again.content
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    measure = catalogue["published"]
    measure.title = "Anoniem solliciteren, herzien"
    measure.save()
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    detail = reverse("api:measure-detail", args=[measure.slug])
    etag = client.get(detail)["ETag"]
    assert client.get(detail, headers={"if-none-match": etag}).status_code == 304


def test_clients_are_rate_limited(catalogue, client, monkeypatch):
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"open_data": "3/min"})
    statuses = [client.get(reverse("api:material-list")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_any_origin_may_read_but_only_the_api(catalogue, client):
    api = client.get(reverse("api:measure-list"), headers={"origin": "https://www.partner.example"})
    assert api["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in api
    page = client.get(reverse("menukaart:index"), headers={"origin": "https://www.partner.example"})
    assert "Access-Control-Allow-Origin" not in page


def test_writing_is_refused(catalogue, client):
    assert client.post(reverse("api:measure-list"), {}).status_code == 405
    assert client.delete(reverse("api:measure-detail", args=["anoniem-solliciteren"])).status_code == 405


@pytest.mark.parametrize("name", LISTS)
def test_list_query_counts_do_not_grow_with_rows(name, catalogue, client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        return len(queries)

    before = count()
    theme, source = catalogue["theme"], SourceFactory()
    for measure in MeasureFactory.create_batch(20):
        measure.themes.add(theme)
        measure.sources.add(source)
    MaterialFactory.create_batch(20)
    InitiativeFactory.create_batch(20)
    for example in ExampleFactory.create_batch(20):
        example.measures.add(catalogue["published"])
    assert count() == before


def test_the_whole_catalogue_downloads_as_csv_and_json_with_its_licence(catalogue, client):
    document = json.loads(client.get(reverse("api:download_json")).content)
    assert document["licence"]["name"] == "CC BY 4.0"
    assert [m["slug"] for m in document["measures"]] == ["anoniem-solliciteren"]
    csv = client.get(reverse("api:download_csv"))
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].endswith(",licence") and "CC BY 4.0" in lines[1] and len(lines) == 2
