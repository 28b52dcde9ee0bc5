"""The portal's URLconf plus the floor views under /bench-floor/ (bench/settings.py only)."""

from django.urls import include, path

from portal.urls import handler400, handler403, handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("bench-floor/", include("bench.floor")), *portal_urlpatterns]
