import logging

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from accounts import throttle

security_log = logging.getLogger("portal.security")

THROTTLED_MESSAGE = _(
    "Er is te vaak een verkeerd wachtwoord ingevuld. Wacht een kwartier en probeer het dan opnieuw, "
    "of vraag een nieuw wachtwoord aan."
)
UNAVAILABLE_MESSAGE = _("Inloggen kan op dit moment niet door een storing. Probeer het over een paar minuten opnieuw.")


class ThrottledLoginMixin:
    """For any form that checks a password: runs the check through accounts.throttle.

    Call `self.check_password_throttled(identifier, check)` from clean(); `check()` raises
    ValidationError on a wrong password. The view answers 429 when `form.throttled` and 503 when
    `form.unavailable` (the cache that holds the counters is down: refused, never unthrottled).
    """

    throttled = False
    unavailable = False

    def check_password_throttled(self, identifier: str, check):
        try:
            if throttle.is_throttled(self.request, identifier):
                self.throttled = True
                raise forms.ValidationError(THROTTLED_MESSAGE, code="throttled")
            try:
                result = check()
            except forms.ValidationError:
                throttle.record_failure(self.request, identifier)
                raise
            throttle.record_success(self.request, identifier)
        except throttle.Unavailable:
            self.unavailable = True
            security_log.error("log-in refused: throttle unavailable (cache down)")
            raise forms.ValidationError(UNAVAILABLE_MESSAGE, code="unavailable") from None
        return result


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    """Django's log-in form, refusing further attempts after too many failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord klopt niet. Let op hoofdletters en kleine letters."
        ),
        "throttled": THROTTLED_MESSAGE,
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password"):
            return super().clean()  # the required-field messages; no password was checked
        return self.check_password_throttled(username, super().clean)


class ThrottledPasswordChangeForm(ThrottledLoginMixin, PasswordChangeForm):
    """Changing a password proves the old one: that check is throttled like a log-in."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        return self.check_password_throttled(self.user.get_username(), super().clean_old_password)
