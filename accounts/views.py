from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts import signup as signup_service
from accounts.forms import SignupForm, ThrottledAuthenticationForm, ThrottledPasswordChangeForm
from accounts.tasks import send_password_reset
from core.ratelimit import over_limit_or_log


def _throttle_status(form, response):
    """429 when the throttle refused, 503 when it could not count (the cache is down)."""
    if form.unavailable:
        response.status_code = 503
    elif form.throttled:
        response.status_code = 429
    return response


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        return _throttle_status(form, super().form_invalid(form))


@never_cache
def admin_login(request):
    """The admin's own log-in page (/beheer/login/) is not used: it would bypass the throttle.
    Staff log in through the site's log-in and come back to where the admin sent them."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    next_url = next_url or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        # Logged in without admin access: sending them to log in again would loop back here.
        raise PermissionDenied
    return redirect_to_login(next_url, login_url=reverse("accounts:login"))


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a new password: rate-limited, and the e-mail goes through the outbox.

    The request does the same for every address (count the attempt, queue one task); the task
    looks the address up and queues the e-mail (accounts.tasks.send_password_reset). So the answer
    and its timing are the same for a known and an unknown address, and a mail-server outage only
    delays the e-mail.
    """

    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if over_limit_or_log(
            request,
            scope="password-reset",
            limit=settings.PASSWORD_RESET_RATE_LIMIT,
            window=settings.PASSWORD_RESET_RATE_WINDOW_SECONDS,
        ):
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                _("Je hebt in korte tijd te vaak een nieuw wachtwoord gevraagd. Probeer het over een uur opnieuw."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        # Per address too, whoever asks: nobody can fill someone's mailbox with reset e-mails.
        # Counted for unknown addresses alike, and over the limit the answer is the same.
        if not over_limit_or_log(
            self.request,
            scope="password-reset-address",
            limit=settings.PASSWORD_RESET_MAX_PER_ADDRESS,
            window=settings.PASSWORD_RESET_RATE_WINDOW_SECONDS,
            per=email.strip().lower(),
        ):
            language = translation.get_language() or settings.LANGUAGE_CODE
            transaction.on_commit(lambda: send_password_reset.delay(email, language), robust=True)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        return _throttle_status(form, super().form_invalid(form))


# Where each kind of user starts after log-in: their own workspace, first match wins; anyone else
# goes to the home page. Chosen by permission (never by group name), except for network
# coordinators: that role holds no global permission (docs/permissions.md), a coordinator is whoever
# a doe-netwerk names as one.
def _has(permission):
    return lambda user: user.has_perm(permission)


def _coordinates_a_network(user) -> bool:
    # Through the relation's name on the user, so accounts imports nothing from communities.
    networks = getattr(user, "coordinated_networks", None)
    return networks is not None and networks.exists()


WORKSPACES = (
    (_has("helpdesk.work_queue"), "helpdesk:my_work"),
    (_has("helpdesk.view_own_organisation_tickets"), "helpdesk:referral_list"),
    (_has("menukaart.publish_measure"), "admin:index"),
    (_has("menukaart.change_measure"), "admin:index"),
    (_coordinates_a_network, "communities:my_networks"),
    (_has("helpdesk.view_own_tickets"), "helpdesk:my_tickets"),
)


@login_required
@require_GET
def start(request):
    """The page after log-in (LOGIN_REDIRECT_URL) when no `next` address was asked for."""
    for applies, url_name in WORKSPACES:
        if applies(request.user):
            return redirect(url_name)
    return redirect("core:home")


# --- Employers' own accounts (sign-up, e-mail verification) ----------------------------------------


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return render(request, "registration/signup_logged_in.html")
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if signup_service.signup_rate_limited(request):
            form.add_error(
                None,
                _("Er zijn vanaf deze verbinding te veel accounts aangevraagd. Probeer het over een uur opnieuw."),
            )
            return render(request, "registration/signup.html", {"form": form, "next": next_url}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            signup_service.register_employer(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                organisation_name=data["organisation_name"],
                session=request.session,
                next_url=next_url,
            )
            # The same answer whether or not the address already had an account (no enumeration).
            request.session["signup_email"] = data["email"]
            return redirect("accounts:signup_done")
        return render(request, "registration/signup.html", {"form": form, "next": next_url}, status=400)
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


@require_GET
def signup_done(request):
    return render(
        request,
        "registration/signup_done.html",
        {"email": request.session.get("signup_email", ""), "hours": settings.ACCOUNT_VERIFY_HOURS},
    )


@require_http_methods(["GET", "POST"])
def signup_verify(request, token):
    """GET shows a button (mail scanners that open links must not activate accounts); POST verifies."""
    try:
        user = signup_service.user_for_token(token)
    except signup_service.VerificationExpired:
        return render(
            request,
            "registration/signup_verify.html",
            {"expired": True, "hours": settings.ACCOUNT_VERIFY_HOURS},
            status=410,
        )
    if user is None:
        return render(request, "registration/signup_verify.html", {"invalid": True}, status=404)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method == "POST":
        signup_service.verify_employer(user=user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Je e-mailadres is bevestigd. Welkom! Je bent nu ingelogd."))
        return redirect(next_url or "core:home")
    return render(request, "registration/signup_verify.html", {"user_to_verify": user, "next": next_url})
