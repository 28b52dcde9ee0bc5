import logging
import sys
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from core import partners as partner_list
from core import trust
from core.models import WorkerHeartbeat
from core.ratelimit import CACHE_ERRORS

security_log = logging.getLogger("portal.security")
health_log = logging.getLogger("portal.health")


def home(request):
    return render(request, "core/home.html")


def about(request):
    return render(request, "core/about.html")


def contact(request):
    return render(request, "core/contact.html", {"contact": trust.contact()})


def partners(request):
    return render(
        request,
        "core/partners.html",
        {"central": partner_list.CENTRAL, "referring": partner_list.REFERRING, "others": partner_list.OTHERS},
    )


def privacy(request):
    return render(
        request,
        "core/privacy.html",
        {
            "contact": trust.contact(),
            "retention": trust.retention(),
            "cookies": trust.cookies(),
            "referring_names": ", ".join(partner.abbreviation for partner in partner_list.REFERRING),
            "statement_date": trust.PRIVACY_STATEMENT_DATE,
        },
    )


def accessibility(request):
    return render(
        request,
        "core/accessibility.html",
        {
            "contact": trust.contact(),
            "session_hours": trust.retention().session_hours,
            "staff_idle_minutes": trust.staff_idle_minutes(),
            "statement_date": trust.ACCESSIBILITY_STATEMENT_DATE,
        },
    )


def _check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def _check_cache() -> bool:
    """The shared cache (Redis) holds the throttle counters: write and read one key."""
    try:
        cache.set("health:probe", "ok", timeout=30)
        return cache.get("health:probe") == "ok"
    except CACHE_ERRORS:
        return False


def _check_broker() -> bool:
    """Celery's broker accepts a connection (tasks and e-mail are queued there)."""
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001 - any failure to connect means "down", whatever the transport raises
        return False
    return True


@require_GET
@never_cache
def health(request):
    """For monitoring and the compose health check: 200 when the database, the cache and the broker
    answer, 503 (with the same report) when one does not. Workers seen is reported, not judged:
    a worker that was restarted a minute ago must not make the web service unhealthy."""
    checks = {"database": _check_database(), "cache": _check_cache(), "broker": _check_broker()}
    workers = None
    if checks["database"]:
        recent = timezone.now() - timedelta(minutes=5)
        workers = WorkerHeartbeat.objects.filter(last_seen__gte=recent).count()
    healthy = all(checks.values())
    report = {name: "ok" if ok else "fout" for name, ok in checks.items()}
    report["workers_seen_last_5_min"] = workers
    report["status"] = "ok" if healthy else "fout"
    if not healthy:
        health_log.error("health check failed: %s", ", ".join(name for name, ok in checks.items() if not ok))
    return JsonResponse(report, status=200 if healthy else 503)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    user = request.user if hasattr(request, "user") else None
    security_log.warning(
        "authorisation refused: user=%s path=%s method=%s",
        getattr(user, "pk", None) or "anonymous",
        request.path,
        request.method,
    )
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form without a valid CSRF token: a Dutch page that says what to do, logged for security."""
    security_log.warning("csrf refused: path=%s reason=%s", request.path, reason)
    return render(request, "403_csrf.html", {"no_cookies": reason == REASON_NO_CSRF_COOKIE}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# The database is away (restarting, failing over, out of connections): the request cannot be
# served, but it is not a bug. Visitors get a Dutch 503 with Retry-After instead of "er ging iets
# mis", and monitoring sees a 503 (temporary) rather than a 500. The page touches nothing that
# needs the database: a plain template, no context processors.
DATABASE_AWAY = (OperationalError, InterfaceError)


def server_error(request):
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_AWAY):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
