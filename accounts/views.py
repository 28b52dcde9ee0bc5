from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from accounts.forms import ThrottledAuthenticationForm


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")


# Where each kind of user starts after log-in: their own workspace. Chosen by permission (never by
# group name), first match wins; anyone else goes to the home page.
WORKSPACES = (
    ("helpdesk.work_queue", "helpdesk:my_work"),
    ("helpdesk.view_own_organisation_tickets", "helpdesk:referral_list"),
    ("menukaart.publish_measure", "admin:index"),
    ("menukaart.change_measure", "admin:index"),
    ("helpdesk.view_own_tickets", "helpdesk:my_tickets"),
)


@login_required
@require_GET
def start(request):
    """The page after log-in (LOGIN_REDIRECT_URL) when no `next` address was asked for."""
    for permission, url_name in WORKSPACES:
        if request.user.has_perm(permission):
            return redirect(url_name)
    return redirect("core:home")
