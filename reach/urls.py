from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from reach import api, downloads

router = SimpleRouter()
router.register("maatregelen", api.MeasureViewSet, basename="measure")
router.register("materialen", api.MaterialViewSet, basename="material")
router.register("initiatieven", api.InitiativeViewSet, basename="initiative")
router.register("praktijkvoorbeelden", api.ExampleViewSet, basename="example")

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("v1/download/menukaart.json", downloads.catalogue_json, name="download_json"),
    path("v1/download/menukaart.csv", downloads.catalogue_csv, name="download_csv"),
]
