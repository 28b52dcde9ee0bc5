from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts import throttle


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's log-in form, refusing further attempts after too many failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord klopt niet. Let op hoofdletters en kleine letters."
        ),
        "throttled": _(
            "Er is te vaak een verkeerd wachtwoord ingevuld. Wacht een kwartier en probeer het dan opnieuw, "
            "of vraag een nieuw wachtwoord aan."
        ),
    }

    throttled = False

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if throttle.is_throttled(self.request, username):
            self.throttled = True
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(self.request, username)
            raise
        throttle.clear_account(self.request, username)
        return cleaned
