import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

security_log = logging.getLogger("portal.security")


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy headers to every response.

    The policy allows only this site's own scripts and styles (no inline script), so the portal
    never loads anything from the internet at run time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class StaffSessionExpiryMiddleware:
    """Ends staff sessions 30 minutes after the last request and 12 hours after log-in.

    Staff see personal data in tickets, so their sessions are shorter-lived than Django's
    default. The limits are STAFF_SESSION_IDLE_SECONDS and SESSION_COOKIE_AGE. "Staff" here is
    everyone who sees other people's tickets: is_staff users, and partner staff and advisors by
    their helpdesk permissions (partner staff are not is_staff).
    """

    # Holders of any of these see personal data of other people.
    personal_data_permissions = ("helpdesk.work_queue", "helpdesk.view_own_organisation_tickets")

    started_key = "_staff_session_started"
    activity_key = "_staff_last_activity"
    # Write the activity stamp at most once a minute, not on every request.
    activity_resolution = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self.sees_personal_data(user):
            now = int(time.time())
            started = request.session.setdefault(self.started_key, now)
            last = request.session.get(self.activity_key, now)
            idle_too_long = now - last > settings.STAFF_SESSION_IDLE_SECONDS
            too_old = now - started > settings.SESSION_COOKIE_AGE
            if idle_too_long or too_old:
                logout(request)
                messages.info(request, _("Je sessie is verlopen. Log opnieuw in om verder te gaan."))
                return redirect_to_login(request.get_full_path())
            if now - last >= self.activity_resolution or self.activity_key not in request.session:
                request.session[self.activity_key] = now
        return self.get_response(request)

    def sees_personal_data(self, user) -> bool:
        return user.is_staff or any(user.has_perm(permission) for permission in self.personal_data_permissions)


class MethodNotAllowedPageMiddleware:
    """Gives a wrong HTTP method (an empty 405 from Django's require_* decorators) a Dutch page.

    A visitor meets this after, for example, reloading an address that only a button may post to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or getattr(response, "streaming", False):
            return response
        allowed = response.get("Allow", "")
        page = render(request, "405.html", {"only_post": allowed.strip() == "POST"}, status=405)
        page["Allow"] = allowed
        return page


class RequestBodyLimitMiddleware:
    """Refuses a request whose body is larger than REQUEST_MAX_BODY_BYTES with a Dutch 413 page,
    before anything reads the body (Django's own upload limits do not count files).

    It runs after the session, authentication and messages middleware (so the page has its usual
    layout) but before any view: the CSRF check, the first reader of a form, runs in process_view,
    after every middleware's __call__ has started. Bodies without a Content-Length are not read by
    Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BODY_BYTES:
            security_log.warning("request body refused: path=%s length=%s", request.path, length)
            response = render(
                request, "413.html", {"max_size": filesizeformat(settings.REQUEST_MAX_BODY_BYTES)}, status=413
            )
            # The client may still be sending the body: do not keep reading it on this connection.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
