from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from accounts.forms import ThrottledAuthenticationForm, ThrottledPasswordChangeForm


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
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        return _throttle_status(form, super().form_invalid(form))
