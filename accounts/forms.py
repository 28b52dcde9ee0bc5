import logging
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import throttle
from core.forms import TOO_LONG

security_log = logging.getLogger("portal.security")

THROTTLED_MESSAGE = _(
    "Er is te vaak een verkeerd wachtwoord ingevuld. Wacht een kwartier en probeer het dan opnieuw, "
    "of vraag een nieuw wachtwoord aan."
)
UNAVAILABLE_MESSAGE = _("Inloggen kan op dit moment niet door een storing. Probeer het over een paar minuten opnieuw.")


def without_autofocus(form) -> None:
    """Django's log-in and password forms put the cursor in their first field, so the first Tab
    skips the skip link and the menu and a screen reader starts mid-page: take that out."""
    for field in form.fields.values():
        field.widget.attrs.pop("autofocus", None)


class ThrottledLoginMixin:
    """For any form that checks a password: runs the check through accounts.throttle.

    Call `self.check_password_throttled(identifier, check)` from clean(); `check()` raises
    ValidationError on a wrong password. The view answers 429 when `form.throttled` and 503 when
    `form.unavailable` (the cache that holds the counters is down: refused, never unthrottled).
    """

    request: HttpRequest | None  # set by the form class it is mixed into
    throttled = False
    unavailable = False

    def check_password_throttled(self, identifier: str, check: Callable[[], Any]) -> Any:
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Employers log in with their e-mail address (accounts.backends.EmailBackend).
        self.fields["username"].label = _("E-mailadres of gebruikersnaam")
        without_autofocus(self)

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
        without_autofocus(self)

    def clean_old_password(self):
        return self.check_password_throttled(self.user.get_username(), super().clean_old_password)


class SignupForm(forms.Form):
    """An employer's own account. The address is verified before the account works."""

    first_name = forms.CharField(
        label=_("Voornaam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Achternaam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    organisation_name = forms.CharField(
        label=_("Naam van je organisatie"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Hiermee log je in. We sturen er een link heen om het te bevestigen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.")},
    )
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        help_text=_("Minstens 12 tekens; niet alleen cijfers en geen veelgebruikt wachtwoord."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Wachtwoord nog een keer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    privacy = forms.BooleanField(
        label=_("Ik ga akkoord met het bewaren van mijn naam, organisatie en e-mailadres voor mijn account."),
        error_messages={"required": _("Zonder dit akkoord kunnen we geen account maken.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = TOO_LONG
            field.error_messages.setdefault("required", _("Vul dit veld in."))
            if field.error_messages["required"] == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = _("Vul dit veld in.")

    def clean_organisation_name(self):
        from accounts.models import Organisation, OrganisationKind

        name = self.cleaned_data["organisation_name"].strip()
        taken = Organisation.objects.filter(name__iexact=name).exclude(kind=OrganisationKind.EMPLOYER).exists()
        if taken:
            raise forms.ValidationError(
                _("Deze naam hoort bij een partnerorganisatie. Vul de naam van je eigen organisatie in.")
            )
        return name

    def clean(self):
        from django.contrib.auth import get_user_model, password_validation

        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif first:
            probe = get_user_model()(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as problems:
                self.add_error("password1", problems)
        return cleaned
