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
                field.error_messages["max_length"] = _(
                    "Dit is te lang: gebruik ten hoogste %(limit_value)d tekens (nu %(show_value)d)."
                )
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
        from django.contrib.auth import password_validation
        from django.contrib.auth import get_user_model

        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif first:
            probe = get_user_model()(
                email=cleaned.get("email", ""), first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", "")
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as problems:
                self.add_error("password1", problems)
        return cleaned
