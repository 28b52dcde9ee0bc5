"""The whole catalogue as one file, CSV or JSON, under the open licence named in the data."""

import csv
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from reach.serializers import MeasureSerializer

CSV_COLUMNS = ["slug", "url", "title", "summary", "evidence", "levels", "themes", "phases", "size", "effort",
               "cost", "lead_time", "steps", "tips", "pitfalls", "sources", "updated_at"]  # fmt: skip


def licence() -> dict:
    return {"name": settings.OPEN_DATA_LICENCE, "url": settings.OPEN_DATA_LICENCE_URL,
            "attribution": settings.OPEN_DATA_ATTRIBUTION}  # fmt: skip


def _catalogue() -> list[dict]:
    from reach.api import MeasureViewSet

    return MeasureSerializer(MeasureViewSet().get_queryset(), many=True).data


@require_GET
def catalogue_json(request):
    document = {
        "licence": licence(),
        "generated_at": timezone.now().isoformat(),
        "api_version": "1",
        "measures": _catalogue(),
    }
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="menukaart.json"'
    return response


def _cell(value) -> str:
    if isinstance(value, dict) and "code" in value:
        return value["label"]
    if isinstance(value, list):
        return " | ".join(item["citation"] if isinstance(item, dict) else str(item) for item in value)
    return "" if value is None else str(value)


@require_GET
def catalogue_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="menukaart.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow([*CSV_COLUMNS, "licence"])
    notice = f"{settings.OPEN_DATA_LICENCE} ({settings.OPEN_DATA_LICENCE_URL}), {settings.OPEN_DATA_ATTRIBUTION}"
    for measure in _catalogue():
        writer.writerow([*(_cell(measure[column]) for column in CSV_COLUMNS), notice])
    return response
